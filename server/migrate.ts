/**
 * Applies the repo's D1 migrations (migrations/, wrangler.toml's `migrations_dir`) to the local databases kept under
 * a state folder, as `wrangler d1 migrations apply DB --local` does for .wrangler/state. `npm start` runs it before
 * serving, so a fresh clone (or a new migration) has its tables before the first request; it is a no-op when every
 * migration is applied already.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export function applyD1Migrations(stateDir: string): Promise<void> {
  const wrangler = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir],
      // stdin closed: wrangler asks "apply these migrations?" only on a terminal.
      { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const collect = (d: Buffer) => {
      output += d.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("error", fail);
    child.once("exit", (code) =>
      code === 0 ? ok() : fail(new Error(`Applying the D1 migrations failed (exit ${code}):\n${output.slice(-2000)}`)),
    );
  });
}
