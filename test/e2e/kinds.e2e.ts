/**
 * Slider and order questions in Chromium: one phone played by touch (dragging the slider's thumb and the items with a
 * finger, tapping − and +), one by keyboard only (Tab, arrow keys, Enter), a crowd of bots for the histogram, and the
 * projector asking and revealing both. Screenshots at 390×844 (phone) and 1280×800 / 1920×1080 (projector); axe on
 * every screen.
 */
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { Bot, createGame, joinMany } from "./players";
import {
  browserSession,
  expectAccessible,
  frame,
  heading,
  joinOnPhone,
  openHostScreen,
  projectorShots,
  tabTo,
} from "./session";

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

const SOUND = "How fast does sound travel through air at 20 °C?";
const PLANETS = "Put these planets in order from the Sun, nearest first.";
const ORDER = ["Mercury", "Venus", "Earth", "Mars"];

async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

/** A finger put down at `from`, moved to `to` over `steps` frames, and lifted: real touch events, as a phone sends. */
async function touchDrag(
  page: Page,
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 16,
): Promise<void> {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from.x, y: from.y }] });
  for (let i = 1; i <= steps; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
    await frame(page);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await frame(page);
}

/** The slider's value as screen readers hear it (number and unit, the no-break space between them read as one). */
async function sliderText(phone: Page): Promise<string> {
  const text = await phone.getByRole("slider", { name: "Your answer" }).getAttribute("aria-valuetext");
  return (text ?? "").replace(/\u00a0/g, " ");
}

const metres = (text: string) => Number(text.replace(/[^\d.-]/g, ""));

/** The items of the phone's order list, top to bottom. */
async function orderOnPhone(phone: Page): Promise<string[]> {
  return phone.locator(".order-list .order-label").allTextContents();
}

describe("slider and order questions", () => {
  test("played on phones by touch and by keyboard, shown on the projector", async () => {
    photographOnFailure("kinds");
    const game = await createGame(session.server.origin, {
      title: "Science club",
      questionSeconds: 120,
      revealSeconds: 0,
      questions: [
        {
          kind: "slider",
          text: SOUND,
          min: 0,
          max: 1000,
          step: 1,
          correct: 343,
          tolerance: 10,
          unit: "m/s",
          explanation: "About 343 metres per second.",
        },
        { kind: "order", text: PLANETS, items: ORDER },
      ],
    });
    const host = await openHostScreen(await newPage("projector"), session.server.origin, game);
    await see(host, "Waiting for players…");
    const touch = await joinOnPhone(session, game.code, "Tess");
    const keys = await joinOnPhone(session, game.code, "Kai");
    // Six more players, so the histogram has a shape: most near the answer, a few far off.
    const seats = await joinMany(session.server.origin, game.code, ["Ana", "Bo", "Cas", "Dee", "Eli", "Fay"]);
    const bots = await Promise.all(seats.map((s) => Bot.connect(session.server.origin, game.code, s)));
    await see(host, "8 players in");

    // ---- The slider.
    await host.getByRole("button", { name: "Start game" }).click();
    for (const p of [host, touch, keys]) await heading(p, SOUND);
    await see(host, "Players slide to a number on their phones.");
    await projectorShots(host, "kinds-question-slider", ".slider-board-scale, .countdown");
    expect(await sliderText(touch)).toBe("500 m/s");
    await expectAccessible(touch, "slider question (phone)");
    await shot(touch, "kinds-phone-slider-390x844");

    // Tess drags the thumb with her finger towards a third of the way, then taps − and + to 340 m/s.
    const cdp = await touch.context().newCDPSession(touch);
    const track = await touch.locator(".slider-input").boundingBox();
    if (!track) throw new Error("no slider");
    const thumbAt = (share: number) => ({
      x: track.x + 24 + (track.width - 48) * share,
      y: track.y + track.height / 2,
    });
    await touchDrag(touch, cdp, thumbAt(0.5), thumbAt(0.33));
    const dragged = metres(await sliderText(touch));
    expect(dragged).toBeGreaterThan(250);
    expect(dragged).toBeLessThan(420);
    for (let guard = 0; guard < 200 && metres(await sliderText(touch)) !== 340; guard++) {
      const now = metres(await sliderText(touch));
      await touch.getByRole("button", { name: now > 340 ? /^Less \(−1\sm\/s\)$/ : /^More \(\+1\sm\/s\)$/ }).tap();
    }
    expect(await sliderText(touch)).toBe("340 m/s");
    await shot(touch, "kinds-phone-slider-moved-390x844");
    await touch.getByRole("button", { name: /^Lock in 340\sm\/s$/ }).tap();
    await heading(touch, "Answer locked in");
    await see(touch, /You answered: 340\sm\/s/);
    await shot(touch, "kinds-phone-slider-locked-390x844");

    // Kai uses the keyboard alone: Tab to the slider, arrow keys down to 300, Tab to the button, Enter.
    await tabTo(keys, /^Your answer$/);
    await keys.keyboard.press("Home");
    expect(await sliderText(keys)).toBe("0 m/s");
    await keys.keyboard.press("End");
    expect(await sliderText(keys)).toBe("1,000 m/s");
    await keys.keyboard.press("Home");
    for (let i = 0; i < 30; i++) await keys.keyboard.press("ArrowRight");
    expect(await sliderText(keys)).toBe("30 m/s");
    while (metres(await sliderText(keys)) < 300) await keys.keyboard.press("PageUp");
    while (metres(await sliderText(keys)) > 300) await keys.keyboard.press("ArrowLeft");
    expect(await sliderText(keys)).toBe("300 m/s");
    await tabTo(keys, /^Lock in 300\sm\/s$/);
    await keys.keyboard.press("Enter");
    await heading(keys, "Answer locked in");

    await Promise.all(bots.map((b, i) => b.answer(0, [343, 345, 350, 331, 610, 120][i] as number)));
    await see(host, "4 of 8 got it right.");
    await heading(touch, "Correct!");
    await heading(keys, "Close!");
    await see(keys, /You were 43\sm\/s off\./);
    await see(host, "The answer:");
    await see(host, /Middle guess: 340\sm\/s/);
    expect(await host.locator(".histo-bar.right .histo-count").allTextContents()).toEqual(["5", "1"]);
    await projectorShots(
      host,
      "kinds-reveal-slider",
      ".histo-bars, .slider-answer-host, .histo-axis span, .leaderboard-row",
    );
    for (const [phone, name] of [
      [touch, "right"],
      [keys, "close"],
    ] as const) {
      await expectAccessible(phone, `slider reveal, ${name} (phone)`);
      await shot(phone, `kinds-phone-slider-reveal-${name}-390x844`);
    }

    // ---- The order.
    await host.getByRole("button", { name: "Next question" }).click();
    for (const p of [host, touch, keys]) await heading(p, PLANETS);
    await see(host, "Players put these in order on their phones.");
    await projectorShots(host, "kinds-question-order", ".order-card, .countdown");
    const shown = await orderOnPhone(touch);
    expect([...shown].sort()).toEqual([...ORDER].sort());
    expect(shown).not.toEqual(ORDER);
    await expectAccessible(touch, "order question (phone)");
    await shot(touch, "kinds-phone-order-390x844");

    // Tess drags each planet into its place with her finger, nearest the Sun first.
    for (const [place, planet] of ORDER.entries()) {
      const now = await orderOnPhone(touch);
      if (now.indexOf(planet) === place) continue;
      const item = touch.locator(".order-item", { hasText: planet });
      const target = touch.locator(".order-item").nth(place);
      const from = await item.locator(".order-label").boundingBox();
      const to = await target.boundingBox();
      if (!from || !to) throw new Error("no item box");
      await touchDrag(
        touch,
        cdp,
        { x: from.x + 20, y: from.y + from.height / 2 },
        { x: from.x + 20, y: to.y + to.height / 2 },
      );
      expect((await orderOnPhone(touch)).indexOf(planet), `${planet} dragged to place ${place + 1}`).toBe(place);
    }
    expect(await orderOnPhone(touch)).toEqual(ORDER);
    await shot(touch, "kinds-phone-order-sorted-390x844");
    await touch.getByRole("button", { name: "Lock in this order" }).tap();
    await heading(touch, "Answer locked in");
    await shot(touch, "kinds-phone-order-locked-390x844");

    // Kai: the Move up / Move down buttons from the keyboard; he swaps Venus and Earth by mistake.
    const kaiWants = ["Mercury", "Earth", "Venus", "Mars"];
    for (const [place, planet] of kaiWants.entries()) {
      for (let guard = 0; guard < 6; guard++) {
        const at = (await orderOnPhone(keys)).indexOf(planet);
        if (at === place) break;
        const label = `Move ${planet} ${at > place ? "up" : "down"}`;
        const focused = await keys.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
        if (focused !== label) await keys.getByRole("button", { name: label }).focus();
        await keys.keyboard.press("Enter");
        await see(keys, `${planet}: now ${(await orderOnPhone(keys)).indexOf(planet) + 1} of 4.`);
      }
    }
    expect(await orderOnPhone(keys)).toEqual(kaiWants);
    await tabTo(keys, /^Lock in this order$/);
    await keys.keyboard.press("Enter");
    await heading(keys, "Answer locked in");

    await Promise.all(bots.map((b, i) => b.answer(1, i < 4 ? ORDER : ["Venus", "Mercury", "Earth", "Mars"])));
    await see(host, "5 of 8 got the order right.");
    await heading(touch, "Correct!");
    await heading(keys, "Not quite");
    await see(keys, "The right order:");
    expect(await host.locator(".order-results .choice-label").allTextContents()).toEqual(ORDER);
    expect(await host.locator(".order-results .bar-count").allTextContents()).toEqual(["6", "5", "7", "8"]);
    await projectorShots(
      host,
      "kinds-reveal-order",
      ".order-results .bar-label, .order-results .bar-count, .leaderboard-row",
    );
    await expectAccessible(keys, "order reveal, wrong (phone)");
    await shot(keys, "kinds-phone-order-reveal-wrong-390x844");
    await shot(touch, "kinds-phone-order-reveal-right-390x844");
    await cdp.detach();
    for (const b of bots) b.close();
    expect(problems.flat()).toEqual([]);
  });
});
