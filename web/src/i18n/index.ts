/**
 * The app's languages (@nanostores/i18n): English is written in the code, next to each component
 * (`i18n("home", { … })`), and every other language is one JSON file in `locales/` (`de.json`, …) that is fetched
 * only when that language is chosen. The language follows the browser (`navigator.languages`) until the person picks
 * one in the switcher on any screen; that choice is kept on this device only, so a host's language never forces the
 * players'. `<html lang>` follows the language shown. web/README.md says how to add a string or a language.
 */
import { type ComponentsJSON, createI18n, formatter, strings, transform } from "@nanostores/i18n";

export { params } from "@nanostores/i18n";

import { atom } from "nanostores";

/** The language the strings in the code are written in, and the fallback for a string a catalog lacks. */
export const BASE_LANGUAGE = "en";

// One lazy chunk per language file: adding `locales/xx.json` adds a language, with nothing else to register.
const catalogs = import.meta.glob<ComponentsJSON>("./locales/*.json", { import: "default" });
const loaders = new Map(
  Object.entries(catalogs).map(([path, load]) => [/([\w-]+)\.json$/.exec(path)?.[1] ?? path, load] as const),
);

/** Every language the app speaks, the base first. */
export const LANGUAGES: readonly string[] = [BASE_LANGUAGE, ...[...loaders.keys()].sort()];

const STORAGE_KEY = "trivia-edge:language";

function storedChoice(): string | null {
  try {
    const code = window.localStorage.getItem(STORAGE_KEY);
    return code && LANGUAGES.includes(code) ? code : null;
  } catch {
    return null;
  }
}

/** The first of the browser's languages the app speaks ("de-AT" → "de"), else the base language. */
export function browserLanguage(preferred: readonly string[] = navigatorLanguages()): string {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split("-")[0] ?? "";
    if (LANGUAGES.includes(primary)) return primary;
  }
  return BASE_LANGUAGE;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The language on screen now. */
export const locale = atom<string>(storedChoice() ?? browserLanguage());

/** Numbers, dates and relative times in the language on screen (Intl). */
export const format = formatter(locale);

async function fetchCatalog(code: string): Promise<ComponentsJSON> {
  const load = loaders.get(code);
  return load ? load() : {};
}

export const i18n = createI18n(locale, { baseLocale: BASE_LANGUAGE, get: fetchCatalog });

/** Loads a language's file once (the whole language at a time, so no screen waits for it again). */
async function ensureLoaded(code: string): Promise<void> {
  if (code === BASE_LANGUAGE || i18n.cache[code]) return;
  const catalog = await fetchCatalog(code);
  i18n.cache[code] = catalog as unknown as (typeof i18n.cache)[string];
}

/** Before the first render: the chosen language's file, so the first paint is already in that language. */
export async function loadInitialLanguage(): Promise<void> {
  try {
    await ensureLoaded(locale.get());
  } catch {
    // The file could not be fetched (offline, a deploy swapped the chunks): the app starts in English.
    locale.set(BASE_LANGUAGE);
  }
}

/** The person's pick in the switcher: shown at once everywhere, and remembered on this device. */
export async function chooseLanguage(code: string): Promise<void> {
  if (!LANGUAGES.includes(code)) return;
  await ensureLoaded(code);
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage off: the choice lasts until the tab closes.
  }
  locale.set(code);
}

if (typeof document !== "undefined") {
  locale.subscribe((code) => {
    document.documentElement.lang = code;
  });
  // A pick in another tab of this browser (or in the studio, around its preview frames) shows here too.
  window.addEventListener("storage", (e) => {
    if (e.key === STORAGE_KEY && e.newValue && e.newValue !== locale.get()) void chooseLanguage(e.newValue);
  });
}

type PluralForms = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
type PluralMessage = (count: number, values?: Record<string, string | number>) => string;

const ordinalForms = new WeakSet<object>();

/** Whether a message's forms are picked by place (ordinal) rather than by count: the catalog test asks. */
export function isOrdinal(forms: object): boolean {
  return ordinalForms.has(forms);
}

function byNumber(type: Intl.PluralRuleType) {
  const make = transform(
    (code: string, forms: PluralForms, count: number, values?: Record<string, string | number>) => {
      const rule = new Intl.PluralRules(code, { type }).select(count) as keyof PluralForms;
      const form = forms[rule] ?? forms.other;
      const all: Record<string, string | number> = { ...values, count: new Intl.NumberFormat(code).format(count) };
      return strings(form, (text) => fill(text, all));
    },
  ) as unknown as (forms: PluralForms) => PluralMessage;
  return (forms: PluralForms): PluralMessage => {
    if (type === "ordinal") ordinalForms.add(forms);
    return make(forms);
  };
}

/**
 * A message that depends on a number (Intl.PluralRules picks the form: "1 player", "2 players"; Polish-style "few"
 * and "many" forms just work): `{count}` is the number in the language's own format (1,000 · 1.000 · 1 000) and
 * any other `{name}` comes from the values.
 */
export const plural = byNumber("cardinal");

/** A place: "1st", "2nd" (en: one/two/few/other), "1.º" (es), "1." (de), "1er", "2e" (fr). */
export const ordinal = byNumber("ordinal");

/** A number in the language on screen (1,234 · 1.234 · 1 234). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale.get(), options).format(n);
}

/** `{name}` placeholders filled from values (a missing value leaves its placeholder, so a gap shows in testing). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
