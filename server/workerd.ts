/**
 * Serves a bundled worker in workerd through the `miniflare` package's API, with the bindings, vars and static
 * assets its wrangler configuration declares, and nothing of Node's in the requests' path. Used by `npm start`
 * (server/start.ts: the site and API for a local game) and by the bench (bench/server.ts: the API under load).
 *
 * Requests come in on one of miniflare's direct sockets, a socket workerd itself listens on. With assets declared it
 * is bound to miniflare's assets proxy, which hands every request to the assets router, as Cloudflare does: paths in
 * `run_worker_first` go to the worker, others to the asset worker (with `not_found_handling`, e.g. the single-page
 * fallback). Without assets it is bound to the worker's own fetch handler. Either way none of miniflare's
 * development layers sit in the path: not its entry worker (which renders uncaught errors as an HTML page with the
 * stack, through Node), not wrangler dev's or Vite's proxy.
 *
 * Should workerd die (a crash, or a SIGKILL from `npm run bench -- --chaos`), miniflare starts a new workerd at once
 * with the same configuration, the same ports and the same state folder: clients reconnect to the same address and
 * find every game as its storage left it. `Workerd.pid` follows the new process and `onRestart` says when it listens.
 *
 * State is kept in wrangler's own layout (`<stateDir>/v3/do`, `v3/d1`, `v3/r2`, …), so `wrangler d1 migrations
 * apply --local`, `wrangler dev`, `vite dev` and this server all see the same databases and buckets.
 */
import fs from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

export interface WorkerdOptions {
  /** The wrangler configuration whose bindings, vars and assets are served (the built one, or wrangler.toml). */
  configPath: string;
  /** The bundled worker (one ES module) to run instead of the configuration's `main`. */
  bundle?: string;
  /** Serve the static assets the configuration declares (default true); the bench leaves them out. */
  assets?: boolean;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The state folder, laid out as wrangler lays out `.wrangler/state`. */
  stateDir: string;
  /** Vars set on top of the configuration's (and its .dev.vars). */
  vars?: Record<string, string>;
  /** Replaces the limit of every rate-limit binding (the bench's bots all come from one address). */
  rateLimit?: number;
  inspectorPort?: number;
  /** Each line the worker logs (console.log and friends), with its level. */
  onLog?: (message: string, level: string) => void;
  /**
   * Called when workerd died (a crash, or the bench's SIGKILL) and miniflare has started it again on the same state
   * folder and the same ports, with the new process (see `Workerd.pid`).
   */
  onRestart?: (pid: number | null) => void;
}

export interface Workerd {
  /** Where the socket listens, e.g. http://127.0.0.1:8787 (0.0.0.0 when bound to every interface). */
  url: string;
  port: number;
  /**
   * The workerd process, for CPU and memory readings (found through /proc: null where there is none). Should workerd
   * die, miniflare starts a new one on the same state and ports, and this is then the new one.
   */
  readonly pid: number | null;
  /** The worker's bindings by name, as the configuration declares them (vars not included). */
  bindings: string[];
  /** What each rate-limit binding was changed to, in words ("JOIN_LIMITER 600/60s → 1000/60s"). */
  rateLimits: string[];
  /** The miniflare instance, for reading the bindings' storage (e.g. its D1 database) from Node. */
  miniflare: Miniflare;
  stop(): Promise<void>;
}

type WorkerOptions = ReturnType<typeof unstable_getMiniflareWorkerOptions>["workerOptions"];
type RateLimits = Record<string, { simple: { limit: number; period?: number } }>;

/** Binding groups in miniflare's worker options; a non-empty one is a binding the worker can use. */
const BINDING_GROUPS = [
  "durableObjects",
  "d1Databases",
  "r2Buckets",
  "kvNamespaces",
  "ratelimits",
  "queueProducers",
  "serviceBindings",
  "workflows",
  "analyticsEngineDatasets",
  "hyperdrives",
  "secretsStoreSecrets",
] as const;

export async function startWorkerd(options: WorkerdOptions): Promise<Workerd> {
  const config = unstable_getMiniflareWorkerOptions(options.configPath);
  const { modulesRules: _rules, assets, ...worker } = config.workerOptions as WorkerOptions & Record<string, unknown>;
  const entry = options.bundle ?? config.main;
  if (!entry || !fs.existsSync(entry)) {
    throw new Error(`No bundled worker at ${entry ?? "(no main in the configuration)"}: build it first.`);
  }
  const serveAssets = (options.assets ?? true) && assets !== undefined;
  const rateLimits: string[] = [];
  if (options.rateLimit !== undefined) {
    for (const [name, rl] of Object.entries((worker.ratelimits ?? {}) as RateLimits)) {
      const period = rl.simple.period ?? 60;
      rateLimits.push(`${name} ${rl.simple.limit}/${period}s → ${options.rateLimit}/${period}s`);
      rl.simple = { ...rl.simple, limit: options.rateLimit };
    }
  }
  const bindings = BINDING_GROUPS.flatMap((group) => Object.keys((worker[group] ?? {}) as object));
  const findWorkerd = () => (fs.existsSync("/proc/self/stat") ? findChildProcess(process.pid, "workerd") : null);
  let pid: number | null = null;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...(worker as Record<string, unknown>),
      ...(serveAssets ? { assets } : {}),
      bindings: { ...(worker.bindings as Record<string, unknown>), ...options.vars },
      name: String(worker.name ?? "worker"),
      // The entry and whatever chunks it imports (miniflare follows the imports).
      scriptPath: entry,
      modules: true,
      modulesRoot: path.dirname(entry),
      unsafeDirectSockets: [{ host: options.host, port: options.port }],
      resourcePersistencePath: path.join(options.stateDir, "v3"),
      // Request.cf is a fixed placeholder: the worker reads none of it, and otherwise miniflare downloads a real one
      // from workers.cloudflare.com on every start (a stack trace when offline).
      cf: false,
      ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
      handleStructuredLogs: (log: { level: string; message: string }) => options.onLog?.(log.message, log.level),
      // miniflare restarts a workerd that died, reusing its ports and state; this runs once the new one listens.
      unsafeHandleRuntimeRestart: () => {
        pid = findWorkerd();
        options.onRestart?.(pid);
      },
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  try {
    const direct = await mf.unsafeGetDirectURL();
    await mf.ready;
    pid = findWorkerd();
    let stopped: Promise<void> | null = null;
    return {
      url: direct.origin,
      port: Number(direct.port),
      get pid() {
        return pid;
      },
      bindings,
      rateLimits,
      miniflare: mf,
      stop() {
        stopped ??= mf.dispose();
        return stopped;
      },
    };
  } catch (err) {
    await mf.dispose().catch(() => {});
    throw err;
  }
}

/** Finds a live process by name among the direct children of `parentPid` (read from /proc; zombies skipped). */
export function findChildProcess(parentPid: number, name: string): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const [state, ppid] = stat.slice(close + 2).split(" ");
      if (Number(ppid) === parentPid && comm === name && state !== "Z") return Number(entry);
    } catch {
      // The process went away while we looked.
    }
  }
  return null;
}
