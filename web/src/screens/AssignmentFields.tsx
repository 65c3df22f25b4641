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
            <span className="deadline-zone">{timeZone()} time · each player at their own pace until then</span>
          </div>
          {/* Said to screen readers; on screen the label and the zone say enough, and "Create" stays in view on a
              1280×800 projector. */}
          <p id={`${id}-deadline-hint`} className="sr-only">
            Players play when they like, each at their own pace, until then (at most{" "}
            {LIMITS.assignment.maxOpenMs / 86_400_000} days ahead).
          </p>
        </div>
      ) : null}
    </>
  );
}
