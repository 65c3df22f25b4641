/**
 * Keyboard flow for a list of text rows (choices, accepted answers): Enter goes on to the next row, adding one at
 * the end; a row added or removed leaves the cursor where the author expects it.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

export function useRows(count: number, add: () => void) {
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (focusAt === null) return;
    inputs.current[focusAt]?.focus();
    setFocusAt(null);
  }, [focusAt]);
  return {
    ref: (i: number) => (el: HTMLInputElement | null) => {
      inputs.current[i] = el;
    },
    /** Puts the cursor in row `i` after the next render (a row just added or removed). */
    focus: setFocusAt,
    onKeyDown: (i: number) => (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      if (i < count - 1) setFocusAt(i + 1);
      else add();
    },
  };
}
