/**
 * `npm run bench -- flood [--frames N] [--rate R] [--attacker raw|client] [--runs R] [--checkout DIR] [--url URL]`:
 * what one flooding socket does to everyone else in its game.
 *
 * A game with a host, two honest players (one answers, one waits) and a flooder (signed in, as a player): the first
 * question opens and the flooder
 * sends N bad frames at `rate` a second (the attack: 5,000 in about 200 ms, i.e. 25,000 a second) over a raw
 * socket that, like an attacker's, ignores being closed and keeps sending. A third of the way through the honest
 * player answers, two thirds of the way through the host sends `next`. The run reports, from the server's figures:
 *   - answerErrorMs: the honest answer's `elapsedMs` minus the truth (when it was sent, from the question's start);
 *   - nextDelayMs: the reveal's `serverTime` minus when the host sent `next`;
 *   - backlogMs: after the last bad frame was sent, how long until the object answers someone else (a probe) — the
 *     flood the object still had to work through;
 *   - errors: error replies the flooder got; closed: whether the object closed it with 4029 (too many messages).
 * `floodGame` is also what test/server/flood.test.ts runs against the production bundle.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { ROOT } from "./proc.ts";
import { startLocalServer } from "./server.ts";
import { epochNow } from "./workload.ts";

/**
 * Who floods: a raw socket that ignores being closed and keeps writing (an attacker's script), or a standard
 * WebSocket client (a browser page, the `ws` library), which stops sending once the server has closed it.
 */
export type Attacker = "raw" | "client";

/** The flooding socket, whichever kind. */
interface Flooder {
  send(text: string): void;
  /** Frames actually handed to the connection (a closed standard client sends no more). */
  sent(): number;
  errors(): number;
  closedForFlooding(): boolean;
  destroy(): void;
}

/** A standard client as the flooder: it stops sending once it is closed, as a browser would. */
function clientFlooder(client: Client): Flooder {
  let sent = 0;
  return {
    send(text) {
      if (client.ws.readyState !== WebSocket.OPEN) return;
      client.ws.send(text);
      sent++;
    },
    sent: () => sent,
    errors: () => client.messages.filter((m) => m.type === "error").length,
    closedForFlooding: () => client.closeCode === 4029,
    destroy: () => client.ws.terminate(),
  };
}

export interface FloodFigures {
  attacker: Attacker;
  frames: number;
  /** Frames the flooder actually sent (a standard client stops when closed). */
  sentFrames: number;
  floodMs: number;
  answerErrorMs: number;
  nextDelayMs: number;
  backlogMs: number;
  errors: number;
  closed: boolean;
  revealAnswered: number;
}

/**
 * A flooding client on a raw TCP socket: it signs in, then writes frames whatever the server says (a `ws` client
 * would stop sending once closed; an attacker does not). It only counts what comes back.
 */
class RawFlooder implements Flooder {
  private received = "";
  private written = 0;
  private readonly socket: net.Socket;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (d: Buffer) => {
      this.received += d.toString("latin1");
    });
    socket.on("error", () => {});
  }

  static async open(base: string, code: string, token: string): Promise<RawFlooder> {
    const url = new URL(base);
    const socket = net.connect(Number(url.port), url.hostname);
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    const flooder = new RawFlooder(socket);
    const key = crypto.randomBytes(16).toString("base64");
    socket.write(
      `GET /api/games/${code}/ws HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await flooder.until(() => flooder.received.includes("\r\n\r\n"));
    if (!flooder.received.startsWith("HTTP/1.1 101")) throw new Error(`no upgrade: ${flooder.received.slice(0, 80)}`);
    flooder.send(JSON.stringify({ type: "hello", token }));
    await flooder.until(() => flooder.received.includes('"type":"welcome"'));
    return flooder;
  }

  private async until(done: () => boolean): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error("raw socket: timed out");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** A masked text frame (the mask is zero, which RFC 6455 allows: the payload goes as it is). */
  send(text: string): void {
    const payload = Buffer.from(text, "utf8");
    if (payload.length > 125) throw new Error("raw frames are short");
    this.socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
    this.written++;
  }

  sent(): number {
    return this.written - 1;
  }

  errors(): number {
    return this.received.split('"type":"error"').length - 1;
  }

  closedForFlooding(): boolean {
    return this.received.includes("too_many_messages");
  }

  destroy(): void {
    this.socket.destroy();
  }
}

type Message = { type: string; [key: string]: unknown };

class Client {
  readonly messages: Message[] = [];
  lastAt = 0;
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];

  readonly ws: WebSocket;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data: Buffer) => {
      this.lastAt = epochNow();
      const text = data.toString("utf8");
      if (text !== "pong") this.messages.push(JSON.parse(text) as Message);
      this.wake();
    });
    ws.on("close", (code: number) => {
      this.lastAt = epochNow();
      this.closeCode = code;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async next(type: string, timeoutMs = 60_000, from = 0): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((m) => m.type === type);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(message: unknown) {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(base: string, code: string, token: string): Promise<Client> {
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/games/${code}/ws`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const client = new Client(ws);
  client.send({ type: "hello", token });
  await client.next("welcome");
  return client;
}

const QUESTIONS = [
  { kind: "choice", text: "One?", choices: ["a", "b", "c"], correct: 0 },
  { kind: "choice", text: "Two?", choices: ["a", "b", "c"], correct: 1 },
];

/** Plays the scenario once against `base` (http://host:port) and returns what the server's figures say. */
export async function floodGame(
  base: string,
  frames: number,
  options: { rate?: number; attacker?: Attacker } = {},
): Promise<FloodFigures> {
  const rate = options.rate ?? 25_000;
  const attacker = options.attacker ?? "raw";
  const game = await post<{ code: string; hostToken: string }>(`${base}/api/games`, {
    questions: QUESTIONS,
    questionSeconds: 60,
    revealSeconds: 0,
  });
  const join = (name: string) => post<{ playerToken: string }>(`${base}/api/games/${game.code}/players`, { name });
  const [ada, bob, eve] = [await join("Ada"), await join("Bob"), await join("Eve")];
  const host = await signIn(base, game.code, game.hostToken);
  const honest = await signIn(base, game.code, ada.playerToken);
  // Bob stays connected and does not answer, so the question stays open until the host's next.
  const idle = await signIn(base, game.code, bob.playerToken);
  const flooder: Flooder =
    attacker === "raw"
      ? await RawFlooder.open(base, game.code, eve.playerToken)
      : clientFlooder(await signIn(base, game.code, eve.playerToken));
  host.send({ type: "start" });
  const question = await honest.next("question");
  const startedAt = Number(question.startedAt);
  const badFrame = (i: number) => (i % 2 ? "not json" : JSON.stringify({ type: "dance", n: i }));

  // The flood, paced at `rate` frames a second; the honest answer and the host's next go out while it arrives.
  let answerSentAt = 0;
  let nextSentAt = 0;
  const hostFrom = host.messages.length;
  const floodStart = epochNow();
  let sent = 0;
  while (sent < frames) {
    const due = Math.min(frames, Math.ceil(((epochNow() - floodStart) / 1000) * rate));
    for (; sent < due; sent++) flooder.send(badFrame(sent));
    if (!answerSentAt && sent >= frames / 3) {
      answerSentAt = epochNow();
      honest.send({ type: "answer", index: 0, choice: 0 });
    }
    if (!nextSentAt && sent >= (2 * frames) / 3) {
      nextSentAt = epochNow();
      host.send({ type: "next" });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const floodEnd = epochNow();
  // A probe behind the whole flood: how long after the last bad frame does the object answer someone else?
  const honestFrom = honest.messages.length;
  honest.send({ type: "answer", index: 0, choice: 1 });
  await honest.next("error", 60_000, honestFrom);
  const backlogMs = epochNow() - floodEnd;

  const answered = await honest.next("answered");
  const reveal = await host.next("reveal", 60_000, hostFrom);
  const figures: FloodFigures = {
    attacker,
    frames,
    sentFrames: flooder.sent(),
    floodMs: Math.round(floodEnd - floodStart),
    answerErrorMs: Math.round(Number(answered.elapsedMs) - (answerSentAt - startedAt)),
    nextDelayMs: Math.round(Number(reveal.serverTime) - nextSentAt),
    backlogMs: Math.round(backlogMs),
    errors: flooder.errors(),
    closed: flooder.closedForFlooding(),
    revealAnswered: Number(reveal.answered),
  };
  flooder.destroy();
  for (const c of [host, honest, idle]) c.ws.terminate();
  return figures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      frames: { type: "string", default: "15000" },
      rate: { type: "string", default: "25000" },
      attacker: { type: "string", default: "raw" },
      runs: { type: "string", default: "5" },
      checkout: { type: "string" },
      url: { type: "string" },
      out: { type: "string" },
    },
  });
  const frames = Number(values.frames);
  const runs = Number(values.runs);
  const checkout = values.checkout ? path.resolve(values.checkout) : ROOT;
  const server = values.url ? null : await startLocalServer({ rateLimit: 1_000_000, inspect: false, checkout });
  const base = values.url ?? server?.url ?? "";
  const results: FloodFigures[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const attacker = values.attacker === "client" ? "client" : "raw";
      const figures = await floodGame(base, frames, { rate: Number(values.rate), attacker });
      results.push(figures);
      console.log(JSON.stringify(figures));
    }
  } finally {
    await server?.stop();
    if (server) fs.rmSync(server.tmpDir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const worst = (xs: number[]) => Math.max(...xs.map(Math.abs));
  const summary = {
    worker: checkout === ROOT ? "this checkout" : checkout,
    frames,
    runs,
    attacker: values.attacker,
    rate: Number(values.rate),
    sentFrames: median(results.map((r) => r.sentFrames)),
    floodMs: median(results.map((r) => r.floodMs)),
    backlogMs: { median: median(results.map((r) => r.backlogMs)), max: worst(results.map((r) => r.backlogMs)) },
    answerErrorMs: {
      median: median(results.map((r) => r.answerErrorMs)),
      worst: worst(results.map((r) => r.answerErrorMs)),
    },
    nextDelayMs: { median: median(results.map((r) => r.nextDelayMs)), max: worst(results.map((r) => r.nextDelayMs)) },
    errorsReceived: median(results.map((r) => r.errors)),
    closedForFlooding: results.filter((r) => r.closed).length,
  };
  console.log(JSON.stringify(summary, null, 2));
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ summary, runs: results }, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
