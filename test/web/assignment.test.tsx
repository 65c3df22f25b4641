/** A self-paced assignment's screens: the phone's start, next and end, and the host's figures. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { HostGame } from "../../web/src/screens/host/Host";
import { PlayerGame } from "../../web/src/screens/Player";
import { entry, linkFor, NOW, question, reveal, viewOf, welcomeHost, welcomePlayer } from "./fixtures";

const CLOSES = NOW + 3 * 86_400_000;

describe("an assignment on the phone", () => {
  test("starts with the number of questions and the deadline; Start asks for the first question", async () => {
    const link = linkFor(viewOf(welcomePlayer({ assignment: { closesAt: CLOSES, closed: false, done: 0 } })));
    render(<PlayerGame link={link} code="123456" name="Ada" />);
    expect(screen.getByText(/5 questions, at your own pace/)).toBeTruthy();
    expect(screen.getByText(/Open until/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Start" }));
    expect(link.sent).toEqual([{ type: "next" }]);
  });

  test("after the player's own reveal: how many are done, and Next question", async () => {
    const view = viewOf(
      welcomePlayer({ assignment: { closesAt: CLOSES, closed: false, done: 0 } }),
      { type: "question", serverTime: NOW, ...question({ index: 2, total: 5 }) },
      {
        type: "reveal",
        serverTime: NOW,
        ...reveal({ index: 2, total: 5, leaderboard: undefined }),
        you: { answered: true, correct: true, points: 900, streak: 1, score: 900, rank: 1 },
      },
    );
    const link = linkFor(view);
    render(<PlayerGame link={link} code="123456" name="Ada" />);
    expect(screen.getByText("Correct!")).toBeTruthy();
    expect(screen.getByText("3 of 5 done")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Next question" }));
    expect(link.sent).toEqual([{ type: "next" }]);
  });

  test("ends with the result and those who finished, or says it closed before the player finished", () => {
    const over = { podium: [], leaderboard: [entry("Ada", 2800, 1, null)], playerCount: 1, questionCount: 5 };
    const done = viewOf(welcomePlayer({ assignment: { closesAt: CLOSES, closed: false, done: 4 } }), {
      type: "gameOver",
      serverTime: NOW,
      ...over,
      you: { rank: 1, score: 2800 },
      assignment: { closesAt: CLOSES, closed: false, done: 5 },
    });
    const { unmount } = render(<PlayerGame link={linkFor(done)} code="123456" name="Ada" />);
    expect(screen.getByRole("heading", { level: 1, name: "All done!" })).toBeTruthy();
    expect(screen.getByText(/1st of the 1 player who finished so far/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Those who finished" })).toBeTruthy();
    unmount();

    const closed = viewOf(welcomePlayer({ assignment: { closesAt: CLOSES, closed: false, done: 2 } }), {
      type: "gameOver",
      serverTime: NOW,
      ...over,
      you: { rank: 2, score: 1200 },
      assignment: { closesAt: CLOSES, closed: true },
    });
    render(<PlayerGame link={linkFor(closed)} code="123456" name="Bo" />);
    expect(screen.getByRole("heading", { level: 1, name: "This assignment is closed" })).toBeTruthy();
    expect(screen.getByText(/after you had done 2 of 5 questions/)).toBeTruthy();
  });
});

describe("an assignment on the host's screen", () => {
  test("shows the live figures and finishers, and closes only when confirmed", async () => {
    const stats = { closesAt: CLOSES, closed: false, joined: 3, started: 2, finished: 0, averageScore: 0 };
    const view = viewOf(welcomeHost({ assignment: stats }), {
      type: "assignment",
      ...stats,
      finished: 1,
      averageScore: 2800,
      leaderboard: [entry("Ada", 2800, 1, null)],
    });
    const link = linkFor(view);
    render(<HostGame link={link} code="123456" joinUrl="https://trivia.test/join/123456" hostToken="h" />);
    expect(screen.getByText("Self-paced assignment")).toBeTruthy();
    expect(screen.getByText("2,800", { selector: "dd" })).toBeTruthy();
    expect(screen.getByText("Ada")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Start game" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Close now" }));
    expect(link.sent).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Yes, close it" }));
    expect(link.sent).toEqual([{ type: "end" }]);
  });
});
