/**
 * The server under test as the run sees it: the bench's own workerd (the production bundle, built and served by
 * server.ts) or a running server at --url. Its address and process are read through this handle each time they are
 * needed, never copied, so that stopping the bench's server and starting it again on the same state only has to
 * swap `local`.
 */
import fs from "node:fs";
import { ROOT } from "./proc.ts";
import type { LocalServer, StoredGameFacts } from "./server.ts";
import type { BenchConfig } from "./workload.ts";

export class ServerUnderTest {
  /** The bench's own server; null when measuring --url. */
  local: LocalServer | null;
  private readonly externalUrl: string;
  private readonly externalPid: number | null;

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
