/**
 * What a reveal counts, per question kind: players per choice, the most common typed answers, how many put each
 * item of an order question in its right place, a slider's distribution of guesses. Each tally is O(players) to
 * fill and its result is small whatever the number of players (at most 6 counts, 10 typed answers or 20 bars), so a
 * reveal to thousands of phones stays one small message.
 */
import { histogramShape, stepCount, stepOf, valueAt } from "../protocol/slider";
import type { RevealPayload, SliderHistogram } from "../protocol/values";
import { normaliseTyped } from "./scoring";
import type { Answer, GameQuestion } from "./state";

type Counted = Pick<RevealPayload, "counts" | "typed" | "histogram">;

export interface Tally {
  add(answer: Answer): void;
  result(): Counted;
}

export function tallyFor(q: GameQuestion): Tally {
  switch (q.kind) {
    case "type":
      return typedTally();
    case "slider":
      return q.slider ? sliderTally(q.slider) : choiceTally(0);
    case "order":
      return orderTally(q.correct);
    default:
      return choiceTally(q.choices.length);
  }
}

/** Players per choice (a multi set counts each of its choices once). */
function choiceTally(size: number): Tally {
  const counts = new Array<number>(size).fill(0);
  return {
    add({ choice }) {
      for (const i of Array.isArray(choice) ? choice : typeof choice === "number" ? [choice] : []) {
        counts[i] = (counts[i] ?? 0) + 1;
      }
    },
    result: () => ({ counts }),
  };
}

/** The ten most common typed answers after normalising, each with whether it was accepted. */
function typedTally(): Tally {
  const byKey = new Map<string, { text: string; count: number; correct: boolean }>();
  return {
    add({ choice, correct }) {
      if (typeof choice !== "string") return;
      const key = normaliseTyped(choice);
      const entry = byKey.get(key) ?? { text: choice, count: 0, correct };
      entry.count++;
      byKey.set(key, entry);
    },
    result: () => ({ counts: [], typed: [...byKey.values()].sort((x, y) => y.count - x.count).slice(0, 10) }),
  };
}

/** For each shown item, how many players put it in its right place (`right[at]` is the item that belongs at `at`). */
function orderTally(right: readonly number[]): Tally {
  const counts = new Array<number>(right.length).fill(0);
  return {
    add({ choice }) {
      if (!Array.isArray(choice)) return;
      choice.forEach((item, at) => {
        if (right[at] === item) counts[item] = (counts[item] ?? 0) + 1;
      });
    },
    result: () => ({ counts }),
  };
}

/**
 * A slider's guesses in the bars of `histogramShape`, and the median guess. Guesses are counted per step (at most
 * 1,001 of them), so the median is found by walking the counts: O(players + steps), no sort.
 */
function sliderTally(s: NonNullable<GameQuestion["slider"]>): Tally {
  const { binSteps, bins } = histogramShape(s);
  const perStep = new Uint32Array(stepCount(s) + 1);
  let total = 0;
  return {
    add({ choice }) {
      const k = typeof choice === "number" ? stepOf(s, choice) : null;
      if (k === null) return;
      perStep[k] = (perStep[k] ?? 0) + 1;
      total++;
    },
    result() {
      const counts = new Array<number>(bins).fill(0);
      const middle = Math.floor((total - 1) / 2);
      let seen = 0;
      let median: number | null = null;
      perStep.forEach((n, k) => {
        if (n === 0) return;
        const bin = Math.min(Math.floor(k / binSteps), bins - 1);
        counts[bin] = (counts[bin] ?? 0) + n;
        if (median === null && seen + n > middle) median = valueAt(s, k);
        seen += n;
      });
      const histogram: SliderHistogram = { min: s.min, binWidth: valueAt({ ...s, min: 0 }, binSteps), counts, median };
      return { counts: [], histogram };
    },
  };
}
