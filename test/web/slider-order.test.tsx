/**
 * The phone's slider and order questions, in the DOM: keyboard and buttons move the slider by steps and the items by
 * places, what goes out is the number on its step and the shown indexes in the player's order, and the reveal says
 * how close the guess was or what the right order is. (Dragging by touch is tested in Chromium: test/e2e/kinds.e2e.ts.)
 */
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { PlayerGame } from "../../web/src/screens/Player";
import { linkFor, NOW, question, reveal, viewOf, welcomePlayer } from "./fixtures";

const slider = question({
  kind: "slider",
  text: "pH of pure water?",
  choices: undefined,
  slider: { min: 0, max: 14, step: 0.1, unit: "pH" },
});
const order = question({
  kind: "order",
  text: "Nearest the Sun first",
  choices: ["Earth", "Mercury", "Mars", "Venus"],
});

function renderPlayer(link: ReturnType<typeof linkFor>) {
  return render(<PlayerGame link={link} code="123456" name="Ada" />);
}

describe("a slider on the phone", () => {
  test("starts mid-scale, moves by a step with − / +, shows the unit, and locks in the number", async () => {
    const link = linkFor(viewOf(welcomePlayer({ phase: "question", question: slider })));
    renderPlayer(link);
    const range = screen.getByRole("slider", { name: "Your answer" }) as HTMLInputElement;
    expect(range.getAttribute("aria-valuetext")).toBe("7.0\u00a0pH");
    expect(screen.getByText("0.0 pH")).toBeTruthy();
    expect(screen.getByText("14.0 pH")).toBeTruthy();
    // (Arrow keys on the range input are the browser's own: Chromium covers them in test/e2e/kinds.e2e.ts.)
    await userEvent.click(screen.getByRole("button", { name: "Less (−0.1\u00a0pH)" }));
    expect(range.getAttribute("aria-valuetext")).toBe("6.9\u00a0pH");
    await userEvent.click(screen.getByRole("button", { name: "More (+0.1\u00a0pH)" }));
    await userEvent.click(screen.getByRole("button", { name: "More (+0.1\u00a0pH)" }));
    // A touch drag sets the input's value: the scale follows (here to step 3, 0.3 pH).
    fireEvent.change(range, { target: { value: "3" } });
    expect(range.getAttribute("aria-valuetext")).toBe("0.3\u00a0pH");
    await userEvent.click(screen.getByRole("button", { name: "Lock in 0.3\u00a0pH" }));
    // Step 3 of 0.1 is sent as 0.3, not 0.30000000000000004.
    expect(link.sent).toEqual([{ type: "answer", index: 0, choice: 0.3 }]);
  });

  test("the ends stop the − and + buttons", async () => {
    renderPlayer(linkFor(viewOf(welcomePlayer({ phase: "question", question: slider }))));
    const range = screen.getByRole("slider", { name: "Your answer" }) as HTMLInputElement;
    fireEvent.change(range, { target: { value: "0" } });
    expect((screen.getByRole("button", { name: "Less (−0.1\u00a0pH)" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(range, { target: { value: "140" } });
    expect((screen.getByRole("button", { name: "More (+0.1\u00a0pH)" }) as HTMLButtonElement).disabled).toBe(true);
    expect(range.getAttribute("aria-valuetext")).toBe("14.0\u00a0pH");
  });

  test("the reveal: close but not right earns some points, says the right value and how far off", () => {
    const view = viewOf(welcomePlayer({ phase: "question", question: slider }, { answer: 7.8 }), {
      type: "reveal",
      serverTime: NOW,
      ...reveal({
        kind: "slider",
        correct: { choices: [], value: 7, tolerance: 0.3 },
        counts: [],
        histogram: { min: 0, binWidth: 0.7, counts: new Array(20).fill(0), median: 7.8 },
      }),
      you: { answered: true, correct: false, points: 612, streak: 0, score: 612, rank: 2 },
    });
    renderPlayer(linkFor(view));
    expect(screen.getByRole("heading", { level: 1, name: "Close!" })).toBeTruthy();
    expect(screen.getByText("You answered:").textContent).toContain("7.8\u00a0pH");
    expect(screen.getByText("+612 points")).toBeTruthy();
    const right = screen.getByText(/The right answer:/);
    expect(right.textContent).toContain("7.0\u00a0pH (±\u00a00.3\u00a0pH counts)");
    expect(right.textContent).toContain("You were 0.8\u00a0pH off.");
  });
});

describe("an order question on the phone", () => {
  test("moves items with Move up / Move down, keeps the focus on the moving item, and sends the shown indexes", async () => {
    const link = linkFor(viewOf(welcomePlayer({ phase: "question", question: order })));
    renderPlayer(link);
    const list = screen.getByRole("list");
    const labels = () =>
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.querySelector(".order-label")?.textContent);
    expect(labels()).toEqual(["Earth", "Mercury", "Mars", "Venus"]);
    // Mercury to the top: one press of its Move up; the focus moves to its Move down (Move up is now disabled).
    await userEvent.click(screen.getByRole("button", { name: "Move Mercury up" }));
    expect(labels()).toEqual(["Mercury", "Earth", "Mars", "Venus"]);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Move Mercury down");
    expect(screen.getByText("Mercury: now 1 of 4.")).toBeTruthy();
    // Venus up twice, from the keyboard: the focus stays on its Move up.
    screen.getByRole("button", { name: "Move Venus up" }).focus();
    await userEvent.keyboard("{Enter}");
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Move Venus up");
    await userEvent.keyboard("{Enter}");
    expect(labels()).toEqual(["Mercury", "Venus", "Earth", "Mars"]);
    await userEvent.click(screen.getByRole("button", { name: "Lock in this order" }));
    // Shown indexes in the player's order: Mercury (1), Venus (3), Earth (0), Mars (2).
    expect(link.sent).toEqual([{ type: "answer", index: 0, choice: [1, 3, 0, 2] }]);
  });

  test("locked in and revealed: the player's order and the right order as numbered lists", () => {
    const locked = viewOf(welcomePlayer({ phase: "question", question: order }, { answer: [1, 0, 3, 2] }));
    const { unmount } = renderPlayer(linkFor(locked));
    expect(screen.getByRole("heading", { level: 1, name: "Answer locked in" })).toBeTruthy();
    expect(
      within(screen.getAllByRole("list")[0] as HTMLElement)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Mercury", "Earth", "Venus", "Mars"]);
    unmount();
    const revealed = viewOf(welcomePlayer({ phase: "question", question: order }, { answer: [1, 0, 3, 2] }), {
      type: "reveal",
      serverTime: NOW,
      ...reveal({ kind: "order", correct: { choices: [1, 3, 0, 2] }, counts: [0, 1, 1, 0], correctCount: 0 }),
      you: { answered: true, correct: false, points: 0, streak: 0, score: 0, rank: 2 },
    });
    renderPlayer(linkFor(revealed));
    expect(screen.getByRole("heading", { level: 1, name: "Not quite" })).toBeTruthy();
    const [mine, right] = screen.getAllByRole("list") as HTMLElement[];
    expect(
      within(mine as HTMLElement)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Mercury", "Earth", "Venus", "Mars"]);
    expect(screen.getByText("The right order:")).toBeTruthy();
    expect(
      within(right as HTMLElement)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Mercury", "Venus", "Earth", "Mars"]);
  });
});
