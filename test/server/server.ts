/**
 * The real server for the Node tests in this folder: the production bundle of the worker in workerd, started the way
 * the bench starts it (bench/server.ts: miniflare's API, a direct socket, no development proxy), with the rate limits
 * of wrangler.toml unless a test raises them. Over real TCP connections these tests see what a phone or a script
 * sees: keep-alive connections, frames queued behind other sockets' frames, close frames on the wire.
 */

import { ROOT } from "../../bench/proc.ts";
import { type LocalServer, startLocalServer } from "../../bench/server.ts";

export async function startServer(options: { rateLimit?: number } = {}): Promise<LocalServer> {
  return startLocalServer({ rateLimit: options.rateLimit ?? 600, inspect: false, checkout: ROOT });
}

/** Stops the server and removes its temporary folder. */
export async function stopServer(server: LocalServer | undefined): Promise<void> {
  if (!server) return;
  await server.stop();
  const { rmSync } = await import("node:fs");
  rmSync(server.tmpDir, { recursive: true, force: true });
}
