/** The benchmark's report: its JSON shape, the terminal summary and the SVG chart of latency distributions. */
import path from "node:path";
import type { Correctness, ErrorCounts } from "./checks.ts";
import type { Cost } from "./cost.ts";
import type { CohortFairness, Fairness } from "./fairness.ts";
import type { KillHit } from "./kill-plan.ts";
import type { KillEffects } from "./outages.ts";
import { type Summary, sortedCopy } from "./stats.ts";
import type { Targets } from "./targets.ts";
import type { BenchConfig } from "./workload.ts";

export interface Report {
  tool: "trivia-edge bench";
  startedAt: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    os: string;
    /** 1-minute load average before and after the run: other work on the machine skews every number here. */
    loadAverage: { before: number; after: number };
    /** Scheduling priority the bench ran at (negative: ahead of other work on a shared machine). */
    niceness: number;
  };
  config: BenchConfig;
  server: {
    measured: string;
    url: string;
    build: { command: string; bundleBytes: number; ms: number; checkout?: string } | null;
    startMs: number | null;
    rateLimit: string;
    pid: number | null;
    openFiles: { bench: string; server: string; needed: number; warning: string | null };
    logLines: number;
    logErrors: string[];
  };
  /** A sharded game's coordinator (--shards > 1), per question, from its `round_closed` log lines. */
  coordinator?: {
    shards: number;
    questions: number;
    callsPerQuestion: number | null;
    reportsPerQuestion: number | null;
    summaryBytesPerQuestion: number | null;
    scoreEntries: number | null;
    /** Each question's `round_closed` line as logged. */
    rounds: Record<string, number>[];
  };
  players: { perGame: number; games: number; total: number; questions: number };
  phases: {
    joinSeconds: number;
    joinRatePerSecond: number;
    gameSeconds: number;
    totalSeconds: number;
  };
  latencyMs: Record<string, Summary>;
  /** Question fan-out (server send → receipt) per question, and how long each stayed open. */
  perQuestion: {
    game: number;
    index: number;
    fanoutP50: number;
    fanoutP99: number;
    fanoutMin: number;
    fanoutMax: number;
    openMs: number | null;
  }[];
  serverCost: {
    /** workerd processes the figures add up (1, plus one per --chaos kill). */
    processes: number;
    cpuJoinMs: number | null;
    cpuGameMs: number | null;
    cpuMsPerJoin: number | null;
    cpuMsPerPlayerQuestion: number | null;
    rssStartMiB: number | null;
    rssPeakMiB: number | null;
    /** Most descriptors workerd held at once (sampled each second). */
    openFilesPeak: number | null;
    rssEndMiB: number | null;
  };
  loadGenerator: {
    processes: number;
    cpuJoinMs: number;
    cpuGameMs: number;
    cpuTotalMs: number;
    /** Share of one core the bots used during the game phase. */
    gameCoreShare: number;
    perProcessTotalMs: number[];
  };
  traffic: {
    perPlayerQuestion: { messages: number; bytes: number };
    perPlayerLobby: { messages: number; bytes: number };
    byType: Record<string, { messages: number; bytes: number; perPlayerQuestion: number }>;
    host: { messages: number; bytes: number };
  };
  counters: {
    answersSent: number;
    acked: number;
    skipped: number;
    reconnects: number;
    rateLimited: number;
    httpRetries: number;
    revealsMissed: number;
    finished: number;
    /** Joins tried again after a failed request (a killed server). */
    joinRetries: number;
    /** Answers sent again after a restart lost them. */
    answersResent: number;
    /** Joins stored while their reply was lost (the player joined again under another name). */
    lostJoins: number;
  };
  errors: ErrorCounts;
  correctness: Correctness;
  /** What --chaos did: each kill, where it landed, how fast everyone came back, what was in flight. */
  chaos: ChaosSection | null;
  /** With --latency: the points the slowest-network quarter loses beyond the fastest, with and without fair timing. */
  fairness: Fairness | null;
  storage: {
    source: string;
    games: { code: string; playerRows: number; answerRows: number; bytes: number }[];
    rowsWrittenPerGame: number | null;
    rowsWrittenNote: string;
  } | null;
  requests: { workerPerGame: number; durableObjectPerGame: number; note: string };
  cost: Cost;
  targets: Targets;
  profile: {
    phases: Record<
      string,
      {
        file: string;
        top: { function: string; url: string; selfMs: number; share: number }[];
        /** Time with a function of these sources on the stack (each sample counted once), in ms. */
        sources?: Record<string, number>;
      }
    >;
  } | null;
  files: { json: string; svg: string };
}

export interface ChaosSection {
  seed: number;
  kills: (KillEffects & {
    /** What it was planned as. */
    planned: string;
    /** Where the run was when it came (null: it never came). */
    hit: KillHit | null;
    /** Why it did not come as planned; null when it did. */
    off: string | null;
    /** Seconds into the run. */
    atSeconds: number | null;
    pid: number | null;
    newPid: number | null;
    /** Kill → the new workerd listening, ms. */
    restartMs: number | null;
    /** Kill → every bot and host it cut off welcomed again, ms. */
    backMs: number | null;
  })[];
}

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || Number.isNaN(v) ? "n/a" : v.toFixed(digits);

export function renderSummary(r: Report): string {
  const lines: string[] = [];
  const p = r.players;
  lines.push("");
  lines.push(
    `trivia-edge bench — ${p.total} players (${p.games} game${p.games > 1 ? "s" : ""} × ${p.perGame}), ${p.questions} questions` +
      (r.config.readSeconds > 0
        ? `, ${r.config.readSeconds} s lead-in (fan-out from the planned opening, not the host's command)`
        : "") +
      (r.config.teams > 0 ? `, ${r.config.teams} teams` : ""),
  );
  lines.push(`measured: ${r.server.measured}`);
  lines.push(`rate limit: ${r.server.rateLimit}`);
  lines.push(`open files: bench ${r.server.openFiles.bench}, server ${r.server.openFiles.server}`);
  lines.push(
    `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB; load average ${r.machine.loadAverage.before} before, ${r.machine.loadAverage.after} after; nice ${r.machine.niceness}`,
  );
  if (r.server.openFiles.warning) lines.push(`WARNING: ${r.server.openFiles.warning}`);
  lines.push("");
  lines.push(
    `join: ${fmt(r.phases.joinSeconds, 2)} s for all players (${fmt(r.phases.joinRatePerSecond, 0)} players/s); game: ${fmt(r.phases.gameSeconds, 1)} s`,
  );
  lines.push("");
  lines.push("latency (ms)              count      p50      p95      p99      max");
  for (const [name, s] of Object.entries(r.latencyMs)) {
    if (s.count === 0) continue;
    lines.push(
      `  ${name.padEnd(22)} ${String(s.count).padStart(7)} ${fmt(s.p50).padStart(8)} ${fmt(s.p95).padStart(8)} ${fmt(s.p99).padStart(8)} ${fmt(s.max).padStart(8)}`,
    );
  }
  lines.push("");
  const c = r.serverCost;
  lines.push(
    `server CPU: ${fmt(c.cpuMsPerPlayerQuestion, 3)} ms per player-question (game ${fmt((c.cpuGameMs ?? Number.NaN) / 1000, 2)} s), ${fmt(c.cpuMsPerJoin, 3)} ms per join; RSS ${fmt(c.rssStartMiB, 0)} → peak ${fmt(c.rssPeakMiB, 0)} MiB; open files peak ${c.openFilesPeak ?? "n/a"}`,
  );
  const lg = r.loadGenerator;
  lines.push(
    `load generator CPU: ${fmt(lg.cpuTotalMs / 1000, 2)} s over ${lg.processes} bot processes + main (game phase ${fmt(lg.gameCoreShare * 100, 0)}% of one core)`,
  );
  const t = r.traffic;
  lines.push(
    `per player per question: ${fmt(t.perPlayerQuestion.messages, 2)} messages, ${fmt(t.perPlayerQuestion.bytes, 0)} bytes; lobby per player: ${fmt(t.perPlayerLobby.messages, 2)} messages, ${fmt(t.perPlayerLobby.bytes, 0)} bytes`,
  );
  lines.push(
    `answers: ${r.counters.answersSent} sent, ${r.counters.acked} acked, ${r.counters.skipped} skipped on purpose; reconnects ${r.counters.reconnects} (${r.counters.revealsMissed} reveals missed while away, settled and checked)`,
  );
  const errs = { ...r.errors.server, ...r.errors.http, ...r.errors.socket };
  const closeCodes = Object.entries(r.errors.closeCodes);
  lines.push(
    `errors: ${Object.keys(errs).length ? JSON.stringify(errs) : "none"}; unexpected closes: ${closeCodes.length ? JSON.stringify(r.errors.closeCodes) : "none"}${r.errors.host.length ? `; host: ${r.errors.host.join("; ")}` : ""}`,
  );
  if (r.storage) {
    lines.push(`storage: ${storedRows(r.storage.games)}; ≈${r.storage.rowsWrittenPerGame} rows written per game`);
  }
  if (r.coordinator) {
    const c = r.coordinator;
    lines.push(
      `coordinator (${c.shards} shards), per question: ${c.callsPerQuestion} calls to shards, ${c.reportsPerQuestion} reports from them, summaries ${c.summaryBytesPerQuestion} bytes (${c.scoreEntries} distinct scores)`,
    );
  }
  lines.push(`cost: ${r.cost.scenario}: $${r.cost.totalUsd.toFixed(4)}`);
  if (r.chaos) lines.push("", ...renderChaos(r.chaos));
  lines.push("");
  lines.push(`correctness: ${r.correctness.ok ? "OK" : "FAILED"}`);
  for (const check of r.correctness.checks) {
    if (!check.ok || !r.correctness.ok) lines.push(`  ${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`);
  }
  for (const m of r.correctness.mismatches.slice(0, 10)) lines.push(`  mismatch: ${m}`);
  lines.push("");
  if (r.fairness) {
    const f = r.fairness;
    lines.push(
      `fairness (one-way delay ${f.oneWayMs.min}-${f.oneWayMs.max} ms per bot; slowest quarter vs fastest, per answer, for the same think time):`,
    );
    const row = (label: string, c: CohortFairness | null) =>
      c
        ? `  ${label}: ${fmt(c.slowest.meanOneWayMs, 0)} vs ${fmt(c.fastest.meanOneWayMs, 0)} ms one way; points ${fmt(c.slowest.meanPoints, 1)} vs ${fmt(c.fastest.meanPoints, 1)} (due ${fmt(c.slowest.meanDuePoints, 1)} vs ${fmt(c.fastest.meanDuePoints, 1)}); gap ${fmt(c.gapPoints, 2)} points = ${fmt(c.gapPct, 2)} %`
        : `  ${label}: too few bots to compare`;
    lines.push(row("with fair timing (bots that echo)   ", f.compensated));
    lines.push(row("without (bots that never echo)      ", f.uncompensated));
    lines.push("");
  }
  lines.push(`targets (${r.targets.tier}):`);
  for (const target of r.targets.list) {
    lines.push(`  ${target.ok ? "met   " : "MISSED"} ${target.name}: ${target.value} (goal ${target.goal})`);
  }
  for (const [phase, prof] of Object.entries(r.profile?.phases ?? {})) {
    lines.push("");
    lines.push(`workerd profile of the ${phase} phase (${prof.file}), hottest functions by self time:`);
    const sources = Object.entries(prof.sources ?? {}).filter(([, ms]) => ms > 0);
    if (sources.length)
      lines.push(`  inclusive: ${sources.map(([src, ms]) => `${path.basename(src)} ${fmt(ms, 1)} ms`).join(", ")}`);
    for (const f of prof.top.slice(0, 12)) {
      lines.push(
        `  ${fmt(f.share * 100, 1).padStart(5)}%  ${fmt(f.selfMs, 0).padStart(6)} ms  ${f.function || "(anonymous)"}  ${f.url}`,
      );
    }
  }
  lines.push("");
  lines.push(`report: ${r.files.json}`);
  lines.push(`chart:  ${r.files.svg}`);
  return lines.join("\n");
}

/** Each game's stored rows, games with the same counts told once ("50 games: 20 player rows, 100 answer rows each"). */
function storedRows(games: readonly { playerRows: number; answerRows: number }[]): string {
  const same = new Map<string, number>();
  for (const g of games) {
    const rows = `${g.playerRows} player rows, ${g.answerRows} answer rows`;
    same.set(rows, (same.get(rows) ?? 0) + 1);
  }
  return [...same].map(([rows, n]) => (n > 1 ? `${n} games: ${rows} each` : rows)).join("; ");
}

/** The chaos section as a table: one line per kill. */
function renderChaos(c: ChaosSection): string[] {
  const ms = (v: number | null) => (v === null ? "n/a" : v >= 10_000 ? `${fmt(v / 1000, 1)} s` : `${Math.round(v)} ms`);
  const header = [
    "kill",
    "planned",
    "hit",
    "restart",
    "all back",
    "reconnect p50 / p99",
    "answers in flight: kept / refused (resent)",
    "sent into the outage",
    "joins in flight: stored / not",
  ];
  const rows = c.kills.map((k, i) => {
    const hit = k.hit
      ? k.hit.question !== null && ["ready", "question", "reveal"].includes(k.hit.phase)
        ? `${k.hit.phase} ${k.hit.question + 1} (${k.hit.acked} acked)`
        : `${k.hit.phase} (${k.hit.joined} joined)`
      : "never came";
    const a = k.answers;
    return [
      String(i + 1),
      k.planned,
      hit,
      ms(k.restartMs),
      ms(k.backMs),
      `${fmt(k.reconnectMs.p50, 0)} / ${fmt(k.reconnectMs.p99, 0)} ms`,
      `${a.inFlight}: ${a.kept} / ${a.refused} (${a.resentAcked})`,
      String(a.sentIntoOutage),
      `${k.joins.inFlight}: ${k.joins.storedReplyLost} / ${k.joins.notStored}`,
    ];
  });
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] as string).length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, col) => cell.padEnd(widths[col] as number)).join("  ")}`.trimEnd();
  const lines = [
    `chaos: ${c.kills.length} kills of workerd with SIGKILL (seed ${c.seed}), each restarted on the same state and port`,
    line(header),
  ];
  rows.forEach((row, i) => {
    lines.push(line(row));
    const off = c.kills[i]?.off;
    if (off) lines.push(`        NOT AS PLANNED: ${off}`);
  });
  return lines;
}

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563"];

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * One chart: the cumulative distribution of each phase's latency on a logarithmic time axis (how many of the
 * samples arrived within x ms), with each phase's p50/p95/p99/max in the legend.
 */
export function renderSvg(title: string, series: Record<string, ArrayLike<number>>): string {
  const width = 1040;
  const height = 560;
  const m = { left: 70, right: 390, top: 56, bottom: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const entries = Object.entries(series).filter(([, s]) => s.length > 0);
  let maxV = 1;
  for (const [, s] of entries) for (let i = 0; i < s.length; i++) maxV = Math.max(maxV, s[i] as number);
  const lo = 0.1;
  const hi = 10 ** Math.ceil(Math.log10(maxV));
  const x = (v: number) =>
    m.left + ((Math.log10(Math.max(lo, v)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW;
  const y = (share: number) => m.top + (1 - share) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="${m.left}" y="28" font-size="16" font-weight="600">${escapeXml(title)}</text>`);
  for (let d = Math.log10(lo); d <= Math.log10(hi); d++) {
    const v = 10 ** d;
    const xv = x(v);
    out.push(`<line x1="${xv}" y1="${m.top}" x2="${xv}" y2="${m.top + plotH}" stroke="#e5e7eb"/>`);
    out.push(
      `<text x="${xv}" y="${m.top + plotH + 18}" text-anchor="middle">${v >= 1 ? v.toLocaleString("en-US") : v}</text>`,
    );
  }
  for (const share of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
    const yv = y(share);
    out.push(`<line x1="${m.left}" y1="${yv}" x2="${m.left + plotW}" y2="${yv}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${m.left - 8}" y="${yv + 4}" text-anchor="end">${Math.round(share * 100)}%</text>`);
  }
  out.push(
    `<text x="${m.left + plotW / 2}" y="${height - 14}" text-anchor="middle">latency, ms (log scale)</text>`,
    `<text x="18" y="${m.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 18 ${m.top + plotH / 2})">share of samples at or below</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`,
  );
  entries.forEach(([name, samples], i) => {
    const sorted = sortedCopy(samples);
    const color = COLORS[i % COLORS.length];
    const steps = Math.min(400, sorted.length);
    const pts: string[] = [];
    for (let k = 0; k <= steps; k++) {
      const idx = Math.min(sorted.length - 1, Math.floor((k / steps) * (sorted.length - 1)));
      pts.push(`${x(sorted[idx] as number).toFixed(1)},${y((idx + 1) / sorted.length).toFixed(1)}`);
    }
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(" ")}"/>`);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
    const ly = m.top + 10 + i * 52;
    const lx = m.left + plotW + 24;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="3"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}" font-weight="600">${escapeXml(name)} (${sorted.length})</text>`);
    out.push(
      `<text x="${lx + 30}" y="${ly + 22}">p50 ${q(0.5).toFixed(1)} · p95 ${q(0.95).toFixed(1)} · p99 ${q(0.99).toFixed(1)} · max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("\n");
}
