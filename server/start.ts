/**
 * `npm start` (after `vite build`): serves the built site (dist/client) and the API, the production bundle of the
 * worker (dist/trivia_edge/index.js, what `npm run deploy` uploads), in workerd on 0.0.0.0:8787 with the bindings,
 * vars and assets wrangler.toml declares. workerd listens on the port itself: no Node process carries a request or a
 * WebSocket (see server/workerd.ts). Games are kept in .wrangler/state, in wrangler's layout.
 *
 * Phones cannot open the host's http://localhost:8787, so the worker gets this machine's LAN origin as the var
 * LAN_ORIGIN and uses it in join links and QR codes when the host's page is on a loopback address.
 *
 * Environment: PORT (8787), HOST (0.0.0.0), LAN_ADDRESS (the address join links use, when the one picked from the
 * network interfaces is the wrong one; "none" for none), TRIVIA_STATE_DIR (.wrangler/state; the browser tests use a
 * throw-away folder).
 *
 * Before serving it applies the D1 migrations to that state folder (server/migrate.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type LanAddress, lanAddresses } from "./lan.ts";
import { applyD1Migrations } from "./migrate.ts";
import { startWorkerd, type Workerd } from "./workerd.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUNDLE = path.join(ROOT, "dist", "trivia_edge", "index.js");
const SITE = path.join(ROOT, "dist", "client", "index.html");

/** A problem the host can fix: printed as one sentence, without a stack. */
class StartError extends Error {}

function settings() {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartError(`PORT must be a port number from 1 to 65535; got "${process.env.PORT}".`);
  }
  const host = process.env.HOST || "0.0.0.0";
  const everywhere = host === "0.0.0.0" || host === "::";
  const chosen = process.env.LAN_ADDRESS?.trim();
  let lan: LanAddress[];
  if (chosen === "none") lan = [];
  else if (chosen && /^([\w-]+\.)*[\w-]+$|^[\da-f:]+$/i.test(chosen))
    lan = [{ address: chosen, interface: "LAN_ADDRESS" }];
  else if (chosen) {
    throw new StartError(
      `LAN_ADDRESS must be an address or host name such as 192.168.1.20 (no http://, no port); got "${chosen}".`,
    );
  } else lan = everywhere ? lanAddresses(os.networkInterfaces()) : [];
  const stateDir = path.resolve(ROOT, process.env.TRIVIA_STATE_DIR || ".wrangler/state");
  return { port, host, everywhere, lan, stateDir };
}

function origin(address: string, port: number): string {
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}

function printAddresses(s: ReturnType<typeof settings>, server: Workerd): void {
  const local = s.everywhere ? "localhost" : s.host;
  const inRepo = path.relative(ROOT, s.stateDir);
  const state = inRepo && !inRepo.startsWith("..") ? inRepo : s.stateDir;
  const lines = [
    "",
    `  trivia-edge is running in workerd${server.pid ? ` (pid ${server.pid})` : ""}; games are kept in ${state}`,
    "",
    `  ➜  Local:   ${origin(local, s.port)}/   open this on the computer that shows the game`,
  ];
  for (const [i, a] of s.lan.entries()) {
    const note = i === 0 ? "phones join here (the lobby's link and QR code)" : "";
    lines.push(`  ➜  Network: ${origin(a.address, s.port)}/  ${a.interface}${note ? `  ${note}` : ""}`);
  }
  if (s.lan.length === 0) {
    lines.push(
      s.everywhere || process.env.LAN_ADDRESS === "none"
        ? "  ➜  Network: none found. Phones can join once this computer is on their Wi-Fi; then restart npm start."
        : `  ➜  Network: not reachable, HOST=${s.host} listens on this computer only.`,
    );
  } else if (s.lan.length > 1) {
    lines.push("", "  Join links use the first Network address; to use another: LAN_ADDRESS=<address> npm start");
  }
  if (server.bindings.length) lines.push("", `  Bindings: ${server.bindings.join(", ")}`);
  lines.push("", "  Press Ctrl-C to stop.", "");
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const s = settings();
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(SITE)) {
    throw new StartError("No build found in dist/: run `npm start` (it builds first) or `npm run build`.");
  }
  // Saved quizzes live in D1: its tables come from the repo's migrations, applied to this state folder first.
  await applyD1Migrations(s.stateDir);
  let server: Workerd;
  try {
    server = await startWorkerd({
      configPath: path.join(ROOT, "wrangler.toml"),
      bundle: BUNDLE,
      host: s.host,
      port: s.port,
      stateDir: s.stateDir,
      vars: { LAN_ORIGIN: s.lan[0] ? origin(s.lan[0].address, s.port) : "" },
      // The worker's own log lines (one JSON object each: games created, started, finished, errors).
      onLog: (message, level) => (level === "error" ? process.stderr : process.stdout).write(`${message}\n`),
    });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_ADDRESS_IN_USE") {
      throw new StartError(
        `Port ${s.port} is already in use (another npm start?). Stop that server, or pick another port: PORT=${s.port + 1} npm start`,
      );
    }
    throw err;
  }
  printAddresses(s, server);

  // Ctrl-C, SIGTERM, SIGHUP: miniflare's own exit hook (registered when it started) stops workerd and removes its
  // temporary files, then exits, 130 after Ctrl-C. This listener runs before it, says so, and would stop the server
  // itself should that hook ever go.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.prependOnceListener(signal, () => {
      process.stdout.write("\n  Stopping trivia-edge.\n");
      void server.stop().finally(() => process.exit(0));
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof StartError) {
    process.stderr.write(`\n  npm start: ${err.message}\n\n`);
  } else {
    // Not something the host caused: the whole error, for whoever looks into it.
    process.stderr.write(
      `\n  npm start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n`,
    );
  }
  process.exit(1);
});
