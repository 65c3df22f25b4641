/**
 * One socket cannot stall a game for everyone (issue 12, finding 1), against the production bundle in workerd over
 * real TCP, where the object's queue holds the flood's frames ahead of everyone else's (in-process workerd tests do
 * not: their sockets are not queued behind each other).
 *
 * The flood is the issue's: 15,000 bad frames at 25,000 a second from a signed-in player's socket, the honest answer
 * sent a third of the way through, the host's `next` two thirds of the way. Timing is judged by the server's own
 * figures (bench/flood.ts): the answer's `elapsedMs` against when it was sent, measured from the question's
 * `startedAt`, and the reveal's `serverTime` against when `next` was sent.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floodGame } from "../../bench/flood.ts";
import type { LocalServer } from "../../bench/server.ts";
import { startServer, stopServer } from "./server.ts";

let server: LocalServer | undefined;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await stopServer(server);
});

describe("a socket flooding a game with 15,000 bad frames", () => {
  it("leaves an honest answer's time within 100 ms of the truth and the host's next handled within 200 ms", async () => {
    // A standard client (a browser page, the ws library): it stops sending once the server has closed it. Three games
    // in a row, judged by their medians: on a loaded machine one run can lose the CPU for a while whatever the
    // server does, while before the budget every run was off by one to two seconds (docs/performance.md).
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await floodGame(server?.url ?? "", 15_000, { attacker: "client" }));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
    expect(median(runs.map((r) => Math.abs(r.answerErrorMs)))).toBeLessThanOrEqual(100);
    expect(median(runs.map((r) => r.nextDelayMs))).toBeLessThanOrEqual(200);
    for (const r of runs) {
      expect(r.nextDelayMs).toBeGreaterThanOrEqual(0);
      expect(r.revealAnswered).toBe(1);
      // It was closed for flooding after a few error replies, not one per frame.
      expect(r.closed).toBe(true);
      expect(r.errors).toBeLessThanOrEqual(11);
    }
  });

  it("closes an attacker that ignores the close (4029), answers it at most 10 errors, and the game goes on", async () => {
    // A raw socket that keeps writing all 15,000 frames whatever the server says. The runtime still hands every one
    // of them to the object (a frame from a closed socket then costs one map lookup); how long that takes on this
    // machine is in docs/performance.md, not asserted here.
    const figures = await floodGame(server?.url ?? "", 15_000, { attacker: "raw" });
    expect(figures.sentFrames).toBe(15_000);
    expect(figures.closed).toBe(true);
    expect(figures.errors).toBeLessThanOrEqual(11);
    expect(figures.revealAnswered).toBe(1);
  });
});
