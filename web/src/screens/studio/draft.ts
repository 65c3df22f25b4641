/**
 * A quiz while it is being written. The quiz format (worker/protocol.ts, `Quiz`) describes a finished quiz; a draft
 * also holds what is not valid yet (an empty choice, no right answer marked, 3 seconds) so the editor can show it
 * and say what is wrong. Every question has an editor-only id (a stable key for React, drag and drop and focus).
 *
 * Fields a kind does not use are kept while the question has another kind, so switching a question from "choice" to
 * "type" and back loses nothing; only the fields of the question's kind are written out (kinds/ decides which).
 */
import type { Quiz, QuizQuestion } from "@protocol/schemas";
import type { Difficulty, QuestionKind } from "@protocol/values";
import { KINDS } from "./kinds";

export interface DraftQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  /** choice, multi and poll: the choices as typed; empty ones are left out when the quiz is written. */
  choices: string[];
  /** Indexes into `choices` (choice: one; multi: several). truefalse: [0] = true, [1] = false. */
  correct: number[];
  /** type: the accepted answers as typed; empty ones are left out. */
  accepted: string[];
  /** null: the game's own time per question. */
  seconds: number | null;
  double: boolean;
  explanation: string;
  /** An https:// URL or one of our uploads (/api/images/<hash>); empty for none. */
  image: string;
  /** Kept from imports and bank draws; the editor shows them but does not ask for them. */
  category?: string;
  difficulty?: Difficulty;
  /**
   * A kind's own values that fit none of the slots above (a slider's range, say): the kind's module reads and writes
   * them, storage keeps them as they are.
   */
  extra: Record<string, unknown>;
}

export interface DraftQuiz {
  title: string;
  questions: DraftQuestion[];
}

export const CHOICE_SLOTS = 4;

export function newId(): string {
  return typeof crypto !== "undefined" && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A question with nothing in it yet: four empty choices, no right answer marked, and what its kind starts from (a
 * slider's 0 to 100).
 */
export function blankQuestion(kind: QuestionKind = "choice"): DraftQuestion {
  const blank = emptyQuestion(kind);
  return { ...blank, ...KINDS[kind].switchTo(blank) };
}

function emptyQuestion(kind: QuestionKind): DraftQuestion {
  return {
    id: newId(),
    kind,
    text: "",
    choices: new Array<string>(CHOICE_SLOTS).fill(""),
    correct: [],
    accepted: [""],
    seconds: null,
    double: false,
    explanation: "",
    image: "",
    extra: {},
  };
}

export function blankQuiz(): DraftQuiz {
  return { title: "", questions: [blankQuestion()] };
}

/** A saved or imported question as a draft: the fields every kind has, then the kind's own (kinds/). */
export function draftOf(q: QuizQuestion): DraftQuestion {
  return {
    ...blankQuestion(q.kind),
    text: q.text,
    seconds: q.seconds ?? null,
    double: q.double ?? false,
    explanation: q.explanation ?? "",
    image: q.image ?? "",
    ...(q.category ? { category: q.category } : {}),
    ...(q.difficulty ? { difficulty: q.difficulty } : {}),
    ...KINDS[q.kind].read(q),
  };
}

export function draftQuizOf(quiz: Quiz): DraftQuiz {
  return { title: quiz.title, questions: quiz.questions.map(draftOf) };
}

/** A copy of a question with its own id (Duplicate). */
export function duplicateQuestion(q: DraftQuestion): DraftQuestion {
  return {
    ...q,
    id: newId(),
    choices: [...q.choices],
    correct: [...q.correct],
    accepted: [...q.accepted],
    extra: structuredClone(q.extra),
  };
}

/** Moves the item at `from` to `to` (both indexes into the list as it is). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/** Whether the user has put anything into the quiz (an untouched new quiz is not worth keeping). */
export function isEmptyQuiz(quiz: DraftQuiz): boolean {
  const blank = blankQuestion();
  return (
    quiz.title.trim() === "" &&
    quiz.questions.every(
      (q) =>
        q.text.trim() === "" &&
        q.choices.every((c) => c.trim() === "") &&
        q.accepted.every((a) => a.trim() === "") &&
        q.correct.length === 0 &&
        q.image === "" &&
        q.explanation === "" &&
        q.seconds === blank.seconds &&
        q.double === blank.double,
    )
  );
}
