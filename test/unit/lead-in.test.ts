/**
 * The "get ready" lead-in (`readSeconds`): the question's text goes out alone, its choices open when the alarm comes
 * (or the host says next), and its time limit and points count from that open, never from the lead-in's start.
 */
import type { ServerMessageOf } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { restore } from "../../worker/game/restore";
import { nextWake } from "../../worker/game/state";
import { snapshot, youState } from "../../worker/game/views";
import { choiceQuestions, durable, HOUR, Sim, sent, structural, T0 } from "./harness";

function leadIn(readSeconds = 3, questions = choiceQuestions(2)) {
  const sim = new Sim({ questions, settings: { readSeconds } });
  const players = [sim.player("Ada"), sim.player("Bob")] as const;
  return { sim, players };
}

/** The game as the room rebuilds it on wake: from storage, with the open sockets re-attached. */
function rebuilt(sim: Sim) {
  const again = restore(sim.store.stored());
  for (const [id, n] of sim.state.connections) {
    for (let i = 0; i < n; i++) again.connections.set(id, (again.connections.get(id) ?? 0) + 1);
  }
  return again;
}

function refused(sim: Sim, run: () => ReturnType<Sim["apply"]>, code: string, message?: RegExp) {
  const before = structural(sim.state);
  const rows = JSON.stringify(sim.store.stored());
  const outcome = run();
  expect(outcome.ok ? "accepted" : outcome.error.code).toBe(code);
  if (!outcome.ok && message) expect(outcome.error.message).toMatch(message);
  expect(structural(sim.state)).toEqual(before);
  expect(JSON.stringify(sim.store.stored())).toBe(rows);
}

describe("the lead-in", () => {
  it("sends the question's text alone, opens the choices when it is due, and counts time and points from the open", () => {
    const { sim, players } = leadIn();
    const [ada, bob] = players;
    const started = sim.ok({ type: "command", command: "start" });
    expect(sent(started, "question")).toEqual([]);
    const [ready] = sent(started, "ready") as ServerMessageOf<"ready">[];
    expect(ready).toEqual({
      type: "ready",
      serverTime: T0,
      index: 0,
      total: 2,
      kind: "choice",
      text: "Question 1?",
      double: false,
      durationMs: 20_000,
      readMs: 3_000,
      opensAt: T0 + 3_000,
    });
    // Nothing that would let anyone answer early: no choices, no answer.
    expect(Object.keys(ready ?? {})).not.toContain("choices");
    expect(sim.state.clock.phase).toBe("ready");
    expect(nextWake(sim.state)).toBe(T0 + 3_000);
    const view = snapshot(sim.state, "player");
    expect(view).toMatchObject({ phase: "ready", question: null, ready: { index: 0, opensAt: T0 + 3_000 } });
    expect(youState(sim.state, ada)).toMatchObject({ answer: null, result: null });

    // Answers before the choices open are refused and change nothing.
    sim.at(T0 + 1_000);
    refused(sim, () => sim.answer(ada, sim.correct()), "question_not_open", /Question 1 has not opened yet/);
    refused(sim, () => sim.answer(ada, sim.correct(), 1), "wrong_question");
    expect(sim.at(T0 + 2_999).tick()).toEqual([]);

    const opened = sim.at(T0 + 3_000).tick();
    const [q0] = sent(opened, "question") as ServerMessageOf<"question">[];
    expect(q0).toMatchObject({ index: 0, serverTime: T0 + 3_000, startedAt: T0 + 3_000, deadline: T0 + 23_000 });
    expect(q0?.choices).toHaveLength(4);
    expect(nextWake(sim.state)).toBe(T0 + 23_000);

    // 400 ms after the open: the full 1000, though 3.4 s after the lead-in began.
    expect(sent(sim.at(T0 + 3_400).give(ada, sim.correct()), "answered")[0]).toMatchObject({ elapsedMs: 400 });
    // 10 s after the open: half of the time limit gone, 750 points.
    expect(sent(sim.at(T0 + 13_000).give(bob, sim.correct()), "answered")[0]).toMatchObject({ elapsedMs: 10_000 });
    expect(sim.state.players.get(ada)?.score).toBe(1000);
    expect(sim.state.players.get(bob)?.score).toBe(750);
  });

  it("opens the choices when a late alarm comes, with the full time from then; a repeated alarm does nothing", () => {
    const { sim, players } = leadIn();
    sim.ok({ type: "command", command: "start" });
    const [q0] = sent(sim.at(T0 + 8_000).tick(), "question") as ServerMessageOf<"question">[];
    expect(q0).toMatchObject({ startedAt: T0 + 8_000, deadline: T0 + 28_000 });
    const open = structural(sim.state);
    expect(sim.tick()).toEqual([]);
    expect(sim.at(T0 + 27_999).tick()).toEqual([]);
    expect(structural(sim.state)).toEqual(open);
    expect(sent(sim.at(T0 + 8_000).give(players[0], sim.correct()), "answered")[0]).toMatchObject({ elapsedMs: 0 });

    // Even an alarm later than the lead-in and the whole question put together only opens it.
    const late = leadIn();
    late.sim.ok({ type: "command", command: "start" });
    const effects = late.sim.at(T0 + 60_000).tick();
    expect(sent(effects, "question")).toHaveLength(1);
    expect(sent(effects, "reveal")).toHaveLength(0);
    expect(late.sim.state.clock).toMatchObject({ phase: "question", startedAt: T0 + 60_000, deadline: T0 + 80_000 });
  });

  it("pauses and resumes with the time that was left; the host's next opens the choices at once", () => {
    const { sim, players } = leadIn();
    sim.ok({ type: "command", command: "start" });
    const paused = sent(sim.at(T0 + 1_000).ok({ type: "command", command: "pause" }), "paused");
    expect(paused).toEqual([{ type: "paused", serverTime: T0 + 1_000, phase: "ready", remainingMs: 2_000 }]);
    expect(snapshot(sim.state, "player")).toMatchObject({
      phase: "ready",
      paused: { remainingMs: 2_000 },
      ready: { opensAt: null },
    });
    expect(sim.at(T0 + 5_000).tick()).toEqual([]);
    refused(sim, () => sim.answer(players[0], sim.correct()), "question_not_open");

    const resumed = sent(sim.at(T0 + 10_000).ok({ type: "command", command: "resume" }), "resumed");
    expect(resumed).toEqual([
      { type: "resumed", serverTime: T0 + 10_000, phase: "ready", deadline: null, nextAt: null, opensAt: T0 + 12_000 },
    ]);
    expect(nextWake(sim.state)).toBe(T0 + 12_000);
    expect(sim.at(T0 + 11_999).tick()).toEqual([]);
    expect(sent(sim.at(T0 + 12_000).tick(), "question")[0]).toMatchObject({ startedAt: T0 + 12_000 });

    // The reveal's end brings the next question's lead-in, which the host may cut short.
    sim.at(T0 + 32_000).tick();
    expect(sim.state.clock.phase).toBe("reveal");
    expect(sent(sim.at(T0 + 37_000).tick(), "ready")[0]).toMatchObject({ index: 1, opensAt: T0 + 40_000 });
    const [q1] = sent(sim.at(T0 + 38_000).ok({ type: "command", command: "next" }), "question");
    expect(q1).toMatchObject({ index: 1, startedAt: T0 + 38_000, deadline: T0 + 58_000 });
  });

  it("lets a player who joins in the lead-in answer the question", () => {
    const { sim } = leadIn();
    sim.ok({ type: "command", command: "start" });
    const cy = sim.at(T0 + 1_000).player("Cy");
    expect(sim.state.players.get(cy)?.firstQuestion).toBe(0);
    sim.at(T0 + 3_000).tick();
    expect(sent(sim.at(T0 + 3_500).give(cy, sim.correct()), "answered")).toHaveLength(1);
  });

  it("ends in the lead-in without playing the question that never opened", () => {
    const { sim, players } = leadIn(5);
    sim.ok({ type: "command", command: "start" });
    sim.at(T0 + 5_000).tick();
    sim.at(T0 + 5_500).give(players[0], sim.correct());
    sim.at(T0 + 25_000).tick();
    sim.at(T0 + 30_000).tick();
    expect(sim.state.clock).toMatchObject({ phase: "ready", index: 1 });
    const over = sent(sim.at(T0 + 31_000).ok({ type: "command", command: "end" }), "gameOver");
    expect(over).toHaveLength(1);
    // One question played: the results and a rebuild stop before the one that was still in its lead-in.
    expect(sim.state.clock).toMatchObject({ phase: "finished", index: 0, opensAt: null });
    expect(sim.state.players.get(players[0])?.score).toBe(1000);
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));
  });

  it("ends a game left idle in its lead-in, keeping the results", () => {
    const { sim } = leadIn();
    sim.ok({ type: "command", command: "start" });
    sim.ok({ type: "command", command: "pause" });
    const effects = sim.at(T0 + 2 * HOUR).tick();
    expect(sent(effects, "gameOver")).toHaveLength(1);
    expect(sim.state.clock).toMatchObject({ phase: "finished", index: -1 });
  });

  it("is rebuilt from storage exactly, running or paused", () => {
    const { sim } = leadIn();
    sim.ok({ type: "command", command: "start" });
    for (const step of [
      () => sim.at(T0 + 1_000),
      () => sim.at(T0 + 1_500).ok({ type: "command", command: "pause" }),
      () => sim.at(T0 + 4_000).ok({ type: "command", command: "resume" }),
    ]) {
      step();
      const again = rebuilt(sim);
      expect(durable(again)).toEqual(durable(sim.state));
      for (const role of ["host", "player"] as const) expect(snapshot(again, role)).toEqual(snapshot(sim.state, role));
    }
  });

  it("does not exist with readSeconds 0: the messages and the snapshot are those of a game without one", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    sim.player("Ada");
    const started = sim.ok({ type: "command", command: "start" });
    expect(started.map((e) => (e.type === "send" ? e.message.type : e.type))).toEqual([
      "log",
      "saveClock",
      "question",
      "viewChanged",
    ]);
    expect(Object.keys(snapshot(sim.state, "player"))).toEqual([
      "code",
      "phase",
      "locked",
      "questionCount",
      "lobby",
      "question",
      "reveal",
      "gameOver",
      "paused",
      "leaderboard",
      "revealSeconds",
    ]);
    sim.at(T0 + 1_000).ok({ type: "command", command: "pause" });
    const [resumed] = sent(sim.at(T0 + 2_000).ok({ type: "command", command: "resume" }), "resumed");
    expect(Object.keys(resumed ?? {})).toEqual(["type", "serverTime", "phase", "deadline", "nextAt"]);
  });
});
