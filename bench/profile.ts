/**
 * CPU profile of the worker's isolate during the game phase, over workerd's V8 inspector (Chrome DevTools
 * protocol): `Profiler.start` before the host starts the game, `Profiler.stop` after the last `gameOver`. The raw
 * profile is written next to the report (open it in Chrome DevTools) and summarised as the functions with the most
 * self time. Time spent inside the runtime (socket sends, SQLite) is charged to the JavaScript function that
 * called into it, or to "(program)" when no JavaScript was on the stack.
 */
import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import type { Report } from "./report.ts";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

class Cdp {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private readonly ws: WebSocket;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data: Buffer) => {
      const msg = JSON.parse(data.toString("utf8")) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
  }

  call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
}

async function debuggerUrl(port: number): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/json/list`);
    const list = (await res.json()) as { webSocketDebuggerUrl?: string; title?: string }[];
    const target = list.find((t) => t.webSocketDebuggerUrl && /trivia-edge|Worker/.test(t.title ?? "")) ?? list[0];
    if (target?.webSocketDebuggerUrl) return target.webSocketDebuggerUrl;
  } catch {
    // Fall back to workerd's per-worker path.
  }
  return `ws://127.0.0.1:${port}/trivia-edge`;
}

/** A profiling session on workerd's inspector; `start` and `stop` bracket one phase of the run. */
export async function connectProfiler(port: number, bundle?: string) {
  const url = await debuggerUrl(port);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const cdp = new Cdp(ws);
  await cdp.call("Profiler.enable");
  await cdp.call("Profiler.setSamplingInterval", { interval: 200 });
  return {
    async start(): Promise<void> {
      await cdp.call("Profiler.start");
    },
    /** Stops, writes `<prefix>-<phase>.cpuprofile` and returns the hottest functions. */
    async stop(filePrefix: string, phase: string): Promise<NonNullable<Report["profile"]>["phases"][string]> {
      const { profile } = await cdp.call<{ profile: CpuProfile }>("Profiler.stop");
      const file = `${filePrefix}-${phase}.cpuprofile`;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      const sources =
        bundle && fs.existsSync(bundle) ? timeBySource(profile, fs.readFileSync(bundle, "utf8")) : undefined;
      return { file, top: summarizeProfile(profile), ...(sources ? { sources } : {}) };
    },
    close(): void {
      ws.close();
    },
  };
}

/** Sources whose inclusive time the report names: a sharded game's coordinator (docs/scaling.md). */
const TIMED_SOURCES = ["worker/game/coordinator.ts", "worker/game/shard-rules.ts", "worker/game/merge.ts"];

/**
 * Where one object's work ends and another's begins on a stack: locally every object runs in one isolate, and a call
 * from the coordinator to a shard can run the shard's handler on the coordinator's stack. Time under one of these is
 * the callee's.
 */
const OBJECT_ENTRIES = new Set([
  "shardCreate",
  "shardSchedule",
  "shardClose",
  "shardReveal",
  "shardFinish",
  "shardCommand",
  "shardBanDevice",
  "shardPlayers",
  "shardStats",
  "shardResults",
  "shardReport",
  "reserveName",
  "releaseName",
  "join",
  "topology",
]);

/**
 * Inclusive time per source module of the bundle: a sample counts for a module when one of its functions is on the
 * stack (once, however deep) below the nearest object entry (another object's handler called on this stack is that
 * object's time). The bundle marks each module's start with a `// <path>` line.
 */
export function timeBySource(profile: CpuProfile, bundleText: string): Record<string, number> {
  const starts: { line: number; source: string }[] = [];
  bundleText.split("\n").forEach((text, line) => {
    const m = /^\/\/ ((?:worker|node_modules)\/\S+)$/.exec(text);
    if (m) starts.push({ line, source: m[1] as string });
  });
  const sourceAt = (line: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found: string | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = starts[mid] as { line: number; source: string };
      if (start.line <= line) {
        found = start.source;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const parent = new Map<number, number>();
  const nodes = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const us: Record<string, number> = Object.fromEntries(TIMED_SOURCES.map((s) => [s, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, deltas[i + 1] ?? 0);
    const seen = new Set<string>();
    // From the leaf up to the first object entry: the frames of the object whose work this sample is.
    const own = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const cf = nodes.get(id)?.callFrame;
      const source = cf?.url ? sourceAt(cf.lineNumber) : null;
      if (source && source in us) own.add(source);
      if (cf && OBJECT_ENTRIES.has(cf.functionName)) break;
    }
    for (const s of own) seen.add(s);
    for (const s of seen) us[s] = (us[s] ?? 0) + dt;
  }
  return Object.fromEntries(Object.entries(us).map(([s, t]) => [s, Math.round(t / 10) / 100]));
}

/** Self time per function (name + script + line), largest first. */
export function summarizeProfile(profile: CpuProfile): NonNullable<Report["profile"]>["phases"][string]["top"] {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // Each sample's time is the gap to the next one.
    const dt = deltas[i + 1] ?? 0;
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const byFunction = new Map<string, { function: string; url: string; us: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const cf = node.callFrame;
    const where = cf.url ? `${path.basename(cf.url)}:${cf.lineNumber + 1}` : "";
    const key = `${cf.functionName}|${where}`;
    const row = byFunction.get(key) ?? { function: cf.functionName || "(anonymous)", url: where, us: 0 };
    row.us += us;
    byFunction.set(key, row);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 25)
    .map((r) => ({
      function: r.function,
      url: r.url,
      selfMs: Math.round(r.us / 10) / 100,
      share: total ? Math.round((r.us / total) * 10000) / 10000 : 0,
    }));
}
