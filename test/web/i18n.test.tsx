/**
 * The language files stay complete and honest: every message the code defines (in English, next to its component)
 * has its translation in each `web/src/i18n/locales/*.json`, no file carries a message the code no longer has, the
 * `{placeholders}` match, plural messages have the forms the language needs, and every message is used somewhere.
 * A new string, or a new language file, is checked here with nothing to register. Then the switcher: the app
 * follows the browser, a pick is shown at once, remembered, and sets <html lang>.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";

// Every module of the app, so that every component's messages are defined (main.tsx would render into the page).
const modules = import.meta.glob(["../../web/src/**/*.{ts,tsx}", "!../../web/src/main.tsx"], { eager: true });
const { i18n, browserLanguage, chooseLanguage, isOrdinal, LANGUAGES, BASE_LANGUAGE, locale } = await import(
  "../../web/src/i18n/index"
);

const SRC = resolve(import.meta.dirname, "../../web/src");
const LOCALES = resolve(SRC, "i18n/locales");
type Json = string | { [key: string]: Json };
type Catalog = Record<string, Record<string, Json>>;

const base = i18n.cache[BASE_LANGUAGE] as unknown as Catalog;
const files = readdirSync(LOCALES).filter((f) => f.endsWith(".json"));

function placeholders(message: Json): Set<string> {
  const found = new Set<string>();
  const visit = (m: Json) => {
    if (typeof m === "string") for (const p of m.matchAll(/\{(\w+)\}/g)) found.add(p[1] as string);
    else for (const v of Object.values(m)) visit(v);
  };
  visit(message);
  return found;
}

function sourcesText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => readFileSync(resolve(e.parentPath, e.name), "utf8"))
    .join("\n");
}

describe("language files", () => {
  test("the app defines its English messages (and every module loaded)", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(20);
    expect(Object.keys(base)).toContain("home");
    expect(files.map((f) => f.replace(".json", "")).sort()).toEqual(LANGUAGES.filter((l) => l !== BASE_LANGUAGE));
  });

  test.each(files)("%s has every message, no other, with the same placeholders and its plural forms", (file) => {
    const code = file.replace(".json", "");
    const catalog = JSON.parse(readFileSync(resolve(LOCALES, file), "utf8")) as Catalog;
    const cardinal = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const ordinal = new Intl.PluralRules(code, { type: "ordinal" }).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [component, messages] of Object.entries(base)) {
      for (const [key, english] of Object.entries(messages)) {
        const translated = catalog[component]?.[key];
        const where = `${component}.${key}`;
        if (translated === undefined) {
          problems.push(`${where}: missing`);
          continue;
        }
        if (typeof english !== typeof translated) {
          problems.push(`${where}: ${typeof english === "string" ? "a string" : "plural forms"} expected`);
          continue;
        }
        const want = [...placeholders(english)].sort();
        const got = [...placeholders(translated)].sort();
        if (want.join() !== got.join()) problems.push(`${where}: placeholders {${got}} instead of {${want}}`);
        if (typeof translated === "object") {
          const categories = isOrdinal(english as object) ? ordinal : cardinal;
          if (!("other" in translated)) problems.push(`${where}: no "other" form`);
          if (categories.includes("one") && !("one" in translated)) problems.push(`${where}: no "one" form`);
          for (const form of Object.keys(translated)) {
            if (!categories.includes(form as Intl.LDMLPluralRule)) problems.push(`${where}: ${code} has no "${form}"`);
          }
        }
      }
    }
    for (const [component, messages] of Object.entries(catalog)) {
      for (const key of Object.keys(messages)) {
        if (base[component]?.[key] === undefined) problems.push(`${component}.${key}: not in the code (unused)`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("every English message is used by the code", () => {
    const code = sourcesText(SRC);
    // Messages looked up by a key that is data (the server's error codes, a choice's shape, a quiz format).
    const byData = new Set(["errors", "libraryErrors", "shape", "quizFormat"]);
    const unused = Object.entries(base).flatMap(([component, messages]) =>
      byData.has(component)
        ? []
        : Object.keys(messages)
            .filter((key) => !new RegExp(`\\.${key}\\b`).test(code))
            .map((key) => `${component}.${key}`),
    );
    expect(unused).toEqual([]);
  });
});

describe("choosing the language", () => {
  afterEach(async () => {
    await act(() => chooseLanguage(BASE_LANGUAGE));
    window.localStorage.clear();
  });

  test("the browser's languages pick the first one the app speaks, by its main part", () => {
    expect(browserLanguage(["de-AT", "en-US"])).toBe("de");
    expect(browserLanguage(["pt-BR", "fr-CA", "es"])).toBe("fr");
    expect(browserLanguage(["pt-BR"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });

  test("the switcher shows the language at once, remembers it on this device and sets <html lang>", async () => {
    const { App } = await import("../../web/src/App");
    const user = userEvent.setup();
    render(<App />);
    expect(screen.getByRole("heading", { name: "Join a game" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    const options = screen.getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(["English", "Deutsch", "Español", "Français"]));
    await user.selectOptions(screen.getByRole("combobox", { name: "Language" }), "de");
    expect(await screen.findByRole("heading", { name: "Einem Spiel beitreten" })).toBeTruthy();
    expect(screen.getByRole("combobox", { name: "Sprache" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("de");
    expect(locale.get()).toBe("de");
    expect(window.localStorage.getItem("trivia-edge:language")).toBe("de");
  });

  test("a true-or-false question's choices are the app's words, in the language on screen", async () => {
    const { AnswerPad } = await import("../../web/src/components/Answer");
    const question = {
      index: 0,
      total: 1,
      kind: "truefalse" as const,
      text: "The Pacific is the largest ocean.",
      choices: ["True", "False"],
      deadline: null,
      durationMs: 20_000,
    };
    const pad = () => <AnswerPad question={question as never} disabled={false} onAnswer={() => {}} />;
    const { rerender } = render(pad());
    expect(screen.getByRole("button", { name: /True$/ })).toBeTruthy();
    await act(() => chooseLanguage("de"));
    rerender(pad());
    expect(screen.getByRole("button", { name: "A, Dreieck: Wahr" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "B, Raute: Falsch" })).toBeTruthy();
  });
});
