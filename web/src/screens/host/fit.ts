/**
 * Making the big screen fit, whatever the content. Sizes in host.css are `em` of a stage whose font size is
 * `var(--fit) × (a share of the screen)`, and boxes take the size of their text (no fixed row heights, no
 * `min-width: 0` on text), so anything too big for the screen makes the stage itself overflow. `useFitScale` then
 * finds, by bisection, the largest `--fit` at which nothing overflows: text shrinks before it would ever spill under
 * the control bar or off the screen, and words never need to break. `useFitCount` does the same for a list: it
 * keeps as many items as fit whole and leaves room for a "+N more".
 */
import { useStore } from "@nanostores/react";
import { type RefObject, useLayoutEffect, useRef, useState } from "react";
import { locale } from "../../i18n";

const STEPS = 9;

function overflows(el: HTMLElement): boolean {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

/** Calls `onResize` when the element's box changes size (a window resize, full screen, a control bar that wraps). */
function useResized(ref: RefObject<HTMLElement | null>, onResize: () => void): void {
  const callback = useRef(onResize);
  callback.current = onResize;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let first = true;
    const observer = new ResizeObserver(() => {
      // The first call only reports the size the element already had.
      if (first) first = false;
      else callback.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * Sets `--fit` (between `min` and 1) on the element so its content fits inside it; refits when `key` changes, when
 * the language changes (German runs longer than English), when the element is resized and when an image inside it
 * loads. If even `min` overflows (say, a 120-letter word), the
 * element gets `fit-exhausted`, where the stylesheet lets long words break as a last resort.
 */
export function useFitScale<T extends HTMLElement>(key: unknown, min = 0.3): RefObject<T | null> {
  const ref = useRef<T>(null);
  const language = useStore(locale);
  const refit = () => {
    const el = ref.current;
    if (!el) return;
    const set = (scale: number) => el.style.setProperty("--fit", scale.toFixed(3));
    el.classList.remove("fit-exhausted");
    set(1);
    if (!overflows(el)) return;
    let lo = min;
    let hi = 1;
    for (let i = 0; i < STEPS; i++) {
      const mid = (lo + hi) / 2;
      set(mid);
      if (overflows(el)) hi = mid;
      else lo = mid;
    }
    set(lo);
    if (overflows(el)) el.classList.add("fit-exhausted");
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything shown; fit reads the DOM
  useLayoutEffect(refit, [key, language]);
  useResized(ref, refit);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the stage element lives as long as the component
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // An image's size is known only once it loads; `load` does not bubble, so listen in the capture phase.
    const onLoad = () => refit();
    el.addEventListener("load", onLoad, true);
    return () => el.removeEventListener("load", onLoad, true);
  }, []);
  return ref;
}

/** Items tried beyond the count that fitted last time, when the list changes (names differ in width). */
const SLACK = 16;

/**
 * How many of `total` items to render into a list so that every rendered child (the last of which may be a "+N
 * more" item) sits wholly inside the list's box. Renders at most `cap` (more never fit on a screen), measures, and
 * drops items until the rest fit. When `total` changes it starts again from what fitted before plus some slack (a
 * lobby of thousands gets several updates a second), and from `cap` after a resize.
 */
export function useFitCount<T extends HTMLElement>(
  total: number,
  cap: number,
): { ref: RefObject<T | null>; shown: number } {
  const ref = useRef<T>(null);
  const language = useStore(locale);
  const [state, setState] = useState({ total, shown: Math.min(total, cap), round: 0, language });
  if (state.language !== language) {
    // Another language: the "+N more" item has another width, so start again from the cap.
    setState({ total, shown: Math.min(total, cap), round: state.round + 1, language });
  }
  if (state.total !== total) {
    // Everything fitted last time: nobody knows how many more would, so try them all (up to the cap).
    const start = state.shown >= state.total ? cap : state.shown + SLACK;
    setState({ ...state, total, shown: Math.min(total, cap, start) });
  }
  useResized(ref, () => setState((s) => ({ ...s, shown: Math.min(s.total, cap), round: s.round + 1 })));
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measures whenever a different number is on screen
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return;
    const limit = list.clientHeight + 1;
    const items = Array.from(list.children) as HTMLElement[];
    const first = items.findIndex((el) => el.offsetTop + el.offsetHeight > limit);
    if (first === -1) return;
    // Everything before the first item that spills fits; the last of those gives way to the "+N more" item.
    const next = Math.max(0, first - 1);
    setState((s) => (s.shown === next ? s : { ...s, shown: next }));
  }, [state.shown, state.round, total]);
  return { ref, shown: Math.min(state.shown, total) };
}
