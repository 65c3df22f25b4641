import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { QuizQuestion } from "@protocol/schemas";
import type { ErrorBody, GameResults } from "@protocol/values";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { GameState } from "../../worker/game/state";
import { api, apiJson, createGame, enter, joinGame } from "./client";

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Largest ocean?", choices: ["Pacific", "Atlantic", "Indian"], correct: 0 },
  { kind: "type", text: "Capital of Peru?", accepted: ["Lima"] },
];

function results(code: string, token: string | null, format?: string) {
  return api(`/api/games/${code}/results${format ? `?format=${format}` : ""}`, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

/** A game with two players: question 1 played and closed, question 2 open with one answer in. */
async function gameInProgress() {
  const game = await createGame({ questions: QUESTIONS, revealSeconds: 0, title: "Oceans, capitals & more" });
  const a = await joinGame(game.code, "Ada, Jr.");
  const b = await joinGame(game.code, "Björn");
  const host = await enter(game.code, game.hostToken);
  const ada = await enter(game.code, a.playerToken);
  const bjorn = await enter(game.code, b.playerToken);
  host.socket.send({ type: "start" });
  const q = await ada.socket.next("question");
  await bjorn.socket.next("question");
  ada.socket.send({ type: "answer", index: 0, choice: q.choices?.indexOf("Pacific") as number });
  bjorn.socket.send({ type: "answer", index: 0, choice: q.choices?.indexOf("Atlantic") as number });
  await ada.socket.next("reveal");
  host.socket.send({ type: "next" });
  await ada.socket.next("question");
  await bjorn.socket.next("question");
  ada.socket.send({ type: "answer", index: 1, choice: 'lima, "the city of kings"' });
  await ada.socket.next("answered");
  return { game, a, b, host, ada, bjorn };
}

describe("GET /api/games/:code/results", () => {
  it("gives the host the results so far mid-game, leaving the open question out", async () => {
    const { game, host, ada, bjorn } = await gameInProgress();
    const res = await results(game.code, game.hostToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as GameResults;
    expect(body).toMatchObject({ code: game.code, phase: "question", questionCount: 2, questionsPlayed: 1 });
    expect(body.questions).toEqual([
      {
        index: 0,
        kind: "choice",
        text: "Largest ocean?",
        choices: expect.arrayContaining(["Pacific", "Atlantic", "Indian"]),
        correct: ["Pacific"],
        double: false,
        answered: 2,
        correctCount: 1,
      },
    ]);
    expect(body.players.map((p) => [p.rank, p.name, p.correctCount, p.answers.length])).toEqual([
      [1, "Ada, Jr.", 1, 1],
      [2, "Björn", 0, 1],
    ]);
    for (const s of [host.socket, ada.socket, bjorn.socket]) s.close();
  });

  it("serves the finished game as JSON and as a CSV a spreadsheet opens", async () => {
    const { game, host, ada, bjorn } = await gameInProgress();
    bjorn.socket.send({ type: "answer", index: 1, choice: "Cusco" });
    await ada.socket.next("reveal");
    host.socket.send({ type: "next" });
    await ada.socket.next("gameOver");

    const json = await results(game.code, game.hostToken, "json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toBe(
      `attachment; filename="trivia-edge-${game.code}-results.json"`,
    );
    const body = (await json.json()) as GameResults;
    expect(body).toMatchObject({ phase: "finished", title: "Oceans, capitals & more", questionsPlayed: 2 });
    const [first, second] = body.players;
    expect(first).toMatchObject({ rank: 1, name: "Ada, Jr.", correctCount: 1 });
    expect(first?.answers.map((x) => [x.answer, x.correct])).toEqual([
      ["Pacific", true],
      ['lima, "the city of kings"', false],
    ]);
    expect(first?.score).toBe(first?.answers.reduce((n, x) => n + x.points, 0));
    expect(first?.answers.every((x) => typeof x.responseMs === "number" && x.responseMs >= 0)).toBe(true);
    expect(second?.answers.map((x) => [x.answer, x.correct, x.points])).toEqual([
      ["Atlantic", false, 0],
      ["Cusco", false, 0],
    ]);

    const csv = await results(game.code, game.hostToken, "csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="trivia-edge-${game.code}-results.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A UTF-8 byte-order mark, so spreadsheet programs read "Björn" right (decoding strips it again).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      [
        "Rank",
        "Player",
        "Score",
        "Correct answers",
        "Question",
        "Question text",
        "Kind",
        "Answer",
        "Correct",
        "Points",
        "Response time (ms)",
      ],
      [
        "1",
        "Ada, Jr.",
        String(first?.score),
        "1",
        "1",
        "Largest ocean?",
        "choice",
        "Pacific",
        "yes",
        String(first?.answers[0]?.points),
        String(first?.answers[0]?.responseMs),
      ],
      [
        "1",
        "Ada, Jr.",
        String(first?.score),
        "1",
        "2",
        "Capital of Peru?",
        "type",
        'lima, "the city of kings"',
        "no",
        "0",
        String(first?.answers[1]?.responseMs),
      ],
      ["2", "Björn", "0", "0", "1", "Largest ocean?", "choice", "Atlantic", "no", "0", expect.any(String)],
      ["2", "Björn", "0", "0", "2", "Capital of Peru?", "type", "Cusco", "no", "0", expect.any(String)],
    ]);
    for (const s of [host.socket, ada.socket, bjorn.socket]) s.close();
  });

  it("answers 401 without a bearer token and 403 to a token that is not this game's host token", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const player = await joinGame(game.code, "Eve");
    const other = await createGame({ questions: QUESTIONS });

    const missing = await results(game.code, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="trivia-edge"');
    expect(((await missing.json()) as ErrorBody).error.code).toBe("host_token_required");

    const basic = await api(`/api/games/${game.code}/results`, { headers: { Authorization: "Basic YWRhOmFkYQ==" } });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as ErrorBody).error.code).toBe("host_token_required");

    for (const token of [player.playerToken, other.hostToken, "h.not-a-real-token"]) {
      const res = await results(game.code, token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error).toEqual({
        code: "wrong_host_token",
        message: "That token is not this game's host token.",
      });
    }
  });

  it("answers 404 for a game that does not exist and 422 for an unknown format", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const gone = await results("999999", game.hostToken);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ErrorBody).error.code).toBe("game_not_found");
    const malformed = await results("12ab", game.hostToken);
    expect(malformed.status).toBe(404);

    const xml = await apiJson<ErrorBody>(`/api/games/${game.code}/results?format=xml`, {
      headers: { Authorization: `Bearer ${game.hostToken}` },
    });
    expect(xml.status).toBe(422);
    expect(xml.body.error).toMatchObject({ code: "invalid_request", fields: ["format"] });
    const post = await api(`/api/games/${game.code}/results`, { method: "POST" });
    expect(post.status).toBe(405);
  });

  it("stays available until the finished game's data expires, then answers 404", async () => {
    const game = await createGame({ questions: QUESTIONS.slice(0, 1), revealSeconds: 0 });
    const p = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const player = await enter(game.code, p.playerToken);
    host.socket.send({ type: "start" });
    await player.socket.next("question");
    host.socket.send({ type: "end" });
    await player.socket.next("gameOver");
    expect((await results(game.code, game.hostToken)).status).toBe(200);

    // Move the finish 25 hours into the past (results are kept 24 hours) and let the alarm do its work.
    const stub = env.GAME.get(env.GAME.idFromName(game.code));
    await runInDurableObject(stub, (instance) => {
      const state = (instance as unknown as { game: GameState }).game;
      state.clock.finishedAt = (state.clock.finishedAt ?? Date.now()) - 25 * 3_600_000;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const expired = await results(game.code, game.hostToken);
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as ErrorBody).error.code).toBe("game_not_found");
  });
});

describe("the results of a game bigger than one page of players", () => {
  it("come out whole and in standings order, as JSON and as CSV, read a page at a time", async () => {
    // 600 players: more than two pages (250 each). Cy answers right (first), Dee wrong and joins last (last).
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
    const cy = await joinGame(game.code, "Cy");
    for (let i = 0; i < 597; i++) await joinGame(game.code, `Player ${i}`);
    const bob = await joinGame(game.code, "Bob");
    const dee = await joinGame(game.code, "Dee");
    const host = await enter(game.code, game.hostToken);
    const c = await enter(game.code, cy.playerToken);
    const d = await enter(game.code, dee.playerToken);
    host.socket.send({ type: "start" });
    const q = await c.socket.next("question");
    c.socket.send({ type: "answer", index: 0, choice: q.choices?.indexOf("Pacific") as number });
    await c.socket.next("answered");
    d.socket.send({ type: "answer", index: 0, choice: q.choices?.indexOf("Indian") as number });
    await d.socket.next("answered");
    host.socket.send({ type: "next" });
    await host.socket.next("reveal");

    const body = (await (await results(game.code, game.hostToken)).json()) as GameResults;
    expect(body.players).toHaveLength(600);
    expect(body.questions[0]).toMatchObject({ answered: 2, correctCount: 1 });
    expect(body.players[0]).toMatchObject({ rank: 1, name: "Cy", correctCount: 1 });
    expect(body.players[0]?.answers[0]).toMatchObject({ answered: true, answer: "Pacific", correct: true });
    // Everyone else shares rank 2, in joining order: Bob on the third page, Dee last with her answer.
    expect(body.players.slice(1).every((p) => p.rank === 2)).toBe(true);
    expect(body.players.map((p) => p.name).slice(-2)).toEqual(["Bob", "Dee"]);
    expect(body.players[599]?.answers[0]).toMatchObject({ answered: true, answer: "Indian", correct: false });
    expect(body.players[598]?.answers[0]).toMatchObject({ answered: false, answer: null });
    expect(new Set(body.players.map((p) => p.playerId)).size).toBe(600);
    expect(bob.playerId).toBe(body.players[598]?.playerId);

    const csv = await (await results(game.code, game.hostToken, "csv")).text();
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(601);
    expect(rows.slice(1).map((r) => r[1])).toEqual(body.players.map((p) => p.name));
    expect(rows[600]?.slice(7, 9)).toEqual(["Indian", "no"]);
  });
});
