/** Helpers for the self-paced assignment tests: a game to play, messages to one player, "rebuilt equals live". */
import type { QuizQuestion } from "@protocol/schemas";
import type { ServerMessageOf, ServerMessageType } from "@protocol/values";
import { expect } from "vitest";
import type { Effect } from "../../worker/game/engine";
import { restore } from "../../worker/game/restore";
import { revealFor } from "../../worker/game/self-paced";
import type { GameState } from "../../worker/game/state";
import { choiceQuestions, durable, HOUR, Sim, T0 } from "./harness";

export const CLOSES = T0 + 2 * 24 * HOUR;

/** An assignment of `questions` (three choice questions), closing two days after T0. */
export function assignment(opts: { questions?: QuizQuestion[]; readSeconds?: number; seed?: number } = {}) {
  return new Sim({
    questions: opts.questions ?? choiceQuestions(3),
    settings: { mode: "self-paced", closesAt: CLOSES, readSeconds: opts.readSeconds ?? 0 },
    seed: opts.seed,
  });
}

/** Messages of `type` sent to one player. */
export function to<T extends ServerMessageType>(effects: readonly Effect[], playerId: string, type: T) {
  return effects.flatMap((e) =>
    e.type === "send" && typeof e.to === "object" && e.to.player === playerId && e.message.type === type
      ? [e.message as ServerMessageOf<T>]
      : [],
  );
}

/** A state as storage rebuilds it, with what each question's reveal shows so far (counted beside the state). */
export function rebuilt(state: GameState) {
  const sp = state.selfPaced;
  return { ...durable(state), reveals: sp ? state.questions.map((_, i) => revealFor(state, sp, i)) : [] };
}

/** Rebuilds the game from the rows the effects wrote and compares it with the live state. */
export function restoreAndCompare(sim: Sim): boolean {
  const again = restore(sim.store.stored());
  for (const id of sim.state.connections.keys()) {
    for (let i = 0; i < (sim.state.connections.get(id) ?? 0); i++) again.connections.set(id, i + 1);
  }
  expect(rebuilt(again)).toEqual(rebuilt(sim.state));
  return true;
}
