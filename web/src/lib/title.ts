/**
 * The browser tab says which game and where it stands ("Q3/10 · 123 456 — trivia-edge"), on the big screen and on
 * the phones alike: a host with several tabs, or a player who switched apps, finds the game at a glance.
 */
import { useEffect } from "react";
import type { GameView } from "./game";

export const APP_NAME = "trivia-edge";

/** "123 456": the code as the big screen prints it. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

export function gameTitle(view: GameView | null, code: string): string {
  const where = `${spacedCode(code)} — ${APP_NAME}`;
  if (!view) return `Game ${where}`;
  const q = view.question ?? view.ready;
  const position = q ? `Q${q.index + 1}/${q.total}` : "";
  const phase =
    view.phase === "lobby"
      ? "Lobby"
      : view.phase === "ready"
        ? `${position} get ready`
        : view.phase === "question"
          ? position
          : view.phase === "reveal"
            ? `${position || `Q${(view.reveal?.index ?? 0) + 1}/${view.questionCount}`} answer`
            : "Podium";
  return `${view.paused ? "Paused · " : ""}${phase} · ${where}`;
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
