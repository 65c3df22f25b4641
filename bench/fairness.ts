/**
 * Fair timing in the bench (--latency): does a player's network still cost points? Pure, from plain records, with
 * unit tests of its own (test/unit/bench-fairness.test.ts).
 *
 * Every bot gets a one-way delay (seeded), added to everything it sends and receives. Half the bots (even numbers)
 * echo the server's round-trip probes as the web app does, so their answers are timed from when the question reached
 * them; the other half never echo, which is what a client that does not take part gets: today's rule, timed from the
 * question's open to the answer's arrival. Both halves play the same game on the same server at the same moment, so
 * "with" and "without" compensation come from one run, under the same load, with the same spread of delays.
 *
 * Within each half, the quarter of bots with the longest delays is compared with the quarter with the shortest. Their
 * think times differ at random, so each answer is measured against its own think time: "due" is what a right answer
 * earns at exactly the think time the bot waited, "got" what a right answer earns at the time the server counted
 * (the `answered` ack's `elapsedMs`; the correctness checks hold the revealed points to that same time). The gap is
 * how much more the slowest quarter loses than the fastest, as a share of the points due: 0 when the network costs
 * nothing, and what the network costs when it does.
 */
import { expectedPoints } from "./checks.ts";

/** One bot's network and answers, as the bot process reports them. */
export interface TimedBot {
  oneWayMs: number;
  /** Whether this bot echoes the server's probes (fair timing on) or never does (today's rule). */
  echoes: boolean;
  /** Its acknowledged answers: the think time it waited and the time the server counted. */
  answers: { thinkMs: number; elapsedMs: number }[];
}

export interface QuarterFigures {
  bots: number;
  answers: number;
  meanOneWayMs: number;
  /** Mean speed points a right answer earned at the counted time. */
  meanPoints: number;
  /** Mean speed points a right answer earns at the bot's own think time. */
  meanDuePoints: number;
}

export interface CohortFairness {
  fastest: QuarterFigures;
  slowest: QuarterFigures;
  /** Points per answer the slowest quarter loses beyond what the fastest loses, for the same think time. */
  gapPoints: number;
  /** `gapPoints` as a share of the mean points due, %. */
  gapPct: number;
}

export interface Fairness {
  /** The --latency flag: one-way delay per bot, ms. */
  oneWayMs: { min: number; max: number };
  /** The bots that echo (fair timing). Null when the half has fewer than 4 bots. */
  compensated: CohortFairness | null;
  /** The bots that never echo (today's rule). */
  uncompensated: CohortFairness | null;
}

/** What a right answer earns for speed alone (no streak bonus, not doubled) at `elapsedMs`. */
export function speedPoints(elapsedMs: number, durationMs: number): number {
  return expectedPoints(true, elapsedMs, durationMs, 0).points;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function quarter(bots: TimedBot[], durationMs: number): QuarterFigures {
  const answers = bots.flatMap((b) => b.answers);
  return {
    bots: bots.length,
    answers: answers.length,
    meanOneWayMs: round(mean(bots.map((b) => b.oneWayMs)), 1),
    meanPoints: mean(answers.map((a) => speedPoints(a.elapsedMs, durationMs))),
    meanDuePoints: mean(answers.map((a) => speedPoints(a.thinkMs, durationMs))),
  };
}

/** The slowest quarter against the fastest of one half; null when there are too few bots (or answers) to compare. */
export function compareQuarters(bots: TimedBot[], durationMs: number): CohortFairness | null {
  const n = Math.floor(bots.length / 4);
  if (n === 0) return null;
  const sorted = [...bots].sort((a, b) => a.oneWayMs - b.oneWayMs);
  const fastest = quarter(sorted.slice(0, n), durationMs);
  const slowest = quarter(sorted.slice(-n), durationMs);
  if (fastest.answers === 0 || slowest.answers === 0) return null;
  const lostSlow = slowest.meanDuePoints - slowest.meanPoints;
  const lostFast = fastest.meanDuePoints - fastest.meanPoints;
  const gapPoints = lostSlow - lostFast;
  const due = (fastest.meanDuePoints + slowest.meanDuePoints) / 2;
  const tidy = (q: QuarterFigures): QuarterFigures => ({
    ...q,
    meanPoints: round(q.meanPoints, 2),
    meanDuePoints: round(q.meanDuePoints, 2),
  });
  return {
    fastest: tidy(fastest),
    slowest: tidy(slowest),
    gapPoints: round(gapPoints, 2),
    gapPct: round((100 * gapPoints) / due, 3),
  };
}

/** Both halves' figures for a run with --latency. */
export function fairness(bots: TimedBot[], durationMs: number, oneWayMs: Fairness["oneWayMs"]): Fairness {
  return {
    oneWayMs,
    compensated: compareQuarters(
      bots.filter((b) => b.echoes),
      durationMs,
    ),
    uncompensated: compareQuarters(
      bots.filter((b) => !b.echoes),
      durationMs,
    ),
  };
}
