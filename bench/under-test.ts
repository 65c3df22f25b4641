/**
 * The server under test as the run sees it: the bench's own workerd (the production bundle, built and served by
 * server.ts) or a running server at --url. Its address and process are read through this handle each time they are
 * needed, never copied: when --chaos kills workerd, miniflare starts a new process on the same state and port, and
 * the pid changes under the run. The server's CPU is counted over every process the run had, so a phase's figure is
 * what all of them spent in it.
 */
import fs from "node:fs";
import { type ProcSample, ROOT, sampleProcess } from "./proc.ts";
import type { LocalServer, StoredGameFacts } from "./server.ts";
import { type BenchConfig, epochNow } from "./workload.ts";

/** One kill: when (epoch ms), which process died, and the restart that follows. */
export interface Kill {
  at: number;
  pid: number;
  /** Resolves once workerd listens again (epoch ms and the new pid); rejects after `timeoutMs`. */
  restarted: Promise<{ at: number; pid: number }>;
}

export class ServerUnderTest {
  /** The bench's own server; null when measuring --url. */
  local: LocalServer | null;
  private readonly externalUrl: string;
  private readonly externalPid: number | null;
  /** CPU of the workerd processes the run killed, read just before each kill. */
  private cpuOfKilledMs = 0;

  private constructor(local: LocalServer | null, externalUrl: string, externalPid: number | null) {
    this.local = local;
    this.externalUrl = externalUrl;
    this.externalPid = externalPid;
  }

  /** Builds and starts the bench's own server, or points at --url (and --server-pid). */
  static async open(config: BenchConfig, say: (line: string) => void): Promise<ServerUnderTest> {
    if (config.url) return new ServerUnderTest(null, config.url, config.serverPid);
    say("building the worker (wrangler deploy --dry-run) and starting workerd ...");
    // Loaded only here: wrangler and miniflare take seconds to import, and --url or --help need neither.
    const { startLocalServer } = await import("./server.ts");
    const local = await startLocalServer({
      rateLimit: 1_000_000_000,
      inspect: config.profile,
      checkout: config.checkout ?? ROOT,
    });
    say(`workerd pid ${local.pid} at ${local.url} (built in ${local.build.ms} ms, started in ${local.startMs} ms)`);
    return new ServerUnderTest(local, "", null);
  }

  get url(): string {
    return this.local?.url ?? this.externalUrl;
  }

  /** The workerd process to read CPU, memory and open files from, when it runs on this machine. */
  get pid(): number | null {
    return this.local?.pid ?? this.externalPid;
  }

  /**
   * CPU (user + system, over every workerd process of the run so far) and memory (of the current one), or null when
   * the server is not a process on this machine.
   */
  sample(): ProcSample | null {
    const pid = this.pid;
    const s = pid ? sampleProcess(pid) : null;
    return s ? { ...s, cpuMs: s.cpuMs + this.cpuOfKilledMs } : null;
  }

  /**
   * SIGKILLs the bench's workerd, as a crash or the kernel's OOM killer would. miniflare notices and starts a new
   * workerd on the same state folder and port (server/workerd.ts); `restarted` says when it listens.
   */
  kill(timeoutMs: number): Kill {
    const local = this.local;
    if (!local) throw new Error("only the bench's own server can be killed");
    const pid = local.pid;
    const restarted = local.nextRestart();
    this.cpuOfKilledMs += sampleProcess(pid)?.cpuMs ?? 0;
    process.kill(pid, "SIGKILL");
    const at = epochNow();
    return {
      at,
      pid,
      restarted: new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`workerd was not running again ${timeoutMs / 1000} s after the kill`)),
          timeoutMs,
        );
        void restarted.then((newPid) => {
          clearTimeout(timer);
          resolve({ at: epochNow(), pid: newPid });
        });
      }),
    };
  }

  get inspectorPort(): number | null {
    return this.local?.inspectorPort ?? null;
  }

  /** Stops the bench's own server and reads what each game stored; null for an external server (nothing to read). */
  async stopAndReadStorage(): Promise<StoredGameFacts[] | null> {
    if (!this.local) return null;
    await this.local.stop();
    return this.local.storedGames();
  }

  /** Stops the bench's own server if it still runs and removes its temporary folder. */
  async dispose(): Promise<void> {
    if (!this.local) return;
    await this.local.stop().catch(() => {});
    fs.rmSync(this.local.tmpDir, { recursive: true, force: true });
  }
}
