/**
 * Scoring of every question kind through the engine, with a hand-driven clock so points are exact:
 * an answer `t` ms into a question of `T` ms earns round(1000 × (1 − (t/T)/2)) when correct (1000 up to 500 ms),
 * doubled for a double question, plus the streak bonus.
 */

import type { QuizQuestion } from "@protocol/schemas";
import type { AnswerChoice, PlayerResult, ServerMessageOf } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { type Effect, prepareQuestion } from "../../worker/game/engine";
import { Sim, seededRandom, sent } from "./harness";

function revealIn(effects: readonly Effect[]) {
  const e = effects.find((x) => x.type === "sendEach" && x.message.type === "reveal");
  if (e?.type !== "sendEach") throw new Error(`no reveal in ${effects.map((x) => x.type).join(",")}`);
  return {
    message: e.message as ServerMessageOf<"reveal">,
    you: (id: string) => e.you(id) as PlayerResult | undefined,
  };
}

/** Plays one question: each player answers `ms` after it opens (in order), then the host closes it. */
function play(sim: Sim, answers: [string, AnswerChoice, number][]) {
  const opened = sim.now;
  const from = sim.log.length;
  for (const [id, choice, ms] of answers) {
    sim.at(opened + ms);
    sim.give(id, choice);
  }
  // The question closes by itself once every connected player has answered; otherwise the host closes it.
  if (sim.state.clock.phase === "question") sim.ok({ type: "command", command: "next" });
  return revealIn(sim.log.slice(from));
}

/** A game of `questions` with the given players, started, the host advancing by hand. */
function game(questions: QuizQuestion[], names: string[]) {
  const sim = new Sim({ questions, settings: { revealSeconds: 0, questionSeconds: 20 } });
  const ids = names.map((n) => sim.player(n));
  sim.ok({ type: "command", command: "start" });
  return { sim, ids };
}

function next(sim: Sim) {
  sim.ok({ type: "command", command: "next" });
}

/** The index the game shuffled `label` to in question `index`. */
function at(sim: Sim, label: string, index = sim.state.clock.index): number {
  const i = sim.state.questions[index]?.choices.indexOf(label) ?? -1;
  if (i < 0) throw new Error(`no choice ${label}`);
  return i;
}

describe("choice", () => {
  it("scores the one correct choice by speed and nothing for the others", () => {
    const { sim, ids } = game(
      [{ kind: "choice", text: "Red planet?", choices: ["Venus", "Mars", "Jupiter", "Saturn"], correct: 1 }],
      ["A", "B", "C"],
    );
    const [a, b, c] = ids as [string, string, string];
    const r = play(sim, [
      [a, at(sim, "Mars"), 400],
      [b, at(sim, "Mars"), 5000],
      [c, at(sim, "Venus"), 100],
    ]);
    expect(r.message.correct).toEqual({ choices: [at(sim, "Mars")] });
    expect(r.message.counts[at(sim, "Mars")]).toBe(2);
    expect(r.message.counts[at(sim, "Venus")]).toBe(1);
    expect(r.message.correctCount).toBe(2);
    expect(r.you(a)).toMatchObject({ correct: true, points: 1000, streak: 1, rank: 1 });
    expect(r.you(b)).toMatchObject({ correct: true, points: 875, streak: 1, rank: 2 });
    expect(r.you(c)).toMatchObject({ correct: false, points: 0, streak: 0, rank: 3 });
  });

  it("refuses an answer of the wrong shape or out of range, changing nothing", () => {
    const { sim, ids } = game([{ kind: "choice", text: "Q?", choices: ["a", "b", "c"], correct: 0 }], ["A"]);
    const a = ids[0] as string;
    for (const choice of [3, [0], "a"] as AnswerChoice[]) {
      const outcome = sim.answer(a, choice);
      expect(outcome).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    }
    expect(sim.state.answers.size).toBe(0);
  });
});

describe("truefalse", () => {
  it("shows True then False (never shuffled) and scores the right one", () => {
    const { sim, ids } = game(
      [
        { kind: "truefalse", text: "The Sun is a star.", correct: true },
        { kind: "truefalse", text: "Bats are birds.", correct: false },
      ],
      ["A", "B"],
    );
    const [a, b] = ids as [string, string];
    expect(sim.state.questions.map((q) => [q.choices, q.correct])).toEqual([
      [["True", "False"], [0]],
      [["True", "False"], [1]],
    ]);
    let r = play(sim, [
      [a, 0, 1000],
      [b, 1, 1000],
    ]);
    expect(r.message.counts).toEqual([1, 1]);
    expect(r.you(a)).toMatchObject({ correct: true, points: 975 });
    expect(r.you(b)).toMatchObject({ correct: false, points: 0 });
    next(sim);
    r = play(sim, [
      [a, 1, 500],
      [b, 0, 500],
    ]);
    expect(r.message.correct).toEqual({ choices: [1] });
    // Second correct in a row: +100.
    expect(r.you(a)).toMatchObject({ correct: true, points: 1100, streak: 2, score: 2075 });
    expect(r.you(b)).toMatchObject({ correct: false, points: 0, streak: 0, score: 0 });
  });
});

describe("multi: points only for the exact set", () => {
  const primes: QuizQuestion = {
    kind: "multi",
    text: "Which are prime?",
    choices: ["2", "4", "5", "9", "11"],
    correct: [0, 2, 4],
  };

  it("scores the exact set in any order, and nothing for a subset, a superset or a different set", () => {
    const { sim, ids } = game([primes], ["Exact", "Reordered", "Subset", "Superset", "Other"]);
    const [exact, reordered, subset, superset, other] = ids as string[];
    const [two, four, five, nine, eleven] = ["2", "4", "5", "9", "11"].map((l) => at(sim, l)) as number[];
    const r = play(sim, [
      [exact as string, [two, five, eleven] as number[], 2000],
      [reordered as string, [eleven, two, five] as number[], 2000],
      [subset as string, [two, five] as number[], 2000],
      [superset as string, [two, four, five, eleven] as number[], 2000],
      [other as string, [four, nine] as number[], 2000],
    ]);
    expect([...r.message.correct.choices].sort()).toEqual([two, five, eleven].sort());
    expect(r.message.correctCount).toBe(2);
    expect(r.you(exact as string)).toMatchObject({ correct: true, points: 950 });
    expect(r.you(reordered as string)).toMatchObject({ correct: true, points: 950 });
    for (const id of [subset, superset, other]) {
      expect(r.you(id as string)).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    }
    // Each choice is counted once for every player who picked it.
    expect(r.message.counts[two as number]).toBe(4);
    expect(r.message.counts[four as number]).toBe(2);
    expect(r.message.counts[nine as number]).toBe(1);
  });

  it("doubles the base points of a double question, not the streak bonus", () => {
    const { sim, ids } = game(
      [
        { kind: "truefalse", text: "Warm-up", correct: true },
        { ...primes, double: true },
      ],
      ["A"],
    );
    const a = ids[0] as string;
    play(sim, [[a, 0, 100]]);
    next(sim);
    expect(sim.state.questions[1]?.double).toBe(true);
    const set = ["2", "5", "11"].map((l) => at(sim, l));
    const r = play(sim, [[a, set, 4000]]);
    // 2 × round(1000 × (1 − 0.2/2)) + 100 for the second in a row.
    expect(r.you(a)).toMatchObject({ correct: true, points: 2 * 900 + 100, streak: 2 });
  });

  it("refuses a set with repeats or a single number", () => {
    const { sim, ids } = game([primes], ["A"]);
    const a = ids[0] as string;
    expect(sim.answer(a, [0, 0])).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    expect(sim.answer(a, 0)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    expect(sim.answer(a, [5])).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
  });
});

describe("type: accepted answers matched after normalising", () => {
  function typed(accepted: string[], answers: string[]) {
    const names = answers.map((_, i) => `P${i}`);
    const { sim, ids } = game([{ kind: "type", text: "?", accepted }], names);
    const r = play(
      sim,
      ids.map((id, i) => [id, answers[i] as string, 1000] as [string, string, number]),
    );
    return { r, results: ids.map((id) => r.you(id)?.correct) };
  }

  it("ignores case, accents, extra spacing, punctuation and a leading article", () => {
    const { results } = typed(
      ["The Beatles"],
      ["the beatles", "BEATLES", "  beatles  ", "Béatles", "the   Beatles!", "Beatles.", "A Beatles"],
    );
    expect(results).toEqual([true, true, true, true, true, true, true]);
    expect(typed(["São Paulo"], ["sao paulo", "SAO PAULO", "São  Paulo", "Sao-Paulo"]).results).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(typed(["La Paz"], ["la paz", "Paz", "LA   PAZ"]).results).toEqual([true, true, true]);
  });

  it("accepts any of several accepted answers and rejects near misses", () => {
    const { results } = typed(
      ["United States", "USA", "U.S.A."],
      ["usa", "the united states", "u s a", "United Kingdom", "United States of America", "US"],
    );
    expect(results).toEqual([true, true, true, false, false, false]);
  });

  it("scores a typed answer by speed, reveals the accepted answers and tallies what was typed", () => {
    const { r } = typed(["Paris"], ["paris", "PARIS ", "Parish"]);
    expect(r.message.correct).toEqual({ choices: [], accepted: ["Paris"] });
    expect(r.message.counts).toEqual([]);
    expect(r.message.typed).toEqual([
      { text: "paris", count: 2, correct: true },
      { text: "Parish", count: 1, correct: false },
    ]);
    expect(r.you("p1")).toMatchObject({ correct: true, points: 975 });
    expect(r.you("p3")).toMatchObject({ correct: false, points: 0 });
  });

  it("refuses an empty or blank answer, or a choice number", () => {
    const { sim, ids } = game([{ kind: "type", text: "?", accepted: ["x"] }], ["A"]);
    for (const choice of ["", "   ", 0] as AnswerChoice[]) {
      expect(sim.answer(ids[0] as string, choice)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    }
  });
});

describe("poll: no correct answer, no points, streak untouched", () => {
  it("shows the distribution, gives 0 points, and keeps each streak (answered or not)", () => {
    const { sim, ids } = game(
      [
        { kind: "truefalse", text: "Warm-up 1", correct: true },
        { kind: "truefalse", text: "Warm-up 2", correct: true },
        { kind: "poll", text: "Tea or coffee?", choices: ["Tea", "Coffee", "Neither"] },
        { kind: "truefalse", text: "After the poll", correct: true },
      ],
      ["Voter", "Skipper", "Cold"],
    );
    const [voter, skipper, cold] = ids as [string, string, string];
    play(sim, [
      [voter, 0, 100],
      [skipper, 0, 100],
      [cold, 1, 100],
    ]);
    next(sim);
    play(sim, [
      [voter, 0, 100],
      [skipper, 0, 100],
      [cold, 1, 100],
    ]);
    next(sim);
    const before = ids.map((id) => sim.state.players.get(id)?.score);
    const r = play(sim, [
      [voter, at(sim, "Tea"), 100],
      [cold, at(sim, "Coffee"), 100],
    ]);
    expect(r.message.kind).toBe("poll");
    expect(r.message.correct).toEqual({ choices: [] });
    expect(r.message.counts[at(sim, "Tea")]).toBe(1);
    expect(r.message.counts[at(sim, "Coffee")]).toBe(1);
    expect(r.message.counts[at(sim, "Neither")]).toBe(0);
    expect(r.message.correctCount).toBe(0);
    expect(r.you(voter)).toMatchObject({ answered: true, correct: false, points: 0, streak: 2 });
    expect(r.you(skipper)).toMatchObject({ answered: false, correct: false, points: 0, streak: 2 });
    expect(r.you(cold)).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    expect(ids.map((id) => sim.state.players.get(id)?.score)).toEqual(before);
    next(sim);
    // The streak carries over the poll: the voter's third correct answer earns +200.
    const after = play(sim, [
      [voter, 0, 100],
      [skipper, 0, 100],
      [cold, 0, 100],
    ]);
    expect(after.you(voter)).toMatchObject({ points: 1200, streak: 3 });
    expect(after.you(skipper)).toMatchObject({ points: 1200, streak: 3 });
    expect(after.you(cold)).toMatchObject({ points: 1000, streak: 1 });
  });

  it("takes one choice number and refuses anything else", () => {
    const { sim, ids } = game([{ kind: "poll", text: "?", choices: ["a", "b"] }], ["A"]);
    for (const choice of [2, [0], "a"] as AnswerChoice[]) {
      expect(sim.answer(ids[0] as string, choice)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    }
  });
});

describe("missing answers", () => {
  it("score nothing and reset the streak on a question with a right answer", () => {
    const { sim, ids } = game(
      [
        { kind: "truefalse", text: "1", correct: true },
        { kind: "choice", text: "2", choices: ["a", "b"], correct: 0 },
        { kind: "truefalse", text: "3", correct: true },
      ],
      ["A", "B"],
    );
    const [a, b] = ids as [string, string];
    play(sim, [
      [a, 0, 100],
      [b, 0, 100],
    ]);
    next(sim);
    const r = play(sim, [[a, at(sim, "a"), 100]]);
    expect(r.you(b)).toMatchObject({ answered: false, correct: false, points: 0, streak: 0 });
    expect(r.you(a)).toMatchObject({ streak: 2 });
  });
});

describe("slider: full points within the tolerance, falling linearly to 0 a tenth of the range beyond it", () => {
  const apollo: QuizQuestion = {
    kind: "slider",
    text: "In which year did Apollo 11 land on the Moon?",
    min: 1900,
    max: 2020,
    step: 1,
    correct: 1969,
    tolerance: 2,
  };

  it("sends the scale but never the right value, and scores each guess by closeness and speed", () => {
    const { sim, ids } = game([apollo], ["Exact", "Within", "Near", "Far", "Edge"]);
    const [exact, within, near, far, edge] = ids as [string, string, string, string, string];
    const question = sim.log.find((e) => e.type === "send" && e.message.type === "question");
    expect(question?.type === "send" && question.message).toMatchObject({
      kind: "slider",
      slider: { min: 1900, max: 2020, step: 1 },
    });
    const sentQuestion = JSON.stringify(question);
    expect(sentQuestion).not.toContain("1969");
    expect(sentQuestion).not.toContain("tolerance");
    expect(sentQuestion).not.toContain('"choices"');

    const r = play(sim, [
      [exact, 1969, 400],
      [within, 1971, 1000],
      [near, 1975, 1000],
      [far, 1983, 1000],
      [edge, 1900, 1000],
    ]);
    expect(r.message.correct).toEqual({ choices: [], value: 1969, tolerance: 2 });
    expect(r.message.correctCount).toBe(2);
    expect(r.you(exact)).toMatchObject({ correct: true, points: 1000, streak: 1 });
    expect(r.you(within)).toMatchObject({ correct: true, points: 975, streak: 1 });
    // 6 years off is 4 beyond the tolerance; the falloff is 12 years (a tenth of 120): 975 × (1 − 4/12).
    expect(r.you(near)).toMatchObject({ answered: true, correct: false, points: 650, streak: 0 });
    expect(r.you(far)).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    expect(r.you(edge)).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    // 120 steps in 20 bars of 6 years: 1966–1971 holds 1969 and 1971.
    expect(r.message.counts).toEqual([]);
    expect(r.message.histogram).toEqual({
      min: 1900,
      binWidth: 6,
      counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0],
      median: 1971,
    });
  });

  it("doubles the base points of a close guess too, and never gives a streak bonus for one", () => {
    const { sim, ids } = game(
      [
        { kind: "truefalse", text: "Warm-up", correct: true },
        { ...apollo, double: true },
      ],
      ["A", "B"],
    );
    const [a, b] = ids as [string, string];
    play(sim, [
      [a, 0, 100],
      [b, 0, 100],
    ]);
    next(sim);
    const r = play(sim, [
      [a, 1968, 100],
      [b, 1966, 100],
    ]);
    expect(r.you(a)).toMatchObject({ correct: true, points: 2000 + 100, streak: 2 });
    // 3 off is 1 beyond the tolerance: 2000 × (1 − 1/12), and the streak ends.
    expect(r.you(b)).toMatchObject({ correct: false, points: 1833, streak: 0 });
  });

  it("puts a guess with floating-point noise on its step, and refuses one off the scale, between steps or not a number", () => {
    const { sim, ids } = game(
      [
        {
          kind: "slider",
          text: "pH of pure water?",
          min: 0,
          max: 14,
          step: 0.1,
          correct: 7,
          tolerance: 0.3,
          unit: "pH",
        },
      ],
      ["A", "B"],
    );
    const [a, b] = ids as [string, string];
    for (const choice of [14.1, -0.1, 7.05, "7", [7], Number.NaN] as AnswerChoice[]) {
      expect(sim.answer(a, choice), String(choice)).toMatchObject({ ok: false, error: { code: "invalid_answer" } });
    }
    expect(sim.state.answers.size).toBe(0);
    const effects = sim.give(a, 0.1 + 0.2 + 6.4);
    expect(sent(effects, "answered")[0]).toMatchObject({ choice: 6.7 });
    const r = play(sim, [[b, 7.3000000000000007, 100]]);
    expect(r.you(a)).toMatchObject({ correct: true });
    expect(r.you(b)).toMatchObject({ correct: true });
    expect(
      sim.store
        .answerRows()
        .map((row) => row.choice)
        .sort(),
    ).toEqual([6.7, 7.3]);
    // 0–14 in steps of 0.1 is 140 steps: 20 bars of 7 steps (0.7 wide).
    expect(r.message.histogram).toMatchObject({ binWidth: 0.7, median: 6.7 });
    expect(r.message.histogram?.counts).toHaveLength(20);
    expect(r.message.histogram?.counts[9]).toBe(1);
    expect(r.message.histogram?.counts[10]).toBe(1);
  });

  it("gives each value of a short scale its own bar, the max included", () => {
    const { sim, ids } = game(
      [{ kind: "slider", text: "Rate it", min: 1, max: 10, step: 1, correct: 10, tolerance: 0 }],
      ["A", "B", "C"],
    );
    const r = play(sim, [
      [ids[0] as string, 10, 100],
      [ids[1] as string, 10, 100],
      [ids[2] as string, 1, 100],
    ]);
    expect(r.message.histogram).toEqual({ min: 1, binWidth: 1, counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2], median: 10 });
    expect(r.message.correct).toEqual({ choices: [], value: 10, tolerance: 0 });
  });

  it("reveals an empty distribution when nobody answered", () => {
    const { sim } = game([apollo], ["A"]);
    const r = play(sim, []);
    expect(r.message.histogram?.median).toBeNull();
    expect(r.message.histogram?.counts.every((n) => n === 0)).toBe(true);
    expect(r.message.answered).toBe(0);
  });
});

describe("order: items shown shuffled, points only for the exact order", () => {
  const planets: QuizQuestion = {
    kind: "order",
    text: "Put these planets in order from the Sun, nearest first.",
    items: ["Mercury", "Venus", "Earth", "Mars"],
  };

  it("never shows the items in the right order, and keeps the right order as shown indexes", () => {
    for (const items of [
      ["a", "b", "c"],
      ["a", "b", "c", "d", "e", "f"],
    ]) {
      const orders = new Set<string>();
      for (let seed = 1; seed <= 300; seed++) {
        const q = prepareQuestion({ kind: "order", text: "?", items }, 20, seededRandom(seed));
        expect(q.choices).not.toEqual(items);
        expect([...q.choices].sort()).toEqual(items);
        expect(q.correct.map((i) => q.choices[i])).toEqual(items);
        orders.add(q.choices.join());
      }
      // Every order but the right one turns up (3 items: 5 of the 6; 6 items: many).
      expect(orders.size).toBe(items.length === 3 ? 5 : orders.size);
      expect(orders.size).toBeGreaterThan(items.length === 3 ? 4 : 200);
    }
  });

  it("scores the exact order only, and counts for each item how many put it in its right place", () => {
    const { sim, ids } = game([planets], ["Right", "Swapped", "Shown", "Reversed"]);
    const [right, swapped, shown, reversed] = ids as [string, string, string, string];
    const [mercury, venus, earth, mars] = ["Mercury", "Venus", "Earth", "Mars"].map((l) => at(sim, l)) as number[];
    const order = [mercury, venus, earth, mars] as number[];
    const r = play(sim, [
      [right, order, 1000],
      [swapped, [mercury, venus, mars, earth] as number[], 1000],
      [shown, [0, 1, 2, 3], 1000],
      [reversed, [...order].reverse(), 1000],
    ]);
    expect(r.message.correct).toEqual({ choices: order });
    expect(r.message.correctCount).toBe(1);
    expect(r.you(right)).toMatchObject({ correct: true, points: 975, streak: 1 });
    for (const id of [swapped, shown, reversed]) {
      expect(r.you(id)).toMatchObject({ answered: true, correct: false, points: 0, streak: 0 });
    }
    // Mercury and Venus are in place for Right and Swapped; Earth and Mars only for Right (and whoever the shuffle
    // happened to put right when answering with the order as shown).
    const placedAsShown = (item: number) => (sim.state.questions[0]?.correct[item] === item ? 1 : 0);
    expect(r.message.counts[mercury as number]).toBe(2 + placedAsShown(mercury as number));
    expect(r.message.counts[venus as number]).toBe(2 + placedAsShown(venus as number));
    expect(r.message.counts[earth as number]).toBe(1 + placedAsShown(earth as number));
    expect(r.message.counts[mars as number]).toBe(1 + placedAsShown(mars as number));
  });

  it("refuses anything but every shown index exactly once", () => {
    const { sim, ids } = game([planets], ["A"]);
    for (const choice of [
      [0, 1, 2],
      [0, 1, 2, 2],
      [0, 1, 2, 4],
      [0, 1, 2, 3, 4],
      [0, 1, 2, 1.5],
      0,
      "0,1,2,3",
    ] as AnswerChoice[]) {
      expect(sim.answer(ids[0] as string, choice), JSON.stringify(choice)).toMatchObject({
        ok: false,
        error: { code: "invalid_answer" },
      });
    }
    expect(sim.state.answers.size).toBe(0);
  });
});
