/**
 * Each socket's message budget (worker/game/budget.ts): frames beyond it are dropped unread and unanswered, error
 * replies are limited, and a socket that keeps flooding is closed with its own code; everyone else is served.
 * Fairness under a real flood (other sockets' timing) is tested over TCP in test/server/flood.test.ts.
 */
import { CLOSE_CODES, LIMITS } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { createGame, enter, joinGame, type TestSocket } from "./client";

const QUESTIONS = [
  { kind: "choice", text: "One?", choices: ["a", "b", "c"], correct: 0 },
  { kind: "choice", text: "Two?", choices: ["a", "b", "c"], correct: 1 },
];

/** A started game: a host, an honest player and a flooder, the first question open. */
async function started() {
  const game = await createGame({ questions: QUESTIONS, questionSeconds: 60, revealSeconds: 0 });
  const [ada, eve] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Eve")];
  const host = (await enter(game.code, game.hostToken)).socket;
  const honest = (await enter(game.code, ada.playerToken)).socket;
  const flooder = (await enter(game.code, eve.playerToken)).socket;
  host.send({ type: "start" });
  await honest.next("question");
  return { game, host, honest, flooder };
}

/** Waits until `socket` has received `count` errors (consumed or not). */
async function errorsReach(socket: TestSocket, count: number) {
  for (let i = 0; i < 200 && socket.all("error").length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return socket.all("error");
}

describe("a socket's message budget", () => {
  it("closes a socket that keeps flooding with its own code, after a few errors and one saying why", async () => {
    const { flooder, honest } = await started();
    for (let i = 0; i < 1_000; i++) flooder.send(i % 2 ? "not json" : JSON.stringify({ type: "dance" }));
    expect(await flooder.waitClosed(30_000)).toMatchObject({ code: CLOSE_CODES.flooding });
    const errors = flooder.all("error");
    expect(errors.slice(0, -1).every((e) => e.code === "invalid_message")).toBe(true);
    expect(errors.length).toBe(LIMITS.errorReplies.burst + 1);
    expect(errors.at(-1)).toMatchObject({ code: "too_many_messages" });
    // The honest player is still served.
    honest.send({ type: "answer", index: 0, choice: 1 });
    expect(await honest.next("answered")).toMatchObject({ index: 0, choice: 1 });
  });

  it("drops frames beyond the budget unread, limits error replies, and serves the socket again once it slows down", async () => {
    const { flooder, host } = await started();
    const { burst, perSecond } = LIMITS.messageBudget;
    // The whole budget on refused answers, then a valid answer: beyond the budget, it is dropped without being read.
    for (let i = 0; i < burst; i++) flooder.send({ type: "answer", index: 5, choice: 0 });
    flooder.send({ type: "answer", index: 0, choice: 0 });
    const errors = await errorsReach(flooder, LIMITS.errorReplies.burst);
    await flooder.settle(500);
    expect(errors.length).toBe(LIMITS.errorReplies.burst);
    expect(errors.every((e) => e.code === "wrong_question")).toBe(true);
    expect(flooder.all("answered")).toEqual([]);
    // Once the bucket has refilled a little, the socket is served again (and it was not closed).
    await new Promise((resolve) => setTimeout(resolve, 2000 / perSecond));
    flooder.send({ type: "answer", index: 0, choice: 2 });
    expect(await flooder.next("answered")).toMatchObject({ index: 0, choice: 2 });
    expect(flooder.closed).toBeNull();
    host.send({ type: "next" });
    expect(await host.next("reveal")).toMatchObject({ index: 0, answered: 1 });
  });

  it("counts fair timing's pongs like any frame: a pong flood is a flood", async () => {
    const { flooder, honest } = await started();
    // Valid pongs echoing a real probe (its welcome): never answered, so only the budget can stop them.
    const welcome = flooder.all("welcome")[0];
    for (let i = 0; i < 1_000; i++) flooder.send({ type: "pong", serverTime: welcome?.serverTime ?? 0 });
    expect(await flooder.waitClosed(30_000)).toMatchObject({ code: CLOSE_CODES.flooding });
    expect(flooder.all("error").map((e) => e.code)).toEqual(["too_many_messages"]);
    honest.send({ type: "answer", index: 0, choice: 1 });
    expect(await honest.next("answered")).toMatchObject({ index: 0, choice: 1 });
  });

  it("lets a host send a burst of commands (kicking 30 players at once)", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const players = [];
    for (let i = 0; i < 30; i++) players.push(await joinGame(game.code, `P${i}`));
    const host = (await enter(game.code, game.hostToken)).socket;
    for (const p of players) host.send({ type: "kick", playerId: p.playerId });
    host.send({ type: "lock" });
    expect(await host.next("locked", 10_000)).toMatchObject({ locked: true });
    expect(host.all("error")).toEqual([]);
    const lobby = await host.next("lobby", 10_000, (m) => m.playerCount === 0);
    expect(lobby.players).toEqual([]);
  });
});
