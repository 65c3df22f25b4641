/**
 * What the run measured, summed over the bot processes and the hosts: latency by phase (with the samples the chart
 * draws), question fan-out per question, counters, errors and the traffic players received.
 */
import type { HostBot } from "./host.ts";
import type { BotResult } from "./ipc.ts";
import { type Outage, sortIncidents } from "./outages.ts";
import type { Report } from "./report.ts";
import { addCounts, concat, round, summarize } from "./stats.ts";

/** The phases drawn in the SVG chart, in its legend's order. */
const CHARTED = [
  "join (HTTP)",
  "question fan-out",
  "question from host cmd",
  "answer ack",
  "reveal fan-out",
  "reconnect",
] as const;

export interface Latency {
  latencyMs: Report["latencyMs"];
  perQuestion: Report["perQuestion"];
  /** The samples behind the chart, by phase. */
  chart: Record<string, Float64Array>;
}

/** Latency samples from every bot process, plus question fan-out measured from each host's command. */
export function latency(
  results: BotResult[],
  hosts: HostBot[],
  questions: number,
  readSeconds = 0,
  shards = 1,
): Latency {
  const pick = (k: keyof BotResult["samples"]) => concat(results.map((r) => r.samples[k]));
  const fromHost: number[] = [];
  const commandToServer: number[] = [];
  const perQuestion: Report["perQuestion"] = [];
  hosts.forEach((host, g) => {
    for (let q = 0; q < questions; q++) {
      // With a lead-in the alarm sends the choices at the planned opening, not the host's command: fan-out is measured
      // from there (and "host cmd → server" becomes how late the alarm sent them).
      // A sharded game schedules each question a little ahead and its shards open it at that instant: the same.
      const sent = readSeconds > 0 ? host.opensAt[q] : shards > 1 ? host.startedAt[q] : host.commandAt[q];
      if (sent === undefined) continue;
      // A sharded game's host gets the question as it is scheduled; its shards send it at the planned opening.
      const st = shards > 1 ? host.startedAt[q] : host.questionServerTime[q];
      const command = shards > 1 ? host.commandAt[q] : sent;
      const hostSaw = host.questionServerTime[q];
      if (hostSaw !== undefined && command !== undefined) commandToServer.push(hostSaw - command);
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
  for (const k of CHARTED) chart[k] = series[k] as Float64Array;
  const latencyMs: Report["latencyMs"] = {};
  for (const [k, v] of Object.entries(series)) latencyMs[k] = summarize(v);
  latencyMs["host cmd → server"] = summarize(commandToServer);
  return { latencyMs, perQuestion, chart };
}

/**
 * The bots' counters and errors summed, with the hosts' errors and failures. Connection failures (closes, socket
 * errors, failed requests) are errors unless a kill explains them: those are counted per kill instead (outages.ts).
 */
export function tally(
  results: BotResult[],
  hosts: HostBot[],
  hostFailures: string[],
  kills: readonly Outage[],
): { counters: Report["counters"]; errors: Report["errors"]; incidentsPerKill: Record<string, number>[] } {
  const counters: Report["counters"] = {
    answersSent: 0,
    acked: 0,
    skipped: 0,
    reconnects: 0,
    rateLimited: 0,
    httpRetries: 0,
    revealsMissed: 0,
    finished: 0,
    joinRetries: 0,
    answersResent: 0,
    lostJoins: 0,
  };
  const errors: Report["errors"] = {
    server: {},
    http: {},
    closeCodes: {},
    socket: {},
    host: hosts.flatMap((h) => h.errors).concat(hostFailures),
  };
  for (const r of results) {
    counters.answersSent += r.counters.answersSent;
    counters.acked += r.counters.acked;
    counters.skipped += r.counters.skipped;
    counters.reconnects += r.counters.reconnects;
    counters.rateLimited += r.counters.rateLimited;
    counters.httpRetries += r.counters.httpRetries;
    counters.revealsMissed += r.counters.revealsMissed;
    counters.joinRetries += r.counters.joinRetries;
    counters.answersResent += r.counters.answersResent;
    counters.lostJoins += r.ledgers.reduce((n, l) => n + l.lostJoins.length, 0);
    counters.finished += r.finished;
    addCounts(errors.server, r.errors.server);
    addCounts(errors.http, r.errors.http);
  }
  const clients = [
    ...results
      .flatMap((r) => r.ledgers)
      .map((b) => ({
        incidents: b.incidents,
        backAt: (k: number) => b.cutOffs.find((c) => c.kill === k)?.backAt ?? null,
      })),
    ...hosts.map((h) => ({
      incidents: h.incidents,
      backAt: (k: number) => h.welcomes.find((w) => w > (kills[k]?.at ?? Number.POSITIVE_INFINITY)) ?? null,
    })),
  ];
  const sorted = sortIncidents(clients, kills);
  const bucket = { close: errors.closeCodes, socket: errors.socket, http: errors.http };
  for (const incident of sorted.errors) addCounts(bucket[incident.kind], { [incident.what]: 1 });
  return { counters, errors, incidentsPerKill: sorted.perKill };
}

/** Every error the run saw, for the "errors" target. */
export function errorCount(errors: Report["errors"]): number {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  return sum(errors.server) + sum(errors.http) + sum(errors.closeCodes) + sum(errors.socket) + errors.host.length;
}

/**
 * What players received: in the lobby (before the first question) and in the game (from it to the end), by
 * message type; `playerQuestions` is players × questions.
 */
export function traffic(results: BotResult[], hosts: HostBot[], players: number, playerQuestions: number) {
  const game: Record<string, { messages: number; bytes: number }> = {};
  let lobbyMsgs = 0;
  let lobbyBytes = 0;
  for (const r of results) {
    for (const t of Object.values(r.traffic.lobby)) {
      lobbyMsgs += t.messages;
      lobbyBytes += t.bytes;
    }
    for (const [type, t] of Object.entries(r.traffic.game)) {
      const row = game[type] ?? { messages: 0, bytes: 0 };
      row.messages += t.messages;
      row.bytes += t.bytes;
      game[type] = row;
    }
  }
  let gameMsgs = 0;
  let gameBytes = 0;
  const byType: Report["traffic"]["byType"] = {};
  for (const [type, t] of Object.entries(game)) {
    gameMsgs += t.messages;
    gameBytes += t.bytes;
    byType[type] = { ...t, perPlayerQuestion: round(t.messages / playerQuestions, 3) };
  }
  const section: Report["traffic"] = {
    perPlayerQuestion: {
      messages: round(gameMsgs / playerQuestions, 3),
      bytes: round(gameBytes / playerQuestions, 1),
    },
    perPlayerLobby: { messages: round(lobbyMsgs / players, 3), bytes: round(lobbyBytes / players, 1) },
    byType,
    host: {
      messages: hosts.reduce((n, h) => n + h.traffic.messages, 0),
      bytes: hosts.reduce((n, h) => n + h.traffic.bytes, 0),
    },
  };
  // Unrounded, for the targets.
  return { section, perPlayerQuestion: { messages: gameMsgs / playerQuestions, bytes: gameBytes / playerQuestions } };
}
