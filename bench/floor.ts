/**
 * `npm run bench -- floor [--players N] [--rounds R] [--procs P]`: the runtime's own broadcast floor on this machine.
 *
 * A bare Durable Object (hibernation API, sockets kept in an array as the game keeps them, no storage, no game
 * logic) sends one 240-byte JSON message to N sockets held by
 * P client processes, R times; the clients report `serverTime` → receipt exactly as the bench's bots do. Whatever
 * the game's fan-out costs beyond this is ours; this much is workerd's per-message work plus loopback TCP on the
 * same cores the clients use.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { summarize } from "./stats.ts";
import { epochNow } from "./workload.ts";

const WORKER = `
import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  sockets = [];
  async fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    this.sockets.push(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  webSocketMessage(ws, message) {
    if (message !== "go") return;
    const text = JSON.stringify({ type: "question", serverTime: Date.now(), text: "x".repeat(190) });
    for (const socket of this.sockets) socket.send(text);
  }
}
export default { fetch: (req, env) => env.ROOM.get(env.ROOM.idFromName("floor")).fetch(req) };
`;

type ClientMessage = { type: "ready" } | { type: "round" } | { type: "samples"; samples: Float64Array };

/** A client process: opens its sockets, then reports each round's receipts and finally every latency sample. */
async function client(url: string, count: number): Promise<void> {
  const samples: number[] = [];
  let seen = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    ws.on("message", (data: Buffer) => {
      const msg = JSON.parse(data.toString("utf8")) as { serverTime: number };
      samples.push(epochNow() - msg.serverTime);
      if (++seen % count === 0) process.send?.({ type: "round" } satisfies ClientMessage);
    });
    sockets.push(ws);
  }
  process.send?.({ type: "ready" } satisfies ClientMessage);
  process.on("message", (m: string) => {
    if (m !== "report") return;
    process.send?.(
      { type: "samples", samples: Float64Array.from(samples) } satisfies ClientMessage,
      undefined,
      {},
      () => process.exit(0),
    );
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      players: { type: "string", default: "1000" },
      rounds: { type: "string", default: "10" },
      procs: { type: "string", default: "2" },
    },
  });
  const players = Number(values.players);
  const rounds = Number(values.rounds);
  const procs = Number(values.procs);
  for (const [name, v, max] of [
    ["players", players, 9000],
    ["rounds", rounds, 1000],
    ["procs", procs, 32],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`--${name} must be a whole number from 1 to ${max}.`);
  }
  const { Miniflare, convertV4MiniflareOptions } = await import("miniflare");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-floor-"));
  const file = path.join(dir, "worker.js");
  fs.writeFileSync(file, WORKER);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "floor",
      modules: [{ type: "ESModule", path: file, contents: WORKER }],
      modulesRoot: dir,
      compatibilityDate: "2026-10-01",
      durableObjects: { ROOM: { className: "Room", useSQLite: true } },
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      resourcePersistencePath: path.join(dir, "state"),
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  try {
    const url = (await mf.unsafeGetDirectURL()).href.replace(/^http/, "ws");
    const children = Array.from({ length: procs }, (_, i) => {
      const share = Math.floor(players / procs) + (i < players % procs ? 1 : 0);
      return fork(import.meta.filename, ["--client", url, String(share)], { serialization: "advanced" });
    });
    let waiting: (() => void) | null = null;
    let count = 0;
    const samples: Float64Array[] = [];
    for (const child of children) {
      child.on("message", (m: ClientMessage) => {
        if (m.type === "samples") samples.push(m.samples);
        if (++count === procs) waiting?.();
      });
    }
    const all = () =>
      new Promise<void>((resolve) => {
        count = 0;
        waiting = resolve;
      });
    await all();
    const controller = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve) => controller.once("open", () => resolve()));
    for (let r = 0; r < rounds; r++) {
      const done = all();
      controller.send("go");
      await done;
      // The controller's own copy arrives too; it is not counted.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const reported = all();
    for (const child of children) child.send("report");
    await reported;
    controller.close();
    const s = summarize(Float64Array.from(samples.flatMap((x) => [...x])));
    process.stdout.write(
      `bare workerd broadcast, ${players} sockets over ${procs} client processes, ${rounds} rounds (ms): ` +
        `min ${s.min} p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} max ${s.max}\n`,
    );
  } finally {
    await mf.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--client") {
  void client(process.argv[3] as string, Number(process.argv[4]));
} else {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
