import { render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { reduce } from "../../web/src/lib/game";
import { PlayerGame } from "../../web/src/screens/Player";
import { linkFor, NOW, question, reveal, viewOf, welcomePlayer } from "./fixtures";

/** A player's phone in a game of three teams, welcomed into team 0 (the Orange Otters). */
function inTeams() {
  return viewOf(welcomePlayer({ teams: 3 }, { team: { team: 0, rank: 1, score: 0 } }));
}

function phone(view: ReturnType<typeof viewOf>) {
  return render(<PlayerGame link={linkFor(view)} code="123456" name="Ada" />);
}

describe("team mode on the phone", () => {
  test("the lobby says the player's team, by name beside its colour, and follows a move", () => {
    const view = inTeams();
    expect(view.teams).toBe(3);
    const { rerender } = phone(view);
    expect(screen.getByText(/Your team:/).textContent).toBe("Your team: Orange Otters");
    const moved = reduce(view, { type: "team", team: 2 }) ?? view;
    expect(moved.myTeam).toEqual({ team: 2, rank: 1, score: 0 });
    rerender(<PlayerGame link={linkFor(moved)} code="123456" name="Ada" />);
    expect(screen.getByText(/Your team:/).textContent).toBe("Your team: Green Geckos");
  });

  test("the reveal and the end say the team's place", () => {
    let view = reduce(inTeams(), { type: "question", serverTime: NOW, ...question() }) ?? inTeams();
    const team = { team: 0, rank: 3, score: 420 };
    const you = { answered: true, correct: true, points: 980, streak: 1, score: 980, rank: 1, team };
    view = reduce(view, { type: "reveal", serverTime: NOW, ...reveal(), you }) ?? view;
    const { rerender } = phone(view);
    expect(screen.getByText(/Your team:/).textContent).toBe("Your team: Orange Otters · 3rd of 3");
    view =
      reduce(view, {
        type: "gameOver",
        serverTime: NOW,
        podium: [],
        leaderboard: [],
        playerCount: 3,
        questionCount: 1,
        you: { rank: 1, score: 980, team: { team: 0, rank: 2, score: 420 } },
      }) ?? view;
    rerender(<PlayerGame link={linkFor(view)} code="123456" name="Ada" />);
    expect(screen.getByText(/Your team:/).textContent).toBe("Your team: Orange Otters · 2nd of 3");
  });

  test("a game without teams says nothing of teams", () => {
    const view = viewOf(welcomePlayer());
    expect(view.teams).toBe(0);
    phone(view);
    expect(screen.queryByText(/Your team/)).toBeNull();
  });
});
