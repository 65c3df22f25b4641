/**
 * What a question kind brings to the editor. Each kind is one module in this folder, registered in index.ts; a kind
 * the server learns is one more module (slider.tsx and order.tsx are the latest): its field editor, how its fields
 * are read from and written in the quiz format (values that fit none of the draft's shared slots go in
 * `DraftQuestion.extra`), what it keeps when a question is switched to it, and how the preview and the share view
 * show its answer. `KINDS` (index.ts) is a Record over the protocol's kinds, so a new kind does not compile until its
 * module is there; the CSV export's exhaustive switch asks the same.
 */

import type { QuizQuestion } from "@protocol/schemas";
import type { AnswerChoice, CorrectAnswer, QuestionKind, QuestionPayload, RevealPayload } from "@protocol/values";
import type { ComponentType } from "react";
import type { DraftQuestion } from "../draft";

/** One change to the question being edited. `key` merges quick successive changes (typing) into one undo step. */
export type ChangeQuestion = (patch: Partial<DraftQuestion>, how: { label: string; key?: string }) => void;

export interface KindFieldsProps {
  question: DraftQuestion;
  /** 0-based position, for labels ("Question 3"). */
  index: number;
  change: ChangeQuestion;
  /** The problems to show next to a field of this question (empty when none or not shown yet). */
  problems: (fieldKey: string) => string[];
  /** The element id of a field, so problems, the summary and focus can point at it. */
  fieldId: (fieldKey: string) => string;
}

export interface Written {
  /** The kind's own fields in the quiz format (choices, correct, accepted…). */
  fields: Record<string, unknown>;
  /** Where a schema problem at `path` (inside the question) is shown in the editor. */
  fieldKey: (path: readonly PropertyKey[]) => string;
}

export interface Played {
  /** The labels a player picks from, as the game sends them (before the server's shuffle); absent for typing. */
  choices?: string[];
  correct: CorrectAnswer;
  /** A plausible wrong answer for the preview of the reveal (so it shows the right one), or null. */
  wrongAnswer: AnswerChoice | null;
  /** What else the question carries for this kind (a slider's scale). */
  question?: Pick<QuestionPayload, "slider">;
  /** Example figures of the reveal for this kind, when the per-choice counts do not fit (a slider's histogram). */
  reveal?: Pick<RevealPayload, "counts" | "histogram">;
}

export interface KindModule {
  kind: QuestionKind;
  /** "Multiple choice" */
  label: string;
  /** One line on what players do. */
  hint: string;
  /** Its own fields of a saved or imported question of this kind, as the draft holds them. */
  read(q: QuizQuestion): Partial<DraftQuestion>;
  write(q: DraftQuestion): Written;
  /** The fields a question keeps or gets when it is switched to this kind from another. */
  switchTo(q: DraftQuestion): Partial<DraftQuestion>;
  /** What the game would send for it (for the preview; an unfinished question shows what it has). */
  play(q: DraftQuestion): Played;
  /** A sentence for a schema problem in one of this kind's fields, when it says it better than the generic one. */
  problem?(
    fieldKey: string,
    issue: { code: string; origin?: string; input?: unknown; message: string },
  ): string | undefined;
  /** Fields of its own, beyond choices, correct and accepted, next to which its editor shows problems. */
  fieldKeys?: readonly string[];
  Fields: ComponentType<KindFieldsProps>;
  /** How a share link shows the question's answer part, when the choice list does not fit (a slider's scale). */
  Share?: ComponentType<{ question: DraftQuestion; answers: boolean }>;
}
