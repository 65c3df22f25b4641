/** Messages between the benchmark's main process and its bot processes (Node IPC, advanced serialization). */
import type { BotLedger, RevealView } from "./checks.ts";
import type { TimedBot } from "./fairness.ts";
import type { AuthoredQuestion, BenchConfig } from "./workload.ts";

export interface GameAssignment {
  /** Position of the game in this run (0-based). */
  game: number;
  code: string;
  questions: AuthoredQuestion[];
  /** Bot numbers within the game that this process plays. */
  bots: number[];
}

export type ToBots =
  | { type: "init"; proc: number; url: string; config: BenchConfig; games: GameAssignment[] }
  | { type: "go" }
  | { type: "finish" };

export interface Progress {
  joined: number;
  ready: number;
  answersSent: number;
  acked: number;
  reveals: number;
  finished: number;
}

/** What one process saw of one question of one game. */
export interface QuestionTally extends RevealView {
  /** Epoch ms at which each bot received the question (for fan-out measured from the host's command). */
  received: number[];
}

export interface TrafficCounts {
  messages: number;
  bytes: number;
}

export interface BotResult {
  proc: number;
  bots: number;
  finished: number;
  cpu: { joinMs: number; gameMs: number; totalMs: number };
  samples: {
    join: Float64Array;
    connect: Float64Array;
    ack: Float64Array;
    questionFanout: Float64Array;
    revealFanout: Float64Array;
    gameOverFanout: Float64Array;
    reconnect: Float64Array;
  };
  /** Per game, per question. */
  tallies: QuestionTally[][];
  /** Every bot's own record of its game, judged after the run by checks.ts. */
  ledgers: BotLedger[];
  /** With --latency: every bot's delay and answer times, for the fairness figures (fairness.ts); else empty. */
  timing: TimedBot[];
  /** Traffic received by players, before the first question (lobby) and from it to the end (game), by type. */
  traffic: { lobby: Record<string, TrafficCounts>; game: Record<string, TrafficCounts> };
  counters: {
    answersSent: number;
    acked: number;
    reconnects: number;
    skipped: number;
    rateLimited: number;
    /** Joins sent again after the server reset a reused keep-alive connection. */
    httpRetries: number;
    /** Reveals a reconnecting bot was away for, settled from its own answers and checked against the snapshot. */
    revealsMissed: number;
  };
  errors: {
    server: Record<string, number>;
    http: Record<string, number>;
    closeCodes: Record<string, number>;
    socket: Record<string, number>;
  };
  /** Problems seen in the message stream itself (order, identity, framing): how many, and the first 50. */
  streamProblems: { count: number; kept: string[] };
}

export type FromBots =
  | { type: "initialized"; proc: number }
  | { type: "progress"; proc: number; progress: Progress }
  | { type: "ready"; proc: number }
  | { type: "done"; proc: number }
  | { type: "result"; proc: number; result: BotResult }
  | { type: "fatal"; proc: number; message: string };
