/**
 * Puts the report together once the run is over: the measured figures (figures.ts), the correctness verdict
 * (checks.ts, from the bots' ledgers, the hosts and storage), the server's cost from workerd's own accounting, the
 * per-game requests and rows and the price of a standard game (cost.ts), and the targets (targets.ts).
 */
import os from "node:os";
import type { KillRecord } from "./chaos.ts";
import { checkRun, type RunRecord } from "./checks.ts";
import { costScenario, requestsPerGame, rowsWrittenPerGame } from "./cost.ts";
import { fairness } from "./fairness.ts";
import { errorCount, latency, tally, traffic } from "./figures.ts";
import type { HostBot } from "./host.ts";
import type { BotResult } from "./ipc.ts";
import { type KillEffects, killEffects } from "./outages.ts";
import type { ProcSample } from "./proc.ts";
import type { ChaosSection, Report } from "./report.ts";
import type { LocalServer, StoredGameFacts } from "./server.ts";
import { round } from "./stats.ts";
import { evaluateTargets } from "./targets.ts";
import type { BenchConfig } from "./workload.ts";

type Limit = { soft: number; hard: number } | null;

export interface RunOutcome {
  config: BenchConfig;
  /** The bench's own flags, for the report's command line. */
  argv: string[];
  startedAt: Date;
  /** The bench's own server; null with --url. */
  local: LocalServer | null;
  url: string;
  pid: number | null;
  openFiles: { own: Limit; server: Limit; needed: number; warnings: string[] };
  hosts: HostBot[];
  /** Why a host's game failed, if one did. */
  hostFailures: string[];
  fleet: { results: BotResult[]; fatal: string | null; allDone: boolean };
  seconds: { join: number; game: number; total: number };
  samples: {
    rssStart: ProcSample | null;
    serverBeforeJoin: ProcSample | null;
    serverBeforeGame: ProcSample | null;
    serverAfterGame: ProcSample | null;
    rssEnd: ProcSample | null;
    rssPeak: number;
    fdsPeak: number;
  };
  /** The main process's CPU in the join and game phases, ms. */
  mainCpu: { joinMs: number; gameMs: number };
  stored: StoredGameFacts[] | null;
  /** The kills of --chaos, as they happened (empty without). */
  kills: KillRecord[];
  profile: Report["profile"];
  loadAverage: { before: number; after: number };
}

const MiB = 1024 * 1024;

export function buildReport(run: RunOutcome): { report: Report; chart: Record<string, Float64Array> } {
  const { config, hosts } = run;
  const { results } = run.fleet;
  const P = config.players;
  const G = config.games;
  const Q = config.questions;
  const total = P * G;
  const s = run.samples;

  const { latencyMs, perQuestion, chart } = latency(results, hosts, Q, config.readSeconds, config.shards);
  const { counters, errors, incidentsPerKill } = tally(results, hosts, run.hostFailures, run.kills);
  const played = traffic(results, hosts, total, total * Q);
  const record = runRecord(run, errors);
  const correctness = checkRun(record);
  const chaos = run.kills.length ? chaosSection(run, killEffects(record, incidentsPerKill)) : null;
  if (chaos) {
    // Each player's way back: kill → its first welcome after it.
    chart["back after a kill"] = Float64Array.from(
      record.bots.flatMap((b) =>
        b.cutOffs.flatMap((c) => {
          const kill = run.kills[c.kill];
          return kill && c.backAt !== null ? [c.backAt - kill.at] : [];
        }),
      ),
    );
  }
  const fair = config.latency
    ? fairness(
        results.flatMap((r) => r.timing),
        config.seconds * 1000,
        config.latency,
      )
    : null;

  // Server cost from workerd's own accounting.
  const cpuJoinMs =
    s.serverBeforeJoin && s.serverBeforeGame ? s.serverBeforeGame.cpuMs - s.serverBeforeJoin.cpuMs : null;
  const cpuGameMs = s.serverBeforeGame && s.serverAfterGame ? s.serverAfterGame.cpuMs - s.serverBeforeGame.cpuMs : null;
  const rssPeakBytes = Math.max(s.rssPeak, s.serverAfterGame?.rssBytes ?? 0, s.rssEnd?.rssBytes ?? 0);

  const lgJoin = results.reduce((n, r) => n + r.cpu.joinMs, 0) + run.mainCpu.joinMs;
  const lgGame = results.reduce((n, r) => n + r.cpu.gameMs, 0) + run.mainCpu.gameMs;
  // The main process's own total includes building and starting the server, so only its two phases count here.
  const lgTotal = results.reduce((n, r) => n + r.cpu.totalMs, 0) + run.mainCpu.joinMs + run.mainCpu.gameMs;

  // Requests and storage per game, from what was observed (formulas in docs/performance.md).
  const requests = requestsPerGame({
    players: P,
    questions: Q,
    reconnects: counters.reconnects / G,
    answers: counters.answersSent / G,
    alarms: alarmsPerGame(hosts, config),
    rateLimited: counters.rateLimited / G,
  });
  const rowsWritten = rowsWrittenPerGame(P, Q, counters.acked / G);
  const cost = costScenario({
    reconnectsPerPlayer: counters.reconnects / G / P,
    answerShare: counters.answersSent / Math.max(1, total * Q),
    cpuMsPerJoin: cpuJoinMs !== null ? cpuJoinMs / total : null,
  });

  const targets = evaluateTargets({
    total,
    joinSeconds: run.seconds.join,
    latencyMs,
    cpuPerPQ: cpuGameMs !== null ? cpuGameMs / (total * Q) : null,
    msgsPerPQ: played.perPlayerQuestion.messages,
    bytesPerPQ: played.perPlayerQuestion.bytes,
    errorsTotal: errorCount(errors),
    lost: counters.answersSent - counters.acked,
    correctnessOk: correctness.ok,
    kills: run.kills.length,
    fairnessGapPct: fair?.compensated?.gapPct ?? null,
  });

  const local = run.local;
  const ownNote = run.openFiles.own ? `soft ${run.openFiles.own.soft}, hard ${run.openFiles.own.hard}` : "unknown";
  const report: Report = {
    tool: "trivia-edge bench",
    startedAt: run.startedAt.toISOString(),
    command: `npm run bench -- ${run.argv.join(" ")}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadAverage: { before: round(run.loadAverage.before, 2), after: round(run.loadAverage.after, 2) },
      niceness: os.getPriority(),
    },
    config,
    server: {
      measured: local?.path ?? `external server at ${run.url} (path not controlled by the bench)`,
      url: run.url,
      build: local?.build ?? null,
      startMs: local?.startMs ?? null,
      rateLimit:
        local?.rateLimit ?? "not raised by the bench (external server); 429s are retried after Retry-After and counted",
      pid: run.pid,
      openFiles: {
        bench: `${ownNote}${process.env.BENCH_ULIMIT_NOTE ? ` (${process.env.BENCH_ULIMIT_NOTE})` : ""}`,
        server: run.openFiles.server
          ? `soft ${run.openFiles.server.soft}, hard ${run.openFiles.server.hard}`
          : "unknown (not a local process)",
        needed: run.openFiles.needed,
        warning: run.openFiles.warnings.join("; ") || null,
      },
      logLines: local?.logs.lines ?? 0,
      logErrors: local?.logs.errors ?? [],
    },
    ...(config.shards > 1 ? { coordinator: coordinatorWork(local?.logs.rounds ?? [], config.shards) } : {}),
    players: { perGame: P, games: G, total, questions: Q },
    phases: {
      joinSeconds: round(run.seconds.join, 3),
      joinRatePerSecond: round(total / run.seconds.join, 1),
      gameSeconds: round(run.seconds.game, 2),
      totalSeconds: round(run.seconds.total, 1),
    },
    latencyMs,
    perQuestion,
    serverCost: {
      processes: 1 + run.kills.filter((k) => k.newPid !== null).length,
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
      gameCoreShare: round(lgGame / 1000 / Math.max(0.001, run.seconds.game), 3),
      perProcessTotalMs: results.map((r) => round(r.cpu.totalMs, 0)),
    },
    traffic: played.section,
    counters,
    errors,
    correctness,
    chaos,
    fairness: fair,
    storage: run.stored
      ? {
          source: "each game's SQLite file, read after workerd stopped",
          games: run.stored.map((g) => ({
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
      workerPerGame: Math.round(requests.worker),
      durableObjectPerGame: Math.round(requests.durableObject),
      note: "Worker: create + joins + socket upgrades. Durable Object: create and join RPCs + upgrades + incoming socket messages at 20:1 + alarm invocations",
    },
    cost,
    targets,
    profile: run.profile,
    files: { json: "", svg: "" },
  };
  return { report, chart };
}

/** The report's chaos section: each kill as it happened, with what it did to the players. */
function chaosSection(run: RunOutcome, effects: KillEffects[]): ChaosSection {
  const started = run.startedAt.getTime();
  return {
    seed: run.config.seed,
    kills: run.kills.map((k, i) => ({
      planned: k.planned,
      hit: k.hit,
      off: k.off,
      atSeconds: k.hit ? round((k.at - started) / 1000, 2) : null,
      pid: k.pid,
      newPid: k.newPid,
      restartMs: k.upAt === null ? null : Math.round(k.upAt - k.at),
      backMs: k.backAt === null ? null : Math.round(k.backAt - k.at),
      ...(effects[i] as KillEffects),
    })),
  };
}

/**
 * Alarms per game: questions closed by their alarm (the time limit ran out) rather than by the last answer, and with
 * a lead-in the alarm that opens each question's choices (unless the host skipped it, which the bench does not).
 */
function alarmsPerGame(hosts: HostBot[], config: BenchConfig): number {
  let alarms = 0;
  for (const h of hosts) {
    h.reveals.forEach((r, q) => {
      const st = h.questionServerTime[q];
      if (r && st !== undefined && r.serverTime >= st + config.seconds * 1000) alarms++;
    });
    if (config.readSeconds > 0) alarms += h.opensAt.filter((t) => t !== undefined).length;
  }
  return alarms / config.games;
}

/** The plain records the checks judge, from what the bot processes, the hosts and storage reported. */
function runRecord(run: RunOutcome, errors: Report["errors"]): RunRecord {
  const { config } = run;
  const { results } = run.fleet;
  return {
    plan: {
      players: config.players,
      games: config.games,
      procs: config.procs,
      choices: (run.hosts[0]?.questions ?? []).map((q) => q.choices.length),
      questionMs: config.seconds * 1000,
    },
    fleet: { fatal: run.fleet.fatal, reported: results.length, allDone: run.fleet.allDone },
    bots: results.flatMap((r) => r.ledgers),
    revealViews: results.map((r) => r.tallies),
    streamProblems: {
      count: results.reduce((n, r) => n + r.streamProblems.count, 0),
      kept: results.flatMap((r) => r.streamProblems.kept),
    },
    hosts: run.hosts,
    hostFailures: run.hostFailures,
    errors,
    stored: run.stored,
    kills: run.kills,
  };
}

/** A sharded game's coordinator per question: its calls to the shards, the shards' reports, the summaries' size. */
function coordinatorWork(rounds: Record<string, number>[], shards: number): Report["coordinator"] {
  const mean = (k: string, of = rounds) =>
    of.length ? Math.round((of.reduce((n, r) => n + (r[k] ?? 0), 0) / of.length) * 10) / 10 : null;
  return {
    shards,
    questions: rounds.length,
    callsPerQuestion: mean("calls"),
    // The first question's count also holds every report of the join phase: the others are one question each.
    reportsPerQuestion: mean("reports", rounds.length > 1 ? rounds.slice(1) : rounds),
    rounds,
    summaryBytesPerQuestion: mean("summaryBytes"),
    scoreEntries: mean("scoreEntries"),
  };
}
