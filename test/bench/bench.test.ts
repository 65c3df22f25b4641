/**
 * The load generator end to end, small: 20 bots play a 2-question game against the production bundle in workerd,
 * some of them leave questions unanswered and some drop and reconnect. Only correctness is asserted (every answer
 * acknowledged once, reveals equal to what the bots sent, scores equal to the revealed points, stored rows equal to
 * the acks), never timing: the machine running the tests may be busy. A second small game kills workerd twice
 * (--chaos) and must pass the same checks.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeKill, planKills } from "../../bench/kill-plan.ts";
import type { Report } from "../../bench/report.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function bench(args: string[]) {
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };
  return spawnSync("bash", ["bench/run.sh", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 170_000 });
}

describe("npm run bench", () => {
  it("plays a small game with reconnects and skipped answers, and every check passes", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    const run = bench([
      "--players",
      "20",
      "--questions",
      "2",
      "--seconds",
      "5",
      "--window",
      "1500",
      "--never",
      "0.15",
      "--reconnect",
      "0.3",
      // Delayed both ways, so reconnects and acks are checked with messages in flight; half the bots echo probes.
      "--latency",
      "0-40",
      "--quiet",
      "--out",
      out,
      "--label",
      "small",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "small.json"), "utf8")) as Report;
    expect(report.correctness.mismatches).toEqual([]);
    expect(report.correctness.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.correctness.ok).toBe(true);
    expect(report.players.total).toBe(20);
    expect(report.counters.finished).toBe(20);
    expect(report.counters.acked).toBe(report.counters.answersSent);
    expect(report.counters.answersSent + report.counters.skipped).toBe(40);
    expect(report.counters.skipped).toBeGreaterThan(0);
    expect(report.counters.reconnects).toBeGreaterThan(0);
    expect(report.storage?.games[0]?.answerRows).toBe(report.counters.acked);
    // Fairness is reported for both halves (its figures are timing, so only their presence is asserted here).
    expect(report.fairness?.oneWayMs).toEqual({ min: 0, max: 40 });
    expect(report.fairness?.compensated?.fastest.bots).toBe(2);
    expect(report.fairness?.uncompensated?.slowest.bots).toBe(2);
    expect(report.server.measured).toMatch(/no wrangler dev proxy/);
    expect(report.server.rateLimit).toMatch(/raised in the bench's miniflare configuration/);
    expect(fs.readFileSync(path.join(out, "small.svg"), "utf8")).toMatch(/^<svg[\s\S]*answer ack[\s\S]*<\/svg>$/);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("kills workerd during the joins and mid-reveal, restarts it, and every check still passes", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-chaos-"));
    const flags = { players: 20, questions: 2, answerWindowMs: 1500, hostWaitMs: 500 };
    // Seed 15 kills while the players join and in the middle of the first reveal.
    const plan = planKills(2, 15, flags);
    expect(plan.map((k) => k.phase)).toEqual(["join", "reveal"]);
    const run = bench([
      ...["--players", "20", "--questions", "2", "--seconds", "5", "--window", "1500"],
      // Few joins at once, so that the kill during the joins finds players still joining.
      ...["--join-concurrency", "4", "--chaos", "2", "--seed", "15", "--quiet", "--out", out, "--label", "chaos"],
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "chaos.json"), "utf8")) as Report;
    expect(report.correctness.mismatches).toEqual([]);
    expect(report.correctness.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.correctness.checks.map((c) => c.name)).toContain("no player lost a question to a restart");
    const kills = report.chaos?.kills ?? [];
    expect(kills.map((k) => k.planned)).toEqual(plan.map(describeKill));
    expect(kills.map((k) => k.hit?.phase)).toEqual(["joining", "reveal"]);
    for (const k of kills) {
      expect(k.off).toBeNull();
      // A new workerd on the same port, and every player it cut off welcomed back with its token.
      expect(k.newPid).not.toBe(k.pid);
      expect(k.restartMs).toBeGreaterThan(0);
      expect(k.backMs).toBeGreaterThanOrEqual(k.restartMs ?? 0);
      expect(k.cutOff).toBeGreaterThan(0);
      expect(k.back).toBe(k.cutOff);
      expect(k.hostsBackMs[0]).toBeGreaterThan(0);
      expect(k.incidents["close 1006"]).toBeGreaterThan(0);
    }
    expect(report.serverCost.processes).toBe(3);
    expect(report.counters.finished).toBe(20);
    // Every answer counts once: acknowledged, or kept by the dying server without its ack.
    const kept = kills.reduce((n, k) => n + k.answers.kept - k.answers.keptAcked, 0);
    expect(report.storage?.games[0]?.answerRows).toBe(report.counters.acked + kept);
    expect(report.storage?.games[0]?.playerRows).toBe(20 + report.counters.lostJoins);
    expect(fs.readFileSync(path.join(out, "chaos.svg"), "utf8")).toMatch(/back after a kill/);
  });

  it("plays a game over 3 shards with reconnects and skipped answers, every check passing", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    const run = bench([
      "--players",
      "24",
      "--questions",
      "2",
      "--seconds",
      "5",
      "--window",
      "1500",
      "--never",
      "0.15",
      "--reconnect",
      "0.3",
      "--shards",
      "3",
      "--quiet",
      "--out",
      out,
      "--label",
      "sharded",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "sharded.json"), "utf8")) as Report;
    expect(report.correctness.mismatches).toEqual([]);
    expect(report.correctness.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.counters.finished).toBe(24);
    expect(report.counters.acked).toBe(report.counters.answersSent);
    expect(report.counters.reconnects).toBeGreaterThan(0);
    // Rows stored over the game's objects add up to the acknowledged answers.
    expect(report.storage?.games).toHaveLength(1);
    expect(report.storage?.games[0]?.answerRows).toBe(report.counters.acked);
    // The coordinator: three calls per shard per question (schedule, close, reveal).
    expect(report.coordinator).toMatchObject({ shards: 3, questions: 2 });
    expect(report.coordinator?.rounds.every((r) => r.calls === 9)).toBe(true);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("plays a game with a lead-in: bots answer once the choices open, reconnects in a lead-in settle, checks pass", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    const args = ["--players", "12", "--questions", "3", "--seconds", "5", "--window", "1000", "--read-seconds", "1"];
    const run = bench([...args, "--reconnect", "0.5", "--quiet", "--out", out, "--label", "lead-in"]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "lead-in.json"), "utf8")) as Report;
    expect(report.config.readSeconds).toBe(1);
    expect(report.correctness.mismatches).toEqual([]);
    expect(report.correctness.ok).toBe(true);
    expect(report.counters.acked).toBe(report.counters.answersSent);
    expect(report.counters.finished).toBe(12);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("plays a team game (--teams): every check passes", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    const args = ["--players", "12", "--questions", "2", "--seconds", "5", "--window", "1000", "--teams", "3"];
    const run = bench([...args, "--quiet", "--out", out, "--label", "teams"]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "teams.json"), "utf8")) as Report;
    expect(report.config.teams).toBe(3);
    expect(report.correctness.mismatches).toEqual([]);
    expect(report.counters.finished).toBe(12);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("refuses a team count the server would refuse", () => {
    for (const teams of ["1", "9"]) {
      const run = bench(["--teams", teams]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--teams must be (0 \(no teams\) or )?a whole number from [02] to 8/);
    }
    const sharded = bench(["--teams", "2", "--shards", "2"]);
    expect(sharded.status).toBe(2);
    expect(sharded.stderr).toMatch(/--teams and --shards above 1 do not go together/);
  });

  it("refuses a bad flag with a message that names it", () => {
    const run = bench(["--players", "many"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--players must be a whole number from 1 to 10000; got "many"/);
  });

  it("refuses more kills than the game has moments for, and kills with --url", () => {
    let run = bench(["--questions", "2", "--chaos", "4"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--chaos 4 does not fit 2 questions: at most 3 kills/);
    run = bench(["--url", "http://127.0.0.1:8787", "--chaos", "1"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--chaos kills the bench's own workerd, so it cannot be combined with --url/);
  });

  it("refuses a lead-in the server would refuse", () => {
    const run = bench(["--read-seconds", "11"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--read-seconds must be a whole number from 0 to 10; got "11"/);
  });

  it("refuses an answer window that runs past the question's time limit", () => {
    const run = bench(["--seconds", "5", "--window", "6000"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--window \(6000 ms\) must end at least 500 ms before the question's time limit/);
  });
});
