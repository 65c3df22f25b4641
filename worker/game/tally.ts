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

/**
 * A tally in a form that adds up across the shards of a big game (docs/scaling.md): per-choice counts, typed answers
 * by their normalised key, a slider's guesses per step (sparse). Small whatever the number of players, except typed
 * answers, which are capped at `TYPED_KEPT` distinct ones per shard.
 */
export type RawTally =
  | { kind: "counts"; counts: number[] }
  | { kind: "typed"; entries: { key: string; text: string; count: number; correct: boolean }[] }
  | { kind: "steps"; steps: [step: number, count: number][] };

/** Distinct typed answers a shard reports: far more than the 10 shown, so the merged top 10 is exact in practice. */
export const TYPED_KEPT = 200;

export interface Tally {
  add(answer: Answer): void;
  result(): Counted;
  /** What this tally counted, in the form `mergeTallies` adds up. */
  raw(): RawTally;
}

/** The result of several tallies of question `q` (one per shard) added up: what one tally of every answer gives. */
export function mergeTallies(q: GameQuestion, raws: readonly RawTally[]): Counted {
  if (q.kind === "type") {
    const byKey = new Map<string, { text: string; count: number; correct: boolean }>();
    for (const raw of raws) {
      if (raw.kind !== "typed") continue;
      for (const e of raw.entries) {
        const entry = byKey.get(e.key) ?? { text: e.text, count: 0, correct: e.correct };
        entry.count += e.count;
        byKey.set(e.key, entry);
      }
    }
    return { counts: [], typed: topTyped(byKey.values()) };
  }
  if (q.kind === "slider" && q.slider) {
    const tally = sliderTally(q.slider);
    for (const raw of raws) if (raw.kind === "steps") for (const [k, n] of raw.steps) tally.addSteps(k, n);
    return tally.result();
  }
  const size = q.kind === "order" ? q.correct.length : q.choices.length;
  const counts = new Array<number>(size).fill(0);
  for (const raw of raws) {
    if (raw.kind !== "counts") continue;
    raw.counts.forEach((n, i) => {
      if (i < size) counts[i] = (counts[i] ?? 0) + n;
    });
  }
  return { counts };
}

function topTyped(entries: Iterable<{ text: string; count: number; correct: boolean }>) {
  return [...entries].sort((x, y) => y.count - x.count).slice(0, 10);
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
    raw: () => ({ kind: "counts", counts: [...counts] }),
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
    result: () => ({ counts: [], typed: topTyped(byKey.values()) }),
    raw: () => ({
      kind: "typed",
      entries: [...byKey]
        .sort(([, x], [, y]) => y.count - x.count)
        .slice(0, TYPED_KEPT)
        .map(([key, e]) => ({ key, ...e })),
    }),
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
    raw: () => ({ kind: "counts", counts: [...counts] }),
  };
}

/**
 * A slider's guesses in the bars of `histogramShape`, and the median guess. Guesses are counted per step (at most
 * 1,001 of them), so the median is found by walking the counts: O(players + steps), no sort.
 */
function sliderTally(s: NonNullable<GameQuestion["slider"]>): Tally & { addSteps(k: number, n: number): void } {
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
    addSteps(k, n) {
      if (!Number.isInteger(k) || k < 0 || k >= perStep.length || !(n > 0)) return;
      perStep[k] = (perStep[k] ?? 0) + n;
      total += n;
    },
    raw() {
      const steps: [number, number][] = [];
      perStep.forEach((n, k) => {
        if (n > 0) steps.push([k, n]);
      });
      return { kind: "steps", steps };
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
