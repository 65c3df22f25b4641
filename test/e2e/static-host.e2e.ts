/**
 * The site hosted apart from the API: the client is built with VITE_API_ORIGIN pointing at the game server and
 * served from a different origin by a plain static file server (with the single-page fallback a static host
 * gives). A player joins through it, over cross-origin HTTP and WebSocket, and plays a question.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launch, openPage, PHONE, seriousViolations, shot } from "./browser";
import { type RunningServer, startServer } from "./server";

const ROOT = resolve(import.meta.dirname, "../..");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

let api: RunningServer;
let browser: Browser;
let site: Server;
let siteOrigin = "";
let outDir = "";

beforeAll(async () => {
  [api, browser] = await Promise.all([startServer(), launch()]);
  outDir = mkdtempSync(join(tmpdir(), "trivia-static-"));
  process.env.VITE_API_ORIGIN = api.origin;
  try {
    // The client alone, as a static host would get it (no worker, no Cloudflare plugin).
    await build({
      configFile: false,
      root: ROOT,
      publicDir: resolve(ROOT, "web/public"),
      envDir: ROOT,
      logLevel: "warn",
      plugins: [react()],
      // The one setting of vite.config.ts the client needs: where @protocol/* lives.
      resolve: { alias: { "@protocol": resolve(ROOT, "worker/protocol") } },
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    delete process.env.VITE_API_ORIGIN;
  }
  site = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = resolve(outDir, `.${path}`);
    if (!file.startsWith(outDir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      file = join(outDir, "index.html");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => site.listen(0, "127.0.0.1", ok));
  const address = site.address();
  siteOrigin = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((ok) => site?.close(ok));
  await browser?.close();
  await api?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test("a copy of the site on another origin plays against the API through VITE_API_ORIGIN", async () => {
  expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain("/assets/");
  const res = await fetch(`${api.origin}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      revealSeconds: 0,
      questions: [{ text: "Which is a primary colour?", choices: ["Red", "Pink", "Brown"], correct: 0 }],
    }),
  });
  const game = (await res.json()) as { code: string; hostToken: string };

  const context = await browser.newContext({ ...PHONE, reducedMotion: "reduce" });
  const { page, problems } = await openPage(context);
  // Opened straight on a client route: the static host's fallback serves the app.
  await page.goto(`${siteOrigin}/join/${game.code}`);
  await page.getByText(/Game found/).waitFor();
  await page.getByLabel("Your name").fill("Remote Rita");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "You're in!" }).waitFor();
  expect(page.url()).toBe(`${siteOrigin}/play/${game.code}`);

  // The host drives the game over its own socket; the player's socket crosses origins.
  const { WebSocket } = await import("ws");
  const host = new WebSocket(`${api.origin.replace("http", "ws")}/api/games/${game.code}/ws`);
  await new Promise((ok) => host.once("open", ok));
  host.send(JSON.stringify({ type: "hello", token: game.hostToken }));
  host.send(JSON.stringify({ type: "start" }));
  await page.getByRole("heading", { level: 1, name: "Which is a primary colour?" }).waitFor();
  await page.getByRole("button", { name: /: Red$/ }).click();
  await page.getByRole("heading", { level: 1, name: "Correct!" }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "static-host-player-reveal");
  host.close();
  await context.close();
  expect(problems).toEqual([]);
});
