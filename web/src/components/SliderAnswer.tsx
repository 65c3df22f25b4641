/**
 * A slider question on the phone: a real range input (drag by touch, arrow keys, Page Up/Down, Home/End), − and +
 * buttons for one step at a time (held down, they repeat), the number large with its unit, and a button that locks
 * it in. The input counts steps (0 … n) so a decimal scale never drifts; screen readers hear the value itself.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue, stepCount, valueAt } from "@protocol/slider";
import type { SliderScale } from "@protocol/values";
import { type CSSProperties, type PointerEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { fill, i18n } from "../i18n";

/**
 * A button that acts once when pressed (click, Enter, Space) and, held down by a finger or the mouse, keeps acting,
 * faster and faster, until let go: 1,000 steps are a drag and a few seconds of − or + away.
 */
function useHold(act: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const repeated = useRef(false);
  const latest = useRef(act);
  latest.current = act;
  const stop = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  return {
    onPointerDown: (e: PointerEvent) => {
      if (e.button !== 0) return;
      stop();
      repeated.current = false;
      const repeat = (delay: number) => {
        timer.current = setTimeout(() => {
          repeated.current = true;
          latest.current();
          repeat(Math.max(40, delay * 0.8));
        }, delay);
      };
      repeat(400);
    },
    onPointerUp: stop,
    onPointerLeave: stop,
    onPointerCancel: stop,
    // The click that ends a hold has already been acted on.
    onClick: () => {
      if (repeated.current) repeated.current = false;
      else latest.current();
    },
  };
}

const messages = i18n("slider", {
  hint: "Slide to your answer, then lock it in.",
  less: "Less (−{step})",
  more: "More (+{step})",
  yours: "Your answer",
  lockIn: "Lock in {value}",
});

export function SliderAnswer({
  scale,
  disabled,
  onAnswer,
}: {
  scale: SliderScale;
  disabled: boolean;
  onAnswer: (value: number) => void;
}) {
  const t = useStore(messages);
  const id = useId();
  const steps = stepCount(scale);
  // The middle of the scale: no end is favoured.
  const [at, setAt] = useState(() => Math.round(steps / 2));
  const value = valueAt(scale, at);
  const shown = formatSliderValue(scale, value);
  const nudge = (by: number) => setAt((k) => Math.min(steps, Math.max(0, k + by)));
  const less = useHold(() => nudge(-1));
  const more = useHold(() => nudge(1));
  const stepText = formatSliderValue(scale, scale.step);
  return (
    <div className="slider-answer">
      <p className="kind-hint" id={`${id}-hint`}>
        {t.hint}
      </p>
      <output className="slider-value" htmlFor={id} aria-hidden="true">
        {shown}
      </output>
      <div className="slider-row">
        <button
          type="button"
          className="slider-nudge"
          aria-label={fill(t.less, { step: stepText })}
          disabled={disabled || at === 0}
          {...less}
        >
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          className="slider-input"
          type="range"
          min={0}
          max={steps}
          step={1}
          value={at}
          disabled={disabled}
          aria-label={t.yours}
          aria-valuetext={shown}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setAt(Number(e.target.value))}
          style={{ "--filled": `${(at / steps) * 100}%` } as CSSProperties}
        />
        <button
          type="button"
          className="slider-nudge"
          aria-label={fill(t.more, { step: stepText })}
          disabled={disabled || at === steps}
          {...more}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <p className="slider-ends" aria-hidden="true">
        <span>{formatSliderValue(scale, scale.min)}</span>
        <span>{formatSliderValue(scale, scale.max)}</span>
      </p>
      <button
        type="button"
        className="btn btn-accent btn-block btn-large"
        disabled={disabled}
        onClick={() => onAnswer(value)}
      >
        {fill(t.lockIn, { value: shown })}
      </button>
    </div>
  );
}
