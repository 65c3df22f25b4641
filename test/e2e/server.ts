/**
 * Starts the built site + API exactly as `npm start` serves it (server/start.ts: workerd serving the production
 * bundle and dist/client) on a free loopback port with its own throw-away state folder, and stops it the way a host
 * does, with Ctrl-C (SIGINT).
 *
 * Join links name a made-up LAN address (LAN_ADDRESS, a documentation address that no test ever opens), so the
 * browser tests can check that the lobby hands phones an address they could reach.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/** What join links use instead of the loopback address the tests browse (RFC 5737 TEST-NET-2: never a real host). */
export const LAN_ADDRESS = "198.51.100.7";

/**
 * A link the app handed a phone, checked to name the LAN address on this server's port, then turned into the same
 * path on loopback: the only address a test may open.
 */
export function viaLoopback(link: string, server: { origin: string; port: number }): string {
  const url = new URL(link);
  if (url.host !== `${LAN_ADDRESS}:${server.port}`)
    throw new Error(`${link} does not name ${LAN_ADDRESS}:${server.port}`);
  return `${server.origin}${url.pathname}${url.search}${url.hash}`;
}

export interface RunningServer {
  origin: string;
  port: number;
  stateDir: string;
  /** The `npm start` process (Node), whose child workerd serves the requests. */
  pid: number;
  /** Everything it printed so far. */
  output(): { stdout: string; stderr: string };
  /** Stops the server with SIGINT; its state folder is deleted unless kept for a restart. Resolves on exit. */
  stop: (options?: { keepState?: boolean }) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts a server; given the port and state folder of a stopped one, it is that server restarted. `lanAddress`
 * replaces the made-up LAN address ("none": the machine has none).
 */
export async function startServer(again?: {
  port?: number;
  stateDir?: string;
  lanAddress?: string;
}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, "dist/client/index.html")) || !existsSync(join(ROOT, "dist/trivia_edge/index.js"))) {
    throw new Error("No build found: run `npm run build` first (npm run test:e2e does).");
  }
  const port = again?.port ?? (await freePort());
  const stateDir = again?.stateDir ?? mkdtempSync(join(tmpdir(), "trivia-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", join(ROOT, "server/start.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        LAN_ADDRESS: again?.lanAddress ?? LAN_ADDRESS,
        TRIVIA_STATE_DIR: stateDir,
        WRANGLER_SEND_METRICS: "false",
      },
      // Its own process group, so that a failed stop can still end the workerd it starts.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d) => {
    out.stdout += d;
  });
  child.stderr?.on("data", (d) => {
    out.stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once("exit", (code, signal) => ok({ code, signal })),
  );
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  // Ready once it has printed its addresses (it does so after workerd listens).
  while (!out.stdout.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${out.stdout}\n${out.stderr}`);
    if (Date.now() - started > 60_000) {
      killGroup(child);
      throw new Error(`The server did not start within 60 s:\n${out.stdout}\n${out.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    port,
    stateDir,
    pid: child.pid ?? 0,
    output: () => ({ ...out }),
    stop: async (options) => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      const result = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      if (!result) killGroup(child);
      if (!options?.keepState) rmSync(stateDir, { recursive: true, force: true });
      return result ?? { code: null, signal: "SIGKILL" };
    },
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
