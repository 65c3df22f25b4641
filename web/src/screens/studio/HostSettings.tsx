/**
 * How games hosted from My quizzes and share links are timed: seconds per question (a question's own time limit
 * wins), the moment each question shows alone before its answers open, and what happens after each question.
 * Remembered on this device; shown folded, as one line.
 */

import { useStore } from "@nanostores/react";
import { LIMITS } from "@protocol/values";
import { useId, useState } from "react";
import { fill, i18n } from "../../i18n";
import { type Pacing, storePacing } from "./device";
import { currentPacing } from "./hosting";

const messages = i18n("hostSettings", {
  summary: "Game timing: {seconds} s per question · {read} · {after}",
  readFirst: "{seconds} s to read first",
  noReading: "no reading time",
  youPress: "you press Next after each answer",
  shown: "answer shown {seconds} s",
  questionSeconds: "Seconds per question (unless a question has its own)",
  readSeconds: "Seconds to read each question before its answers open (0: none)",
  afterEach: "After each question",
  moveOnAfter: "Move on after",
  revealSeconds: "Seconds to show the answer",
  seconds: "seconds",
  waitForNext: "Wait for me to press Next",
});

export function HostSettings() {
  const t = useStore(messages);
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
        {fill(t.summary, {
          seconds: pacing.questionSeconds,
          read: pacing.readSeconds ? fill(t.readFirst, { seconds: pacing.readSeconds }) : t.noReading,
          after: pacing.hostPaced ? t.youPress : fill(t.shown, { seconds: pacing.revealSeconds }),
        })}
      </summary>
      <div className="studio-host-settings-body">
        <SecondsField
          id={`${id}-secs`}
          label={t.questionSeconds}
          limits={LIMITS.questionSeconds}
          value={pacing.questionSeconds}
          onChange={(questionSeconds) => update({ questionSeconds })}
        />
        <SecondsField
          id={`${id}-read`}
          label={t.readSeconds}
          limits={LIMITS.readSeconds}
          value={pacing.readSeconds}
          onChange={(readSeconds) => update({ readSeconds })}
        />
        <fieldset className="field">
          <legend>{t.afterEach}</legend>
          <div className="radio-row">
            <label className="radio">
              <input
                type="radio"
                name={`${id}-pace`}
                checked={!pacing.hostPaced}
                onChange={() => update({ hostPaced: false })}
              />
              {t.moveOnAfter}
              <input
                className="input input-inline"
                type="number"
                aria-label={t.revealSeconds}
                min={1}
                max={LIMITS.revealSeconds.max}
                value={pacing.revealSeconds}
                disabled={pacing.hostPaced}
                onChange={(e) =>
                  update({ revealSeconds: Math.min(LIMITS.revealSeconds.max, Math.max(1, Number(e.target.value))) })
                }
              />
              {t.seconds}
            </label>
            <label className="radio">
              <input
                type="radio"
                name={`${id}-pace`}
                checked={pacing.hostPaced}
                onChange={() => update({ hostPaced: true })}
              />
              <span>{t.waitForNext}</span>
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
