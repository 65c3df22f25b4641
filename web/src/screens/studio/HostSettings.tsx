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
        <div className="field">
          <label htmlFor={`${id}-secs`}>Seconds per question (unless a question has its own)</label>
          <input
            id={`${id}-secs`}
            className="input input-inline"
            type="number"
            min={LIMITS.questionSeconds.min}
            max={LIMITS.questionSeconds.max}
            value={pacing.questionSeconds}
            onChange={(e) =>
              update({
                questionSeconds: Math.min(
                  LIMITS.questionSeconds.max,
                  Math.max(LIMITS.questionSeconds.min, Number(e.target.value)),
                ),
              })
            }
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-read`}>Seconds to read each question before its answers open (0: none)</label>
          <input
            id={`${id}-read`}
            className="input input-inline"
            type="number"
            min={LIMITS.readSeconds.min}
            max={LIMITS.readSeconds.max}
            value={pacing.readSeconds}
            onChange={(e) =>
              update({
                readSeconds: Math.min(
                  LIMITS.readSeconds.max,
                  Math.max(LIMITS.readSeconds.min, Math.round(Number(e.target.value) || 0)),
                ),
              })
            }
          />
        </div>
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
