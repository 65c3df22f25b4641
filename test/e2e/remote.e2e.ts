/**
 * A phone as the host's remote, in Chromium: the big screen (1280×800 and 1920×1080) shows a pairing QR only when the
 * host asks; a second browser context (a phone at 390×844) opens its address, pairs once and gets its own seat (the
 * host's token never leaves the big screen), and then runs the game from the phone while the big screen follows:
 * start, skip the countdown, pause, skip to the answer, lock, the player list with a confirmed removal, the end. A
 * third phone with the same code is refused. The host revokes the remote, which stops at once. Screenshots of each
 * new screen; axe on each.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { Bot, createGame, joinMany } from "./players";
import { LAN_ADDRESS, viaLoopback } from "./server";
import { browserSession, expectAccessible, heading, openHostScreen } from "./session";

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

describe("the remote", () => {
  test("pairs once from the big screen's QR, runs the game from a phone, and stops when revoked", async () => {
    photographOnFailure("remote");
    const game = await createGame(session.server.origin, {
      // The longest lead-in, so that "Skip countdown" is still there to press on a busy machine (the test skips it).
      readSeconds: 10,
      questionSeconds: 60,
      revealSeconds: 0,
      questions: [
        { text: "Which is the largest ocean?", choices: ["Pacific", "Atlantic", "Indian"], correct: 0 },
        { text: "Which gas do plants take in?", choices: ["Carbon dioxide", "Oxygen", "Helium"], correct: 0 },
      ],
    });
    const bigScreen = await newPage("projector");
    // The big screen's clock can be moved on, to see a pairing code's minute run out without waiting for it.
    await bigScreen.clock.install();
    const host = await openHostScreen(bigScreen, session.server.origin, game);
    const seats = await joinMany(session.server.origin, game.code, ["Ada", "Bob", "Cy", "Dee"]);
    const bots = await Promise.all(seats.map((s) => Bot.connect(session.server.origin, game.code, s)));
    await see(host, "4 players in");

    // No code until the host asks; then a QR with a one-time code, never the host's token.
    await host.keyboard.press("r");
    const dialog = host.getByRole("dialog", { name: "Remote" });
    await dialog.getByRole("button", { name: "Pair a phone" }).waitFor();
    expect(await dialog.getByRole("img").count()).toBe(0);
    await projectorShots(host, "remote-dialog");
    await expectAccessible(host, "the Remote dialog");
    await dialog.getByRole("button", { name: "Pair a phone" }).click();
    const qr = dialog.getByRole("img", { name: /QR code for .*\/remote\// });
    await qr.waitFor();
    const firstUrl = ((await qr.getAttribute("aria-label")) ?? "").replace(/^QR code for /, "");

    // A minute later the code is gone from the big screen; a new one replaces it, and the old one pairs nobody.
    await host.clock.fastForward(61_000);
    await qr.waitFor({ state: "detached" });
    await dialog.getByText("That code has expired.").waitFor();
    await projectorShots(host, "remote-code-expired");
    await dialog.getByRole("button", { name: "Show a new code" }).click();
    await qr.waitFor();
    expect(await qr.getAttribute("aria-label")).not.toBe(`QR code for ${firstUrl}`);
    const late = await phone();
    await late.goto(viaLoopback(firstUrl, session.server));
    await heading(late, "Not paired");
    await see(late, "That pairing code doesn't belong to this game.");
    const url = ((await qr.getAttribute("aria-label")) ?? "").replace(/^QR code for /, "");
    expect(url).toMatch(new RegExp(`^http://${LAN_ADDRESS}:${session.server.port}/remote/${game.code}#[\\w-]{22}$`));
    expect(url).not.toContain(game.hostToken.slice(2));
    await see(host, /Works once · \d+ s left/);
    await projectorShots(host, "remote-pairing-qr");
    await expectAccessible(host, "the pairing QR");

    // The phone opens it: paired, the code gone from its address, the QR gone from the big screen.
    const remote = await phone();
    await remote.goto(viaLoopback(url, session.server));
    await heading(remote, "Lobby");
    expect(new URL(remote.url()).hash).toBe("");
    const seat = await remote.evaluate((code) => localStorage.getItem(`trivia-edge:remote:${code}`), game.code);
    expect(JSON.parse(seat ?? "{}").token).toMatch(/^r\./);
    expect(await remote.evaluate((code) => localStorage.getItem(`trivia-edge:host:${code}`), game.code)).toBeNull();
    await qr.waitFor({ state: "detached" });
    await dialog.getByRole("list", { name: "Paired phones" }).getByText("connected", { exact: true }).waitFor();
    await see(remote, "4 players in");
    await shot(remote, "remote-lobby-390x844");
    await expectAccessible(remote, "the remote's lobby");
    await projectorShots(host, "remote-paired");
    await dialog.getByRole("button", { name: "Close" }).click();
    await host.getByRole("button", { name: "Remote, 1 paired" }).waitFor();

    // Single use: another phone with the same address gets a clear refusal.
    const thief = await phone();
    await thief.goto(viaLoopback(url, session.server));
    await heading(thief, "Not paired");
    await see(thief, "That pairing code has already paired a phone.");
    await shot(thief, "remote-code-used-390x844");
    await expectAccessible(thief, "a used pairing code");

    // The phone runs the game; the big screen follows.
    await remote.getByRole("button", { name: "Lock joining" }).click();
    await see(host, "Locked");
    await remote.getByRole("button", { name: "Start game" }).click();
    await heading(remote, "Get ready: question 1 of 2");
    await see(host, "Get ready");
    await shot(remote, "remote-get-ready-390x844");
    await remote.getByRole("button", { name: "Skip countdown" }).click();
    await heading(remote, "Question 1 of 2");
    await host.locator(".choice-board").waitFor();
    await Promise.all(bots.slice(0, 2).map((b) => b.answer(0, "Pacific")));
    await see(remote, "2 of 4 answered");
    await remote.getByRole("button", { name: "Pause" }).click();
    await see(host, "Paused");
    await shot(remote, "remote-question-390x844");
    await expectAccessible(remote, "the remote during a question");
    await remote.getByRole("button", { name: "Resume" }).click();
    await host.getByText("Paused", { exact: true }).waitFor({ state: "detached" });
    await remote.getByRole("button", { name: "Skip to answer" }).click();
    await see(host, "2 of 4 got it right.");
    await see(remote, "2 of 4 got it right");

    // The player list from the phone: names in plain view there, a removal asked first.
    await remote.getByRole("button", { name: "Players" }).click();
    await heading(remote, "Players");
    await remote.getByText("4 players").waitFor();
    await shot(remote, "remote-players-390x844");
    await expectAccessible(remote, "the remote's player list");
    await remote.getByRole("button", { name: "Remove Dee" }).click();
    await remote.getByText(/their device can't join it again/).waitFor();
    await shot(remote, "remote-remove-confirm-390x844");
    await remote.getByRole("button", { name: "Yes, remove" }).click();
    await see(host, "3 players");
    await remote.getByRole("button", { name: "Back to the controls" }).click();

    await remote.getByRole("button", { name: "Next question" }).click();
    await heading(remote, "Get ready: question 2 of 2");
    await heading(host, "Which gas do plants take in?");

    // Revoked from the big screen: the phone stops at once and says so; a reload does not bring it back.
    await host.getByRole("button", { name: "Remote, 1 paired" }).click();
    await dialog.getByRole("button", { name: /^Revoke / }).click();
    await heading(remote, "Remote turned off");
    await see(remote, "The host turned this phone's remote off.");
    await shot(remote, "remote-revoked-390x844");
    await expectAccessible(remote, "a revoked remote");
    await dialog.getByText("None yet.").waitFor();
    await remote.reload();
    await heading(remote, "Not paired");
    // The game goes on from the big screen.
    await dialog.getByRole("button", { name: "Close" }).click();
    await host.getByRole("button", { name: "Skip countdown" }).click();
    await host.locator(".choice-board").waitFor();
    for (const b of bots) b.close();
    expect(problems.flat()).toEqual([]);
  });
});
