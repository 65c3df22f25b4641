/**
 * A quiz as a spreadsheet, in the layout of the CSV template (docs/samples/quiz-template.csv), so it opens in Excel,
 * Numbers or Google Sheets and imports again. The CSV layout has room for 6 answers per row and no category or
 * difficulty: what does not fit is said in `note`.
 */

import type { Quiz, QuizQuestion } from "@protocol/schemas";
import { LIMITS } from "@protocol/values";
import Papa from "papaparse";
import { fill, i18n } from "../../i18n";
import { slugify } from "../../lib/download";

// The file's header and cells stay in English: they are the format the importer reads, in any language.
const messages = i18n("quizCsv", {
  longTyped: "A spreadsheet row holds {max} accepted answers; question {questions} kept only the first {max}.",
  noCategories: "Categories and difficulties are not part of the spreadsheet layout; export JSON to keep them.",
});

const HEADER = [
  "Question",
  ...Array.from({ length: LIMITS.choices.max }, (_, i) => `Answer ${i + 1}`),
  "Time limit (sec)",
  "Correct answer(s)",
  "Kind",
  "Explanation",
  "Image",
  "Double",
  "Min",
  "Max",
  "Step",
  "Tolerance",
  "Unit",
];

function answersOf(q: QuizQuestion): { answers: string[]; correct: string } {
  switch (q.kind) {
    case "choice":
      return { answers: q.choices, correct: String(q.correct + 1) };
    case "multi":
      return { answers: q.choices, correct: q.correct.map((i) => i + 1).join(",") };
    case "poll":
      return { answers: q.choices, correct: "" };
    case "truefalse":
      return { answers: ["True", "False"], correct: q.correct ? "true" : "false" };
    case "type":
      return { answers: q.accepted.slice(0, LIMITS.choices.max), correct: "" };
    case "slider":
      return { answers: [], correct: String(q.correct) };
    case "order":
      return { answers: q.items, correct: "" };
  }
}

/** A slider's own columns (min, max, step, tolerance, unit); empty for every other kind. */
function sliderCells(q: QuizQuestion): string[] {
  if (q.kind !== "slider") return ["", "", "", "", ""];
  return [String(q.min), String(q.max), String(q.step), String(q.tolerance), q.unit ?? ""];
}

export function quizCsv(quiz: Quiz): { blob: Blob; filename: string; note: string | null } {
  const rows = quiz.questions.map((q) => {
    const { answers, correct } = answersOf(q);
    const slots = Array.from({ length: LIMITS.choices.max }, (_, i) => answers[i] ?? "");
    return [
      q.text,
      ...slots,
      q.seconds === undefined ? "" : String(q.seconds),
      correct,
      q.kind,
      q.explanation ?? "",
      q.image ?? "",
      q.double ? "yes" : "",
      ...sliderCells(q),
    ];
  });
  const lost: string[] = [];
  const longTyped = quiz.questions.flatMap((q, i) =>
    q.kind === "type" && q.accepted.length > LIMITS.choices.max ? [i + 1] : [],
  );
  if (longTyped.length) {
    lost.push(fill(messages.get().longTyped, { max: LIMITS.choices.max, questions: longTyped.join(", ") }));
  }
  if (quiz.questions.some((q) => q.category || q.difficulty)) {
    lost.push(messages.get().noCategories);
  }
  const title = ["Title", quiz.title, ...new Array<string>(HEADER.length - 2).fill("")];
  // A byte order mark, so Excel reads the file as UTF-8 (the importer skips it).
  const text = `\uFEFF${Papa.unparse([title, HEADER, ...rows], { newline: "\r\n" })}\r\n`;
  return {
    blob: new Blob([text], { type: "text/csv;charset=utf-8" }),
    filename: `${slugify(quiz.title)}.csv`,
    note: lost.length ? lost.join(" ") : null,
  };
}
