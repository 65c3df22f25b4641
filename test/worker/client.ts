/**
 * Test helpers that drive the real worker through its own fetch handler: HTTP calls, and WebSocket clients that
 * collect every message so tests can wait for the next one of a given type.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { ClientMessage } from "@protocol/schemas";
import type { ErrorCode, GameInfo, ServerMessage, ServerMessageOf, ServerMessageType } from "@protocol/values";
import { expect, vi } from "vitest";
import type { GameRoom } from "../../worker/game/room";
import type { GameState } from "../../worker/game/state";
import { structural } from "../unit/harness";

const ORIGIN = "https://trivia.test";

export async function api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    }),
  );
}

export async function apiJson<T = Record<string, unknown>>(path: string, init: RequestInit & { json?: unknown } = {}) {
  const res = await api(path, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export type ErrorReply = { error: { code: ErrorCode; message: string; fields?: string[] } };

/**
 * A made-up client address. Joins are rate-limited per address and the limiter's counts outlive a test, so each
 * test's joins come from addresses of their own unless the test is about the limit.
 */
export function randomIp(): string {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
}

/**
 * Sends requests from one address, in batches of `batch` at once, until the rate limiter refuses one; every answer
 * before that must have `allowedStatus`. Limits are counted in one-minute windows aligned to the wall clock, so the
 * flood waits for a fresh window when the current one is nearly over and the count comes out exact.
 */
export async function floodUntilLimited(
  send: () => Promise<Response>,
  allowedStatus: number,
  batch: number,
  max: number,
) {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
  let allowed = 0;
  let refused: Response | null = null;
  for (let sent = 0; sent < max && !refused; sent += batch) {
    for (const res of await Promise.all(Array.from({ length: batch }, send))) {
      if (res.status === 429) refused ??= res;
      else {
        expect(res.status).toBe(allowedStatus);
        allowed++;
      }
    }
  }
  if (!refused) throw new Error(`no 429 after ${allowed} requests from one address`);
  expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(((await refused.json()) as ErrorReply).error.code).toBe("rate_limited");
  return allowed;
}

export class TestSocket {
  readonly messages: ServerMessage[] = [];
  /** Every frame as received, to check what never goes over the wire. */
  readonly raw: string[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const text = String(e.data);
      this.raw.push(text);
      // The runtime's keep-alive reply "pong" is the one frame that is not JSON.
      if (text !== "pong") this.messages.push(JSON.parse(text) as ServerMessage);
      this.wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves on the next message or close, or after `ms`. Uses performance.now(): tests fake Date. */
  private wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  send(message: ClientMessage | Record<string, unknown> | string) {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Waits for the next message of `type` after the ones already consumed, skipping others. */
  async next<T extends ServerMessageType>(
    type: T,
    timeoutMs = 5000,
    where: (m: ServerMessageOf<T>) => boolean = () => true,
  ): Promise<ServerMessageOf<T>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.messages.length) {
        const m = this.messages[this.cursor++] as ServerMessage;
        if (m.type === type && where(m as ServerMessageOf<T>)) return m as ServerMessageOf<T>;
      }
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting for ${type}`);
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${type}; got ${this.messages.map((m) => m.type).join(",")}`);
      await this.wait(left);
    }
  }

  /** The next message whatever its type (for checks that nothing else came first). */
  async nextMessage(timeoutMs = 5000): Promise<ServerMessage> {
    const deadline = performance.now() + timeoutMs;
    while (this.cursor >= this.messages.length) {
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error("timed out waiting for a message");
      await this.wait(left);
    }
    return this.messages[this.cursor++] as ServerMessage;
  }

  /** Waits for the next `error`, which must carry `code`. */
  async nextError(code: ErrorCode): Promise<ServerMessageOf<"error">> {
    const e = await this.next("error");
    if (e.code !== code) throw new Error(`expected error ${code}, got ${e.code}: ${e.message}`);
    return e;
  }

  /** Messages of `type` received so far (consumed or not). */
  all<T extends ServerMessageType>(type: T): ServerMessageOf<T>[] {
    return this.messages.filter((m) => m.type === type) as ServerMessageOf<T>[];
  }

  /** Marks everything received so far as consumed and returns what had not been. */
  drain(): ServerMessage[] {
    const rest = this.messages.slice(this.cursor);
    this.cursor = this.messages.length;
    return rest;
  }

  /** Waits `ms` (longer than the 200 ms coalescing window by default) and returns what arrived unconsumed. */
  async settle(ms = 300): Promise<ServerMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.drain();
  }

  /**
   * A barrier: sends the raw keep-alive "ping" and waits for the runtime's "pong", which comes after every frame
   * the server had already sent on this socket.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const pongs = () => this.raw.filter((f) => f === "pong").length;
    const target = pongs() + 1;
    this.send("ping");
    const deadline = performance.now() + timeoutMs;
    while (pongs() < target) {
      if (this.closed) return;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error("no pong");
      await this.wait(left);
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = performance.now() + timeoutMs;
    while (!this.closed) {
      if (performance.now() > deadline) throw new Error("socket did not close");
      await this.wait(50);
    }
    return this.closed;
  }

  close() {
    this.ws.close(1000, "done");
  }
}

/** Opens a socket; with a player's token it names the player (`?player=`), as the web app does, for sharded games. */
export async function connect(code: string, token?: string): Promise<TestSocket> {
  const player = token ? /^p\.([A-Za-z0-9_-]{12})\./.exec(token)?.[1] : undefined;
  const res = await api(`/api/games/${code}/ws${player ? `?player=${player}` : ""}`, {
    headers: { Upgrade: "websocket" },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no websocket: ${res.status} ${await res.text()}`);
  ws.accept();
  return new TestSocket(ws);
}

/** Connects and says hello; resolves with the socket and its welcome. */
export async function enter(code: string, token: string) {
  const socket = await connect(code, token);
  socket.send({ type: "hello", token });
  const welcome = await socket.next("welcome");
  return { socket, welcome };
}

export type CreatedGame = { code: string; hostToken: string; joinUrl: string; hostPlayerId?: string };

export async function createGame(body: Record<string, unknown> = {}): Promise<CreatedGame> {
  const res = await apiJson<CreatedGame>("/api/games", { method: "POST", json: body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST /players from an address of its own; returns status and body whatever they are. */
export async function tryJoin(code: string, body: unknown = {}, ip = randomIp()) {
  return apiJson<{ playerId: string; playerToken: string; name: string } & Partial<ErrorReply>>(
    `/api/games/${code}/players`,
    { method: "POST", json: body, headers: { "CF-Connecting-IP": ip } },
  );
}

export async function joinGame(code: string, name?: string) {
  const res = await tryJoin(code, name === undefined ? {} : { name });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sends an answer and waits for its acknowledgement, so the fake clock is not moved while it is in flight. */
export async function answer(socket: TestSocket, index: number, choice: number) {
  socket.send({ type: "answer", index, choice });
  return socket.next("answered");
}

export async function info(code: string) {
  return apiJson<GameInfo & Partial<ErrorReply>>(`/api/games/${code}`);
}

/**
 * Waits until the room has nothing queued to send (its coalescing timer for lobby/progress updates, and any answer
 * batch, have run), then until each socket has received everything sent so far. Returns what arrived unconsumed.
 */
export async function calm(code: string, sockets: TestSocket[]): Promise<ServerMessage[][]> {
  for (let i = 0; i < 250; i++) {
    const busy = await runInDurableObject(room(code), (instance) => {
      // The room's coalescer (lobby and progress updates) and write batch each hold a timer while work is queued.
      const parts = instance as unknown as { updates: { timer: unknown }; writes: { timer: unknown } };
      return parts.updates.timer !== null || parts.writes.timer !== null;
    });
    if (!busy) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all(sockets.map((s) => s.sync()));
  return sockets.map((s) => s.drain());
}

/** The game's Durable Object, as the worker addresses it. */
export function room(code: string): DurableObjectStub<GameRoom> {
  return env.GAME.get(env.GAME.idFromName(code));
}

/** Everything the game's engine holds right now (null once the game is gone), for "nothing changed" checks. */
export async function engineState(code: string) {
  return runInDurableObject(room(code), (instance) => {
    // The room keeps its engine state private; the test reads it to compare before and after.
    const game = (instance as unknown as { game: GameState | null }).game;
    return game ? structural(game) : null;
  });
}

/** Rows in the game's tables. */
export async function rowCounts(code: string) {
  return runInDurableObject(room(code), (_instance, state) => {
    const n = (table: string) => Number(state.storage.sql.exec(`SELECT COUNT(*) AS n FROM ${table}`).one().n);
    return { players: n("players"), answers: n("answers") };
  });
}

/**
 * What the object keeps: its own SQL tables (none of the platform's), its alarm and its database's size. The tables
 * and the alarm are gone once a game has expired, and never made for a code that has no game.
 */
export async function storedTables(code: string) {
  return runInDurableObject(room(code), async (_instance, state) => ({
    tables: state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'",
      )
      .toArray()
      .map((r) => r.name),
    alarm: await state.storage.getAlarm(),
    bytes: state.storage.sql.databaseSize,
  }));
}

/** What a host sees on (re)connecting: the welcome's snapshot. Closes its socket afterwards. */
export async function hostView(code: string, hostToken: string) {
  const { socket, welcome } = await enter(code, hostToken);
  socket.close();
  return welcome.game;
}

/**
 * A fake wall clock shared with the Durable Objects (they run in the test's isolate): only `Date` is faked, so
 * timers, the coalescing window and socket I/O keep real time while game time moves only when the test says so.
 */
export function fakeClock(start = Date.UTC(2030, 0, 1)) {
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  return {
    start,
    set(ms: number) {
      vi.setSystemTime(ms);
    },
    advance(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

/** Evicts the object (sockets hibernate) and checks the rebuilt engine equals what the live one held. */
export async function evictAndCompare(code: string) {
  const before = await engineState(code);
  await runInDurableObject(room(code), (instance: GameRoom) => {
    (instance as unknown as { marker?: boolean }).marker = true;
  });
  await evictDurableObject(room(code));
  const after = await engineState(code);
  const fresh = await runInDurableObject(
    room(code),
    (instance: GameRoom) => (instance as unknown as { marker?: boolean }).marker,
  );
  expect(fresh).toBeUndefined();
  expect(after).toEqual(before);
}

/** Exchanges a pairing code for a remote seat (POST /remotes) from an address of its own; status and body as they are. */
export async function tryPair(code: string, body: unknown, ip = randomIp()) {
  return apiJson<{ remoteId: string; remoteToken: string; label: string } & Partial<ErrorReply>>(
    `/api/games/${code}/remotes`,
    { method: "POST", json: body, headers: { "CF-Connecting-IP": ip } },
  );
}
