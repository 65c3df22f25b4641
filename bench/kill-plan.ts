/**
 * When `--chaos N` kills workerd: N moments of the run, drawn from --seed so that a run can be replayed, spread over
 * the phases where a restart can lose something: while players join, in the middle of a question (answers arriving
 * and being acknowledged), right after the k-th acknowledgement of a question, and in the middle of a reveal (before
 * the host's `next`). Pure: the same seed and workload always give the same plan (test/unit/bench-chaos.test.ts).
 *
 * Kills follow each other in the order of the game: at most one while joining, then at most one per question (its
 * question phase or its reveal), so that everyone is back from one restart before the next and every kill lands in
 * the phase it was planned for. The moments are chosen so that the phase is still on when they come: a question is
 * killed in the first half of the answer window (it only closes once every player answered), a reveal in the first
 * 60 % of the host's pause before `next`.
 */
import type { Phase } from "../worker/protocol/values.ts";
import { seededRandom } from "./workload.ts";

export const KILL_PHASES = ["join", "question", "ack", "reveal"] as const;
export type KillPhase = (typeof KILL_PHASES)[number];

/** One planned kill: which phase, which question of the first game, and exactly when within it. */
export type PlannedKill =
  | { phase: "join" /** Fires once this share of all players has joined. */; joinedShare: number }
  | {
      phase: "question";
      question: number;
      /** Milliseconds after the question reached the host. */ delayMs: number;
    }
  | {
      phase: "ack";
      question: number;
      /** Fires right after this many of the question's answers were acknowledged (over every bot). */ afterAcks: number;
    }
  | {
      phase: "reveal";
      question: number;
      /** Milliseconds after the question's reveal reached the host (the host sends `next` after its pause). */ delayMs: number;
    };

export interface KillWorkload {
  /** Players per game. */
  players: number;
  questions: number;
  answerWindowMs: number;
  hostWaitMs: number;
}

/** Where the run was when a kill came. */
export interface KillHit {
  /** `ready`: a question's lead-in (--read-seconds). */
  phase: "joining" | Phase;
  /** The first game's open (or revealed) question; null before the first. */
  question: number | null;
  /** Players joined so far, over every game. */
  joined: number;
  /** Answers to that question acknowledged so far (first game). */
  acked: number;
}

/** How many kills a run can hold: one while joining and one per question. */
export function killCapacity(questions: number): number {
  return questions + 1;
}

/** A short description of a planned kill, for the terminal and the report ("mid-question 3, 420 ms in"). */
export function describeKill(kill: PlannedKill): string {
  switch (kill.phase) {
    case "join":
      return `during joins, at ${Math.round(kill.joinedShare * 100)} % joined`;
    case "question":
      return `mid-question ${kill.question + 1}, ${kill.delayMs} ms after it opened`;
    case "ack":
      return `question ${kill.question + 1}, right after ack ${kill.afterAcks}`;
    case "reveal":
      return `mid-reveal ${kill.question + 1}, ${kill.delayMs} ms after it arrived`;
  }
}

/**
 * `count` kills in the order they happen. The phases come in a seeded order that covers all four before any repeats
 * (so 4 kills hit each phase once, 2 kills two different phases); the join phase takes part at most once, and is
 * always in when there are more kills than questions. Each kill in the game gets a question of its own.
 */
export function planKills(count: number, seed: number, w: KillWorkload): PlannedKill[] {
  if (!Number.isInteger(count) || count < 0 || count > killCapacity(w.questions)) {
    throw new RangeError(`${count} kills do not fit ${w.questions} questions (at most ${killCapacity(w.questions)})`);
  }
  if (count === 0) return [];
  const random = seededRandom(seed * 7919 + 104_729);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);

  // The phases, in a seeded order covering each once, then further in-game phases drawn at random.
  const order = shuffle([...KILL_PHASES], random);
  let phases = order.slice(0, Math.min(count, order.length));
  while (phases.length < count) phases.push(pick(["question", "ack", "reveal"] as const));
  // The game has a question for every in-game kill only with the join phase among them.
  const inGame = (list: KillPhase[]) => list.filter((p) => p !== "join").length;
  if (inGame(phases) > w.questions) {
    const swap = phases.findIndex((p) => p !== "join");
    phases = phases.map((p, i) => (i === swap ? "join" : p));
  }

  const plan: PlannedKill[] = [];
  if (phases.includes("join")) plan.push({ phase: "join", joinedShare: round(between(0.2, 0.7), 3) });
  const gamePhases = shuffle(
    phases.filter((p): p is Exclude<KillPhase, "join"> => p !== "join"),
    random,
  );
  const questions = shuffle(
    Array.from({ length: w.questions }, (_, q) => q),
    random,
  )
    .slice(0, gamePhases.length)
    .sort((a, b) => a - b);
  gamePhases.forEach((phase, i) => {
    const question = questions[i] as number;
    if (phase === "question") {
      plan.push({ phase, question, delayMs: Math.round(between(0.05, 0.5) * w.answerWindowMs) });
    } else if (phase === "ack") {
      const most = Math.max(1, Math.round(w.players * 0.1));
      plan.push({ phase, question, afterAcks: 1 + Math.floor(random() * most) });
    } else {
      plan.push({ phase, question, delayMs: Math.round(between(0, 0.6) * w.hostWaitMs) });
    }
  });
  return plan;
}

/** Fisher–Yates with the given generator. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Why a kill did not land in the phase it was planned for, or null when it did. */
export function landedOff(plan: PlannedKill, hit: KillHit): string | null {
  const at = hit.phase === "question" || hit.phase === "reveal" ? `${hit.phase} ${(hit.question ?? 0) + 1}` : hit.phase;
  if (plan.phase === "join") return hit.phase === "joining" ? null : `came in ${at}, after the joins`;
  const phase = plan.phase === "reveal" ? "reveal" : "question";
  if (hit.phase === phase && hit.question === plan.question) return null;
  return `came in ${at}`;
}
