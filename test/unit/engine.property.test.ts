import type { HostCommand, QuizQuestion } from "@protocol/schemas";
import { stepOf, valueAt } from "@protocol/slider";
import { type AnswerChoice, HIDDEN_NAME, type Phase } from "@protocol/values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, type Effect, type GameEvent } from "../../worker/game/engine";
import { restore } from "../../worker/game/restore";
import { basePoints } from "../../worker/game/scoring";
import { type GameState, questionsClosed } from "../../worker/game/state";
import { teamSizes } from "../../worker/game/teams";
import { snapshot, youState } from "../../worker/game/views";
import { durable, HOUR, Sim, structural } from "./harness";

const HOST_COMMANDS = [
  "start",
  "next",
  "pause",
  "resume",
  "kick",
  "lock",
  "unlock",
  "end",
  "hideName",
  "unhideName",
  "moveTeam",
] as const satisfies readonly HostCommand[];

/** Devices players join from: two shared ones, so a kick's ban meets later joins. */
const DEVICES = [null, "device-aaaaaaaaaaaa", "device-bbbbbbbbbbbb"] as const;

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Q1", choices: ["a", "b", "c", "d"], correct: 2 },
  { kind: "slider", text: "Q2", min: 0, max: 10, step: 0.5, correct: 3.5, tolerance: 0.5, unit: "kg" },
  { kind: "truefalse", text: "Q3", correct: false, double: true },
  { kind: "order", text: "Q4", items: ["w", "x", "y", "z"], double: true },
  { kind: "multi", text: "Q5", choices: ["a", "b", "c"], correct: [0, 2], seconds: 10 },
  { kind: "type", text: "Q6", accepted: ["Paris"] },
  { kind: "poll", text: "Q7", choices: ["x", "y"] },
  { kind: "choice", text: "Q8", choices: ["a", "b"], correct: 0, seconds: 5 },
];

/**
 * How an answer is picked: as generated, or aimed at the open question's right answer, or near it (a slider's guess
 * one step beyond the tolerance, an order with two items swapped), so right and partly right answers are common.
 */
type Aim = "given" | "right" | "near";

/** A step of a random session. Players are named by position in the list of ids joined so far (one past = unknown). */
type Step =
  | { t: "join"; name: string | null; reuseId: boolean; device: (typeof DEVICES)[number] }
  | { t: "connect"; p: number }
  | { t: "disconnect"; p: number }
  | { t: "answer"; p: number; offset: -1 | 0 | 1; choice: AnswerChoice; aim: Aim; rtt: number | null }
  | { t: "command"; command: (typeof HOST_COMMANDS)[number]; p: number; team: number }
  | { t: "tick"; ms: number };

const player = fc.nat({ max: 7 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("join" as const),
      name: fc.constantFrom("Ada", "ADA", "Bob", "Cy", "Dee", null),
      reuseId: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
      device: fc.constantFrom(...DEVICES),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("connect" as const), p: player }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("disconnect" as const), p: player }) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant("answer" as const),
      p: player,
      offset: fc.constantFrom(0, 0, 0, -1, 1) as fc.Arbitrary<-1 | 0 | 1>,
      // The socket's measured round trip (fair timing): none, a phone's, one beyond the credit's cap.
      rtt: fc.constantFrom(null, 0, 40, 600, 5_000),
      choice: fc.oneof(
        fc.nat({ max: 5 }),
        fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("paris", " The Paris ", "London", ""),
        // Slider guesses: on the scale, between steps, off it, with floating-point noise.
        fc.integer({ min: -2, max: 22 }).map((k) => k / 2),
        fc.constantFrom(3.5, 0.1 + 0.2 + 3.2, 3.25, -0.5, 1e9),
        // Orders: whole permutations (the right one among them) and broken ones.
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
        fc.constantFrom<number[]>([0, 1, 2, 3], [0, 0, 1, 2], [0, 1, 2], [0, 1, 2, 3, 4]),
      ),
      aim: fc.constantFrom<Aim>("given", "given", "right", "near"),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("command" as const),
      command: fc.constantFrom(...HOST_COMMANDS),
      p: player,
      // moveTeam: where to (one past the teams of a 3-team game: a team that does not exist).
      team: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("tick" as const),
      ms: fc.oneof(
        { weight: 10, arbitrary: fc.integer({ min: 0, max: 25_000 }) },
        { weight: 1, arbitrary: fc.constantFrom(2 * HOUR, 25 * HOUR) },
      ),
    }),
  },
);

const setupArb = fc.record({
  revealSeconds: fc.constantFrom(0, 3),
  readSeconds: fc.constantFrom(0, 0, 2),
  hostPlays: fc.boolean(),
  maxPlayers: fc.constantFrom(3, 100),
  teams: fc.constantFrom(undefined, undefined, 2, 3),
  questionCount: fc.integer({ min: 1, max: QUESTIONS.length }),
  seed: fc.nat(),
});

/** The legal moves between two observations of (phase, question index). */
function legalTransition(from: { phase: Phase; index: number }, to: { phase: Phase; index: number }): boolean {
  if (from.phase === to.phase && from.index === to.index) return true;
  // A question comes up through its lead-in (`ready`) or straight to its choices; one ended in its lead-in never
  // opened, so the game finishes after the one before it.
  const comesUp = (index: number) => (to.phase === "ready" || to.phase === "question") && to.index === index;
  switch (from.phase) {
    case "lobby":
      return comesUp(0) || to.phase === "finished";
    case "ready":
      return (
        (to.phase === "question" && to.index === from.index) || (to.phase === "finished" && to.index === from.index - 1)
      );
    case "question":
      return (to.phase === "reveal" && to.index === from.index) || (to.phase === "finished" && to.index === from.index);
    case "reveal":
      return comesUp(from.index + 1) || (to.phase === "finished" && to.index === from.index);
    case "finished":
      return false;
  }
}

/**
 * Team games: each team's score is a function of its members' points alone: the sum, over the closed questions, of
 * the rounded mean of the points of the members who took part in each (joined by then, not kicked before it), read
 * from storage's rows. And while only joins shaped the teams, their sizes differ by at most one.
 */
function checkTeams(sim: Sim, reshaped: boolean) {
  const s = sim.state;
  if (!s.teams) {
    for (const p of s.players.values()) expect(p.team).toBeNull();
    expect(snapshot(s, "host").teams).toBeUndefined();
    return;
  }
  const stored = sim.store.stored();
  const rows = sim.store.answerRows();
  const closed = questionsClosed(s.clock);
  s.teams.forEach((team, t) => {
    let score = 0;
    for (let q = 0; q < closed; q++) {
      const members = stored.players.filter(
        (p) => p.team === t && p.firstQuestion <= q && !(p.kicked && (p.kickedFrom ?? 0) <= q),
      );
      if (members.length === 0) continue;
      const points = members.map((m) => rows.find((a) => a.index === q && a.playerId === m.id)?.points ?? 0);
      score += Math.round(points.reduce((a, b) => a + b, 0) / members.length);
    }
    expect(team.score, `team ${t}`).toBe(score);
    expect(team.streak).toBeGreaterThanOrEqual(0);
  });
  const sizes = teamSizes(s);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe([...s.players.values()].filter((p) => !p.kicked).length);
  if (!reshaped) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  // The standings: best first, competition ranks.
  const standings = snapshot(s, "host").gameOver?.teams ?? s.lastReveal?.teams;
  standings?.forEach((e, i) => {
    const prev = standings[i - 1];
    if (prev) expect(prev.score).toBeGreaterThanOrEqual(e.score);
    expect(e.rank).toBe(prev && prev.score === e.score ? prev.rank : i + 1);
  });
}

function checkInvariants(sim: Sim) {
  const s = sim.state;
  const c = s.clock;
  const closedThrough = c.phase === "question" ? c.index - 1 : c.index;
  const rows = sim.store.answerRows();

  // An order question is never shown in its right order.
  for (const q of s.questions) if (q.kind === "order") expect(q.correct).not.toEqual(q.correct.map((_, i) => i));
  // Every stored answer fits its question and earns what its kind allows.
  for (const a of rows) {
    const q = s.questions[a.index];
    if (!q) throw new Error(`answer to unknown question ${a.index}`);
    const full = basePoints(a.elapsedMs, q.durationMs) * (q.double ? 2 : 1);
    // The counted time (fair timing) stays within the question's limit whatever round trip was measured.
    expect(a.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(a.elapsedMs).toBeLessThanOrEqual(q.durationMs);
    expect(a.points).toBeGreaterThanOrEqual(0);
    expect(a.points).toBeLessThanOrEqual(full + 500);
    if (q.slider) {
      // Kept exactly on its step; a guess outside the tolerance earns at most the speed points, without a bonus.
      const k = stepOf(q.slider, a.choice as number);
      expect(k).not.toBeNull();
      expect(a.choice).toBe(valueAt(q.slider, k as number));
      expect(a.correct).toBe(Math.abs((a.choice as number) - q.slider.correct) <= q.slider.tolerance + 1e-9);
      if (!a.correct) expect(a.points).toBeLessThanOrEqual(full);
    } else if (q.kind === "order") {
      expect([...(a.choice as number[])].sort()).toEqual(q.correct.map((_, i) => i));
      expect(a.correct).toBe(JSON.stringify(a.choice) === JSON.stringify(q.correct));
    }
    if (!a.correct && !q.slider) expect(a.points).toBe(0);
  }

  for (const p of s.players.values()) {
    if (p.kicked) {
      expect(s.connections.has(p.id)).toBe(false);
      expect(s.answers.has(p.id)).toBe(false);
      // A kick keeps the seat's device out of the game.
      if (p.device !== null) expect(s.bannedDevices.has(p.device)).toBe(true);
      continue;
    }
    const own = rows.filter((a) => a.playerId === p.id);
    // Score: the sum of the player's points over the closed questions, nothing else.
    const sum = own.filter((a) => a.index <= closedThrough).reduce((n, a) => n + a.points, 0);
    expect(p.score).toBe(sum);
    // Answers only to questions the player took part in.
    for (const a of own) expect(a.index).toBeGreaterThanOrEqual(p.firstQuestion);
    expect(p.streak).toBeGreaterThanOrEqual(0);
  }

  if (c.phase === "ready") {
    // In the lead-in nothing can be answered yet, and the opening is due (or frozen by a pause).
    expect(s.answers.size).toBe(0);
    expect(rows.some((a) => a.index === c.index)).toBe(false);
    expect(c.pausedAt === null ? c.opensAt : c.pausedRemainingMs).not.toBeNull();
    expect(c.deadline).toBeNull();
  }

  if (c.phase === "question") {
    // The open question's answers are exactly its stored rows (minus players kicked since).
    const open = rows.filter((a) => a.index === c.index && s.players.get(a.playerId)?.kicked === false);
    expect([...s.answers.keys()].sort()).toEqual(open.map((a) => a.playerId).sort());
    // The early-close counter matches the connected players still to answer, and the question is not left open
    // when nobody is left to wait for.
    const waiting = [...s.players.values()].filter(
      (p) => !p.kicked && (s.connections.get(p.id) ?? 0) > 0 && !s.answers.has(p.id),
    ).length;
    expect(s.waitingFor).toBe(waiting);
    if (c.pausedAt === null) expect(waiting === 0 && s.answers.size > 0).toBe(false);
    expect(c.pausedAt === null ? c.deadline : c.pausedRemainingMs).not.toBeNull();
  }

  // A hidden name never reaches players: not in the lobby's newest names, not in any standings they are sent.
  const forPlayers = snapshot(s, "player");
  const entries = [
    ...forPlayers.leaderboard,
    ...(forPlayers.reveal?.leaderboard ?? []),
    ...(forPlayers.gameOver?.podium ?? []),
    ...(forPlayers.gameOver?.leaderboard ?? []),
  ];
  for (const id of s.hiddenPlayers) {
    const p = s.players.get(id);
    // Only players still in the game are hidden (a kick takes the player off the list).
    expect(p?.kicked).toBe(false);
    if (!p) continue;
    expect(forPlayers.lobby.recent ?? []).not.toContain(p.name);
    for (const e of entries) if (e.playerId === p.id) expect(e.name).toBe(HIDDEN_NAME);
  }

  // The table: highest first, competition ranks, no kicked player, at most ten rows.
  expect(s.leaderboard.length).toBeLessThanOrEqual(10);
  s.leaderboard.forEach((e, i) => {
    expect(s.players.get(e.playerId)?.kicked).toBe(false);
    if (i > 0) {
      const prev = s.leaderboard[i - 1];
      expect(prev?.score).toBeGreaterThanOrEqual(e.score);
      expect(e.rank).toBe(prev?.score === e.score ? prev?.rank : i + 1);
    }
  });
}

/** The room rebuilds from storage, then re-attaches the open sockets: the result must equal the live game. */
function checkRestore(sim: Sim) {
  const again: GameState = restore(sim.store.stored());
  for (const [id, n] of sim.state.connections) {
    for (let i = 0; i < n; i++) apply(again, { type: "connect", playerId: id }, { now: sim.now, random: sim.random });
  }
  expect(durable(again)).toEqual(durable(sim.state));
  for (const role of ["host", "player"] as const) expect(snapshot(again, role)).toEqual(snapshot(sim.state, role));
  for (const id of sim.state.players.keys()) expect(youState(again, id)).toEqual(youState(sim.state, id));
  if (sim.state.clock.phase === "question") expect(again.waitingFor).toBe(sim.state.waitingFor);
}

function questionIndexes(effects: readonly Effect[]): number[] {
  return effects.flatMap((e) => (e.type === "send" && e.message.type === "question" ? [e.message.index] : []));
}

function aimed(sim: Sim, index: number, step: Extract<Step, { t: "answer" }>): AnswerChoice {
  const q = sim.state.questions[index];
  if (!q || step.aim === "given") return step.choice;
  if (q.slider) {
    const { correct, tolerance, step: size } = q.slider;
    return step.aim === "right" ? correct : correct + tolerance + size;
  }
  if (q.kind === "type") return q.accepted[0] ?? step.choice;
  if (q.kind === "multi" || q.kind === "order") {
    if (step.aim === "right" || q.correct.length < 2) return q.correct;
    const [first, second, ...rest] = q.correct as [number, number, ...number[]];
    return [second, first, ...rest];
  }
  return q.correct[0] ?? step.choice;
}

type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;

function run(setup: Setup, steps: Step[]) {
  const sim = new Sim({
    questions: QUESTIONS.slice(0, setup.questionCount),
    settings: {
      revealSeconds: setup.revealSeconds,
      readSeconds: setup.readSeconds,
      maxPlayers: setup.maxPlayers,
      ...(setup.teams ? { teams: setup.teams } : {}),
    },
    host: setup.hostPlays ? "Host" : null,
    seed: setup.seed,
  });
  const ids: string[] = setup.hostPlays ? ["host"] : [];
  let joined = 0;
  // Whether a move or a kick (rather than joins alone) has shaped the teams.
  let reshaped = false;
  const opened: number[] = [];
  const who = (p: number) => ids[p] ?? `ghost${p}`;

  for (const step of steps) {
    let event: GameEvent;
    switch (step.t) {
      case "join":
        event = {
          type: "join",
          playerId: step.reuseId && ids[0] ? ids[0] : `p${++joined}`,
          name: step.name,
          device: step.device,
        };
        break;
      case "connect":
        event = { type: "connect", playerId: who(step.p) };
        break;
      case "disconnect":
        event = { type: "disconnect", playerId: who(step.p) };
        break;
      case "answer": {
        const index = Math.max(0, sim.state.clock.index + step.offset);
        event = { type: "answer", playerId: who(step.p), index, choice: aimed(sim, index, step), rttMs: step.rtt };
        break;
      }
      case "command":
        event = {
          type: "command",
          command: step.command,
          ...(step.command === "kick" ||
          step.command === "hideName" ||
          step.command === "unhideName" ||
          step.command === "moveTeam"
            ? { playerId: who(step.p) }
            : {}),
          ...(step.command === "moveTeam" ? { team: step.team } : {}),
        };
        break;
      case "tick":
        sim.advance(step.ms);
        event = { type: "tick" };
        break;
    }
    const before = structural(sim.state);
    const rowsBefore = JSON.stringify(sim.store.stored());
    const from = { phase: sim.state.clock.phase, index: sim.state.clock.index };
    const banned = event.type === "join" && !!event.device && sim.state.bannedDevices.has(event.device);
    const outcome = sim.apply(event);
    // A kicked player's device never gets back in.
    if (banned) expect(outcome.ok ? "joined" : outcome.error.code).toBe("device_banned");
    if (!outcome.ok) {
      // A refused event leaves everything exactly as it was, in memory and in storage.
      expect(structural(sim.state)).toEqual(before);
      expect(JSON.stringify(sim.store.stored())).toBe(rowsBefore);
      continue;
    }
    if (event.type === "join") ids.push(event.playerId);
    if (event.type === "command" && (event.command === "kick" || event.command === "moveTeam")) reshaped = true;
    if (sim.store.destroyed) return;
    const to = { phase: sim.state.clock.phase, index: sim.state.clock.index };
    expect(legalTransition(from, to), `${from.phase}#${from.index} → ${to.phase}#${to.index}`).toBe(true);
    for (const e of outcome.effects) {
      if ((e.type === "send" || e.type === "sendEach") && e.message.type === "question") {
        expect(Object.keys(e.message)).not.toContain("correct");
      }
    }
    opened.push(...questionIndexes(outcome.effects));
    checkInvariants(sim);
    checkTeams(sim, reshaped);
    checkRestore(sim);
  }
  // Questions went out in order, each once.
  expect(opened).toEqual(opened.map((_, i) => i));
}

// Each run rebuilds the game from storage after every step, so a run costs O(steps²); these budgets leave room for a
// busy machine.
const BUDGET_MS = 60_000;

describe("engine properties", () => {
  it(
    "random sessions keep every invariant, and storage always rebuilds the live game",
    () => {
      fc.assert(
        fc.property(setupArb, fc.array(stepArb, { minLength: 1, maxLength: 80 }), (setup, steps) => {
          run(setup, steps);
        }),
        { numRuns: 250 },
      );
    },
    BUDGET_MS,
  );

  it(
    "busy sessions that start at once reach the end with consistent scores",
    () => {
      const busy = fc.array(
        fc.oneof(
          { weight: 6, arbitrary: stepArb.filter((s) => s.t === "answer") },
          { weight: 2, arbitrary: stepArb.filter((s) => s.t === "tick") },
          { weight: 1, arbitrary: stepArb },
        ),
        { minLength: 20, maxLength: 120 },
      );
      fc.assert(
        fc.property(setupArb, busy, (setup, steps) => {
          const opening: Step[] = [
            { t: "join", name: "Ada", reuseId: false, device: null },
            { t: "join", name: "Bob", reuseId: false, device: DEVICES[1] },
            { t: "join", name: null, reuseId: false, device: null },
            { t: "connect", p: 0 },
            { t: "connect", p: 1 },
            { t: "connect", p: 2 },
            { t: "connect", p: 3 },
            { t: "command", command: "start", p: 0, team: 0 },
          ];
          run(setup, [...opening, ...steps]);
        }),
        { numRuns: 150 },
      );
    },
    BUDGET_MS,
  );
});
