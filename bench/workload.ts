/**
 * The benchmark's workload: its settings, the questions the host bot creates the game with, and the bots' seeded
 * randomness. (The published scoring rule every reveal is checked against lives with the checks, in checks.ts.)
 */

export interface BenchConfig {
  /** Players in each game. */
  players: number;
  questions: number;
  /** Each question's time limit (the server closes it earlier once every connected player has answered). */
  seconds: number;
  /** Bots answer after a think time drawn uniformly from [0, answerWindowMs). */
  answerWindowMs: number;
  /** Games played at the same time, each with its own host and `players` bots. */
  games: number;
  /** Child processes the bots are spread over. */
  procs: number;
  /** Share of answers that pick the correct choice. */
  right: number;
  /** Share of (player, question) pairs that get no answer at all. */
  never: number;
  /** Share of players that drop their socket once during a question and reconnect with the same token. */
  reconnect: number;
  /** What the host bot waits before each of its own steps (start, and `next` after each reveal). */
  hostWaitMs: number;
  /** The "get ready" lead-in before each question's choices open (the game's `readSeconds`; 0: none, as by default). */
  readSeconds: number;
  /** Team mode: the game's `teams` (2–8); 0: no teams, as by default. */
  teams: number;
  /** Shard objects per game (the game's `shards`, docs/scaling.md; 1: a single object, as by default). */
  shards: number;
  /** Joins (HTTP join + socket + hello) in flight at once, over all bot processes. */
  joinConcurrency: number;
  /** Offer permessage-deflate as browsers do (off by default: it measures the server's own work). */
  deflate: boolean;
  /**
   * Each bot's one-way network delay, drawn (seeded) from [min, max] ms and added to everything it sends and receives;
   * null: none. With it, half the bots echo the server's round-trip probes and half never do (fairness.ts).
   */
  latency: { min: number; max: number } | null;
  /** A running server to measure instead of starting one; null builds and starts the worker in workerd. */
  url: string | null;
  /** workerd process to read CPU and memory from when `url` points at a local server started elsewhere. */
  serverPid: number | null;
  /** Where the JSON report and the chart go. */
  out: string;
  /** Prefix of the result files (defaults to a timestamp and the player count). */
  label: string | null;
  /** Seed for the bots' random choices and the kills' moments, so a run can be replayed. */
  seed: number;
  /** Kills of workerd during the run (--chaos); 0 for none. */
  chaos: number;
  /** No progress bar and no summary table (the JSON report is still written). */
  quiet: boolean;
  /** Exit non-zero when a performance target is missed, not only on a correctness mismatch. */
  strict: boolean;
  /** Start workerd with the V8 inspector and write CPU profiles of the join and game phases. */
  profile: boolean;
  /** Build the worker from this checkout instead of this one (to compare a change with a baseline). */
  checkout: string | null;
}

export const DEFAULTS: BenchConfig = {
  players: 1000,
  questions: 5,
  seconds: 20,
  answerWindowMs: 2000,
  games: 1,
  procs: 2,
  right: 0.7,
  never: 0,
  reconnect: 0.05,
  hostWaitMs: 500,
  readSeconds: 0,
  teams: 0,
  shards: 1,
  joinConcurrency: 128,
  deflate: false,
  latency: null,
  url: null,
  serverPid: null,
  out: "bench/results",
  label: null,
  seed: 1,
  chaos: 0,
  quiet: false,
  strict: false,
  profile: false,
  checkout: null,
};

/** A question as the host authored it; bots find the correct choice by its text after the server shuffles. */
export interface AuthoredQuestion {
  text: string;
  choices: string[];
  correct: number;
}

/** Four-choice questions whose text says which one they are, so a bot can tell it got the question it expected. */
export function makeQuestions(count: number): AuthoredQuestion[] {
  const out: AuthoredQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const a = 3 + i;
    const b = 4 + ((i * 7) % 11);
    const sum = a + b;
    out.push({
      text: `Bench question ${i + 1}: what is ${a} + ${b}?`,
      choices: [String(sum), String(sum + 1), String(sum - 1), String(sum + 10)],
      correct: 0,
    });
  }
  return out;
}

/** A small, fast, seedable generator (mulberry32) so every bot's decisions can be replayed from the seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Epoch milliseconds with sub-millisecond resolution (the server's `serverTime` is epoch ms on the same clock). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
