/**
 * The big screen as a host in a room uses it: the keyboard, sound and full-screen controls, the tab title, "Paused"
 * wherever the game is paused, rank markers and the lobby's newest-first names. (Fitting the screen needs a real
 * layout engine: test/e2e/bigscreen.e2e.ts measures it in Chromium.)
 */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Leaderboard, movement } from "../../web/src/components/Leaderboard";
import { gameTitle } from "../../web/src/lib/title";
import { HostGame } from "../../web/src/screens/host/Host";
import { PlayerGame } from "../../web/src/screens/Player";
import { entry, linkFor, NOW, question, reveal, viewOf, welcomeHost, welcomePlayer } from "./fixtures";

const players = Array.from({ length: 5 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Player ${i + 1}`,
  score: 0,
  connected: true,
}));
const lobby = { playerCount: 5, connectedCount: 5, locked: false, players };

function renderHost(link: ReturnType<typeof linkFor>) {
  return render(
    <HostGame link={link} code="123456" hostToken="h.secret" joinUrl="https://trivia.example/join/123456" />,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the host's keyboard", () => {
  test("Space starts the game in the lobby; → moves on from a reveal; P pauses and resumes", async () => {
    const inLobby = linkFor(viewOf(welcomeHost({ lobby })));
    const { unmount } = renderHost(inLobby);
    await userEvent.keyboard(" ");
    expect(inLobby.sent).toEqual([{ type: "start" }]);
    unmount();

    const inReveal = linkFor(
      viewOf(welcomeHost({ lobby, phase: "reveal", question: question(), reveal: reveal({ nextAt: NOW + 5_000 }) })),
    );
    const again = renderHost(inReveal);
    await userEvent.keyboard("{ArrowRight}");
    await userEvent.keyboard("p");
    expect(inReveal.sent).toEqual([{ type: "next" }, { type: "pause" }]);
    again.unmount();

    const paused = linkFor(
      viewOf(welcomeHost({ lobby, phase: "question", question: question(), paused: { remainingMs: 4_000 } })),
    );
    renderHost(paused);
    await userEvent.keyboard("P");
    expect(paused.sent).toEqual([{ type: "resume" }]);
  });

  test("nothing fires while typing in a field, with Ctrl/⌘/Alt held, or when the action is not available", async () => {
    const link = linkFor(viewOf(welcomeHost({ lobby, phase: "question", question: question() })));
    renderHost(link);
    const field = document.createElement("input");
    document.body.append(field);
    field.focus();
    await userEvent.keyboard(" p{ArrowRight}m?");
    expect(field.value).toBe(" pm?");
    field.remove();
    await userEvent.keyboard("{Control>}p{/Control}{Meta>}p{/Meta}{Alt>}{ArrowRight}{/Alt}");
    expect(link.sent).toEqual([]);
    expect(screen.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("true");

    // In the lobby with nobody in, Space has nothing to start.
    const empty = linkFor(viewOf(welcomeHost()));
    renderHost(empty);
    await userEvent.keyboard(" ");
    expect(empty.sent).toEqual([]);
  });

  test("? opens the list of shortcuts, and closes it again; game keys wait while it is open", async () => {
    const link = linkFor(viewOf(welcomeHost({ lobby })));
    renderHost(link);
    await userEvent.keyboard("?");
    const help = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(
      within(help)
        .getAllByRole("term")
        .map((t) => t.textContent),
    ).toEqual(["Space or →", "P", "L", "R", "F", "M", "?"]);
    await userEvent.keyboard("m");
    expect(screen.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("true");
    await userEvent.keyboard("?");
    expect(screen.queryByRole("dialog")).toBeNull();
    // The button opens it too.
    await userEvent.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
  });

  test("M mutes and unmutes the big screen, remembered on this device", async () => {
    const { unmount } = renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
    const sound = () => screen.getByRole("button", { name: "Sound" });
    expect(sound().getAttribute("aria-pressed")).toBe("true");
    await userEvent.keyboard("m");
    expect(sound().getAttribute("aria-pressed")).toBe("false");
    expect(localStorage.getItem("trivia-edge:sound:host")).toBe("false");
    unmount();
    renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
    expect(sound().getAttribute("aria-pressed")).toBe("false");
    await userEvent.click(sound());
    expect(sound().getAttribute("aria-pressed")).toBe("true");
    expect(localStorage.getItem("trivia-edge:sound:host")).toBe("true");
  });

  test("F and the button ask for full screen; the button follows the browser's state", async () => {
    const requestFullscreen = vi.fn(async () => {
      Object.defineProperty(document, "fullscreenElement", { value: document.documentElement, configurable: true });
      document.dispatchEvent(new Event("fullscreenchange"));
    });
    const exitFullscreen = vi.fn(async () => {
      Object.defineProperty(document, "fullscreenElement", { value: null, configurable: true });
      document.dispatchEvent(new Event("fullscreenchange"));
    });
    Object.defineProperty(document, "fullscreenEnabled", { value: true, configurable: true });
    Object.defineProperty(document, "fullscreenElement", { value: null, configurable: true });
    document.documentElement.requestFullscreen = requestFullscreen;
    document.exitFullscreen = exitFullscreen;
    try {
      renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
      const button = screen.getByRole("button", { name: "Full screen" });
      await userEvent.keyboard("f");
      expect(requestFullscreen).toHaveBeenCalledTimes(1);
      expect(button.getAttribute("aria-pressed")).toBe("true");
      await userEvent.click(button);
      expect(exitFullscreen).toHaveBeenCalledTimes(1);
      expect(button.getAttribute("aria-pressed")).toBe("false");
    } finally {
      Object.defineProperty(document, "fullscreenEnabled", { value: false, configurable: true });
    }
  });

  test("a browser without full screen gets no full-screen button", () => {
    renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
    expect(screen.queryByRole("button", { name: "Full screen" })).toBeNull();
  });
});

describe("paused, everywhere", () => {
  test("the host's paused question and paused reveal both say Paused", () => {
    const { unmount } = renderHost(
      linkFor(viewOf(welcomeHost({ phase: "question", question: question(), paused: { remainingMs: 8_000 } }))),
    );
    expect(screen.getByText("Paused").getAttribute("role")).toBe("status");
    unmount();
    renderHost(
      linkFor(
        viewOf(
          welcomeHost({
            phase: "reveal",
            question: question(),
            reveal: reveal({ nextAt: null }),
            paused: { remainingMs: 3_000 },
          }),
        ),
      ),
    );
    expect(screen.getByText("Paused")).toBeTruthy();
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Next question in: 3 seconds");
    expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
  });

  test("a phone says Paused while answering, after answering and on the reveal", () => {
    const paused = { remainingMs: 6_000 };
    const { unmount } = render(
      <PlayerGame
        link={linkFor(viewOf(welcomePlayer({ phase: "question", question: question(), paused }, { answer: 1 })))}
        code="123456"
        name="Ada"
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Answer locked in" })).toBeTruthy();
    expect(screen.getByText("Paused by the host")).toBeTruthy();
    unmount();
    render(
      <PlayerGame
        link={linkFor(
          viewOf(
            welcomePlayer(
              { phase: "reveal", question: question(), reveal: reveal({ leaderboard: undefined }), paused },
              { answer: 1, result: { answered: true, correct: true, points: 900, streak: 1, score: 900, rank: 1 } },
            ),
          ),
        )}
        code="123456"
        name="Ada"
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Correct!" })).toBeTruthy();
    expect(screen.getByText("Paused by the host")).toBeTruthy();
  });
});

describe("the tab title", () => {
  test("says the phase and the code, on the host and on the phones", () => {
    const { unmount } = renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
    expect(document.title).toBe("Lobby · 123 456 — trivia-edge");
    unmount();
    expect(document.title).toBe("trivia-edge");
    const link = linkFor(viewOf(welcomePlayer({ phase: "question", question: question({ index: 2, total: 10 }) })));
    render(<PlayerGame link={link} code="123456" name="Ada" />);
    expect(document.title).toBe("Q3/10 · 123 456 — trivia-edge");
  });

  test("for each phase, paused or not", () => {
    const q = question({ index: 2, total: 10 });
    expect(gameTitle(null, "123456")).toBe("Game 123 456 — trivia-edge");
    expect(gameTitle(viewOf(welcomeHost()), "123456")).toBe("Lobby · 123 456 — trivia-edge");
    expect(gameTitle(viewOf(welcomeHost({ phase: "question", question: q })), "123456")).toBe(
      "Q3/10 · 123 456 — trivia-edge",
    );
    expect(
      gameTitle(viewOf(welcomeHost({ phase: "question", question: q, paused: { remainingMs: 1 } })), "123456"),
    ).toBe("Paused · Q3/10 · 123 456 — trivia-edge");
    expect(
      gameTitle(viewOf(welcomeHost({ phase: "reveal", question: q, reveal: reveal({ index: 2 }) })), "123456"),
    ).toBe("Q3/10 answer · 123 456 — trivia-edge");
    const over = viewOf(welcomeHost(), {
      type: "gameOver",
      serverTime: NOW,
      podium: [],
      leaderboard: [],
      playerCount: 0,
      questionCount: 10,
    });
    expect(gameTitle(over, "123456")).toBe("Podium · 123 456 — trivia-edge");
  });
});

describe("rank markers", () => {
  test("▲ for up, ▼ for down, new for a player ranked for the first time, nothing for no change", () => {
    expect(movement(entry("A", 900, 2, 5))).toMatchObject({ symbol: "▲3", text: "up 3" });
    expect(movement(entry("A", 900, 4, 2))).toMatchObject({ symbol: "▼2", text: "down 2" });
    expect(movement(entry("A", 900, 7, null))).toMatchObject({ symbol: "new", text: "new" });
    expect(movement(entry("A", 900, 3, 3))).toMatchObject({ symbol: "", text: "no change" });
  });

  test("the marker stands between the place and the name, never beside the score; off on the first reveal", () => {
    const entries = [entry("Ada", 950, 1, 3), entry("Bo", 900, 2, 1), entry("Cy", 859, 3, null)];
    const { container, unmount } = render(<Leaderboard entries={entries} title="Top 10" />);
    const rows = Array.from(container.querySelectorAll(".leaderboard-row"));
    expect(rows.map((r) => Array.from(r.children).map((c) => c.className.split(" ")[0]))).toEqual([
      ["lb-rank", "lb-move", "lb-name", "lb-score"],
      ["lb-rank", "lb-move", "lb-name", "lb-score"],
      ["lb-rank", "lb-move", "lb-name", "lb-score"],
    ]);
    expect(rows.map((r) => r.textContent)).toEqual(["1▲2Ada950", "2▼1Bo900", "3newCy859"]);
    expect(container.textContent).not.toMatch(/[–-]\s*\d/);
    unmount();
    const first = render(<Leaderboard entries={entries} title="Top 10" moves={false} />);
    expect(first.container.querySelector(".lb-move")).toBeNull();
  });

  test("the host's first reveal shows no markers; later reveals do", () => {
    const top = [entry("Ada", 950, 1, null), entry("Bo", 900, 2, null)];
    const { unmount } = renderHost(
      linkFor(viewOf(welcomeHost({ phase: "reveal", question: question(), reveal: reveal({ leaderboard: top }) }))),
    );
    expect(document.querySelector(".lb-move")).toBeNull();
    unmount();
    renderHost(
      linkFor(
        viewOf(
          welcomeHost({
            phase: "reveal",
            question: question({ index: 3 }),
            reveal: reveal({ index: 3, leaderboard: top }),
          }),
        ),
      ),
    );
    expect(Array.from(document.querySelectorAll(".lb-move")).map((m) => m.textContent)).toEqual(["new", "new"]);
  });
});

describe("the lobby", () => {
  test("names newest first, with the count", () => {
    renderHost(linkFor(viewOf(welcomeHost({ lobby }))));
    expect(screen.getByText("5 players in")).toBeTruthy();
    const names = within(screen.getByRole("list", { name: "Players" }))
      .getAllByRole("listitem")
      .map((li) => li.querySelector(".chip-name")?.textContent);
    expect(names).toEqual(["Player 5", "Player 4", "Player 3", "Player 2", "Player 1"]);
  });

  test("a crowd's count reads with thousands separators, on the stage and in the top bar", () => {
    const crowd = Array.from({ length: 3_000 }, (_, i) => ({ id: `c${i}`, name: `N${i}`, score: 0, connected: true }));
    renderHost(
      linkFor(
        viewOf(welcomeHost({ lobby: { playerCount: 3_000, connectedCount: 3_000, locked: false, players: crowd } })),
      ),
    );
    expect(screen.getByText("3,000 players in")).toBeTruthy();
    expect(screen.getByText("3,000 players")).toBeTruthy();
  });
});

describe("a phone's sound", () => {
  test("off until the player turns it on; the choice is remembered", async () => {
    const link = linkFor(viewOf(welcomePlayer()));
    const { unmount } = render(<PlayerGame link={link} code="123456" name="Ada" />);
    const toggle = () => screen.getByRole("button", { name: "Sound" });
    expect(toggle().getAttribute("aria-pressed")).toBe("false");
    await userEvent.click(toggle());
    expect(toggle().getAttribute("aria-pressed")).toBe("true");
    expect(localStorage.getItem("trivia-edge:sound:player")).toBe("true");
    // The sound code arrives on its own (a lazily loaded chunk); let it settle.
    await act(() => new Promise((ok) => setTimeout(ok, 50)));
    unmount();
    render(<PlayerGame link={link} code="123456" name="Ada" />);
    expect(toggle().getAttribute("aria-pressed")).toBe("true");
  });
});
