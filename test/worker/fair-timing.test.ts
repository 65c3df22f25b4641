/**
 * Fair timing over real sockets: each connection's round trip is measured from its echoes of the welcome and of each
 * reveal, and an answer's time counts from when the question reached the player. Delays are simulated on the fake
 * wall clock the Durable Object shares with the test: a player d ms away echoes 2d after a probe went out and its
 * answer arrives d + think + d after the question did.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type RoundTrips, RTT_CAP_MS } from "../../worker/game/fair-timing";
import type { GameRoom } from "../../worker/game/room";
import type { Attachment, SocketRegistry } from "../../worker/game/sockets";
import { answer, createGame, enter, fakeClock, joinGame, room } from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Capital of France?", choices: ["Paris", "Lyon", "Nice"], correct: 0 },
  { kind: "choice", text: "2 + 2?", choices: ["4", "5"], correct: 0 },
];

/** The round-trip samples the room holds for each socket of a player. */
async function tripsOf(code: string, playerId: string): Promise<(RoundTrips | undefined)[]> {
  return runInDurableObject(room(code), (instance: GameRoom) => {
    const sockets = (instance as unknown as { sockets: SocketRegistry }).sockets;
    return sockets.ofPlayer(playerId).map((ws) => {
      const att = sockets.attachment(ws) as Extract<Attachment, { playerId: string | null }>;
      return att.trips ? structuredClone(att.trips) : undefined;
    });
  });
}

/** Waits until the room has taken `samples` round-trip samples of the player's socket (echoes are not answered). */
async function echoed(code: string, playerId: string, samples: number) {
  for (let i = 0; i < 200; i++) {
    const [trips] = await tripsOf(code, playerId);
    if ((trips?.samples.length ?? 0) >= samples) return trips;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${samples} round-trip samples for ${playerId}`);
}

/** A tiny lull so a frame that must not count has been handled before the test looks. */
const handled = async (socket: { sync: () => Promise<void> }) => {
  await socket.sync();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe("fair timing", () => {
  it("gives players on near and far networks the same points for the same think time; lying pays at most the cap", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 0 });
    const names = ["Near", "Far", "Liar", "Mute", "Forger"] as const;
    const joined = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await joinGame(game.code, n)] as const)),
    ) as unknown as Record<(typeof names)[number], { playerId: string; playerToken: string }>;
    const host = await enter(game.code, game.hostToken);
    const s = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await enter(game.code, joined[n].playerToken)] as const)),
    ) as Record<(typeof names)[number], Awaited<ReturnType<typeof enter>>>;
    for (const n of names) expect(s[n].welcome.serverTime).toBe(t0);

    // One-way delays: Near 20 ms, Far 300 ms, the Liar 20 ms but holding its echo back 5 s, Mute 300 ms and never
    // echoing (an old client), the Forger echoing a time it was never sent (a minute before its welcome).
    const echo = async (n: (typeof names)[number], at: number, serverTime = t0) => {
      clock.set(at);
      s[n].socket.send({ type: "pong", serverTime });
      return echoed(game.code, joined[n].playerId, 1);
    };
    expect((await echo("Near", t0 + 40))?.samples).toEqual([40]);
    expect((await echo("Far", t0 + 600))?.samples).toEqual([600]);
    expect((await echo("Liar", t0 + 5_000))?.samples).toEqual([5_000]);
    clock.set(t0 + 5_000);
    s.Forger.socket.send({ type: "pong", serverTime: t0 - 60_000 });
    s.Forger.socket.send({ type: "pong", serverTime: t0 + 60_000 });
    // An echo of the same probe again counts once.
    s.Near.socket.send({ type: "pong", serverTime: t0 });
    await handled(s.Forger.socket);
    await handled(s.Near.socket);
    expect(await tripsOf(game.code, joined.Forger.playerId)).toEqual([undefined]);
    expect((await tripsOf(game.code, joined.Near.playerId))[0]?.samples).toEqual([40]);
    // None of that was answered: an echo is a measurement.
    for (const n of names) expect(s[n].socket.drain().filter((m) => m.type === "error")).toEqual([]);
    // A pong that is not one (no number to echo) is refused like any bad message, and changes nothing.
    s.Forger.socket.send({ type: "pong", serverTime: "soon" });
    expect((await s.Forger.socket.nextError("invalid_message")).message).toMatch(/serverTime/);
    expect(await tripsOf(game.code, joined.Forger.playerId)).toEqual([undefined]);

    const t1 = t0 + 10_000;
    clock.set(t1);
    host.socket.send({ type: "start" });
    const q = await s.Near.socket.next("question");
    expect(q.startedAt).toBe(t1);
    const right = q.choices?.indexOf("Paris") as number;
    const think = 3_000;
    const arrive = async (n: (typeof names)[number], oneWay: number) => {
      clock.set(t1 + oneWay + think + oneWay);
      return (await answer(s[n].socket, 0, right)).elapsedMs;
    };
    expect(await arrive("Near", 20)).toBe(think);
    expect(await arrive("Liar", 20)).toBe(think + 40 - RTT_CAP_MS);
    expect(await arrive("Forger", 20)).toBe(think + 40);
    expect(await arrive("Far", 300)).toBe(think);
    expect(await arrive("Mute", 300)).toBe(think + 600);

    host.socket.send({ type: "next" });
    const points = async (n: (typeof names)[number]) => (await s[n].socket.next("reveal")).you?.points as number;
    const [near, far, liar, mute] = [
      await points("Near"),
      await points("Far"),
      await points("Liar"),
      await points("Mute"),
    ];
    // The documented tolerance (docs/protocol.md, "Fair timing"): the same points for the same think time when the
    // measured round trip is the one the answer took, as here.
    expect(far).toBe(near);
    expect(near).toBe(Math.round(1000 * (1 - think / 20_000 / 2)));
    // Without echoes, today's rule: the 600 ms round trip costs Mute 15 points.
    expect(mute).toBe(Math.round(1000 * (1 - (think + 600) / 20_000 / 2)));
    // The liar gains what RTT_CAP_MS of answer time is worth, not the 5 s it claimed: 24 points here.
    expect(liar - near).toBe(
      Math.round(1000 * (1 - (think + 40 - RTT_CAP_MS) / 20_000 / 2)) - Math.round(1000 * (1 - think / 20_000 / 2)),
    );
    expect(liar - near).toBeLessThanOrEqual(Math.ceil((1000 * RTT_CAP_MS) / 20_000 / 2));
  });

  it("refreshes the round trip from echoes of each reveal, and keeps it with the socket while the object hibernates", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 0 });
    const far = await joinGame(game.code, "Far");
    const host = await enter(game.code, game.hostToken);
    const p = await enter(game.code, far.playerToken);
    clock.set(t0 + 900);
    p.socket.send({ type: "pong", serverTime: p.welcome.serverTime });
    await echoed(game.code, far.playerId, 1);

    // The first question and its reveal: this phone's network got faster (300 ms round trips since).
    clock.set(t0 + 5_000);
    host.socket.send({ type: "start" });
    await p.socket.next("question");
    clock.set(t0 + 6_000);
    host.socket.send({ type: "next" });
    const reveal = await p.socket.next("reveal");
    expect(reveal.serverTime).toBe(t0 + 6_000);
    clock.set(t0 + 6_300);
    p.socket.send({ type: "pong", serverTime: reveal.serverTime });
    // The smallest recent sample counts.
    expect((await echoed(game.code, far.playerId, 2))?.samples).toEqual([900, 300]);

    // Evicted: the object is rebuilt, its sockets stay open (hibernation) with their attachments.
    await evictDurableObject(room(game.code));
    expect((await tripsOf(game.code, far.playerId))[0]?.samples).toEqual([900, 300]);

    const t1 = t0 + 8_000;
    clock.set(t1);
    host.socket.send({ type: "next" });
    const q = await p.socket.next("question", 5000, (m) => m.index === 1);
    expect(q.startedAt).toBe(t1);
    clock.set(t1 + 2_300);
    expect((await answer(p.socket, 1, q.choices?.indexOf("4") as number)).elapsedMs).toBe(2_000);
  });
});
