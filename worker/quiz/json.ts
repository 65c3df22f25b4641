/**
 * Importer for trivia-edge's own quiz format: `{ title, questions: [...] }` as documented in docs/quiz-format.md.
 */
import { Quiz } from "../protocol";
import { failed, type ImportResult, issueMessage, locateInQuiz, sizeProblem } from "./problems";

/** Turns JSON.parse's complaint into one that names a line and column, which is what an editor shows. */
export function jsonSyntaxProblem(content: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position && !/line \d+/.test(message)) {
    const before = content.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return `the file is not valid JSON: ${message} (line ${line}, column ${column})`;
  }
  return `the file is not valid JSON: ${message}`;
}

/** Parses JSON text, or returns the one problem that stops everything else. */
export function parseJson(content: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(content.replace(/^\uFEFF/, "")) };
  } catch (error) {
    return { ok: false, problem: jsonSyntaxProblem(content, error) };
  }
}

export function importJson(content: string, options: { title?: string } = {}): ImportResult {
  const tooBig = sizeProblem(content);
  if (tooBig) return failed([tooBig]);
  const parsed = parseJson(content);
  if (!parsed.ok) return failed([parsed.problem]);
  const value = parsed.value;
  if (Array.isArray(value)) {
    return failed([
      'the file holds a list; a quiz is an object {"title": "...", "questions": [...]} with the list as its questions',
    ]);
  }
  if (value === null || typeof value !== "object") {
    return failed(['the file must hold one object {"title": "...", "questions": [...]}']);
  }
  // The request's title only fills in for a file without one: the file is what the host wrote.
  const withTitle = options.title && !("title" in value) ? { ...value, title: options.title } : value;
  return checkQuiz(withTitle);
}

/** Validates a parsed quiz against the schema, every problem worded as the importer words it ("question 3: …"). */
export function checkQuiz(value: unknown): ImportResult {
  const result = Quiz.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, quiz: result.data };
  return failed(result.error.issues.map((issue) => issueMessage(issue, locateInQuiz, value)));
}
