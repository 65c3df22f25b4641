/**
 * Property tests of self-paced assignments: whatever the players do, in whatever interleaving, at whatever times
 * (alarms late or repeated, players leaving mid-question), each player's score is the sum of their own points, their
 * questions open one after the other, nothing is accepted once the assignment has closed, a refused event changes
 * nothing, and the game rebuilt from storage is the live one.
 */
import type { QuizQuestion } from "@protocol/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GameEvent } from "../../worker/game/engine";
import type { GameState } from "../../worker/game/state";
import { HOUR, Sim, T0 } from "./harness";
import { CLOSES, restoreAndCompare } from "./self-paced-harness";

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Q1", choices: ["a", "b", "c", "d"], correct: 2 },
  { kind: "slider", text: "Q2", min: 0, max: 10, step: 0.5, correct: 3.5, tolerance: 0.5 },
  { kind: "poll", text: "Q3", choices: ["x", "y"] },
  { kind: "truefalse", text: "Q4", correct: false, double: true },
];

type Step =
  | { t: "join" }
  | { t: "connect" | "disconnect" | "advance" | "kick"; p: number }
  | { t: "answer"; p: number; offset: -1 | 0 | 1; choice: number }
  | { t: "time"; ms: number; tick: boolean }
  | { t: "end" };

const p = fc.nat({ max: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: "join" as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom("connect" as const, "disconnect" as const), p }) },
  { weight: 8, arbitrary: fc.record({ t: fc.constant("advance" as const), p }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("answer" as const),
      p,
      offset: fc.constantFrom(-1 as const, 0 as const, 0 as const, 1 as const),
      choice: fc.nat({ max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("time" as const),
      // Mostly seconds (within a question), sometimes exactly a deadline's length, rarely days (past the close).
      ms: fc.oneof(
        { weight: 8, arbitrary: fc.nat({ max: 25_000 }) },
        { weight: 2, arbitrary: fc.constant(20_000) },
        { weight: 1, arbitrary: fc.nat({ max: 3 * 24 * HOUR }) },
      ),
      tick: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("kick" as const), p }) },
  { weight: 1, arbitrary: fc.constant({ t: "end" as const }) },
);

/** Everything an event can change, as one string (cheaper than a deep copy of the whole state at every step). */
function fingerprint(state: GameState): string {
  const sp = state.selfPaced;
  return JSON.stringify([
    state.clock,
    [...state.players.values()],
    [...state.nameKeys],
    [...state.connections],
    state.scoredCount,
    state.gameOver,
    sp ? [[...sp.progress], [...sp.due], sp.counts] : null,
  ]);
}

function run(steps: Step[], readSeconds: number) {
  const sim = new Sim({ questions: QUESTIONS, settings: { mode: "self-paced", closesAt: CLOSES, readSeconds } });
  const ids: string[] = [];
  /** Per player: the question last opened to them, and the last one closed (their reveal). */
  const opened = new Map<string, number>();
  const closed = new Map<string, number>();
  for (const step of steps) {
    const id = ids[("p" in step ? step.p : 0) % Math.max(1, ids.length)] ?? "nobody";
    let event: GameEvent;
    switch (step.t) {
      case "join":
        event = { type: "join", playerId: `p${ids.length + 1}`, name: null };
        break;
      case "connect":
      case "disconnect":
        event = { type: step.t, playerId: id };
        break;
      case "advance":
        event = { type: "advance", playerId: id };
        break;
      case "kick":
        event = { type: "command", command: "kick", playerId: id };
        break;
      case "end":
        event = { type: "command", command: "end" };
        break;
      case "answer": {
        const at = sim.state.selfPaced?.progress.get(id)?.index ?? 0;
        event = { type: "answer", playerId: id, index: Math.max(0, at + step.offset), choice: step.choice };
        break;
      }
      case "time":
        sim.advance(step.ms);
        if (!step.tick) continue;
        event = { type: "tick" };
        break;
    }
    const before = fingerprint(sim.state);
    const closedNow = sim.state.clock.phase === "finished" || sim.now >= CLOSES;
    const outcome = sim.apply(event);
    if (!outcome.ok) {
      expect(fingerprint(sim.state)).toBe(before);
      continue;
    }
    if (event.type === "join") ids.push(event.playerId);
    // Nothing is taken once the assignment has closed (by time, however late the alarm, or by the host).
    if (closedNow) expect(["answer", "advance", "join"]).not.toContain(event.type);
    for (const e of outcome.effects) {
      if (e.type !== "send" || typeof e.to !== "object") continue;
      const who = e.to.player;
      const m = e.message;
      if (m.type === "ready" || m.type === "question") {
        // A question opens only once the one before has closed for this player (a lead-in then its choices).
        const last = opened.get(who) ?? -1;
        if (m.type === "question" && last === m.index) expect(closed.get(who) ?? -1).toBe(m.index - 1);
        else expect(closed.get(who) ?? -1).toBe(last);
        expect(m.index).toBe((closed.get(who) ?? -1) + 1);
        opened.set(who, m.index);
      }
      if (m.type === "reveal") {
        expect(opened.get(who)).toBe(m.index);
        closed.set(who, m.index);
      }
    }
  }
  // Each player's score is the sum of their own points, whoever else played when.
  for (const player of sim.state.players.values()) {
    const own = sim.store.answerRows().filter((a) => a.playerId === player.id);
    const counted = own.filter((a) => a.index <= (closed.get(player.id) ?? -1));
    expect(player.score).toBe(counted.reduce((sum, a) => sum + a.points, 0));
    expect(counted.length).toBe(own.length);
  }
  restoreAndCompare(sim);
  return sim;
}

describe("self-paced assignments (properties)", () => {
  it("scores, orders and closes the same whatever the interleaving", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 80 }), fc.constantFrom(0, 2), (steps, read) => {
        run(steps, read);
      }),
      { numRuns: 150 },
    );
  });

  it("a player's points do not depend on what the others did in between", () => {
    const mine: Step[] = [
      { t: "join" },
      { t: "advance", p: 0 },
      { t: "time", ms: 1500, tick: false },
      { t: "answer", p: 0, offset: 0, choice: 2 },
      { t: "advance", p: 0 },
      { t: "time", ms: 4000, tick: true },
      { t: "answer", p: 0, offset: 0, choice: 7 },
    ];
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (others) => {
        const alone = run(mine, 0);
        // The same player's steps, with another player's at every point in between (player 1, never player 0).
        const mixed: Step[] = [{ t: "join" }, { t: "join" }];
        const theirs = others.filter((s) => s.t !== "time" && s.t !== "end" && s.t !== "kick" && s.t !== "join");
        for (const [i, s] of mine.slice(1).entries()) {
          mixed.push(s, ...theirs.slice(i * 4, i * 4 + 4).map((o) => ({ ...o, p: 1 }) as Step));
        }
        const together = run(mixed, 0);
        expect(together.state.players.get("p1")?.score).toBe(alone.state.players.get("p1")?.score);
        expect(together.now).toBe(T0 + 5500);
      }),
      { numRuns: 50 },
    );
  });
});
