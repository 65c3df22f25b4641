/**
 * How games hosted from My quizzes and share links are timed: seconds per question (a question's own time limit
 * wins), the moment each question shows alone before its answers open, and what happens after each question.
 * Remembered on this device; shown folded, as one line.
 */
import { LIMITS } from "@protocol/values";
import { useId, useState } from "react";
import { type Pacing, storePacing } from "./device";
import { currentPacing } from "./hosting";

export function HostSettings() {
  const id = useId();
  const [pacing, setPacing] = useState<Pacing>(currentPacing);
  const update = (patch: Partial<Pacing>) => {
    const next = { ...pacing, ...patch };
    setPacing(next);
    storePacing(next);
  };
  return (
    <details className="studio-host-settings">
      <summary>
        Game timing: {pacing.questionSeconds} s per question ·{" "}
        {pacing.readSeconds ? `${pacing.readSeconds} s to read first` : "no reading time"} ·{" "}
        {pacing.hostPaced ? "you press Next after each answer" : `answer shown ${pacing.revealSeconds} s`}
      </summary>
      <div className="studio-host-settings-body">
        <SecondsField
          id={`${id}-secs`}
          label="Seconds per question (unless a question has its own)"
          limits={LIMITS.questionSeconds}
          value={pacing.questionSeconds}
          onChange={(questionSeconds) => update({ questionSeconds })}
        />
        <SecondsField
          id={`${id}-read`}
          label="Seconds to read each question before its answers open (0: none)"
          limits={LIMITS.readSeconds}
          value={pacing.readSeconds}
          onChange={(readSeconds) => update({ readSeconds })}
        />
        <fieldset className="field">
          <legend>After each question</legend>
          <div className="radio-row">
            <label className="radio">
              <input
                type="radio"
                name={`${id}-pace`}
                checked={!pacing.hostPaced}
                onChange={() => update({ hostPaced: false })}
              />
              Move on after
              <input
                className="input input-inline"
                type="number"
                aria-label="Seconds to show the answer"
                min={1}
                max={LIMITS.revealSeconds.max}
                value={pacing.revealSeconds}
                disabled={pacing.hostPaced}
                onChange={(e) =>
                  update({ revealSeconds: Math.min(LIMITS.revealSeconds.max, Math.max(1, Number(e.target.value))) })
                }
              />
              seconds
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${id}-pace`}
                checked={pacing.hostPaced}
                onChange={() => update({ hostPaced: true })}
              />
              <span>Wait for me to press Next</span>
            </label>
          </div>
        </fieldset>
      </div>
    </details>
  );
}

/** A whole number of seconds within the server's limits (a typed value outside them is brought inside). */
function SecondsField({
  id,
  label,
  limits,
  value,
  onChange,
}: {
  id: string;
  label: string;
  limits: { min: number; max: number };
  value: number;
  onChange: (seconds: number) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input input-inline"
        type="number"
        min={limits.min}
        max={limits.max}
        value={value}
        onChange={(e) => onChange(Math.min(limits.max, Math.max(limits.min, Math.round(Number(e.target.value) || 0))))}
      />
    </div>
  );
}
