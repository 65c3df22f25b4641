/**
 * Importer for Open Trivia DB's JSON response (https://opentdb.com/api_config.php): what its API returns, saved to a
 * file. `multiple` questions become `choice` questions and `boolean` ones `truefalse`; difficulty and category are
 * kept. Texts come HTML-escaped ("&quot;", "&#039;") by default and are decoded; a response fetched with
 * `encode=base64` is recognised and decoded too.
 */
import { decodeHTML } from "entities";
import { z } from "zod";
import { Quiz, QuizQuestion } from "../protocol/schemas";
import { LIMITS } from "../protocol/values";
import { parseJson } from "./json";
import { failed, type ImportResult, issueMessage, type Locate, sizeProblem } from "./problems";

/** What Open Trivia DB's response_code values mean, in its own documentation's terms. */
const RESPONSE_CODES: Record<number, string> = {
  1: "No Results: the API has too few questions for that query",
  2: "Invalid Parameter: the query's arguments were not valid",
  3: "Token Not Found: the session token does not exist",
  4: "Token Empty: the session token has returned every question for that query; reset it",
  5: "Rate Limit: too many requests; each IP may ask once every 5 seconds",
};

const OpenTdbResult = z.object({
  type: z.string(),
  difficulty: z.string().optional(),
  category: z.string().optional(),
  question: z.string(),
  correct_answer: z.string(),
  incorrect_answers: z.array(z.string()),
});
type OpenTdbResult = z.infer<typeof OpenTdbResult>;

const OpenTdbResponse = z.object({
  response_code: z.number().int(),
  results: z.array(OpenTdbResult),
});

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function fromBase64(text: string): string {
  const binary = atob(text);
  return utf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** True when the response was requested with encode=base64: the `type` fields are then base64 of a known type. */
function isBase64(results: OpenTdbResult[]): boolean {
  return (
    results.length > 0 &&
    results.every((r) => {
      try {
        return /^(multiple|boolean)$/.test(atob(r.type));
      } catch {
        return false;
      }
    })
  );
}

function decodeResult(r: OpenTdbResult, decode: (s: string) => string): OpenTdbResult {
  return {
    type: decode(r.type),
    difficulty: r.difficulty === undefined ? undefined : decode(r.difficulty),
    category: r.category === undefined ? undefined : decode(r.category),
    question: decode(r.question).trim(),
    correct_answer: decode(r.correct_answer).trim(),
    incorrect_answers: r.incorrect_answers.map((a) => decode(a).trim()),
  };
}

/** Open Trivia DB's fields, named as the file names them, for problems. */
function locateInResult(n: number): Locate {
  return (path) => {
    const [key, index] = path;
    const field =
      key === "text"
        ? "question"
        : key === "choices" && typeof index === "number"
          ? index === 0
            ? "correct_answer"
            : `incorrect_answers item ${index}`
          : key === "choices"
            ? "answers"
            : String(key ?? "");
    return { place: `question ${n}`, field };
  };
}

export function importOpenTdb(content: string, options: { title?: string } = {}): ImportResult {
  const tooBig = sizeProblem(content);
  if (tooBig) return failed([tooBig]);
  const parsed = parseJson(content);
  if (!parsed.ok) return failed([parsed.problem]);
  const shape = OpenTdbResponse.safeParse(parsed.value, { reportInput: true });
  if (!shape.success) {
    const locate: Locate = (path) =>
      path[0] === "results" && typeof path[1] === "number"
        ? { place: `question ${path[1] + 1}`, field: path.slice(2).map(String).join(".") }
        : { place: "", field: path.map(String).join(".") };
    return failed([
      'this is not an Open Trivia DB response ({"response_code": 0, "results": [...]})',
      ...shape.error.issues.map((issue) => issueMessage(issue, locate, parsed.value)),
    ]);
  }
  const response = shape.data;
  if (response.response_code !== 0) {
    const meaning = RESPONSE_CODES[response.response_code] ?? "an error Open Trivia DB does not document";
    return failed([`Open Trivia DB answered response_code ${response.response_code} (${meaning}); fetch again`]);
  }
  if (response.results.length === 0) return failed(["the response holds no questions (results is empty)"]);
  if (response.results.length > LIMITS.customQuestions.max) {
    return failed([
      `the response has ${response.results.length} questions; a quiz holds at most ${LIMITS.customQuestions.max}`,
    ]);
  }

  const errors: string[] = [];
  const decode = isBase64(response.results) ? fromBase64 : decodeHTML;
  const questions: QuizQuestion[] = [];
  response.results.forEach((raw, i) => {
    const n = i + 1;
    let r: OpenTdbResult;
    try {
      r = decodeResult(raw, decode);
    } catch {
      errors.push(`question ${n}: a text is not valid base64-encoded UTF-8`);
      return;
    }
    const common = {
      text: r.question,
      ...(r.category ? { category: r.category } : {}),
      ...(r.difficulty ? { difficulty: r.difficulty } : {}),
    };
    let candidate: Record<string, unknown>;
    if (r.type === "multiple" && r.incorrect_answers.length === 0) {
      errors.push(`question ${n}: a multiple question needs at least one of incorrect_answers`);
      return;
    }
    if (r.type === "multiple") {
      // The correct answer goes first; every game shuffles the choices again on the server.
      candidate = { ...common, kind: "choice", choices: [r.correct_answer, ...r.incorrect_answers], correct: 0 };
    } else if (r.type === "boolean") {
      const answer = r.correct_answer.toLowerCase();
      if (answer !== "true" && answer !== "false") {
        errors.push(
          `question ${n}: a boolean question's correct_answer must be True or False, not "${r.correct_answer}"`,
        );
        return;
      }
      candidate = { ...common, kind: "truefalse", correct: answer === "true" };
    } else {
      errors.push(`question ${n}: type "${r.type}" is not one Open Trivia DB uses (multiple or boolean)`);
      return;
    }
    const checked = QuizQuestion.safeParse(candidate, { reportInput: true });
    if (checked.success) questions.push(checked.data);
    else errors.push(...checked.error.issues.map((issue) => issueMessage(issue, locateInResult(n), candidate)));
  });
  if (errors.length > 0) return failed(errors);

  const quiz = Quiz.safeParse({ title: options.title ?? titleFor(questions), questions }, { reportInput: true });
  if (quiz.success) return { ok: true, quiz: quiz.data };
  return failed(quiz.error.issues.map((issue) => issueMessage(issue, () => ({ place: "", field: "title" }), null)));
}

/** "Science: Computers (Open Trivia DB)" when every question shares a category. */
function titleFor(questions: QuizQuestion[]): string {
  const categories = new Set(questions.map((q) => q.category));
  const only = categories.size === 1 ? [...categories][0] : undefined;
  return only ? `${only} (Open Trivia DB)`.slice(0, LIMITS.quizTitleLength) : "Open Trivia DB quiz";
}
