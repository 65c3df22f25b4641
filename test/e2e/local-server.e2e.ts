/**
 * `npm start`'s server itself (server/start.ts), from the outside: what it prints, that workerd and not Node holds
 * the listening socket and the players' connections, that the site and the API are routed as wrangler.toml
 * declares, that nothing answers an API request with a stack trace or an HTML error page, that Ctrl-C stops it, and
 * that games survive a restart.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launch, openPage, seriousViolations, shot } from "./browser";
import { LAN_ADDRESS, type RunningServer, startServer } from "./server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

interface Proc {
  pid: number;
  comm: string;
  ppid: number;
}

function proc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    return { pid, comm: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(stat.slice(close + 2).split(" ")[1]) };
  } catch {
    return null;
  }
}

/** The server's processes: `npm start`'s Node process and its children (workerd). */
function serverTree(): Proc[] {
  const all = fs
    .readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map((e) => proc(Number(e)))
    .filter((p): p is Proc => p !== null);
  return all.filter((p) => p.pid === server.pid || p.ppid === server.pid);
}

/** Which of the server's processes hold TCP sockets on `port` in this state (0A listening, 01 established). */
function socketOwners(port: number, state: "0A" | "01"): Proc[] {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1]?.split(":")[1];
      if (local && Number.parseInt(local, 16) === port && f[3] === state && f[9]) inodes.add(f[9]);
    }
  }
  return serverTree().filter((p) => {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${p.pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${p.pid}/fd/${fd}`))?.[1] ?? "");
      } catch {
        return false;
      }
    });
  });
}

/** One raw HTTP/1.1 exchange, for requests fetch() would refuse to send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = net.connect(port, "127.0.0.1");
    let reply = "";
    socket.on("data", (d) => {
      reply += d;
    });
    socket.on("error", fail);
    socket.on("close", () => ok(reply));
    socket.write(text);
    setTimeout(() => socket.end(), 1000);
  });
}

async function createGame(origin: string): Promise<{ code: string; hostToken: string; joinUrl: string }> {
  const res = await fetch(`${origin}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ questionCount: 2 }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; hostToken: string; joinUrl: string };
}

const STACK = /\n\s+at |Error:|<html|<!doctype/i;

describe("npm start's server", () => {
  test("prints its Local and Network addresses and no stack trace or warning", () => {
    const { stdout, stderr } = server.output();
    expect(stdout).toContain(`Local:   http://127.0.0.1:${server.port}/`);
    expect(stdout).toContain(`Network: http://${LAN_ADDRESS}:${server.port}/`);
    expect(stdout).toContain("Press Ctrl-C to stop.");
    expect(stdout).not.toMatch(/\n\s+at |Error|warn/i);
    expect(stderr).toBe("");
  });

  test("workerd, not Node, holds the listening socket and the players' connections", async () => {
    const listeners = socketOwners(server.port, "0A");
    expect(
      serverTree()
        .map((p) => p.comm)
        .sort(),
    ).toEqual(["node", "workerd"]);
    expect(listeners.map((o) => o.comm)).toEqual(["workerd"]);
    expect(listeners[0]?.ppid).toBe(server.pid);

    const game = await createGame(server.origin);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/games/${game.code}/ws`);
    await new Promise((ok, fail) => {
      ws.onopen = ok;
      ws.onerror = fail;
    });
    // The server's end of every connection to the port, this WebSocket's included, is workerd's.
    const ends = socketOwners(server.port, "01");
    ws.close();
    expect(ends.length).toBeGreaterThan(0);
    expect(new Set(ends.map((o) => o.comm))).toEqual(new Set(["workerd"]));
  });

  test("serves the site with the single-page fallback and /api/* from the worker, as wrangler.toml declares", async () => {
    const home = await fetch(`${server.origin}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<div id="root">/);
    const deepLink = await fetch(`${server.origin}/join/123456`, { headers: { "Sec-Fetch-Mode": "navigate" } });
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get("content-type")).toMatch(/^text\/html/);
    const icon = await fetch(`${server.origin}/favicon.svg`);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect((await (await fetch(`${server.origin}/api/health`)).json()) as unknown).toEqual({ ok: true });
  });

  test("answers every API request with JSON, never a stack trace or an HTML page", async () => {
    const cases: [string, RequestInit, number, string][] = [
      ["/api/nothing-here", {}, 404, "not_found"],
      ["/api/games/12", {}, 404, "game_not_found"],
      ["/api/games/123456", {}, 404, "game_not_found"],
      ["/api/games", { method: "DELETE" }, 405, "method_not_allowed"],
      [
        "/api/games",
        { method: "POST", body: "{not json", headers: { "content-type": "application/json" } },
        400,
        "invalid_json",
      ],
      ["/api/games/123456/ws", {}, 426, "upgrade_required"],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await fetch(`${server.origin}${path}`, init);
      const text = await res.text();
      expect([path, res.status, res.headers.get("content-type")]).toEqual([path, status, "application/json"]);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(code);
      expect(text).not.toMatch(STACK);
    }
    // Requests no worker sees: workerd answers them itself, briefly, in plain text.
    for (const request of ["GARBAGE\r\n\r\n", "GET /api/health HTTP/1.1\r\n\r\n"]) {
      const reply = await rawRequest(server.port, request);
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).not.toMatch(STACK);
    }
  });

  test("a second server on the same port says so in one sentence and exits", async () => {
    const second = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "server/start.ts"], {
      cwd: resolve(import.meta.dirname, "../.."),
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(server.port), TRIVIA_STATE_DIR: server.stateDir },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Port ${server.port} is already in use`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });

  test("Ctrl-C stops it and frees the port; started again on the same state, its games are still there", async () => {
    const game = await createGame(server.origin);
    const stopped = await server.stop({ keepState: true });
    expect(stopped.signal === null || stopped.signal === "SIGINT").toBe(true);
    expect(server.output().stdout).toContain("Stopping trivia-edge.");
    expect(server.output().stderr).toBe("");
    expect(serverTree()).toEqual([]);
    await expect(fetch(`${server.origin}/api/health`)).rejects.toThrow();

    server = await startServer({ port: server.port, stateDir: server.stateDir });
    const info = await fetch(`${server.origin}/api/games/${game.code}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ code: game.code, phase: "lobby" });
  });

  test("without a LAN address, the lobby tells the host that phones cannot open its link", async () => {
    const alone = await startServer({ lanAddress: "none" });
    const browser = await launch();
    try {
      expect(alone.output().stdout).toContain("Network: none found.");
      const game = await createGame(alone.origin);
      expect(game.joinUrl).toBe(`${alone.origin}/join/${game.code}`);
      for (const [name, viewport] of [
        ["host-lobby-no-lan-1280", { width: 1280, height: 800 }],
        ["host-lobby-no-lan-1920", { width: 1920, height: 1080 }],
        ["host-lobby-no-lan-phone", { width: 390, height: 844 }],
      ] as const) {
        const { page } = await openPage(await browser.newContext({ viewport }));
        await page.goto(`${alone.origin}/`);
        await page.evaluate(
          ([code, seat]) => localStorage.setItem(`trivia-edge:host:${code}`, seat as string),
          [game.code, JSON.stringify({ token: game.hostToken, joinUrl: game.joinUrl })],
        );
        await page.goto(`${alone.origin}/host/${game.code}`);
        await page.getByRole("note").waitFor();
        expect(await page.getByRole("note").textContent()).toMatch(/Phones can't open this address/);
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, name);
        await page.context().close();
      }
    } finally {
      await browser.close();
      await alone.stop();
    }
  });
});
