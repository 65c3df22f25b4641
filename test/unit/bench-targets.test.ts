/** The bench's performance targets, on fixed figures. */
import { describe, expect, it } from "vitest";
import type { Summary } from "../../bench/stats";
import { evaluateTargets, type Measured } from "../../bench/targets";

const p99 = (v: number): Summary => ({ count: 1, min: v, mean: v, p50: v, p95: v, p99: v, max: v });

/** The 1,000-player run measured before the split, with its fan-out under the goal. */
const run: Measured = {
  total: 1000,
  joinSeconds: 2.02,
  latencyMs: { "question fan-out": p99(38), "question from host cmd": p99(39.5), "answer ack": p99(11.86) },
  cpuPerPQ: 0.506,
  msgsPerPQ: 3.21,
  bytesPerPQ: 924,
  errorsTotal: 0,
  lost: 0,
  correctnessOk: true,
  kills: 0,
};

describe("the performance targets", () => {
  it("hold a 1,000-player run to the 1,000-player goals", () => {
    const targets = evaluateTargets(run);
    expect(targets.tier).toBe("1,000 players");
    expect(targets.allMet).toBe(true);
    expect(targets.list.map((t) => `${t.name}: ${t.value} (goal ${t.goal})`)).toEqual([
      "all joined: 2.02 s (goal ≤ 3 s)",
      "question fan-out p99 (server send → receipt): 38 ms (goal ≤ 40 ms)",
      "question fan-out p99 (host command → receipt): 39.5 ms (goal ≤ 40 ms)",
      "answer ack p99: 11.86 ms (goal ≤ 15 ms)",
      "server CPU per player-question: 0.506 ms (goal ≤ 1.0 ms)",
      "messages per player per question: 3.21 (goal ≤ 4)",
      "bytes per player per question: 924 B (goal ≤ 1 KB)",
      "errors: 0 (goal 0)",
      "mismatches: 0 (goal 0)",
    ]);
  });

  it("name each goal a run misses", () => {
    const targets = evaluateTargets({
      ...run,
      joinSeconds: 3.2,
      latencyMs: { ...run.latencyMs, "question fan-out": p99(51.05) },
      cpuPerPQ: null,
      bytesPerPQ: 1025,
      errorsTotal: 2,
      correctnessOk: false,
    });
    expect(targets.allMet).toBe(false);
    expect(targets.list.filter((t) => !t.ok).map((t) => `${t.name}: ${t.value}`)).toEqual([
      "all joined: 3.20 s",
      "question fan-out p99 (server send → receipt): 51.05 ms",
      "server CPU per player-question: n/a",
      "bytes per player per question: 1025 B",
      "errors: 2",
      "mismatches: see correctness",
    ]);
  });

  it("show the 1,000-player goals for reference below 1,000 players, and miss a phase that was never measured", () => {
    const targets = evaluateTargets({ ...run, total: 600, latencyMs: {} });
    expect(targets.tier).toBe("600 players (1,000-player goals shown for reference)");
    expect(targets.list.filter((t) => !t.ok).map((t) => t.name)).toEqual([
      "question fan-out p99 (server send → receipt)",
      "question fan-out p99 (host command → receipt)",
      "answer ack p99",
    ]);
  });

  it("hold 4,000 players and more to the large-game goals, where a lost answer or a mismatch is a miss", () => {
    const big = {
      ...run,
      total: 4000,
      latencyMs: { "question fan-out": p99(180), "question from host cmd": p99(186), "answer ack": p99(76) },
    };
    expect(evaluateTargets(big)).toMatchObject({ tier: "4,000+ players", allMet: true });
    expect(evaluateTargets(big).list.map((t) => t.name)).toEqual([
      "lost answers",
      "answer ack p99",
      "question fan-out p99 (server send → receipt)",
      "question fan-out p99 (host command → receipt)",
    ]);
    expect(evaluateTargets({ ...big, lost: 3 }).list[0]).toEqual({
      name: "lost answers",
      goal: "0",
      value: "3",
      ok: false,
    });
    expect(evaluateTargets({ ...big, correctnessOk: false }).allMet).toBe(false);
    expect(evaluateTargets({ ...big, latencyMs: { ...big.latencyMs, "answer ack": p99(106) } }).allMet).toBe(false);
  });

  it("judge a run with kills of workerd by its correctness alone: its timings include the restarts", () => {
    const slow = { ...run, joinSeconds: 5.35, latencyMs: { ...run.latencyMs, "answer ack": p99(1093) }, kills: 5 };
    const targets = evaluateTargets(slow);
    expect(targets.tier).toBe("5 kills of workerd (--chaos): correctness only, the timings include the restarts");
    expect(targets.list.map((t) => t.name)).toEqual(["errors", "mismatches"]);
    expect(targets.allMet).toBe(true);
    expect(evaluateTargets({ ...slow, correctnessOk: false }).allMet).toBe(false);
  });
});
