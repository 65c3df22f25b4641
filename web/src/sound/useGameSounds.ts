/**
 * Which sound goes with which moment of the game, read from the GameView: the lobby loop (big screen only), a
 * tick for each of the last five seconds of a running question, a sting when the answer is revealed (on a phone:
 * right or wrong), the fanfare when the podium appears. Cues follow changes seen live, so a reload that lands on a
 * reveal or the podium stays quiet instead of replaying a moment that has passed.
 */
import { useEffect, useRef } from "react";
import type { ServerClock } from "../lib/clock";
import type { GameView } from "../lib/game";
import type { Cue, Synth } from "./synth";

export function useGameSounds(
  synth: Synth | null,
  view: GameView | null,
  clock: ServerClock,
  screen: "host" | "player",
): void {
  const inLobby = view?.phase === "lobby";
  useEffect(() => {
    if (synth && screen === "host") synth.setLoop(inLobby);
  }, [synth, inLobby, screen]);

  const deadline = view?.phase === "question" && !view.paused ? (view.question?.deadline ?? null) : null;
  useEffect(() => {
    if (!synth || deadline === null) return;
    let last = Number.POSITIVE_INFINITY;
    const check = () => {
      const seconds = Math.ceil((deadline - clock.serverNow()) / 1000);
      if (seconds < last && seconds >= 1 && seconds <= 5) synth.play(seconds === 1 ? "last-tick" : "tick");
      last = Math.min(last, seconds);
    };
    check();
    const timer = window.setInterval(check, 50);
    return () => window.clearInterval(timer);
  }, [synth, deadline, clock]);

  const phase = view?.phase ?? null;
  const revealed = view?.phase === "reveal" ? (view.reveal?.index ?? null) : null;
  const moment: Cue | null =
    screen === "player" && view?.result && view.reveal?.kind !== "poll"
      ? view.result.correct
        ? "right"
        : "wrong"
      : "reveal";
  const seen = useRef<{ phase: string | null; revealed: number | null } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: cues fire on a change of phase or revealed question only
  useEffect(() => {
    if (phase === null) return;
    const before = seen.current;
    seen.current = { phase, revealed };
    if (!before || !synth) return;
    if (phase === "reveal" && (before.phase !== "reveal" || before.revealed !== revealed)) synth.play(moment);
    if (phase === "finished" && before.phase !== "finished") synth.play("fanfare");
  }, [phase, revealed]);
}
