/**
 * "Slider": players pick a number on a scale; full points within the tolerance, fewer the further off. The numbers
 * are kept as typed (in `extra.slider`), so "-", "0," or "1." on the way to a number are not lost; they are written
 * as numbers (a decimal comma read as a point) and checked by the server's own rules.
 */

import { formatSliderValue, histogramShape, stepCount, stepOf, valueAt } from "@protocol/slider";
import { LIMITS, SLIDER_FALLOFF_SHARE, type SliderScale } from "@protocol/values";
import { useId } from "react";
import type { DraftQuestion } from "../draft";
import { describedBy, FieldProblems } from "../fields";
import type { KindFieldsProps, KindModule } from "./types";

const NUMBERS = ["min", "max", "step", "correct", "tolerance"] as const;
type NumberField = (typeof NUMBERS)[number];
type Typed = Record<NumberField | "unit", string>;

/** A new slider: 0 to 100 in steps of 1, exact answers only, the right value still to be given. */
const START: Typed = { min: "0", max: "100", step: "1", correct: "", tolerance: "0", unit: "" };

function typedOf(q: DraftQuestion): Typed {
  const stored = q.extra.slider;
  if (stored === null || typeof stored !== "object") return START;
  const s = stored as Partial<Record<keyof Typed, unknown>>;
  const text = (k: keyof Typed) => (typeof s[k] === "string" ? (s[k] as string) : START[k]);
  return {
    min: text("min"),
    max: text("max"),
    step: text("step"),
    correct: text("correct"),
    tolerance: text("tolerance"),
    unit: text("unit"),
  };
}

/** A typed number as the quiz format takes it: a number (decimal comma or point), or the text itself. */
function numberOf(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t.replace(",", "."));
  return /^[-+]?(\d+[.,]?\d*|[.,]\d+)$/.test(t) && Number.isFinite(n) ? n : t;
}

/** The scale and answer, when every number is there and fits: what the preview and the hint can show. */
function specOf(q: DraftQuestion): (SliderScale & { correct: number; tolerance: number }) | null {
  const t = typedOf(q);
  const [min, max, step, correct, tolerance] = NUMBERS.map((k) => numberOf(t[k]));
  if (![min, max, correct].every((n) => typeof n === "number")) return null;
  const spec = {
    min: min as number,
    max: max as number,
    step: typeof step === "number" ? step : 1,
    correct: correct as number,
    tolerance: typeof tolerance === "number" ? tolerance : 0,
    ...(t.unit.trim() ? { unit: t.unit.trim() } : {}),
  };
  const steps = spec.step > 0 && spec.max > spec.min ? stepCount(spec) : 0;
  return steps >= 1 && steps <= LIMITS.slider.maxSteps && stepOf(spec, spec.correct) !== null ? spec : null;
}

const LABELS: Record<keyof Typed, { label: string; placeholder?: string }> = {
  min: { label: "Lowest value" },
  max: { label: "Highest value" },
  step: { label: "Step", placeholder: "1" },
  correct: { label: "Right answer", placeholder: "The number" },
  tolerance: { label: "Counts as right within ±", placeholder: "0" },
  unit: { label: "Unit (optional)", placeholder: "km, years, %" },
};

function SliderFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const hintId = useId();
  const typed = typedOf(question);
  const spec = specOf(question);
  const set = (key: keyof Typed, value: string) =>
    change(
      { extra: { ...question.extra, slider: { ...typed, [key]: value } } },
      {
        label: `Edit the ${LABELS[key].label.toLowerCase()} of question ${index + 1}`,
        key: `${question.id}:slider:${key}`,
      },
    );
  const field = (key: keyof Typed) => {
    const own = problems(key);
    return (
      <div className={`studio-field studio-slider-${key}`} key={key}>
        <label htmlFor={fieldId(key)}>{LABELS[key].label}</label>
        <input
          id={fieldId(key)}
          className="input"
          inputMode={key === "unit" ? "text" : "decimal"}
          autoComplete="off"
          maxLength={key === "unit" ? LIMITS.slider.unitLength + 20 : 24}
          value={typed[key]}
          placeholder={LABELS[key].placeholder}
          onChange={(e) => set(key, e.target.value)}
          {...describedBy(fieldId(key), own, key === "tolerance" ? hintId : undefined)}
        />
        <FieldProblems fieldId={fieldId(key)} problems={own} />
      </div>
    );
  };
  const falloff = spec ? (spec.max - spec.min) * SLIDER_FALLOFF_SHARE : null;
  return (
    <fieldset className="studio-slider">
      <legend>The slider</legend>
      <div className="studio-slider-grid">
        {(["min", "max", "step", "unit", "correct", "tolerance"] as const).map(field)}
      </div>
      <p id={hintId} className="field-hint">
        {spec && falloff !== null
          ? `Players pick from ${formatSliderValue(spec, spec.min)} to ${formatSliderValue(spec, spec.max)}. Full points within ±${formatSliderValue(spec, spec.tolerance)} of ${formatSliderValue(spec, spec.correct)}; beyond that, fewer the further off, none from ±${formatSliderValue(spec, spec.tolerance + falloff)} (a tenth of the range further).`
          : `Players pick a number on the slider. Full points within the tolerance; beyond it, fewer the further off, none a tenth of the range further. At most ${LIMITS.slider.maxSteps.toLocaleString("en")} steps.`}
      </p>
    </fieldset>
  );
}

/** An example spread of 24 guesses for the preview's reveal: most near the answer, a few far off. */
function exampleHistogram(spec: NonNullable<ReturnType<typeof specOf>>) {
  const { binSteps, bins } = histogramShape(spec);
  const right = Math.min(bins - 1, Math.floor((stepOf(spec, spec.correct) ?? 0) / binSteps));
  const counts = Array.from({ length: bins }, (_, i) => [9, 5, 2, 1][Math.abs(i - right)] ?? 0);
  return { min: spec.min, binWidth: valueAt({ ...spec, min: 0 }, binSteps), counts, median: spec.correct };
}

function SliderShare({ question, answers }: { question: DraftQuestion; answers: boolean }) {
  const spec = specOf(question);
  if (!spec) return null;
  return (
    <p className="studio-share-answer">
      A number from {formatSliderValue(spec, spec.min)} to {formatSliderValue(spec, spec.max)}
      {answers ? (
        <>
          {" "}
          — right: <strong>{formatSliderValue(spec, spec.correct)}</strong>
          {spec.tolerance > 0 ? ` (± ${formatSliderValue(spec, spec.tolerance)})` : ""}
        </>
      ) : null}
    </p>
  );
}

export const sliderKind: KindModule = {
  kind: "slider",
  label: "Slider",
  hint: "Players pick a number on a scale; the closer, the more points.",
  read: (q) =>
    q.kind === "slider"
      ? {
          extra: {
            slider: {
              min: String(q.min),
              max: String(q.max),
              step: String(q.step),
              correct: String(q.correct),
              tolerance: String(q.tolerance),
              unit: q.unit ?? "",
            },
          },
        }
      : {},
  write(q) {
    const t = typedOf(q);
    const fields: Record<string, unknown> = {};
    for (const k of NUMBERS) {
      const n = numberOf(t[k]);
      if (n !== undefined) fields[k] = n;
    }
    if (t.unit.trim()) fields.unit = t.unit;
    return { fields, fieldKey: ([key]) => String(key ?? "question") };
  },
  // A slider has no choices to keep; its own numbers stay as they were, or start as a 0–100 scale.
  switchTo: (q) => ({ extra: { ...q.extra, slider: typedOf(q) } }),
  play(q) {
    const spec = specOf(q);
    if (!spec) {
      return {
        correct: { choices: [] },
        wrongAnswer: null,
        question: { slider: { min: 0, max: 100, step: 1 } },
        reveal: { counts: [] },
      };
    }
    const { correct, tolerance, ...scale } = spec;
    const steps = stepCount(spec);
    const at = stepOf(spec, correct) ?? 0;
    const off = Math.max(1, Math.round(steps / 20) + Math.round(tolerance / spec.step));
    return {
      correct: { choices: [], value: correct, tolerance },
      wrongAnswer: valueAt(spec, at + off <= steps ? at + off : Math.max(0, at - off)),
      question: { slider: scale },
      reveal: { counts: [], histogram: exampleHistogram(spec) },
    };
  },
  problem(key, issue) {
    const name = LABELS[key as keyof Typed]?.label.toLowerCase();
    if (!name) return undefined;
    if (issue.code === "invalid_type") {
      if (issue.input === undefined) {
        return key === "correct" ? "Give the right answer." : `Give the ${name}.`;
      }
      return "Use a number, like 12 or 2.5.";
    }
    if (key === "step" && issue.code === "too_small") return "The step must be more than 0.";
    if (key === "tolerance" && issue.code === "too_small") return "The tolerance cannot be below 0.";
    if (key === "unit" && issue.code === "too_big") return `At most ${LIMITS.slider.unitLength} characters.`;
    if (issue.code === "too_small" || issue.code === "too_big") {
      return `Use a number from −${LIMITS.slider.maxAbs.toLocaleString("en")} to ${LIMITS.slider.maxAbs.toLocaleString("en")}.`;
    }
    // The schema's own sentences (slider.ts), as the editor words things: capitalised, with a full stop.
    return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  },
  fieldKeys: ["min", "max", "step", "correct", "tolerance", "unit"],
  Fields: SliderFields,
  Share: SliderShare,
};
