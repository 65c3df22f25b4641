import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { PlayerGame } from "../../web/src/screens/Player";
import { linkFor, NOW, question, reveal, viewOf, welcomePlayer } from "./fixtures";

const XSS = "<img src=x onerror=alert(1)>";

function renderPlayer(link: ReturnType<typeof linkFor>) {
  return render(<PlayerGame link={link} code="123456" name="Ada" />);
}

describe("player screen", () => {
  test("lobby: the player's own name and how many are in", () => {
    renderPlayer(linkFor(viewOf(welcomePlayer())));
    expect(screen.getByRole("heading", { level: 1, name: "You're in!" })).toBeTruthy();
    expect(screen.getByText(/3 players in/)).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Latest players to join" })).getAllByRole("listitem")).toHaveLength(
      3,
    );
  });

  test("names that look like markup are shown as text", () => {
    const view = viewOf({ ...welcomePlayer(), name: XSS } as never);
    const { container } = renderPlayer(linkFor(view));
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(0);
    expect(container.querySelector("img")).toBeNull();
  });

  test("get ready: the question to read and a countdown to the answers, which are not there yet", () => {
    const readyMessage = {
      type: "ready" as const,
      serverTime: NOW,
      index: 0,
      total: 5,
      kind: "choice" as const,
      text: "Which planet is known as the Red Planet?",
      double: false,
      durationMs: 20_000,
      readMs: 3_000,
      opensAt: NOW + 3_000,
    };
    const link = linkFor(viewOf(welcomePlayer(), readyMessage));
    const { rerender } = renderPlayer(link);
    expect(screen.getByRole("heading", { level: 1, name: "Which planet is known as the Red Planet?" })).toBeTruthy();
    expect(screen.getByText("Get ready")).toBeTruthy();
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Answers open in: 3 seconds");
    expect(screen.queryByRole("group", { name: "Answers" })).toBeNull();
    expect(screen.queryAllByRole("button").map((b) => b.textContent)).not.toContain("Venus");

    // Paused in the lead-in, then resumed to a new opening time; then the question opens.
    const paused = viewOf(welcomePlayer(), readyMessage, {
      type: "paused",
      serverTime: NOW,
      phase: "ready",
      remainingMs: 2_000,
    });
    rerender(<PlayerGame link={linkFor(paused)} code="123456" name="Ada" />);
    expect(screen.getByText("Paused by the host")).toBeTruthy();
    const resumed = viewOf(
      welcomePlayer(),
      readyMessage,
      { type: "paused", serverTime: NOW, phase: "ready", remainingMs: 2_000 },
      { type: "resumed", serverTime: NOW, phase: "ready", deadline: null, nextAt: null, opensAt: NOW + 2_000 },
    );
    expect(resumed.ready?.opensAt).toBe(NOW + 2_000);
    const opened = viewOf(welcomePlayer(), readyMessage, { type: "question", serverTime: NOW, ...question() });
    expect(opened.ready).toBeNull();
    rerender(<PlayerGame link={linkFor(opened)} code="123456" name="Ada" />);
    expect(within(screen.getByRole("group", { name: "Answers" })).getAllByRole("button")).toHaveLength(4);
  });

  test("a choice question: colour + shape + label buttons; a tap sends the answer", async () => {
    const link = linkFor(viewOf(welcomePlayer({ phase: "question", question: question() })));
    renderPlayer(link);
    expect(screen.getByRole("heading", { level: 1, name: "Which planet is known as the Red Planet?" })).toBeTruthy();
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Time left: 15 seconds");
    const buttons = within(screen.getByRole("group", { name: "Answers" })).getAllByRole("button");
    expect(buttons.map((b) => b.getAttribute("aria-label"))).toEqual([
      "A, Triangle: Venus",
      "B, Diamond: Mars",
      "C, Circle: Jupiter",
      "D, Square: Saturn",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "B, Diamond: Mars" }));
    expect(link.sent).toEqual([{ type: "answer", index: 0, choice: 1 }]);
    expect(screen.getByRole("heading", { level: 1, name: "Sending…" })).toBeTruthy();
  });

  test("true/false offers two answers", () => {
    renderPlayer(
      linkFor(
        viewOf(
          welcomePlayer({ phase: "question", question: question({ kind: "truefalse", choices: ["True", "False"] }) }),
        ),
      ),
    );
    expect(
      screen.getAllByRole("button").filter((b) => /True|False/.test(b.getAttribute("aria-label") ?? "")),
    ).toHaveLength(2);
  });

  test("multi: pick a set, then submit it", async () => {
    const link = linkFor(
      viewOf(
        welcomePlayer({ phase: "question", question: question({ kind: "multi", choices: ["2", "3", "4", "5"] }) }),
      ),
    );
    renderPlayer(link);
    const submit = screen.getByRole("button", { name: "Pick at least one" });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "C, Circle: 4" }));
    await userEvent.click(screen.getByRole("button", { name: "A, Triangle: 2" }));
    expect(screen.getByRole("button", { name: "A, Triangle: 2" }).getAttribute("aria-pressed")).toBe("true");
    await userEvent.click(screen.getByRole("button", { name: "Submit 2 answers" }));
    expect(link.sent).toEqual([{ type: "answer", index: 0, choice: [0, 2] }]);
  });

  test("type: a text field and a submit button; the answer goes out trimmed", async () => {
    const link = linkFor(
      viewOf(welcomePlayer({ phase: "question", question: question({ kind: "type", choices: undefined }) })),
    );
    renderPlayer(link);
    await userEvent.type(screen.getByLabelText("Type your answer"), "  Paris {Enter}");
    expect(link.sent).toEqual([{ type: "answer", index: 0, choice: "Paris" }]);
  });

  test("answers are disabled while paused or while the link is down", () => {
    const paused = viewOf(
      welcomePlayer({ phase: "question", question: question({ deadline: null }), paused: { remainingMs: 8_000 } }),
    );
    const { unmount } = renderPlayer(linkFor(paused));
    expect(screen.getByText("Paused by the host")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: /Mars/ }).every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    unmount();
    renderPlayer(
      linkFor(viewOf(welcomePlayer({ phase: "question", question: question() })), { status: "reconnecting" }),
    );
    expect(screen.getByRole("status", { name: "" }).textContent).toContain("Reconnecting…");
    expect((screen.getByRole("button", { name: /Mars/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  test("after answering: a calm locked-in state naming the answer", () => {
    renderPlayer(linkFor(viewOf(welcomePlayer({ phase: "question", question: question() }, { answer: 1 }))));
    expect(screen.getByRole("heading", { level: 1, name: "Answer locked in" })).toBeTruthy();
    expect(screen.getByText("Mars")).toBeTruthy();
  });

  test("reveal, right: points, streak, place", () => {
    const view = viewOf(welcomePlayer({ phase: "question", question: question() }, { answer: 1 }), {
      type: "reveal",
      serverTime: NOW,
      ...reveal(),
      you: { answered: true, correct: true, points: 950, streak: 3, score: 2_750, rank: 1 },
    });
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "Correct!" })).toBeTruthy();
    expect(screen.getByText("+950 points")).toBeTruthy();
    expect(screen.getByText("Streak: 3 in a row")).toBeTruthy();
    expect(screen.getByText("1st")).toBeTruthy();
    expect(screen.getByText("of 3")).toBeTruthy();
  });

  test("reveal, wrong: the right answer is named", () => {
    const view = viewOf(welcomePlayer({ phase: "question", question: question() }, { answer: 0 }), {
      type: "reveal",
      serverTime: NOW,
      ...reveal({ explanation: "Iron oxide makes it red." }),
      you: { answered: true, correct: false, points: 0, streak: 0, score: 0, rank: 3 },
    });
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "Not quite" })).toBeTruthy();
    expect(screen.getByText("You answered:").textContent).toContain("Venus");
    expect(screen.getByText("The right answer:").textContent).toContain("Mars");
    expect(screen.getByText("Iron oxide makes it red.")).toBeTruthy();
  });

  test("reveal of a typed question names the accepted answers; no answer means time's up", () => {
    const view = viewOf(
      welcomePlayer({ phase: "question", question: question({ kind: "type", choices: undefined }) }),
      {
        type: "reveal",
        serverTime: NOW,
        ...reveal({ kind: "type", correct: { choices: [], accepted: ["Paris", "Paree"] }, counts: [] }),
        you: { answered: false, correct: false, points: 0, streak: 0, score: 0, rank: 3 },
      },
    );
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "Time's up" })).toBeTruthy();
    expect(screen.getByText("The right answer:").textContent).toContain("Paris / Paree");
  });

  test("reveal of a poll has no right or wrong", () => {
    const view = viewOf(welcomePlayer({ phase: "question", question: question({ kind: "poll" }) }, { answer: 2 }), {
      type: "reveal",
      serverTime: NOW,
      ...reveal({ kind: "poll", correct: { choices: [] } }),
      you: { answered: true, correct: false, points: 0, streak: 0, score: 0, rank: 1 },
    });
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "Thanks for voting" })).toBeTruthy();
    expect(screen.getByText("You voted:").textContent).toContain("Jupiter");
    expect(screen.queryByText(/points/)).toBeNull();
    expect(screen.queryByText(/right answer/)).toBeNull();
  });

  test("game over: own place and score", () => {
    const view = viewOf(welcomePlayer(), {
      type: "gameOver",
      serverTime: NOW,
      podium: [],
      leaderboard: [],
      playerCount: 12,
      questionCount: 5,
      you: { rank: 4, score: 3_120 },
    });
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "You finished 4th" })).toBeTruthy();
    expect(screen.getByText("3,120 points")).toBeTruthy();
    expect(screen.getByText(/out of 12 players/)).toBeTruthy();
  });

  test("kicked: a clear message and no way back in with the same seat", () => {
    renderPlayer(
      linkFor(null, {
        status: "closed",
        fatal: { code: "kicked", message: "The host removed you from this game.", id: 1 },
      }),
    );
    expect(screen.getByRole("heading", { level: 1, name: "You were removed" })).toBeTruthy();
    expect(screen.getByText("The host removed you from this game.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Join again" })).toBeNull();
  });

  test("a refused action shows the server's reason", () => {
    renderPlayer(
      linkFor(viewOf(welcomePlayer({ phase: "question", question: question() })), {
        notice: { code: "question_closed", message: "Too late: that question has closed.", id: 1 },
      }),
    );
    expect(screen.getByRole("alert").textContent).toContain("Too late: that question has closed.");
  });
});
