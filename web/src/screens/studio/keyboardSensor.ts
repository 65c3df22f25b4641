/**
 * dnd-kit's keyboard sensor, made to keep the keys that come right after the one that picked a question up.
 *
 * dnd-kit starts listening for the keys of a drag one task after the key that started it (so that Space is not also
 * taken as the drop). A key that comes sooner goes to the page instead: ArrowDown scrolls the page 40 pixels, the
 * question is not moved and nothing is said. That needs no superhuman typing: while the page is busy, keys wait in a
 * queue, and Chromium runs queued input ahead of timers, so Space then ArrowDown both come before dnd-kit listens.
 * This sensor holds those keys from the moment of the pick-up and hands them to dnd-kit, in order, once it listens.
 */
import { KeyboardCode, KeyboardSensor, type KeyboardSensorProps } from "@dnd-kit/core";

/** The keys dnd-kit's sensor acts on during a drag (its default keyboard codes plus the arrows). */
const DRAG_KEYS = new Set<string>([
  KeyboardCode.Space,
  KeyboardCode.Enter,
  KeyboardCode.Tab,
  KeyboardCode.Esc,
  KeyboardCode.Up,
  KeyboardCode.Down,
  KeyboardCode.Left,
  KeyboardCode.Right,
]);

export class PromptKeyboardSensor extends KeyboardSensor {
  constructor(props: KeyboardSensorProps) {
    super(props);
    const doc = (props.event.target as Node | null)?.ownerDocument ?? document;
    const held: KeyboardEvent[] = [];
    const replays = new WeakSet<Event>();
    const hold = (event: KeyboardEvent) => {
      if (event === props.event || replays.has(event) || !DRAG_KEYS.has(event.code)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      held.push(event);
    };
    // One key per task, as typed: dnd-kit measures where the question is after each move.
    const next = () => {
      const early = held.shift();
      if (!early) {
        doc.removeEventListener("keydown", hold, true);
        return;
      }
      const { key, code, location, repeat, shiftKey, ctrlKey, altKey, metaKey } = early;
      const replay = new KeyboardEvent("keydown", {
        key,
        code,
        location,
        repeat,
        shiftKey,
        ctrlKey,
        altKey,
        metaKey,
        bubbles: true,
        cancelable: true,
      });
      replays.add(replay);
      (early.target ?? doc).dispatchEvent(replay);
      setTimeout(next);
    };
    doc.addEventListener("keydown", hold, true);
    // Timers of equal delay run in the order they were set: this one runs after the one in which dnd-kit
    // (in super) starts listening.
    setTimeout(next);
  }
}
