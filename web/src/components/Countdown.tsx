/**
 * A countdown to a server deadline, kept in step with the server clock. The number redraws a few times a second;
 * screen readers hear only milestones (10 s, 5 s, time's up) through a polite live region, not every tick.
 */
import type { ReadyPayload } from "@protocol/values";
import { useEffect, useState } from "react";
import type { ServerClock } from "../lib/clock";

interface Props {
  deadline: number | null;
  durationMs: number;
  clock: ServerClock;
  /** Shown instead of a running clock while paused. */
  pausedRemainingMs?: number | null;
  label?: string;
  size?: "large" | "small";
}

const MILESTONES = [10, 5];

export function Countdown({
  deadline,
  durationMs,
  clock,
  pausedRemainingMs,
  label = "Time left",
  size = "large",
}: Props) {
  const [now, setNow] = useState(() => clock.serverNow());
  useEffect(() => {
    if (deadline === null) return;
    const timer = window.setInterval(() => setNow(clock.serverNow()), 200);
    setNow(clock.serverNow());
    return () => window.clearInterval(timer);
  }, [deadline, clock]);

  const remainingMs =
    pausedRemainingMs != null ? pausedRemainingMs : deadline === null ? 0 : Math.max(0, deadline - now);
  const seconds = Math.ceil(remainingMs / 1000);
  const fraction = durationMs > 0 ? Math.min(1, remainingMs / durationMs) : 0;
  const announce =
    pausedRemainingMs != null
      ? `Paused with ${seconds} seconds left`
      : seconds === 0 && deadline !== null
        ? "Time's up"
        : MILESTONES.includes(seconds)
          ? `${seconds} seconds left`
          : "";
  const urgent = pausedRemainingMs == null && seconds <= 5;

  return (
    <div className={`countdown countdown-${size}${urgent ? " urgent" : ""}`}>
      <div className="countdown-number" role="timer" aria-label={`${label}: ${seconds} seconds`}>
        <span aria-hidden="true">{seconds}</span>
      </div>
      <div className="countdown-bar" aria-hidden="true">
        <div className="countdown-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
    </div>
  );
}

/** A question's lead-in, counted down to when its answers open (frozen while paused). */
export function OpensCountdown({
  ready,
  clock,
  pausedRemainingMs,
  size,
}: {
  ready: ReadyPayload;
  clock: ServerClock;
  pausedRemainingMs?: number | null;
  size?: "large" | "small";
}) {
  return (
    <Countdown
      deadline={ready.opensAt}
      durationMs={ready.readMs}
      clock={clock}
      pausedRemainingMs={pausedRemainingMs}
      label="Answers open in"
      size={size}
    />
  );
}
