/**
 * A whole game over real WebSockets through the worker's own fetch handler: a host and three players, three
 * questions, the Durable Object's alarm driving reveals and next questions. Game time is a fake clock shared with the
 * object, so every point is known exactly.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import type { PlayerResult } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import { answer, createGame, enter, fakeClock, hostView, info, room, rowCounts, storedTables, tryJoin } from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Capital of France?", choices: ["Lyon", "Paris", "Nice", "Lille"], correct: 1 },
  { kind: "truefalse", text: "Water boils at 100 °C at sea level.", correct: true, double: true },
  { kind: "choice", text: "2 + 2 = ?", choices: ["3", "4", "5"], correct: 1, explanation: "Basic arithmetic." },
];

describe("a full game: host + 3 players, 3 questions", () => {
  it("plays to the end with the published scoring, streaks, ranks and every message type", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 10, revealSeconds: 2, title: "Full game" });
    expect(game.code).toMatch(/^\d{6}$/);
    expect(game.joinUrl).toBe(`https://trivia.test/join/${game.code}`);

    // --- Lobby: welcome, lobby, locked.
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome).toMatchObject({ role: "host", playerId: null, name: null, you: null, serverTime: t0 });
    expect(host.welcome.game).toMatchObject({
      code: game.code,
      title: "Full game",
      phase: "lobby",
      questionCount: 3,
      question: null,
      revealSeconds: 2,
      lobby: { playerCount: 0, players: [] },
    });

    const joined = [];
    for (const name of ["Ada", "Bob", "Cy"]) {
      const res = await tryJoin(game.code, { name });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe(name);
      joined.push(res.body);
    }
    const [a, b, c] = await Promise.all(joined.map((p) => enter(game.code, p.playerToken)));
    if (!a || !b || !c) throw new Error("three players");
    expect(a.welcome).toMatchObject({
      role: "player",
      playerId: joined[0]?.playerId,
      name: "Ada",
      you: { score: 0, rank: 1, streak: 0, answer: null, result: null },
    });
    expect(a.welcome.game.lobby.players).toBeUndefined();
    expect(a.welcome.game.lobby.recent).toEqual(expect.arrayContaining(["Ada"]));

    const hostLobby = await host.socket.next("lobby", 5000, (m) => m.connectedCount === 3);
    expect(hostLobby.players?.map((p) => [p.name, p.connected])).toEqual([
      ["Ada", true],
      ["Bob", true],
      ["Cy", true],
    ]);
    const playerLobby = await a.socket.next("lobby", 5000, (m) => m.connectedCount === 3);
    expect(playerLobby).toMatchObject({ playerCount: 3, recent: ["Ada", "Bob", "Cy"], locked: false });
    expect(playerLobby.players).toBeUndefined();

    host.socket.send({ type: "lock" });
    for (const s of [host.socket, a.socket, b.socket, c.socket])
      expect(await s.next("locked")).toEqual({ type: "locked", locked: true });
    const refused = await tryJoin(game.code, { name: "Late" });
    expect(refused.status).toBe(423);
    expect(refused.body.error?.code).toBe("game_locked");
    expect((await info(game.code)).body).toMatchObject({ locked: true, joinable: false, playerCount: 3 });
    host.socket.send({ type: "unlock" });
    expect(await b.socket.next("locked")).toEqual({ type: "locked", locked: false });

    // --- Question 1 (choice, 10 s). Ada at once, Bob after 4 s, Cy wrong after 6 s: closes when all have answered.
    host.socket.send({ type: "start" });
    const q0 = await a.socket.next("question");
    for (const s of [host.socket, b.socket, c.socket]) expect(await s.next("question")).toEqual(q0);
    expect(q0).toMatchObject({
      index: 0,
      total: 3,
      kind: "choice",
      text: "Capital of France?",
      double: false,
      durationMs: 10_000,
      startedAt: t0,
      deadline: t0 + 10_000,
      serverTime: t0,
    });
    expect([...(q0.choices ?? [])].sort()).toEqual(["Lille", "Lyon", "Nice", "Paris"]);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    const lyon = q0.choices?.indexOf("Lyon") ?? -1;
    expect(await host.socket.next("progress")).toEqual({ type: "progress", index: 0, answered: 0, connected: 3 });

    expect(await answer(a.socket, 0, paris)).toEqual({
      type: "answered",
      index: 0,
      choice: paris,
      elapsedMs: 0,
      serverTime: t0,
    });
    clock.set(t0 + 4_000);
    expect((await answer(b.socket, 0, paris)).elapsedMs).toBe(4_000);
    expect(await host.socket.next("progress", 5000, (m) => m.answered === 2)).toMatchObject({ connected: 3 });
    // An answer is acknowledged to its sender only.
    expect(c.socket.all("answered")).toHaveLength(0);
    clock.set(t0 + 6_000);
    await answer(c.socket, 0, lyon);

    const r0 = await a.socket.next("reveal");
    expect(r0).toMatchObject({
      index: 0,
      total: 3,
      kind: "choice",
      correct: { choices: [paris] },
      answered: 3,
      correctCount: 2,
      playerCount: 3,
      nextAt: t0 + 8_000,
      isLast: false,
      serverTime: t0 + 6_000,
      you: { answered: true, correct: true, points: 1000, streak: 1, score: 1000, rank: 1 },
    });
    expect(r0.counts[paris]).toBe(2);
    expect(r0.counts[lyon]).toBe(1);
    // Phones get their own figures; the top 10 goes to the host's big screen.
    expect(r0.leaderboard).toBeUndefined();
    expect((await b.socket.next("reveal")).you).toEqual<PlayerResult>({
      answered: true,
      correct: true,
      points: 800,
      streak: 1,
      score: 800,
      rank: 2,
    });
    expect((await c.socket.next("reveal")).you).toMatchObject({ correct: false, points: 0, streak: 0, rank: 3 });
    const h0 = await host.socket.next("reveal");
    expect(h0.you).toBeUndefined();
    expect(h0.leaderboard?.map((e) => [e.name, e.score, e.rank, e.previousRank, e.streak])).toEqual([
      ["Ada", 1000, 1, null, 1],
      ["Bob", 800, 2, null, 1],
      ["Cy", 0, 3, null, 0],
    ]);

    // A late answer is refused and changes nothing.
    a.socket.send({ type: "answer", index: 0, choice: lyon });
    expect(await a.socket.next("error")).toMatchObject({ code: "question_closed" });

    // --- Question 2 (true/false, double), opened by the alarm when the reveal ends.
    clock.set(t0 + 8_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const t1 = t0 + 8_000;
    const q1 = await a.socket.next("question");
    expect(q1).toMatchObject({ index: 1, kind: "truefalse", choices: ["True", "False"], double: true, startedAt: t1 });
    clock.set(t1 + 250);
    await answer(a.socket, 1, 0);

    // Pause after 2 s: the 8 s left are frozen, answers wait.
    clock.set(t1 + 2_000);
    host.socket.send({ type: "pause" });
    for (const s of [host.socket, a.socket, b.socket, c.socket]) {
      expect(await s.next("paused")).toEqual({
        type: "paused",
        serverTime: t1 + 2_000,
        phase: "question",
        remainingMs: 8_000,
      });
    }
    b.socket.send({ type: "answer", index: 1, choice: 0 });
    expect(await b.socket.next("error")).toMatchObject({ code: "game_paused" });
    clock.set(t1 + 20_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect((await hostView(game.code, game.hostToken)).phase).toBe("question");

    // Resume 18 s later: the deadline moves by the paused time, and the pause does not count against Bob's speed.
    host.socket.send({ type: "resume" });
    expect(await c.socket.next("resumed")).toEqual({
      type: "resumed",
      serverTime: t1 + 20_000,
      phase: "question",
      deadline: t1 + 28_000,
      nextAt: null,
    });
    clock.set(t1 + 21_000);
    expect((await answer(b.socket, 1, 0)).elapsedMs).toBe(3_000);

    // Cy does not answer in time: the alarm closes the question at its deadline, not before, and an answer that
    // arrives after the deadline is refused even while the alarm has not run yet.
    clock.set(t1 + 27_999);
    await runDurableObjectAlarm(room(game.code));
    expect((await hostView(game.code, game.hostToken)).phase).toBe("question");
    clock.set(t1 + 28_001);
    c.socket.send({ type: "answer", index: 1, choice: 0 });
    expect(await c.socket.next("error")).toMatchObject({ code: "question_closed" });
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const r1 = await a.socket.next("reveal");
    // Ada: 1000 × 2 + streak bonus 100. Bob: 3 s of 10 → 850 × 2 + 100. Cy: nothing, streak reset.
    expect(r1.you).toEqual({ answered: true, correct: true, points: 2100, streak: 2, score: 3100, rank: 1 });
    expect((await b.socket.next("reveal")).you).toEqual({
      answered: true,
      correct: true,
      points: 1800,
      streak: 2,
      score: 2600,
      rank: 2,
    });
    expect((await c.socket.next("reveal")).you).toEqual({
      answered: false,
      correct: false,
      points: 0,
      streak: 0,
      score: 0,
      rank: 3,
    });
    expect(r1).toMatchObject({ counts: [2, 0], answered: 2, correctCount: 2, nextAt: t1 + 30_001 });
    expect((await host.socket.next("reveal")).leaderboard?.map((e) => [e.name, e.rank, e.previousRank])).toEqual([
      ["Ada", 1, 1],
      ["Bob", 2, 2],
      ["Cy", 3, 3],
    ]);

    // --- Question 3. Bob's third correct in a row (+200), Ada wrong (streak reset), Cy slow but right.
    const t2 = t1 + 30_001;
    clock.set(t2);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const q2 = await b.socket.next("question");
    expect(q2).toMatchObject({ index: 2, deadline: t2 + 10_000 });
    const four = q2.choices?.indexOf("4") ?? -1;
    const three = q2.choices?.indexOf("3") ?? -1;
    await answer(b.socket, 2, four);
    clock.set(t2 + 1_000);
    await answer(a.socket, 2, three);
    clock.set(t2 + 9_000);
    await answer(c.socket, 2, four);
    const r2 = await c.socket.next("reveal");
    expect(r2).toMatchObject({
      index: 2,
      isLast: true,
      explanation: "Basic arithmetic.",
      correct: { choices: [four] },
      you: { points: 550, streak: 1, score: 550, rank: 3 },
    });
    expect((await b.socket.next("reveal")).you).toMatchObject({ points: 1200, streak: 3, score: 3800, rank: 1 });
    expect((await a.socket.next("reveal")).you).toMatchObject({ points: 0, streak: 0, score: 3100, rank: 2 });
    expect(
      (await host.socket.next("reveal")).leaderboard?.map((e) => [e.name, e.score, e.rank, e.previousRank]),
    ).toEqual([
      ["Bob", 3800, 1, 2],
      ["Ada", 3100, 2, 1],
      ["Cy", 550, 3, 3],
    ]);

    // --- Game over when the last reveal ends.
    clock.set(t2 + 11_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const over = await a.socket.next("gameOver");
    expect(over).toMatchObject({ playerCount: 3, questionCount: 3, you: { rank: 2, score: 3100 } });
    expect(over.podium.map((e) => [e.name, e.score, e.rank])).toEqual([
      ["Bob", 3800, 1],
      ["Ada", 3100, 2],
      ["Cy", 550, 3],
    ]);
    expect((await b.socket.next("gameOver")).you).toEqual({ rank: 1, score: 3800 });
    expect((await c.socket.next("gameOver")).you).toEqual({ rank: 3, score: 550 });
    expect((await host.socket.next("gameOver")).you).toBeUndefined();

    // The correct answer never went out before its question closed.
    for (const s of [host.socket, a.socket, b.socket, c.socket]) {
      for (const frame of s.raw.filter((f) => f.startsWith('{"type":"question"'))) expect(frame).not.toMatch(/correct/);
    }
    // Every message type of the protocol was seen.
    const seen = new Set([host, a, b, c].flatMap((p) => p.socket.messages.map((m) => m.type)));
    expect([...seen].sort()).toEqual(
      [
        "answered",
        "error",
        "gameOver",
        "locked",
        "lobby",
        "paused",
        "progress",
        "question",
        "resumed",
        "reveal",
        "welcome",
      ].sort(),
    );
    // Players never received the host's full list or the progress counts.
    for (const p of [a, b, c]) {
      expect(p.socket.all("progress")).toHaveLength(0);
      expect(p.socket.all("lobby").every((m) => m.players === undefined)).toBe(true);
    }
    // One row per answer: 3 + 2 + 3.
    expect(await rowCounts(game.code)).toEqual({ players: 3, answers: 8 });

    // --- Finished: results readable, no more joins or commands.
    expect((await info(game.code)).body).toMatchObject({ phase: "finished", joinable: false });
    const late = await tryJoin(game.code, { name: "Dee" });
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe("game_finished");
    host.socket.send({ type: "start" });
    expect(await host.socket.next("error")).toMatchObject({ code: "game_finished" });
    const results = await enter(game.code, joined[1]?.playerToken ?? "");
    expect(results.welcome.game.gameOver?.podium[0]?.name).toBe("Bob");
    expect(results.welcome.you).toMatchObject({ score: 3800, rank: 1 });

    // --- 24 hours after the end the object deletes everything and says so.
    clock.set(t2 + 11_000 + 24 * 3_600_000 - 1);
    await runDurableObjectAlarm(room(game.code));
    expect((await info(game.code)).status).toBe(200);
    clock.set(t2 + 11_000 + 24 * 3_600_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await a.socket.next("error")).toMatchObject({ code: "game_expired" });
    expect(await a.socket.waitClosed()).toMatchObject({ code: 4004 });
    expect(await host.socket.waitClosed()).toMatchObject({ code: 4004 });
    const gone = await info(game.code);
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe("game_not_found");
    expect(await storedTables(game.code)).toMatchObject({ tables: [], alarm: null });
  });

  it("lets a playing host answer from the host socket and stand in the results", async () => {
    const clock = fakeClock();
    const game = await createGame({ questions: QUESTIONS.slice(1, 2), hostName: "Hostess", revealSeconds: 0 });
    expect(game.hostPlayerId).toMatch(/^[\w-]{12}$/);
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome).toMatchObject({ role: "host", playerId: game.hostPlayerId, name: "Hostess" });
    expect(host.welcome.you).toMatchObject({ score: 0, rank: 1 });
    const taken = await tryJoin(game.code, { name: "HOSTESS" });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.code).toBe("name_taken");

    const p = await tryJoin(game.code, {});
    expect(p.body.name).toMatch(/^\S+ \S+$/);
    const player = await enter(game.code, p.body.playerToken);
    host.socket.send({ type: "start" });
    await host.socket.next("question");
    clock.advance(100);
    expect(await answer(host.socket, 0, 0)).toMatchObject({ elapsedMs: 100 });
    await answer(player.socket, 0, 1);
    const r = await host.socket.next("reveal");
    expect(r.you).toMatchObject({ correct: true, points: 2000, rank: 1 });
    expect(r.nextAt).toBeNull();
    // With revealSeconds 0 only the host moves the game on.
    host.socket.send({ type: "next" });
    // The player answered wrong: 0 points keeps them off the podium, though they placed 2nd.
    const over = await player.socket.next("gameOver");
    expect(over.podium.map((e) => e.name)).toEqual(["Hostess"]);
    expect(over.leaderboard.map((e) => [e.name, e.rank])).toEqual([
      ["Hostess", 1],
      [p.body.name, 2],
    ]);
  });
});
