import type { ImportQuizResponse, QuizQuestion } from "@protocol/schemas";
import type { CategoryInfo, ErrorBody } from "@protocol/values";
import { describe, expect, it } from "vitest";
import opentdbSample from "../../docs/samples/opentdb.json";
import sampleQuiz from "../../docs/samples/quiz.json";
import { BANK } from "../../worker/bank";
import { csvTemplate } from "../../worker/quiz/template";
import { apiJson, createGame, enter, joinGame, type TestSocket } from "./client";

const MIXED: QuizQuestion[] = [
  { kind: "choice", text: "Which planet is red?", choices: ["Venus", "Mars", "Jupiter"], correct: 1 },
  { kind: "truefalse", text: "Water boils at 100 °C at sea level.", correct: true, explanation: "At 1 atm." },
  { kind: "multi", text: "Which are prime?", choices: ["2", "4", "5"], correct: [0, 2], double: true, seconds: 30 },
  { kind: "type", text: "Which band made Abbey Road?", accepted: ["The Beatles"] },
  { kind: "poll", text: "Tea or coffee?", choices: ["Tea", "Coffee"] },
];

async function question(socket: TestSocket) {
  return socket.next("question");
}

describe("a game mixing all five question kinds over WebSockets", () => {
  it("reveals each kind's answer, scores it by its rule and keeps the streak through a poll", async () => {
    const game = await createGame({ questions: MIXED, revealSeconds: 0, title: "Mixed kinds" });
    const [a, b] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
    const host = await enter(game.code, game.hostToken);
    const ada = await enter(game.code, a.playerToken);
    const bob = await enter(game.code, b.playerToken);
    host.socket.send({ type: "start" });
    const points = { ada: 0, bob: 0 };

    // 1. choice: Ada right, Bob wrong.
    let q = await question(ada.socket);
    await question(bob.socket);
    expect(q).toMatchObject({ index: 0, total: 5, kind: "choice", double: false });
    expect([...(q.choices ?? [])].sort()).toEqual(["Jupiter", "Mars", "Venus"]);
    expect(q).not.toHaveProperty("correct");
    const mars = q.choices?.indexOf("Mars") as number;
    const venus = q.choices?.indexOf("Venus") as number;
    ada.socket.send({ type: "answer", index: 0, choice: mars });
    bob.socket.send({ type: "answer", index: 0, choice: venus });
    let ra = await ada.socket.next("reveal");
    let rb = await bob.socket.next("reveal");
    expect(ra.correct).toEqual({ choices: [mars] });
    expect(ra.counts[mars]).toBe(1);
    expect(ra.counts[venus]).toBe(1);
    expect(ra.you).toMatchObject({ answered: true, correct: true, streak: 1 });
    expect(ra.you?.points).toBeGreaterThanOrEqual(500);
    expect(rb.you).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    points.ada += ra.you?.points ?? 0;
    host.socket.send({ type: "next" });

    // 2. truefalse: both right; Ada's second in a row earns the +100 streak bonus.
    q = await question(ada.socket);
    await question(bob.socket);
    expect(q).toMatchObject({ index: 1, kind: "truefalse", choices: ["True", "False"] });
    ada.socket.send({ type: "answer", index: 1, choice: 0 });
    bob.socket.send({ type: "answer", index: 1, choice: 0 });
    ra = await ada.socket.next("reveal");
    rb = await bob.socket.next("reveal");
    expect(ra).toMatchObject({ correct: { choices: [0] }, counts: [2, 0], explanation: "At 1 atm." });
    expect(ra.you).toMatchObject({ correct: true, streak: 2 });
    expect(ra.you?.points).toBeGreaterThanOrEqual(600);
    expect(rb.you).toMatchObject({ correct: true, streak: 1 });
    points.ada += ra.you?.points ?? 0;
    points.bob += rb.you?.points ?? 0;
    host.socket.send({ type: "next" });

    // 3. multi, double points: only the exact set counts; a correct subset earns nothing.
    q = await question(ada.socket);
    await question(bob.socket);
    expect(q).toMatchObject({ index: 2, kind: "multi", double: true, durationMs: 30_000 });
    const [two, four, five] = ["2", "4", "5"].map((t) => q.choices?.indexOf(t) as number);
    ada.socket.send({ type: "answer", index: 2, choice: [five as number, two as number] });
    bob.socket.send({ type: "answer", index: 2, choice: [two as number] });
    ra = await ada.socket.next("reveal");
    rb = await bob.socket.next("reveal");
    expect([...ra.correct.choices].sort()).toEqual([two, five].sort());
    expect(ra.counts[two as number]).toBe(2);
    expect(ra.counts[four as number]).toBe(0);
    expect(ra.counts[five as number]).toBe(1);
    expect(ra.you).toMatchObject({ correct: true, streak: 3 });
    // Double base points (at least 2 × 500) plus the third-in-a-row bonus (+200).
    expect(ra.you?.points).toBeGreaterThanOrEqual(1200);
    expect(rb.you).toMatchObject({ correct: false, points: 0, streak: 0 });
    points.ada += ra.you?.points ?? 0;
    host.socket.send({ type: "next" });

    // 4. type: case, spacing, accents and a leading article are ignored; the accepted answer is revealed.
    q = await question(ada.socket);
    await question(bob.socket);
    expect(q).toMatchObject({ index: 3, kind: "type" });
    expect(q).not.toHaveProperty("choices");
    ada.socket.send({ type: "answer", index: 3, choice: "  the   BEATLES " });
    bob.socket.send({ type: "answer", index: 3, choice: "Béatles" });
    ra = await ada.socket.next("reveal");
    rb = await bob.socket.next("reveal");
    expect(ra.correct).toEqual({ choices: [], accepted: ["The Beatles"] });
    expect(ra.correctCount).toBe(2);
    expect(ra.typed?.reduce((n, t) => n + t.count, 0)).toBe(2);
    expect(ra.typed?.every((t) => t.correct)).toBe(true);
    expect(ra.you).toMatchObject({ correct: true, streak: 4 });
    expect(rb.you).toMatchObject({ correct: true, streak: 1 });
    points.ada += ra.you?.points ?? 0;
    points.bob += rb.you?.points ?? 0;
    host.socket.send({ type: "next" });

    // 5. poll: no right answer, no points, streaks untouched; the reveal shows the distribution.
    q = await question(ada.socket);
    await question(bob.socket);
    expect(q).toMatchObject({ index: 4, kind: "poll" });
    const tea = q.choices?.indexOf("Tea") as number;
    const coffee = q.choices?.indexOf("Coffee") as number;
    ada.socket.send({ type: "answer", index: 4, choice: tea });
    bob.socket.send({ type: "answer", index: 4, choice: coffee });
    ra = await ada.socket.next("reveal");
    rb = await bob.socket.next("reveal");
    expect(ra.correct).toEqual({ choices: [] });
    expect(ra.counts[tea]).toBe(1);
    expect(ra.counts[coffee]).toBe(1);
    expect(ra.correctCount).toBe(0);
    expect(ra.isLast).toBe(true);
    expect(ra.you).toMatchObject({ answered: true, correct: false, points: 0, streak: 4, score: points.ada });
    expect(rb.you).toMatchObject({ answered: true, correct: false, points: 0, streak: 1, score: points.bob });
    host.socket.send({ type: "next" });

    const overA = await ada.socket.next("gameOver");
    const overB = await bob.socket.next("gameOver");
    expect(overA.you).toEqual({ rank: 1, score: points.ada });
    expect(overB.you).toEqual({ rank: 2, score: points.bob });
    expect(overA.leaderboard.map((e) => [e.name, e.score])).toEqual([
      ["Ada", points.ada],
      ["Bob", points.bob],
    ]);
    for (const s of [host.socket, ada.socket, bob.socket]) s.close();
  });
});

describe("hosting from the built-in bank by category", () => {
  it("draws every question from the chosen category, without repeats", async () => {
    const { body } = await apiJson<{ categories: CategoryInfo[] }>("/api/categories");
    expect(body.categories.length).toBeGreaterThanOrEqual(12);
    const science = body.categories.find((c) => c.id === "science");
    expect(science?.questionCount).toBeGreaterThanOrEqual(10);

    const game = await createGame({ category: "science", questionCount: 8, revealSeconds: 0 });
    const p = await joinGame(game.code, "Curie");
    const host = await enter(game.code, game.hostToken);
    const player = await enter(game.code, p.playerToken);
    host.socket.send({ type: "start" });
    const bankTexts = new Set(BANK.find((c) => c.category === "science")?.questions.map((q) => q.text));
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      const q = await player.socket.next("question");
      expect(q).toMatchObject({ index: i, total: 8, category: "science" });
      expect(bankTexts.has(q.text)).toBe(true);
      seen.push(q.text);
      player.socket.send({ type: "answer", index: i, choice: 0 });
      await player.socket.next("reveal");
      host.socket.send({ type: "next" });
    }
    expect(new Set(seen).size).toBe(8);
    await player.socket.next("gameOver");
    host.socket.close();
    player.socket.close();
  });

  it("filters by difficulty too, and refuses an unknown category or too many questions", async () => {
    const pool = BANK.find((c) => c.category === "history")?.questions.filter((q) => q.difficulty === "hard") ?? [];
    const game = await createGame({ category: "history", difficulty: "hard", questionCount: 3, revealSeconds: 0 });
    const p = await joinGame(game.code);
    const host = await enter(game.code, game.hostToken);
    const player = await enter(game.code, p.playerToken);
    host.socket.send({ type: "start" });
    const q = await player.socket.next("question");
    expect(pool.map((x) => x.text)).toContain(q.text);
    host.socket.close();
    player.socket.close();

    const unknown = await apiJson<ErrorBody>("/api/games", { method: "POST", json: { category: "astrology" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "unknown_category", fields: ["category"] });
    const tooMany = await apiJson<ErrorBody>("/api/games", {
      method: "POST",
      json: { category: "history", difficulty: "hard", questionCount: pool.length + 1 },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe("not_enough_questions");
  });
});

describe("hosting an imported quiz", () => {
  const files = [
    { format: "json", content: JSON.stringify(sampleQuiz) },
    { format: "csv", content: csvTemplate() },
    { format: "opentdb", content: JSON.stringify(opentdbSample) },
  ];
  for (const file of files) {
    it(`plays a quiz imported from ${file.format}`, async () => {
      const imported = await apiJson<ImportQuizResponse>("/api/quizzes/import", { method: "POST", json: file });
      expect(imported.status).toBe(200);
      const { quiz } = imported.body;
      const game = await createGame({ questions: quiz.questions, title: quiz.title, revealSeconds: 0 });
      const info = await apiJson(`/api/games/${game.code}`);
      expect(info.body).toMatchObject({ questionCount: quiz.questions.length, title: quiz.title });
      const p = await joinGame(game.code);
      const host = await enter(game.code, game.hostToken);
      const player = await enter(game.code, p.playerToken);
      host.socket.send({ type: "start" });
      const q = await player.socket.next("question");
      expect(q).toMatchObject({ index: 0, kind: quiz.questions[0]?.kind, text: quiz.questions[0]?.text });
      host.socket.close();
      player.socket.close();
    });
  }
});
