/**
 * The app in each of its languages, in Chromium with the browser's own language set (`locale`): the home, join,
 * question and reveal screens read in that language on the phone and on the big screen; the switcher changes the
 * language on the spot and the choice is remembered on that device only (the host's language never reaches the
 * players); `<html lang>` follows; axe is clean; and the big screen still fits at projector sizes with the longer
 * words of German or French. Screenshots of each screen at phone (390×844) and projector (1280×800, 1920×1080) sizes.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { measureFit } from "./fit";
import { createGame } from "./players";
import { browserSession, expectAccessible, heading, openHostScreen } from "./session";

type Catalog = Record<string, Record<string, string | Record<string, string>>>;
const catalog = (code: string): Catalog =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../web/src/i18n/locales/${code}.json`), "utf8"));

const PHONE_SIZE = { viewport: { width: 390, height: 844 } };
const PROJECTOR_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** What each language must say, written out here (not read from its file), so a broken catalog shows. */
const LANGUAGES = [
  {
    code: "es",
    browser: "es-ES",
    home: "Noche de preguntas, en directo.",
    join: "Unirse a una partida",
    start: "Empezar la partida",
  },
  { code: "de", browser: "de-DE", home: "Quizabend, live.", join: "Einem Spiel beitreten", start: "Spiel starten" },
  {
    code: "fr",
    browser: "fr-FR",
    home: "Soirée quiz, en direct.",
    join: "Rejoindre une partie",
    start: "Lancer la partie",
  },
] as const;

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const text = (t: Catalog, component: string, key: string): string => {
  const value = t[component]?.[key];
  if (typeof value !== "string") throw new Error(`${component}.${key} is not a plain message`);
  return value;
};
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/**
 * The big screen at both projector sizes: nothing overflows or hides under the controls, and every control (longer
 * in German or French; the bar may wrap onto a second row) is wholly in the window. A photograph of each.
 */
async function fitsOnProjector(host: Page, boxes: string, name: string): Promise<void> {
  for (const size of PROJECTOR_SIZES) {
    await host.setViewportSize(size);
    await host.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    expect((await measureFit(host, boxes)).problems, `${name} at ${size.width}×${size.height}`).toEqual([]);
    const outside = await host.evaluate(() =>
      Array.from(document.querySelectorAll(".controls button, .controls a, .topbar select"))
        .map((el) => ({ text: el.textContent ?? "", box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight)
        .map(({ text }) => text),
    );
    expect(outside, `controls outside the window: ${name} at ${size.width}×${size.height}`).toEqual([]);
    await shot(host, `${name}-${size.width}x${size.height}`);
  }
  await host.setViewportSize({ width: 1280, height: 800 });
}

describe("the app in four languages", () => {
  for (const language of LANGUAGES) {
    test(`${language.code}: home, join, question and reveal follow the browser's language on phone and big screen`, async () => {
      photographOnFailure(`i18n-${language.code}`);
      const t = catalog(language.code);
      const origin = session.server.origin;

      // Home, on a phone whose browser speaks the language.
      const phone = await newPage("phone", { locale: language.browser, ...PHONE_SIZE });
      await phone.goto(`${origin}/`);
      await heading(phone, language.home);
      expect(await lang(phone)).toBe(language.code);
      await phone.getByRole("heading", { name: language.join, level: 2 }).waitFor();
      await phone.getByRole("button", { name: text(t, "home", "create") }).waitFor();
      expect(await phone.getByRole("combobox", { name: text(t, "language", "label") }).inputValue()).toBe(
        language.code,
      );
      await expectAccessible(phone, `home (${language.code})`);
      await shot(phone, `i18n-${language.code}-home-phone`);

      // The big screen, on a computer in the same language.
      const game = await createGame(origin, { questionCount: 2, questionSeconds: 60, revealSeconds: 0 });
      const host = await openHostScreen(await newPage("projector", { locale: language.browser }), origin, game);
      await host.getByText(text(t, "lobby", "joinAt"), { exact: true }).waitFor();
      await host.getByText(text(t, "lobby", "waiting")).waitFor();
      expect(await lang(host)).toBe(language.code);

      // Join, from the link.
      await phone.goto(`${origin}/join/${game.code}`);
      await heading(phone, language.join);
      await phone.getByLabel(text(t, "join", "nameLabel")).fill("Zoë");
      await expectAccessible(phone, `join (${language.code})`);
      await shot(phone, `i18n-${language.code}-join-phone`);
      await phone.getByRole("button", { name: text(t, "join", "join"), exact: true }).click();
      await heading(phone, text(t, "player", "youreIn"));

      await host.getByRole("button", { name: language.start }).waitFor();
      await expectAccessible(host, `lobby (${language.code})`);
      await fitsOnProjector(host, ".join-code, .join-url, .qr, .player-chips .chip", `i18n-${language.code}-lobby`);
      await host.getByRole("button", { name: language.start }).click();

      // The question: its number and the answer pad's words on the phone; the stage and its controls on the host.
      await phone.getByText(fill(text(t, "player", "questionOf"), { n: 1, total: 2 })).waitFor();
      await host.getByText(fill(text(t, "questionStage", "questionOf"), { n: 1, total: 2 })).waitFor();
      await host.getByRole("button", { name: text(t, "hostActions", "skipToAnswer") }).waitFor();
      await expectAccessible(phone, `question (${language.code})`);
      await expectAccessible(host, `question on the big screen (${language.code})`);
      await shot(phone, `i18n-${language.code}-question-phone`);
      await fitsOnProjector(host, ".choice-board .choice, .stage-text", `i18n-${language.code}-question`);
      // The only player answers, so the question closes at once (the locked-in screen may only flash).
      await phone.locator("button.choice").first().click();

      // The reveal.
      const verdicts = ["correct", "notQuite", "close"].map((k) => text(t, "player", k));
      await phone.getByRole("heading", { level: 1, name: new RegExp(verdicts.map(escapeRegExp).join("|")) }).waitFor();
      await phone.getByText(text(t, "player", "score"), { exact: true }).waitFor();
      await host.getByRole("button", { name: text(t, "hostActions", "nextQuestion") }).waitFor();
      await expectAccessible(phone, `reveal (${language.code})`);
      await expectAccessible(host, `reveal on the big screen (${language.code})`);
      await shot(phone, `i18n-${language.code}-reveal-phone`);
      await fitsOnProjector(host, ".bar-row, .stage-text, .leaderboard-row", `i18n-${language.code}-reveal`);

      // The host switches the big screen to English: the phone stays in its own language.
      await host.getByRole("combobox", { name: text(t, "language", "label") }).selectOption("en");
      await host.getByRole("button", { name: "Next question" }).waitFor();
      expect(await lang(host)).toBe("en");
      expect(await lang(phone)).toBe(language.code);
      await phone.getByText(text(t, "player", "score"), { exact: true }).waitFor();

      // The player picks English on the phone: shown at once, and still English after a reload.
      await phone.getByRole("combobox", { name: text(t, "language", "label") }).selectOption("en");
      await phone.getByText("Score", { exact: true }).waitFor();
      expect(await lang(phone)).toBe("en");
      await phone.reload();
      await phone.getByText("Score", { exact: true }).waitFor();
      expect(await phone.evaluate(() => localStorage.getItem("trivia-edge:language"))).toBe("en");
      await phone.getByRole("combobox", { name: "Language" }).selectOption(language.code);
      await phone.getByText(text(t, "player", "score"), { exact: true }).waitFor();

      for (const list of problems) expect(list).toEqual([]);
    });
  }

  test("a browser in a language the app does not speak gets English; a regional variant gets its language", async () => {
    const pt = await newPage("phone", { locale: "pt-BR" });
    await pt.goto(`${session.server.origin}/`);
    await heading(pt, "Quiz night, live.");
    expect(await lang(pt)).toBe("en");
    const swiss = await newPage("phone", { locale: "de-CH" });
    await swiss.goto(`${session.server.origin}/`);
    await heading(swiss, "Quizabend, live.");
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
