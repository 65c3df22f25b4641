/**
 * The host's keyboard: Space or → for the main action (start, skip the countdown, skip to the answer, next
 * question), P to pause or resume, L for the player list, R for the remote, F for full screen, M to mute, ? for the
 * list. Nothing fires while typing in a field, with Ctrl, Alt or ⌘
 * held (the browser's own shortcuts), or while a dialog is open (except ? to close the list).
 *
 * Space on a focused button is the button's own business for keyboard users (Tab, then Space presses it). After a
 * mouse click the clicked button keeps the focus, though, and a host who then presses Space means "next", not "that
 * button again": so Space goes to the shortcut when the focus came from the pointer.
 */
import { useEffect, useRef } from "react";
import { i18n } from "../../i18n";

export interface ShortcutActions {
  next?: () => void;
  pause?: () => void;
  fullscreen?: () => void;
  mute?: () => void;
  players?: () => void;
  remote?: () => void;
  help: () => void;
}

const messages = i18n("shortcuts", {
  space: "Space",
  next: "Start the game, skip the countdown, show the answer, next question",
  pause: "Pause or resume the countdown",
  players: "The player list: find, hide or remove a player",
  remote: "Pair a phone as a remote",
  fullscreen: "Full screen on or off",
  mute: "Sound on or off",
  help: "Show or hide this list",
});

/** The keys and what they do, as the help list shows them (the letters stay the same in every language). */
export function shortcutList(): { keys: string[]; what: string }[] {
  const t = messages.get();
  return [
    { keys: [t.space, "→"], what: t.next },
    { keys: ["P"], what: t.pause },
    { keys: ["L"], what: t.players },
    { keys: ["R"], what: t.remote },
    { keys: ["F"], what: t.fullscreen },
    { keys: ["M"], what: t.mute },
    { keys: ["?"], what: t.help },
  ];
}

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(el.type);
}

function pressable(el: Element | null): boolean {
  return el instanceof HTMLElement && el.closest("button, a[href], summary, [role='button']") !== null;
}

function actionFor(key: string, actions: ShortcutActions): (() => void) | undefined {
  switch (key) {
    case " ":
    case "ArrowRight":
      return actions.next;
    case "p":
    case "P":
      return actions.pause;
    case "f":
    case "F":
      return actions.fullscreen;
    case "m":
    case "M":
      return actions.mute;
    case "l":
    case "L":
      return actions.players;
    case "r":
    case "R":
      return actions.remote;
    case "?":
      return actions.help;
  }
}

export function useShortcuts(actions: ShortcutActions): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    let focusFromPointer = false;
    let swallowSpaceUp = false;
    const onPointer = () => {
      focusFromPointer = true;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Tab") focusFromPointer = false;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const target = document.activeElement;
      if (isTyping(target)) return;
      if (document.querySelector("dialog[open]") && e.key !== "?") return;
      if (e.key === " " && pressable(target) && !focusFromPointer) return;
      const run = actionFor(e.key, current.current);
      // A key with nothing to do right now still must not scroll or press anything (Space on the page).
      if (e.key === " ") {
        e.preventDefault();
        swallowSpaceUp = true;
      }
      if (!run) return;
      e.preventDefault();
      if (!e.repeat) run();
    };
    // Chromium presses a focused button on Space's keyup: the shortcut already acted, so that press is dropped.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === " " && swallowSpaceUp) {
        swallowSpaceUp = false;
        e.preventDefault();
      }
    };
    window.addEventListener("pointerdown", onPointer, true);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    return () => {
      window.removeEventListener("pointerdown", onPointer, true);
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
    };
  }, []);
}
