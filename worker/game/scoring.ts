/**
 * Points, streaks, ranks and answer matching: the arithmetic of the game, with no state of its own.
 *
 * A player's points for a question depend only on that player's answer, the question and the player's streak
 * before it, so a future shard of a big game can score its own players without seeing anyone else's.
 */
import { stepCount, stepOf, valueAt } from "../protocol/slider";
import { type AnswerChoice, type QuestionKind, SLIDER_FALLOFF_SHARE } from "../protocol/values";
import { countedElapsed } from "./fair-timing";
import type { Answer, GameQuestion } from "./state";

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
 * missing answer resets it. A wrong answer that was close (a slider's guess just outside the tolerance) earns
 * `credit` (0–1) of the speed points, without a streak bonus, and still resets the streak.
 */
export function scoreAnswer(input: {
  kind: QuestionKind;
  answered: boolean;
  correct: boolean;
  /** For a wrong answer: the share of the points it still earns (see `answerCredit`). */
  credit?: number;
  elapsedMs: number;
  durationMs: number;
  double: boolean;
  streakBefore: number;
}): ScoredAnswer {
  if (input.kind === "poll") return { correct: false, points: 0, streak: input.streakBefore };
  if (!input.answered) return { correct: false, points: 0, streak: 0 };
  const base = basePoints(input.elapsedMs, input.durationMs) * (input.double ? 2 : 1);
  if (!input.correct) {
    const credit = Math.min(1, Math.max(0, input.credit ?? 0));
    return { correct: false, points: Math.round(base * credit), streak: 0 };
  }
  const streak = input.streakBefore + 1;
  return { correct: true, points: base + streakBonus(streak), streak };
}

/**
 * How close a slider's guess is, from 1 (within the tolerance: right, full points) falling linearly to 0 at
 * `SLIDER_FALLOFF_SHARE` of the range beyond the tolerance. Counted in steps, so it is exact.
 */
export function sliderCredit(q: NonNullable<GameQuestion["slider"]>, value: number): number {
  const at = stepOf(q, value);
  const right = stepOf(q, q.correct);
  if (at === null || right === null) return 0;
  const toleranceSteps = Math.round(q.tolerance / q.step);
  const beyond = Math.abs(at - right) - toleranceSteps;
  if (beyond <= 0) return 1;
  return Math.max(0, 1 - beyond / (SLIDER_FALLOFF_SHARE * stepCount(q)));
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

/** Whether a value is the index of one of `count` choices. */
function isIndex(i: unknown, count: number): i is number {
  return typeof i === "number" && Number.isInteger(i) && i >= 0 && i < count;
}

/** Checks an answer's shape against the question's kind; returns a message when it does not fit. */
export function answerShapeError(q: GameQuestion, choice: AnswerChoice): string | null {
  const last = q.choices.length - 1;
  switch (q.kind) {
    case "choice":
    case "poll":
    case "truefalse":
      return isIndex(choice, q.choices.length) ? null : `This question takes one choice number from 0 to ${last}.`;
    case "multi":
      return Array.isArray(choice) &&
        choice.every((i) => isIndex(i, q.choices.length)) &&
        new Set(choice).size === choice.length
        ? null
        : `This question takes a list of distinct choice numbers from 0 to ${last}.`;
    case "type":
      return typeof choice === "string" && choice.trim().length > 0 ? null : "This question takes a typed answer.";
    case "slider": {
      const s = q.slider;
      return s && typeof choice === "number" && stepOf(s, choice) !== null
        ? null
        : `This question takes a number from ${s?.min} to ${s?.max} in steps of ${s?.step}.`;
    }
    case "order":
      return Array.isArray(choice) &&
        choice.length === q.choices.length &&
        choice.every((i) => isIndex(i, q.choices.length)) &&
        new Set(choice).size === choice.length
        ? null
        : `This question takes all ${q.choices.length} items in your order: each number from 0 to ${last} once.`;
  }
}

/** The answer as the game keeps it: typed text trimmed, a slider's number put exactly on its step. */
export function normaliseAnswer(q: GameQuestion, choice: AnswerChoice): AnswerChoice {
  if (typeof choice === "string") return choice.trim();
  if (q.slider && typeof choice === "number") return valueAt(q.slider, stepOf(q.slider, choice) ?? 0);
  return choice;
}

/**
 * How much of the points an answer of the right shape earns: 1 for a right answer, 0 for a wrong one; a slider's
 * guess earns 1 within the tolerance and less the further it is (`sliderCredit`).
 */
export function answerCredit(q: GameQuestion, choice: AnswerChoice): number {
  switch (q.kind) {
    case "choice":
    case "truefalse":
      return choice === q.correct[0] ? 1 : 0;
    case "multi":
      return Array.isArray(choice) && sameSet(choice, q.correct) ? 1 : 0;
    case "type": {
      if (typeof choice !== "string") return 0;
      const typed = normaliseTyped(choice);
      return typed.length > 0 && q.accepted.some((a) => normaliseTyped(a) === typed) ? 1 : 0;
    }
    case "poll":
      return 0;
    case "slider":
      return q.slider && typeof choice === "number" ? sliderCredit(q.slider, choice) : 0;
    case "order":
      // Only the exact order counts (docs/quiz-format.md says why).
      return Array.isArray(choice) && choice.length === q.correct.length && choice.every((i, at) => i === q.correct[at])
        ? 1
        : 0;
  }
}

/**
 * A given answer as the game keeps and scores it: normalised, its credit, its points (with the streak bonus) and the
 * streak after it. Shared by the live game and the self-paced one (self-paced.ts).
 */
export function scoreGiven(
  q: GameQuestion,
  choice: AnswerChoice,
  elapsedMs: number,
  streakBefore: number,
): ScoredAnswer & { choice: AnswerChoice } {
  const kept = normaliseAnswer(q, choice);
  const credit = answerCredit(q, kept);
  const scored = scoreAnswer({
    kind: q.kind,
    answered: true,
    correct: credit >= 1,
    credit,
    elapsedMs,
    durationMs: q.durationMs,
    double: q.double,
    streakBefore,
  });
  return { ...scored, choice: kept };
}

/** What a question left unanswered gives: no points, and the streak it leaves (a poll leaves it as it was). */
export function scoreMissed(q: GameQuestion, streakBefore: number): ScoredAnswer {
  return scoreAnswer({
    kind: q.kind,
    answered: false,
    correct: false,
    elapsedMs: 0,
    durationMs: q.durationMs,
    double: false,
    streakBefore,
  });
}

/**
 * An answer that arrived for an open question, checked against the question and scored: the row to keep, or why it
 * does not fit the question. `startedAt` is when the question's choices opened for this player.
 */
export function takeAnswer(
  q: GameQuestion,
  given: {
    playerId: string;
    index: number;
    choice: AnswerChoice;
    now: number;
    startedAt: number;
    streakBefore: number;
    /** The round trip measured on the answer's socket (fair-timing.ts); absent or null: none measured. */
    rttMs?: number | null;
  },
): { answer: Answer } | { error: string } {
  const shapeError = answerShapeError(q, given.choice);
  if (shapeError) return { error: shapeError };
  // Every kind is timed alike: from the open (after any lead-in) to the arrival, less the connection's round trip.
  const elapsedMs = countedElapsed(given.now - given.startedAt, given.rttMs, q.durationMs);
  const scored = scoreGiven(q, given.choice, elapsedMs, given.streakBefore);
  return {
    answer: {
      playerId: given.playerId,
      index: given.index,
      choice: scored.choice,
      receivedAt: given.now,
      elapsedMs,
      correct: scored.correct,
      points: scored.points,
    },
  };
}
