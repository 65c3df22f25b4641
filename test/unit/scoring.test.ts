import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerCredit,
  basePoints,
  competitionRanks,
  normaliseTyped,
  sameSet,
  scoreAnswer,
  sliderCredit,
  streakBonus,
} from "../../worker/game/scoring";
import type { GameQuestion } from "../../worker/game/state";

describe("basePoints: Kahoot's round(1000 × (1 − (t/T)/2))", () => {
  it("gives the full 1000 up to and including 500 ms", () => {
    expect(basePoints(0, 20_000)).toBe(1000);
    expect(basePoints(250, 20_000)).toBe(1000);
    expect(basePoints(500, 20_000)).toBe(1000);
    expect(basePoints(500, 5_000)).toBe(1000);
  });

  it("follows the formula after 500 ms", () => {
    expect(basePoints(501, 20_000)).toBe(Math.round(1000 * (1 - 501 / 20_000 / 2)));
    expect(basePoints(501, 20_000)).toBe(987);
    expect(basePoints(5_000, 20_000)).toBe(875);
    expect(basePoints(10_000, 20_000)).toBe(750);
    expect(basePoints(1_234, 5_000)).toBe(877);
    expect(basePoints(20_000, 20_000)).toBe(500);
  });

  it("never drops below half points, even for a time past the limit", () => {
    expect(basePoints(25_000, 20_000)).toBe(500);
  });

  it("matches the formula for any time within the limit", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 5, max: 120 })
          .chain((s) => fc.tuple(fc.constant(s * 1000), fc.integer({ min: 501, max: s * 1000 }))),
        ([T, t]) => {
          const p = basePoints(t, T);
          expect(p).toBe(Math.round(1000 * (1 - t / T / 2)));
          expect(p).toBeGreaterThanOrEqual(500);
          expect(p).toBeLessThanOrEqual(1000);
          expect(basePoints(t + 1, T)).toBeLessThanOrEqual(p);
        },
      ),
    );
  });
});

describe("streakBonus: +min(100 × (k − 1), 500) for the k-th correct answer in a row", () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 100],
    [3, 200],
    [5, 400],
    [6, 500],
    [7, 500],
    [50, 500],
  ])("k = %i gives %i", (k, bonus) => {
    expect(streakBonus(k)).toBe(bonus);
  });
});

describe("scoreAnswer", () => {
  const base = { kind: "choice" as const, durationMs: 20_000, double: false, elapsedMs: 0 };

  it("scores a correct answer with speed and streak", () => {
    expect(scoreAnswer({ ...base, answered: true, correct: true, streakBefore: 0 })).toEqual({
      correct: true,
      points: 1000,
      streak: 1,
    });
    expect(scoreAnswer({ ...base, answered: true, correct: true, elapsedMs: 5_000, streakBefore: 2 })).toEqual({
      correct: true,
      points: 875 + 200,
      streak: 3,
    });
  });

  it("doubles the base points of a double question but not the streak bonus", () => {
    expect(
      scoreAnswer({ ...base, double: true, answered: true, correct: true, elapsedMs: 10_000, streakBefore: 1 }),
    ).toEqual({ correct: true, points: 750 * 2 + 100, streak: 2 });
  });

  it("gives nothing for a wrong or a missing answer and resets the streak", () => {
    expect(scoreAnswer({ ...base, answered: true, correct: false, streakBefore: 4 })).toEqual({
      correct: false,
      points: 0,
      streak: 0,
    });
    expect(scoreAnswer({ ...base, answered: false, correct: false, streakBefore: 4 })).toEqual({
      correct: false,
      points: 0,
      streak: 0,
    });
  });

  it("gives a wrong answer its credit's share of the speed points (doubled if double), no bonus, and ends the streak", () => {
    expect(scoreAnswer({ ...base, answered: true, correct: false, credit: 0.5, streakBefore: 4 })).toEqual({
      correct: false,
      points: 500,
      streak: 0,
    });
    expect(
      scoreAnswer({
        ...base,
        double: true,
        answered: true,
        correct: false,
        credit: 1 / 3,
        elapsedMs: 10_000,
        streakBefore: 1,
      }),
    ).toEqual({ correct: false, points: 500, streak: 0 });
    // Credit is clamped to 0–1, and a missing answer earns nothing whatever its credit.
    expect(scoreAnswer({ ...base, answered: true, correct: false, credit: 7, streakBefore: 0 }).points).toBe(1000);
    expect(scoreAnswer({ ...base, answered: true, correct: false, credit: -1, streakBefore: 0 }).points).toBe(0);
    expect(scoreAnswer({ ...base, answered: false, correct: false, credit: 1, streakBefore: 2 }).points).toBe(0);
  });

  it("neither scores a poll nor touches the streak", () => {
    expect(scoreAnswer({ ...base, kind: "poll", answered: true, correct: true, streakBefore: 3 })).toEqual({
      correct: false,
      points: 0,
      streak: 3,
    });
  });
});

describe("competitionRanks", () => {
  it('shares a rank between equal scores and skips the next ("1224")', () => {
    expect(competitionRanks([300, 200, 200, 100])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([9, 8, 7])).toEqual([1, 2, 3]);
    expect(competitionRanks([])).toEqual([]);
  });

  it("ranks each score one more than the number of strictly higher scores", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 }), { maxLength: 40 }), (scores) => {
        const sorted = [...scores].sort((a, b) => b - a);
        const ranks = competitionRanks(sorted);
        sorted.forEach((s, i) => {
          expect(ranks[i]).toBe(sorted.filter((x) => x > s).length + 1);
        });
      }),
    );
  });
});

describe("typed answers and sets", () => {
  it("ignores case, accents, punctuation, spacing and one leading article", () => {
    expect(normaliseTyped("The Beatles")).toBe(normaliseTyped(" beatles "));
    expect(normaliseTyped("Café")).toBe("cafe");
    expect(normaliseTyped("Rock'n'Roll!")).toBe(normaliseTyped("rocknroll"));
    expect(normaliseTyped("Le Havre")).toBe("havre");
    expect(normaliseTyped("Paris")).not.toBe(normaliseTyped("Parish"));
  });

  it("compares index sets regardless of order", () => {
    expect(sameSet([0, 2], [2, 0])).toBe(true);
    expect(sameSet([0, 2], [0, 1])).toBe(false);
    expect(sameSet([0], [0, 0])).toBe(false);
  });
});

describe("sliderCredit: 1 within the tolerance, then linearly to 0 at a tenth of the range beyond it", () => {
  const years = { min: 1900, max: 2020, step: 1, correct: 1969, tolerance: 2 };

  it("follows the rule at the documented points", () => {
    expect(sliderCredit(years, 1969)).toBe(1);
    expect(sliderCredit(years, 1967)).toBe(1);
    expect(sliderCredit(years, 1971)).toBe(1);
    // Range 120: the falloff is 12 years beyond the tolerance.
    expect(sliderCredit(years, 1972)).toBeCloseTo(1 - 1 / 12, 12);
    expect(sliderCredit(years, 1963)).toBeCloseTo(2 / 3, 12);
    expect(sliderCredit(years, 1961)).toBeCloseTo(0.5, 12);
    expect(sliderCredit(years, 1983)).toBe(0);
    expect(sliderCredit(years, 2020)).toBe(0);
    // Off the scale or between steps earns nothing (the engine refuses those before scoring).
    expect(sliderCredit(years, 1969.5)).toBe(0);
    expect(sliderCredit(years, 2030)).toBe(0);
  });

  it("is exact with decimal steps", () => {
    const ph = { min: 0, max: 14, step: 0.1, correct: 7, tolerance: 0.3 };
    expect(sliderCredit(ph, 7.3)).toBe(1);
    expect(sliderCredit(ph, 0.1 + 0.2 + 7)).toBe(1);
    expect(sliderCredit(ph, 7.4)).toBeCloseTo(1 - 1 / 14, 12);
    expect(sliderCredit(ph, 8.7)).toBe(0);
  });

  it("never rises with distance, stays within 0–1 and is symmetric around the right value", () => {
    fc.assert(
      fc.property(
        fc.record({
          steps: fc.integer({ min: 1, max: 1000 }),
          step: fc.constantFrom(1, 0.5, 0.1, 0.25, 5, 1000),
          min: fc.integer({ min: -1000, max: 1000 }),
          right: fc.nat(),
          tolerance: fc.nat({ max: 20 }),
          a: fc.nat(),
          b: fc.nat(),
        }),
        ({ steps, step, min, right, tolerance, a, b }) => {
          const q = {
            min,
            max: min + steps * step,
            step,
            correct: min + (right % (steps + 1)) * step,
            tolerance: tolerance * step,
          };
          const [near, far] = [a % (steps + 1), b % (steps + 1)].sort(
            (x, y) => Math.abs(x * step + min - q.correct) - Math.abs(y * step + min - q.correct),
          ) as [number, number];
          const c = (k: number) => sliderCredit(q, min + k * step);
          expect(c(near)).toBeGreaterThanOrEqual(c(far) - 1e-12);
          expect(c(near)).toBeGreaterThanOrEqual(0);
          expect(c(near)).toBeLessThanOrEqual(1);
          const k = (q.correct - min) / step;
          if (k + near <= steps && k - near >= 0) expect(c(k + near)).toBeCloseTo(c(k - near), 12);
        },
      ),
    );
  });
});

describe("answerCredit of an order", () => {
  const q = { kind: "order", choices: ["c", "a", "b"], correct: [1, 2, 0] } as GameQuestion;
  it("is 1 for the exact order only", () => {
    expect(answerCredit(q, [1, 2, 0])).toBe(1);
    expect(answerCredit(q, [1, 0, 2])).toBe(0);
    expect(answerCredit(q, [0, 1, 2])).toBe(0);
    expect(answerCredit(q, [1, 2])).toBe(0);
  });
});
