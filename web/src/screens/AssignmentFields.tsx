/**
 * The host form's choice between a live game and a self-paced assignment, with the assignment's deadline picker
 * (a local date and time, the time zone named beside it).
 */
import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { timeZone, toLocalInput } from "../lib/deadline";

export function AssignmentFields({
  mode,
  onMode,
  deadline,
  onDeadline,
}: {
  mode: "live" | "self-paced";
  onMode: (mode: "live" | "self-paced") => void;
  deadline: string;
  onDeadline: (value: string) => void;
}) {
  const id = useId();
  const now = Date.now();
  return (
    <>
      <fieldset className="field source-switch">
        <legend>How to play</legend>
        <div className="segmented">
          <label className={`segment${mode === "live" ? " on" : ""}`}>
            <input type="radio" name={`${id}-mode`} checked={mode === "live"} onChange={() => onMode("live")} />
            Live
          </label>
          <label className={`segment${mode === "self-paced" ? " on" : ""}`}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === "self-paced"}
              onChange={() => onMode("self-paced")}
            />
            Assignment (self-paced)
          </label>
        </div>
      </fieldset>
      {mode === "self-paced" ? (
        <div className="field">
          <label htmlFor={`${id}-deadline`}>Closes at</label>
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
            <span className="deadline-zone">{timeZone()} time</span>
          </div>
          <p id={`${id}-deadline-hint`} className="field-hint">
            Players play when they like, each at their own pace, until then (at most{" "}
            {LIMITS.assignment.maxOpenMs / 86_400_000} days).
          </p>
        </div>
      ) : null}
    </>
  );
}
