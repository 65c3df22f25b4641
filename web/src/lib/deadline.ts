/**
 * A self-paced assignment's deadline as people read it: in this device's time zone, which is named, so a teacher and
 * a student in another zone cannot misread it.
 */
import { LIMITS } from "@protocol/values";
import { i18n, locale, plural } from "../i18n";

const messages = i18n("deadline", {
  missing: "Pick the date and time the assignment closes.",
  past: "The deadline has to be in the future.",
  tooLong: plural({
    one: "An assignment stays open at most {count} day.",
    other: "An assignment stays open at most {count} days.",
  }),
});

/** The device's time zone, as the browser names it ("Europe/Paris"). */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Mon, 7 Dec 2026, 17:00" in this device's time zone (the caller shows the zone's name next to it). */
export function formatDeadline(ms: number): string {
  return new Date(ms).toLocaleString(locale.get(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A local date and time as a `datetime-local` field holds it ("2026-12-07T17:00"). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The form's default deadline: a week from now, at 17:00 local time. */
export function defaultDeadline(now = Date.now()): string {
  const d = new Date(now + 7 * 24 * 3_600_000);
  d.setHours(17, 0, 0, 0);
  return toLocalInput(d.getTime());
}

/** What is wrong with a deadline the host picked (the server says the same, this says it before the request). */
export function deadlineProblem(closesAt: number, now: number): string | null {
  const t = messages.get();
  if (!Number.isFinite(closesAt)) return t.missing;
  if (closesAt <= now + LIMITS.assignment.minOpenMs) return t.past;
  const days = LIMITS.assignment.maxOpenMs / 86_400_000;
  if (closesAt > now + LIMITS.assignment.maxOpenMs) return t.tooLong(days);
  return null;
}
