/**
 * Drawing from the built-in bank for an HTTP caller: a game's questions (POST /api/games) or a quiz to start editing
 * from (GET /api/bank/quiz). Both refuse an unknown category or a draw the bank cannot fill with the same errors.
 */
import { BANK, type BankQuestion, draw, hasCategory } from "../bank";
import { ApiError } from "../http";
import type { Difficulty, Quiz, QuizQuestion } from "../protocol";

export interface BankFilter {
  category?: string;
  difficulty?: Difficulty;
}

/** `count` random questions matching `filter`; 422 unknown_category / not_enough_questions otherwise. */
export function drawOrRefuse(filter: BankFilter, count: number, countField: string): BankQuestion[] {
  if (filter.category && !hasCategory(filter.category)) {
    throw new ApiError(422, "unknown_category", `There is no category "${filter.category}". See GET /api/categories.`, {
      fields: ["category"],
    });
  }
  const drawn = draw(filter, count, Math.random);
  if (drawn.length < count) {
    throw new ApiError(
      422,
      "not_enough_questions",
      `Only ${drawn.length} questions match; ask for ${drawn.length} or fewer.`,
      { fields: [countField] },
    );
  }
  return drawn;
}

/** A bank draw as an authored quiz (the bank's own ids left out), titled after what was asked for. */
export function bankQuiz(filter: BankFilter, count: number): Quiz {
  const questions: QuizQuestion[] = drawOrRefuse(filter, count, "count").map(({ id: _id, ...question }) => question);
  const label = BANK.find((c) => c.category === filter.category)?.label ?? "Mixed trivia";
  return { title: filter.difficulty ? `${label} (${filter.difficulty})` : label, questions };
}
