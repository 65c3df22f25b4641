/**
 * The bot fleet: forks the bot processes (bots.ts), hands each its share of every game, and walks them through the
 * run's phases over the little protocol in ipc.ts: init, join (`go` … `ready`), play (… `done`), collect (`finish`
 * … `result`). Each phase change and each progress report is an event, so other parts of a run (the progress bar;
 * later, a server restarted mid-game or a fairness probe) can follow the run without the fleet knowing them.
 */
import { type ChildProcess, fork } from "node:child_process";
import { EventEmitter } from "node:events";
import path from "node:path";
import type { BotResult, FromBots, GameAssignment, Progress, ToBots, Watch } from "./ipc.ts";
import type { AuthoredQuestion, BenchConfig } from "./workload.ts";

export type FleetPhase = "starting" | "joining" | "playing" | "collecting" | "ended";

interface FleetEvents {
  /** The fleet entered a phase, at epoch ms `at`. */
  phase: [phase: FleetPhase, at: number];
  /** A bot process reported progress; the sum over all of them. */
  progress: [total: Progress];
  /** A bot joined (watched joins only). */
  joined: [];
  /** An answer to question `index` of the first game was acknowledged (watched questions only). */
  acked: [index: number];
}

const noProgress = (): Progress => ({ joined: 0, ready: 0, answersSent: 0, acked: 0, reveals: 0, finished: 0 });

/** Spreads each game's bots over the processes round-robin: bot n of every game goes to process n mod procs. */
export function assignBots(codes: string[], config: BenchConfig, questions: AuthoredQuestion[]): GameAssignment[][] {
  const assignments: GameAssignment[][] = Array.from({ length: config.procs }, () => []);
  codes.forEach((code, g) => {
    for (let p = 0; p < config.procs; p++) {
      const bots: number[] = [];
      for (let n = p; n < config.players; n += config.procs) bots.push(n);
      if (bots.length) assignments[p]?.push({ game: g, code, questions, bots });
    }
  });
  return assignments;
}

export class BotFleet extends EventEmitter<FleetEvents> {
  /** The phases so far, with the epoch ms each began. */
  readonly timeline: { phase: FleetPhase; at: number }[] = [];
  /** The first failure of a bot process, if any: every wait then ends early. */
  fatal: string | null = null;
  private readonly children: ChildProcess[] = [];
  private readonly progress: Progress[] = [];
  private readonly results: (BotResult | undefined)[] = [];
  private waiters: {
    kind: FromBots["type"];
    match?: (m: FromBots) => boolean;
    seen: Set<number>;
    resolve: () => void;
  }[] = [];

  readonly count: number;

  constructor(count: number) {
    super();
    this.count = count;
    for (let i = 0; i < count; i++) {
      const child = fork(path.join(import.meta.dirname, "bots.ts"), [], {
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      this.progress.push(noProgress());
      child.on("message", (m: FromBots) => this.onMessage(m));
      child.on("exit", (code) => {
        if (code !== 0 && this.results[i] === undefined) {
          this.fatal ??= `bot process ${i} exited with code ${code}`;
          this.wakeAll();
        }
      });
      this.children.push(child);
    }
  }

  /** Hands each process its games (and what to report as it happens) and waits until all have set up their bots. */
  async init(
    url: string,
    config: BenchConfig,
    assignments: GameAssignment[][],
    watch: Watch = { joins: false, acks: [] },
  ): Promise<void> {
    this.enter("starting");
    this.send((proc) => ({ type: "init", proc, url, config, games: assignments[proc] ?? [], watch }));
    if (!(await this.waitAll("initialized", 30_000))) throw new Error(this.fatal ?? "bot processes did not start");
  }

  /** Every bot joins over HTTP, connects and says hello; false when not all were in within `timeoutMs`. */
  join(timeoutMs: number): Promise<boolean> {
    this.enter("joining");
    this.send({ type: "go" });
    return this.waitAll("ready", timeoutMs);
  }

  /** The bots play on their own once a host starts; resolves when every bot got `gameOver` (false on timeout). */
  play(timeoutMs: number): Promise<boolean> {
    this.enter("playing");
    return this.waitAll("done", timeoutMs);
  }

  /** Asks every process for its results; the processes then close their sockets and exit. */
  async collect(timeoutMs = 30_000): Promise<BotResult[]> {
    this.enter("collecting");
    this.send({ type: "finish" });
    await this.waitAll("result", timeoutMs);
    return this.results.filter((r): r is BotResult => r !== undefined);
  }

  /**
   * Tells every process that workerd was killed at epoch ms `at`; resolves once each says every bot the kill cut
   * off is welcomed again (false on timeout or a failed process).
   */
  killed(kill: number, at: number, timeoutMs: number): Promise<boolean> {
    const back = this.waitAll("back", timeoutMs, (m) => m.type === "back" && m.kill === kill);
    this.send({ type: "killed", kill, at });
    return back;
  }

  /** Progress summed over every process. */
  total(): Progress {
    const t = noProgress();
    for (const p of this.progress) {
      for (const k of Object.keys(t) as (keyof Progress)[]) t[k] += p[k];
    }
    return t;
  }

  kill(): void {
    if (this.timeline.at(-1)?.phase !== "ended") this.enter("ended");
    for (const c of this.children) if (c.exitCode === null) c.kill();
  }

  private enter(phase: FleetPhase): void {
    const at = Date.now();
    this.timeline.push({ phase, at });
    this.emit("phase", phase, at);
  }

  private send(message: ToBots | ((proc: number) => ToBots)): void {
    this.children.forEach((c, i) => {
      c.send(typeof message === "function" ? message(i) : message);
    });
  }

  private onMessage(m: FromBots): void {
    if (m.type === "progress") {
      this.progress[m.proc] = m.progress;
      this.emit("progress", this.total());
      return;
    }
    if (m.type === "joined") {
      this.emit("joined");
      return;
    }
    if (m.type === "acked") {
      this.emit("acked", m.index);
      return;
    }
    if (m.type === "result") this.results[m.proc] = m.result;
    if (m.type === "fatal") {
      this.fatal ??= `bot process ${m.proc}: ${m.message}`;
      this.wakeAll();
      return;
    }
    for (const w of this.waiters) {
      if (w.kind === m.type && (w.match?.(m) ?? true)) {
        w.seen.add(m.proc);
        if (w.seen.size === this.count) w.resolve();
      }
    }
  }

  private wakeAll(): void {
    for (const w of this.waiters) w.resolve();
  }

  /** Resolves when every process has sent `kind` (or one failed); false on timeout or failure. */
  private waitAll(kind: FromBots["type"], timeoutMs: number, match?: (m: FromBots) => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({
        kind,
        ...(match ? { match } : {}),
        seen: new Set<number>(),
        resolve: () => {
          clearTimeout(timer);
          resolve(this.fatal === null);
        },
      });
    });
  }
}
