/**
 * "Slider": players pick a number on a scale; full points within the tolerance, fewer the further off. The numbers
 * are kept as typed (in `extra.slider`), so "-", "0," or "1." on the way to a number are not lost; they are written
 * as numbers (a decimal comma read as a point) and checked by the server's own rules.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue, histogramShape, stepCount, stepOf, valueAt } from "@protocol/slider";
import { LIMITS, SLIDER_FALLOFF_SHARE, type SliderScale } from "@protocol/values";
import { useId } from "react";
import { fill, formatNumber } from "../../../i18n";
import { Rich } from "../../../i18n/Rich";
import type { DraftQuestion } from "../draft";
import { describedBy, FieldProblems } from "../fields";
import { kindText, sliderText } from "./text";
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

type Words = ReturnType<typeof sliderText.get>;

/** Each field's label, placeholder, undo label and "Give the …" sentence. */
function wordsFor(t: Words): Record<keyof Typed, { label: string; placeholder?: string; edit: string; give: string }> {
  return {
    min: { label: t.min, edit: t.editMin, give: t.giveMin },
    max: { label: t.max, edit: t.editMax, give: t.giveMax },
    step: { label: t.step, placeholder: "1", edit: t.editStep, give: t.giveStep },
    correct: { label: t.correct, placeholder: t.correctPlaceholder, edit: t.editCorrect, give: t.giveRight },
    tolerance: { label: t.tolerance, placeholder: "0", edit: t.editTolerance, give: t.giveTolerance },
    unit: { label: t.unit, placeholder: t.unitPlaceholder, edit: t.editUnit, give: t.giveUnit },
  };
}

function SliderFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const t = useStore(sliderText);
  const LABELS = wordsFor(t);
  const hintId = useId();
  const typed = typedOf(question);
  const spec = specOf(question);
  const set = (key: keyof Typed, value: string) =>
    change(
      { extra: { ...question.extra, slider: { ...typed, [key]: value } } },
      {
        label: fill(LABELS[key].edit, { n: index + 1 }),
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
      <legend>{t.legend}</legend>
      <div className="studio-slider-grid">
        {(["min", "max", "step", "unit", "correct", "tolerance"] as const).map(field)}
      </div>
      <p id={hintId} className="field-hint">
        {spec && falloff !== null
          ? fill(t.hintSpec, {
              min: formatSliderValue(spec, spec.min),
              max: formatSliderValue(spec, spec.max),
              tolerance: formatSliderValue(spec, spec.tolerance),
              correct: formatSliderValue(spec, spec.correct),
              none: formatSliderValue(spec, spec.tolerance + falloff),
            })
          : fill(t.hintGeneral, { steps: formatNumber(LIMITS.slider.maxSteps) })}
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
  const t = useStore(sliderText);
  const spec = specOf(question);
  if (!spec) return null;
  return (
    <p className="studio-share-answer">
      {fill(t.share, { min: formatSliderValue(spec, spec.min), max: formatSliderValue(spec, spec.max) })}
      {answers ? (
        <>
          <Rich text={t.shareRight} values={{ value: <strong>{formatSliderValue(spec, spec.correct)}</strong> }} />
          {spec.tolerance > 0 ? fill(t.shareTolerance, { tolerance: formatSliderValue(spec, spec.tolerance) }) : ""}
        </>
      ) : null}
    </p>
  );
}

export const sliderKind: KindModule = {
  kind: "slider",
  get label() {
    return kindText.get().sliderLabel;
  },
  get hint() {
    return kindText.get().sliderHint;
  },
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
    const t = sliderText.get();
    const words = wordsFor(t)[key as keyof Typed];
    if (!words) return undefined;
    if (issue.code === "invalid_type") return issue.input === undefined ? words.give : t.useNumber;
    if (key === "step" && issue.code === "too_small") return t.stepAboveZero;
    if (key === "tolerance" && issue.code === "too_small") return t.toleranceNotNegative;
    if (key === "unit" && issue.code === "too_big") return fill(t.unitLength, { max: LIMITS.slider.unitLength });
    if (issue.code === "too_small" || issue.code === "too_big") {
      return fill(t.range, { max: formatNumber(LIMITS.slider.maxAbs) });
    }
    // The schema's own sentences (slider.ts), as the editor words things: capitalised, with a full stop.
    return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  },
  fieldKeys: ["min", "max", "step", "correct", "tolerance", "unit"],
  Fields: SliderFields,
  Share: SliderShare,
};
