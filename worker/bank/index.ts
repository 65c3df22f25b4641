/**
 * The built-in question bank: one JSON file per category under `questions/`, drawn from at random per game.
 */
import type { QuizQuestion } from "../protocol/schemas";
import { type CategoryInfo, DIFFICULTIES, type Difficulty } from "../protocol/values";
import art from "./questions/art.json";
import filmTv from "./questions/film-tv.json";
import foodDrink from "./questions/food-drink.json";
import geography from "./questions/geography.json";
import history from "./questions/history.json";
import language from "./questions/language.json";
import literature from "./questions/literature.json";
import music from "./questions/music.json";
import nature from "./questions/nature.json";
import science from "./questions/science.json";
import sport from "./questions/sport.json";
import technology from "./questions/technology.json";

/** A question as the bank stores it: an authored question plus its id, category and difficulty. */
export type BankQuestion = QuizQuestion & { id: string; category: string; difficulty: Difficulty };

export interface BankCategory {
  category: string;
  label: string;
  questions: BankQuestion[];
}

const FILES = [
  science,
  geography,
  history,
  literature,
  music,
  filmTv,
  sport,
  foodDrink,
  technology,
  nature,
  art,
  language,
];

export const BANK: readonly BankCategory[] = FILES.map((file) => ({
  category: file.category,
  label: file.label,
  questions: file.questions.map((q) => ({ ...q, category: file.category }) as BankQuestion),
}));

export function categories(): CategoryInfo[] {
  return BANK.map((c) => ({
    id: c.category,
    label: c.label,
    questionCount: c.questions.length,
    byDifficulty: Object.fromEntries(
      DIFFICULTIES.map((d) => [d, c.questions.filter((q) => q.difficulty === d).length]),
    ) as Record<Difficulty, number>,
  }));
}

export function hasCategory(id: string): boolean {
  return BANK.some((c) => c.category === id);
}

/** The questions matching a filter (no category: the whole bank). */
export function pool(filter: { category?: string; difficulty?: Difficulty }): BankQuestion[] {
  return BANK.filter((c) => !filter.category || c.category === filter.category).flatMap((c) =>
    c.questions.filter((q) => !filter.difficulty || q.difficulty === filter.difficulty),
  );
}

/**
 * Draws `count` distinct questions at random (a partial Fisher–Yates shuffle), already in a mixed order. Returns
 * fewer when the pool is smaller; the caller decides whether that is an error.
 */
export function draw(
  filter: { category?: string; difficulty?: Difficulty },
  count: number,
  random: () => number,
): BankQuestion[] {
  const items = pool(filter);
  const n = Math.min(count, items.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    [items[i], items[j]] = [items[j] as BankQuestion, items[i] as BankQuestion];
  }
  return items.slice(0, n);
}
