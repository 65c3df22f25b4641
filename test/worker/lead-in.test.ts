/**
 * The "get ready" lead-in over real sockets and the Durable Object's alarm: the question's text goes out alone, the
 * alarm opens the choices (early, late or twice: only what is owed), answers before the open are refused, points
 * count from the open, and pauses, reconnects and evictions in the lead-in land where they should.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GameRoom } from "../../worker/game/room";
import {
  answer,
  apiJson,
  createGame,
  type ErrorReply,
  engineState,
  enter,
  evictAndCompare,
  fakeClock,
  joinGame,
  room,
} from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Capital of France?", choices: ["Paris", "Lyon", "Nice"], correct: 0 },
  { kind: "choice", text: "2 + 2?", choices: ["4", "5"], correct: 0 },
];

const alarmOf = (code: string) => runInDurableObject(room(code), (_i, state) => state.storage.getAlarm());

async function gameInLeadIn(readSeconds = 3) {
  const clock = fakeClock();
  const game = await createGame({ questions: QUESTIONS, questionSeconds: 10, revealSeconds: 2, readSeconds });
  const [ada, bob] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
  const host = await enter(game.code, game.hostToken);
  const a = await enter(game.code, ada.playerToken);
  const b = await enter(game.code, bob.playerToken);
  host.socket.send({ type: "start" });
  return { clock, t0: clock.start, game, ada, bob, host, a, b };
}

describe("the lead-in", () => {
  it("shows the text alone, refuses early answers, opens the choices by the alarm and scores from the open", async () => {
    const { t0, clock, game, ada, host, a, b } = await gameInLeadIn();
    const ready = await a.socket.next("ready");
    expect(ready).toEqual({
      type: "ready",
      serverTime: t0,
      index: 0,
      total: 2,
      kind: "choice",
      text: "Capital of France?",
      double: false,
      durationMs: 10_000,
      readMs: 3_000,
      opensAt: t0 + 3_000,
    });
    for (const s of [host.socket, b.socket]) expect(await s.next("ready")).toEqual(ready);
    expect(await alarmOf(game.code)).toBe(t0 + 3_000);

    // An answer before the choices open: a clear error, nothing changes.
    const before = await engineState(game.code);
    clock.set(t0 + 1_000);
    a.socket.send({ type: "answer", index: 0, choice: 0 });
    expect((await a.socket.nextError("question_not_open")).message).toMatch(/has not opened yet/);
    expect(await engineState(game.code)).toEqual(before);

    // A phone reconnecting in the lead-in lands in it: the text, the opening time, no choices.
    const again = await enter(game.code, ada.playerToken);
    expect(again.welcome.game).toMatchObject({ phase: "ready", question: null, ready: { opensAt: t0 + 3_000 } });
    expect(JSON.stringify(again.welcome)).not.toContain("Lyon");

    // An alarm that comes early changes nothing and comes back at the opening.
    const waiting = await engineState(game.code);
    clock.set(t0 + 2_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await engineState(game.code)).toEqual(waiting);
    expect(await alarmOf(game.code)).toBe(t0 + 3_000);

    clock.set(t0 + 3_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const q0 = await a.socket.next("question");
    expect(q0).toMatchObject({ index: 0, serverTime: t0 + 3_000, startedAt: t0 + 3_000, deadline: t0 + 13_000 });
    expect(q0.choices).toHaveLength(3);
    expect(await again.socket.next("question")).toEqual(q0);

    // The same alarm again: it was owed once.
    const open = await engineState(game.code);
    await runInDurableObject(room(game.code), (instance: GameRoom) => instance.alarm());
    expect(await engineState(game.code)).toEqual(open);

    // 400 ms after the open is full points, 3.4 s after the lead-in began.
    clock.set(t0 + 3_400);
    expect((await answer(a.socket, 0, q0.choices?.indexOf("Paris") ?? -1)).elapsedMs).toBe(400);
    clock.set(t0 + 8_000);
    expect((await answer(b.socket, 0, q0.choices?.indexOf("Paris") ?? -1)).elapsedMs).toBe(5_000);
    const reveal = await a.socket.next("reveal");
    expect(reveal.you).toMatchObject({ points: 1000 });
    expect((await b.socket.next("reveal")).you).toMatchObject({ points: 750 });
    expect(reveal.nextAt).toBe(t0 + 10_000);

    // The reveal's end brings the next question's lead-in, again by the alarm.
    clock.set(t0 + 10_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await a.socket.next("ready")).toMatchObject({ index: 1, opensAt: t0 + 13_000 });
    expect(await alarmOf(game.code)).toBe(t0 + 13_000);
    for (const s of [a.socket, again.socket]) s.close();
  });

  it("pauses with the time left, resumes to a new opening, and the host's next opens the choices at once", async () => {
    const { t0, clock, game, host, a } = await gameInLeadIn(5);
    await a.socket.next("ready");
    clock.set(t0 + 1_000);
    host.socket.send({ type: "pause" });
    expect(await a.socket.next("paused")).toEqual({
      type: "paused",
      serverTime: t0 + 1_000,
      phase: "ready",
      remainingMs: 4_000,
    });
    // The old opening passes while paused: the alarm opens nothing.
    clock.set(t0 + 6_000);
    await runInDurableObject(room(game.code), (instance: GameRoom) => instance.alarm());
    expect((await engineState(game.code))?.clock).toMatchObject({ phase: "ready", opensAt: null });
    await evictAndCompare(game.code);

    clock.set(t0 + 20_000);
    host.socket.send({ type: "resume" });
    expect(await a.socket.next("resumed")).toEqual({
      type: "resumed",
      serverTime: t0 + 20_000,
      phase: "ready",
      deadline: null,
      nextAt: null,
      opensAt: t0 + 24_000,
    });
    expect(await alarmOf(game.code)).toBe(t0 + 24_000);

    clock.set(t0 + 21_000);
    host.socket.send({ type: "next" });
    expect(await a.socket.next("question")).toMatchObject({ startedAt: t0 + 21_000, deadline: t0 + 31_000 });
  });

  it("is rebuilt exactly after an eviction in the lead-in, and still opens on time", async () => {
    const { t0, clock, game, a } = await gameInLeadIn();
    await a.socket.next("ready");
    await evictAndCompare(game.code);
    clock.set(t0 + 3_000);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    // Over the socket that stayed open while the object was gone.
    expect(await a.socket.next("question")).toMatchObject({ index: 0, startedAt: t0 + 3_000 });
  });

  it("takes readSeconds from 0 to 10, whole seconds, and defaults to none", async () => {
    for (const readSeconds of [-1, 11, 2.5, "3"]) {
      const res = await apiJson<ErrorReply>("/api/games", { method: "POST", json: { readSeconds } });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual(["readSeconds"]);
    }
    const plain = await createGame({ questions: QUESTIONS });
    await joinGame(plain.code, "Ada");
    const host = await enter(plain.code, plain.hostToken);
    host.socket.send({ type: "start" });
    const first = await host.socket.nextMessage();
    expect(first.type).toBe("question");
    expect(host.socket.all("ready")).toEqual([]);
    const full = await createGame({ questions: QUESTIONS, readSeconds: 10 });
    await joinGame(full.code, "Ada");
    const host10 = await enter(full.code, full.hostToken);
    host10.socket.send({ type: "start" });
    expect((await host10.socket.next("ready")).readMs).toBe(10_000);
  });
});
