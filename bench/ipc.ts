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

/** What the main process wants to hear about as it happens, to time its kills (--chaos). */
export interface Watch {
  /** Report each join. */
  joins: boolean;
  /** Report each acknowledgement of these questions of the first game. */
  acks: number[];
}

export type ToBots =
  | { type: "init"; proc: number; url: string; config: BenchConfig; games: GameAssignment[]; watch: Watch }
  | { type: "go" }
  /** workerd was killed at epoch ms `at`: answer `back` once every bot it cut off is welcomed again. */
  | { type: "killed"; kill: number; at: number }
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
    /** Joins tried again after a failed request (the server was down or died with the request in flight). */
    joinRetries: number;
    /** Answers sent again after a restart lost them (the reconnect snapshot showed no answer). */
    answersResent: number;
    /** Reveals a reconnecting bot was away for, settled from its own answers and checked against the snapshot. */
    revealsMissed: number;
  };
  /** Errors the server sent, and HTTP answers that failed a request, by code. */
  errors: { server: Record<string, number>; http: Record<string, number> };
  /** Problems seen in the message stream itself (order, identity, framing): how many, and the first 50. */
  streamProblems: { count: number; kept: string[] };
}

export type FromBots =
  | { type: "initialized"; proc: number }
  | { type: "progress"; proc: number; progress: Progress }
  | { type: "ready"; proc: number }
  /** A bot joined (when watched). */
  | { type: "joined"; proc: number }
  /** A bot's answer to question `index` of the first game was acknowledged (when watched). */
  | { type: "acked"; proc: number; index: number }
  /** Every bot of this process that kill `kill` cut off has been welcomed again. */
  | { type: "back"; proc: number; kill: number }
  | { type: "done"; proc: number }
  | { type: "result"; proc: number; result: BotResult }
  | { type: "fatal"; proc: number; message: string };
