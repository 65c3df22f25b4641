/**
 * `npm run bench -- [flags]`: plays whole games with simulated players against the real server and reports latency,
 * server cost, traffic and correctness. See docs/performance.md for the flags, the workload and measured results.
 *
 * This process builds and starts the server (unless --url), creates each game and plays its host, forks the bot
 * processes, samples workerd's CPU and memory from /proc, then checks everything the bots saw against everything
 * the server revealed and stored. Exit status: 0 when every check passes, 1 on any mismatch or error (and, with
 * --strict, on a missed target), 2 on bad flags.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { HostBot } from "./host.ts";
import type { BotResult, FromBots, GameAssignment, Progress, ToBots } from "./ipc.ts";
import { openFileCount, openFilesLimit, type ProcSample, ROOT, sampleProcess } from "./proc.ts";
import { connectProfiler } from "./profile.ts";
import { type Check, type Report, renderSummary, renderSvg, type Target } from "./report.ts";
import type { LocalServer, StoredGameFacts } from "./server.ts";
import { addCounts, concat, summarize } from "./stats.ts";
import { type BenchConfig, DEFAULTS, epochNow, makeQuestions } from "./workload.ts";

const HELP = `Usage: npm run bench -- [flags]

Plays whole trivia games with simulated players against the real worker in workerd (or --url) and reports
latency, server CPU and memory, traffic per player, and correctness. Defaults are the standard workload.

  --players N            players per game (default ${DEFAULTS.players})
  --questions N          questions per game, 4 choices each (default ${DEFAULTS.questions})
  --seconds N            time limit per question, 5-120 (default ${DEFAULTS.seconds}; closes early once all answered)
  --window MS            bots answer after a uniform random think time in [0, MS) (default ${DEFAULTS.answerWindowMs})
  --games N              games played at once, each with --players bots (default ${DEFAULTS.games})
  --procs N              bot processes (default ${DEFAULTS.procs})
  --right P              share of right answers, 0-1 (default ${DEFAULTS.right})
  --never P              share of (player, question) pairs left unanswered, 0-1 (default ${DEFAULTS.never})
  --reconnect P          share of players that drop and reconnect once mid-question, 0-1 (default ${DEFAULTS.reconnect})
  --host-wait MS         the host's pause before start and before each next (default ${DEFAULTS.hostWaitMs})
  --read-seconds N       the "get ready" lead-in before each question's choices open, 0-10 (default ${DEFAULTS.readSeconds}:
                         none); question fan-out is then measured from the planned opening, not the host's command
  --join-concurrency N   joins in flight at once over all bot processes (default ${DEFAULTS.joinConcurrency})
  --deflate              offer permessage-deflate like a browser (default off)
  --url URL              measure a running server instead of starting one (its join limit must allow the bots)
  --server-pid PID       with --url on this machine: the workerd process to read CPU and memory from
  --out DIR              where the JSON report and the SVG chart go (default ${DEFAULTS.out})
  --label NAME           file name prefix for the results (default: time and size of the run)
  --seed N               seed for the bots' decisions (default ${DEFAULTS.seed})
  --checkout DIR         build the worker from another checkout of this repo (compare a change with a baseline)
  --profile              profile workerd with the V8 inspector (join and game phases); name the hot functions
  --strict               also exit 1 when a performance target is missed
  --quiet                no progress bar and no summary (the JSON report is still written)
  --help                 this text
`;

class UsageError extends Error {}

function parseConfig(argv: string[]): BenchConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      players: { type: "string" },
      questions: { type: "string" },
      seconds: { type: "string" },
      window: { type: "string" },
      "answer-window": { type: "string" },
      games: { type: "string" },
      procs: { type: "string" },
      right: { type: "string" },
      never: { type: "string" },
      reconnect: { type: "string" },
      "host-wait": { type: "string" },
      "read-seconds": { type: "string" },
      "join-concurrency": { type: "string" },
      deflate: { type: "boolean" },
      url: { type: "string" },
      "server-pid": { type: "string" },
      out: { type: "string" },
      label: { type: "string" },
      seed: { type: "string" },
      profile: { type: "boolean" },
      checkout: { type: "string" },
      strict: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
    }
    return n;
  };
  const share = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 1)
      throw new UsageError(`--${name} must be a number from 0 to 1; got "${raw}".`);
    return n;
  };
  const seconds = int("seconds", values.seconds, DEFAULTS.seconds, 5, 120);
  const windowRaw = values.window ?? values["answer-window"];
  const answerWindowMs = int("window", windowRaw, DEFAULTS.answerWindowMs, 1, 120_000);
  // Bots must answer before the deadline, with room for the trip to the server.
  if (answerWindowMs > seconds * 1000 - 500) {
    throw new UsageError(
      `--window (${answerWindowMs} ms) must end at least 500 ms before the question's time limit (--seconds ${seconds}).`,
    );
  }
  let url: string | null = null;
  if (values.url !== undefined) {
    try {
      const u = new URL(values.url);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
      url = u.origin;
    } catch {
      throw new UsageError(`--url must be an http(s) address like http://127.0.0.1:8787; got "${values.url}".`);
    }
  }
  const serverPid = values["server-pid"] === undefined ? null : int("server-pid", values["server-pid"], 0, 1, 2 ** 31);
  if (serverPid !== null && !url) throw new UsageError("--server-pid only makes sense with --url.");
  if (values.profile && url) throw new UsageError("--profile needs the bench's own server (leave out --url).");
  const label = values.label ?? null;
  if (label !== null && !/^[\w.-]{1,80}$/.test(label)) {
    throw new UsageError(`--label may hold letters, digits, dot, dash and underscore (1-80); got "${label}".`);
  }
  return {
    players: int("players", values.players, DEFAULTS.players, 1, 10_000),
    questions: int("questions", values.questions, DEFAULTS.questions, 1, 50),
    seconds,
    answerWindowMs,
    games: int("games", values.games, DEFAULTS.games, 1, 50),
    procs: int("procs", values.procs, DEFAULTS.procs, 1, 32),
    right: share("right", values.right, DEFAULTS.right),
    never: share("never", values.never, DEFAULTS.never),
    reconnect: share("reconnect", values.reconnect, DEFAULTS.reconnect),
    hostWaitMs: int("host-wait", values["host-wait"], DEFAULTS.hostWaitMs, 0, 60_000),
    readSeconds: int("read-seconds", values["read-seconds"], DEFAULTS.readSeconds, 0, 10),
    joinConcurrency: int("join-concurrency", values["join-concurrency"], DEFAULTS.joinConcurrency, 1, 10_000),
    deflate: values.deflate ?? false,
    url,
    serverPid,
    out: values.out ?? DEFAULTS.out,
    label,
    seed: int("seed", values.seed, DEFAULTS.seed, 0, 2 ** 31),
    quiet: values.quiet ?? false,
    strict: values.strict ?? false,
    profile: values.profile ?? false,
    checkout: values.checkout ? checkoutDir(values.checkout, url) : null,
  };
}

function checkoutDir(dir: string, url: string | null): string {
  if (url) throw new UsageError("--checkout builds a worker, so it cannot be combined with --url.");
  const abs = path.resolve(dir);
  if (!fs.existsSync(path.join(abs, "wrangler.toml"))) {
    throw new UsageError(`--checkout must point at a checkout with a wrangler.toml; ${abs} has none.`);
  }
  return abs;
}

/** Forks the bot processes and speaks the little protocol in ipc.ts with them. */
class BotFleet {
  readonly children: ChildProcess[] = [];
  readonly progress: Progress[] = [];
  readonly results: (BotResult | undefined)[] = [];
  private waiters: { kind: FromBots["type"]; seen: Set<number>; resolve: () => void }[] = [];
  fatal: string | null = null;
  onProgress: () => void = () => {};

  readonly count: number;

  constructor(count: number) {
    this.count = count;
    for (let i = 0; i < count; i++) {
      const child = fork(path.join(import.meta.dirname, "bots.ts"), [], {
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      this.progress.push({ joined: 0, ready: 0, answersSent: 0, acked: 0, reveals: 0, finished: 0 });
      child.on("message", (m: FromBots) => this.onMessage(m));
      child.on("exit", (code) => {
        if (code !== 0 && this.results[i] === undefined) {
          this.fatal ??= `bot process ${i} exited with code ${code}`;
          this.wakeAll();
        }
      });
      this.children.push(child);
    }
  }

  private onMessage(m: FromBots): void {
    if (m.type === "progress") {
      this.progress[m.proc] = m.progress;
      this.onProgress();
      return;
    }
    if (m.type === "result") this.results[m.proc] = m.result;
    if (m.type === "fatal") {
      this.fatal ??= `bot process ${m.proc}: ${m.message}`;
      this.wakeAll();
      return;
    }
    for (const w of this.waiters) {
      if (w.kind === m.type) {
        w.seen.add(m.proc);
        if (w.seen.size === this.count) w.resolve();
      }
    }
  }

  private wakeAll(): void {
    for (const w of this.waiters) w.resolve();
  }

  send(message: ToBots | ((proc: number) => ToBots)): void {
    this.children.forEach((c, i) => {
      c.send(typeof message === "function" ? message(i) : message);
    });
  }

  /** Resolves when every process has sent `kind` (or one failed); false on timeout. */
  waitAll(kind: FromBots["type"], timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const w = {
        kind,
        seen: new Set<number>(),
        resolve: () => {
          clearTimeout(timer);
          resolve(this.fatal === null);
        },
      };
      this.waiters.push(w);
    });
  }

  total(): Progress {
    const t: Progress = { joined: 0, ready: 0, answersSent: 0, acked: 0, reveals: 0, finished: 0 };
    for (const p of this.progress) {
      for (const k of Object.keys(t) as (keyof Progress)[]) t[k] += p[k];
    }
    return t;
  }

  kill(): void {
    for (const c of this.children) if (c.exitCode === null) c.kill();
  }
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

async function main(): Promise<number> {
  let config: BenchConfig;
  try {
    config = parseConfig(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const startedAt = new Date();
  const say = (line: string) => {
    if (!config.quiet) process.stderr.write(`${line}\n`);
  };
  const totalPlayers = config.players * config.games;
  const questions = makeQuestions(config.questions);
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > 1.5) {
    say(`note: the machine's load average is ${loadBefore.toFixed(2)} before the run; other work skews the numbers`);
  }
  const outDir = path.resolve(ROOT, config.out);
  const stamp = startedAt
    .toISOString()
    .replace(/[:.]/g, "-")
    .replace(/-\d{3}Z$/, "Z");
  const base = path.join(outDir, config.label ?? `${stamp}-${totalPlayers}p-${config.questions}q`);

  // Open files: workerd holds about two per player socket, each bot process one per socket plus its HTTP pool.
  const neededServer = totalPlayers * 2 + config.games * 4 + 200;
  const neededBots = Math.ceil(totalPlayers / config.procs) + config.joinConcurrency + 100;
  const own = openFilesLimit("self");
  const warnings: string[] = [];
  if (own && own.soft < Math.max(neededBots, config.url ? 0 : neededServer)) {
    warnings.push(
      `the open-files limit is ${own.soft} (hard ${own.hard}) but this run needs about ${Math.max(neededBots, neededServer)}; ${
        process.env.BENCH_ULIMIT_NOTE ??
        "run it through `npm run bench`, which raises the limit, or `ulimit -n 20000` first"
      }`,
    );
  }

  let server: LocalServer | null = null;
  let url = config.url ?? "";
  let pid: number | null = config.serverPid;
  if (!config.url) {
    say("building the worker (wrangler deploy --dry-run) and starting workerd ...");
    // Loaded only here: wrangler and miniflare take seconds to import, and --url or --help need neither.
    const { startLocalServer } = await import("./server.ts");
    server = await startLocalServer({
      rateLimit: 1_000_000_000,
      inspect: config.profile,
      checkout: config.checkout ?? ROOT,
    });
    url = server.url;
    pid = server.pid;
    say(`workerd pid ${pid} at ${url} (built in ${server.build.ms} ms, started in ${server.startMs} ms)`);
  }
  const serverLimit = pid ? openFilesLimit(pid) : null;
  if (serverLimit && serverLimit.soft < neededServer) {
    warnings.push(
      `workerd's open-files limit is ${serverLimit.soft}; ${totalPlayers} players need about ${neededServer}`,
    );
  }

  let rssPeak = 0;
  let fdsPeak = 0;
  let ticks = 0;
  const rssTimer = setInterval(() => {
    const s = pid ? sampleProcess(pid) : null;
    if (s) rssPeak = Math.max(rssPeak, s.rssBytes);
    // Listing thousands of descriptors costs a few ms, so once a second is enough.
    if (pid && ticks++ % 4 === 0) fdsPeak = Math.max(fdsPeak, openFileCount(pid) ?? 0);
  }, 250);
  rssTimer.unref();

  const fleet = new BotFleet(config.procs);
  const hosts: HostBot[] = [];
  let exitCode = 1;
  const bar = new cliProgress.SingleBar(
    {
      format: "{phase} |{bar}| {value}/{total} {detail}",
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const showBar = !config.quiet && process.stderr.isTTY === true;
  try {
    const rssStart = pid ? sampleProcess(pid) : null;
    for (let g = 0; g < config.games; g++) {
      const host = new HostBot(url, config, questions, `Bench game ${g + 1}`);
      await host.create();
      await host.connect();
      hosts.push(host);
    }
    const assignments: GameAssignment[][] = Array.from({ length: config.procs }, () => []);
    hosts.forEach((host, g) => {
      for (let p = 0; p < config.procs; p++) {
        const bots: number[] = [];
        for (let n = p; n < config.players; n += config.procs) bots.push(n);
        if (bots.length) assignments[p]?.push({ game: g, code: host.code, questions, bots });
      }
    });
    fleet.send((proc) => ({ type: "init", proc, url, config, games: assignments[proc] ?? [] }));
    if (!(await fleet.waitAll("initialized", 30_000))) throw new Error(fleet.fatal ?? "bot processes did not start");

    // Join: every bot joins over HTTP, connects and says hello.
    if (showBar) bar.start(totalPlayers, 0, { phase: "joining", detail: "" });
    else say(`joining ${totalPlayers} players ...`);
    const joinStarted = epochNow();
    fleet.onProgress = () => {
      const t = fleet.total();
      const secs = (epochNow() - joinStarted) / 1000;
      if (showBar) bar.update(t.ready, { detail: `connected · ${Math.round(t.ready / Math.max(secs, 0.001))}/s` });
    };
    const profiler = config.profile && server?.inspectorPort ? await connectProfiler(server.inspectorPort) : null;
    const profilePhases: NonNullable<Report["profile"]>["phases"] = {};
    await profiler?.start();
    const serverBeforeJoin = pid ? sampleProcess(pid) : null;
    const mainBeforeJoin = process.cpuUsage();
    fleet.send({ type: "go" });
    const joinTimeout = Math.max(60_000, totalPlayers * 30);
    const joined = await fleet.waitAll("ready", joinTimeout);
    const joinEnded = epochNow();
    const joinSeconds = (joinEnded - joinStarted) / 1000;
    const ready = fleet.total().ready;
    if (showBar) bar.stop();
    if (profiler) profilePhases.join = await profiler.stop(base, "join");
    say(`joined ${ready}/${totalPlayers} in ${joinSeconds.toFixed(2)} s`);
    if (!joined)
      throw new Error(fleet.fatal ?? `only ${ready} of ${totalPlayers} players joined within ${joinTimeout / 1000} s`);

    // Game: each host starts after its pause and advances after every reveal; bots play on their own.
    await profiler?.start();
    const serverBeforeGame = pid ? sampleProcess(pid) : null;
    const mainBeforeGame = process.cpuUsage();
    const gameTotal = totalPlayers * config.questions;
    if (showBar) bar.start(gameTotal, 0, { phase: "playing", detail: "" });
    else say(`playing ${config.questions} questions ...`);
    const gameStarted = epochNow();
    fleet.onProgress = () => {
      const t = fleet.total();
      if (showBar) {
        const q = Math.min(config.questions, Math.floor(t.reveals / Math.max(1, totalPlayers)) + 1);
        bar.update(t.reveals, { detail: `player-questions · question ${q}/${config.questions} · ${t.acked} acks` });
      }
    };
    const gameTimeout =
      config.questions * ((config.seconds + config.readSeconds) * 1000 + config.hostWaitMs + 10_000) + 30_000;
    const allDone = fleet.waitAll("done", gameTimeout);
    const hostResults = await Promise.allSettled(hosts.map((h) => h.play(gameTimeout)));
    const botsDone = await Promise.race([allDone, new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    const gameEnded = epochNow();
    const serverAfterGame = pid ? sampleProcess(pid) : null;
    const mainAfterGame = process.cpuUsage();
    if (showBar) bar.stop();
    if (profiler) {
      profilePhases.game = await profiler.stop(base, "game");
      profiler.close();
    }
    for (const r of hostResults) if (r.status === "rejected") say(`host: ${(r.reason as Error).message}`);
    say(`game finished in ${((gameEnded - gameStarted) / 1000).toFixed(1)} s`);

    fleet.send({ type: "finish" });
    await fleet.waitAll("result", 30_000);
    for (const h of hosts) h.close();
    const rssEnd = pid ? sampleProcess(pid) : null;
    clearInterval(rssTimer);
    let stored: StoredGameFacts[] | null = null;
    if (server) {
      await server.stop();
      stored = server.storedGames();
    }

    const { report, chart } = buildReport({
      config,
      startedAt,
      server,
      url,
      pid,
      warnings,
      own,
      serverLimit,
      neededServer,
      hosts,
      hostFailures: hostResults.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : [])),
      botsDone,
      results: fleet.results.filter((r): r is BotResult => r !== undefined),
      fatal: fleet.fatal,
      joinSeconds,
      gameSeconds: (gameEnded - gameStarted) / 1000,
      totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
      samples: { rssStart, serverBeforeJoin, serverBeforeGame, serverAfterGame, rssEnd, rssPeak, fdsPeak },
      mainCpu: {
        joinMs: cpuMs(mainBeforeGame) - cpuMs(mainBeforeJoin),
        gameMs: cpuMs(mainAfterGame) - cpuMs(mainBeforeGame),
        totalMs: cpuMs(process.cpuUsage()),
      },
      stored,
      profile: profiler ? { phases: profilePhases } : null,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    });
    fs.mkdirSync(outDir, { recursive: true });
    report.files = { json: `${base}.json`, svg: `${base}.svg` };
    fs.writeFileSync(report.files.json, `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(
      report.files.svg,
      renderSvg(
        `trivia-edge: ${report.players.total} players, ${config.questions} questions — latency by phase`,
        chart,
      ),
    );
    if (!config.quiet) process.stdout.write(`${renderSummary(report)}\n`);
    exitCode = report.correctness.ok && (!config.strict || report.targets.allMet) ? 0 : 1;
  } catch (err) {
    if (showBar) bar.stop();
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    exitCode = 1;
  } finally {
    clearInterval(rssTimer);
    for (const h of hosts) h.close();
    fleet.kill();
    if (server) await server.stop().catch(() => {});
    if (server) fs.rmSync(server.tmpDir, { recursive: true, force: true });
  }
  return exitCode;
}

interface BuildInput {
  config: BenchConfig;
  startedAt: Date;
  server: LocalServer | null;
  url: string;
  pid: number | null;
  warnings: string[];
  own: { soft: number; hard: number } | null;
  serverLimit: { soft: number; hard: number } | null;
  neededServer: number;
  hosts: HostBot[];
  hostFailures: string[];
  botsDone: boolean;
  results: BotResult[];
  fatal: string | null;
  joinSeconds: number;
  gameSeconds: number;
  totalSeconds: number;
  samples: {
    rssStart: ProcSample | null;
    serverBeforeJoin: ProcSample | null;
    serverBeforeGame: ProcSample | null;
    serverAfterGame: ProcSample | null;
    rssEnd: ProcSample | null;
    rssPeak: number;
    fdsPeak: number;
  };
  mainCpu: { joinMs: number; gameMs: number; totalMs: number };
  stored: StoredGameFacts[] | null;
  profile: Report["profile"];
  loadAverage: { before: number; after: number };
}

const MiB = 1024 * 1024;

function buildReport(input: BuildInput): { report: Report; chart: Record<string, Float64Array> } {
  const { config, results, hosts } = input;
  const P = config.players;
  const G = config.games;
  const Q = config.questions;
  const total = P * G;
  const s = input.samples;

  // Latency samples from every bot process, plus fan-out measured from each host's command.
  const pick = (k: keyof BotResult["samples"]) => concat(results.map((r) => r.samples[k]));
  const fromHost: number[] = [];
  const commandToServer: number[] = [];
  const perQuestion: Report["perQuestion"] = [];
  hosts.forEach((host, g) => {
    for (let q = 0; q < Q; q++) {
      // With a lead-in the alarm sends the choices at the planned opening, not the host's command: fan-out is measured
      // from there (and "host cmd → server" becomes how late the alarm sent them).
      const sent = config.readSeconds > 0 ? host.opensAt[q] : host.commandAt[q];
      if (sent === undefined) continue;
      const st = host.questionServerTime[q];
      if (st !== undefined) commandToServer.push(st - sent);
      const fan: number[] = [];
      for (const r of results) {
        for (const t of r.tallies[g]?.[q]?.received ?? []) {
          fromHost.push(t - sent);
          if (st !== undefined) fan.push(t - st);
        }
      }
      const s = summarize(fan);
      const reveal = host.reveals[q];
      perQuestion.push({
        game: g,
        index: q,
        fanoutP50: s.p50,
        fanoutP99: s.p99,
        fanoutMin: s.min,
        fanoutMax: s.max,
        openMs: reveal && st !== undefined ? reveal.serverTime - st : null,
      });
    }
  });
  const series: Record<string, Float64Array> = {
    "join (HTTP)": pick("join"),
    "connect + hello": pick("connect"),
    "question fan-out": pick("questionFanout"),
    "question from host cmd": Float64Array.from(fromHost),
    "answer ack": pick("ack"),
    "reveal fan-out": pick("revealFanout"),
    "game over fan-out": pick("gameOverFanout"),
    reconnect: pick("reconnect"),
  };
  const chart: Record<string, Float64Array> = {};
  for (const k of [
    "join (HTTP)",
    "question fan-out",
    "question from host cmd",
    "answer ack",
    "reveal fan-out",
    "reconnect",
  ]) {
    chart[k] = series[k] as Float64Array;
  }
  const latencyMs: Report["latencyMs"] = {};
  for (const [k, v] of Object.entries(series)) latencyMs[k] = summarize(v as Float64Array);
  latencyMs["host cmd → server"] = summarize(commandToServer);

  // Counters and errors.
  const counters = {
    answersSent: 0,
    acked: 0,
    skipped: 0,
    reconnects: 0,
    rateLimited: 0,
    httpRetries: 0,
    revealsMissed: 0,
    finished: 0,
  };
  const errors = {
    server: {} as Record<string, number>,
    http: {} as Record<string, number>,
    closeCodes: {} as Record<string, number>,
    socket: {} as Record<string, number>,
    host: hosts.flatMap((h) => h.errors).concat(input.hostFailures),
  };
  const traffic = {
    lobby: {} as Record<string, number>,
    game: {} as Record<string, { messages: number; bytes: number }>,
  };
  let lobbyMsgs = 0;
  let lobbyBytes = 0;
  let mismatchCount = 0;
  const mismatches: string[] = [];
  for (const r of results) {
    counters.answersSent += r.counters.answersSent;
    counters.acked += r.counters.acked;
    counters.skipped += r.counters.skipped;
    counters.reconnects += r.counters.reconnects;
    counters.rateLimited += r.counters.rateLimited;
    counters.httpRetries += r.counters.httpRetries;
    counters.revealsMissed += r.counters.revealsMissed;
    counters.finished += r.finished;
    addCounts(errors.server, r.errors.server);
    addCounts(errors.http, r.errors.http);
    addCounts(errors.closeCodes, r.errors.closeCodes);
    addCounts(errors.socket, r.errors.socket);
    for (const t of Object.values(r.traffic.lobby)) {
      lobbyMsgs += t.messages;
      lobbyBytes += t.bytes;
    }
    for (const [type, t] of Object.entries(r.traffic.game)) {
      const row = traffic.game[type] ?? { messages: 0, bytes: 0 };
      row.messages += t.messages;
      row.bytes += t.bytes;
      traffic.game[type] = row;
    }
    mismatchCount += r.mismatchCount;
    mismatches.push(...r.mismatches);
  }
  let gameMsgs = 0;
  let gameBytes = 0;
  const byType: Report["traffic"]["byType"] = {};
  for (const [type, t] of Object.entries(traffic.game)) {
    gameMsgs += t.messages;
    gameBytes += t.bytes;
    byType[type] = { ...t, perPlayerQuestion: round(t.messages / (total * Q), 3) };
  }

  // Correctness.
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  check(
    "bot processes ran to the end",
    input.fatal === null && results.length === config.procs,
    input.fatal ?? `${results.length}/${config.procs} reported`,
  );
  check(
    "every player joined",
    results.reduce((n, r) => n + r.bots, 0) === total && Object.keys(errors.http).length === 0,
    `${total} expected; HTTP errors ${JSON.stringify(errors.http)}`,
  );
  check(
    "every host saw its game to the end",
    input.hostFailures.length === 0 && hosts.every((h) => h.gameOver),
    input.hostFailures.join("; ") || "all gameOver",
  );
  check("every player got gameOver", counters.finished === total && input.botsDone, `${counters.finished}/${total}`);
  check(
    "every answer acknowledged exactly once",
    counters.acked === counters.answersSent && mismatchCount === 0,
    `${counters.answersSent} sent, ${counters.acked} acked`,
  );
  check(
    "no server errors, no unexpected closes",
    Object.keys(errors.server).length === 0 &&
      Object.keys(errors.closeCodes).length === 0 &&
      Object.keys(errors.socket).length === 0 &&
      errors.host.length === 0,
    JSON.stringify({ server: errors.server, closeCodes: errors.closeCodes, socket: errors.socket, host: errors.host }),
  );
  check(
    "every bot's reveals, scores and final score match its own answers",
    mismatchCount === 0,
    `${mismatchCount} mismatches`,
  );

  const revealProblems: string[] = [];
  const scoreProblems: string[] = [];
  hosts.forEach((host, g) => {
    for (let q = 0; q < Q; q++) {
      const acked = new Array<number>(4).fill(0);
      let ackedCorrect = 0;
      let seen = 0;
      const views = new Set<string>();
      for (const r of results) {
        const t = r.tallies[g]?.[q];
        if (!t) continue;
        t.ackedByChoice.forEach((n, i) => {
          acked[i] = (acked[i] ?? 0) + n;
        });
        ackedCorrect += t.ackedCorrect;
        seen += t.revealsSeen;
        if (t.revealDiffers) revealProblems.push(`game ${g} q${q}: bots saw different reveal figures`);
        if (t.reveal) views.add(JSON.stringify(t.reveal));
      }
      const hr = host.reveals[q];
      if (!hr) {
        revealProblems.push(`game ${g} q${q}: the host got no reveal`);
        continue;
      }
      views.add(JSON.stringify({ counts: hr.counts, answered: hr.answered, correctCount: hr.correctCount }));
      const sum = acked.reduce((a, b) => a + b, 0);
      if (views.size !== 1) revealProblems.push(`game ${g} q${q}: reveal figures differ between receivers`);
      if (JSON.stringify(hr.counts) !== JSON.stringify(acked)) {
        revealProblems.push(
          `game ${g} q${q}: reveal counts ${JSON.stringify(hr.counts)}, bots' acked answers ${JSON.stringify(acked)}`,
        );
      }
      if (hr.answered !== sum) revealProblems.push(`game ${g} q${q}: reveal answered ${hr.answered}, acked ${sum}`);
      if (hr.correctCount !== ackedCorrect)
        revealProblems.push(`game ${g} q${q}: reveal correct ${hr.correctCount}, acked right ${ackedCorrect}`);
      if (hr.playerCount !== P)
        revealProblems.push(`game ${g} q${q}: reveal playerCount ${hr.playerCount}, expected ${P}`);
      if (seen !== P) revealProblems.push(`game ${g} q${q}: ${seen} of ${P} players accounted for the reveal`);
    }
    const scores = new Map<string, number>();
    for (const r of results) for (const b of r.scores[g] ?? []) scores.set(b.playerId, b.score);
    const over = host.gameOver;
    if (over) {
      if (over.playerCount !== P)
        scoreProblems.push(`game ${g}: gameOver playerCount ${over.playerCount}, expected ${P}`);
      for (const e of over.leaderboard) {
        if (scores.get(e.playerId) !== e.score) {
          scoreProblems.push(
            `game ${g}: leaderboard ${e.name} ${e.score}, sum of its reveals ${scores.get(e.playerId)}`,
          );
        }
      }
      const best = Math.max(0, ...scores.values());
      if ((over.leaderboard[0]?.score ?? 0) !== best)
        scoreProblems.push(`game ${g}: top score ${over.leaderboard[0]?.score}, best bot ${best}`);
    }
    const st = input.stored?.find((x) => x.code === host.code);
    if (input.stored) {
      if (!st) scoreProblems.push(`game ${g}: no stored game ${host.code} found`);
      else {
        if (st.players !== P) scoreProblems.push(`game ${g}: ${st.players} player rows, expected ${P}`);
        let ackedTotal = 0;
        for (let q = 0; q < Q; q++) {
          let n = 0;
          for (const r of results) n += (r.tallies[g]?.[q]?.ackedByChoice ?? []).reduce((a, b) => a + b, 0);
          ackedTotal += n;
          if ((st.answersByQuestion[q] ?? 0) !== n)
            scoreProblems.push(`game ${g} q${q}: ${st.answersByQuestion[q] ?? 0} answer rows stored, ${n} acked`);
        }
        if (st.answers !== ackedTotal) scoreProblems.push(`game ${g}: ${st.answers} answer rows, ${ackedTotal} acked`);
        let wrong = 0;
        for (const [id, score] of scores) if ((st.pointsByPlayer.get(id) ?? 0) !== score) wrong++;
        if (wrong)
          scoreProblems.push(`game ${g}: ${wrong} players' stored points differ from the sum of their reveals`);
      }
    }
  });
  check(
    "every reveal's counts equal the answers the bots had acknowledged",
    revealProblems.length === 0,
    revealProblems.slice(0, 5).join("; ") || `${G * Q} reveals checked`,
  );
  check(
    input.stored ? "leaderboards and stored answers match the bots' own sums" : "leaderboards match the bots' own sums",
    scoreProblems.length === 0,
    scoreProblems.slice(0, 5).join("; ") ||
      (input.stored ? "stored rows = acked answers; stored points = revealed points" : "top-10 checked"),
  );
  mismatches.push(...revealProblems, ...scoreProblems);
  const correctnessOk = checks.every((c) => c.ok);

  // Server cost from workerd's own accounting.
  const cpuJoinMs =
    s.serverBeforeJoin && s.serverBeforeGame ? s.serverBeforeGame.cpuMs - s.serverBeforeJoin.cpuMs : null;
  const cpuGameMs = s.serverBeforeGame && s.serverAfterGame ? s.serverAfterGame.cpuMs - s.serverBeforeGame.cpuMs : null;
  const rssPeakBytes = Math.max(s.rssPeak, s.serverAfterGame?.rssBytes ?? 0, s.rssEnd?.rssBytes ?? 0);

  const lgJoin = results.reduce((n, r) => n + r.cpu.joinMs, 0) + input.mainCpu.joinMs;
  const lgGame = results.reduce((n, r) => n + r.cpu.gameMs, 0) + input.mainCpu.gameMs;
  // The main process's own total includes building and starting the server, so only its two phases count here.
  const lgTotal = results.reduce((n, r) => n + r.cpu.totalMs, 0) + input.mainCpu.joinMs + input.mainCpu.gameMs;

  // Requests and storage per game, from what was observed (formulas in docs/performance.md).
  const reconnectsPerGame = counters.reconnects / G;
  const sockets = P + reconnectsPerGame + 1;
  const alarmsPerGame =
    hosts.reduce((n, h) => {
      let k = 0;
      h.reveals.forEach((r, q) => {
        const st = h.questionServerTime[q];
        if (r && st !== undefined && r.serverTime >= st + config.seconds * 1000) k++;
      });
      // With a lead-in, the alarm opens each question's choices (unless the host skipped it, which the bench does not).
      return n + k + (config.readSeconds > 0 ? h.opensAt.filter((t) => t !== undefined).length : 0);
    }, 0) / G;
  const incomingWs = sockets + counters.answersSent / G + (Q + 1);
  const workerPerGame = 1 + P + sockets + counters.rateLimited / G;
  const doPerGame = 1 + P + sockets + incomingWs / 20 + alarmsPerGame;
  const answersPerGame = counters.acked / G;
  // Rows written: a player insert also writes its primary-key index (TEXT id); the answers table is WITHOUT ROWID,
  // so an answer is one row.
  const rowsWritten = 1 + 2 * P + answersPerGame + (2 * Q + 1) + (2 * Q + 2);

  const perPQ = (v: number) => v / (total * Q);
  const cost = costScenario({
    reconnectsPerPlayer: reconnectsPerGame / P,
    answerShare: counters.answersSent / Math.max(1, total * Q),
    cpuMsPerJoin: cpuJoinMs !== null ? cpuJoinMs / total : null,
  });

  const targets = evaluateTargets({
    total,
    joinSeconds: input.joinSeconds,
    latencyMs,
    cpuPerPQ: cpuGameMs !== null ? cpuGameMs / (total * Q) : null,
    msgsPerPQ: perPQ(gameMsgs),
    bytesPerPQ: perPQ(gameBytes),
    errorsTotal:
      Object.values(errors.server).reduce((a, b) => a + b, 0) +
      Object.values(errors.http).reduce((a, b) => a + b, 0) +
      Object.values(errors.closeCodes).reduce((a, b) => a + b, 0) +
      Object.values(errors.socket).reduce((a, b) => a + b, 0) +
      errors.host.length,
    lost: counters.answersSent - counters.acked,
    correctnessOk,
  });

  const ownNote = input.own ? `soft ${input.own.soft}, hard ${input.own.hard}` : "unknown";
  const report: Report = {
    tool: "trivia-edge bench",
    startedAt: input.startedAt.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadAverage: { before: round(input.loadAverage.before, 2), after: round(input.loadAverage.after, 2) },
      niceness: os.getPriority(),
    },
    config,
    server: {
      measured: input.server?.path ?? `external server at ${input.url} (path not controlled by the bench)`,
      url: input.url,
      build: input.server?.build ?? null,
      startMs: input.server?.startMs ?? null,
      rateLimit:
        input.server?.rateLimit ??
        "not raised by the bench (external server); 429s are retried after Retry-After and counted",
      pid: input.pid,
      openFiles: {
        bench: `${ownNote}${process.env.BENCH_ULIMIT_NOTE ? ` (${process.env.BENCH_ULIMIT_NOTE})` : ""}`,
        server: input.serverLimit
          ? `soft ${input.serverLimit.soft}, hard ${input.serverLimit.hard}`
          : "unknown (not a local process)",
        needed: input.neededServer,
        warning: input.warnings.join("; ") || null,
      },
      logLines: input.server?.logs.lines ?? 0,
      logErrors: input.server?.logs.errors ?? [],
    },
    players: { perGame: P, games: G, total, questions: Q },
    phases: {
      joinSeconds: round(input.joinSeconds, 3),
      joinRatePerSecond: round(total / input.joinSeconds, 1),
      gameSeconds: round(input.gameSeconds, 2),
      totalSeconds: round(input.totalSeconds, 1),
    },
    latencyMs,
    perQuestion,
    serverCost: {
      cpuJoinMs,
      cpuGameMs,
      cpuMsPerJoin: cpuJoinMs !== null ? round(cpuJoinMs / total, 3) : null,
      cpuMsPerPlayerQuestion: cpuGameMs !== null ? round(cpuGameMs / (total * Q), 3) : null,
      rssStartMiB: s.rssStart ? round(s.rssStart.rssBytes / MiB, 1) : null,
      rssPeakMiB: rssPeakBytes ? round(rssPeakBytes / MiB, 1) : null,
      openFilesPeak: s.fdsPeak || null,
      rssEndMiB: s.rssEnd ? round(s.rssEnd.rssBytes / MiB, 1) : null,
    },
    loadGenerator: {
      processes: config.procs,
      cpuJoinMs: round(lgJoin, 0),
      cpuGameMs: round(lgGame, 0),
      cpuTotalMs: round(lgTotal, 0),
      gameCoreShare: round(lgGame / 1000 / Math.max(0.001, input.gameSeconds), 3),
      perProcessTotalMs: results.map((r) => round(r.cpu.totalMs, 0)),
    },
    traffic: {
      perPlayerQuestion: { messages: round(perPQ(gameMsgs), 3), bytes: round(perPQ(gameBytes), 1) },
      perPlayerLobby: { messages: round(lobbyMsgs / total, 3), bytes: round(lobbyBytes / total, 1) },
      byType,
      host: {
        messages: hosts.reduce((n, h) => n + h.traffic.messages, 0),
        bytes: hosts.reduce((n, h) => n + h.traffic.bytes, 0),
      },
    },
    counters,
    errors,
    correctness: { ok: correctnessOk, checks, mismatchCount: mismatches.length, mismatches: mismatches.slice(0, 50) },
    storage: input.stored
      ? {
          source: "each game's SQLite file, read after workerd stopped",
          games: input.stored.map((g) => ({
            code: g.code,
            playerRows: g.players,
            answerRows: g.answers,
            bytes: g.bytes,
          })),
          rowsWrittenPerGame: Math.round(rowsWritten),
          rowsWrittenNote:
            "1 game row + 2 per player (row + primary-key index) + 1 per answer (WITHOUT ROWID table) + 1 clock update per phase change (2Q+1) + about one alarm write per phase change; estimated from the counts above",
        }
      : null,
    requests: {
      workerPerGame: Math.round(workerPerGame),
      durableObjectPerGame: Math.round(doPerGame),
      note: "Worker: create + joins + socket upgrades. Durable Object: create and join RPCs + upgrades + incoming socket messages at 20:1 + alarm invocations",
    },
    cost,
    targets,
    profile: input.profile,
    files: { json: "", svg: "" },
  };
  return { report, chart };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * What one 1,000-player, 10-question game costs at Cloudflare's Workers Paid list prices (beyond the monthly
 * allowances), from this run's per-player counts and the production defaults (20 s questions, 5 s reveals).
 */
function costScenario(input: {
  reconnectsPerPlayer: number;
  answerShare: number;
  cpuMsPerJoin: number | null;
}): Report["cost"] {
  const P = 1000;
  const Q = 10;
  const sockets = 1 + P * (1 + input.reconnectsPerPlayer);
  // Create + host socket; per player a join and its socket upgrades.
  const workerRequests = 1 + P + sockets;
  // Incoming socket messages: a hello per socket, the answers, the host's start and next commands.
  const incomingMessages = sockets + P * input.answerShare * Q + Q + 1;
  // The alarm closes each question and ends each reveal.
  const alarms = 2 * Q;
  const doRequests = 1 + P + sockets + incomingMessages / 20 + alarms;
  // Active (not hibernatable) for a one-minute lobby and every question and reveal, at 128 MB.
  const activeSeconds = 60 + Q * (20 + 5);
  const gbSeconds = activeSeconds * 0.125;
  const rowsWritten = 1 + 2 * P + P * input.answerShare * Q + (2 * Q + 1) + (2 * Q + 2);
  const workerCpuMs = P * 2 * (input.cpuMsPerJoin ?? 1);
  const lines = [
    {
      item: "Workers requests",
      quantity: Math.round(workerRequests),
      unit: "$0.30 / million",
      usd: (workerRequests * 0.3) / 1e6,
    },
    {
      item: "Workers CPU (upper bound: all server CPU per join)",
      quantity: Math.round(workerCpuMs),
      unit: "$0.02 / million ms",
      usd: (workerCpuMs * 0.02) / 1e6,
    },
    {
      item: "Durable Object requests",
      quantity: Math.round(doRequests),
      unit: "$0.15 / million",
      usd: (doRequests * 0.15) / 1e6,
    },
    {
      item: "Durable Object duration (GB-s)",
      quantity: gbSeconds,
      unit: "$12.50 / million GB-s",
      usd: (gbSeconds * 12.5) / 1e6,
    },
    {
      item: "SQLite rows written",
      quantity: Math.round(rowsWritten),
      unit: "$1.00 / million",
      usd: (rowsWritten * 1.0) / 1e6,
    },
  ];
  return {
    scenario:
      "one 1,000-player, 10-question game (20 s questions, 5 s reveals) at Workers Paid list prices, beyond allowances",
    lines: lines.map((l) => ({ ...l, usd: round(l.usd, 6) })),
    totalUsd: round(
      lines.reduce((n, l) => n + l.usd, 0),
      6,
    ),
  };
}

function evaluateTargets(x: {
  total: number;
  joinSeconds: number;
  latencyMs: Report["latencyMs"];
  cpuPerPQ: number | null;
  msgsPerPQ: number;
  bytesPerPQ: number;
  errorsTotal: number;
  lost: number;
  correctnessOk: boolean;
}): Report["targets"] {
  const fan = x.latencyMs["question fan-out"]?.p99 ?? Number.NaN;
  const fromHost = x.latencyMs["question from host cmd"]?.p99 ?? Number.NaN;
  const ack = x.latencyMs["answer ack"]?.p99 ?? Number.NaN;
  const list: Target[] = [];
  const add = (name: string, goal: string, value: string, ok: boolean) => list.push({ name, goal, value, ok });
  let tier: string;
  if (x.total >= 4000) {
    tier = "4,000+ players";
    add("lost answers", "0", String(x.lost), x.lost === 0 && x.correctnessOk);
    add("answer ack p99", "≤ 100 ms", `${ack} ms`, ack <= 100);
    add("question fan-out p99 (server send → receipt)", "≤ 250 ms", `${fan} ms`, fan <= 250);
    add("question fan-out p99 (host command → receipt)", "≤ 250 ms", `${fromHost} ms`, fromHost <= 250);
  } else {
    tier = x.total >= 1000 ? "1,000 players" : `${x.total} players (1,000-player goals shown for reference)`;
    add("all joined", "≤ 3 s", `${x.joinSeconds.toFixed(2)} s`, x.joinSeconds <= 3);
    add("question fan-out p99 (server send → receipt)", "≤ 40 ms", `${fan} ms`, fan <= 40);
    add("question fan-out p99 (host command → receipt)", "≤ 40 ms", `${fromHost} ms`, fromHost <= 40);
    add("answer ack p99", "≤ 15 ms", `${ack} ms`, ack <= 15);
    add(
      "server CPU per player-question",
      "≤ 1.0 ms",
      x.cpuPerPQ === null ? "n/a" : `${x.cpuPerPQ.toFixed(3)} ms`,
      x.cpuPerPQ !== null && x.cpuPerPQ <= 1.0,
    );
    add("messages per player per question", "≤ 4", x.msgsPerPQ.toFixed(2), x.msgsPerPQ <= 4);
    add("bytes per player per question", "≤ 1 KB", `${Math.round(x.bytesPerPQ)} B`, x.bytesPerPQ <= 1024);
    add("errors", "0", String(x.errorsTotal), x.errorsTotal === 0);
    add("mismatches", "0", x.correctnessOk ? "0" : "see correctness", x.correctnessOk);
  }
  return { tier, list, allMet: list.every((t) => t.ok) };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
