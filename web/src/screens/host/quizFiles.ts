/** What the host's browser does with quiz files itself: recognise a format, refuse what cannot be a quiz, export. */
import type { Quiz } from "@protocol/schemas";
import { LIMITS, type QuizFormat } from "@protocol/values";
import { fill, i18n } from "../../i18n";
import { apiUrl } from "../../lib/api";
import { slugify } from "../../lib/download";

const formatNames = i18n("quizFormat", {
  csv: "Spreadsheet (CSV)",
  json: "trivia-edge quiz (JSON)",
  opentdb: "Open Trivia DB (JSON)",
} satisfies Record<QuizFormat, string>);

const messages = i18n("quizFiles", {
  workbook:
    "{name} is a spreadsheet workbook, not a CSV file. Open it and save it as CSV UTF-8 (File → Save As → CSV UTF-8), then import that file.",
  tooLarge: "{name} is {size} KB; a quiz file may be at most {max} KB.",
  empty: "{name} is empty.",
});

export const QUIZ_FORMATS: readonly QuizFormat[] = ["csv", "json", "opentdb"];

/** A format's name as the import form shows it, in the language on screen. */
export function formatLabel(format: QuizFormat): string {
  return formatNames.get()[format];
}

/** An Open Trivia DB response is JSON with a response_code; ours never has one. */
function looksLikeOpenTdb(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return value !== null && typeof value === "object" && "response_code" in value;
  } catch {
    // Broken JSON: let the server say where it breaks, in whichever JSON format the text mentions.
    return /"response_code"\s*:/.test(text);
  }
}

/**
 * The format of a file (or of pasted text, with no name): .csv/.tsv are spreadsheets, .json is ours unless it
 * is an Open Trivia DB response; without a telling extension the content decides (JSON starts with { or [).
 */
export function detectFormat(name: string | null, text: string): QuizFormat {
  const ext = name ? /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() : undefined;
  if (ext === "csv" || ext === "tsv") return "csv";
  const json = ext === "json" || /^\s*[{[]/.test(text.replace(/^\uFEFF/, ""));
  if (!json) return "csv";
  return looksLikeOpenTdb(text) ? "opentdb" : "json";
}

/** Files that can never be imported, caught before they are read, with what to do instead. */
export function fileProblem(file: { name: string; size: number }): string | null {
  const t = messages.get();
  const name = file.name;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xlsx" || ext === "xls" || ext === "ods" || ext === "numbers") return fill(t.workbook, { name });
  // The server's own limit, checked before a large file is read and sent.
  if (file.size > LIMITS.quizBytes) {
    return fill(t.tooLarge, { name, size: Math.ceil(file.size / 1024), max: LIMITS.quizBytes / 1024 });
  }
  if (file.size === 0) return fill(t.empty, { name });
  return null;
}

/** A title from a file name: "Friday quiz.csv" → "Friday quiz"; for files that carry no title of their own. */
export function titleFromFileName(name: string): string | undefined {
  const title = name
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/[_]+/g, " ")
    .trim()
    .slice(0, 80)
    .trim();
  return title || undefined;
}

/**
 * A quiz as a JSON file that imports again as it is. The $schema line gives editors completion and checking; the
 * importer ignores it.
 */
export function quizFile(quiz: Quiz): { blob: Blob; filename: string } {
  const schema = new URL(apiUrl("/quiz-schema.json"), window.location.href).href;
  const text = `${JSON.stringify({ $schema: schema, title: quiz.title, questions: quiz.questions }, null, 2)}\n`;
  return {
    blob: new Blob([text], { type: "application/json" }),
    filename: `${slugify(quiz.title)}.quiz.json`,
  };
}
