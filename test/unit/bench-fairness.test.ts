/** The bench's fairness figures (--latency), its --latency flag and its fair-timing target, on fixed records. */
import { describe, expect, it } from "vitest";
import { compareQuarters, fairness, speedPoints, type TimedBot } from "../../bench/fairness";
import { parseFlags, UsageError } from "../../bench/flags";
import { evaluateTargets } from "../../bench/targets";

const LIMIT = 20_000;

/**
 * Bots 20…300 ms away each way, all answering after the same think times. `counted` says what the server counted:
 * the full round trip on top (today's rule), or nothing (fair timing).
 */
function bots(n: number, echoes: boolean, counted: (oneWay: number, think: number) => number): TimedBot[] {
  return Array.from({ length: n }, (_, i) => {
    const oneWayMs = 20 + Math.round((280 * i) / (n - 1));
    const answers = [800, 1_500, 3_000].map((thinkMs) => ({ thinkMs, elapsedMs: counted(oneWayMs, thinkMs) }));
    return { oneWayMs, echoes, answers };
  });
}

describe("the fairness figures", () => {
  it("speed points follow the published rule, without streak or double", () => {
    expect(speedPoints(400, LIMIT)).toBe(1000);
    expect(speedPoints(3_000, LIMIT)).toBe(925);
    expect(speedPoints(20_000, LIMIT)).toBe(500);
  });

  it("finds no gap when the server counts each bot's own think time", () => {
    const result = compareQuarters(
      bots(40, true, (_d, think) => think),
      LIMIT,
    );
    expect(result?.gapPoints).toBe(0);
    expect(result?.gapPct).toBe(0);
    expect(result?.fastest.bots).toBe(10);
    expect(result?.slowest.bots).toBe(10);
    expect(result?.fastest.answers).toBe(30);
    expect(result?.slowest.meanOneWayMs).toBeGreaterThan(result?.fastest.meanOneWayMs ?? Number.POSITIVE_INFINITY);
  });

  it("measures what the slowest quarter loses beyond the fastest when the round trip is counted", () => {
    const result = compareQuarters(
      bots(40, false, (d, think) => think + 2 * d),
      LIMIT,
    );
    if (!result) throw new Error("no figures");
    // Each extra ms of round trip costs 1000 / 2 / 20,000 = 0.025 points (before rounding).
    const extraMs = 2 * (result.slowest.meanOneWayMs - result.fastest.meanOneWayMs);
    expect(result.gapPoints).toBeGreaterThan(extraMs * 0.025 - 1);
    expect(result.gapPoints).toBeLessThan(extraMs * 0.025 + 1);
    const due = (result.slowest.meanDuePoints + result.fastest.meanDuePoints) / 2;
    expect(result.gapPct).toBeCloseTo((100 * result.gapPoints) / due, 2);
    expect(result.slowest.meanPoints).toBeLessThan(result.fastest.meanPoints);
  });

  it("compares quarters for the same think time, not bots that happened to think less", () => {
    // The slowest bots think faster: raw points favour them, but their network costs them nothing extra.
    const list = bots(40, true, (_d, think) => think).map((b, i) => ({
      ...b,
      answers: b.answers.map((a) => ({
        thinkMs: a.thinkMs / (i >= 30 ? 2 : 1),
        elapsedMs: a.elapsedMs / (i >= 30 ? 2 : 1),
      })),
    }));
    const result = compareQuarters(list, LIMIT);
    expect(result?.slowest.meanPoints).toBeGreaterThan(result?.fastest.meanPoints ?? 0);
    expect(result?.gapPoints).toBe(0);
  });

  it("splits the run into the bots that echo and those that never do", () => {
    const all = [...bots(20, true, (_d, think) => think), ...bots(20, false, (d, think) => think + 2 * d)];
    const f = fairness(all, LIMIT, { min: 20, max: 300 });
    expect(f.oneWayMs).toEqual({ min: 20, max: 300 });
    expect(f.compensated?.gapPoints).toBe(0);
    expect(f.uncompensated?.gapPoints).toBeGreaterThan(5);
  });

  it("has nothing to compare with fewer than four bots or no answers", () => {
    expect(
      compareQuarters(
        bots(3, true, (_d, t) => t),
        LIMIT,
      ),
    ).toBeNull();
    const silent = bots(8, true, (_d, t) => t).map((b) => ({ ...b, answers: [] }));
    expect(compareQuarters(silent, LIMIT)).toBeNull();
    expect(
      fairness(
        bots(8, true, (_d, t) => t),
        LIMIT,
        { min: 20, max: 300 },
      ).uncompensated,
    ).toBeNull();
  });
});

describe("--latency", () => {
  const config = (...argv: string[]) => {
    const parsed = parseFlags(argv);
    if (parsed.help) throw new Error("help");
    return parsed.config;
  };

  it("takes a fixed delay or a range, and none by default", () => {
    expect(config().latency).toBeNull();
    expect(config("--latency", "150").latency).toEqual({ min: 150, max: 150 });
    expect(config("--latency", "20-300").latency).toEqual({ min: 20, max: 300 });
    expect(config("--latency", "0").latency).toEqual({ min: 0, max: 0 });
  });

  it.each(["300-20", "-5", "fast", "20-", "1-6000", "1.5"])("refuses %s, naming the flag", (raw) => {
    expect(() => config(`--latency=${raw}`)).toThrow(UsageError);
    expect(() => config(`--latency=${raw}`)).toThrow(/--latency must be/);
  });

  it("refuses a delay that would make the slowest bot's answer miss the deadline", () => {
    expect(() => config("--seconds", "5", "--window", "4000", "--latency", "20-300")).toThrow(
      /--window \(4000 ms\) plus the longest round trip/,
    );
    expect(config("--seconds", "5", "--window", "3000", "--latency", "20-300").latency).toEqual({ min: 20, max: 300 });
  });
});

describe("the fair-timing target", () => {
  const base = {
    total: 1000,
    joinSeconds: 2,
    latencyMs: {},
    cpuPerPQ: 0.5,
    msgsPerPQ: 3,
    bytesPerPQ: 900,
    errorsTotal: 0,
    lost: 0,
    correctnessOk: true,
  };
  const target = (gap: number | null) =>
    evaluateTargets({ ...base, fairnessGapPct: gap }).list.find((t) => t.name.startsWith("fair timing"));

  it("is met under 1 % and missed from it, and only shown with --latency", () => {
    expect(target(0.12)).toMatchObject({ ok: true, value: "0.12 %", goal: "< 1 % of the points" });
    expect(target(1.5)?.ok).toBe(false);
    expect(target(-1.2)?.ok).toBe(false);
    expect(target(null)).toBeUndefined();
  });
});
