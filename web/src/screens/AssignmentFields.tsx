/**
 * The host form's choice between a live game and a self-paced assignment, and the assignment's deadline picker (a
 * local date and time, the time zone named beside it).
 */
import { useStore } from "@nanostores/react";
import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { fill, i18n, plural } from "../i18n";
import { timeZone, toLocalInput } from "../lib/deadline";

export type PlayMode = "live" | "self-paced";

const messages = i18n("assignmentFields", {
  howToPlay: "How to play",
  live: "Live",
  selfPaced: "Self-paced",
  closesAt: "Assignment closes at",
  zone: "{zone} time",
  hint: plural({
    one: "Each player plays at their own pace until then (at most {count} day).",
    other: "Each player plays at their own pace until then (at most {count} days).",
  }),
});

/**
 * A select in the row of numbers (questions, seconds): the form is then no taller than before, and "Create game"
 * stays in view on a 1280×800 projector.
 */
export function ModeField({ mode, onMode }: { mode: PlayMode; onMode: (mode: PlayMode) => void }) {
  const t = useStore(messages);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-mode`}>{t.howToPlay}</label>
      <select
        id={`${id}-mode`}
        className="input mode-select"
        value={mode}
        onChange={(e) => onMode(e.target.value === "self-paced" ? "self-paced" : "live")}
      >
        <option value="live">{t.live}</option>
        <option value="self-paced">{t.selfPaced}</option>
      </select>
    </div>
  );
}

export function DeadlineField({ deadline, onDeadline }: { deadline: string; onDeadline: (value: string) => void }) {
  const t = useStore(messages);
  const id = useId();
  const now = Date.now();
  return (
    <div className="field">
      <label htmlFor={`${id}-deadline`}>{t.closesAt}</label>
      <div className="deadline-row">
        <input
          id={`${id}-deadline`}
          className="input"
          type="datetime-local"
          value={deadline}
          min={toLocalInput(now + LIMITS.assignment.minOpenMs)}
          max={toLocalInput(now + LIMITS.assignment.maxOpenMs)}
          onChange={(e) => onDeadline(e.target.value)}
          aria-describedby={`${id}-deadline-hint`}
          required
        />
        <span className="deadline-zone">{fill(t.zone, { zone: timeZone() })}</span>
      </div>
      <p id={`${id}-deadline-hint`} className="field-hint">
        {t.hint(LIMITS.assignment.maxOpenMs / 86_400_000)}
      </p>
    </div>
  );
}
