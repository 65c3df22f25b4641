/**
 * A self-paced assignment in Chromium: the host creates it from the home screen (How to play: "Self-paced", with a
 * deadline in the local time zone) and gets its screen (link, QR, deadline, live progress, close now, results). Two
 * players play it at different times on their phones: Ada in one go, Bob later, reloading mid-way and landing on
 * the question he was on, "question 2 of 3", with its own countdown. Each ends on their own result and the leaderboard
 * of those who finished; the host closes it, and a late player gets a clear "closed". Screenshots at 1280×800,
 * 1920×1080 and 390×844; axe on each screen.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { browserSession, expectAccessible, heading } from "./session";

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

const PROJECTOR_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

async function phone(): Promise<Page> {
  const page = await newPage("phone");
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

async function projectorShots(page: Page, name: string): Promise<void> {
  for (const size of PROJECTOR_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await shot(page, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(PROJECTOR_SIZES[0] as { width: number; height: number });
}

async function join(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`${session.server.origin}/join/${code}`);
  await see(page, /Assignment found: 3 questions/);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
}

/** Answers the question on screen with its first choice, then waits for this player's own reveal. */
async function answerFirst(page: Page, n: number): Promise<void> {
  await see(page, `Question ${n} of 3`);
  await page.locator(".choice-grid button").first().tap();
  await page.getByRole("button", { name: n === 3 ? "See my result" : "Next question" }).waitFor();
}

describe("a self-paced assignment", () => {
  test("is created with a deadline, played by two players at different times (one resuming), then closed", async () => {
    photographOnFailure("self-paced");
    const host = await newPage("projector");
    await host.setViewportSize(PROJECTOR_SIZES[0] as { width: number; height: number });
    await host.goto(`${session.server.origin}/`);
    await heading(host, "Quiz night, live.");
    await host.waitForFunction(() => (document.querySelector("select")?.options.length ?? 0) > 1);
    await host.getByLabel("Questions", { exact: true }).fill("3");
    await host.getByLabel("Seconds to read first").fill("0");
    await host.getByLabel("How to play").selectOption("self-paced");
    const deadline = host.getByLabel("Assignment closes at");
    await deadline.waitFor();
    // The deadline is picked in local time, its zone named beside it; the default is a week ahead at 17:00.
    expect(await deadline.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT17:00$/);
    await see(host, /^Each player plays at their own pace until then/);
    await expectAccessible(host, "home with the assignment form");
    await projectorShots(host, "assignment-create");
    await host.getByRole("button", { name: "Create assignment" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);
    await see(host, "Self-paced assignment");
    await see(host, /Open until/);
    await host.getByRole("img", { name: /QR code for .*\/join\// }).waitFor();
    await see(host, "Nobody has finished yet.");
    await expectAccessible(host, "the assignment's host screen");
    await projectorShots(host, "assignment-host-open");

    // Ada plays it all in one go.
    const ada = await phone();
    await join(ada, code, "Ada");
    await heading(ada, "Your assignment");
    await see(ada, /Open until/);
    await expectAccessible(ada, "the assignment's start (phone)");
    await shot(ada, "assignment-phone-start");
    await ada.getByRole("button", { name: "Start" }).tap();
    await answerFirst(ada, 1);
    await see(ada, "1 of 3 done");
    await expectAccessible(ada, "the player's own reveal (phone)");
    await shot(ada, "assignment-phone-reveal");
    await ada.getByRole("button", { name: "Next question" }).tap();
    await answerFirst(ada, 2);
    await ada.getByRole("button", { name: "Next question" }).tap();
    await answerFirst(ada, 3);
    await ada.getByRole("button", { name: "See my result" }).tap();
    await heading(ada, "All done!");
    await see(ada, "Those who finished");
    await expectAccessible(ada, "the player's end (phone)");
    await shot(ada, "assignment-phone-done");

    // The host's figures follow live.
    await host.locator(".assignment-figures").getByText("Finished").waitFor();
    await host.waitForFunction(() =>
      [...document.querySelectorAll(".assignment-figures > div")].some(
        (d) => d.querySelector("dt")?.textContent === "Finished" && d.querySelector("dd")?.textContent === "1",
      ),
    );
    await see(host, "Those who finished");

    // Bob comes later, answers one question, and reloads in the middle of the second.
    const bob = await phone();
    await join(bob, code, "Bob");
    await bob.getByRole("button", { name: "Start" }).tap();
    await answerFirst(bob, 1);
    await bob.getByRole("button", { name: "Next question" }).tap();
    await see(bob, "Question 2 of 3");
    const before = await bob.locator(".question-text").textContent();
    await bob.reload();
    await see(bob, "Question 2 of 3");
    expect(await bob.locator(".question-text").textContent()).toBe(before);
    await shot(bob, "assignment-phone-resumed");
    await answerFirst(bob, 2);
    await bob.getByRole("button", { name: "Next question" }).tap();
    await answerFirst(bob, 3);
    await bob.getByRole("button", { name: "See my result" }).tap();
    await heading(bob, "All done!");
    await see(bob, /of the 2 players who finished so far/);

    // The host's list has everyone's progress; then the host closes it.
    await host.getByRole("button", { name: "Players and progress" }).click();
    const dialog = host.getByRole("dialog", { name: "Players" });
    await dialog
      .getByText(/finished · /)
      .first()
      .waitFor();
    await expectAccessible(host, "the players dialog with progress");
    await projectorShots(host, "assignment-host-players");
    await host.keyboard.press("Escape");
    await host.getByRole("button", { name: "Close now" }).click();
    await host.getByRole("button", { name: "Yes, close it" }).click();
    await see(host, "Assignment closed");
    await expectAccessible(host, "the closed assignment's host screen");
    await projectorShots(host, "assignment-host-closed");

    // A latecomer is told it has closed; a player who had not finished sees that too.
    const late = await phone();
    await late.goto(`${session.server.origin}/join/${code}`);
    await see(late, "This assignment has closed");
    await shot(late, "assignment-phone-join-closed");
    await ada.reload();
    await heading(ada, "All done!");
    await see(ada, /^Closed/);

    for (const list of problems) expect(list).toEqual([]);
  });

  test("a player who had not finished sees that it closed", async () => {
    photographOnFailure("self-paced-closed");
    const res = await fetch(`${session.server.origin}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        mode: "self-paced",
        closesAt: Date.now() + 3_600_000,
        readSeconds: 0,
        questions: [
          { text: "Which is the largest ocean?", choices: ["Pacific", "Atlantic", "Indian"], correct: 0 },
          { text: "Which gas do plants take in?", choices: ["Carbon dioxide", "Oxygen", "Helium"], correct: 0 },
        ],
      }),
    });
    const game = (await res.json()) as { code: string; hostToken: string };
    const cy = await phone();
    await cy.goto(`${session.server.origin}/join/${game.code}`);
    await cy.getByLabel("Your name").fill("Cy");
    await cy.getByRole("button", { name: "Join", exact: true }).click();
    await cy.getByRole("button", { name: "Start" }).tap();
    await see(cy, "Question 1 of 2");
    const ws = new WebSocket(`${session.server.origin.replace(/^http/, "ws")}/api/games/${game.code}/ws`);
    await new Promise((ok) => ws.addEventListener("open", ok));
    ws.send(JSON.stringify({ type: "hello", token: game.hostToken }));
    ws.send(JSON.stringify({ type: "end" }));
    await heading(cy, "This assignment is closed");
    await see(cy, "It closed before you answered any question.");
    await expectAccessible(cy, "closed before finishing (phone)");
    await shot(cy, "assignment-phone-closed");
    ws.close();
  });
});
