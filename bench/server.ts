/**
 * The server under test when no --url is given: the production bundle of the worker (what `wrangler deploy` would
 * upload, built by `wrangler deploy --dry-run`), served by workerd through the `miniflare` package's API the way
 * `npm start` serves it (server/workerd.ts), without the static assets.
 *
 * The bench talks to the user worker over one of miniflare's direct sockets, so no development proxy sits in the
 * path: not wrangler dev's proxy workerd, not miniflare's entry worker. Durable Objects use SQLite storage on disk in
 * a temporary folder, which the bench reads back after the run to check what was stored. The join rate limit is
 * raised here, in the binding's configuration, because every bot comes from the same address; the worker's code is
 * the one production runs.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Miniflare } from "miniflare";
import { startWorkerd } from "../server/workerd.ts";
import type { StoredAnswer, StoredGame } from "./checks.ts";
import { ROOT } from "./proc.ts";

export interface LocalServer {
  url: string;
  /** The workerd process; a new one after a restart (see `nextRestart`). */
  readonly pid: number;
  /** Which path the requests took, in words, for the report. */
  path: string;
  build: { command: string; bundleBytes: number; ms: number; checkout?: string };
  startMs: number;
  rateLimit: string;
  inspectorPort: number | null;
  /** Temporary folder with the bundle and the objects' storage; the caller removes it. */
  tmpDir: string;
  /** `rounds`: a sharded game's coordinator logs each reveal's calls and reports (docs/scaling.md). */
  logs: { lines: number; errors: string[]; rounds: Record<string, number>[] };
  /** The miniflare instance, for the bindings' storage (e.g. its D1 database). */
  miniflare: Miniflare;
  /**
   * Resolves with the new workerd's pid the next time miniflare has restarted a workerd that died (on the same state
   * folder and port, server/workerd.ts), e.g. after the bench killed it.
   */
  nextRestart(): Promise<number>;
  stop(): Promise<void>;
  /** After stop: what each game's object stored (read from its SQLite file). */
  storedGames(): StoredGameFacts[];
}

export interface StoredGameFacts extends StoredGame {
  answerRows: StoredAnswer[];
  playerNames: string[];
  bytes: number;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Bundles the worker exactly as `wrangler deploy` would, without uploading anything. */
async function build(outDir: string, checkout: string): Promise<LocalServer["build"] & { entry: string }> {
  const started = performance.now();
  // The bench exercises the API only; an empty assets folder keeps the build working on a clean clone where the
  // web app has not been built yet (the worker's code does not depend on the assets).
  const emptyAssets = path.join(outDir, "no-assets");
  fs.mkdirSync(emptyAssets, { recursive: true });
  const bundleDir = path.join(outDir, "bundle");
  const wrangler = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  const args = [
    wrangler,
    "deploy",
    "--dry-run",
    "--config",
    "wrangler.toml",
    "--assets",
    emptyAssets,
    "--outdir",
    bundleDir,
  ];
  const { code, output } = await run(process.execPath, args, checkout);
  const entry = path.join(bundleDir, "index.js");
  if (code !== 0 || !fs.existsSync(entry)) {
    throw new Error(`wrangler deploy --dry-run failed (exit ${code}):\n${output.slice(-3000)}`);
  }
  return {
    command: "wrangler deploy --dry-run --config wrangler.toml --outdir <tmp>",
    bundleBytes: fs.statSync(entry).size,
    ms: Math.round(performance.now() - started),
    entry,
  };
}

export interface StartOptions {
  rateLimit: number;
  inspect: boolean;
  /** The checkout whose worker is built (this one unless comparing against another). */
  checkout: string;
  onLog?: (line: string) => void;
}

export async function startLocalServer(options: StartOptions): Promise<LocalServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "trivia-bench-"));
  try {
    return await startIn(tmp, options);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function startIn(tmp: string, options: StartOptions): Promise<LocalServer> {
  const built = await build(tmp, options.checkout);
  const started = performance.now();
  const persist = path.join(tmp, "state");
  const logs = { lines: 0, errors: [] as string[], rounds: [] as Record<string, number>[] };
  const inspectorPort = options.inspect ? 9300 + Math.floor(Math.random() * 500) : null;
  let restartWaiters: ((pid: number) => void)[] = [];
  const server = await startWorkerd({
    configPath: path.join(options.checkout, "wrangler.toml"),
    bundle: built.entry,
    // The bench speaks the API only: its socket goes straight to the worker's fetch handler.
    assets: false,
    host: "127.0.0.1",
    port: 0,
    stateDir: persist,
    rateLimit: options.rateLimit,
    ...(inspectorPort ? { inspectorPort } : {}),
    onLog: (message, level) => {
      logs.lines++;
      const isError = level === "error" || /"event":"error"/.test(message);
      if (isError && logs.errors.length < 20) logs.errors.push(message.slice(0, 500));
      if (message.includes('"event":"round_closed"')) {
        try {
          logs.rounds.push(JSON.parse(message.slice(message.indexOf("{"))) as Record<string, number>);
        } catch {
          // Not one JSON line: not a round.
        }
      }
      options.onLog?.(message);
    },
    onRestart: (pid) => {
      const waiters = restartWaiters;
      restartWaiters = [];
      for (const resolve of waiters) resolve(pid ?? 0);
    },
  });
  if (server.pid === null) {
    await server.stop();
    throw new Error("miniflare started, but no workerd child process was found to measure");
  }
  return {
    url: server.url,
    get pid() {
      return server.pid ?? 0;
    },
    path: "workerd (miniflare API) → direct socket to the production bundle's fetch handler → GameRoom Durable Object (SQLite on disk); no wrangler dev proxy, no miniflare entry worker",
    build: {
      command: built.command,
      bundleBytes: built.bundleBytes,
      ms: built.ms,
      ...(options.checkout !== ROOT ? { checkout: options.checkout } : {}),
    },
    startMs: Math.round(performance.now() - started),
    rateLimit: server.rateLimits.length
      ? `raised in the bench's miniflare configuration: ${server.rateLimits.join(", ")} (wrangler.toml unchanged)`
      : "no rate-limit binding configured",
    inspectorPort,
    tmpDir: tmp,
    logs,
    miniflare: server.miniflare,
    nextRestart: () => new Promise((resolve) => restartWaiters.push(resolve)),
    stop: () => server.stop(),
    storedGames() {
      return readStoredGames(persist);
    },
  };
}

function readStoredGames(persist: string): StoredGameFacts[] {
  const out: StoredGameFacts[] = [];
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".sqlite") && e.name !== "metadata.sqlite") files.push(p);
    }
  };
  walk(persist);
  for (const file of files) {
    let db: DatabaseSync | null = null;
    try {
      db = new DatabaseSync(file, { readOnly: true });
      const hasGame = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'game'").get();
      if (!hasGame) continue;
      const game = db.prepare("SELECT code FROM game WHERE id = 1").get() as { code: string } | undefined;
      if (!game) continue;
      const playerNames = (db.prepare("SELECT name FROM players").all() as { name: string }[]).map((r) =>
        String(r.name),
      );
      const byQuestion: Record<number, number> = {};
      let answers = 0;
      for (const row of db.prepare("SELECT question, COUNT(*) AS n FROM answers GROUP BY question").all() as {
        question: number;
        n: number;
      }[]) {
        byQuestion[Number(row.question)] = Number(row.n);
        answers += Number(row.n);
      }
      const pointsByPlayer = new Map<string, number>();
      for (const row of db.prepare("SELECT player_id, SUM(points) AS p FROM answers GROUP BY player_id").all() as {
        player_id: string;
        p: number;
      }[]) {
        pointsByPlayer.set(String(row.player_id), Number(row.p));
      }
      const answerRows = (
        db.prepare("SELECT question, player_id, choice, received_at, elapsed_ms, points FROM answers").all() as {
          question: number;
          player_id: string;
          choice: string;
          received_at: number;
          elapsed_ms: number;
          points: number;
        }[]
      ).map((r) => ({
        question: Number(r.question),
        playerId: String(r.player_id),
        choice: JSON.parse(String(r.choice)) as unknown,
        receivedAt: Number(r.received_at),
        elapsedMs: Number(r.elapsed_ms),
        points: Number(r.points),
      }));
      let bytes = fs.statSync(file).size;
      if (fs.existsSync(`${file}-wal`)) bytes += fs.statSync(`${file}-wal`).size;
      out.push({
        code: String(game.code),
        players: playerNames.length,
        playerNames,
        answers,
        answersByQuestion: byQuestion,
        pointsByPlayer,
        answerRows,
        bytes,
      });
    } finally {
      db?.close();
    }
  }
  return byGame(out);
}

/** A sharded game is stored in several objects (its coordinator and its shards): one game's facts, added up. */
function byGame(facts: StoredGameFacts[]): StoredGameFacts[] {
  const games = new Map<string, StoredGameFacts>();
  for (const f of facts) {
    const sum = games.get(f.code);
    if (!sum) {
      games.set(f.code, {
        ...f,
        playerNames: [...f.playerNames],
        answersByQuestion: { ...f.answersByQuestion },
        pointsByPlayer: new Map(f.pointsByPlayer),
        answerRows: [...f.answerRows],
      });
      continue;
    }
    sum.players += f.players;
    sum.playerNames.push(...f.playerNames);
    sum.answerRows.push(...f.answerRows);
    sum.answers += f.answers;
    sum.bytes += f.bytes;
    for (const [q, n] of Object.entries(f.answersByQuestion)) {
      sum.answersByQuestion[Number(q)] = (sum.answersByQuestion[Number(q)] ?? 0) + n;
    }
    for (const [id, p] of f.pointsByPlayer) sum.pointsByPlayer.set(id, p);
  }
  return [...games.values()];
}
