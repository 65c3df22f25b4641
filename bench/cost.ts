/**
 * What a game costs on Cloudflare: the requests and SQLite rows one game makes, from counts the run observed
 * (formulas in docs/performance.md), and the price of a standard 1,000-player game at list prices. Pure arithmetic:
 * unit-tested with fixed inputs (test/unit/bench-cost.test.ts).
 */

/** The report's cost section: one standard game, line by line. */
export interface Cost {
  scenario: string;
  lines: { item: string; quantity: number; unit: string; usd: number }[];
  totalUsd: number;
}

/** One game as the platform bills it. */
export interface GameCounts {
  players: number;
  questions: number;
  /** Player reconnects (each one a new socket). */
  reconnects: number;
  /** Answers the players sent (each one an incoming socket message). */
  answers: number;
  /** Alarm invocations. */
  alarms: number;
  /** Joins refused with 429 (each one still a Worker request). */
  rateLimited: number;
}

/**
 * Worker: create, joins (with their 429s) and socket upgrades. Durable Object: the create and join RPCs, the
 * upgrades, incoming socket messages billed at 20:1 (a hello per socket, the answers, the host's start and next
 * commands) and alarm invocations.
 */
export function requestsPerGame(game: GameCounts): { worker: number; durableObject: number } {
  // The host's socket, one per player, one more per reconnect.
  const sockets = 1 + game.players + game.reconnects;
  const incomingMessages = sockets + game.answers + game.questions + 1;
  return {
    worker: 1 + game.players + sockets + game.rateLimited,
    durableObject: 1 + game.players + sockets + incomingMessages / 20 + game.alarms,
  };
}

/**
 * Rows written: the game row; per player its row and its primary-key index entry (TEXT id); one per answer (the
 * answers table is WITHOUT ROWID); a clock update per phase change (2Q+1) and about one alarm write per phase
 * change (2Q+2).
 */
export function rowsWrittenPerGame(players: number, questions: number, answers: number): number {
  return 1 + 2 * players + answers + (2 * questions + 1) + (2 * questions + 2);
}

const usd = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * What one 1,000-player, 10-question game costs at Cloudflare's Workers Paid list prices (beyond the monthly
 * allowances), from this run's per-player counts and the production defaults (20 s questions, 5 s reveals).
 */
export function costScenario(input: {
  reconnectsPerPlayer: number;
  /** Share of (player, question) pairs answered. */
  answerShare: number;
  /** Server CPU per join, ms; null when it was not measured (1 ms is assumed). */
  cpuMsPerJoin: number | null;
}): Cost {
  const P = 1000;
  const Q = 10;
  const answers = P * input.answerShare * Q;
  const requests = requestsPerGame({
    players: P,
    questions: Q,
    reconnects: P * input.reconnectsPerPlayer,
    answers,
    // The alarm closes each question and ends each reveal.
    alarms: 2 * Q,
    rateLimited: 0,
  });
  // Active (not hibernatable) for a one-minute lobby and every question and reveal, at 128 MB.
  const activeSeconds = 60 + Q * (20 + 5);
  const gbSeconds = activeSeconds * 0.125;
  const rowsWritten = rowsWrittenPerGame(P, Q, answers);
  const workerCpuMs = P * 2 * (input.cpuMsPerJoin ?? 1);
  const lines = [
    {
      item: "Workers requests",
      quantity: Math.round(requests.worker),
      unit: "$0.30 / million",
      usd: (requests.worker * 0.3) / 1e6,
    },
    {
      item: "Workers CPU (upper bound: all server CPU per join)",
      quantity: Math.round(workerCpuMs),
      unit: "$0.02 / million ms",
      usd: (workerCpuMs * 0.02) / 1e6,
    },
    {
      item: "Durable Object requests",
      quantity: Math.round(requests.durableObject),
      unit: "$0.15 / million",
      usd: (requests.durableObject * 0.15) / 1e6,
    },
    {
      item: "Durable Object duration (GB-s)",
      quantity: gbSeconds,
      unit: "$12.50 / million GB-s",
      usd: (gbSeconds * 12.5) / 1e6,
    },
    {
      item: "SQLite rows written",
      quantity: Math.round(rowsWritten),
      unit: "$1.00 / million",
      usd: (rowsWritten * 1.0) / 1e6,
    },
  ];
  return {
    scenario:
      "one 1,000-player, 10-question game (20 s questions, 5 s reveals) at Workers Paid list prices, beyond allowances",
    lines: lines.map((l) => ({ ...l, usd: usd(l.usd) })),
    totalUsd: usd(lines.reduce((n, l) => n + l.usd, 0)),
  };
}
