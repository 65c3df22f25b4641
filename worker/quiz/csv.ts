/**
 * Importer for quizzes kept in a spreadsheet and saved as CSV (the layout of docs/samples/quiz-template.csv):
 * one header row naming the columns, then one question per row.
 *
 *   Question | Answer 1 … Answer 6 | Time limit | Correct answer | Kind | Explanation | Image | Double
 *   | Min | Max | Step | Tolerance | Unit   (the last five for slider questions only)
 *
 * Rows are numbered as the spreadsheet numbers them (the header and any rows above it count), so "row 7" in a
 * problem is row 7 on the host's screen. docs/quiz-format.md is the reference for every column.
 */
import Papa from "papaparse";
import { Quiz, QuizQuestion } from "../protocol/schemas";
import { DEFAULT_CSV_TITLE, LIMITS, QUESTION_KINDS, type QuestionKind } from "../protocol/values";
import { failed, type ImportResult, issueMessage, type Locate, sizeProblem } from "./problems";

type Column = "question" | "answer" | "time" | "correct" | "kind" | "explanation" | "image" | "double" | SliderColumn;

/** The columns only a slider question fills. */
const SLIDER_COLUMNS = ["min", "max", "step", "tolerance", "unit"] as const;
type SliderColumn = (typeof SLIDER_COLUMNS)[number];

/** The column names shown in problems, in the template's words. */
const COLUMN_NAMES: Record<Exclude<Column, "answer">, string> = {
  question: "question",
  time: "time limit",
  correct: "correct answer",
  kind: "kind",
  explanation: "explanation",
  image: "image",
  double: "double",
  min: "min",
  max: "max",
  step: "step",
  tolerance: "tolerance",
  unit: "unit",
};

const KNOWN_COLUMNS =
  "question, answer 1 … answer 6, time limit, correct answer, kind, explanation, image, double, min, max, step, tolerance, unit (plus an optional Title row above the header)";

/**
 * Reduces a header cell to its name: spreadsheet templates often explain a column in its header ("Answer 1 - max
 * 75 characters", "Time limit (sec) – 5, 10, 20…", "Correct answer(s)"), so anything after a dash or bracket goes.
 */
function headerName(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/\s+[-–—]\s.*$/s, "")
    .replace(/\(.*$/s, "")
    .replace(/[*:]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function columnOf(name: string): { column: Column; answer?: number } | { tooManyAnswers: number } | null {
  const answer = /^(?:answer|choice|option) ?(\d+)$/.exec(name);
  if (answer) {
    const n = Number(answer[1]);
    return n >= 1 && n <= LIMITS.choices.max ? { column: "answer", answer: n } : { tooManyAnswers: n };
  }
  if (["kind", "type", "question type", "kind of question"].includes(name)) return { column: "kind" };
  if (["question", "question text", "text"].includes(name)) return { column: "question" };
  if (["time", "time limit", "seconds", "timer", "time limit sec"].includes(name)) return { column: "time" };
  if (name.startsWith("correct")) return { column: "correct" };
  if (["explanation", "explanation text"].includes(name)) return { column: "explanation" };
  if (["image", "image url", "image link", "picture"].includes(name)) return { column: "image" };
  if (["double", "double points"].includes(name)) return { column: "double" };
  if (["min", "minimum", "slider min"].includes(name)) return { column: "min" };
  if (["max", "maximum", "slider max"].includes(name)) return { column: "max" };
  if (["step", "slider step"].includes(name)) return { column: "step" };
  if (["tolerance", "margin"].includes(name)) return { column: "tolerance" };
  if (["unit", "units"].includes(name)) return { column: "unit" };
  return null;
}

/** A, B, … Z, AA, AB: how a spreadsheet names column `index` (0-based). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const KIND_WORDS: Record<string, QuestionKind> = {
  choice: "choice",
  "multiple choice": "choice",
  quiz: "choice",
  single: "choice",
  truefalse: "truefalse",
  "true/false": "truefalse",
  "true false": "truefalse",
  "true or false": "truefalse",
  tf: "truefalse",
  boolean: "truefalse",
  multi: "multi",
  multiple: "multi",
  "multiple answers": "multi",
  "multi select": "multi",
  "multi-select": "multi",
  type: "type",
  typed: "type",
  "type answer": "type",
  "type the answer": "type",
  open: "type",
  poll: "poll",
  survey: "poll",
  slider: "slider",
  range: "slider",
  estimate: "slider",
  number: "slider",
  order: "order",
  ordering: "order",
  sort: "order",
  sequence: "order",
  puzzle: "order",
  "put in order": "order",
};

const YES = new Set(["yes", "y", "true", "1", "x", "double", "2x", "x2"]);
const NO = new Set(["no", "n", "false", "0"]);

interface Header {
  rowIndex: number;
  columns: Map<number, { column: Column; answer?: number }>;
  has: Set<Column>;
}

function findHeader(rows: string[][], errors: string[]): Header | null {
  const isQuestionColumn = (cell: string) => {
    const found = columnOf(headerName(cell));
    return found !== null && "column" in found && found.column === "question";
  };
  const rowIndex = rows.findIndex((row) => row.some(isQuestionColumn));
  if (rowIndex < 0) {
    errors.push(
      'no header row: one row must name the columns, starting with "Question" (download the template from /api/quiz-template.csv)',
    );
    return null;
  }
  const header: Header = { rowIndex, columns: new Map(), has: new Set() };
  const seen = new Map<string, number>();
  (rows[rowIndex] as string[]).forEach((cell, i) => {
    const name = headerName(cell);
    if (name === "") return;
    const found = columnOf(name);
    const where = `row ${rowIndex + 1}, column ${columnLetter(i)}`;
    if (found === null) {
      errors.push(`${where}: unknown column "${cell.trim()}"; the columns are ${KNOWN_COLUMNS}`);
      return;
    }
    if ("tooManyAnswers" in found) {
      errors.push(
        `${where}: "${cell.trim()}" — a question has at most ${LIMITS.choices.max} answers (answer 1 … answer ${LIMITS.choices.max})`,
      );
      return;
    }
    const key = found.column === "answer" ? `answer ${found.answer}` : COLUMN_NAMES[found.column];
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(`${where}: "${key}" appears twice (columns ${columnLetter(earlier)} and ${columnLetter(i)})`);
      return;
    }
    seen.set(key, i);
    header.columns.set(i, found);
    header.has.add(found.column);
  });
  // Every kind but a slider takes its answers from the answer columns; a sheet of sliders has min and max instead.
  if (!header.has.has("answer") && !header.has.has("min") && errors.length === 0) {
    errors.push(`row ${rowIndex + 1}: there is no "Answer 1" column; answers go in columns Answer 1 … Answer 6`);
  }
  return header;
}

/** A title from an optional `Title,<text>` row above the header. */
function titleAbove(rows: string[][], headerRow: number): string | undefined {
  for (const row of rows.slice(0, headerRow)) {
    const cells = row.map((c) => c.trim());
    const at = cells.findIndex((c) => /^(quiz )?title:?$/i.test(c));
    const title = at >= 0 ? cells.slice(at + 1).find((c) => c !== "") : undefined;
    if (title) return title;
  }
  return undefined;
}

type RowCells = Record<Exclude<Column, "answer">, string> & { answers: string[] };

function readRow(row: string[], header: Header): RowCells {
  const cells: RowCells = {
    question: "",
    answers: new Array<string>(LIMITS.choices.max).fill(""),
    time: "",
    correct: "",
    kind: "",
    explanation: "",
    image: "",
    double: "",
    min: "",
    max: "",
    step: "",
    tolerance: "",
    unit: "",
  };
  for (const [i, { column, answer }] of header.columns) {
    const value = (row[i] ?? "").trim();
    if (column === "answer") cells.answers[(answer as number) - 1] = value;
    else cells[column] = value;
  }
  return cells;
}

/** Reads "2", "1,3", "1; 3", "1 3" or letters "B", "A,C" into answer numbers (1-based). */
function parseCorrect(text: string): { numbers: number[]; bad: string[] } {
  const numbers: number[] = [];
  const bad: string[] = [];
  for (const token of text.split(/[\s,;/&+]+|\band\b/i).filter((t) => t !== "")) {
    if (/^\d+$/.test(token)) numbers.push(Number(token));
    else if (/^[a-f]$/i.test(token)) numbers.push(token.toUpperCase().charCodeAt(0) - 64);
    else bad.push(token);
  }
  return { numbers, bad };
}

/**
 * A number as a spreadsheet writes it: "1969", "-3.5", or "3,5" with a decimal comma (as European spreadsheets
 * save it). "1,000" is refused: it could be a thousand or one. Returns the problem to report when it is no number.
 */
function parseNumber(name: string, text: string): { value: number } | { problem: string } {
  const cell = text.replace(/^\+/, "");
  if (/^-?\d{1,3},\d{3}$/.test(cell)) {
    return {
      problem: `${name} "${text}" could be a thousand or one; write ${cell.replace(",", "")}, or use a point for decimals`,
    };
  }
  const plain = cell.replace(/^(-?\d*),(\d+)$/, "$1.$2");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain)) return { problem: `${name} "${text}" is not a number` };
  return { value: Number(plain) };
}

/** Builds one question from a row, adding the row's problems; the fields that had one are in `failedFields`. */
function questionFromRow(
  cells: RowCells,
  header: Header,
  row: number,
  errors: string[],
): { candidate: Record<string, unknown>; failedFields: Set<string> } {
  const at = `row ${row}`;
  const failedFields = new Set<string>();
  const problem = (field: string, text: string) => {
    failedFields.add(field);
    errors.push(`${at}: ${text}`);
  };

  const lastFilled = cells.answers.reduce((last, a, i) => (a !== "" ? i : last), -1);
  const answers = cells.answers.slice(0, lastFilled + 1);
  const gap = answers.indexOf("");
  if (gap >= 0) {
    problem(
      "choices",
      `answer ${gap + 1} is empty but answer ${lastFilled + 1} is not; fill the answers from answer 1 without gaps`,
    );
  }
  const filled = answers.filter((a) => a !== "");

  const { numbers, bad } = parseCorrect(cells.correct);
  const isTrueFalsePair =
    filled.length === 2 &&
    new Set(filled.map((a) => a.toLowerCase())).size === 2 &&
    filled.every((a) => /^(true|false)$/i.test(a));

  const candidate: Record<string, unknown> = { text: cells.question };
  if (cells.question === "") problem("text", "question is empty");

  if (cells.time !== "") {
    const time = /^(\d+)\s*(?:s|sec|secs|seconds?)?$/i.exec(cells.time);
    const { min, max } = LIMITS.questionSeconds;
    if (!time) problem("seconds", `time limit "${cells.time}" is not a whole number of seconds`);
    else if (Number(time[1]) < min || Number(time[1]) > max) {
      problem("seconds", `time limit ${time[1]} seconds is outside ${min}–${max}`);
    } else candidate.seconds = Number(time[1]);
  }
  if (cells.double !== "") {
    const word = cells.double.toLowerCase();
    if (YES.has(word)) candidate.double = true;
    else if (NO.has(word)) candidate.double = false;
    else problem("double", `double "${cells.double}" should be yes or no`);
  }
  if (cells.explanation !== "") candidate.explanation = cells.explanation;
  if (cells.image !== "") candidate.image = cells.image;

  let kind: QuestionKind;
  const kindWord = cells.kind.toLowerCase().replace(/\s+/g, " ");
  if (kindWord !== "") {
    const known = KIND_WORDS[kindWord];
    if (!known) {
      problem("kind", `kind "${cells.kind}" is not one of ${QUESTION_KINDS.join(", ")}`);
      return { candidate, failedFields };
    }
    kind = known;
  } else if (filled.length === 0 && (cells.min !== "" || cells.max !== "")) {
    kind = "slider";
  } else if (numbers.length > 1) {
    kind = "multi";
  } else if (isTrueFalsePair || (filled.length === 0 && /^(true|false)$/i.test(cells.correct))) {
    kind = "truefalse";
  } else {
    kind = "choice";
  }

  candidate.kind = kind;
  if (kind !== "slider") {
    for (const column of SLIDER_COLUMNS) {
      if (cells[column] !== "")
        problem(column, `${column} is only for slider questions; leave it empty or set kind to slider`);
    }
  }

  const noCorrectColumn = header.has.has("correct") ? "" : ' (the file has no "Correct answer" column)';
  const checkNumbers = (): boolean => {
    if (bad.length > 0) {
      problem(
        "correct",
        `correct answer "${bad.join(", ")}" is not an answer number (1–${LIMITS.choices.max}, or a letter A–F)`,
      );
      return false;
    }
    const repeated = numbers.find((n, i) => numbers.indexOf(n) !== i);
    if (repeated !== undefined) {
      problem("correct", `correct answer ${repeated} is listed twice`);
      return false;
    }
    const outside = numbers.filter((n) => n < 1 || n > filled.length);
    if (outside.length > 0) {
      problem(
        "correct",
        `correct answer ${outside.join(", ")} but only ${filled.length} answer${filled.length === 1 ? "" : "s"}`,
      );
      return false;
    }
    return true;
  };

  switch (kind) {
    case "choice":
    case "multi": {
      candidate.choices = filled;
      if (filled.length < LIMITS.choices.min && gap < 0) {
        problem(
          "choices",
          `a ${kind} question needs at least ${LIMITS.choices.min} answers, and this one has ${filled.length}`,
        );
      }
      if (numbers.length === 0 && bad.length === 0) {
        problem("correct", `correct answer is missing${noCorrectColumn}; give the number of the right answer`);
      } else if (checkNumbers()) {
        if (kind === "choice" && numbers.length > 1) {
          problem(
            "correct",
            `a choice question has one correct answer but ${numbers.length} are given (${numbers.join(", ")}); set kind to multi for several`,
          );
        } else {
          candidate.correct = kind === "choice" ? (numbers[0] as number) - 1 : numbers.map((n) => n - 1);
        }
      }
      break;
    }
    case "truefalse": {
      const word = cells.correct.toLowerCase();
      if (filled.length > 0 && !isTrueFalsePair) {
        problem("choices", "a truefalse question's answers must be True and False (or left empty)");
        failedFields.add("correct");
      } else if (word === "true" || word === "false") {
        candidate.correct = word === "true";
      } else if (numbers.length === 0 && bad.length === 0) {
        problem("correct", `correct answer is missing${noCorrectColumn}; give true or false`);
      } else if (numbers.length === 1 && bad.length === 0 && (numbers[0] === 1 || numbers[0] === 2)) {
        // With the answers written out, the number points at one of them; with none, 1 is True and 2 is False.
        const label =
          filled.length === 2 ? (filled[(numbers[0] as number) - 1] as string) : numbers[0] === 1 ? "true" : "false";
        candidate.correct = label.toLowerCase() === "true";
      } else {
        problem("correct", `correct answer "${cells.correct}" should be true or false (or 1 for True, 2 for False)`);
      }
      break;
    }
    case "type":
      candidate.accepted = filled;
      if (filled.length === 0) {
        problem("accepted", "a type question needs at least one accepted answer in the answer columns");
      }
      if (cells.correct !== "") {
        problem("correct", "a type question accepts every answer in its answer columns; leave correct answer empty");
      }
      break;
    case "poll":
      candidate.choices = filled;
      if (filled.length < LIMITS.choices.min && gap < 0) {
        problem("choices", `a poll needs at least ${LIMITS.choices.min} answers, and this one has ${filled.length}`);
      }
      if (cells.correct !== "") problem("correct", "a poll has no correct answer; leave correct answer empty");
      break;
    case "order":
      candidate.items = filled;
      if (filled.length < LIMITS.orderItems.min && gap < 0) {
        problem(
          "items",
          `an order question needs at least ${LIMITS.orderItems.min} answers, written in the right order, and this one has ${filled.length}`,
        );
      }
      if (cells.correct !== "") {
        problem("correct", "an order question's answers are written in the right order; leave correct answer empty");
      }
      break;
    case "slider": {
      if (filled.length > 0) {
        problem("choices", "a slider question has no answers; its range goes in the min and max columns");
      }
      const numberIn = (field: "min" | "max" | "step" | "tolerance" | "correct", text: string, required: string) => {
        const name = COLUMN_NAMES[field];
        if (text === "") {
          if (required) problem(field, `${name} is missing${noSliderColumn(field)}; ${required}`);
          return;
        }
        const parsed = parseNumber(name, text);
        if ("problem" in parsed) problem(field, parsed.problem);
        else candidate[field] = parsed.value;
      };
      const noSliderColumn = (field: Column) =>
        header.has.has(field) ? "" : ` (the file has no "${COLUMN_NAMES[field as Exclude<Column, "answer">]}" column)`;
      numberIn("min", cells.min, "a slider needs its lowest value");
      numberIn("max", cells.max, "a slider needs its highest value");
      numberIn("step", cells.step, "");
      numberIn("tolerance", cells.tolerance, "");
      numberIn("correct", cells.correct, "give the right value");
      if (cells.unit !== "") candidate.unit = cells.unit;
      break;
    }
  }
  return { candidate, failedFields };
}

/** Where a question's field lives in the spreadsheet. */
function locateInRow(row: number): Locate {
  return (path) => {
    const [key, index] = path;
    const n = typeof index === "number" ? index + 1 : null;
    const field =
      key === "choices" || key === "accepted" || key === "items"
        ? n
          ? `answer ${n}`
          : "answers"
        : key === "text"
          ? "question"
          : key === "seconds"
            ? "time limit"
            : key === "correct"
              ? "correct answer"
              : String(key ?? "");
    return { place: `row ${row}`, field };
  };
}

export function importCsv(content: string, options: { title?: string } = {}): ImportResult {
  const tooBig = sizeProblem(content);
  if (tooBig) return failed([tooBig]);
  const parsed = Papa.parse<string[]>(content.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const errors: string[] = [];
  for (const e of parsed.errors) {
    // Papa falls back to commas when it cannot tell the delimiter (a one-column file); that is not a problem.
    if (e.code === "UndetectableDelimiter") continue;
    const where = e.row !== undefined && e.row !== null ? `row ${e.row + 1}: ` : "";
    errors.push(
      e.code === "MissingQuotes" ? `${where}a quoted cell is never closed (a " is missing)` : `${where}${e.message}`,
    );
  }
  if (errors.length > 0) return failed(errors);
  const rows = parsed.data;
  const header = findHeader(rows, errors);
  if (!header) return failed(errors);
  if (errors.length > 0) return failed(errors);

  const questions: QuizQuestion[] = [];
  let dataRows = 0;
  const width = Math.max(...header.columns.keys()) + 1;
  for (let r = header.rowIndex + 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    if (row.every((cell) => cell.trim() === "")) continue;
    dataRows++;
    const rowNumber = r + 1;
    const stray = row.findIndex((cell, i) => cell.trim() !== "" && !header.columns.has(i));
    if (stray >= 0) {
      errors.push(
        `row ${rowNumber}: column ${columnLetter(stray)} holds "${row[stray]?.trim()}" but ${stray >= width ? "has no header" : "its header is empty"}`,
      );
    }
    const { candidate, failedFields } = questionFromRow(readRow(row, header), header, rowNumber, errors);
    if (failedFields.has("kind")) continue;
    const checked = QuizQuestion.safeParse(candidate, { reportInput: true });
    if (checked.success) {
      questions.push(checked.data);
      continue;
    }
    const locate = locateInRow(rowNumber);
    for (const issue of checked.error.issues) {
      // A field the row check already complained about would only be reported twice, less clearly.
      if (failedFields.has(String(issue.path[0] ?? ""))) continue;
      errors.push(issueMessage(issue, locate, candidate));
    }
  }
  if (questions.length === 0 && errors.length === 0) {
    errors.push(`no questions: there are no rows below the header (row ${header.rowIndex + 1})`);
  }
  if (dataRows > LIMITS.customQuestions.max) {
    errors.push(`the file has ${dataRows} questions; a quiz holds at most ${LIMITS.customQuestions.max}`);
  }
  if (errors.length > 0) return failed(errors);

  const quiz = Quiz.safeParse(
    { title: titleAbove(rows, header.rowIndex) ?? options.title ?? DEFAULT_CSV_TITLE, questions },
    { reportInput: true },
  );
  if (quiz.success) return { ok: true, quiz: quiz.data };
  return failed(
    quiz.error.issues.map((issue) =>
      issueMessage(issue, (path) => ({ place: "", field: path.map(String).join(".") }), null),
    ),
  );
}
