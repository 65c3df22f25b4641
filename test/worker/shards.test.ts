/**
 * A big game over several shard objects (docs/scaling.md), against the same game in one object: the same players
 * answering the same way at the same moments get the same reveals, points, ranks, podium and results. Then what a
 * distributed game must survive: alarms that run twice or late, a shard evicted mid-question, two players racing for
 * one name on different shards, a reconnect, and bad calls between the objects.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { QuizQuestion } from "@protocol/schemas";
import type { GameOverPayload, GameResults, LeaderboardEntry, PlayerResult, RevealPayload } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nameKey } from "../../worker/game/names";
import type { GameRoom } from "../../worker/game/room";
import { playerIdOn, shardObjectName, shardOf } from "../../worker/game/shard-key";
import type { GameState } from "../../worker/game/state";
import { structural } from "../unit/harness";
import { api, apiJson, connect, createGame, enter, fakeClock, room, type TestSocket, tryJoin } from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Capital of France?", choices: ["Lyon", "Paris", "Nice", "Lille"], correct: 1 },
  { kind: "type", text: "Capital of Peru?", accepted: ["Lima"] },
  { kind: "slider", text: "Speed of sound (m/s)?", min: 0, max: 1000, step: 1, correct: 343, tolerance: 10 },
  { kind: "truefalse", text: "Water boils at 100 °C at sea level.", correct: true, double: true },
  { kind: "multi", text: "Primes?", choices: ["2", "4", "5", "9"], correct: [0, 2] },
  { kind: "poll", text: "Favourite colour?", choices: ["Red", "Blue"] },
];

const PLAYERS = 14;

function shard(code: string, index: number): DurableObjectStub<GameRoom> {
  return env.GAME.get(env.GAME.idFromName(shardObjectName(code, index)));
}

/** Runs every alarm that is due on the game's objects: its shards' first (their instants), then its own. */
async function runAlarms(code: string, shards: number) {
  for (let k = 0; k < shards; k++) await runDurableObjectAlarm(shard(code, k));
  await runDurableObjectAlarm(room(code));
}

/**
 * Player `i`'s answer to question `q` (by the shown choices) and how long after the opening it comes, or null: a
 * spread of right, wrong, slow and missing answers that leaves ties and gaps in the standings.
 */
function answerOf(i: number, q: number, shown: { choices?: string[] }) {
  if ((i + q) % 5 === 4) return null;
  const at = 300 + ((i * 7 + q * 3) % 9) * 900;
  const pick = (label: string) => shown.choices?.indexOf(label) ?? -1;
  const right = (i + q) % 3 !== 0;
  switch (q) {
    case 0:
      return { at, choice: pick(right ? "Paris" : "Lyon") };
    case 1:
      return { at, choice: right ? (i % 2 ? "lima" : "Lima") : i % 2 ? "Cusco" : "cuzco" };
    case 2:
      return { at, choice: right ? 340 + (i % 5) : 300 + i };
    case 3:
      return { at, choice: right ? 0 : 1 };
    case 4:
      return { at, choice: right ? [pick("2"), pick("5")] : [pick("4")] };
    default:
      return { at, choice: pick(i % 2 ? "Blue" : "Red") };
  }
}

type Seat = { name: string; socket: TestSocket };

/** What a game looked like, with player ids replaced by names (they differ from run to run). */
interface Played {
  reveals: unknown[];
  you: Record<string, (PlayerResult | undefined)[]>;
  gameOver: unknown;
  results: unknown;
}

function byName(names: Map<string, string>, entries: LeaderboardEntry[] | undefined) {
  return entries?.map(({ playerId, ...e }) => ({ ...e, who: names.get(playerId) }));
}

/** Plays the same game with `shards` objects (1: a single object) and records everything players and host saw. */
async function play(shards: number): Promise<Played> {
  const clock = fakeClock();
  const game = await createGame({
    questions: QUESTIONS,
    questionSeconds: 20,
    revealSeconds: 5,
    ...(shards > 1 ? { shards } : {}),
  });
  const host = await enter(game.code, game.hostToken);
  const seats: Seat[] = [];
  const names = new Map<string, string>();
  for (let i = 0; i < PLAYERS; i++) {
    const name = `Player ${String(i).padStart(2, "0")}`;
    const res = await tryJoin(game.code, { name });
    expect(res.status).toBe(201);
    names.set(res.body.playerId, name);
    const { socket, welcome } = await enter(game.code, res.body.playerToken);
    expect(welcome.role).toBe("player");
    seats.push({ name, socket });
    // Everyone joins at a moment of their own: standings order ties by who joined first.
    clock.advance(1);
  }
  if (shards > 1) {
    // Joins went to the shards their ids hash to, not all to one.
    const used = new Set([...names.keys()].map((id) => shardOf(id, shards)));
    expect(used.size).toBeGreaterThan(1);
  }
  await host.socket.next("lobby", 5000, (m) => m.playerCount === PLAYERS && m.connectedCount === PLAYERS);
  const played: Played = { reveals: [], you: {}, gameOver: null, results: null };
  host.socket.send({ type: "start" });
  for (let q = 0; q < QUESTIONS.length; q++) {
    const shown = await host.socket.next("question", 5000, (m) => m.index === q);
    clock.set(shown.startedAt);
    // A sharded game's question opens at its scheduled instant by each shard's own alarm.
    if (shards > 1) await runAlarms(game.code, shards);
    const phones = await Promise.all(seats.map((s) => s.socket.next("question", 5000, (m) => m.index === q)));
    for (const p of phones) expect(p).toMatchObject({ startedAt: shown.startedAt, deadline: shown.deadline });
    const plans = seats
      .map((seat, i) => ({ seat, plan: answerOf(i, q, shown) }))
      .filter((x) => x.plan !== null)
      .sort((a, b) => (a.plan?.at ?? 0) - (b.plan?.at ?? 0));
    for (const { seat, plan } of plans) {
      if (!plan) continue;
      clock.set(shown.startedAt + plan.at);
      seat.socket.send({ type: "answer", index: q, choice: plan.choice });
      await seat.socket.next("answered");
    }
    // Alternately the deadline (the alarm) and the host's `next` close the question.
    if (q % 2 === 0) {
      clock.set(shown.deadline ?? 0);
      await runAlarms(game.code, shards);
    } else host.socket.send({ type: "next" });
    const reveal = await host.socket.next("reveal", 5000, (m) => m.index === q);
    const { serverTime: _t, leaderboard, nextAt, counts, correct, typed, ...rest } = reveal;
    // Each game shuffles its choices, and a sharded game opens each question a schedule's lead later: choices are
    // compared by label and instants from the question's opening.
    const label = (i: number) => shown.choices?.[i] ?? i;
    played.reveals.push({
      ...rest,
      counts: Object.fromEntries(counts.map((n, i) => [label(i), n])),
      correct: { ...correct, choices: correct.choices.map(label).sort() },
      // A typed answer shows as one of its spellings: which one depends on who typed it first in its object.
      ...(typed ? { typed: typed.map((t) => ({ ...t, text: t.text.toLowerCase() })) } : {}),
      nextAt: nextAt === null ? null : nextAt - shown.startedAt,
      leaderboard: byName(names, leaderboard),
    });
    for (const seat of seats) {
      const mine = await seat.socket.next("reveal", 5000, (m) => m.index === q);
      expect(mine.leaderboard).toBeUndefined();
      played.you[seat.name] = [...(played.you[seat.name] ?? []), mine.you];
    }
    // Reveals move on by themselves (the alarm at nextAt) or on the host's `next`.
    if (q % 2 === 0) host.socket.send({ type: "next" });
    else {
      clock.set(reveal.nextAt ?? 0);
      await runAlarms(game.code, shards);
    }
  }
  const over = await host.socket.next("gameOver");
  const mine = await Promise.all(seats.map((s) => s.socket.next("gameOver")));
  const { serverTime: _t, ...overRest } = over;
  played.gameOver = {
    ...overRest,
    podium: byName(names, over.podium),
    leaderboard: byName(names, over.leaderboard),
    you: mine.map((m) => m.you),
    players: mine.map((m) => byName(names, m.leaderboard)),
  };
  const res = await api(`/api/games/${game.code}/results`, { headers: { Authorization: `Bearer ${game.hostToken}` } });
  expect(res.status).toBe(200);
  const results = (await res.json()) as GameResults;
  const { generatedAt: _g, code: _c, ...body } = results;
  // A multi answer is listed in the order its game showed the choices: compared as a set.
  const asSet = (text: string | null) => text?.split("; ").sort().join("; ") ?? null;
  played.results = {
    ...body,
    questions: body.questions.map((q) => ({
      ...q,
      choices: q.choices && [...q.choices].sort(),
      correct: [...q.correct].sort(),
    })),
    players: body.players.map(({ playerId, ...p }) => ({
      ...p,
      who: names.get(playerId),
      answers: p.answers.map((x) => ({ ...x, answer: asSet(x.answer) })),
    })),
  };
  for (const s of [host.socket, ...seats.map((x) => x.socket)]) s.close();
  vi.useRealTimers();
  return played;
}

describe("a game over 4 shards", () => {
  it("gives the same reveals, points, ranks, podium and results as the same game in one object", async () => {
    const single = await play(1);
    const sharded = await play(4);
    expect(sharded.reveals).toEqual(single.reveals);
    expect(sharded.you).toEqual(single.you);
    expect(sharded.gameOver).toEqual(single.gameOver);
    expect(sharded.results).toEqual(single.results);
    // The game had something to rank: ties, gaps and a podium.
    const last = single.reveals.at(-1) as RevealPayload;
    expect(new Set(last.leaderboard?.map((e) => e.rank)).size).toBeGreaterThan(3);
    expect((single.gameOver as GameOverPayload).podium.length).toBeGreaterThan(0);
    // Two whole games of 14 players over real sockets: longer than one test's default time on a busy machine.
  }, 120_000);
});

/** A started sharded game with `n` players, each with an open socket; the first question open everywhere. */
async function startedGame(shards: number, n: number) {
  const clock = fakeClock();
  const game = await createGame({ questions: QUESTIONS, questionSeconds: 20, revealSeconds: 5, shards });
  const host = await enter(game.code, game.hostToken);
  const players = [];
  // At least `n` players, and more until every shard holds one (ids hash to shards at random).
  for (let i = 0; i < n || new Set(players.map((p) => shardOf(p.playerId, shards))).size < shards; i++) {
    const res = await tryJoin(game.code, { name: `P${i}` });
    expect(res.status).toBe(201);
    players.push({ ...res.body, ...(await enter(game.code, res.body.playerToken)) });
  }
  await host.socket.next("lobby", 5000, (m) => m.playerCount === players.length);
  host.socket.send({ type: "start" });
  const q0 = await host.socket.next("question");
  clock.set(q0.startedAt);
  await runAlarms(game.code, shards);
  for (const p of players) await p.socket.next("question");
  return { clock, game, host, players, q0 };
}

async function shardState(code: string, index: number) {
  return runInDurableObject(shard(code, index), (instance) => {
    const game = (instance as unknown as { game: GameState | null }).game;
    return game ? structural(game) : null;
  });
}

describe("a sharded game's clock", () => {
  it("opens and closes once however many times, and however late, the alarms run", async () => {
    const { clock, game, host, players, q0 } = await startedGame(3, 6);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    for (const p of players.slice(0, 4)) {
      p.socket.send({ type: "answer", index: 0, choice: paris });
      await p.socket.next("answered");
    }
    // Late: well past the deadline, and every alarm twice.
    clock.set((q0.deadline ?? 0) + 7_000);
    await runAlarms(game.code, 3);
    await runAlarms(game.code, 3);
    const reveal = await host.socket.next("reveal");
    expect(reveal).toMatchObject({ index: 0, answered: 4, correctCount: 4, playerCount: players.length });
    for (const p of players) await p.socket.next("reveal");
    const after = await Promise.all([0, 1, 2].map((k) => shardState(game.code, k)));
    await runAlarms(game.code, 3);
    expect(await Promise.all([0, 1, 2].map((k) => shardState(game.code, k)))).toEqual(after);
    for (const s of [host.socket, ...players.map((p) => p.socket)]) {
      const extra = await s.settle(100);
      expect(extra.filter((m) => m.type === "reveal" || m.type === "question")).toEqual([]);
    }
    // A late answer is judged against the shared deadline, whatever shard it lands on.
    players[5]?.socket.send({ type: "answer", index: 0, choice: paris });
    expect((await players[5]?.socket.nextError("question_closed"))?.code).toBe("question_closed");
  });

  it("closes early once every connected player on every shard has answered, each shard checking for itself", async () => {
    const { game, host, players, q0 } = await startedGame(2, 4);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    const [late, ...rest] = players;
    if (!late) throw new Error("players");
    for (const p of rest) {
      p.socket.send({ type: "answer", index: 0, choice: paris });
      await p.socket.next("answered");
    }
    // Asked to close early while one of its players may still answer, a shard refuses and changes nothing.
    const home = shardOf(late.playerId, 2);
    const before = await shardState(game.code, home);
    expect(await shard(game.code, home).shardClose(0, true)).toMatchObject({
      ok: false,
      error: { code: "still_waiting" },
    });
    expect(await shardState(game.code, home)).toEqual(before);
    // The last answer closes the question everywhere, without any alarm.
    late.socket.send({ type: "answer", index: 0, choice: paris });
    await late.socket.next("answered");
    const reveal = await host.socket.next("reveal");
    expect(reveal).toMatchObject({ index: 0, answered: players.length, correctCount: players.length });
    for (const p of players) expect((await p.socket.next("reveal")).you).toMatchObject({ correct: true });
  });

  it("signs a phone that comes back between its shard's close and the reveal in with the reveal", async () => {
    const { clock, game, players, q0 } = await startedGame(2, 4);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    const [ada] = players;
    if (!ada) throw new Error("players");
    ada.socket.send({ type: "answer", index: 0, choice: paris });
    await ada.socket.next("answered");
    ada.socket.close();
    // Ada's shard closes the question at the deadline; the game's reveal is not there yet.
    clock.set(q0.deadline ?? 0);
    await runDurableObjectAlarm(shard(game.code, shardOf(ada.playerId, 2)));
    const socket = await connect(game.code, ada.playerToken);
    socket.send({ type: "hello", token: ada.playerToken });
    expect((await socket.settle(300)).map((m) => m.type)).toEqual([]);
    // The coordinator merges and reveals: Ada is signed in to the reveal, with her own figures, and no second copy.
    await runAlarms(game.code, 2);
    const welcome = await socket.next("welcome");
    expect(welcome.game).toMatchObject({ phase: "reveal", reveal: { index: 0, answered: 1 } });
    expect(welcome.you?.result).toMatchObject({ answered: true, correct: true, rank: 1 });
    expect((await socket.settle(200)).filter((m) => m.type === "reveal")).toEqual([]);
  });

  it("pauses and resumes every shard at the same instants", async () => {
    const { clock, host, players, q0 } = await startedGame(2, 4);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    clock.set(q0.startedAt + 5_000);
    host.socket.send({ type: "pause" });
    expect(await host.socket.next("paused")).toMatchObject({ phase: "question", remainingMs: 15_000 });
    for (const p of players) expect(await p.socket.next("paused")).toMatchObject({ remainingMs: 15_000 });
    players[0]?.socket.send({ type: "answer", index: 0, choice: paris });
    await players[0]?.socket.nextError("game_paused");
    // Ten minutes later: the same 15 s are left, from the resume (and a schedule's lead) on, on every shard.
    clock.set(q0.startedAt + 605_000);
    host.socket.send({ type: "resume" });
    const resumed = await host.socket.next("resumed");
    expect(resumed.deadline).toBe(q0.startedAt + 605_000 + 250 + 15_000);
    for (const p of players) expect((await p.socket.next("resumed")).deadline).toBe(resumed.deadline);
    clock.set(q0.startedAt + 605_250 + 1_000);
    players[0]?.socket.send({ type: "answer", index: 0, choice: paris });
    // Six seconds counted: five before the pause, one after it.
    expect((await players[0]?.socket.next("answered"))?.elapsedMs).toBe(6_000);
  });

  it("keeps every acknowledged answer of a shard evicted mid-question, and its players come back to it", async () => {
    const { clock, game, host, players, q0 } = await startedGame(2, 6);
    const paris = q0.choices?.indexOf("Paris") ?? -1;
    clock.set(q0.startedAt + 2_000);
    // One player of shard 1 does not answer, so the question stays open until its deadline.
    const idle = players.find((p) => shardOf(p.playerId, 2) === 1);
    for (const p of players.filter((x) => x !== idle)) {
      p.socket.send({ type: "answer", index: 0, choice: paris });
      await p.socket.next("answered");
    }
    // Shard 0 goes away with every answer it acknowledged (its hibernated sockets stay open).
    const onZero = players.filter((p) => shardOf(p.playerId, 2) === 0);
    expect(onZero.length).toBeGreaterThan(0);
    const before = await shardState(game.code, 0);
    await evictDurableObject(shard(game.code, 0));
    expect(await shardState(game.code, 0)).toEqual(before);
    // Its players' phones drop and reconnect with their tokens: to their own shard, rebuilt from storage.
    for (const p of onZero) p.socket.close();
    const back = await Promise.all(onZero.map((p) => enter(game.code, p.playerToken)));
    for (const b of back) {
      expect(b.welcome).toMatchObject({ role: "player", game: { phase: "question" }, you: { answer: paris } });
    }
    clock.set(q0.deadline ?? 0);
    await runAlarms(game.code, 2);
    const reveal = await host.socket.next("reveal");
    expect(reveal).toMatchObject({
      index: 0,
      answered: players.length - 1,
      correctCount: players.length - 1,
      playerCount: players.length,
    });
    for (const b of back) expect((await b.socket.next("reveal")).you).toMatchObject({ correct: true, rank: 1 });
  });
});

describe("joining a sharded game", () => {
  it("keeps names unique across shards, look-alikes included, and frees a kicked player's name", async () => {
    fakeClock();
    const game = await createGame({ questions: QUESTIONS, shards: 8 });
    const first = await tryJoin(game.code, { name: "Ada" });
    expect(first.status).toBe(201);
    // Eight more tries, landing on shards all over: every one is the same name.
    for (const name of ["Ada", "ADA", "Аda", "Ａｄａ", "ada", "Ada ", "AdA", "aDa"]) {
      const again = await tryJoin(game.code, { name });
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe("name_taken");
    }
    // Two players racing for one new name on different shards: exactly one gets it.
    const race = await Promise.all(Array.from({ length: 6 }, () => tryJoin(game.code, { name: "Grace" })));
    expect(race.filter((r) => r.status === 201)).toHaveLength(1);
    // Players without a name get friendly names no other shard has handed out.
    const anonymous = await Promise.all(Array.from({ length: 12 }, () => tryJoin(game.code, {})));
    const given = anonymous.map((r) => r.body.name);
    expect(new Set(given).size).toBe(given.length);
    // A kick frees the name for someone else; the kicked device stays out on every shard.
    const host = await enter(game.code, game.hostToken);
    const device = "device-of-a-kicked-player";
    const kicked = await tryJoin(game.code, { name: "Linus", device });
    expect(kicked.status).toBe(201);
    host.socket.send({ type: "kick", playerId: kicked.body.playerId });
    for (let i = 0; i < 100; i++) {
      const free = await tryJoin(game.code, { name: "Linus" });
      if (free.status === 201) break;
      expect(i).toBeLessThan(99);
    }
    for (let i = 0; i < 8; i++) {
      const banned = await tryJoin(game.code, { name: `Back ${i}`, device });
      expect(banned.status).toBe(403);
      expect(banned.body.error?.code).toBe("device_banned");
    }
    const info = await apiJson<{ playerCount: number }>(`/api/games/${game.code}`);
    expect(info.status).toBe(200);
    host.socket.close();
  });

  it("counts every shard's players in the host's lobby, list and the public game info", async () => {
    const clock = fakeClock();
    const game = await createGame({ questions: QUESTIONS, expectedPlayers: 5000 });
    const host = await enter(game.code, game.hostToken);
    const names = Array.from({ length: 9 }, (_, i) => `Lobby ${i}`);
    for (const name of names) {
      expect((await tryJoin(game.code, { name })).status).toBe(201);
      clock.advance(1);
    }
    const lobby = await host.socket.next("lobby", 5000, (m) => m.playerCount === names.length);
    expect(lobby.players?.map((p) => p.name)).toEqual(names);
    host.socket.send({ type: "players" });
    const list = await host.socket.next("players");
    expect(list.players.map((p) => p.name)).toEqual(names);
    const info = await apiJson<{ playerCount: number; phase: string }>(`/api/games/${game.code}`);
    expect(info.body).toMatchObject({ playerCount: names.length, phase: "lobby" });
    // 5,000 expected players: 3 shards (one per 2,000).
    const topology = await room(game.code).topology();
    expect(topology).toEqual({ shards: 3 });
    host.socket.close();
  });

  it("refuses what a sharded game cannot do yet, saying why", async () => {
    const withHost = await apiJson<{ error: { code: string; message: string } }>("/api/games", {
      method: "POST",
      json: { questions: QUESTIONS, shards: 2, hostName: "Quizmaster" },
    });
    expect(withHost.status).toBe(422);
    expect(withHost.body.error.message).toMatch(/shards/);
    const closesAt = Date.now() + 86_400_000;
    for (const [extra, field] of [
      [{ teams: 4 }, "teams"],
      [{ mode: "self-paced", closesAt }, "mode"],
      [{ teams: 2, expectedPlayers: 9_000 }, "teams"],
    ] as const) {
      const refused = await apiJson<{ error: { code: string; message: string; fields?: string[] } }>("/api/games", {
        method: "POST",
        json: { questions: QUESTIONS, ...("expectedPlayers" in extra ? {} : { shards: 2 }), ...extra },
      });
      expect(refused.status, JSON.stringify(extra)).toBe(422);
      expect(refused.body.error.fields).toEqual([field, "shards"]);
      expect(refused.body.error.message).toMatch(/several shards|leave out shards/);
    }
    for (const shards of [0, 129, 2.5, "4"]) {
      const bad = await apiJson<{ error: { code: string } }>("/api/games", {
        method: "POST",
        json: { questions: QUESTIONS, shards },
      });
      expect(bad.status).toBe(422);
    }
  });
});

describe("calls between a sharded game's objects", () => {
  it("refuse bad input and change nothing", async () => {
    const { game, players } = await startedGame(2, 3);
    const before = await Promise.all([0, 1].map((k) => shardState(game.code, k)));
    const s0 = shard(game.code, 0);
    expect(await s0.shardSchedule({ index: 99, readyAt: null, opensAt: 1, deadline: 2 })).toMatchObject({ ok: false });
    expect(await s0.shardSchedule({ index: 1, readyAt: null, opensAt: 5, deadline: 2 })).toMatchObject({ ok: false });
    expect(await s0.shardSchedule({ index: "1" })).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(await s0.shardClose(-1)).toMatchObject({ ok: false });
    expect(await s0.shardReveal({ index: 0, scores: "lots" }, null, false)).toMatchObject({ ok: false });
    expect(await s0.shardCommand({ command: "start" })).toMatchObject({ ok: false });
    expect(await s0.shardCommand({ command: "kick", playerId: "nobody" })).toMatchObject({ ok: false });
    expect(await s0.shardFinish({} as GameOverPayload)).toMatchObject({ ok: false });
    expect(await s0.join("Sneaky", null, "not-an-id")).toMatchObject({ ok: false });
    // A name is only taken where its key hashes: anywhere else it could clash unseen.
    const elsewhere = ["Ana", "Ben", "Cleo", "Dov", "Eve", "Finn"].find((n) => shardOf(nameKey(n), 2) === 1) ?? "";
    expect(await s0.join(elsewhere, null, playerIdOn(0, 2))).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    expect(await room(game.code).shardReport({ shard: 7, players: -1 })).toEqual({ error: "invalid_request" });
    expect(await room(game.code).join("Direct")).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(await Promise.all([0, 1].map((k) => shardState(game.code, k)))).toEqual(before);
    for (const p of players) expect(p.socket.closed).toBeNull();
  });
});
