/** The web app's part in fair timing: it echoes the server's round-trip probes, and nothing else. */
import type { ServerMessage } from "@protocol/values";
import { describe, expect, it } from "vitest";
import { probeEcho } from "../../web/src/lib/connection";

describe("probeEcho", () => {
  it("echoes a welcome's and a reveal's serverTime", () => {
    const welcome = { type: "welcome", serverTime: 1_700_000_000_123 } as ServerMessage;
    const reveal = { type: "reveal", serverTime: 1_700_000_004_567 } as ServerMessage;
    expect(probeEcho(welcome)).toEqual({ type: "pong", serverTime: 1_700_000_000_123 });
    expect(probeEcho(reveal)).toEqual({ type: "pong", serverTime: 1_700_000_004_567 });
  });

  it("answers no other message: a question's or a lobby's would only cost the game", () => {
    for (const type of ["question", "ready", "answered", "lobby", "gameOver", "paused", "error"]) {
      expect(probeEcho({ type, serverTime: 5 } as unknown as ServerMessage)).toBeNull();
    }
  });
});
