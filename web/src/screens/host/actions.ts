/**
 * What the host can do right now, for every control that drives the game: the big screen's control bar and keys, and
 * a paired phone's remote. One place decides each action's label and whether it is possible, so both say the same.
 */
import { i18n } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";

export interface Action {
  label: string;
  run: () => void;
  disabled: boolean;
}

export interface HostActions {
  /** Start, skip the lead-in, skip to the answer, next question, final results: Space or →. */
  primary: Action | null;
  /** Pause or resume: P. Null when nothing is counting down. */
  pause: Action | null;
  /** Lock or unlock joining. Null once the game is over. */
  lock: Action | null;
}

const messages = i18n("hostActions", {
  skipCountdown: "Skip countdown",
  skipToAnswer: "Skip to answer",
  finalResults: "Final results",
  nextQuestion: "Next question",
  unlock: "Unlock joining",
  lock: "Lock joining",
  start: "Start game",
  resume: "Resume",
  pause: "Pause",
});

function primaryLabel(view: GameView): string {
  const t = messages.get();
  switch (view.phase) {
    case "ready":
      return t.skipCountdown;
    case "question":
      return t.skipToAnswer;
    default:
      return view.reveal?.isLast ? t.finalResults : t.nextQuestion;
  }
}

export function hostActions(view: GameView, link: GameLink): HostActions {
  const t = messages.get();
  const offline = link.status !== "open";
  const send = (command: "start" | "next" | "pause" | "resume" | "lock" | "unlock") => link.send({ type: command });
  if (view.phase === "finished") return { primary: null, pause: null, lock: null };
  const lock = {
    label: view.locked ? t.unlock : t.lock,
    run: () => send(view.locked ? "unlock" : "lock"),
    disabled: offline,
  };
  if (view.phase === "lobby") {
    const nobody = view.lobby.playerCount === 0;
    return {
      primary: { label: t.start, run: () => send("start"), disabled: offline || nobody },
      pause: null,
      lock,
    };
  }
  const paused = view.paused !== null;
  const counting = view.phase === "question" || view.phase === "ready" || view.reveal?.nextAt !== null || paused;
  return {
    primary: { label: primaryLabel(view), run: () => send("next"), disabled: offline },
    pause: counting
      ? { label: paused ? t.resume : t.pause, run: () => send(paused ? "resume" : "pause"), disabled: offline }
      : null,
    lock,
  };
}
