/**
 * What every importer returns, and the wording of its problems.
 *
 * An importer never stops at the first problem: it gathers every one it can find, each a sentence that says where
 * ("row 7: ...", "question 3: ..."), so a host fixes a file in one pass. Nothing is created until the list is empty.
 */
import type { z } from "zod";
import type { Quiz } from "../protocol/schemas";
import { LIMITS, QUESTION_KINDS } from "../protocol/values";

export type ImportResult = { ok: true; quiz: Quiz } | { ok: false; errors: string[] };

/** More problems than this are summed up in one last line: a broken file should not produce a novel. */
export const MAX_PROBLEMS = 50;

export function failed(errors: string[]): ImportResult {
  if (errors.length <= MAX_PROBLEMS) return { ok: false, errors };
  const shown = errors.slice(0, MAX_PROBLEMS - 1);
  return { ok: false, errors: [...shown, `… and ${errors.length - shown.length} more problems.`] };
}

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

function kilobytes(bytes: number): string {
  return `${Math.ceil((bytes / 1024) * 10) / 10} KB`;
}

/** The size problem of a file, or null when it fits. Checked before parsing so a huge file costs nothing. */
export function sizeProblem(content: string): string | null {
  const bytes = byteLength(content);
  if (bytes > LIMITS.quizBytes) {
    return `the file is ${kilobytes(bytes)}; a quiz file is at most ${LIMITS.quizBytes / 1024} KB`;
  }
  if (content.trim() === "") return "the file is empty";
  return null;
}

/**
 * Says where a zod issue is, in the words of the file being imported: for a path inside the file, a place
 * ("question 3") and the field's name there ("choice 2"); either may be empty.
 */
export type Locate = (path: readonly PropertyKey[]) => { place: string; field: string };

/** The usual names of a question's fields, with list items counted from 1 as people do. */
export function questionField(path: readonly PropertyKey[]): string {
  const [key, index] = path;
  const n = typeof index === "number" ? index + 1 : null;
  switch (key) {
    case undefined:
      return "";
    case "choices":
      return n ? `choice ${n}` : "choices";
    case "accepted":
      return n ? `accepted answer ${n}` : "accepted";
    case "items":
      return n ? `item ${n}` : "items";
    case "correct":
      return n ? `correct item ${n}` : "correct";
    default:
      return path.map(String).join(".");
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `text ("${value.length > 30 ? `${value.slice(0, 30)}…` : value}")`;
  if (typeof value === "object") return "an object";
  return `${typeof value === "number" ? "the number" : typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

const LIST_NOUN: Record<string, string> = {
  questions: "questions",
  choices: "choices",
  accepted: "accepted answers",
  correct: "correct indexes",
  items: "items",
};

/** "the quiz has 130 questions", "has 7 choices" (the place already names the question), "answers has 9 items". */
function listSubject(field: string): string {
  if (field === "questions") return "the quiz ";
  return field in LIST_NOUN ? "" : `${field || "it"} `;
}

/** One sentence for one zod issue. Parse with `{ reportInput: true }` so sizes and wrong values can be quoted. */
export function issueMessage(issue: z.core.$ZodIssue, locate: Locate, root: unknown): string {
  const { place, field } = locate(issue.path);
  const subject = field || "it";
  const input = "input" in issue ? issue.input : undefined;
  let text: string;
  switch (issue.code) {
    case "invalid_type":
      text =
        input === undefined
          ? `${subject} is missing`
          : `${subject} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(input)}`;
      break;
    case "too_small":
      if (issue.origin === "string") {
        text = Number(issue.minimum) <= 1 ? `${subject} is empty` : `${subject} is too short`;
      } else if (issue.origin === "array") {
        const noun = LIST_NOUN[field] ?? "items";
        const count = Number(issue.minimum) === 1 ? noun.replace(/s$/, "") : noun;
        text = `${listSubject(field)}needs at least ${issue.minimum} ${count}`;
      } else if (issue.inclusive === false) {
        text = `${subject} must be more than ${issue.minimum}, not ${String(input)}`;
      } else {
        text = `${subject} is ${String(input)}, below the minimum of ${issue.minimum}`;
      }
      break;
    case "too_big":
      if (issue.origin === "string") {
        const length = typeof input === "string" ? `${[...input].length} characters` : "too long";
        text = `${subject} is ${length}; the limit is ${issue.maximum}`;
      } else if (issue.origin === "array") {
        const count = Array.isArray(input) ? input.length : "too many";
        text = `${listSubject(field)}has ${count} ${LIST_NOUN[field] ?? "items"}; the limit is ${issue.maximum}`;
      } else {
        text = `${subject} is ${String(input)}, above the maximum of ${issue.maximum}`;
      }
      break;
    case "invalid_union": {
      if (issue.discriminator === "kind") {
        const kind = valueAt(root, issue.path);
        text =
          kind === undefined
            ? `kind is missing; use one of ${QUESTION_KINDS.join(", ")}`
            : `kind ${JSON.stringify(kind)} is not one of ${QUESTION_KINDS.join(", ")}`;
      } else {
        text = `${subject} is not valid`;
      }
      break;
    }
    case "invalid_value":
      text = `${subject} must be one of ${issue.values.map((v) => String(v)).join(", ")}, not ${describe(input)}`;
      break;
    default:
      // Custom refinements and formats carry their own sentence ("choices must be distinct").
      text = issue.message;
  }
  return place ? `${place}: ${text}` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Where a JSON quiz's issue is: "question 3" and the field, or a top-level field. */
export const locateInQuiz: Locate = (path) => {
  if (path[0] === "questions" && typeof path[1] === "number") {
    return { place: `question ${path[1] + 1}`, field: questionField(path.slice(2)) };
  }
  return { place: "", field: path.map(String).join(".") };
};
