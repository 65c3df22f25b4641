/**
 * Hosting a game from a saved quiz (POST /api/games with quizId): the quiz is copied into the game when it is
 * created, so editing or deleting the saved quiz afterwards changes nothing a host or player of that game sees.
 */

import type { Quiz } from "@protocol/schemas";
import { describe, expect, it } from "vitest";
import { apiJson, createGame, type ErrorReply, enter, info, joinGame } from "./client";
import { deleteQuiz, expectError, putQuiz, QUIZ, saveQuiz } from "./library-client";

const IMAGE = `/api/images/${"b".repeat(64)}`;
const SAVED: Quiz = {
  title: "Planets",
  questions: [
    { kind: "choice", text: "Which planet is red?", choices: ["Venus", "Mars"], correct: 1, image: IMAGE },
    { kind: "truefalse", text: "Saturn has rings.", correct: true },
  ],
};

describe("a game hosted from a saved quiz", () => {
  it("plays the quiz as it was when the game was created, whatever happens to the saved quiz later", async () => {
    const saved = await saveQuiz(SAVED);
    const game = await createGame({ quizId: saved.id, revealSeconds: 0 });
    expect((await info(game.code)).body).toMatchObject({ title: "Planets", questionCount: 2 });
    const player = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const before = host.welcome.game;
    expect(before).toMatchObject({ title: "Planets", questionCount: 2 });

    // The author rewrites the quiz, then deletes it.
    const edit = await putQuiz(saved.id, saved.editToken, {
      version: 1,
      quiz: { title: "Moons", questions: [{ kind: "truefalse", text: "The Moon is cheese.", correct: false }] },
    });
    expect(edit.status).toBe(200);
    expect((await deleteQuiz(saved.id, saved.editToken)).status).toBe(204);

    const again = await enter(game.code, game.hostToken);
    expect(again.welcome.game).toEqual(before);
    const ada = await enter(game.code, player.playerToken);
    host.socket.send({ type: "start" });
    const first = await ada.socket.next("question");
    expect(first).toMatchObject({ index: 0, total: 2, kind: "choice", text: "Which planet is red?", image: IMAGE });
    expect([...(first.choices ?? [])].sort()).toEqual(["Mars", "Venus"]);
    ada.socket.send({ type: "answer", index: 0, choice: first.choices?.indexOf("Mars") as number });
    expect((await ada.socket.next("reveal")).you).toMatchObject({ correct: true });
    host.socket.send({ type: "next" });
    expect(await ada.socket.next("question")).toMatchObject({ index: 1, kind: "truefalse", text: "Saturn has rings." });
    for (const s of [host.socket, again.socket, ada.socket]) s.close();
  });

  it("takes the usual timing options, the lead-in and a title of its own", async () => {
    const saved = await saveQuiz(SAVED);
    const game = await createGame({
      quizId: saved.id,
      title: "Friday quiz",
      questionSeconds: 45,
      revealSeconds: 0,
      readSeconds: 4,
    });
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome.game).toMatchObject({ title: "Friday quiz", questionCount: 2, revealSeconds: 0 });
    await joinGame(game.code, "Bo");
    host.socket.send({ type: "start" });
    expect(await host.socket.next("ready")).toMatchObject({ durationMs: 45_000, readMs: 4_000 });
    host.socket.send({ type: "next" });
    expect(await host.socket.next("question")).toMatchObject({ durationMs: 45_000 });
    host.socket.close();
  });

  it("refuses quizId with questions or a bank filter (422), and an unknown quizId (404 quiz_not_found)", async () => {
    const saved = await saveQuiz(QUIZ);
    const post = (json: unknown) => apiJson<ErrorReply>("/api/games", { method: "POST", json });
    for (const extra of [{ questions: SAVED.questions }, { category: "science" }, { difficulty: "easy" }]) {
      const res = await post({ quizId: saved.id, ...extra });
      expectError(res, 422, "invalid_request");
      expect(res.body.error.fields).toEqual(["quizId"]);
    }
    expectError(await post({ quizId: "AAAAAAAAAAAA" }), 404, "quiz_not_found");
    expectError(await post({ quizId: "not a quiz id" }), 404, "quiz_not_found");
    expectError(await post({ quizId: "" }), 422, "invalid_request");
  });
});
