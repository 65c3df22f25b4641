import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basePoints,
  competitionRanks,
  normaliseTyped,
  sameSet,
  scoreAnswer,
  streakBonus,
} from "../../worker/game/scoring";

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
