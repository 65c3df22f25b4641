/**
 * The performance targets (issue 5), by tier: a run of fewer than 4,000 players is held to the 1,000-player goals,
 * a larger one to the large-game goals. Pure: unit-tested with fixed inputs (test/unit/bench-targets.test.ts).
 */
import type { Summary } from "./stats.ts";

export interface Target {
  name: string;
  goal: string;
  value: string;
  ok: boolean;
}

/** The report's targets section. */
export interface Targets {
  tier: string;
  list: Target[];
  allMet: boolean;
}

export interface Measured {
  /** Players over all games. */
  total: number;
  joinSeconds: number;
  latencyMs: Record<string, Summary>;
  /** Server CPU per player-question, ms; null when it was not measured. */
  cpuPerPQ: number | null;
  msgsPerPQ: number;
  bytesPerPQ: number;
  errorsTotal: number;
  /** Answers sent and never acknowledged. */
  lost: number;
  correctnessOk: boolean;
  /** Kills of workerd during the run (--chaos): its timings include the restarts, so only correctness is judged. */
  kills?: number;
  /** With --latency: the fair-timing gap between the slowest and the fastest network quarter, %; else null. */
  fairnessGapPct?: number | null;
}

/** The performance targets of issue 5 for the run's size, each met or missed. */
export function evaluateTargets(x: Measured): Targets {
  const fan = x.latencyMs["question fan-out"]?.p99 ?? Number.NaN;
  const fromHost = x.latencyMs["question from host cmd"]?.p99 ?? Number.NaN;
  const ack = x.latencyMs["answer ack"]?.p99 ?? Number.NaN;
  const list: Target[] = [];
  const add = (name: string, goal: string, value: string, ok: boolean) => list.push({ name, goal, value, ok });
  let tier: string;
  if (x.kills) {
    tier = `${x.kills} kills of workerd (--chaos): correctness only, the timings include the restarts`;
    add("errors", "0", String(x.errorsTotal), x.errorsTotal === 0);
    add("mismatches", "0", x.correctnessOk ? "0" : "see correctness", x.correctnessOk);
  } else if (x.total >= 4000) {
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
  if (x.fairnessGapPct !== undefined && x.fairnessGapPct !== null) {
    const gap = x.fairnessGapPct;
    add(
      "fair timing: slowest vs fastest network quarter",
      "< 1 % of the points",
      `${gap.toFixed(2)} %`,
      Math.abs(gap) < 1,
    );
  }
  return { tier, list, allMet: list.every((t) => t.ok) };
}
