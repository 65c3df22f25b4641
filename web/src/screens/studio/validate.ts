/**
 * Checking a draft with the very schema the server uses (`Quiz` in worker/protocol.ts): the draft is written out in
 * the quiz format and parsed, and each problem the schema finds is put back next to the field it is about, in words
 * a quiz author reads ("Mark the right answer."), not in the schema's.
 */
import { Quiz } from "@protocol/schemas";
import { LIMITS } from "@protocol/values";
import { fill, i18n } from "../../i18n";
import type { DraftQuestion, DraftQuiz } from "./draft";
import { KINDS } from "./kinds";

const messages = i18n("quizProblems", {
  tooLong: "At most {max} characters.",
  tooLongHas: "At most {max} characters; this has {count}.",
  giveTitle: "Give the quiz a title.",
  tooMany: "A quiz has at most {max} questions; this one has {count}.",
  addOne: "Add at least one question.",
  writeQuestion: "Write the question.",
  fillChoice: "Fill in this choice.",
  choicesMin: "Give at least {min} choices.",
  choicesMax: "At most {max} choices.",
  sameChoices: "Two choices are the same (capitals do not count); make each one different.",
  fillAnswer: "Fill in this answer.",
  acceptedMax: "At most {max} accepted answers.",
  acceptedMin: "Give at least one accepted answer.",
  markRight: "Mark the right answer.",
  wholeSeconds: "Use a whole number of seconds.",
  secondsRange: "Use {min} to {max} seconds, or leave it empty for the game's setting.",
  imageAddress: "Use an https:// address, or upload the picture.",
  quizSize: "The quiz is over {kb} KB; shorten it or split it into two.",
});

export interface Problem {
  /** The question it is about, or null for the quiz as a whole (title, number of questions, size). */
  questionId: string | null;
  /** 0-based position of that question. */
  index: number | null;
  /** The field inside the question or quiz: "text", "choices.2", "correct", "title"… */
  field: string;
  message: string;
}

export type Checked = { ok: true; quiz: Quiz; problems: [] } | { ok: false; quiz: null; problems: Problem[] };

const SHARED_FIELDS = new Set(["kind", "text", "seconds", "double", "explanation", "image", "category", "difficulty"]);

/** A question in the quiz format (what the server stores), and where its problems go in the editor. */
export function writeQuestion(q: DraftQuestion) {
  const written = KINDS[q.kind].write(q);
  const authored: Record<string, unknown> = {
    kind: q.kind,
    text: q.text,
    ...written.fields,
    ...(q.seconds !== null ? { seconds: q.seconds } : {}),
    ...(q.double ? { double: true } : {}),
    ...(q.explanation.trim() ? { explanation: q.explanation } : {}),
    ...(q.image.trim() ? { image: q.image.trim() } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.difficulty ? { difficulty: q.difficulty } : {}),
  };
  const fieldKey = (path: readonly PropertyKey[]): string => {
    const [key] = path;
    if (key === undefined) return "question";
    // The fields every kind shares are the editor's own; the rest belong to the kind (choices, a slider's numbers…).
    if (typeof key === "string" && SHARED_FIELDS.has(key)) return key;
    return written.fieldKey(path);
  };
  return { authored, fieldKey };
}

export function writeQuiz(draft: DraftQuiz): { title: string; questions: Record<string, unknown>[] } {
  return { title: draft.title, questions: draft.questions.map((q) => writeQuestion(q).authored) };
}

interface IssueLike {
  code: string;
  origin?: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  message: string;
}

function length(input: unknown): number | null {
  return typeof input === "string" ? [...input.trim()].length : Array.isArray(input) ? input.length : null;
}

/** The sentence for one problem, shown right next to its field (so it does not repeat where it is). */
function sentence(field: string, issue: IssueLike, q: DraftQuestion | null): string {
  const own = q ? KINDS[q.kind].problem?.(field, issue) : undefined;
  if (own) return own;
  const t = messages.get();
  const n = length(issue.input);
  const tooLong = (max: unknown) => fill(n !== null ? t.tooLongHas : t.tooLong, { max: String(max), count: n ?? "" });
  const base = field.replace(/\.\d+$/, "");
  switch (base) {
    case "title":
      return issue.code === "too_big" ? tooLong(issue.maximum) : t.giveTitle;
    case "questions":
      return issue.code === "too_big" ? fill(t.tooMany, { max: LIMITS.customQuestions.max, count: n ?? "" }) : t.addOne;
    case "text":
      return issue.code === "too_big" ? tooLong(issue.maximum) : t.writeQuestion;
    case "choices":
      if (field !== "choices") return issue.code === "too_big" ? tooLong(issue.maximum) : t.fillChoice;
      if (issue.code === "too_small") return fill(t.choicesMin, { min: LIMITS.choices.min });
      if (issue.code === "too_big") return fill(t.choicesMax, { max: LIMITS.choices.max });
      return t.sameChoices;
    case "accepted":
      if (field !== "accepted") return issue.code === "too_big" ? tooLong(issue.maximum) : t.fillAnswer;
      return issue.code === "too_big" ? fill(t.acceptedMax, { max: LIMITS.acceptedAnswers }) : t.acceptedMin;
    case "correct":
      return t.markRight;
    case "seconds":
      return issue.code === "invalid_type" && issue.input !== undefined
        ? t.wholeSeconds
        : fill(t.secondsRange, { min: LIMITS.questionSeconds.min, max: LIMITS.questionSeconds.max });
    case "explanation":
      return tooLong(issue.maximum);
    case "image":
      return t.imageAddress;
    case "quiz":
      return fill(t.quizSize, { kb: LIMITS.quizBytes / 1024 });
    default:
      return issue.message;
  }
}

export function check(draft: DraftQuiz): Checked {
  const written = draft.questions.map(writeQuestion);
  const result = Quiz.safeParse(
    { title: draft.title, questions: written.map((w) => w.authored) },
    { reportInput: true },
  );
  if (result.success) return { ok: true, quiz: result.data, problems: [] };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const [top, at, ...rest] = issue.path;
    let problem: Problem;
    if (top === "questions" && typeof at === "number" && draft.questions[at]) {
      const q = draft.questions[at] as DraftQuestion;
      const field = (written[at] as (typeof written)[number]).fieldKey(rest);
      problem = { questionId: q.id, index: at, field, message: sentence(field, issue as IssueLike, q) };
    } else {
      const field = top === undefined ? "quiz" : String(top);
      problem = { questionId: null, index: null, field, message: sentence(field, issue as IssueLike, null) };
    }
    // A union's failed branches can repeat one problem; each field says a thing once.
    const key = `${problem.questionId}:${problem.field}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return { ok: false, quiz: null, problems };
}

/** The problems of each question's fields: questionId → field → sentences. */
export function problemsByField(problems: readonly Problem[]): Map<string, Map<string, string[]>> {
  const map = new Map<string, Map<string, string[]>>();
  for (const p of problems) {
    const key = p.questionId ?? "";
    const fields = map.get(key) ?? new Map<string, string[]>();
    fields.set(p.field, [...(fields.get(p.field) ?? []), p.message]);
    map.set(key, fields);
  }
  return map;
}
