/**
 * A countdown to a server deadline, kept in step with the server clock. The number redraws a few times a second;
 * screen readers hear only milestones (10 s, 5 s, time's up) through a polite live region, not every tick.
 */

import { useStore } from "@nanostores/react";
import type { ReadyPayload } from "@protocol/values";
import { useEffect, useState } from "react";
import { i18n, plural } from "../i18n";
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

const messages = i18n("countdown", {
  timeLeft: "Time left",
  opensIn: "Answers open in",
  timer: plural({ one: "{label}: {count} second", other: "{label}: {count} seconds" }),
  pausedWith: plural({ one: "Paused with {count} second left", other: "Paused with {count} seconds left" }),
  timesUp: "Time's up",
  left: plural({ one: "{count} second left", other: "{count} seconds left" }),
});

export function Countdown({ deadline, durationMs, clock, pausedRemainingMs, label, size = "large" }: Props) {
  const t = useStore(messages);
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
      ? t.pausedWith(seconds)
      : seconds === 0 && deadline !== null
        ? t.timesUp
        : MILESTONES.includes(seconds)
          ? t.left(seconds)
          : "";
  const urgent = pausedRemainingMs == null && seconds <= 5;

  return (
    <div className={`countdown countdown-${size}${urgent ? " urgent" : ""}`}>
      <div className="countdown-number" role="timer" aria-label={t.timer(seconds, { label: label ?? t.timeLeft })}>
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
  const t = useStore(messages);
  return (
    <Countdown
      deadline={ready.opensAt}
      durationMs={ready.readMs}
      clock={clock}
      pausedRemainingMs={pausedRemainingMs}
      label={t.opensIn}
      size={size}
    />
  );
}
