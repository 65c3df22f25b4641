/**
 * Names and text through the real worker: text that is not well-formed Unicode is refused (422) in every text field
 * and on the socket, names that look alike are one name (also after a restart, and a kick frees the name for
 * every look-alike), and the nickname filter refuses offensive names unless the host turned it off.
 */
import { evictDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, apiJson, createGame, engineState, enter, info, joinGame, room, rowCounts, tryJoin } from "./client";
import { expectError } from "./library-client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS = [
  { kind: "type", text: "Capital of France?", accepted: ["Paris"] },
  { kind: "choice", text: "Two?", choices: ["a", "b"], correct: 0 },
];

describe("text that is not well-formed Unicode", () => {
  it("is refused as a name (422), so two names cannot become one after a restart", async () => {
    const game = await createGame({ questions: QUESTIONS });
    for (const name of ["x\ud800", "x\ud801", "\udc00"]) {
      const res = await tryJoin(game.code, { name });
      expectError(res, 422, "invalid_request");
      expect(res.body.error?.fields).toEqual(["name"]);
    }
    expect((await info(game.code)).body.playerCount).toBe(0);
    expect(await rowCounts(game.code)).toEqual({ players: 0, answers: 0 });
  });

  it("is refused in every text field of a game, an import and a saved quiz (422)", async () => {
    const bad = "Quiz \ud800";
    const bodies = [
      { title: bad },
      { hostName: bad },
      { questions: [{ ...QUESTIONS[1], text: bad }] },
      { questions: [{ ...QUESTIONS[1], choices: ["a", bad] }] },
      { questions: [{ ...QUESTIONS[1], explanation: bad }] },
      { questions: [{ kind: "type", text: "Q?", accepted: [bad] }] },
      { category: bad },
    ];
    for (const json of bodies) {
      const res = await apiJson("/api/games", { method: "POST", json });
      expect(res.status, JSON.stringify(json)).toBe(422);
    }
    const quiz = { title: bad, questions: [QUESTIONS[1]] };
    expectError(await apiJson("/api/quizzes", { method: "POST", json: quiz }), 422, "invalid_quiz");
    const imported = await apiJson("/api/quizzes/import", {
      method: "POST",
      json: {
        format: "json",
        content: JSON.stringify({ title: "T", questions: [QUESTIONS[1]] }).replace("Two", "\udfff"),
      },
    });
    expect(imported.status).toBe(422);
    const csv = await apiJson("/api/quizzes/import", {
      method: "POST",
      json: { format: "csv", content: `Question,Answer\nWhat \ud800?,Paris\n` },
    });
    expect(csv.status).toBe(422);
  });

  it("is refused as a typed answer on the socket, with an error to that player only and nothing stored", async () => {
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
    const ada = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    host.socket.send({ type: "start" });
    await a.socket.next("question");
    const before = await engineState(game.code);
    a.socket.send(`{"type":"answer","index":0,"choice":"Par\\ud800is"}`);
    expect(await a.socket.next("error")).toMatchObject({ code: "invalid_message" });
    expect(await engineState(game.code)).toEqual(before);
    expect((await rowCounts(game.code)).answers).toBe(0);
    a.socket.send({ type: "answer", index: 0, choice: "Paris" });
    expect(await a.socket.next("answered")).toMatchObject({ choice: "Paris" });
  });
});

describe("names that look alike", () => {
  it("are one name: case, Cyrillic, full-width, zero-width and Greek variants are taken (409)", async () => {
    const game = await createGame({ questions: QUESTIONS });
    await joinGame(game.code, "Ada");
    for (const name of ["ADA", "\u0410da", "\uff21\uff44\uff41", "A\u200bda", "\u0391da"]) {
      expectError(await tryJoin(game.code, { name }), 409, "name_taken");
    }
    expect((await info(game.code)).body.playerCount).toBe(1);
  });

  it("stay one name after the game is rebuilt from storage, and a kick frees every look-alike", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const ada = await joinGame(game.code, "\u0410da");
    await evictDurableObject(room(game.code), { webSockets: "close" });
    expectError(await tryJoin(game.code, { name: "ada" }), 409, "name_taken");
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "kick", playerId: ada.playerId });
    await host.socket.next("lobby", 5000, (m) => m.playerCount === 0);
    expect((await tryJoin(game.code, { name: "ADA" })).status).toBe(201);
    await evictDurableObject(room(game.code), { webSockets: "close" });
    expectError(await tryJoin(game.code, { name: "\uff41\uff44\uff41" }), 409, "name_taken");
  });

  it("refuses names made only of invisible characters and names with separators (422)", async () => {
    const game = await createGame({ questions: QUESTIONS });
    for (const name of ["\u200b\u200b", "\u3164", "\u200f", "Ada\u2028", "A\u2029b"]) {
      expectError(await tryJoin(game.code, { name }), 422, "invalid_request");
    }
  });
});

describe("the nickname filter", () => {
  it("refuses offensive names with name_not_allowed (422) and a message that does not repeat them", async () => {
    const game = await createGame({ questions: QUESTIONS });
    for (const name of ["fuck", "Sh1t Head", "f\u00fcck you", "\u0430ss"]) {
      const res = await tryJoin(game.code, { name });
      expectError(res, 422, "name_not_allowed");
      expect(res.body.error?.message.toLowerCase()).not.toContain(name.toLowerCase());
      expect(res.body.error?.message).toMatch(/not allowed/);
    }
    expect((await info(game.code)).body.playerCount).toBe(0);
    expect((await tryJoin(game.code, { name: "Scunthorpe" })).status).toBe(201);
  });

  it("refuses an offensive host name at creation, unless the host turned the filter off", async () => {
    const refused = await apiJson("/api/games", { method: "POST", json: { questionCount: 1, hostName: "Shithead" } });
    expectError(refused, 422, "name_not_allowed");
    const off = await createGame({ questionCount: 1, hostName: "Shithead", nameFilter: false });
    expect(off.hostPlayerId).toBeTruthy();
  });

  it("can be turned off by the host when creating the game, and stays off after a restart", async () => {
    const game = await createGame({ questions: QUESTIONS, nameFilter: false });
    expect((await tryJoin(game.code, { name: "Shithead" })).status).toBe(201);
    await evictDurableObject(room(game.code), { webSockets: "close" });
    expect((await tryJoin(game.code, { name: "Fuckface" })).status).toBe(201);
    // Look-alikes are still one name.
    expectError(await tryJoin(game.code, { name: "SHITHEAD" }), 409, "name_taken");
    const bad = await api("/api/games", { method: "POST", body: JSON.stringify({ nameFilter: "no" }) });
    expect(bad.status).toBe(422);
  });
});
