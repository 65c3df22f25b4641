/**
 * A team game in Chromium: the host picks teams on the home form, the big screen's lobby shows the teams with their
 * members and fits, the host moves a player with the keyboard alone (the player's phone says its new team), the
 * reveal shows the teams first, the final the teams' podium then the players, and the phone "your team: 1st".
 * Screenshots at 1280×800 and 1920×1080 (projector) and 390×844 (phone); axe on every screen.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { Bot, createGame, joinMany } from "./players";
import {
  browserSession,
  expectAccessible,
  heading,
  joinOnPhone,
  openHostScreen,
  projectorShots,
  tabTo,
} from "./session";

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

describe("team mode", () => {
  test("a team game from the home form to the teams' podium", async () => {
    photographOnFailure("teams");
    const host = await newPage("projector");
    await host.goto(`${session.server.origin}/`);
    await heading(host, "Quiz night, live.");
    await host.waitForFunction(() => (document.querySelector("select")?.options.length ?? 0) > 1);
    await host.getByLabel("Category").selectOption({ index: 1 });
    await host.getByLabel("Questions").fill("2");
    await host.getByLabel("Play in teams").selectOption("3");
    await host.getByRole("radio", { name: "Wait for me to press Next" }).check();
    await host.getByLabel("Seconds to read first").fill("0");
    await host.getByRole("button", { name: "Create game" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);
    for (const team of ["Orange Otters", "Sky Swallows", "Green Geckos"]) {
      await host.getByRole("region", { name: team }).waitFor();
    }

    // Two phones and a crowd of bots: joins alone keep the teams within one player of each other.
    const kai = await joinOnPhone(session, code, "Kai");
    const tess = await joinOnPhone(session, code, "Tess");
    await see(kai, "Your team:");
    expect(await kai.locator(".my-team").textContent()).toContain("Orange Otters");
    expect(await tess.locator(".my-team").textContent()).toContain("Sky Swallows");
    const names = ["Ana", "Bo", "Cas", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Lu", "Mo", "Ned"];
    const seats = await joinMany(session.server.origin, code, names);
    const bots = await Promise.all(seats.map((s) => Bot.connect(session.server.origin, code, s)));
    await see(host, "15 players in");
    const sizes = await host.locator(".team-size").allTextContents();
    expect(sizes.map((s) => Number.parseInt(s, 10))).toEqual([5, 5, 5]);
    await projectorShots(host, "teams-lobby", ".join-code, .qr, .team-title, .team-members .chip");
    await expectAccessible(kai, "phone lobby with a team");
    await shot(kai, "teams-phone-lobby-390x844");

    // The host moves Kai to the Green Geckos with the keyboard alone; Kai's phone says so.
    await host.locator("body").focus();
    await tabTo(host, /^Move, hide or remove Kai$/);
    await host.keyboard.press("Enter");
    const dialog = host.getByRole("dialog", { name: "Kai" });
    await dialog.waitFor();
    await expectAccessible(host, "move dialog");
    await shot(host, "teams-move-dialog-1280x800");
    await tabTo(host, /Green Geckos/);
    await host.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => kai.locator(".my-team").textContent()).toContain("Green Geckos");
    await expect
      .poll(async () => (await host.locator(".team-size").allTextContents()).map((s) => Number.parseInt(s, 10)))
      .toEqual([4, 5, 6]);
    await expect.poll(() => host.getByRole("region", { name: "Green Geckos" }).getByText("Kai").count()).toBe(1);

    // Question 1: the phones tap the first answer; the bots answer whatever is first too.
    await host.getByRole("button", { name: "Start game" }).click();
    await see(kai, "Question 1 of 2");
    for (const phone of [kai, tess]) await phone.locator(".choice-grid button.choice").first().click();
    await Promise.all(
      bots.map(async (bot) => {
        const q = (await bot.next((m) => m.type === "question" && m.index === 0)) as { choices?: string[] };
        await bot.answer(0, q.choices?.[bots.indexOf(bot) % (q.choices?.length ?? 1)] ?? "");
      }),
    );
    await see(host, "Teams");
    const teamRows = host.locator(".team-standings .leaderboard-row");
    expect(await teamRows.count()).toBe(3);
    // Every team row names its team beside its colour.
    for (const row of await teamRows.all()) expect(await row.locator(".team-name").textContent()).toMatch(/\w+ \w+/);
    await projectorShots(host, "teams-reveal", ".team-standings .leaderboard-row, .bar-row");
    await see(kai, "Your team:");
    expect(await kai.locator(".my-team").last().textContent()).toMatch(/Green Geckos · (1st|2nd|3rd) of 3/);
    await expectAccessible(kai, "phone reveal with a team");
    await shot(kai, "teams-phone-reveal-390x844");

    // End the game: the teams' podium, then the teams' and the players' tables.
    await host.getByRole("button", { name: "Next question" }).click();
    await see(kai, "Question 2 of 2");
    await host.getByRole("button", { name: "End game" }).click();
    await host.getByRole("button", { name: "Yes, end it" }).click();
    await heading(host, "Final results");
    await host.getByRole("list", { name: "Teams' podium" }).or(host.getByText("No team scored any points")).waitFor();
    await host.getByRole("region", { name: "Teams" }).waitFor();
    await projectorShots(host, "teams-final", ".team-standings .leaderboard-row, .final-title");
    await expect
      .poll(() => kai.locator(".finished-player .my-team").textContent())
      .toMatch(/Green Geckos · \d\w\w of 3/);
    await expectAccessible(kai, "phone end with a team");
    await shot(kai, "teams-phone-final-390x844");

    // The standings dialog lists each player's team.
    await host.getByRole("button", { name: "All standings" }).click();
    const standings = host.getByRole("dialog", { name: "All standings" });
    await standings.getByRole("columnheader", { name: "Team" }).waitFor();
    await expect.poll(() => standings.getByRole("row", { name: /Kai/ }).textContent()).toContain("Green Geckos");
    await expectAccessible(host, "standings with teams");
    for (const bot of bots) bot.close();
    expect(problems.flat()).toEqual([]);
  });

  test("eight teams and a lecture hall still fit the big screen's lobby", async () => {
    photographOnFailure("teams-eight");
    const game = await createGame(session.server.origin, { questionCount: 1, teams: 8 });
    const host = await openHostScreen(await newPage("projector"), session.server.origin, game);
    await host.getByRole("region", { name: "Silver Wolves" }).waitFor();
    const names = Array.from({ length: 240 }, (_, i) => `Player ${String(i + 1).padStart(3, "0")}`);
    await joinMany(session.server.origin, game.code, names);
    await see(host, "240 players in");
    await expect
      .poll(async () => (await host.locator(".team-size").allTextContents()).map((s) => Number.parseInt(s, 10)))
      .toEqual([30, 30, 30, 30, 30, 30, 30, 30]);
    // Each column shows as many whole names as fit and says how many more there are.
    await see(host, /^\+\d+ more$/);
    await projectorShots(host, "teams-lobby-eight", ".join-code, .qr, .team-title, .team-members .chip");
    expect(problems.flat()).toEqual([]);
  });
});
