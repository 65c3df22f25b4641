import { closesAtProblems } from "@protocol/schemas";
import { describe, expect, it } from "vitest";
import { apply } from "../../worker/game/engine";
import { restore } from "../../worker/game/restore";
import { buildResults, resultsCsv } from "../../worker/game/results";
import type { SelfPacedState } from "../../worker/game/self-paced";
import { assignmentPlayerList, assignmentSnapshot, assignmentStats } from "../../worker/game/self-paced-views";
import { nextWake } from "../../worker/game/state";
import { choiceQuestions, HOUR, MINUTE, type Sim, T0 } from "./harness";
import { assignment, CLOSES, rebuilt, restoreAndCompare, to } from "./self-paced-harness";

function sp(sim: Sim): SelfPacedState {
  if (!sim.state.selfPaced) throw new Error("not an assignment");
  return sim.state.selfPaced;
}

/** An answer to question `index` that must be accepted. */
function give(sim: Sim, playerId: string, index: number, choice: number) {
  return sim.ok({ type: "answer", playerId, index, choice });
}

function next(sim: Sim, playerId: string) {
  return sim.ok({ type: "advance", playerId });
}

describe("closesAt", () => {
  it("is required for an assignment, refused for a live game, and must be 1 minute to 14 days ahead", () => {
    expect(closesAtProblems("self-paced", undefined, T0)[0]).toMatch(/needs closesAt/);
    expect(closesAtProblems("live", T0 + HOUR, T0)[0]).toMatch(/only for self-paced/);
    expect(closesAtProblems("self-paced", T0 - 1, T0)[0]).toMatch(/in the past/);
    expect(closesAtProblems("self-paced", T0 + 30_000, T0)[0]).toMatch(/at least 1 minute/);
    expect(closesAtProblems("self-paced", T0 + 15 * 24 * HOUR, T0)[0]).toMatch(/at most 14 days/);
    expect(closesAtProblems("self-paced", T0 + 14 * 24 * HOUR, T0)).toEqual([]);
    expect(closesAtProblems("live", undefined, T0)).toEqual([]);
  });
});

describe("a self-paced assignment", () => {
  it("runs each player's questions on their own clock, nobody waiting for anyone", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    const bob = sim.player("Bob");
    expect(sim.cmd("start")).toMatchObject({ ok: false, error: { code: "self_paced" } });
    expect(sim.cmd("next")).toMatchObject({ ok: false, error: { code: "self_paced" } });

    const opened = next(sim, ada);
    const [q] = to(opened, ada, "question");
    expect(q).toMatchObject({ index: 0, total: 3, deadline: T0 + 20_000, startedAt: T0 });
    expect(to(opened, bob, "question")).toEqual([]);

    sim.advance(1000);
    const answered = sim.ok({ type: "answer", playerId: ada, index: 0, choice: sim.correct(0) });
    const [reveal] = to(answered, ada, "reveal");
    expect(reveal).toMatchObject({ index: 0, answered: 1, correctCount: 1, you: { answered: true, correct: true } });
    expect(reveal?.you?.points).toBeGreaterThan(900);
    expect(sim.state.players.get(ada)?.score).toBe(reveal?.you?.points);

    // Bob starts an hour later, with his own full 20 seconds.
    sim.advance(HOUR);
    const [bq] = to(next(sim, bob), bob, "question");
    expect(bq).toMatchObject({ index: 0, deadline: sim.now + 20_000 });
    // Ada moves on while Bob is mid-question.
    expect(to(next(sim, ada), ada, "question")[0]).toMatchObject({ index: 1, deadline: sim.now + 20_000 });
  });

  it("refuses what is not the player's open question, and a second next while a question is open", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    expect(sim.answer(ada, 0, 0)).toMatchObject({ ok: false, error: { code: "wrong_question" } });
    next(sim, ada);
    const before = rebuilt(sim.state);
    expect(sim.apply({ type: "advance", playerId: ada })).toMatchObject({ ok: false, error: { code: "wrong_phase" } });
    expect(sim.answer(ada, 0, 1)).toMatchObject({ ok: false, error: { code: "wrong_question" } });
    expect(sim.answer(ada, 9, 0)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    expect(rebuilt(sim.state)).toEqual(before);
  });

  it("refuses an answer after the player's own deadline; the alarm closes it unanswered", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    next(sim, ada);
    expect(nextWake(sim.state)).toBe(T0 + 20_000);
    sim.at(T0 + 20_001);
    expect(sim.answer(ada, sim.correct(0), 0)).toMatchObject({ ok: false, error: { code: "question_closed" } });
    const [reveal] = to(sim.tick(), ada, "reveal");
    expect(reveal).toMatchObject({ index: 0, you: { answered: false, points: 0 } });
    expect(sim.tick()).toEqual([]);
  });

  it("opens the choices after the lead-in, counting speed from then", () => {
    const sim = assignment({ readSeconds: 3 });
    const ada = sim.player("Ada");
    const [ready] = to(next(sim, ada), ada, "ready");
    expect(ready).toMatchObject({ index: 0, opensAt: T0 + 3000, readMs: 3000 });
    expect(sim.answer(ada, 0, 0)).toMatchObject({ ok: false, error: { code: "question_not_open" } });
    sim.at(T0 + 3000);
    const [q] = to(sim.tick(), ada, "question");
    expect(q).toMatchObject({ startedAt: T0 + 3000, deadline: T0 + 23_000 });
    sim.at(T0 + 3200);
    const [reveal] = to(give(sim, ada, 0, sim.correct(0)), ada, "reveal");
    expect(reveal?.you?.points).toBe(1000);
  });

  it("keeps a player's deadline while they are away: back in time they answer, back late it counts as missed", () => {
    const sim = assignment({ readSeconds: 2 });
    const ada = sim.player("Ada");
    next(sim, ada);
    sim.ok({ type: "disconnect", playerId: ada });
    // Back mid-question (the lead-in ran out while away, with no alarm yet): the question opened when it was due.
    sim.at(T0 + 12_000);
    const back = sim.ok({ type: "connect", playerId: ada });
    // ... and says so at the server's now, which the phone sets its clock by.
    expect(to(back, ada, "question")[0]).toMatchObject({
      startedAt: T0 + 2000,
      deadline: T0 + 22_000,
      serverTime: T0 + 12_000,
    });
    let view = assignmentSnapshot(sim.state, sp(sim), "player", ada);
    expect(view).toMatchObject({ phase: "question", question: { index: 0, deadline: T0 + 22_000 } });
    give(sim, ada, 0, sim.correct(0));
    next(sim, ada);
    // Gone past question 2's deadline and back: it closed unanswered at its deadline; the reveal is there.
    sim.ok({ type: "disconnect", playerId: ada });
    sim.advance(10 * MINUTE);
    const late = sim.ok({ type: "connect", playerId: ada });
    expect(to(late, ada, "reveal")[0]).toMatchObject({ index: 1, serverTime: sim.now, you: { answered: false } });
    view = assignmentSnapshot(sim.state, sp(sim), "player", ada);
    expect(view).toMatchObject({ phase: "reveal", reveal: { index: 1 }, assignment: { done: 2, closed: false } });
    expect(restoreAndCompare(sim)).toBe(true);
  });

  it("leaves a socket re-attached on wake to the alarm, which settles the question and says so", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    next(sim, ada);
    sim.at(T0 + 60_000);
    const again = restore(sim.store.stored());
    const before = rebuilt(again);
    // The room re-attaches the sockets that stayed open while the object slept: nothing can be sent from there.
    const outcome = apply(
      again,
      { type: "connect", playerId: ada, restored: true },
      { now: sim.now, random: sim.random },
    );
    expect(outcome).toMatchObject({ ok: true });
    again.connections.clear();
    expect(rebuilt(again)).toEqual(before);
    const woke = apply(again, { type: "tick" }, { now: sim.now, random: sim.random });
    expect(woke.ok && to(woke.effects, ada, "reveal")[0]).toMatchObject({ index: 0, you: { answered: false } });
  });

  it("ends each player with their result and the leaderboard of those who finished", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    const bob = sim.player("Bob");
    next(sim, bob);
    for (let i = 0; i < 3; i++) {
      next(sim, ada);
      sim.advance(2000);
      give(sim, ada, i, sim.correct(i));
    }
    const done = next(sim, ada);
    const [over] = to(done, ada, "gameOver");
    expect(over).toMatchObject({ playerCount: 1, you: { rank: 1 }, assignment: { closed: false } });
    expect(over?.leaderboard.map((e) => e.name)).toEqual(["Ada"]);
    expect(sim.apply({ type: "advance", playerId: ada })).toMatchObject({ ok: false, error: { code: "wrong_phase" } });
    expect(assignmentStats(sim.state, sp(sim))).toMatchObject({ joined: 2, started: 2, finished: 1 });
    expect(assignmentStats(sim.state, sp(sim)).averageScore).toBe(sim.state.players.get(ada)?.score);
    const list = assignmentPlayerList(sim.state, sp(sim));
    expect(list.find((p) => p.name === "Ada")?.progress).toMatchObject({ done: 3, finishedAt: sim.now });
    expect(list.find((p) => p.name === "Bob")?.progress).toMatchObject({ done: 0, startedAt: T0, finishedAt: null });
    expect(restoreAndCompare(sim)).toBe(true);
  });

  it("closes at closesAt: alarms late or twice change nothing more, and nothing is accepted after", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    const bob = sim.player("Bob");
    next(sim, ada);
    give(sim, ada, 0, sim.correct(0));
    expect(nextWake(sim.state)).toBe(CLOSES);
    // Bob opens a question a minute before the close: its deadline is the close.
    sim.at(CLOSES - 10_000);
    expect(to(next(sim, bob), bob, "question")[0]).toMatchObject({ deadline: CLOSES });
    // The alarm is an hour late: answers, moves and joins are refused from closesAt on regardless.
    sim.at(CLOSES + HOUR);
    const before = rebuilt(sim.state);
    expect(sim.answer(bob, 0, 0)).toMatchObject({ ok: false, error: { code: "assignment_closed" } });
    expect(sim.apply({ type: "advance", playerId: ada })).toMatchObject({
      ok: false,
      error: { code: "assignment_closed" },
    });
    expect(sim.apply({ type: "join", playerId: "late", name: "Late" })).toMatchObject({
      ok: false,
      error: { code: "assignment_closed" },
    });
    expect(rebuilt(sim.state)).toEqual(before);
    const closing = sim.tick();
    expect(sim.state.clock).toMatchObject({ phase: "finished", finishedAt: CLOSES });
    const over = closing.find((e) => e.type === "sendEach" && e.to === "players");
    expect(over).toMatchObject({ message: { type: "gameOver", assignment: { closed: true }, playerCount: 0 } });
    // Again: nothing more to do, until the results' lifetime from the close is over.
    expect(sim.tick()).toEqual([]);
    expect(nextWake(sim.state)).toBe(CLOSES + sim.state.settings.resultsTtlMs);
    expect(sim.apply({ type: "join", playerId: "late", name: "Late" })).toMatchObject({
      ok: false,
      error: { code: "assignment_closed" },
    });
    expect(restoreAndCompare(sim)).toBe(true);
    sim.at(CLOSES + sim.state.settings.resultsTtlMs);
    expect(sim.tick().some((e) => e.type === "destroy")).toBe(true);
  });

  it("closes early when the host says so; the results have every player's progress", () => {
    const sim = assignment();
    const ada = sim.player("Ada");
    sim.player("Bob");
    next(sim, ada);
    sim.advance(3000);
    give(sim, ada, 0, sim.correct(0));
    next(sim, ada);
    sim.advance(1000);
    give(sim, ada, 1, sim.wrong(1));
    expect(sim.cmd("end")).toMatchObject({ ok: true });
    expect(sim.state.clock).toMatchObject({ phase: "finished", finishedAt: sim.now });
    expect(sim.cmd("end")).toMatchObject({ ok: false, error: { code: "game_finished" } });
    const results = buildResults(sim.state, sim.store.answerRows(), sim.now);
    expect(results).toMatchObject({ mode: "self-paced", questionsPlayed: 3 });
    const row = results.players.find((p) => p.name === "Ada");
    expect(row?.progress).toEqual({ done: 2, startedAt: new Date(T0).toISOString(), finishedAt: null });
    expect(row?.answers.map((a) => a.answered)).toEqual([true, true, false]);
    const csv = resultsCsv(results);
    expect(csv.split("\r\n")[0]).toContain("Questions done,Finished at");
    expect(restoreAndCompare(sim)).toBe(true);
  });

  it("a kicked player leaves the finishers' leaderboard and the figures", () => {
    const sim = assignment({ questions: choiceQuestions(1) });
    const ada = sim.player("Ada");
    next(sim, ada);
    give(sim, ada, 0, sim.correct(0));
    next(sim, ada);
    expect(assignmentStats(sim.state, sp(sim)).finished).toBe(1);
    sim.cmd("kick", ada);
    expect(assignmentStats(sim.state, sp(sim))).toMatchObject({ joined: 0, finished: 0 });
    expect(restoreAndCompare(sim)).toBe(true);
  });
});
