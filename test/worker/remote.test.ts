/**
 * A phone paired as the host's remote: the pairing code is asked for by the host's screen only, lives a minute, pairs
 * one phone once and dies when replaced or cancelled; the remote gets a token of its own (never the host's), controls
 * the game and moderates, and once revoked its sockets close with 4005 and its token is dead for good.
 */
import { evictDurableObject } from "cloudflare:test";
import { CLOSE_CODES, PAIRING_TTL_MS } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, connect, createGame, engineState, enter, fakeClock, joinGame, room, tryPair } from "./client";

afterEach(() => {
  vi.useRealTimers();
});

async function gameWithHost() {
  const game = await createGame({ questionCount: 3, revealSeconds: 0 });
  const ada = await joinGame(game.code, "Ada");
  const host = await enter(game.code, game.hostToken);
  return { game, ada, host };
}

async function pairingCode(host: Awaited<ReturnType<typeof enter>>) {
  host.socket.send({ type: "pair" });
  return (await host.socket.next("pairing")).pairingCode;
}

describe("pairing a remote", () => {
  it("exchanges a code once for a seat of its own that controls the game and moderates", async () => {
    const { game, ada, host } = await gameWithHost();
    const code = await pairingCode(host);
    expect(code).toMatch(/^[\w-]{22}$/);
    expect(host.socket.all("pairing")[0]?.expiresAt).toBe((host.socket.all("pairing")[0]?.serverTime ?? 0) + 60_000);

    const paired = await tryPair(game.code, { pairingCode: code, label: "iPhone · Safari" });
    expect(paired.status).toBe(201);
    expect(paired.body).toMatchObject({ label: "iPhone · Safari" });
    expect(paired.body.remoteToken).toMatch(new RegExp(`^r\\.${paired.body.remoteId}\\.[\\w-]{22}$`));
    expect(paired.body.remoteToken).not.toBe(game.hostToken);
    expect(await host.socket.next("paired")).toEqual({
      type: "paired",
      remote: { id: paired.body.remoteId, label: "iPhone · Safari", pairedAt: expect.any(Number), connected: false },
    });

    // Single use: a second phone with the same code gets nothing.
    const again = await tryPair(game.code, { pairingCode: code });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("pairing_used");

    const remote = await enter(game.code, paired.body.remoteToken);
    expect(remote.welcome).toMatchObject({ role: "remote", playerId: null, name: "iPhone · Safari", you: null });
    expect(remote.welcome.game.lobby.players?.map((p) => p.name)).toEqual(["Ada"]);
    expect(remote.welcome.game.remotes).toEqual([
      { id: paired.body.remoteId, label: "iPhone · Safari", pairedAt: expect.any(Number), connected: true },
    ]);
    expect((await host.socket.next("remotes", 5000, (m) => m.remotes[0]?.connected === true)).remotes).toHaveLength(1);

    // It drives the game like the host, and gets what the host's seats get.
    const a = await enter(game.code, ada.playerToken);
    remote.socket.send({ type: "lock" });
    expect(await a.socket.next("locked")).toEqual({ type: "locked", locked: true });
    remote.socket.send({ type: "start" });
    await a.socket.next("question");
    expect(await remote.socket.next("progress")).toMatchObject({ index: 0 });
    remote.socket.send({ type: "players" });
    expect((await remote.socket.next("players")).players.map((p) => p.name)).toEqual(["Ada"]);
    remote.socket.send({ type: "hideName", playerId: ada.playerId });
    expect(await host.socket.next("moderation")).toMatchObject({ hiddenPlayers: [ada.playerId] });
    remote.socket.send({ type: "next" });
    expect(await remote.socket.next("reveal")).toMatchObject({ index: 0 });

    // But it cannot hand out more remotes, revoke any, or read the results (the host token's alone).
    const before = await engineState(game.code);
    remote.socket.send({ type: "pair" });
    await remote.socket.nextError("remote_not_allowed");
    remote.socket.send({ type: "revokeRemote", remoteId: paired.body.remoteId });
    await remote.socket.nextError("remote_not_allowed");
    expect(await engineState(game.code)).toEqual(before);
    const results = await api(`/api/games/${game.code}/results`, {
      headers: { Authorization: `Bearer ${paired.body.remoteToken}` },
    });
    expect(results.status).toBe(403);

    // Players cannot pair either.
    a.socket.send({ type: "pair" });
    await a.socket.nextError("not_host");
    remote.socket.close();
  });

  it("lets a code live one minute, and only the newest code live at all", async () => {
    const clock = fakeClock();
    const { game, host } = await gameWithHost();
    const first = await pairingCode(host);
    const second = await pairingCode(host);
    const old = await tryPair(game.code, { pairingCode: first });
    expect(old.status).toBe(403);
    expect(old.body.error?.code).toBe("pairing_invalid");

    clock.advance(PAIRING_TTL_MS);
    const late = await tryPair(game.code, { pairingCode: second });
    expect(late.status).toBe(410);
    expect(late.body.error?.code).toBe("pairing_expired");
    expect(late.body.error?.message).toMatch(/expired/);

    // A fresh code after eviction: stored, so it survives the object's rebuild; a minute less a moment is fine.
    const third = await pairingCode(host);
    await evictDurableObject(room(game.code));
    clock.advance(PAIRING_TTL_MS - 1);
    expect((await tryPair(game.code, { pairingCode: third })).status).toBe(201);

    // Closing the QR kills its code at once.
    const fourth = await pairingCode(host);
    host.socket.send({ type: "cancelPairing" });
    await host.socket.sync();
    expect((await tryPair(game.code, { pairingCode: fourth })).body.error?.code).toBe("pairing_invalid");

    const bad = await tryPair(game.code, { pairingCode: "" });
    expect(bad.status).toBe(422);
    expect((await tryPair("999999", { pairingCode: fourth })).status).toBe(404);
  });
});

describe("revoking a remote", () => {
  it("closes its sockets with 4005 and kills its token for good, even after a rebuild", async () => {
    const { game, host } = await gameWithHost();
    const paired = await tryPair(game.code, { pairingCode: await pairingCode(host) });
    const remote = await enter(game.code, paired.body.remoteToken);
    const second = await enter(game.code, paired.body.remoteToken);
    await host.socket.next("remotes", 5000, (m) => m.remotes[0]?.connected === true);

    host.socket.send({ type: "revokeRemote", remoteId: "not-a-remote" });
    await host.socket.nextError("remote_not_found");
    host.socket.send({ type: "revokeRemote", remoteId: paired.body.remoteId });
    for (const r of [remote, second]) {
      expect((await r.socket.nextError("remote_revoked")).message).toMatch(/revoked/);
      expect((await r.socket.waitClosed()).code).toBe(CLOSE_CODES.remoteRevoked);
    }
    expect((await host.socket.next("remotes", 5000, (m) => m.remotes.length === 0)).remotes).toEqual([]);

    await evictDurableObject(room(game.code));
    const back = await connect(game.code);
    back.send({ type: "hello", token: paired.body.remoteToken });
    await back.nextError("remote_revoked");
    expect((await back.waitClosed()).code).toBe(CLOSE_CODES.remoteRevoked);
    expect((await enter(game.code, game.hostToken)).welcome.game.remotes).toBeUndefined();
  });
});
