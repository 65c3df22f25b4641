/**
 * A game's life across connections and instances: reconnecting players, kicked players, the object evicted and
 * rebuilt from storage alone, alarms delivered twice, the host leaving, and expiry.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import { CLOSE_CODES } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GameRoom } from "../../worker/game/room";
import { DEFAULT_SETTINGS } from "../unit/harness";
import {
  answer,
  calm,
  connect,
  createGame,
  engineState,
  enter,
  evictAndCompare,
  fakeClock,
  info,
  joinGame,
  room,
  rowCounts,
  tryJoin,
} from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "One?", choices: ["right", "w1", "w2", "w3"], correct: 0 },
  { kind: "choice", text: "Two?", choices: ["w1", "right", "w2"], correct: 1 },
  { kind: "choice", text: "Three?", choices: ["w1", "w2", "right"], correct: 2 },
];

const rightOf = (choices: string[] | undefined) => choices?.indexOf("right") ?? -1;
const wrongOf = (choices: string[] | undefined) => choices?.indexOf("w1") ?? -1;

describe("reconnecting", () => {
  it("keeps the player's score, streak and given answer, and counts the answer once", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 5 });
    const [ada, bob] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
    const host = await enter(game.code, game.hostToken);
    let a = await enter(game.code, ada.playerToken);
    let b = await enter(game.code, bob.playerToken);

    host.socket.send({ type: "start" });
    const q0 = await a.socket.next("question");
    await answer(a.socket, 0, rightOf(q0.choices));
    await answer(b.socket, 0, wrongOf(q0.choices));
    await a.socket.next("reveal");
    clock.set(t0 + 5_000);
    await runDurableObjectAlarm(room(game.code));
    const q1 = await a.socket.next("question");
    clock.set(t0 + 6_000);
    const given = await answer(a.socket, 1, rightOf(q1.choices));

    // Ada drops mid-question and comes back with the same token.
    a.socket.close();
    await host.socket.next("lobby", 5000, (m) => m.players?.find((p) => p.name === "Ada")?.connected === false);
    expect((await engineState(game.code))?.clock).toMatchObject({ phase: "question", index: 1 });
    clock.set(t0 + 7_000);
    a = await enter(game.code, ada.playerToken);
    expect(a.welcome).toMatchObject({ role: "player", playerId: ada.playerId, name: "Ada" });
    expect(a.welcome.you).toEqual({ score: 1000, rank: 1, streak: 1, answer: given.choice, result: null });
    expect(a.welcome.game.question).toMatchObject({ index: 1, startedAt: t0 + 5_000, deadline: t0 + 25_000 });
    a.socket.send({ type: "answer", index: 1, choice: wrongOf(q1.choices) });
    expect(await a.socket.next("error")).toMatchObject({ code: "already_answered" });

    // Bob drops without answering: nobody connected is left to wait for, so the question closes.
    b.socket.close();
    const r1 = await a.socket.next("reveal");
    expect(r1.answered).toBe(1);
    expect(r1.you).toEqual({ answered: true, correct: true, points: 975 + 100, streak: 2, score: 2075, rank: 1 });
    expect(await rowCounts(game.code)).toEqual({ players: 2, answers: 3 });

    // Bob comes back during the reveal: he sees it, with his own (missing) result.
    b = await enter(game.code, bob.playerToken);
    expect(b.welcome.game.phase).toBe("reveal");
    expect(b.welcome.game.reveal?.index).toBe(1);
    expect(b.welcome.you).toMatchObject({ score: 0, rank: 2, streak: 0, answer: null });
    expect(b.welcome.you?.result).toMatchObject({ answered: false, points: 0 });
    // And Ada, reconnecting now, still sees the answer she gave.
    const again = await enter(game.code, ada.playerToken);
    expect(again.welcome.you).toMatchObject({ answer: given.choice, result: { points: 1075, streak: 2 } });

    // Two tabs: both of Ada's sockets get the next question.
    clock.set(t0 + 12_000);
    await runDurableObjectAlarm(room(game.code));
    expect((await a.socket.next("question")).index).toBe(2);
    expect((await again.socket.next("question")).index).toBe(2);
  });

  it("lets the host reconnect and take control again; the game runs on without the host", async () => {
    const clock = fakeClock();
    const game = await createGame({ questions: QUESTIONS.slice(0, 2), revealSeconds: 3 });
    const ada = await joinGame(game.code, "Ada");
    let host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    host.socket.send({ type: "start" });
    await a.socket.next("question");
    host.socket.close();
    await host.socket.waitClosed();

    clock.advance(20_000);
    await runDurableObjectAlarm(room(game.code));
    expect((await a.socket.next("reveal")).index).toBe(0);
    clock.advance(3_000);
    await runDurableObjectAlarm(room(game.code));
    expect((await a.socket.next("question")).index).toBe(1);

    host = await enter(game.code, game.hostToken);
    expect(host.welcome.game).toMatchObject({ phase: "question", progress: { index: 1, answered: 0, connected: 1 } });
    host.socket.send({ type: "end" });
    expect((await a.socket.next("gameOver")).you).toEqual({ rank: 1, score: 0 });
  });
});

describe("joining late", () => {
  it("lets a player who joins mid-question answer it, starting from 0; one joining in a reveal waits", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS.slice(0, 2), questionSeconds: 20, revealSeconds: 0 });
    const ada = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    host.socket.send({ type: "start" });
    const q0 = await a.socket.next("question");

    clock.set(t0 + 1_000);
    const late = await tryJoin(game.code, { name: "Late" });
    expect(late.status).toBe(201);
    const l = await enter(game.code, late.body.playerToken);
    expect(l.welcome.game.question).toMatchObject({ index: 0, deadline: t0 + 20_000 });
    expect(l.welcome.you).toEqual({ score: 0, rank: 1, streak: 0, answer: null, result: null });
    const lobby = await host.socket.next("lobby", 5000, (m) => m.playerCount === 2 && m.connectedCount === 2);
    expect(lobby.players?.map((p) => p.name)).toEqual(["Ada", "Late"]);

    // The question now waits for both.
    clock.set(t0 + 2_000);
    expect((await answer(l.socket, 0, rightOf(q0.choices))).elapsedMs).toBe(2_000);
    await answer(a.socket, 0, wrongOf(q0.choices));
    const r0 = await l.socket.next("reveal");
    expect(r0).toMatchObject({ playerCount: 2, answered: 2 });
    expect(r0.you).toMatchObject({ points: 950, score: 950, rank: 1 });

    const later = await tryJoin(game.code, { name: "Later" });
    const z = await enter(game.code, later.body.playerToken);
    expect(z.welcome.game.phase).toBe("reveal");
    expect(z.welcome.you).toMatchObject({ score: 0, rank: 2, result: null });
    host.socket.send({ type: "next" });
    expect((await z.socket.next("question")).index).toBe(1);
  });
});

describe("kick", () => {
  it("closes every socket of a kicked player with 4003 and keeps its token out, even after a rebuild", async () => {
    fakeClock();
    const game = await createGame({ questions: QUESTIONS });
    const [ada, bob] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    const b1 = await enter(game.code, bob.playerToken);
    const b2 = await enter(game.code, bob.playerToken);
    host.socket.send({ type: "start" });
    const q = await b1.socket.next("question");
    await answer(b1.socket, 0, rightOf(q.choices));

    host.socket.send({ type: "kick", playerId: bob.playerId });
    for (const b of [b1, b2]) {
      expect(await b.socket.next("error")).toMatchObject({ code: "kicked" });
      expect((await b.socket.waitClosed()).code).toBe(CLOSE_CODES.kicked);
    }
    const lobby = await host.socket.next("lobby", 5000, (m) => m.playerCount === 1);
    expect(lobby.players?.map((p) => p.name)).toEqual(["Ada"]);
    expect((await info(game.code)).body.playerCount).toBe(1);

    const back = await enter(game.code, bob.playerToken).catch((e: Error) => e);
    expect(back).toBeInstanceOf(Error);
    await evictDurableObject(room(game.code));
    const s = await connect(game.code);
    s.send({ type: "hello", token: bob.playerToken });
    expect(await s.next("error")).toMatchObject({ code: "kicked" });
    expect((await s.waitClosed()).code).toBe(CLOSE_CODES.kicked);

    // The kicked answer does not count; the name is free again.
    expect((await tryJoin(game.code, { name: "bob" })).status).toBe(201);
    await answer(a.socket, 0, rightOf(q.choices));
    const reveal = await a.socket.next("reveal", 5000);
    expect(reveal.answered).toBe(1);
    const onScreen = await host.socket.next("reveal", 5000);
    expect(onScreen.leaderboard?.map((e) => e.playerId)).toContain(ada.playerId);
    expect(onScreen.leaderboard?.map((e) => e.playerId)).not.toContain(bob.playerId);
  });
});

describe("rebuilt from storage", () => {
  it("continues the game exactly after evictions at every phase", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 5, hostName: "Host" });
    const players = [
      await joinGame(game.code, "Ada"),
      await joinGame(game.code, "Bob"),
      await joinGame(game.code, "Cy"),
    ];
    const host = await enter(game.code, game.hostToken);
    const [a, b, c] = await Promise.all(players.map((p) => enter(game.code, p.playerToken)));
    if (!a || !b || !c) throw new Error("players");
    host.socket.send({ type: "lock" });
    await a.socket.next("locked");
    await evictAndCompare(game.code);

    host.socket.send({ type: "start" });
    const q0 = await a.socket.next("question");
    await answer(a.socket, 0, rightOf(q0.choices));
    clock.set(t0 + 2_000);
    await answer(c.socket, 0, rightOf(q0.choices));
    clock.set(t0 + 3_000);
    host.socket.send({ type: "pause" });
    await b.socket.next("paused");
    await evictAndCompare(game.code);

    clock.set(t0 + 10_000);
    host.socket.send({ type: "resume" });
    expect((await b.socket.next("resumed")).deadline).toBe(t0 + 27_000);
    clock.set(t0 + 11_000);
    // Over the socket that stayed open while the object was gone: elapsed 11 s − 7 s paused = 4 s.
    expect((await answer(b.socket, 0, wrongOf(q0.choices))).elapsedMs).toBe(4_000);
    host.socket.send({ type: "kick", playerId: players[2]?.playerId ?? "" });
    await c.socket.waitClosed();
    await evictAndCompare(game.code);

    clock.set(t0 + 27_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const r0 = await a.socket.next("reveal");
    expect(r0.you).toMatchObject({ points: 1000, score: 1000, rank: 1 });
    expect(r0.answered).toBe(2);
    await evictAndCompare(game.code);

    clock.set(t0 + 32_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const q1 = await b.socket.next("question");
    await answer(b.socket, 1, rightOf(q1.choices));
    await evictAndCompare(game.code);
    await answer(a.socket, 1, rightOf(q1.choices));
    await evictAndCompare(game.code);
    host.socket.send({ type: "answer", index: 1, choice: rightOf(q1.choices) });
    await host.socket.next("answered");
    const r1 = await a.socket.next("reveal");
    expect(r1.you).toMatchObject({ points: 1100, streak: 2, score: 2100, rank: 1 });
    expect((await b.socket.next("reveal")).you).toMatchObject({ points: 1000, streak: 1, score: 1000 });
    await evictAndCompare(game.code);

    host.socket.send({ type: "end" });
    const over = await a.socket.next("gameOver");
    await evictAndCompare(game.code);
    const rejoined = await enter(game.code, players[0]?.playerToken ?? "");
    expect(rejoined.welcome.game.gameOver).toEqual((({ type: _t, serverTime: _s, you: _y, ...rest }) => rest)(over));
    expect(rejoined.welcome.you).toMatchObject({ score: 2100, rank: 1 });
  });

  it("ignores an alarm delivered twice, or early, or again after a rebuild", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 5 });
    const [ada, bob] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
    const a = await enter(game.code, ada.playerToken);
    const b = await enter(game.code, bob.playerToken);
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "start" });
    const q0 = await a.socket.next("question");
    await answer(a.socket, 0, rightOf(q0.choices));

    // Early: nothing is due yet.
    const open = await engineState(game.code);
    await runInDurableObject(room(game.code), async (instance: GameRoom) => {
      await instance.alarm();
      await instance.alarm();
    });
    expect(await engineState(game.code)).toEqual(open);

    // Due: the first delivery closes the question, the repeats change nothing.
    clock.set(t0 + 20_000);
    await runInDurableObject(room(game.code), async (instance: GameRoom) => {
      await instance.alarm();
      await instance.alarm();
    });
    const closed = await engineState(game.code);
    expect(closed?.clock).toMatchObject({ phase: "reveal", index: 0 });
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    await evictDurableObject(room(game.code));
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await engineState(game.code)).toEqual(closed);
    const unread = await calm(game.code, [a.socket, b.socket, host.socket]);
    const reveals = unread.map((msgs) => msgs.filter((m) => m.type === "reveal"));
    expect(reveals.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(await runInDurableObject(room(game.code), (_i, state) => state.storage.getAlarm())).toBe(t0 + 25_000);
  });
});

describe("expiry", () => {
  it("deletes a lobby nobody started after 2 hours, and the code can serve a new game", async () => {
    const clock = fakeClock();
    const game = await createGame({ questionCount: 1 });
    const ada = await joinGame(game.code, "Ada");
    const a = await enter(game.code, ada.playerToken);
    clock.advance(2 * 3_600_000 - 1);
    await runDurableObjectAlarm(room(game.code));
    expect((await info(game.code)).status).toBe(200);

    clock.advance(1);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await a.socket.next("error")).toMatchObject({ code: "game_expired" });
    expect((await a.socket.waitClosed()).code).toBe(CLOSE_CODES.gameGone);
    expect((await info(game.code)).status).toBe(404);
    expect((await tryJoin(game.code, { name: "Bob" })).status).toBe(404);
    const reconnect = await connect(game.code);
    expect(await reconnect.next("error")).toMatchObject({ code: "game_not_found" });

    // Codes are reused once free: the same object takes a new game.
    const again = await room(game.code).create({
      code: game.code,
      settings: DEFAULT_SETTINGS,
      questions: QUESTIONS,
      hostName: null,
    });
    expect(again.ok).toBe(true);
    expect((await info(game.code)).body).toMatchObject({ phase: "lobby", playerCount: 0, questionCount: 3 });
  });
});

describe("restarted mid-question", () => {
  /** A question open with five players connected, Ada's answer in; then the object restarts and every socket drops. */
  async function restarted() {
    const clock = fakeClock();
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 30, revealSeconds: 0 });
    const players = [];
    for (const name of ["Ada", "Bob", "Cy", "Dee", "Eve"]) players.push(await joinGame(game.code, name));
    const host = await enter(game.code, game.hostToken);
    const sockets = await Promise.all(players.map((p) => enter(game.code, p.playerToken)));
    host.socket.send({ type: "start" });
    const q = await sockets[0]?.socket.next("question");
    await answer(sockets[0]?.socket as never, 0, rightOf(q?.choices));
    await evictDurableObject(room(game.code), { webSockets: "close" });
    for (const s of [host, ...sockets]) await s.socket.waitClosed();
    return { clock, game, players, q };
  }

  it("waits for the players who were in the question to come back, one by one, before closing early", async () => {
    const { game, players, q } = await restarted();
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome.game.phase).toBe("question");
    // Bob, Cy and Dee come back and answer one at a time: nobody's answer closes the question for the others.
    for (const p of players.slice(1, 4)) {
      const back = await enter(game.code, p.playerToken);
      expect(back.welcome.game.phase).toBe("question");
      await answer(back.socket, 0, rightOf(q?.choices));
      expect((await info(game.code)).body.phase).toBe("question");
    }
    // Eve comes back too; her answer is the last one owed, and the question closes with all five.
    const eve = await enter(game.code, players[4]?.playerToken ?? "");
    await answer(eve.socket, 0, wrongOf(q?.choices));
    const reveal = await host.socket.next("reveal");
    expect(reveal).toMatchObject({ index: 0, answered: 5, correctCount: 4 });
  });

  it("closes at the deadline with the answers given when someone never comes back", async () => {
    const { clock, game, players, q } = await restarted();
    const host = await enter(game.code, game.hostToken);
    for (const p of players.slice(1, 4)) {
      const back = await enter(game.code, p.playerToken);
      await answer(back.socket, 0, rightOf(q?.choices));
    }
    expect((await info(game.code)).body.phase).toBe("question");
    clock.set((q?.deadline ?? 0) + 1);
    await runDurableObjectAlarm(room(game.code));
    const reveal = await host.socket.next("reveal");
    expect(reveal).toMatchObject({ index: 0, answered: 4, correctCount: 4 });
  });

  it("closes early again once the players left are back and have answered, or were kicked", async () => {
    const { game, players, q } = await restarted();
    const host = await enter(game.code, game.hostToken);
    const back = [];
    for (const p of players.slice(1, 4)) back.push(await enter(game.code, p.playerToken));
    // Eve does not come back; the host kicks her. Then the three who came back answer and the question closes.
    host.socket.send({ type: "kick", playerId: players[4]?.playerId ?? "" });
    await host.socket.next("lobby", 5000, (m) => m.playerCount === 4);
    for (const b of back) await answer(b.socket, 0, rightOf(q?.choices));
    expect(await host.socket.next("reveal")).toMatchObject({ index: 0, answered: 4 });
  });
});

describe("one player on many sockets", () => {
  it("keeps the newest five; the oldest is closed with 4009 and told why", async () => {
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
    const ada = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const sockets = [];
    for (let i = 0; i < 5; i++) sockets.push((await enter(game.code, ada.playerToken)).socket);
    const sixth = (await enter(game.code, ada.playerToken)).socket;
    const oldest = sockets[0];
    expect(await oldest?.next("error")).toMatchObject({ code: "too_many_sockets" });
    expect((await oldest?.waitClosed())?.code).toBe(CLOSE_CODES.replaced);
    // The five newest are all still served, and Ada still counts as connected.
    host.socket.send({ type: "start" });
    for (const s of [...sockets.slice(1), sixth]) await s.next("question");
    expect(sockets.slice(1).every((s) => s.closed === null)).toBe(true);
    const progress = await host.socket.next("progress");
    expect(progress.connected).toBe(1);
  });
});
