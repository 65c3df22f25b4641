/**
 * A slider's arithmetic, shared by the server (validation, snapping an answer, scoring, the reveal's histogram) and
 * the phone (the range input and how a number reads). No schema library here: the phone imports it.
 *
 * Every number of a slider has at most `LIMITS.slider.decimals` decimal places and lies within ±`maxAbs`, so scaled
 * by a power of ten they are whole numbers well inside a double's exact range: steps are counted exactly, and a
 * value like 0.1 + 0.2 never becomes 0.30000000000000004 on the way.
 */
import { LIMITS, type SliderScale } from "./values";

/** Decimal places of a number in its shortest written form: 0.1 → 1, 1500 → 0, 1e-7 → 7. */
export function decimalPlaces(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const [mantissa = "", exponent = "0"] = String(Math.abs(x)).split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** The power of ten that makes every one of these numbers whole. */
function factorOf(...xs: number[]): number {
  return 10 ** Math.max(0, ...xs.map(decimalPlaces));
}

/** A scale in whole numbers: min and step scaled by a power of ten, and the number of steps. */
interface Whole {
  f: number;
  min: number;
  step: number;
  steps: number;
}

/**
 * The scale's whole-number form, worked out once per scale object: an answer is checked and scored with a few
 * multiplications, not by writing numbers out as text (a game's scale is one object for all its answers).
 */
const wholes = new WeakMap<SliderScale, Whole>();
function wholeOf(s: SliderScale): Whole {
  let w = wholes.get(s);
  if (!w) {
    const f = factorOf(s.min, s.max, s.step);
    const min = Math.round(s.min * f);
    const step = Math.round(s.step * f);
    w = { f, min, step, steps: Math.round((Math.round(s.max * f) - min) / step) };
    wholes.set(s, w);
  }
  return w;
}

/** How many steps there are from min to max (a whole number on a valid scale). */
export function stepCount(s: SliderScale): number {
  return wholeOf(s).steps;
}

/** The value of step `k` (0 = min): the double nearest to the exact decimal min + k × step. */
export function valueAt(s: SliderScale, k: number): number {
  const w = wholeOf(s);
  return (w.min + k * w.step) / w.f;
}

/**
 * Which step a value is (0 to stepCount), or null when it is outside the scale or between two steps. A hundredth of
 * a step of slack absorbs the floating-point noise of a client that computed min + k × step itself.
 */
export function stepOf(s: SliderScale, x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const w = wholeOf(s);
  const u = (x * w.f - w.min) / w.step;
  const k = Math.round(u);
  if (Math.abs(u - k) > 0.01 || k < 0 || k > w.steps) return null;
  return k;
}

/**
 * The bars of a slider's distribution of guesses (the reveal's histogram): one per value on a scale of fewer than
 * `histogramBins` steps, otherwise bars of `ceil(steps / histogramBins)` steps each, the last one closed at the max.
 */
export function histogramShape(s: SliderScale): { binSteps: number; bins: number } {
  const steps = stepCount(s);
  if (steps < LIMITS.slider.histogramBins) return { binSteps: 1, bins: steps + 1 };
  const binSteps = Math.ceil(steps / LIMITS.slider.histogramBins);
  return { binSteps, bins: Math.ceil(steps / binSteps) };
}

/** A value as the scale shows it: grouped digits, as many decimals as the scale has, then the unit. */
export function formatSliderValue(s: SliderScale, x: number, locale = "en"): string {
  const digits = Math.min(LIMITS.slider.decimals, Math.max(decimalPlaces(s.min), decimalPlaces(s.step)));
  const n = x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A no-break space: "343 m/s" never splits across two lines.
  return s.unit ? `${n}\u00a0${s.unit}` : n;
}

/** A slider question's numbers as authored (the scale, the right value and how far from it still counts). */
export interface SliderSpec extends SliderScale {
  correct: number;
  tolerance: number;
}

/**
 * Everything wrong with a slider's numbers, each with the field it is about, in words an author reads. The schema
 * (schemas.ts) reports these even while some numbers are still missing or malformed (an editor checks as the
 * author types): each check runs on the numbers it needs, and a number that is not one (the schema's own problem)
 * is left out.
 */
export function sliderProblems(given: Partial<Record<keyof SliderSpec, unknown>>): {
  field: keyof SliderSpec;
  message: string;
}[] {
  const { decimals, maxSteps, maxAbs } = LIMITS.slider;
  const fields = ["min", "max", "step", "correct", "tolerance"] as const;
  const q: Partial<Record<(typeof fields)[number], number>> = {};
  for (const k of fields) {
    const x = given[k];
    if (typeof x === "number" && Number.isFinite(x) && Math.abs(x) <= maxAbs) q[k] = x;
  }
  const precise = fields.filter((k) => q[k] !== undefined && decimalPlaces(q[k] as number) > decimals);
  if (precise.length > 0) {
    return precise.map((k) => ({ field: k, message: `${k} ${q[k]} has more than ${decimals} decimal places` }));
  }
  // Without a step above 0 (the schema's to report) nothing below means anything.
  if (q.step === undefined || !(q.step > 0)) return [];
  if (q.min !== undefined && q.max !== undefined && q.max <= q.min) {
    return [{ field: "max", message: `max (${q.max}) must be greater than min (${q.min})` }];
  }
  // Whole numbers from here on: the arithmetic is exact.
  const f = factorOf(...fields.flatMap((k) => (q[k] === undefined ? [] : [q[k] as number])));
  const whole = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * f));
  const [min, max, step, correct, tolerance] = fields.map((k) => whole(q[k])) as (number | undefined)[];
  const size = step as number;
  const problems: { field: keyof SliderSpec; message: string }[] = [];
  const range = `the range ${q.min} to ${q.max}`;
  const hasRange = min !== undefined && max !== undefined;
  if (hasRange && (max - min) % size !== 0) {
    problems.push({ field: "step", message: `step ${q.step} does not divide ${range} into whole steps` });
  } else if (hasRange && (max - min) / size > maxSteps) {
    problems.push({
      field: "step",
      message: `${range} in steps of ${q.step} has ${(max - min) / size} steps; a slider has at most ${maxSteps} (make the step bigger)`,
    });
  }
  // Whether the answer and the tolerance sit on steps means little until the step itself is right.
  const stepIsRight = problems.length === 0;
  const inRange = hasRange && correct !== undefined && correct >= min && correct <= max;
  if (hasRange && correct !== undefined && !inRange) {
    problems.push({ field: "correct", message: `correct ${q.correct} is outside ${range}` });
  } else if (inRange && stepIsRight && ((correct as number) - (min as number)) % size !== 0) {
    const scale = { min: q.min as number, max: q.max as number, step: q.step };
    problems.push({
      field: "correct",
      message: `correct ${q.correct} is not one of the slider's values (${q.min}, ${valueAt(scale, 1)}, ${valueAt(scale, 2)}, … in steps of ${q.step})`,
    });
  }
  if (tolerance !== undefined && stepIsRight && tolerance % size !== 0) {
    problems.push({
      field: "tolerance",
      message: `tolerance ${q.tolerance} is not a whole number of steps of ${q.step}`,
    });
  } else if (
    tolerance !== undefined &&
    inRange &&
    (correct as number) - tolerance <= (min as number) &&
    (correct as number) + tolerance >= (max as number)
  ) {
    problems.push({
      field: "tolerance",
      message: `a tolerance of ±${q.tolerance} around ${q.correct} makes every value from ${q.min} to ${q.max} right; make it smaller`,
    });
  }
  return problems;
}
