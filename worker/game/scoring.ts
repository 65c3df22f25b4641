/**
 * Points, streaks, ranks and answer matching: the arithmetic of the game, with no state of its own.
 *
 * A player's points for a question depend only on that player's answer, the question and the player's streak
 * before it, so a future shard of a big game can score its own players without seeing anyone else's.
 */
import type { AnswerChoice, QuestionKind } from "../protocol/values";
import type { GameQuestion } from "./state";

/** Answers received within this long of the question going out earn the full 1000 (Kahoot's rule). */
export const FULL_POINTS_WINDOW_MS = 500;
export const BASE_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

/** Base points for a correct answer given `elapsedMs` into a question of `durationMs`: 1000 × (1 − (t/T)/2). */
export function basePoints(elapsedMs: number, durationMs: number): number {
  if (elapsedMs <= FULL_POINTS_WINDOW_MS) return BASE_POINTS;
  const t = Math.min(Math.max(elapsedMs, 0), durationMs);
  return Math.round(BASE_POINTS * (1 - t / durationMs / 2));
}

/** The bonus for the k-th correct answer in a row: nothing for the first, then +100 per step, at most +500. */
export function streakBonus(k: number): number {
  return k < 2 ? 0 : Math.min(STREAK_STEP * (k - 1), STREAK_CAP);
}

export interface ScoredAnswer {
  correct: boolean;
  points: number;
  /** The streak after this question, once it is closed. */
  streak: number;
}

/**
 * Scores one answer (or a missing one: `answered` false). Polls neither score nor touch the streak; a wrong or
 * missing answer resets it.
 */
export function scoreAnswer(input: {
  kind: QuestionKind;
  answered: boolean;
  correct: boolean;
  elapsedMs: number;
  durationMs: number;
  double: boolean;
  streakBefore: number;
}): ScoredAnswer {
  if (input.kind === "poll") return { correct: false, points: 0, streak: input.streakBefore };
  if (!input.answered || !input.correct) return { correct: false, points: 0, streak: 0 };
  const streak = input.streakBefore + 1;
  const base = basePoints(input.elapsedMs, input.durationMs) * (input.double ? 2 : 1);
  return { correct: true, points: base + streakBonus(streak), streak };
}

/**
 * Competition ranking ("1224"): equal scores share a rank and the next rank skips. The scores must already be sorted
 * by score, highest first.
 */
export function competitionRanks(sortedScores: readonly number[]): number[] {
  const ranks: number[] = new Array(sortedScores.length);
  for (let i = 0; i < sortedScores.length; i++) {
    ranks[i] = i > 0 && sortedScores[i] === sortedScores[i - 1] ? (ranks[i - 1] as number) : i + 1;
  }
  return ranks;
}

const LEADING_ARTICLES = /^(the|a|an|le|la|les|l|el|los|las|der|die|das|il|lo|gli|un|une)\s+/;

/**
 * Normalises a typed answer so that "The Beatles", "beatles" and " BEATLES " match: case, accents, punctuation,
 * spacing and one leading article are ignored.
 */
export function normaliseTyped(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’'`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(LEADING_ARTICLES, "")
    .trim();
}

/** True when two sets of choice indexes hold exactly the same members. */
export function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x)) && set.size === a.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Answer matching.

/** Checks an answer's shape against the question's kind; returns a message when it does not fit. */
export function answerShapeError(q: GameQuestion, choice: AnswerChoice): string | null {
  switch (q.kind) {
    case "choice":
    case "poll":
    case "truefalse":
      return typeof choice === "number" && choice < q.choices.length
        ? null
        : `This question takes one choice number from 0 to ${q.choices.length - 1}.`;
    case "multi":
      return Array.isArray(choice) &&
        choice.every((i) => i < q.choices.length) &&
        new Set(choice).size === choice.length
        ? null
        : `This question takes a list of distinct choice numbers from 0 to ${q.choices.length - 1}.`;
    case "type":
      return typeof choice === "string" && choice.trim().length > 0 ? null : "This question takes a typed answer.";
  }
}

export function isCorrect(q: GameQuestion, choice: AnswerChoice): boolean {
  switch (q.kind) {
    case "choice":
    case "truefalse":
      return choice === q.correct[0];
    case "multi":
      return Array.isArray(choice) && sameSet(choice, q.correct);
    case "type": {
      if (typeof choice !== "string") return false;
      const typed = normaliseTyped(choice);
      return typed.length > 0 && q.accepted.some((a) => normaliseTyped(a) === typed);
    }
    case "poll":
      return false;
  }
}
