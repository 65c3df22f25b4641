/**
 * The remote on the host's phone: pairing from the QR's address (the code leaves the address at once and is traded
 * for a seat of the phone's own), the controls for every phase, the player list, and being revoked.
 */
import type { ServerMessage } from "@protocol/values";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { App } from "../../web/src/App";
import { navigate } from "../../web/src/lib/router";
import { RemoteControl } from "../../web/src/screens/remote/Remote";
import { linkFor, NOW, question, reveal, snapshot, viewOf } from "./fixtures";

function welcomeRemote(game: Parameters<typeof snapshot>[0] = {}): ServerMessage {
  return {
    type: "welcome",
    role: "remote",
    playerId: null,
    name: "iPhone · Safari",
    serverTime: NOW,
    game: snapshot({ lobby: { playerCount: 2, connectedCount: 2, locked: false, players: [] }, ...game }),
    you: null,
  };
}

/** A WebSocket that never connects: these tests are about what happens before and around the socket. */
class SilentSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  binaryType = "blob";
  constructor(readonly url: string) {
    super();
  }
  send() {}
  close() {
    this.readyState = 3;
  }
}

function stubFetch(status: number, body: unknown) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

beforeEach(() => {
  vi.stubGlobal("WebSocket", SilentSocket);
  navigate("/", { replace: true });
});
afterEach(() => vi.unstubAllGlobals());

describe("pairing", () => {
  test("trades the code from the address for a seat of its own, and drops the code from the address", async () => {
    const calls = stubFetch(201, { remoteId: "r1", remoteToken: "r.r1.secret", label: "Phone" });
    navigate("/remote/123456#PAIRCODE");
    render(<App />);
    await waitFor(() => expect(window.localStorage.getItem("trivia-edge:remote:123456")).not.toBeNull());
    expect(window.location.hash).toBe("");
    expect(calls).toEqual([
      { url: "/api/games/123456/remotes", body: { pairingCode: "PAIRCODE", label: expect.any(String) } },
    ]);
    expect(JSON.parse(window.localStorage.getItem("trivia-edge:remote:123456") ?? "null")).toEqual({
      token: "r.r1.secret",
      remoteId: "r1",
      label: "Phone",
    });
    // Never the host's seat.
    expect(window.localStorage.getItem("trivia-edge:host:123456")).toBeNull();
    await screen.findByRole("heading", { name: /Connecting to game 123 456/ });
  });

  test("says why a code did not work and what to do", async () => {
    stubFetch(410, { error: { code: "pairing_expired", message: "expired" } });
    navigate("/remote/123456#OLDCODE");
    render(<App />);
    await screen.findByRole("heading", { name: "Not paired" });
    expect(screen.getByText(/expired \(they last a minute\)\. On the big screen, press Remote/)).toBeTruthy();
    expect(window.localStorage.getItem("trivia-edge:remote:123456")).toBeNull();
  });

  test("without a code or a seat, explains how to pair", async () => {
    navigate("/remote/123456");
    render(<App />);
    await screen.findByRole("heading", { name: "Not paired" });
    expect(screen.getByText(/press Remote and scan the code/)).toBeTruthy();
  });
});

describe("the controls", () => {
  test("in a question: what to decide with, and every action the host has", async () => {
    const link = linkFor(
      viewOf(welcomeRemote({ phase: "question", question: question({ index: 2 }) }), {
        type: "progress",
        index: 2,
        answered: 7,
        connected: 12,
      }),
    );
    render(<RemoteControl link={link} code="123456" label="iPhone · Safari" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Question 3 of 5");
    expect(screen.getByText("7 of 12 answered")).toBeTruthy();
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Time left: 15 seconds");
    await userEvent.click(screen.getByRole("button", { name: "Skip to answer" }));
    await userEvent.click(screen.getByRole("button", { name: "Pause" }));
    await userEvent.click(screen.getByRole("button", { name: "Lock joining" }));
    await userEvent.click(screen.getByRole("button", { name: "End game" }));
    expect(link.sent).toEqual([{ type: "next" }, { type: "pause" }, { type: "lock" }]);
    await userEvent.click(screen.getByRole("button", { name: "Yes, end it" }));
    expect(link.sent.at(-1)).toEqual({ type: "end" });
    expect(screen.getByText("This phone: iPhone · Safari")).toBeTruthy();
  });

  test("in the lead-in and the reveal, and paused", () => {
    const ready = linkFor(
      viewOf(welcomeRemote(), {
        type: "ready",
        serverTime: NOW,
        index: 0,
        total: 5,
        kind: "choice",
        text: "Which planet is red?",
        double: false,
        durationMs: 20_000,
        readMs: 3_000,
        opensAt: NOW + 3_000,
      }),
    );
    const { unmount } = render(<RemoteControl link={ready} code="123456" label="Phone" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Get ready: question 1 of 5");
    expect(screen.getByText("Which planet is red?")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Skip countdown" })).toBeTruthy();
    unmount();

    const paused = linkFor(
      viewOf(welcomeRemote({ phase: "reveal", question: question(), reveal: reveal({ nextAt: NOW + 4_000 }) }), {
        type: "paused",
        serverTime: NOW,
        phase: "reveal",
        remainingMs: 4_000,
      }),
    );
    render(<RemoteControl link={paused} code="123456" label="Phone" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("The answer to question 1 of 5");
    expect(screen.getByText("2 of 3 got it right")).toBeTruthy();
    expect(screen.getByText("Paused")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next question" })).toBeTruthy();
  });

  test("the player list, names in plain view on the phone, and back", async () => {
    const link = linkFor(
      viewOf(
        welcomeRemote(),
        { type: "moderation", hiddenPlayers: ["b"], hiddenAnswers: [] },
        {
          type: "players",
          serverTime: NOW,
          players: [
            { id: "a", name: "Ada", score: 0, connected: true, rank: 1, hidden: false },
            { id: "b", name: "Rude Name", score: 0, connected: true, rank: 1, hidden: true },
          ],
        },
      ),
    );
    render(<RemoteControl link={link} code="123456" label="Phone" />);
    await userEvent.click(screen.getByRole("button", { name: "Players" }));
    expect(link.sent).toEqual([{ type: "players" }]);
    const list = screen.getByRole("list", { name: "Players" });
    const rude = within(list).getByText("Rude Name");
    expect(rude.classList.contains("blurred")).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: "Remove Rude Name" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, remove" }));
    expect(link.sent.at(-1)).toEqual({ type: "kick", playerId: "b" });
    await userEvent.click(screen.getByRole("button", { name: "Back to the controls" }));
    expect(screen.getByRole("button", { name: "Start game" })).toBeTruthy();
  });

  test("revoked: says so, and offers nothing that would not work", () => {
    const link = linkFor(viewOf(welcomeRemote()), {
      fatal: { code: "remote_revoked", message: "The host turned this phone's remote off.", id: 1 },
    });
    render(<RemoteControl link={link} code="123456" label="Phone" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Remote turned off");
    expect(screen.queryByRole("button", { name: "Start game" })).toBeNull();
  });
});
