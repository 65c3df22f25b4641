/**
 * Moderation over the real API and sockets: hiding a name or a typed answer from the big screen, the host's player
 * list on request, and a kick that keeps the seat's device out of the game, through evictions and old storage.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import { CLOSE_CODES, HIDDEN_NAME, LIMITS } from "@protocol/values";
import { describe, expect, it } from "vitest";
import type { GameRoom } from "../../worker/game/room";
import { GameStore } from "../../worker/game/store";
import {
  api,
  calm,
  createGame,
  engineState,
  enter,
  evictAndCompare,
  info,
  joinGame,
  room,
  rowCounts,
  tryJoin,
} from "./client";

const DEVICE = "kept-in-local-storage-0001";

const QUESTIONS: QuizQuestion[] = [
  { kind: "type", text: "Capital of France?", accepted: ["Paris"] },
  { kind: "choice", text: "Two?", choices: ["right", "wrong"], correct: 0 },
];

async function results(code: string, hostToken: string) {
  const res = await api(`/api/games/${code}/results`, { headers: { Authorization: `Bearer ${hostToken}` } });
  return (await res.json()) as { players: { name: string; answers: { answer: string | null }[] }[] };
}

describe("hiding a name", () => {
  it("takes it off the players' lobby and standings; the host's seats keep it, marked hidden", async () => {
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
    const [ada, rude] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Rude Name")];
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    const r = await enter(game.code, rude.playerToken);
    await calm(game.code, [host.socket, a.socket, r.socket]);

    host.socket.send({ type: "hideName", playerId: rude.playerId });
    expect(await host.socket.next("moderation")).toEqual({
      type: "moderation",
      hiddenPlayers: [rude.playerId],
      hiddenAnswers: [],
    });
    const lobby = await a.socket.next("lobby", 5000, (m) => !(m.recent ?? []).includes("Rude Name"));
    expect(lobby.recent).toEqual(["Ada"]);
    expect(a.socket.all("moderation")).toEqual([]);

    // A reconnecting phone and the host's screen agree with what was sent live.
    const again = await enter(game.code, ada.playerToken);
    expect(again.welcome.game.lobby.recent).toEqual(["Ada"]);
    expect(again.welcome.game.moderation).toBeUndefined();
    const hostAgain = await enter(game.code, game.hostToken);
    expect(hostAgain.welcome.game.moderation).toEqual({ hiddenPlayers: [rude.playerId], hiddenAnswers: [] });
    expect(hostAgain.welcome.game.lobby.players?.map((p) => p.name)).toEqual(["Ada", "Rude Name"]);
    await evictAndCompare(game.code);

    // The hidden player plays on, and tops the standings as the placeholder for everyone but the host.
    host.socket.send({ type: "start" });
    await r.socket.next("question");
    r.socket.send({ type: "answer", index: 0, choice: "Paris" });
    await r.socket.next("answered");
    a.socket.send({ type: "answer", index: 0, choice: "Lyon" });
    await a.socket.next("reveal");
    host.socket.send({ type: "end" });
    const over = await a.socket.next("gameOver");
    expect(over.podium.map((e) => e.name)).toEqual([HIDDEN_NAME]);
    expect((await r.socket.next("gameOver")).you).toMatchObject({ rank: 1 });
    expect((await host.socket.next("gameOver")).podium.map((e) => e.name)).toEqual(["Rude Name"]);
    expect((await results(game.code, game.hostToken)).players.map((p) => p.name)).toEqual(["Rude Name", "Ada"]);
    for (const s of [again.socket, hostAgain.socket]) s.close();
  });

  it("refuses an unknown player, and players asking for it", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const ada = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.playerToken);
    const before = await engineState(game.code);
    host.socket.send({ type: "hideName", playerId: "nobody-at-all" });
    await host.socket.nextError("player_not_found");
    a.socket.send({ type: "hideName", playerId: ada.playerId });
    await a.socket.nextError("not_host");
    expect(await engineState(game.code)).toEqual(before);
  });
});

describe("hiding a typed answer", () => {
  it("hides it on the reveal for the players' copy, keeps it for the host and in the results", async () => {
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
    const players = await Promise.all(["Ada", "Bob"].map((n) => joinGame(game.code, n)));
    const host = await enter(game.code, game.hostToken);
    const [a, b] = await Promise.all(players.map((p) => enter(game.code, p.playerToken)));
    if (!a || !b) throw new Error("players");
    host.socket.send({ type: "start" });
    await a.socket.next("question");
    a.socket.send({ type: "answer", index: 0, choice: "Paris" });
    await a.socket.next("answered");
    b.socket.send({ type: "answer", index: 0, choice: "Something Rude" });
    const reveal = await host.socket.next("reveal");
    expect(reveal.typed?.map((t) => t.text)).toEqual(["Paris", "Something Rude"]);

    host.socket.send({ type: "hideAnswer", index: 0, text: "Lyon" });
    await host.socket.nextError("answer_not_found");
    host.socket.send({ type: "hideAnswer", index: 0, text: "something rude" });
    expect(await host.socket.next("moderation")).toMatchObject({
      hiddenAnswers: [{ index: 0, text: "Something Rude" }],
    });
    await evictAndCompare(game.code);
    const phone = await enter(game.code, players[1]?.playerToken ?? "");
    expect(phone.welcome.game.reveal?.typed?.map((t) => t.text)).toEqual(["Paris"]);
    const screen = await enter(game.code, game.hostToken);
    expect(screen.welcome.game.reveal?.typed?.map((t) => t.text)).toEqual(["Paris", "Something Rude"]);
    expect(screen.welcome.game.moderation?.hiddenAnswers).toEqual([{ index: 0, text: "Something Rude" }]);
    const answers = (await results(game.code, game.hostToken)).players.flatMap((p) => p.answers.map((x) => x.answer));
    expect(answers.sort()).toEqual(["Paris", "Something Rude"]);
    for (const s of [phone.socket, screen.socket]) s.close();
  });
});

describe("the player list", () => {
  it("comes whole on request to the host's seats, while the live lobby carries only the newest players", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const count = LIMITS.lobbyHostNames + 5;
    // The first five one by one (they are the oldest), the rest in batches.
    const joined = [];
    for (let i = 0; i < 5; i++) joined.push(await joinGame(game.code, `Player ${i + 1}`));
    for (let i = 5; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, (_, k) =>
        joinGame(game.code, `Player ${i + k + 1}`),
      );
      joined.push(...(await Promise.all(batch)));
    }
    const host = await enter(game.code, game.hostToken);
    const lobby = host.welcome.game.lobby;
    expect(lobby.playerCount).toBe(count);
    expect(lobby.players).toHaveLength(LIMITS.lobbyHostNames);
    const names = new Set(lobby.players?.map((p) => p.name));
    for (let i = 1; i <= 5; i++) expect(names.has(`Player ${i}`)).toBe(false);

    host.socket.send({ type: "hideName", playerId: joined[0]?.playerId ?? "" });
    await host.socket.next("moderation");
    host.socket.send({ type: "players" });
    const list = await host.socket.next("players");
    expect(list.players).toHaveLength(count);
    expect(list.players[0]).toEqual({
      id: joined[0]?.playerId,
      name: "Player 1",
      score: 0,
      connected: false,
      rank: 1,
      hidden: true,
    });
    expect(list.players.filter((p) => p.hidden)).toHaveLength(1);

    const ada = await enter(game.code, joined[1]?.playerToken ?? "");
    ada.socket.send({ type: "players" });
    await ada.socket.nextError("not_host");
    expect(ada.socket.all("players")).toEqual([]);
  });
});

describe("a kick", () => {
  it("bans the seat's device: it cannot join again under any name, even after the game is rebuilt", async () => {
    const game = await createGame({ questions: QUESTIONS });
    const ada = await tryJoin(game.code, { name: "Ada", device: DEVICE });
    expect(ada.status).toBe(201);
    const host = await enter(game.code, game.hostToken);
    const a = await enter(game.code, ada.body.playerToken);
    host.socket.send({ type: "start" });
    await a.socket.next("question");

    host.socket.send({ type: "kick", playerId: ada.body.playerId });
    expect((await a.socket.nextError("kicked")).message).toMatch(/removed you/);
    expect((await a.socket.waitClosed()).code).toBe(CLOSE_CODES.kicked);

    const before = { rows: await rowCounts(game.code), info: (await info(game.code)).body };
    for (const name of ["Ada", "Innocent Newcomer", undefined]) {
      const back = await tryJoin(game.code, { ...(name ? { name } : {}), device: DEVICE });
      expect(back.status).toBe(403);
      expect(back.body.error?.code).toBe("device_banned");
      expect(back.body.error?.message).toMatch(/removed this device/);
    }
    expect({ rows: await rowCounts(game.code), info: (await info(game.code)).body }).toEqual(before);

    await evictDurableObject(room(game.code));
    expect((await tryJoin(game.code, { name: "Later", device: DEVICE })).body.error?.code).toBe("device_banned");
    // Another device, or a client that sends none, still joins (the name is free again too).
    expect((await tryJoin(game.code, { name: "Ada", device: "another-device-000000" })).status).toBe(201);
    expect((await tryJoin(game.code, { name: "No Device" })).status).toBe(201);
    const cy = await enter(game.code, (await joinGame(game.code, "Cy")).playerToken);
    expect(cy.welcome.game.phase).toBe("question");
    cy.socket.send({ type: "answer", index: 0, choice: "Paris" });
    expect(await cy.socket.next("answered")).toMatchObject({ choice: "Paris" });
  });
});

describe("a game stored before moderation existed", () => {
  it("gets the new columns on wake and plays on", async () => {
    const game = await createGame({ questions: QUESTIONS });
    await joinGame(game.code, "Ada");
    // Put the players table back as it was before devices and hiding.
    await runInDurableObject(room(game.code), (_instance: GameRoom, state) => {
      const sql = state.storage.sql;
      sql.exec(
        "CREATE TABLE players_old (id TEXT PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT, joined_at INTEGER NOT NULL, first_question INTEGER NOT NULL, kicked INTEGER NOT NULL DEFAULT 0)",
      );
      sql.exec("INSERT INTO players_old SELECT id, name, token_hash, joined_at, first_question, kicked FROM players");
      sql.exec("DROP TABLE players");
      sql.exec("ALTER TABLE players_old RENAME TO players");
    });
    await evictDurableObject(room(game.code));
    const columns = await runInDurableObject(room(game.code), (_instance: GameRoom, state) =>
      state.storage.sql
        .exec<{ name: string }>("SELECT name FROM pragma_table_info('players')")
        .toArray()
        .map((c) => c.name),
    );
    expect(columns).toEqual(expect.arrayContaining(["device", "hidden", "team"]));
    const bob = await tryJoin(game.code, { name: "Bob", device: DEVICE });
    expect(bob.status).toBe(201);
    const host = await enter(game.code, game.hostToken);
    host.socket.send({ type: "kick", playerId: bob.body.playerId });
    await host.socket.next("lobby", 5000, (m) => m.playerCount === 1);
    expect((await tryJoin(game.code, { name: "Bob", device: DEVICE })).status).toBe(403);
    // Running the schema again is harmless.
    await runInDurableObject(room(game.code), (_instance: GameRoom, state) => new GameStore(state.storage.sql));
  });
});
