/**
 * Every bad HTTP input the API promises to refuse, each checked for its status, its error body and for leaving the
 * game exactly as it was (the public info, the host's view, the engine's state and the stored rows).
 */
import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { LIMITS } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../unit/harness";
import {
  api,
  apiJson,
  connect,
  createGame,
  type ErrorReply,
  engineState,
  enter,
  floodUntilLimited,
  hostView,
  info,
  joinGame,
  randomIp,
  room,
  rowCounts,
  tryJoin,
} from "./client";

async function observe(code: string, hostToken: string) {
  return {
    info: (await info(code)).body,
    host: await hostView(code, hostToken),
    engine: await engineState(code),
    rows: await rowCounts(code),
  };
}

/** Runs `act` and asserts the game looks exactly as before, from the outside and the inside. */
async function expectUnchanged(game: { code: string; hostToken: string }, act: () => Promise<void>) {
  const before = await observe(game.code, game.hostToken);
  await act();
  expect(await observe(game.code, game.hostToken)).toEqual(before);
}

function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = res.body as ErrorReply;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

/** A game with two players in its lobby. */
async function lobby() {
  const game = await createGame({ questionCount: 2 });
  await joinGame(game.code, "Ada");
  await joinGame(game.code, "Bob");
  return game;
}

describe("creating a game", () => {
  it("answers 201 with a six-digit code, a host token and a join link", async () => {
    const res = await apiJson<{ code: string; hostToken: string; joinUrl: string; questionCount: number }>(
      "/api/games",
      { method: "POST" },
    );
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^\d{6}$/);
    expect(res.body.hostToken).toMatch(/^h\.[\w-]{22}$/);
    expect(res.body.questionCount).toBe(10);
    expect((await info(res.body.code)).body).toEqual({
      code: res.body.code,
      phase: "lobby",
      playerCount: 0,
      questionCount: 10,
      joinable: true,
      locked: false,
    });
  });

  it("refuses bad bodies without creating anything", async () => {
    const objects = (await listDurableObjectIds(env.GAME)).length;
    const post = (body: string) =>
      apiJson("/api/games", { method: "POST", body, headers: { "content-type": "application/json" } });

    expectError(await post("{not json"), 400, "invalid_json");
    expectError(await post('{"questionCount": 3'), 400, "invalid_json");

    const invalid = await post(
      JSON.stringify({ questionCount: 0, questionSeconds: "20", revealSeconds: 61, readSeconds: 11 }),
    );
    expectError(invalid, 422, "invalid_request");
    expect((invalid.body as ErrorReply).error.fields?.sort()).toEqual([
      "questionCount",
      "questionSeconds",
      "readSeconds",
      "revealSeconds",
    ]);

    const unknownField = await post(JSON.stringify({ questionCount: 5, colour: "red" }));
    expectError(unknownField, 422, "invalid_request");
    expect((unknownField.body as ErrorReply).error.fields).toEqual(["colour"]);

    const badQuestion = await post(
      JSON.stringify({
        questions: [
          { text: "Two?", choices: ["a", "b"], correct: 1 },
          { text: "", choices: ["a", "a"], correct: 2 },
        ],
      }),
    );
    expectError(badQuestion, 422, "invalid_request");
    expect((badQuestion.body as ErrorReply).error.fields).toEqual(
      expect.arrayContaining(["questions.1.text", "questions.1.choices"]),
    );

    const both = await post(
      JSON.stringify({ questions: [{ text: "Two?", choices: ["a", "b"], correct: 1 }], category: "science" }),
    );
    expectError(both, 422, "invalid_request");
    expect((both.body as ErrorReply).error.fields).toEqual(["questions"]);

    const category = await post(JSON.stringify({ category: "astrology" }));
    expectError(category, 422, "unknown_category");
    expect((category.body as ErrorReply).error.fields).toEqual(["category"]);

    expectError(await post(JSON.stringify({ hostName: "\u0007beep" })), 422, "invalid_request");
    expectError(await post(JSON.stringify([1, 2])), 422, "invalid_request");

    const huge = JSON.stringify({ title: "x", padding: "y".repeat(LIMITS.bodyBytes) });
    expectError(await post(huge), 413, "payload_too_large");

    expect((await listDurableObjectIds(env.GAME)).length).toBe(objects);
  });

  it("refuses to draw more bank questions than match", async () => {
    const res = await apiJson<ErrorReply>("/api/games", {
      method: "POST",
      json: { category: "science", difficulty: "hard", questionCount: 50 },
    });
    expectError(res, 422, "not_enough_questions");
    expect(res.body.error.fields).toEqual(["questionCount"]);
  });
});

describe("routes and methods", () => {
  it("answers 405 with Allow for a known path and a wrong method, and 404 for an unknown path", async () => {
    const game = await lobby();
    await expectUnchanged(game, async () => {
      for (const [method, path, allow] of [
        ["PUT", "/api/games", "POST"],
        ["GET", "/api/games", "POST"],
        ["DELETE", `/api/games/${game.code}`, "GET"],
        ["POST", `/api/games/${game.code}`, "GET"],
        ["GET", `/api/games/${game.code}/players`, "POST"],
        ["PATCH", `/api/games/${game.code}/players`, "POST"],
        ["POST", `/api/games/${game.code}/ws`, "GET"],
        ["POST", "/api/categories", "GET"],
      ] as const) {
        const res = await apiJson(path, { method });
        expectError(res, 405, "method_not_allowed");
        expect(res.headers.get("allow")).toBe(allow);
      }
      for (const path of ["/api/nothing", `/api/games/${game.code}/players/extra`, "/api/games/123/456/789"]) {
        expectError(await apiJson(path), 404, "not_found");
      }
    });
  });

  it("lists the bank's categories", async () => {
    const res = await apiJson<{ categories: { id: string; questionCount: number }[] }>("/api/categories");
    expect(res.status).toBe(200);
    expect(res.body.categories.length).toBeGreaterThanOrEqual(3);
    expect(res.body.categories.reduce((n, c) => n + c.questionCount, 0)).toBeGreaterThanOrEqual(50);
  });
});

describe("a game that does not exist", () => {
  it("is 404 game_not_found for info, join and socket, whatever the code looks like", async () => {
    for (const code of ["000000", "12345", "abcdef", "1234567"]) {
      expectError(await info(code), 404, "game_not_found");
      expectError(await tryJoin(code, { name: "Ada" }), 404, "game_not_found");
    }
    const socket = await connect("000001");
    expect(await socket.next("error")).toMatchObject({ code: "game_not_found" });
    expect((await socket.waitClosed()).code).toBe(4004);
  });
});

describe("joining", () => {
  it("trims names, gives a friendly name when none is given, and counts players", async () => {
    const game = await createGame({ questionCount: 1 });
    expect((await tryJoin(game.code, { name: "  Zoë  " })).body.name).toBe("Zoë");
    const anon = await tryJoin(game.code, {});
    expect(anon.status).toBe(201);
    expect(anon.body.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/);
    expect(anon.body.playerToken).toMatch(new RegExp(`^p\\.${anon.body.playerId}\\.[\\w-]{22}$`));
    const longest = "🦊".repeat(LIMITS.nameLength);
    expect((await tryJoin(game.code, { name: longest })).status).toBe(201);
    expect((await info(game.code)).body.playerCount).toBe(3);
  });

  it("refuses invalid names with 422 naming the field, and changes nothing", async () => {
    const game = await lobby();
    await expectUnchanged(game, async () => {
      for (const name of [
        "",
        "   ",
        "x".repeat(LIMITS.nameLength + 1),
        "bad\u0000name",
        "tab\tname",
        "\u202Eevil",
        42,
      ]) {
        const res = await tryJoin(game.code, { name });
        expectError(res, 422, "invalid_request");
        expect((res.body as ErrorReply).error.fields).toEqual(["name"]);
      }
      for (const device of ["short", "x".repeat(65), "has spaces in it!", 123]) {
        const res = await tryJoin(game.code, { name: "Cy", device });
        expectError(res, 422, "invalid_request");
        expect((res.body as ErrorReply).error.fields).toEqual(["device"]);
      }
      const extra = await tryJoin(game.code, { name: "Cy", team: "blue" });
      expectError(extra, 422, "invalid_request");
      expect((extra.body as ErrorReply).error.fields).toEqual(["team"]);
      expectError(await tryJoin(game.code, "not an object"), 422, "invalid_request");
      const res = await api(`/api/games/${game.code}/players`, {
        method: "POST",
        body: '{"name": "Cy"',
        headers: { "CF-Connecting-IP": randomIp() },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorReply).error.code).toBe("invalid_json");
      const big = await api(`/api/games/${game.code}/players`, {
        method: "POST",
        body: JSON.stringify({ name: "x".repeat(LIMITS.bodyBytes + 1) }),
        headers: { "CF-Connecting-IP": randomIp() },
      });
      expect(big.status).toBe(413);
      expect(((await big.json()) as ErrorReply).error.code).toBe("payload_too_large");
    });
  });

  it("refuses a name already taken, ignoring case and spacing (409 name_taken)", async () => {
    const game = await lobby();
    await expectUnchanged(game, async () => {
      for (const name of ["Ada", "ada", "  ADA ", "bOB"])
        expectError(await tryJoin(game.code, { name }), 409, "name_taken");
    });
  });

  it("refuses joins while the host has locked the game (423 game_locked) and allows them again after unlock", async () => {
    const game = await lobby();
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "lock" });
    await host.socket.next("locked");
    await expectUnchanged(game, async () => {
      expectError(await tryJoin(game.code, { name: "Cy" }), 423, "game_locked");
      expectError(await tryJoin(game.code, {}), 423, "game_locked");
    });
    host.socket.send({ type: "unlock" });
    await host.socket.next("locked");
    expect((await tryJoin(game.code, { name: "Cy" })).status).toBe(201);
  });

  it("refuses joins beyond the player cap (409 game_full)", async () => {
    // MAX_PLAYERS is a deployment variable read when a game is created; this game is created through the object's
    // own RPC with a cap of 2 so the test does not need 10,000 players or a second configuration.
    const code = String(900000 + Math.floor(Math.random() * 99999));
    const created = await room(code).create({
      code,
      settings: { ...DEFAULT_SETTINGS, maxPlayers: 2 },
      questions: [{ kind: "truefalse", text: "Full?", correct: true }],
      hostName: "Host",
    });
    if (!created.ok) throw new Error("code in use");
    const game = { code, hostToken: created.hostToken };
    expect((await tryJoin(code, { name: "Ada" })).status).toBe(201);
    expect((await info(code)).body).toMatchObject({ playerCount: 2, joinable: false });
    await expectUnchanged(game, async () => {
      expectError(await tryJoin(code, { name: "Bob" }), 409, "game_full");
    });
  });

  it("refuses joins once the game has finished (409 game_finished)", async () => {
    const game = await lobby();
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "end" });
    await host.socket.next("gameOver");
    await expectUnchanged(game, async () => {
      expectError(await tryJoin(game.code, { name: "Cy" }), 409, "game_finished");
    });
  });

  it("lets 600 joins a minute through from one address, refuses the next (429 with Retry-After), not others", async () => {
    const game = await lobby();
    const ip = randomIp();
    // Not a valid code: the limiter counts the attempt, then the route answers 404 without touching any game.
    // Concurrent batches keep the test quick; the limiter counts them one by one.
    const join = () => api("/api/games/x/players", { method: "POST", headers: { "CF-Connecting-IP": ip } });
    expect(await floodUntilLimited(join, 404, 100, 1000)).toBe(600);
    await expectUnchanged(game, async () => {
      expectError(await tryJoin(game.code, { name: "Cy" }, ip), 429, "rate_limited");
    });
    expect((await tryJoin(game.code, { name: "Cy" }, randomIp())).status).toBe(201);
  });
});

describe("the WebSocket endpoint", () => {
  it("answers 426 upgrade_required to a plain GET, and changes nothing", async () => {
    const game = await lobby();
    await expectUnchanged(game, async () => {
      expectError(await apiJson(`/api/games/${game.code}/ws`), 426, "upgrade_required");
      expectError(
        await apiJson(`/api/games/${game.code}/ws`, { headers: { Upgrade: "h2c" } }),
        426,
        "upgrade_required",
      );
    });
  });
});
