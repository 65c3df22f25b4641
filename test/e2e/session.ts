/**
 * What every whole-game browser test file sets up the same way: one local server and one browser for the file, a
 * fresh context (own storage, own socket) per page, every page's uncaught errors and dialogs kept for assertions,
 * and a photograph of every open page when a test fails.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFailed } from "vitest";
import { launch, openPage, PHONE, PROJECTOR, seriousViolations, shot } from "./browser";
import { measureFit } from "./fit";
import { type RunningServer, startServer } from "./server";

export interface BrowserSession {
  /** Replaceable, so a test can restart the server on the same port and state. */
  server: RunningServer;
  /** One list per opened page. */
  readonly problems: string[][];
  /** `options` go to the page's own context on top of the kind's (say a browser `locale`, or another viewport). */
  newPage(kind: "phone" | "projector", options?: BrowserContextOptions): Promise<Page>;
  /** On a failure, every open page is photographed, so the screen each person saw is there to look at. */
  photographOnFailure(name: string): void;
}

/** Call at the top of a test file: starts the server and browser before its tests and closes both after. */
export function browserSession(): BrowserSession {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const session: BrowserSession = {
    server: undefined as unknown as RunningServer,
    problems: [],
    async newPage(kind, options) {
      const context = await browser.newContext({
        ...(kind === "phone" ? PHONE : PROJECTOR),
        reducedMotion: "reduce",
        ...options,
      });
      contexts.push(context);
      const opened = await openPage(context);
      session.problems.push(opened.problems);
      pages.push(opened.page);
      return opened.page;
    },
    photographOnFailure(name) {
      onTestFailed(async () => {
        await Promise.all(pages.map((p, i) => (p.isClosed() ? null : shot(p, `failed-${name}-${i}`).catch(() => {}))));
      });
    },
  };
  beforeAll(async () => {
    [session.server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await session.server?.stop();
  });
  return session;
}

export async function heading(page: Page, name: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByRole("heading", { name, level: 1 }).waitFor({ state: "visible", timeout });
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

/**
 * Opens the host screen of a game made through the API in `page`, with the host's token where the home screen would
 * have put it (this browser then is the one that created the game).
 */
export async function openHostScreen(
  page: Page,
  origin: string,
  game: { code: string; hostToken: string; joinUrl: string },
): Promise<Page> {
  await page.goto(`${origin}/`);
  await page.evaluate(
    ([code, seat]) => localStorage.setItem(`trivia-edge:host:${code}`, seat as string),
    [game.code, JSON.stringify({ token: game.hostToken, joinUrl: game.joinUrl })],
  );
  await page.goto(`${origin}/host/${game.code}`);
  return page;
}

/** Moves focus with the Tab key alone until the element with this accessible label (or text) has it. */
export async function tabTo(page: Page, label: RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute("aria-label") ?? el.textContent ?? "") : "";
    });
    if (label.test(focused)) return;
  }
  throw new Error(`Tab never reached ${label}`);
}

/** Waits for the page to paint a frame (a finger moves once per frame; a resized screen refits in one). */
export function frame(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(null))));
}

/** The projector sizes every big-screen test photographs. */
export const PROJECTOR_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/**
 * The big screen at each projector size: it must fit (fit.ts `measureFit`, with `boxes` wholly in view), and is
 * photographed as `<name>-<width>x<height>`; then axe.
 */
export async function projectorShots(host: Page, name: string, boxes: string): Promise<void> {
  for (const size of PROJECTOR_SIZES) {
    await host.setViewportSize(size);
    await frame(host);
    await frame(host);
    expect((await measureFit(host, boxes)).problems, `${name} at ${size.width}×${size.height}`).toEqual([]);
    await shot(host, `${name}-${size.width}x${size.height}`);
  }
  await expectAccessible(host, name);
}

/** A phone (390×844) joins game `code` as `name` from the join page, and is in the lobby. */
export async function joinOnPhone(session: BrowserSession, code: string, name: string): Promise<Page> {
  const phone = await session.newPage("phone");
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${session.server.origin}/join/${code}`);
  await phone.getByLabel("Your name").fill(name);
  await phone.getByRole("button", { name: "Join", exact: true }).click();
  await heading(phone, "You're in!");
  return phone;
}
