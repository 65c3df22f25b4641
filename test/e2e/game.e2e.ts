/**
 * The whole game through the browser: one host on a projector-sized screen and three players on phone-sized
 * screens, each in its own browser context (own storage, own socket), against the built site served locally.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { LAN_ADDRESS, startServer } from "./server";
import { browserSession, expectAccessible, heading, openHostScreen, tabTo } from "./session";

// Names are at most 24 characters, so the player name is the shorter classic; the longer one is the game's title
// and sits in a question, where it must show as text too.
const XSS_NAME = "<svg onload=alert(1)>";
const XSS_TITLE = "<img src=x onerror=alert(1)>";

async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

function choice(page: Page, label: string) {
  return page.getByRole("button", { name: new RegExp(`: ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
}

async function myScore(page: Page): Promise<number> {
  const text = await page.locator(".me-score").textContent();
  return Number((text ?? "").replace(/\D/g, ""));
}

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

async function openAsHost(game: { code: string; hostToken: string; joinUrl: string }): Promise<Page> {
  return openHostScreen(await newPage("projector"), session.server.origin, game);
}

describe("in the browser", () => {
  test("a host sets up a game from the home screen; joining, locking and kicking work", async () => {
    photographOnFailure("lobby");
    const host = await newPage("projector");
    await host.goto(`${session.server.origin}/`);
    await heading(host, "Quiz night, live.");
    // Categories arrive from GET /api/categories.
    await host.waitForFunction(
      () => (document.querySelector<HTMLSelectElement>("main select")?.options.length ?? 0) > 1,
    );
    await expectAccessible(host, "home (projector)");
    await shot(host, "home-desktop");
    const categoryLabel = await host.locator("main select").first().locator("option").nth(1).textContent();
    await host.getByLabel("Category").selectOption({ index: 1 });
    await host.getByLabel("Questions").fill("3");
    await host.getByRole("button", { name: "Create game" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);
    await see(host, "Waiting for players…");
    // This browser is on 127.0.0.1; the link and QR code name the LAN address npm start found (never opened here).
    const lanLink = `${LAN_ADDRESS}:${session.server.port}/join/${code}`;
    await see(host, lanLink);
    await host.getByRole("img", { name: `QR code for http://${lanLink}` }).waitFor();
    expect(await host.getByRole("note").count()).toBe(0);
    expect(categoryLabel).toBeTruthy();

    const phone = await newPage("phone");
    await phone.goto(`${session.server.origin}/`);
    await expectAccessible(phone, "home (phone)");
    await shot(phone, "player-home");
    // A wrong code is caught before a name is typed.
    await phone.goto(`${session.server.origin}/join/999999`);
    await see(phone, "There is no game with that code");
    await expectAccessible(phone, "join with an unknown code");
    await shot(phone, "player-join-unknown-code");

    await phone.goto(`${session.server.origin}/join/${code}`);
    await see(phone, /Game found/);
    await phone.getByLabel("Your name").fill("Dora");
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await heading(phone, "You're in!");
    await see(host, "Dora");

    await host.getByRole("button", { name: "Lock joining" }).click();
    await see(host, "Locked");
    const late = await newPage("phone");
    await late.goto(`${session.server.origin}/join/${code}`);
    await see(late, "The host has locked this game");
    await shot(late, "player-join-locked");
    await host.getByRole("button", { name: "Unlock joining" }).click();
    await host.getByText("Locked", { exact: true }).waitFor({ state: "detached" });

    await host.getByRole("button", { name: "Hide or remove Dora" }).click();
    await host.getByRole("button", { name: "Remove from the game" }).click();
    await host.getByRole("button", { name: "Yes, remove" }).click();
    await heading(phone, "You were removed");
    await see(phone, "The host removed you from this game.");
    await shot(phone, "player-kicked");
    await see(host, "Waiting for players…");
    expect(await host.getByRole("button", { name: "Start game" }).isDisabled()).toBe(true);
    await expectAccessible(phone, "removed player");

    // A copy of the site on another origin (built with VITE_API_ORIGIN) may call the API.
    const preflight = await fetch(`${session.server.origin}/api/games/${code}/players`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://static.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const info = await fetch(`${session.server.origin}/api/games/${code}`, {
      headers: { Origin: "https://static.example" },
    });
    expect(info.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("a full game of every question kind, with a reload on each side and an XSS-looking name", async () => {
    photographOnFailure("game");
    const res = await fetch(`${session.server.origin}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: XSS_TITLE,
        questionSeconds: 60,
        revealSeconds: 0,
        questions: [
          {
            kind: "choice",
            text: "Which planet is known as the Red Planet?",
            choices: ["Mars", "Venus", "Jupiter", "Saturn"],
            correct: 0,
            explanation: "Iron oxide dust gives Mars its colour.",
          },
          { kind: "multi", text: "Which of these numbers are even?", choices: ["2", "3", "4", "5"], correct: [0, 2] },
          { kind: "type", text: "What is the capital of France?", accepted: ["Paris"] },
          { kind: "truefalse", text: "The Pacific is the largest ocean on Earth.", correct: true, double: true },
          {
            kind: "poll",
            text: "Which season do you like best?",
            choices: ["Spring", "Summer", "Autumn", XSS_TITLE],
          },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const game = (await res.json()) as { code: string; hostToken: string; joinUrl: string };

    // The host's browser is the one that created the game: its token sits in localStorage.
    const host = await openAsHost(game);
    await see(host, XSS_TITLE);
    await see(host, "Waiting for players…");

    // Ada pastes the whole join link into the home screen.
    const ada = await newPage("phone");
    await ada.goto(`${session.server.origin}/`);
    await ada.getByLabel("Game code or link").fill(`${session.server.origin}/join/${game.code}`);
    await ada.getByRole("button", { name: "Join", exact: true }).click();
    await ada.waitForURL(`**/join/${game.code}`);
    await ada.getByLabel("Your name").fill("Ada");
    await ada.getByRole("button", { name: "Join", exact: true }).click();
    await heading(ada, "You're in!");

    // Ben opens the shared /join/:code link, re-rolls the suggested name once and takes it.
    const ben = await newPage("phone");
    await ben.goto(`${session.server.origin}/join/${game.code}`);
    expect(await ben.getByLabel("Game code").inputValue()).toBe(game.code);
    await see(ben, /Game found/);
    await expectAccessible(ben, "join screen");
    await shot(ben, "player-join");
    const before = await ben.locator(".suggest-row strong").textContent();
    await ben.getByRole("button", { name: "Another name" }).click();
    const benName = (await ben.locator(".suggest-row strong").textContent()) ?? "";
    expect(benName).not.toBe(before);
    await ben.getByRole("button", { name: `Join as ${benName}` }).click();
    await heading(ben, "You're in!");
    await see(ben, benName);

    // Cy's name looks like markup; it must show as text everywhere and never run.
    const cy = await newPage("phone");
    await cy.goto(`${session.server.origin}/join/${game.code}`);
    await cy.getByLabel("Your name").fill(XSS_NAME);
    await cy.getByRole("button", { name: "Join", exact: true }).click();
    await heading(cy, "You're in!");
    await see(cy, XSS_NAME);

    await see(host, "3 players in");
    await see(host, XSS_NAME);
    for (const page of [host, cy]) {
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator("main svg[onload]").count()).toBe(0);
    }
    await expectAccessible(host, "host lobby");
    await expectAccessible(ada, "player lobby");
    await shot(host, "host-lobby");
    await shot(ada, "player-lobby");

    // Question 1: one choice.
    await host.getByRole("button", { name: "Start game" }).click();
    const q1 = "Which planet is known as the Red Planet?";
    for (const p of [host, ada, ben, cy]) await heading(p, q1);
    await see(host, "of 3 answered");
    await expectAccessible(host, "host question");
    await expectAccessible(ada, "player question");
    await shot(host, "host-question-choice");
    await shot(ada, "player-question-choice");
    await choice(ada, "Mars").click();
    await heading(ada, "Answer locked in");
    await see(ada, "You answered: Mars");
    await expectAccessible(ada, "player answer locked");
    await shot(ada, "player-locked");
    await see(host, /^1$/);
    await choice(ben, "Venus").click();
    await choice(cy, "Mars").click();
    await see(host, "2 of 3 got it right.");
    await heading(ada, "Correct!");
    await heading(ben, "Not quite");
    await see(ben, "Mars");
    await heading(cy, "Correct!");
    await see(ada, "Iron oxide dust gives Mars its colour.");
    await expectAccessible(host, "host reveal");
    await expectAccessible(ada, "player reveal (right)");
    await expectAccessible(ben, "player reveal (wrong)");
    await shot(host, "host-reveal-choice");
    await shot(ada, "player-reveal-right");
    await shot(ben, "player-reveal-wrong");
    const cyScore = await myScore(cy);
    expect(cyScore).toBeGreaterThan(0);

    // Question 2: pick a set. Cy reloads mid-question and comes back with the same score, still able to answer.
    await host.getByRole("button", { name: "Next question" }).click();
    const q2 = "Which of these numbers are even?";
    for (const p of [host, ada, ben, cy]) await heading(p, q2);
    // (Cy reloads before the others answer: a question closes early once every connected player has answered.)
    await cy.reload();
    await heading(cy, q2);
    expect(await myScore(cy)).toBe(cyScore);
    await shot(ada, "player-question-multi");
    await choice(ada, "2").click();
    await choice(ada, "4").click();
    await ada.getByRole("button", { name: "Submit 2 answers" }).click();
    await heading(ada, "Answer locked in");
    await choice(ben, "2").click();
    await ben.getByRole("button", { name: "Submit 1 answer" }).click();
    await heading(ben, "Answer locked in");
    await choice(cy, "2").click();
    await choice(cy, "4").click();
    await cy.getByRole("button", { name: "Submit 2 answers" }).click();
    await see(host, "2 of 3 got it right.");
    await heading(cy, "Correct!");
    await shot(host, "host-reveal-multi");

    // Question 3: typed. The host reloads first and is back in control.
    await host.getByRole("button", { name: "Next question" }).click();
    const q3 = "What is the capital of France?";
    await heading(ada, q3);
    await host.reload();
    await heading(host, q3);
    await see(host, "Players are typing their answers.");
    await shot(host, "host-question-type");
    await ada.getByLabel("Type your answer").fill("paris");
    await shot(ada, "player-question-type");
    await ada.getByRole("button", { name: "Submit answer" }).click();
    await ben.getByLabel("Type your answer").fill("Lyon");
    await ben.getByRole("button", { name: "Submit answer" }).click();
    await cy.getByLabel("Type your answer").fill("  PARIS ");
    await cy.getByRole("button", { name: "Submit answer" }).click();
    await see(host, "2 of 3 got it right.");
    await see(host, "Accepted:");
    await see(ben, "Paris");
    await expectAccessible(host, "host reveal (typed)");
    await shot(host, "host-reveal-type");

    // Question 4: true/false, double points, paused and resumed on the way.
    await host.getByRole("button", { name: "Next question" }).click();
    const q4 = "The Pacific is the largest ocean on Earth.";
    for (const p of [host, ada, ben, cy]) await heading(p, q4);
    await see(ada, "Double points");
    await host.getByRole("button", { name: "Pause" }).click();
    await see(ada, "Paused by the host");
    expect(await choice(ada, "True").isDisabled()).toBe(true);
    await shot(host, "host-paused");
    await shot(ada, "player-paused");
    await host.getByRole("button", { name: "Resume" }).click();
    await ada.getByText("Paused by the host").waitFor({ state: "detached" });
    await choice(ada, "True").click();
    // Ben uses the keyboard only.
    await tabTo(ben, /: False$/);
    await ben.keyboard.press("Enter");
    await heading(ben, "Answer locked in");
    await choice(cy, "True").click();
    await see(host, "2 of 3 got it right.");

    // Question 5: a poll has no right answer. The host moves on from the keyboard.
    await tabTo(host, /^Next question$/);
    await host.keyboard.press("Enter");
    const q5 = "Which season do you like best?";
    for (const p of [host, ada, ben, cy]) await heading(p, q5);
    await choice(ada, "Summer").click();
    await see(ben, XSS_TITLE);
    await choice(ben, XSS_TITLE).click();
    await choice(cy, "Summer").click();
    await see(host, "3 of 3 voted.");
    await heading(ada, "Thanks for voting");
    await shot(host, "host-reveal-poll");
    await shot(ada, "player-reveal-poll");

    // The end: podium and standings on the big screen, each player's own place on the phones.
    await host.getByRole("button", { name: "Final results" }).click();
    await heading(host, "Final results");
    await see(host, "Top 10");
    await heading(ben, "You finished 3rd");
    await see(ben, "0 points");
    for (const p of [ada, cy]) await heading(p, /You won!|You finished 2nd/);
    expect(await host.locator(".lb-name", { hasText: XSS_NAME }).count()).toBe(1);
    expect(await host.locator('img[src="x"]').count()).toBe(0);
    await expectAccessible(host, "host final");
    // Everyone's place is one button away.
    await host.getByRole("button", { name: "All standings" }).click();
    await host.locator("td.name-cell", { hasText: XSS_NAME }).waitFor();
    expect(await host.locator('img[src="x"]').count()).toBe(0);
    await host.getByRole("button", { name: "Close" }).click();
    await expectAccessible(ada, "player final");
    await host.waitForTimeout(300);
    await shot(host, "host-final");
    await shot(ada, "player-final");
    await shot(ben, "player-final-3rd");

    expect(problems.flat()).toEqual([]);
  });

  test("the server restarts mid-question: everyone sees Reconnecting…, then carries on where they were", async () => {
    photographOnFailure("restart");
    const res = await fetch(`${session.server.origin}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        questionSeconds: 120,
        revealSeconds: 0,
        questions: [
          { text: "How many legs does a spider have?", choices: ["6", "8", "10"], correct: 1 },
          {
            text: "What colour do you get by mixing blue and yellow?",
            choices: ["Green", "Purple", "Orange"],
            correct: 0,
          },
        ],
      }),
    });
    const game = (await res.json()) as { code: string; hostToken: string; joinUrl: string };
    const host = await openAsHost(game);
    const players: Page[] = [];
    for (const name of ["Uma", "Vic"]) {
      const p = await newPage("phone");
      await p.goto(`${session.server.origin}/join/${game.code}`);
      await p.getByLabel("Your name").fill(name);
      await p.getByRole("button", { name: "Join", exact: true }).click();
      await heading(p, "You're in!");
      players.push(p);
    }
    const [uma, vic] = players as [Page, Page];
    await see(host, "2 players in");
    await host.getByRole("button", { name: "Start game" }).click();
    const q1 = "How many legs does a spider have?";
    await heading(uma, q1);
    await choice(uma, "8").click();
    await heading(uma, "Answer locked in");
    await see(host, /^1$/);

    await session.server.stop({ keepState: true });
    for (const p of [host, uma, vic]) await see(p, "Reconnecting…");
    await shot(uma, "player-reconnecting");
    await shot(host, "host-reconnecting");
    expect(await choice(vic, "8").isDisabled()).toBe(true);

    session.server = await startServer({ port: session.server.port, stateDir: session.server.stateDir });
    for (const p of [host, uma, vic])
      await p.getByText("Reconnecting…").waitFor({ state: "detached", timeout: 30_000 });
    await heading(uma, "Answer locked in");
    await heading(vic, q1);
    await see(host, /^1$/);
    await choice(vic, "6").click();
    await heading(uma, "Correct!");
    await heading(vic, "Not quite");
    await see(host, "1 of 2 got it right.");
  });
});
