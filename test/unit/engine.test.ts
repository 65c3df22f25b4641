import type { QuizQuestion } from "@protocol/schemas";
import type { PlayerResult, ServerMessageOf } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { apply, type Effect } from "../../worker/game/engine";
import { restore } from "../../worker/game/restore";
import { type GameState, nextWake } from "../../worker/game/state";
import { snapshot, youState } from "../../worker/game/views";
import { choiceQuestions, durable, HOUR, Sim, sent, structural, T0 } from "./harness";

/** A question closing sends two reveals: the host's with the top 10, and the players' without it. */
const REVEALED = 2;

/** The host's reveal among some effects (it carries the top 10), with each player's own part. */
function revealIn(effects: readonly Effect[]) {
  const reveals = effects.flatMap((x) => (x.type === "sendEach" && x.message.type === "reveal" ? [x] : []));
  const host = reveals.find((x) => x.to === "host");
  const players = reveals.find((x) => x.to === "players");
  if (!host || !players) throw new Error(`no reveal in ${effects.map((x) => x.type).join(",")}`);
  const message = host.message as ServerMessageOf<"reveal">;
  // Players get the same reveal without the top 10, and the same own figures.
  expect(players.message).toEqual({ ...message, leaderboard: undefined });
  return {
    message: { ...message, leaderboard: message.leaderboard ?? [] },
    you: (id: string) => host.you(id) as PlayerResult | undefined,
  };
}

function gameOverIn(effects: readonly Effect[]) {
  const e = effects.find((x) => x.type === "sendEach" && x.message.type === "gameOver");
  if (e?.type !== "sendEach") throw new Error("no gameOver");
  return { message: e.message as ServerMessageOf<"gameOver">, you: (id: string) => e.you(id) };
}

/** Asserts that `event` is refused with `code` and that the state is exactly as before. */
function expectRefused(sim: Sim, run: () => ReturnType<Sim["apply"]>, code: string) {
  const before = structural(sim.state);
  const logged = sim.log.length;
  const outcome = run();
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.code).toBe(code);
  expect(structural(sim.state)).toEqual(before);
  expect(sim.log.length).toBe(logged);
}

describe("phases", () => {
  it("runs lobby → (question → reveal) × N → finished on the clock", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    const ada = sim.player("Ada");
    expect(sim.state.clock.phase).toBe("lobby");
    expect(nextWake(sim.state)).toBe(T0 + 2 * HOUR);

    const started = sim.ok({ type: "command", command: "start" });
    const [q0] = sent(started, "question") as ServerMessageOf<"question">[];
    expect(q0).toMatchObject({ index: 0, total: 2, startedAt: T0, deadline: T0 + 20_000, durationMs: 20_000 });
    expect(q0?.choices).toHaveLength(4);
    expect(JSON.stringify(q0)).not.toMatch(/correct/);
    expect(sim.state.clock.phase).toBe("question");
    expect(nextWake(sim.state)).toBe(T0 + 20_000);

    expect(sim.at(T0 + 19_999).tick()).toEqual([]);
    expect(sim.state.clock.phase).toBe("question");

    const closed = sim.at(T0 + 20_000).tick();
    const r0 = revealIn(closed);
    expect(r0.message).toMatchObject({ index: 0, nextAt: T0 + 25_000, isLast: false, answered: 0 });
    expect(r0.message.correct.choices).toEqual([sim.correct(0)]);
    expect(r0.you(ada)).toMatchObject({ answered: false, points: 0, score: 0, rank: 1 });
    expect(sim.state.clock.phase).toBe("reveal");
    expect(nextWake(sim.state)).toBe(T0 + 25_000);

    const q1 = sent(sim.at(T0 + 25_000).tick(), "question")[0] as ServerMessageOf<"question">;
    expect(q1).toMatchObject({ index: 1, startedAt: T0 + 25_000, deadline: T0 + 45_000 });
    expect(revealIn(sim.at(T0 + 45_000).tick()).message).toMatchObject({ index: 1, isLast: true });

    const over = gameOverIn(sim.at(T0 + 50_000).tick());
    expect(over.message).toMatchObject({ playerCount: 1, questionCount: 2 });
    expect(over.you(ada)).toEqual({ rank: 1, score: 0 });
    expect(sim.state.clock).toMatchObject({ phase: "finished", finishedAt: T0 + 50_000 });
    expect(nextWake(sim.state)).toBe(T0 + 50_000 + 24 * HOUR);
  });

  it("waits for the host's next after a reveal when revealSeconds is 0", () => {
    const sim = new Sim({ questions: choiceQuestions(2), settings: { revealSeconds: 0 } });
    sim.player("Ada");
    sim.ok({ type: "command", command: "start" });
    const r = revealIn(sim.at(T0 + 20_000).tick());
    expect(r.message.nextAt).toBeNull();
    expect(sim.at(T0 + 10 * 60_000).tick()).toEqual([]);
    expect(sim.state.clock.phase).toBe("reveal");
    expect(sent(sim.ok({ type: "command", command: "next" }), "question")).toHaveLength(1);
    expect(sim.state.clock.index).toBe(1);
  });

  it("lets the host's next close a question at once and move on from a reveal", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    sim.player("Ada");
    sim.ok({ type: "command", command: "start" });
    sim.advance(3_000);
    revealIn(sim.ok({ type: "command", command: "next" }));
    expect(sim.state.clock.phase).toBe("reveal");
    gameOverIn(sim.ok({ type: "command", command: "next" }));
    expect(sim.state.clock.phase).toBe("finished");
  });

  it("ends the game on the host's end, scoring the open question first", () => {
    const sim = new Sim({ questions: choiceQuestions(3) });
    const ada = sim.player("Ada");
    sim.ok({ type: "command", command: "start" });
    sim.answer(ada, sim.correct());
    const effects = sim.ok({ type: "command", command: "end" });
    expect(gameOverIn(effects).you(ada)).toEqual({ rank: 1, score: 1000 });
    expect(sent(effects, "reveal")).toHaveLength(0);
    expect(sim.state.clock.phase).toBe("finished");
  });

  it("refuses commands that do not fit the phase and changes nothing", () => {
    const sim = new Sim();
    expectRefused(sim, () => sim.cmd("start"), "no_players");
    expectRefused(sim, () => sim.cmd("next"), "wrong_phase");
    expectRefused(sim, () => sim.cmd("pause"), "wrong_phase");
    expectRefused(sim, () => sim.cmd("resume"), "wrong_phase");
    sim.player("Ada");
    sim.ok({ type: "command", command: "start" });
    expectRefused(sim, () => sim.cmd("start"), "wrong_phase");
    sim.ok({ type: "command", command: "end" });
    for (const cmd of ["start", "next", "pause", "resume", "lock", "end"] as const) {
      expectRefused(sim, () => sim.cmd(cmd), "game_finished");
    }
  });
});

describe("answers and scoring", () => {
  it("scores speed, double points and streaks, and ranks the players", () => {
    const questions: QuizQuestion[] = [
      ...choiceQuestions(1),
      ...choiceQuestions(1, { double: true }),
      ...choiceQuestions(1),
    ];
    const sim = new Sim({ questions });
    const [a, b, c] = [sim.player("A"), sim.player("B"), sim.player("C")];
    sim.ok({ type: "command", command: "start" });

    // Question 1: A at once, B after 5 s of 20, C wrong. Everyone answered, so it closes on C's answer.
    const ackA = sent(sim.ok({ type: "answer", playerId: a, index: 0, choice: sim.correct() }), "answered");
    expect(ackA).toEqual([{ type: "answered", index: 0, choice: sim.correct(), elapsedMs: 0, serverTime: T0 }]);
    sim.at(T0 + 5_000).ok({ type: "answer", playerId: b, index: 0, choice: sim.correct() });
    expect(sim.state.clock.phase).toBe("question");
    const r0 = revealIn(sim.at(T0 + 6_000).ok({ type: "answer", playerId: c, index: 0, choice: sim.wrong() }));
    expect(r0.you(a)).toEqual({ answered: true, correct: true, points: 1000, streak: 1, score: 1000, rank: 1 });
    expect(r0.you(b)).toEqual({ answered: true, correct: true, points: 875, streak: 1, score: 875, rank: 2 });
    expect(r0.you(c)).toEqual({ answered: true, correct: false, points: 0, streak: 0, score: 0, rank: 3 });
    expect(r0.message.correctCount).toBe(2);
    expect(r0.message.counts.reduce((x, y) => x + y, 0)).toBe(3);

    // Question 2 (double): A at 10 s of 20 (750 × 2 + streak 2 bonus 100); B silent; C fast.
    const t1 = T0 + 6_000 + 5_000;
    sim.at(t1).tick();
    expect(sim.state.clock.index).toBe(1);
    sim.at(t1 + 10_000).answer(a, sim.correct());
    sim.at(t1 + 400).answer(c, sim.correct());
    const r1 = revealIn(sim.at(t1 + 20_000).tick());
    expect(r1.you(a)).toMatchObject({ points: 1600, streak: 2, score: 2600, rank: 1 });
    expect(r1.you(b)).toMatchObject({ answered: false, points: 0, streak: 0, score: 875, rank: 3 });
    expect(r1.you(c)).toMatchObject({ points: 2000, streak: 1, score: 2000, rank: 2 });

    // Question 3: A's third in a row (+200), B starts again, C wrong: streak back to 0.
    const t2 = t1 + 25_000;
    sim.at(t2).tick();
    sim.answer(a, sim.correct());
    sim.answer(b, sim.correct());
    const r2 = revealIn(sim.give(c, sim.wrong()));
    expect(r2.you(a)).toMatchObject({ points: 1200, streak: 3, score: 3800, rank: 1 });
    expect(r2.you(b)).toMatchObject({ points: 1000, streak: 1, score: 1875, rank: 3 });
    expect(r2.you(c)).toMatchObject({ points: 0, streak: 0, score: 2000, rank: 2 });
    expect(r2.message.leaderboard.map((e) => [e.name, e.score, e.rank, e.previousRank])).toEqual([
      ["A", 3800, 1, 1],
      ["C", 2000, 2, 2],
      ["B", 1875, 3, 3],
    ]);
    expect(r2.message.isLast).toBe(true);

    const over = gameOverIn(sim.ok({ type: "command", command: "next" }));
    expect(over.message.podium.map((e) => e.name)).toEqual(["A", "C", "B"]);
    expect(over.you(b)).toEqual({ rank: 3, score: 1875 });
  });

  it("caps the streak bonus at +500", () => {
    const sim = new Sim({ questions: choiceQuestions(8), settings: { revealSeconds: 0 } });
    const a = sim.player("A");
    sim.ok({ type: "command", command: "start" });
    const points: number[] = [];
    for (let i = 0; i < 8; i++) {
      points.push(
        revealIn(sim.ok({ type: "answer", playerId: a, index: i, choice: sim.correct() })).you(a)?.points ?? -1,
      );
      if (i < 7) sim.ok({ type: "command", command: "next" });
    }
    expect(points).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
  });

  it("gives equal scores the same rank (competition ranking)", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [a, b, c] = [sim.player("A"), sim.player("B"), sim.player("C")];
    sim.ok({ type: "command", command: "start" });
    sim.answer(a, sim.correct());
    sim.answer(b, sim.correct());
    const r = revealIn(sim.ok({ type: "answer", playerId: c, index: 0, choice: sim.wrong() }));
    expect(r.message.leaderboard.map((e) => e.rank)).toEqual([1, 1, 3]);
    expect([r.you(a)?.rank, r.you(b)?.rank, r.you(c)?.rank]).toEqual([1, 1, 3]);
    expect(youState(sim.state, b)?.rank).toBe(1);
  });

  describe("the podium", () => {
    /** One question; each player answers after the given ms (null: a wrong answer), then the game ends. */
    function podiumAfter(times: Record<string, number | null>) {
      const sim = new Sim({ questions: choiceQuestions(1) });
      const ids = Object.fromEntries(Object.keys(times).map((name) => [name, sim.player(name)]));
      sim.ok({ type: "command", command: "start" });
      // Each answer at its own moment; the last one closes the question (everyone has answered).
      const order = Object.entries(times).sort(([, x], [, y]) => (x ?? 19_000) - (y ?? 19_000));
      for (const [name, ms] of order) {
        sim.at(T0 + (ms ?? 19_000)).answer(ids[name] as string, ms === null ? sim.wrong() : sim.correct());
      }
      expect(sim.state.clock.phase).toBe("reveal");
      const over = gameOverIn(sim.ok({ type: "command", command: "next" })).message;
      return {
        podium: over.podium.map((e) => [e.name, e.rank]),
        leaderboard: over.leaderboard.map((e) => [e.name, e.rank]),
      };
    }

    it("puts two players tied for 3rd both on the 3rd step", () => {
      const { podium } = podiumAfter({ A: 0, B: 5_000, C: 10_000, D: 10_000, E: 12_000 });
      expect(podium).toEqual([
        ["A", 1],
        ["B", 2],
        ["C", 3],
        ["D", 3],
      ]);
    });

    it("after a tie for 2nd there is no 3rd step: the next place is 4th", () => {
      const { podium, leaderboard } = podiumAfter({ A: 0, B: 5_000, C: 5_000, D: 10_000 });
      expect(podium).toEqual([
        ["A", 1],
        ["B", 2],
        ["C", 2],
      ]);
      expect(leaderboard.at(-1)).toEqual(["D", 4]);
    });

    it("never stands anyone with 0 points on it, even in 2nd place", () => {
      expect(podiumAfter({ A: 0, B: null, C: null }).podium).toEqual([["A", 1]]);
      expect(podiumAfter({ A: null, B: null }).podium).toEqual([]);
    });

    it("holds at most the top 10 however many tie, so the message stays small", () => {
      const times = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`P${i + 1}`, 1_000]));
      const { podium } = podiumAfter(times);
      expect(podium).toHaveLength(10);
      expect(podium.every(([, rank]) => rank === 1)).toBe(true);
    });
  });

  it("takes one answer per player per question, only for the open question, and refuses the rest unchanged", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    const [a, b] = [sim.player("A"), sim.player("B")];
    expectRefused(sim, () => sim.answer(a, 0, 0), "wrong_question");
    sim.ok({ type: "command", command: "start" });
    sim.answer(a, sim.correct());
    expectRefused(sim, () => sim.answer(a, sim.wrong()), "already_answered");
    expectRefused(sim, () => sim.answer(b, 0, 1), "wrong_question");
    expectRefused(sim, () => sim.answer(b, 4), "invalid_answer");
    expectRefused(sim, () => sim.answer(b, [0, 1]), "invalid_answer");
    expectRefused(sim, () => sim.answer(b, "right"), "invalid_answer");
    expectRefused(sim, () => sim.answer("nobody", 0), "not_player");
    // After the deadline but before the alarm has run, the question is closed for answers.
    sim.at(T0 + 20_001);
    expectRefused(sim, () => sim.answer(b, sim.correct()), "question_closed");
    sim.tick();
    expectRefused(sim, () => sim.answer(b, sim.correct(), 0), "question_closed");
    sim.at(T0 + 25_000).tick();
    expectRefused(sim, () => sim.answer(b, sim.correct(), 0), "question_closed");
    expect(sim.store.answerRows()).toHaveLength(1);
  });

  it("accepts an answer that arrives exactly at the deadline", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [a] = [sim.player("A"), sim.player("B")];
    sim.ok({ type: "command", command: "start" });
    expect(sim.at(T0 + 20_000).answer(a, sim.correct()).ok).toBe(true);
    expect(revealIn(sim.tick()).you(a)?.points).toBe(500);
  });

  it("scores the other kinds: multi needs the exact set, typed answers are normalised, polls score nothing", () => {
    const questions: QuizQuestion[] = [
      { kind: "multi", text: "Primes?", choices: ["2", "3", "4", "6"], correct: [0, 1] },
      { kind: "type", text: "Band?", accepted: ["The Beatles"] },
      { kind: "poll", text: "Tea or coffee?", choices: ["Tea", "Coffee"] },
      { kind: "truefalse", text: "Sky is blue?", correct: true },
    ];
    const sim = new Sim({ questions, settings: { revealSeconds: 0 } });
    const [a, b] = [sim.player("A"), sim.player("B")];
    sim.ok({ type: "command", command: "start" });
    const right = sim.state.questions[0]?.correct ?? [];
    sim.answer(a, [...right].reverse());
    let r = revealIn(sim.ok({ type: "answer", playerId: b, index: 0, choice: [right[0] as number] }));
    expect([r.you(a)?.correct, r.you(b)?.correct]).toEqual([true, false]);

    sim.ok({ type: "command", command: "next" });
    sim.answer(a, "  beatles ");
    r = revealIn(sim.ok({ type: "answer", playerId: b, index: 1, choice: "Rolling Stones" }));
    expect([r.you(a)?.correct, r.you(b)?.correct]).toEqual([true, false]);
    expect(r.message.correct).toEqual({ choices: [], accepted: ["The Beatles"] });
    expect(r.message.typed).toEqual([
      { text: "beatles", count: 1, correct: true },
      { text: "Rolling Stones", count: 1, correct: false },
    ]);

    sim.ok({ type: "command", command: "next" });
    sim.answer(a, 0);
    r = revealIn(sim.ok({ type: "answer", playerId: b, index: 2, choice: 1 }));
    expect(r.you(a)).toMatchObject({ points: 0, streak: 2 });
    expect(r.message.correct.choices).toEqual([]);

    sim.ok({ type: "command", command: "next" });
    expect(sim.state.questions[3]?.choices).toEqual(["True", "False"]);
    sim.give(a, 0);
    r = revealIn(sim.give(b, 1));
    expect(r.you(a)).toMatchObject({ correct: true, streak: 3 });
  });
});

describe("pause and resume", () => {
  it("freezes the question's remaining time and leaves paused time out of the speed", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [a] = [sim.player("A"), sim.player("B")];
    sim.ok({ type: "command", command: "start" });
    const paused = sent(sim.at(T0 + 4_000).ok({ type: "command", command: "pause" }), "paused");
    expect(paused).toEqual([{ type: "paused", serverTime: T0 + 4_000, phase: "question", remainingMs: 16_000 }]);
    expect(snapshot(sim.state, "player").question?.deadline).toBeNull();
    expect(snapshot(sim.state, "player").paused).toEqual({ remainingMs: 16_000 });
    expect(nextWake(sim.state)).toBe(T0 + 2 * HOUR);

    // The old deadline passes while paused: nothing closes, and answers wait.
    expect(sim.at(T0 + 20_000).tick()).toEqual([]);
    expectRefused(sim, () => sim.answer(a, sim.correct()), "game_paused");
    expectRefused(sim, () => sim.cmd("pause"), "game_paused");

    const resumed = sent(sim.at(T0 + 30_000).ok({ type: "command", command: "resume" }), "resumed");
    expect(resumed).toEqual([
      { type: "resumed", serverTime: T0 + 30_000, phase: "question", deadline: T0 + 46_000, nextAt: null },
    ]);
    expect(nextWake(sim.state)).toBe(T0 + 46_000);
    expectRefused(sim, () => sim.cmd("resume"), "wrong_phase");

    // 4 s before the pause + 1 s after it: scored as 5 s of 20.
    const ack = sent(
      sim.at(T0 + 31_000).ok({ type: "answer", playerId: a, index: 0, choice: sim.correct() }),
      "answered",
    );
    expect(ack[0]).toMatchObject({ elapsedMs: 5_000 });
    expect(sim.at(T0 + 45_999).tick()).toEqual([]);
    expect(revealIn(sim.at(T0 + 46_000).tick()).you(a)?.points).toBe(875);
  });

  it("freezes the reveal countdown too, and reports no next time while paused", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    sim.player("A");
    sim.ok({ type: "command", command: "start" });
    sim.at(T0 + 20_000).tick();
    expect(sent(sim.at(T0 + 22_000).ok({ type: "command", command: "pause" }), "paused")[0]).toMatchObject({
      phase: "reveal",
      remainingMs: 3_000,
    });
    expect(snapshot(sim.state, "player").reveal?.nextAt).toBeNull();
    expect(sim.at(T0 + 25_000).tick()).toEqual([]);
    expect(sent(sim.at(T0 + 40_000).ok({ type: "command", command: "resume" }), "resumed")[0]).toMatchObject({
      phase: "reveal",
      nextAt: T0 + 43_000,
      deadline: null,
    });
    expect(snapshot(sim.state, "player").reveal?.nextAt).toBe(T0 + 43_000);
    expect(sim.at(T0 + 42_999).tick()).toEqual([]);
    expect(sent(sim.at(T0 + 43_000).tick(), "question")).toHaveLength(1);
  });

  it("has nothing to pause in a reveal the host advances by hand", () => {
    const sim = new Sim({ questions: choiceQuestions(2), settings: { revealSeconds: 0 } });
    sim.player("A");
    sim.ok({ type: "command", command: "start" });
    sim.ok({ type: "command", command: "next" });
    expectRefused(sim, () => sim.cmd("pause"), "wrong_phase");
  });
});

describe("closing a question early", () => {
  it("closes as soon as every connected player has answered, not waiting for the disconnected", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const a = sim.player("A");
    const b = sim.player("B");
    sim.player("C", false);
    sim.ok({ type: "command", command: "start" });
    expect(sent(sim.ok({ type: "answer", playerId: a, index: 0, choice: 0 }), "reveal")).toHaveLength(0);
    expect(sent(sim.ok({ type: "answer", playerId: b, index: 0, choice: 0 }), "reveal")).toHaveLength(REVEALED);
  });

  it("closes when the last player it waits for disconnects or is kicked", () => {
    const sim = new Sim({ questions: choiceQuestions(2), settings: { revealSeconds: 0 } });
    const [a, b, c] = [sim.player("A"), sim.player("B"), sim.player("C")];
    sim.ok({ type: "command", command: "start" });
    sim.answer(a, 0);
    expect(sent(sim.ok({ type: "disconnect", playerId: b }), "reveal")).toHaveLength(0);
    expect(sent(sim.ok({ type: "disconnect", playerId: c }), "reveal")).toHaveLength(REVEALED);

    sim.ok({ type: "connect", playerId: b });
    sim.ok({ type: "connect", playerId: c });
    sim.ok({ type: "command", command: "next" });
    sim.answer(a, 0);
    sim.answer(b, 0);
    expect(sent(sim.ok({ type: "command", command: "kick", playerId: c }), "reveal")).toHaveLength(REVEALED);
  });

  it("counts a player with two sockets once and keeps waiting while one socket is open", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [a, b] = [sim.player("A"), sim.player("B")];
    sim.ok({ type: "connect", playerId: b });
    sim.ok({ type: "command", command: "start" });
    expect(sim.state.waitingFor).toBe(2);
    sim.answer(a, 0);
    expect(sent(sim.ok({ type: "disconnect", playerId: b }), "reveal")).toHaveLength(0);
    expect(sent(sim.ok({ type: "disconnect", playerId: b }), "reveal")).toHaveLength(REVEALED);
  });

  it("does not close a question nobody answered when everyone leaves", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const a = sim.player("A");
    sim.ok({ type: "command", command: "start" });
    expect(sim.ok({ type: "disconnect", playerId: a }).filter((e) => e.type === "sendEach")).toHaveLength(0);
    expect(sim.state.clock.phase).toBe("question");
  });
});

describe("joining late", () => {
  it("starts a late player at 0; one who joins during a question may answer it", () => {
    const sim = new Sim({ questions: choiceQuestions(3) });
    const a = sim.player("A");
    sim.ok({ type: "command", command: "start" });
    // A is the only player connected, so question 1 closes on A's answer and its reveal runs until T0 + 5 s.
    revealIn(sim.give(a, sim.correct()));

    // Joins during the reveal of question 1: takes part from question 2.
    const late = sim.player("Late");
    expect(sim.state.players.get(late)).toMatchObject({ score: 0, streak: 0, firstQuestion: 1 });
    expect(youState(sim.state, late)).toMatchObject({ score: 0, rank: 2, streak: 0, answer: null });
    expect(snapshot(sim.state, "player").reveal?.playerCount).toBe(1);

    sim.at(T0 + 5_000).tick();
    // Joins while question 2 is open: may still answer it.
    const later = sim.player("Later");
    expect(sim.state.players.get(later)?.firstQuestion).toBe(1);
    sim.answer(a, sim.wrong());
    sim.answer(later, sim.correct());
    const r = revealIn(sim.give(late, sim.correct()));
    expect(r.message.playerCount).toBe(3);
    expect(r.you(later)).toMatchObject({ answered: true, correct: true, points: 1000, score: 1000 });
    expect(r.you(late)).toMatchObject({ score: 1000, streak: 1 });
    expect(r.message.leaderboard.map((e) => e.rank)).toEqual([1, 1, 1]);
  });
});

describe("kick", () => {
  it("removes the player, its answer and its name, closes its sockets with 4003, and keeps it out", () => {
    const sim = new Sim({ questions: choiceQuestions(2), host: "Host" });
    sim.ok({ type: "connect", playerId: "host" });
    const [a, b] = [sim.player("Ada"), sim.player("Bob")];
    sim.ok({ type: "command", command: "start" });
    sim.answer(b, sim.correct());
    const effects = sim.ok({ type: "command", command: "kick", playerId: b });
    expect(effects).toContainEqual({ type: "closePlayer", playerId: b, code: 4003, reason: "kicked" });
    expect(effects).toContainEqual({ type: "saveKick", playerId: b, fromQuestion: 0 });
    expect(sim.state.answers.has(b)).toBe(false);
    expect(sim.state.connections.has(b)).toBe(false);
    expect(snapshot(sim.state, "host").lobby.players?.map((p) => p.name)).toEqual(["Host", "Ada"]);

    expectRefused(sim, () => sim.apply({ type: "connect", playerId: b }), "player_not_found");
    expectRefused(sim, () => sim.answer(b, 0), "not_player");
    expectRefused(sim, () => sim.cmd("kick", b), "player_not_found");
    expectRefused(sim, () => sim.cmd("kick", "nobody"), "player_not_found");
    expectRefused(sim, () => sim.cmd("kick", "host"), "invalid_request");

    // The name is free again.
    sim.advance(1_000).ok({ type: "join", playerId: "bob2", name: "BOB" });
    sim.answer(a, sim.correct());
    const r = revealIn(sim.ok({ type: "answer", playerId: "host", index: 0, choice: sim.wrong() }));
    expect(r.message.leaderboard.map((e) => e.name)).toEqual(["Ada", "Host", "BOB"]);
    expect(r.message.answered).toBe(2);
    expect(r.you(b)).toBeUndefined();
  });
  it("ranks the others again when the leader is kicked: the table starts at 1st and the podium has a winner", () => {
    const sim = new Sim({ questions: choiceQuestions(1), settings: { revealSeconds: 0 } });
    const [a, b, c] = [sim.player("Ada"), sim.player("Bob"), sim.player("Cy")];
    sim.ok({ type: "command", command: "start" });
    sim.answer(a, sim.correct());
    sim.advance(4_000).answer(b, sim.correct());
    sim.advance(4_000).answer(c, sim.correct());
    expect(sim.state.leaderboard.map((e) => [e.name, e.rank])).toEqual([
      ["Ada", 1],
      ["Bob", 2],
      ["Cy", 3],
    ]);
    sim.ok({ type: "command", command: "kick", playerId: a });
    expect(sim.state.leaderboard.map((e) => [e.name, e.rank])).toEqual([
      ["Bob", 1],
      ["Cy", 2],
    ]);
    expect(youState(sim.state, b)).toMatchObject({ rank: 1, result: { rank: 1 } });
    expect(youState(sim.state, c)).toMatchObject({ rank: 2, result: { rank: 2 } });
    sim.ok({ type: "command", command: "next" });
    // Kicked on the podium, after the game: the others move up there too.
    sim.ok({ type: "command", command: "kick", playerId: b });
    expect(sim.state.gameOver?.podium.map((e) => [e.name, e.rank])).toEqual([["Cy", 1]]);
    expectSameGame(sim);
  });
});

describe("tick", () => {
  it("is idempotent: a repeated or early tick changes nothing", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    sim.player("A");
    sim.ok({ type: "command", command: "start" });
    const before = structural(sim.state);
    expect(sim.at(T0 + 10_000).tick()).toEqual([]);
    expect(structural(sim.state)).toEqual(before);

    sim.at(T0 + 20_000).tick();
    const afterClose = structural(sim.state);
    expect(sim.tick()).toEqual([]);
    expect(sim.at(T0 + 24_999).tick()).toEqual([]);
    expect(structural(sim.state)).toEqual(afterClose);
  });

  it("does what is owed when it comes late, and no more", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    sim.player("A");
    sim.ok({ type: "command", command: "start" });
    // Long after the deadline and after the reveal would have ended: the question closes now, the reveal runs its
    // full time from now.
    const effects = sim.at(T0 + 60_000).tick();
    expect(revealIn(effects).message.nextAt).toBe(T0 + 65_000);
    expect(sent(effects, "question")).toHaveLength(0);
    expect(sim.tick()).toEqual([]);
    expect(sent(sim.at(T0 + 65_000).tick(), "question")).toHaveLength(1);
  });
});

describe("expiry", () => {
  it("deletes an abandoned lobby after 2 hours", () => {
    const sim = new Sim();
    sim.player("A");
    expect(sim.at(T0 + 2 * HOUR - 1).tick()).toEqual([]);
    const effects = sim.at(T0 + 2 * HOUR).tick();
    expect(effects).toContainEqual({ type: "destroy" });
    expect(effects).toContainEqual({ type: "log", event: "game_expired", data: { phase: "lobby" } });
  });

  it("keeps a finished game's results for 24 hours, then deletes them", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    sim.player("A");
    sim.ok({ type: "command", command: "start" });
    sim.ok({ type: "command", command: "end" });
    const end = T0;
    expect(nextWake(sim.state)).toBe(end + 24 * HOUR);
    expect(sim.at(end + 24 * HOUR - 1).tick()).toEqual([]);
    expect(sim.at(end + 24 * HOUR).tick()).toContainEqual({ type: "destroy" });
  });

  it("ends a started game nobody touches for the idle time, then keeps its results", () => {
    const sim = new Sim({ questions: choiceQuestions(2) });
    const a = sim.player("A");
    sim.ok({ type: "command", command: "start" });
    sim.answer(a, sim.correct());
    sim.ok({ type: "command", command: "pause" });
    const effects = sim.at(T0 + 2 * HOUR).tick();
    expect(gameOverIn(effects).you(a)).toEqual({ rank: 1, score: 1000 });
    expect(effects).toContainEqual({
      type: "log",
      event: "game_finished",
      data: { reason: "idle", players: 1 },
    });
    expect(effects.some((e) => e.type === "destroy")).toBe(false);
    expect(sim.at(T0 + 26 * HOUR).tick()).toContainEqual({ type: "destroy" });
  });
});

/** Rebuilds from the stored rows and re-attaches the sockets that are open, as GameRoom.load does. */
function rebuilt(sim: Sim): GameState {
  const state = restore(sim.store.stored());
  for (const [id, n] of sim.state.connections) {
    for (let i = 0; i < n; i++) {
      const outcome = apply(state, { type: "connect", playerId: id }, { now: sim.now, random: sim.random });
      if (!outcome.ok) throw new Error(outcome.error.message);
    }
  }
  return state;
}

function expectSameGame(sim: Sim) {
  const again = rebuilt(sim);
  expect(durable(again)).toEqual(durable(sim.state));
  for (const role of ["host", "player"] as const) expect(snapshot(again, role)).toEqual(snapshot(sim.state, role));
  for (const id of sim.state.players.keys()) expect(youState(again, id)).toEqual(youState(sim.state, id));
  if (sim.state.clock.phase === "question") expect(again.waitingFor).toBe(sim.state.waitingFor);
}

describe("restore", () => {
  it("rebuilds from stored rows exactly the state the live game holds, at every step", () => {
    const sim = new Sim({ questions: choiceQuestions(4, { double: false }), host: "Host", seed: 7 });
    const steps: (() => unknown)[] = [];
    let a = "";
    let b = "";
    let c = "";
    let d = "";
    steps.push(() => {
      sim.ok({ type: "connect", playerId: "host" });
      a = sim.player("Ada");
      b = sim.player("Bob");
      c = sim.player(null);
    });
    steps.push(() => sim.ok({ type: "command", command: "lock" }));
    steps.push(() => sim.ok({ type: "command", command: "start" }));
    steps.push(() => sim.at(T0 + 1_000).answer(a, sim.correct()));
    steps.push(() => sim.at(T0 + 7_000).answer(b, sim.wrong()));
    steps.push(() => sim.ok({ type: "disconnect", playerId: c }));
    steps.push(() => sim.at(T0 + 8_000).ok({ type: "command", command: "pause" }));
    steps.push(() => sim.at(T0 + 12_000).ok({ type: "command", command: "resume" }));
    steps.push(() => sim.at(T0 + 13_000).answer("host", sim.correct()));
    steps.push(() => sim.at(T0 + 18_000).ok({ type: "command", command: "unlock" }));
    steps.push(() => {
      d = sim.player("Dee");
    });
    steps.push(() => sim.at(T0 + 24_000).tick());
    steps.push(() => sim.at(T0 + 29_000).tick());
    steps.push(() => sim.at(T0 + 30_000).answer(d, sim.correct()));
    steps.push(() => sim.at(T0 + 31_000).answer(a, sim.correct()));
    steps.push(() => sim.at(T0 + 32_000).ok({ type: "command", command: "next" }));
    steps.push(() => sim.at(T0 + 33_000).ok({ type: "command", command: "pause" }));
    steps.push(() => sim.at(T0 + 35_000).ok({ type: "command", command: "resume" }));
    steps.push(() => sim.at(T0 + 40_000).tick());
    steps.push(() => sim.at(T0 + 41_000).answer(b, sim.correct()));
    steps.push(() => sim.at(T0 + 60_000).tick());
    steps.push(() => sim.at(T0 + 65_000).tick());
    steps.push(() => sim.at(T0 + 66_000).ok({ type: "command", command: "end" }));
    for (const step of steps) {
      step();
      expectSameGame(sim);
    }
    expect(sim.state.clock.phase).toBe("finished");
  });

  it("rebuilds a game in which a player was kicked after scoring", () => {
    const sim = new Sim({ questions: choiceQuestions(3), settings: { revealSeconds: 0 } });
    const [a, b, c] = [sim.player("Ada"), sim.player("Bob"), sim.player("Cy")];
    sim.ok({ type: "command", command: "start" });
    sim.answer(b, sim.correct());
    sim.advance(5_000).answer(a, sim.correct());
    sim.answer(c, sim.wrong());
    expectSameGame(sim);
    sim.ok({ type: "command", command: "kick", playerId: b });
    expectSameGame(sim);
    sim.ok({ type: "command", command: "next" });
    sim.answer(a, sim.correct());
    expectSameGame(sim);
    sim.answer(c, sim.correct());
    expectSameGame(sim);
    sim.ok({ type: "command", command: "next" });
    sim.ok({ type: "command", command: "kick", playerId: c });
    expectSameGame(sim);
    sim.ok({ type: "command", command: "end" });
    expectSameGame(sim);
  });
});
