/**
 * /studio/preview?as=phone|projector: the page inside the editor's preview frames. It renders the game's own
 * screens (the player's PlayerGame, the host's HostGame) from a question the editor posts to it, at the real
 * size of a phone or a projector, so what the author sees is what the room will see.
 */
import { useEffect, useMemo, useState } from "react";
import { ServerClock } from "../../lib/clock";
import type { GameLink } from "../../lib/connection";
import { HostGame } from "../host/Host";
import { PlayerGame } from "../Player";
import { PREVIEW_NOW, type PreviewRequest, previewView } from "./previewView";

/**
 * The game's screens move focus to their heading when they appear; inside a preview that would pull the keyboard
 * focus out of the editor and into the frame (an inert frame does not stop it in Chromium). A preview is a picture:
 * nothing in it takes focus.
 */
function keepFocusOutside(): void {
  if (window.parent === window) return;
  window.HTMLElement.prototype.focus = () => {};
}

export default function PreviewFrame() {
  keepFocusOutside();
  const [request, setRequest] = useState<PreviewRequest | null>(null);
  const as = new URLSearchParams(window.location.search).get("as") === "projector" ? "projector" : "phone";
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== window.parent) return;
      const data = e.data as PreviewRequest | null;
      if (data?.source === "trivia-edge-studio") setRequest(data);
    };
    window.addEventListener("message", onMessage);
    window.parent.postMessage({ source: "trivia-edge-preview", ready: true }, window.location.origin);
    return () => window.removeEventListener("message", onMessage);
  }, []);
  const clock = useMemo(() => new ServerClock(() => PREVIEW_NOW), []);
  if (!request) return null;
  const view = previewView(request, as === "phone" ? "player" : "host");
  const link: GameLink = {
    view,
    status: "open",
    fatal: null,
    notice: null,
    clearNotice: () => {},
    send: () => false,
    clock,
  };
  return as === "phone" ? (
    <PlayerGame link={link} code={view.code} name="Alex" />
  ) : (
    <HostGame link={link} code={view.code} joinUrl={`${window.location.origin}/join/${view.code}`} hostToken="" />
  );
}
