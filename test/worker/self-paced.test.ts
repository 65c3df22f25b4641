/**
 * Self-paced assignments over real sockets and the Durable Object's alarm: creating one (and the clear refusals),
 * two players playing at different times on their own clocks, one leaving mid-question and coming back, the host's
 * live figures and results, and the close at `closesAt` by an alarm that runs late and twice.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import type { GameResults } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  api,
  apiJson,
  calm,
  createGame,
  type ErrorReply,
  enter,
  evictAndCompare,
  fakeClock,
  info,
  joinGame,
  room,
  tryJoin,
} from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Capital of France?", choices: ["Paris", "Lyon", "Nice"], correct: 0 },
  { kind: "truefalse", text: "The sun is a star.", correct: true },
  { kind: "choice", text: "2 + 2?", choices: ["4", "5"], correct: 0 },
];

const alarmOf = (code: string) => runInDurableObject(room(code), (_i, state) => state.storage.getAlarm());

/** The shown index of a choice's text in a question message. */
function indexOf(q: { choices?: string[] }, text: string): number {
  return q.choices?.indexOf(text) ?? -1;
}

describe("creating an assignment", () => {
  it("refuses a missing, past, too close or too far closesAt, a playing host and teams, with 422s that say why", async () => {
    const now = Date.now();
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ mode: "self-paced" }, /needs closesAt/, "closesAt"],
      [{ mode: "self-paced", closesAt: now - 1000 }, /in the past/, "closesAt"],
      [{ mode: "self-paced", closesAt: now + 5000 }, /at least 1 minute/, "closesAt"],
      [{ mode: "self-paced", closesAt: now + 15 * DAY }, /at most 14 days/, "closesAt"],
      [{ mode: "self-paced", closesAt: "next tuesday" }, /./, "closesAt"],
      [{ closesAt: now + DAY }, /only for self-paced/, "closesAt"],
      [{ mode: "self-paced", closesAt: now + DAY, hostName: "Ms Ada" }, /does not play/, "hostName"],
      [{ mode: "self-paced", closesAt: now + DAY, teams: 2 }, /team mode is for live games/, "teams"],
      [{ mode: "homework", closesAt: now + DAY }, /./, "mode"],
    ];
    for (const [body, message, field] of cases) {
      const res = await apiJson<ErrorReply>("/api/games", { method: "POST", json: { questions: QUESTIONS, ...body } });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.fields).toContain(field);
    }
  });

  it("takes closesAt as epoch ms or ISO 8601, and says the mode in the response and the game's info", async () => {
    const closesAt = Date.now() + 3 * DAY;
    const iso = new Date(closesAt).toISOString().replace("Z", "+00:00");
    const game = await createGame({ questions: QUESTIONS, mode: "self-paced", closesAt: iso });
    expect(game).toMatchObject({ mode: "self-paced", closesAt });
    expect((await info(game.code)).body).toMatchObject({
      mode: "self-paced",
      closesAt,
      phase: "lobby",
      joinable: true,
    });
    const live = await createGame({ questions: QUESTIONS });
    expect(live).not.toHaveProperty("mode");
    expect((await info(live.code)).body).not.toHaveProperty("mode");
  });
});

describe("an assignment played over sockets", () => {
  it("lets two players play at different times, each on their own clock, and resume mid-question", async () => {
    const clock = fakeClock();
    const t0 = clock.start;
    const closesAt = t0 + 2 * DAY;
    const game = await createGame({ questions: QUESTIONS, mode: "self-paced", closesAt, questionSeconds: 20 });
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome.game).toMatchObject({
      phase: "lobby",
      assignment: { closesAt, closed: false, joined: 0, started: 0, finished: 0, averageScore: 0 },
    });
    // The host cannot run an assignment's questions.
    host.socket.send({ type: "start" });
    expect((await host.socket.nextError("self_paced")).message).toMatch(/moves on by themselves/);

    // Ada plays the whole assignment in one go.
    const ada = await joinGame(game.code, "Ada");
    const a = await enter(game.code, ada.playerToken);
    expect(a.welcome.game).toMatchObject({ phase: "lobby", assignment: { closesAt, closed: false, done: 0 } });
    a.socket.send({ type: "next" });
    const q0 = await a.socket.next("question");
    expect(q0).toMatchObject({ index: 0, total: 3, startedAt: t0, deadline: t0 + 20_000 });
    for (const [i, text] of [
      [0, "Paris"],
      [1, "True"],
      [2, "4"],
    ] as const) {
      if (i > 0) {
        a.socket.send({ type: "next" });
        await a.socket.next("question", 5000, (m) => m.index === i);
      }
      clock.advance(2000);
      const q = a.socket.all("question").find((m) => m.index === i);
      a.socket.send({ type: "answer", index: i, choice: indexOf(q ?? {}, text) });
      await a.socket.next("answered");
      const reveal = await a.socket.next("reveal");
      expect(reveal).toMatchObject({ index: i, you: { answered: true, correct: true } });
    }
    a.socket.send({ type: "next" });
    const over = await a.socket.next("gameOver");
    expect(over).toMatchObject({ playerCount: 1, you: { rank: 1 }, assignment: { closed: false } });
    const adaScore = over.you?.score ?? 0;
    expect(adaScore).toBeGreaterThan(2500);
    a.socket.close();

    // The host's figures follow, live.
    const figures = await host.socket.next("assignment", 5000, (m) => m.finished === 1);
    expect(figures).toMatchObject({ joined: 1, started: 1, finished: 1, averageScore: adaScore });

    // A day later, Bob starts: his own 20 seconds from his own start.
    clock.advance(DAY);
    const t1 = Date.now();
    const bob = await joinGame(game.code, "Bob");
    const b = await enter(game.code, bob.playerToken);
    b.socket.send({ type: "next" });
    const bq = await b.socket.next("question");
    expect(bq).toMatchObject({ index: 0, startedAt: t1, deadline: t1 + 20_000 });
    // He leaves mid-question and comes back 5 seconds later: the same question, the same deadline.
    b.socket.close();
    clock.advance(5000);
    const b2 = await enter(game.code, bob.playerToken);
    expect(b2.welcome.game).toMatchObject({ phase: "question", question: { index: 0, deadline: t1 + 20_000 } });
    b2.socket.send({ type: "answer", index: 0, choice: indexOf(bq, "Lyon") });
    expect(await b2.socket.next("reveal")).toMatchObject({ index: 0, answered: 2, you: { correct: false } });
    b2.socket.send({ type: "next" });
    await b2.socket.next("question", 5000, (m) => m.index === 1);
    // The object is evicted mid-question: the rebuilt one holds exactly the same.
    await calm(game.code, [b2.socket, host.socket]);
    await evictAndCompare(game.code);
    // He leaves again and is back after his deadline: the question closed unanswered, its reveal is where he lands.
    b2.socket.close();
    clock.advance(60_000);
    const b3 = await enter(game.code, bob.playerToken);
    expect(b3.welcome.game).toMatchObject({ phase: "reveal", reveal: { index: 1 }, assignment: { done: 2 } });
    expect(b3.welcome.you).toMatchObject({ result: { answered: false, points: 0 } });
    b3.socket.send({ type: "answer", index: 1, choice: 0 });
    await b3.socket.nextError("question_closed");

    // The host's list has each player's progress; the results say how far each got.
    host.socket.send({ type: "players" });
    const list = await host.socket.next("players");
    expect(list.players.map((p) => [p.name, p.progress?.done, p.progress?.finishedAt !== null])).toEqual([
      ["Ada", 3, true],
      ["Bob", 2, false],
    ]);
    const res = await api(`/api/games/${game.code}/results`, {
      headers: { Authorization: `Bearer ${game.hostToken}` },
    });
    const results = (await res.json()) as GameResults;
    expect(results).toMatchObject({
      mode: "self-paced",
      closesAt: new Date(closesAt).toISOString(),
      questionsPlayed: 3,
    });
    expect(results.players.map((p) => [p.name, p.progress?.done])).toEqual([
      ["Ada", 3],
      ["Bob", 2],
    ]);
    const csv = await (
      await api(`/api/games/${game.code}/results?format=csv`, {
        headers: { Authorization: `Bearer ${game.hostToken}` },
      })
    ).text();
    expect(csv.split("\r\n")[0]).toMatch(/Questions done,Finished at$/);
  });

  it("closes at closesAt by its alarm, however late and however often it runs; nothing is taken after", async () => {
    const clock = fakeClock();
    const closesAt = clock.start + DAY;
    const game = await createGame({ questions: QUESTIONS, mode: "self-paced", closesAt });
    const ada = await joinGame(game.code, "Ada");
    const a = await enter(game.code, ada.playerToken);
    const host = await enter(game.code, game.hostToken);
    a.socket.send({ type: "next" });
    await a.socket.next("question");

    // An alarm before the close only closes Ada's question, which ran out long ago.
    clock.set(closesAt - 1000);
    await runDurableObjectAlarm(room(game.code));
    expect(await a.socket.next("reveal")).toMatchObject({ index: 0, you: { answered: false } });
    expect((await info(game.code)).body).toMatchObject({ phase: "lobby" });

    // An hour late: answers are refused from closesAt on, alarm or not; then it closes, as of closesAt.
    clock.set(closesAt + HOUR);
    a.socket.send({ type: "next" });
    expect((await a.socket.nextError("assignment_closed")).message).toMatch(/closed/);
    const late = await tryJoin(game.code, { name: "Late" });
    expect(late).toMatchObject({ status: 409, body: { error: { code: "assignment_closed" } } });
    expect((await info(game.code)).body).toMatchObject({ joinable: false });
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    const over = await a.socket.next("gameOver");
    expect(over).toMatchObject({ assignment: { closed: true }, playerCount: 0, you: { score: 0 } });
    expect(await host.socket.next("gameOver")).toMatchObject({ assignment: { closed: true } });
    const resultsTtl = 24 * HOUR;
    expect(await alarmOf(game.code)).toBe(closesAt + resultsTtl);

    // Again: nothing more happens (no second game over), and the results stay until their lifetime is over.
    await runDurableObjectAlarm(room(game.code));
    await calm(game.code, [a.socket]);
    expect(a.socket.all("gameOver")).toHaveLength(1);
    expect((await info(game.code)).body).toMatchObject({ phase: "finished" });
    const again = await enter(game.code, ada.playerToken);
    expect(again.welcome.game).toMatchObject({ phase: "finished", assignment: { closed: true, done: 1 } });
    const refused = await tryJoin(game.code, { name: "Later" });
    expect(refused.body.error?.code).toBe("assignment_closed");
    await evictAndCompare(game.code);

    clock.set(closesAt + resultsTtl);
    await runDurableObjectAlarm(room(game.code));
    expect((await info(game.code)).status).toBe(404);
  });

  it("tells a player whose question ran out while the object slept, when the alarm wakes it", async () => {
    const clock = fakeClock();
    const game = await createGame({ questions: QUESTIONS, mode: "self-paced", closesAt: clock.start + DAY });
    const ada = await joinGame(game.code, "Ada");
    const a = await enter(game.code, ada.playerToken);
    a.socket.send({ type: "next" });
    const q = await a.socket.next("question");
    await calm(game.code, [a.socket]);
    // The object is evicted with Ada's socket open (it hibernates); her deadline passes; the alarm wakes the object.
    await evictDurableObject(room(game.code));
    clock.set(Number(q.deadline) + 1000);
    await runDurableObjectAlarm(room(game.code));
    expect(await a.socket.next("reveal")).toMatchObject({ index: 0, you: { answered: false } });
    a.socket.send({ type: "next" });
    expect(await a.socket.next("question")).toMatchObject({ index: 1 });
  });

  it("closes early when the host says so", async () => {
    const closesAt = Date.now() + DAY;
    const game = await createGame({ questions: QUESTIONS, mode: "self-paced", closesAt });
    const ada = await joinGame(game.code, "Ada");
    const a = await enter(game.code, ada.playerToken);
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "end" });
    expect(await a.socket.next("gameOver")).toMatchObject({ assignment: { closed: true } });
    expect((await info(game.code)).body).toMatchObject({ phase: "finished", joinable: false });
  });
});
