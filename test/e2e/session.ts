/**
 * What every whole-game browser test file sets up the same way: one local server and one browser for the file, a
 * fresh context (own storage, own socket) per page, every page's uncaught errors and dialogs kept for assertions,
 * and a photograph of every open page when a test fails.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFailed } from "vitest";
import { launch, openPage, PHONE, PROJECTOR, seriousViolations, shot } from "./browser";
import { type RunningServer, startServer } from "./server";

export interface BrowserSession {
  /** Replaceable, so a test can restart the server on the same port and state. */
  server: RunningServer;
  /** One list per opened page. */
  readonly problems: string[][];
  newPage(kind: "phone" | "projector"): Promise<Page>;
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
    async newPage(kind) {
      const context = await browser.newContext({ ...(kind === "phone" ? PHONE : PROJECTOR), reducedMotion: "reduce" });
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
