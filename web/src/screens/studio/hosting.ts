/**
 * Hosting a game from the studio, My quizzes or a share link, with the timing this device used last: a saved quiz by
 * its id (the server copies it into the game, so later edits do not touch a running game), a draft by its questions.
 */

import type { CreateGameBody, Quiz } from "@protocol/schemas";
import { LIMITS } from "@protocol/values";
import { createGame } from "../../lib/api";
import { FORM_READ_SECONDS } from "../../lib/pacing";
import { navigate } from "../../lib/router";
import { seats } from "../../lib/storage";
import { loadPacing, type Pacing } from "./device";

export const DEFAULT_PACING: Pacing = {
  questionSeconds: LIMITS.questionSeconds.default,
  revealSeconds: LIMITS.revealSeconds.default,
  hostPaced: false,
  readSeconds: FORM_READ_SECONDS,
};

export function currentPacing(): Pacing {
  return loadPacing(DEFAULT_PACING);
}

/** Creates the game and opens the host screen. Throws the API's error (shown by the caller). */
export async function hostGame(source: { quizId: string } | { quiz: Quiz }, pacing = currentPacing()): Promise<void> {
  const timing = {
    questionSeconds: pacing.questionSeconds,
    revealSeconds: pacing.hostPaced ? 0 : pacing.revealSeconds,
    readSeconds: pacing.readSeconds,
  };
  const body: CreateGameBody =
    "quizId" in source
      ? { ...timing, quizId: source.quizId }
      : { ...timing, questions: source.quiz.questions, title: source.quiz.title };
  const game = await createGame(body);
  seats.setHost(game.code, { token: game.hostToken, joinUrl: game.joinUrl });
  navigate(`/host/${game.code}`);
}
