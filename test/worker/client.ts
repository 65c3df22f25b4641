/**
 * Test helpers that drive the real worker through its own fetch handler: HTTP calls, and WebSocket clients that
 * collect every message so tests can wait for the next one of a given type.
 */
import { exports } from "cloudflare:workers";
import type { ClientMessage, ServerMessage, ServerMessageOf, ServerMessageType } from "../../worker/protocol";

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
  return { status: res.status, body: (await res.json()) as T };
}

export class TestSocket {
  readonly messages: ServerMessage[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      this.messages.push(JSON.parse(String(e.data)) as ServerMessage);
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

  send(message: ClientMessage | Record<string, unknown> | string) {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Waits for the next message of `type` after the ones already consumed, skipping others. */
  async next<T extends ServerMessageType>(type: T, timeoutMs = 5000): Promise<ServerMessageOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.messages.length) {
        const m = this.messages[this.cursor++] as ServerMessage;
        if (m.type === type) return m as ServerMessageOf<T>;
      }
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${type}; got ${this.messages.map((m) => m.type).join(",")}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Messages of `type` received so far (consumed or not). */
  all<T extends ServerMessageType>(type: T): ServerMessageOf<T>[] {
    return this.messages.filter((m) => m.type === type) as ServerMessageOf<T>[];
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close() {
    this.ws.close(1000, "done");
  }
}

export async function connect(code: string): Promise<TestSocket> {
  const res = await api(`/api/games/${code}/ws`, { headers: { Upgrade: "websocket" } });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no websocket: ${res.status} ${await res.text()}`);
  ws.accept();
  return new TestSocket(ws);
}

/** Connects and says hello; resolves with the socket and its welcome. */
export async function enter(code: string, token: string) {
  const socket = await connect(code);
  socket.send({ type: "hello", token });
  const welcome = await socket.next("welcome");
  return { socket, welcome };
}

export async function createGame(body: Record<string, unknown> = {}) {
  const res = await apiJson<{ code: string; hostToken: string; joinUrl: string; hostPlayerId?: string }>("/api/games", {
    method: "POST",
    json: body,
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinGame(code: string, name?: string) {
  const res = await apiJson<{ playerId: string; playerToken: string; name: string }>(`/api/games/${code}/players`, {
    method: "POST",
    json: name === undefined ? {} : { name },
  });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
