/**
 * A code that has no game costs nothing: looking it up, asking for its results or opening its socket writes nothing
 * to the object's storage (no tables, an empty database), and an expired game leaves nothing behind either.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, connect, createGame, enter, fakeClock, floodUntilLimited, randomIp, room, storedTables } from "./client";

afterEach(() => {
  vi.useRealTimers();
});

/** A six-digit code no test creates a game under (codes are drawn at random from 100000–999999). */
function unusedCode(): string {
  return String(100000 + Math.floor(Math.random() * 900000));
}

/**
 * What an object nobody ever asked about holds: no tables, no alarm, and an empty database (the runtime reports
 * the size of SQLite's empty first page, not 0).
 */
async function untouched() {
  return storedTables(unusedCode());
}

describe("a code with no game", () => {
  it("writes nothing when it is looked up, asked for results, joined or connected to", async () => {
    const code = unusedCode();
    const headers = { "CF-Connecting-IP": randomIp() };
    expect((await api(`/api/games/${code}`, { headers })).status).toBe(404);
    const results = await api(`/api/games/${code}/results`, {
      headers: { ...headers, Authorization: "Bearer h.abcdefghijklmnopqrstuv" },
    });
    expect(results.status).toBe(404);
    const join = await api(`/api/games/${code}/players`, { method: "POST", body: "{}", headers });
    expect(join.status).toBe(404);
    const socket = await connect(code);
    expect(await socket.next("error")).toMatchObject({ code: "game_not_found" });
    expect(await socket.waitClosed()).toMatchObject({ code: 4004 });
    expect(await storedTables(code)).toEqual(await untouched());
    expect((await untouched()).tables).toEqual([]);
  });

  it("still creates a game under a code that was looked up before", async () => {
    // The object of a code that was only looked up has no tables; creating a game there must make them.
    const game = await createGame({ questionCount: 1 });
    expect((await storedTables(game.code)).tables).toEqual(expect.arrayContaining(["answers", "game", "players"]));
  });
});

describe("an expired game", () => {
  it("deletes every table and its alarm, and leaves an empty database", async () => {
    const clock = fakeClock();
    const game = await createGame({ questionCount: 1 });
    const host = await enter(game.code, game.hostToken);
    expect((await storedTables(game.code)).alarm).not.toBeNull();
    clock.advance(2 * 3_600_000 + 1);
    expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    expect(await host.socket.waitClosed()).toMatchObject({ code: 4004 });
    const empty = await untouched();
    expect(await storedTables(game.code)).toEqual(empty);
    // Looking it up afterwards does not bring anything back.
    expect((await api(`/api/games/${game.code}`, { headers: { "CF-Connecting-IP": randomIp() } })).status).toBe(404);
    expect(await storedTables(game.code)).toEqual(empty);
  });
});

describe("looking up codes that have no game", () => {
  it("is limited per address (120 misses a minute), then refuses every lookup from it, hits included", async () => {
    const game = await createGame({ questionCount: 1 });
    const ip = randomIp();
    const headers = { "CF-Connecting-IP": ip };
    const miss = () => api(`/api/games/${unusedCode()}`, { headers });
    expect(await floodUntilLimited(miss, 404, 40, 400)).toBe(120);
    // Refused before any object is asked, so a walker cannot tell live codes from dead ones.
    const hit = await api(`/api/games/${game.code}`, { headers });
    expect(hit.status).toBe(429);
    expect(hit.headers.get("retry-after")).toMatch(/^\d+$/);
    const results = await api(`/api/games/${game.code}/results`, {
      headers: { ...headers, Authorization: `Bearer ${game.hostToken}` },
    });
    expect(results.status).toBe(429);
    const upgrade = await api(`/api/games/${game.code}/ws`, { headers: { ...headers, Upgrade: "websocket" } });
    expect(upgrade.status).toBe(429);
    expect(upgrade.webSocket).toBeNull();
    // Another address is served as before.
    expect((await api(`/api/games/${game.code}`, { headers: { "CF-Connecting-IP": randomIp() } })).status).toBe(200);
  });

  it("counts results and socket upgrades of unknown codes like lookups, and never limits a live game's", async () => {
    const game = await createGame({ questionCount: 1 });
    const ip = randomIp();
    const headers = { "CF-Connecting-IP": ip };
    // Hits never count: far more than the limit of lookups and upgrades of a live game all succeed.
    for (let i = 0; i < 3; i++) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => api(`/api/games/${game.code}`, { headers })));
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const upgrade = () => api(`/api/games/${unusedCode()}/ws`, { headers: { ...headers, Upgrade: "websocket" } });
    const results = () =>
      api(`/api/games/${unusedCode()}/results`, { headers: { ...headers, Authorization: `Bearer ${game.hostToken}` } });
    let n = 0;
    const either = () => (n++ % 2 === 0 ? upgrade() : results());
    const statuses = new Set<number>();
    const allowed = await floodUntilLimited(
      async () => {
        const res = await either();
        statuses.add(res.status);
        // A socket for a code with no game upgrades (101) and is closed 4004; results answer 404.
        return res.status === 101 ? new Response(null, { status: 404 }) : res;
      },
      404,
      20,
      400,
    );
    expect(allowed).toBe(120);
    expect([...statuses].sort()).toEqual([101, 404, 429]);
  });
});
