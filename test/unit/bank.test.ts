/**
 * The built-in question bank, checked as a whole: every question fits the quiz schema, nothing is repeated, the
 * counts are what the README promises, and every text fits the screens it is shown on.
 */

import { QuizQuestion } from "@protocol/schemas";
import { DIFFICULTIES } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { BANK, type BankQuestion, categories, draw, pool } from "../../worker/bank";
import { prepareQuestion } from "../../worker/game/engine";
import { normaliseTyped } from "../../worker/game/scoring";
import { seededRandom } from "./harness";

/**
 * What the screens hold without scrolling or shrinking the type: a question a phone shows in at most five lines,
 * an answer that fits its button on a phone in two lines, and an explanation the reveal shows under the answer.
 * Tighter than the schema's limits, which are for imported quizzes.
 */
const SCREEN = { question: 160, choice: 60, explanation: 220, categoryLabel: 24 };

const ALL: BankQuestion[] = BANK.flatMap((c) => c.questions);

function choicesOf(q: BankQuestion): string[] {
  return "choices" in q ? q.choices : [];
}

describe("the built-in bank", () => {
  it("holds at least 500 questions in at least 12 categories, each with every difficulty", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(500);
    expect(BANK.length).toBeGreaterThanOrEqual(12);
    for (const c of BANK) {
      expect(c.questions.length, c.category).toBeGreaterThanOrEqual(30);
      for (const d of DIFFICULTIES) {
        expect(c.questions.filter((q) => q.difficulty === d).length, `${c.category} ${d}`).toBeGreaterThanOrEqual(10);
      }
    }
    expect(categories().reduce((n, c) => n + c.questionCount, 0)).toBe(ALL.length);
  });

  it("validates every question against the quiz schema", () => {
    const problems = ALL.flatMap((q) => {
      const parsed = QuizQuestion.safeParse(q);
      return parsed.success ? [] : [`${q.id}: ${parsed.error.issues.map((i) => i.message).join("; ")}`];
    });
    expect(problems).toEqual([]);
  });

  it("gives every question an id named after its category, a difficulty and an explanation", () => {
    for (const c of BANK) {
      for (const q of c.questions) {
        expect(q.id, q.text).toMatch(new RegExp(`^${c.category}-\\d{3}$`));
        expect(q.category).toBe(c.category);
        expect(DIFFICULTIES).toContain(q.difficulty);
        expect(q.explanation?.length ?? 0, q.id).toBeGreaterThan(10);
      }
    }
  });

  it("repeats no id, no question and no choice within a question", () => {
    const ids = ALL.map((q) => q.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const q of ALL) {
      const key = normaliseTyped(q.text);
      const earlier = seen.get(key);
      if (earlier) repeated.push(`${earlier} = ${q.id}`);
      seen.set(key, q.id);
    }
    expect(repeated).toEqual([]);
    for (const q of ALL) {
      // Symbols are real choices here ("@" vs "#"), so only case and spacing are ignored.
      const keys = choicesOf(q).map((c) => c.toLowerCase().replace(/\s+/g, " ").trim());
      expect(new Set(keys).size, q.id).toBe(keys.length);
    }
  });

  it("fits the screens", () => {
    const tooLong = ALL.flatMap((q) => [
      ...(q.text.length > SCREEN.question ? [`${q.id} question (${q.text.length})`] : []),
      ...choicesOf(q)
        .filter((c) => c.length > SCREEN.choice)
        .map((c) => `${q.id} choice "${c}"`),
      ...((q.explanation?.length ?? 0) > SCREEN.explanation ? [`${q.id} explanation`] : []),
    ]);
    expect(tooLong).toEqual([]);
    for (const c of BANK) expect(c.label.length, c.category).toBeLessThanOrEqual(SCREEN.categoryLabel);
  });

  it("only uses choices that still make sense once shuffled", () => {
    const positional = ALL.filter((q) => choicesOf(q).some((c) => /\b(all|none|both) of the above\b/i.test(c)));
    expect(positional.map((q) => q.id)).toEqual([]);
  });

  it("spreads the correct answer over every position as authored", () => {
    const positions = new Map<number, number>();
    for (const q of ALL) if (q.kind === "choice") positions.set(q.correct, (positions.get(q.correct) ?? 0) + 1);
    const choiceCount = ALL.filter((q) => q.kind === "choice").length;
    for (const n of positions.values()) expect(n).toBeLessThan(choiceCount / 2);
  });
});

describe("drawing from the bank", () => {
  it("draws distinct questions from the chosen category and difficulty only", () => {
    const drawn = draw({ category: "music", difficulty: "hard" }, 10, seededRandom(7));
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn.map((q) => q.id)).size).toBe(10);
    expect(drawn.every((q) => q.category === "music" && q.difficulty === "hard")).toBe(true);
  });

  it("mixes the order and returns the whole pool when asked for more than it holds", () => {
    const size = pool({ category: "art", difficulty: "easy" }).length;
    const a = draw({ category: "art", difficulty: "easy" }, 100, seededRandom(1));
    const b = draw({ category: "art", difficulty: "easy" }, 100, seededRandom(2));
    expect(a).toHaveLength(size);
    expect(new Set(a.map((q) => q.id))).toEqual(new Set(b.map((q) => q.id)));
    expect(a.map((q) => q.id)).not.toEqual(b.map((q) => q.id));
  });

  it("draws from every category when none is given", () => {
    const drawn = draw({}, 200, seededRandom(3));
    expect(new Set(drawn.map((q) => q.category)).size).toBe(BANK.length);
  });

  it("shuffles each question's choices per game, keeping the correct one marked", () => {
    const q = ALL.find((x) => x.kind === "choice" && x.choices.length === 4);
    if (q?.kind !== "choice") throw new Error("no four-choice question");
    const orders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const prepared = prepareQuestion(q, 20, seededRandom(seed));
      expect(prepared.choices[prepared.correct[0] as number]).toBe(q.choices[q.correct]);
      expect([...prepared.choices].sort()).toEqual([...q.choices].sort());
      orders.add(prepared.choices.join("|"));
    }
    expect(orders.size).toBeGreaterThan(5);
  });
});
