/** Facts about processes on this machine, read from /proc: CPU time, memory, open-files limits. */
import fs from "node:fs";
import path from "node:path";

/** The repository this bench belongs to. */
export const ROOT = path.resolve(import.meta.dirname, "..");

export interface ProcSample {
  /** user + system CPU time, milliseconds (10 ms resolution: clock ticks). */
  cpuMs: number;
  rssBytes: number;
  peakRssBytes: number;
}

const CLOCK_TICKS = 100;

export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after the command name start at the state (field 3), so utime (14) and stime (15) are at 11 and 12.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssBytes: kb("VmRSS"), peakRssBytes: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** The soft and hard open-files limits of a process, from /proc. */
export function openFilesLimit(pid: number | "self"): { soft: number; hard: number } | null {
  try {
    const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
    const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
    if (!m) return null;
    const n = (v: string | undefined) => (v === "unlimited" ? Number.POSITIVE_INFINITY : Number(v));
    return { soft: n(m[1]), hard: n(m[2]) };
  } catch {
    return null;
  }
}

/** How many descriptors a process holds right now. */
export function openFileCount(pid: number): number | null {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/**
 * Follows a process's peaks while a run goes on: resident memory every 250 ms, open descriptors every second
 * (listing thousands of them costs a few ms). The pid is asked for at each sample, so a restarted process is followed.
 */
export function watchPeaks(pidOf: () => number | null): {
  readonly rssPeak: number;
  readonly fdsPeak: number;
  stop(): void;
} {
  let rssPeak = 0;
  let fdsPeak = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const pid = pidOf();
    const s = pid ? sampleProcess(pid) : null;
    if (s) rssPeak = Math.max(rssPeak, s.rssBytes);
    if (pid && ticks++ % 4 === 0) fdsPeak = Math.max(fdsPeak, openFileCount(pid) ?? 0);
  }, 250);
  timer.unref();
  return {
    get rssPeak() {
      return rssPeak;
    },
    get fdsPeak() {
      return fdsPeak;
    },
    stop: () => clearInterval(timer),
  };
}
