/**
 * The browser tab says which game and where it stands ("Q3/10 · 123 456 — trivia-edge"), on the big screen and on
 * the phones alike: a host with several tabs, or a player who switched apps, finds the game at a glance.
 */
import { useEffect } from "react";
import { fill, i18n } from "../i18n";
import type { GameView } from "./game";

const messages = i18n("tabTitle", {
  game: "Game {where}",
  position: "Q{n}/{total}",
  lobby: "Lobby",
  getReady: "{position} get ready",
  answer: "{position} answer",
  podium: "Podium",
  paused: "Paused · {phase}",
});

export const APP_NAME = "trivia-edge";

/** "123 456": the code as the big screen prints it. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

export function gameTitle(view: GameView | null, code: string): string {
  const t = messages.get();
  const where = `${spacedCode(code)} — ${APP_NAME}`;
  if (!view) return fill(t.game, { where });
  const q = view.question ?? view.ready;
  const position = q ? fill(t.position, { n: q.index + 1, total: q.total }) : "";
  const phase =
    view.phase === "lobby"
      ? t.lobby
      : view.phase === "ready"
        ? fill(t.getReady, { position })
        : view.phase === "question"
          ? position
          : view.phase === "reveal"
            ? fill(t.answer, {
                position: position || fill(t.position, { n: (view.reveal?.index ?? 0) + 1, total: view.questionCount }),
              })
            : t.podium;
  return `${view.paused ? fill(t.paused, { phase }) : phase} · ${where}`;
}

/** Sets the tab title while the calling screen is shown, and puts the app's name back afterwards. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = APP_NAME;
    },
    [],
  );
}
