/**
 * `npm run bench -- [flags]`: plays whole games with simulated players against the real server and reports latency,
 * server cost, traffic and correctness. See docs/performance.md for the flags, the workload and measured results.
 *
 * `main` below is the run, top to bottom: read the flags (flags.ts); start the server under test (under-test.ts,
 * server.ts) and sample workerd's CPU and memory from /proc (proc.ts); create each game and connect its host
 * (host.ts); fork the bot fleet and hand out the players (fleet.ts, bots.ts); with --chaos, set the kills going
 * (chaos.ts, kill-plan.ts); join; play; collect what the bots recorded; stop the server and read back what it
 * stored; put the report together (assemble.ts: figures.ts, checks.ts, outages.ts, cost.ts, targets.ts) and write it
 * (report.ts). Exit status: 0 when every check passes, 1 on any mismatch or error (and, with --strict, on a missed
 * target), 2 on bad flags.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildReport } from "./assemble.ts";
import { Chaos } from "./chaos.ts";
import { HELP, parseFlags, UsageError } from "./flags.ts";
import { assignBots, BotFleet } from "./fleet.ts";
import { HostBot } from "./host.ts";
import type { Progress } from "./ipc.ts";
import { describeKill, planKills } from "./kill-plan.ts";
import { openFilesLimit, ROOT, watchPeaks } from "./proc.ts";
import { connectProfiler } from "./profile.ts";
import { type Report, renderSummary, renderSvg } from "./report.ts";
import { Terminal } from "./terminal.ts";
import { ServerUnderTest } from "./under-test.ts";
import { type AuthoredQuestion, type BenchConfig, epochNow, makeQuestions, sleep } from "./workload.ts";

async function main(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${HELP}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { config } = flags;
  const startedAt = new Date();
  const term = new Terminal(config.quiet);
  const questions = makeQuestions(config.questions);
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > 1.5) {
    term.say(
      `note: the machine's load average is ${loadBefore.toFixed(2)} before the run; other work skews the numbers`,
    );
  }
  const base = resultsPrefix(config, startedAt);
  const openFiles = openFilesBudget(config);

  const server = await ServerUnderTest.open(config, term.say);
  openFiles.checkServer(server.pid);
  const peaks = watchPeaks(() => server.pid);
  const fleet = new BotFleet(config.procs);
  const hosts: HostBot[] = [];
  let chaos: Chaos | null = null;
  try {
    const rssStart = server.sample();
    hosts.push(...(await createGames(server.url, config, questions)));
    const codes = hosts.map((h) => h.code);
    const watch = config.chaos ? Chaos.watch(config.questions) : undefined;
    await fleet.init(server.url, config, assignBots(codes, config, questions), watch);
    const bundle = server.local ? path.join(server.local.tmpDir, "bundle", "index.js") : undefined;
    const profiler =
      config.profile && server.inspectorPort ? await connectProfiler(server.inspectorPort, bundle) : null;
    const run: Run = { config, term, server, fleet, hosts, profiler, profile: {}, base };
    if (config.chaos) {
      const plan = planKills(config.chaos, config.seed, config);
      term.say(`chaos: ${plan.length} kills planned (seed ${config.seed}): ${plan.map(describeKill).join("; ")}`);
      chaos = new Chaos(plan, { server, fleet, hosts, totalPlayers: config.players * config.games, say: term.say });
      chaos.start();
    }

    const join = await joinPhase(run);
    // Players a kill during the joins cut off are back before the first question (chaos.ts).
    await chaos?.settled();
    const game = await gamePhase(run);
    await chaos?.stop();
    const results = await fleet.collect();
    for (const h of hosts) h.close();
    const rssEnd = server.sample();
    peaks.stop();
    const stored = await server.stopAndReadStorage();

    const { report, chart } = buildReport({
      config,
      argv,
      startedAt,
      local: server.local,
      url: server.url,
      pid: server.pid,
      openFiles,
      hosts,
      hostFailures: game.hostFailures,
      fleet: { results, fatal: fleet.fatal, allDone: game.botsDone },
      seconds: { join: join.seconds, game: game.seconds, total: (Date.now() - startedAt.getTime()) / 1000 },
      samples: {
        rssStart,
        serverBeforeJoin: join.serverBefore,
        serverBeforeGame: game.serverBefore,
        serverAfterGame: game.serverAfter,
        rssEnd,
        rssPeak: peaks.rssPeak,
        fdsPeak: peaks.fdsPeak,
      },
      mainCpu: {
        joinMs: cpuMs(game.mainBefore) - cpuMs(join.mainBefore),
        gameMs: cpuMs(game.mainAfter) - cpuMs(game.mainBefore),
      },
      stored,
      kills: chaos?.kills ?? [],
      profile: profiler ? { phases: run.profile } : null,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    });
    writeResults(report, chart, base);
    if (!config.quiet) process.stdout.write(`${renderSummary(report)}\n`);
    return report.correctness.ok && (!config.strict || report.targets.allMet) ? 0 : 1;
  } catch (err) {
    term.end();
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    return 1;
  } finally {
    peaks.stop();
    await chaos?.stop();
    for (const h of hosts) h.close();
    fleet.kill();
    await server.dispose();
  }
}

/** What the phases share. */
interface Run {
  config: BenchConfig;
  term: Terminal;
  server: ServerUnderTest;
  fleet: BotFleet;
  hosts: HostBot[];
  profiler: Awaited<ReturnType<typeof connectProfiler>> | null;
  /** The profiler's findings by phase (with --profile). */
  profile: NonNullable<Report["profile"]>["phases"];
  /** Path and name prefix of the result files. */
  base: string;
}

/** Each game created with the bench's questions, its host connected. */
async function createGames(url: string, config: BenchConfig, questions: AuthoredQuestion[]): Promise<HostBot[]> {
  const hosts: HostBot[] = [];
  for (let g = 0; g < config.games; g++) {
    const host = new HostBot(url, config, questions, `Bench game ${g + 1}`);
    await host.create();
    await host.connect();
    hosts.push(host);
  }
  return hosts;
}

/** Every bot joins over HTTP, connects and says hello. */
async function joinPhase({ config, term, server, fleet, profiler, profile, base }: Run) {
  const players = config.players * config.games;
  term.begin("joining", players, `joining ${players} players ...`);
  const started = epochNow();
  const onProgress = (t: Progress) => {
    const rate = Math.round(t.ready / Math.max((epochNow() - started) / 1000, 0.001));
    term.update(t.ready, `connected · ${rate}/s`);
  };
  fleet.on("progress", onProgress);
  await profiler?.start();
  const serverBefore = server.sample();
  const mainBefore = process.cpuUsage();
  // A kill while players join stalls every join in flight for the restart and the phones' back-off.
  const timeoutMs = Math.max(60_000, players * 30) + (config.chaos ? 60_000 : 0);
  const joined = await fleet.join(timeoutMs);
  const seconds = (epochNow() - started) / 1000;
  fleet.off("progress", onProgress);
  const ready = fleet.total().ready;
  term.end();
  if (profiler) profile.join = await profiler.stop(base, "join");
  term.say(`joined ${ready}/${players} in ${seconds.toFixed(2)} s`);
  if (!joined) {
    throw new Error(fleet.fatal ?? `only ${ready} of ${players} players joined within ${timeoutMs / 1000} s`);
  }
  return { seconds, serverBefore, mainBefore };
}

/** Each host starts after its pause and advances after every reveal; the bots play on their own. */
async function gamePhase({ config, term, server, fleet, hosts, profiler, profile, base }: Run) {
  const players = config.players * config.games;
  await profiler?.start();
  const serverBefore = server.sample();
  const mainBefore = process.cpuUsage();
  term.begin("playing", players * config.questions, `playing ${config.questions} questions ...`);
  const started = epochNow();
  const onProgress = (t: Progress) => {
    const q = Math.min(config.questions, Math.floor(t.reveals / Math.max(1, players)) + 1);
    term.update(t.reveals, `player-questions · question ${q}/${config.questions} · ${t.acked} acks`);
  };
  fleet.on("progress", onProgress);
  // Each kill can hold its question open to the deadline (players cut off get their chance) and costs a restart.
  const timeoutMs =
    config.questions * ((config.seconds + config.readSeconds) * 1000 + config.hostWaitMs + 10_000) +
    30_000 +
    config.chaos * 30_000;
  const allDone = fleet.play(timeoutMs);
  const hostResults = await Promise.allSettled(hosts.map((h) => h.play(timeoutMs)));
  // Once the hosts are through, the bots get 15 s more to report their own gameOver.
  const botsDone = await Promise.race([allDone, sleep(15_000).then(() => false)]);
  const ended = epochNow();
  const serverAfter = server.sample();
  const mainAfter = process.cpuUsage();
  fleet.off("progress", onProgress);
  term.end();
  if (profiler) {
    profile.game = await profiler.stop(base, "game");
    profiler.close();
  }
  const hostFailures = hostResults.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
  for (const failure of hostFailures) term.say(`host: ${failure}`);
  const seconds = (ended - started) / 1000;
  term.say(`game finished in ${seconds.toFixed(1)} s`);
  return { seconds, serverBefore, serverAfter, mainBefore, mainAfter, hostFailures, botsDone };
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

/** Where the JSON report and the chart go: --out, named by --label or the run's time and size. */
function resultsPrefix(config: BenchConfig, startedAt: Date): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[:.]/g, "-")
    .replace(/-\d{3}Z$/, "Z");
  const players = config.players * config.games;
  return path.join(path.resolve(ROOT, config.out), config.label ?? `${stamp}-${players}p-${config.questions}q`);
}

/**
 * Open files: workerd holds about two per player socket, each bot process one per socket plus its HTTP pool. The
 * report warns when a limit is lower than the run needs.
 */
function openFilesBudget(config: BenchConfig) {
  const players = config.players * config.games;
  const needed = players * 2 + config.games * 4 + 200;
  const neededBots = Math.ceil(players / config.procs) + config.joinConcurrency + 100;
  const own = openFilesLimit("self");
  const warnings: string[] = [];
  if (own && own.soft < Math.max(neededBots, config.url ? 0 : needed)) {
    warnings.push(
      `the open-files limit is ${own.soft} (hard ${own.hard}) but this run needs about ${Math.max(neededBots, needed)}; ${
        process.env.BENCH_ULIMIT_NOTE ??
        "run it through `npm run bench`, which raises the limit, or `ulimit -n 20000` first"
      }`,
    );
  }
  const budget = {
    own,
    server: null as ReturnType<typeof openFilesLimit>,
    needed,
    warnings,
    /** Reads the server's own limit, once it runs. */
    checkServer(pid: number | null): void {
      budget.server = pid ? openFilesLimit(pid) : null;
      if (budget.server && budget.server.soft < needed) {
        warnings.push(`workerd's open-files limit is ${budget.server.soft}; ${players} players need about ${needed}`);
      }
    },
  };
  return budget;
}

function writeResults(report: Report, chart: Record<string, Float64Array>, base: string): void {
  fs.mkdirSync(path.dirname(base), { recursive: true });
  report.files = { json: `${base}.json`, svg: `${base}.svg` };
  fs.writeFileSync(report.files.json, `${JSON.stringify(report, null, 2)}\n`);
  const kills = report.chaos ? `, ${report.chaos.kills.length} kills of workerd` : "";
  const title = `trivia-edge: ${report.players.total} players, ${report.players.questions} questions${kills} — latency by phase`;
  fs.writeFileSync(report.files.svg, renderSvg(title, chart));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
