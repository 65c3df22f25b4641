/**
 * Undo and redo for the editor: a list of past states and a list of undone ones, each step named ("Delete question
 * 3") so the buttons and the screen reader can say what undo will do. Quick changes to one field (typing) with the
 * same key merge into one step, as in any text editor.
 */
export interface Step<T> {
  state: T;
  label: string;
}

export interface History<T> {
  past: Step<T>[];
  present: T;
  future: Step<T>[];
  /** The key and time of the last change, for merging typing into one step. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
/** Changes to one field less than this far apart are one step. */
export const MERGE_MS = 1200;

export function start<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

export function change<T>(h: History<T>, next: T, label: string, key: string | null, now: number): History<T> {
  if (next === h.present) return h;
  if (key !== null && key === h.lastKey && now - h.lastAt < MERGE_MS && h.past.length > 0) {
    return { ...h, present: next, future: [], lastAt: now };
  }
  const past = [...h.past, { state: h.present, label }].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(h: History<T>): History<T> {
  const step = h.past[h.past.length - 1];
  if (!step) return h;
  return {
    past: h.past.slice(0, -1),
    present: step.state,
    future: [{ state: h.present, label: step.label }, ...h.future],
    lastKey: null,
    lastAt: 0,
  };
}

export function redo<T>(h: History<T>): History<T> {
  const step = h.future[0];
  if (!step) return h;
  return {
    past: [...h.past, { state: h.present, label: step.label }],
    present: step.state,
    future: h.future.slice(1),
    lastKey: null,
    lastAt: 0,
  };
}

/** What undo would take back, or null. */
export function undoLabel<T>(h: History<T>): string | null {
  return h.past[h.past.length - 1]?.label ?? null;
}

export function redoLabel<T>(h: History<T>): string | null {
  return h.future[0]?.label ?? null;
}
