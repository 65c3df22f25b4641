/**
 * Starts the built site + API exactly as `npm start` serves it (D1 migrations applied, then vite preview running the
 * worker in workerd) on a free port with its own throw-away state folder, and stops it (with its workerd child)
 * afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export interface RunningServer {
  origin: string;
  port: number;
  stateDir: string;
  /** Stops the server; its state folder is deleted unless kept for a restart. */
  stop: (options?: { keepState?: boolean }) => Promise<void>;
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

/** Starts a server; given the port and state folder of a stopped one, it is that server restarted. */
export async function startServer(again?: { port: number; stateDir: string }): Promise<RunningServer> {
  if (!existsSync(join(ROOT, "dist/client/index.html"))) {
    throw new Error("No build found: run `npm run build` first (npm run test:e2e does).");
  }
  const port = again?.port ?? (await freePort());
  const stateDir = again?.stateDir ?? mkdtempSync(join(tmpdir(), "trivia-e2e-"));
  // As `npm start` does: the D1 migrations first, into this server's own state folder (where it keeps D1 and R2).
  await migrate(stateDir);
  const vite = join(ROOT, "node_modules/vite/bin/vite.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    {
      cwd: ROOT,
      env: { ...process.env, TRIVIA_STATE_DIR: stateDir, WRANGLER_SEND_METRICS: "false", BROWSER: "none" },
      // Its own process group, so stopping it also stops the workerd it starts.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 60_000) {
      killGroup(child);
      throw new Error(`The server did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    port,
    stateDir,
    stop: async (options) => {
      const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
      killGroup(child);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (!options?.keepState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Applies the repo's D1 migrations to the local database kept under `stateDir` (what `npm run db:migrate` does). */
function migrate(stateDir: string): Promise<void> {
  const wrangler = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir],
      { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    child.once("error", fail);
    child.once("exit", (code) => (code === 0 ? ok() : fail(new Error(`D1 migrations failed (${code}):\n${output}`))));
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}
