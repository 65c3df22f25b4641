/**
 * The language picker every screen carries in its top bar: a native select (keyboard, screen readers and phones
 * all know it), each language named in its own words ("Deutsch", "Français") by Intl.DisplayNames.
 */
import { useStore } from "@nanostores/react";
import { useId } from "react";
import { chooseLanguage, i18n, LANGUAGES, locale } from "./index";

export const messages = i18n("language", {
  label: "Language",
});

/** "Deutsch" for de: a language's own name for itself, capitalised as a menu entry. */
export function nativeName(code: string): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  } catch {
    // An engine without DisplayNames shows the code.
  }
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/**
 * Small enough for a phone's top bar beside the name and score: the current language's code ("DE") and a globe are
 * what shows; the real select lies over them, invisible, so a tap or the keyboard opens the browser's own list.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useStore(messages);
  const current = useStore(locale);
  const id = useId();
  return (
    <div className={`language-switcher ${className ?? ""}`} title={t.label}>
      <label htmlFor={id} className="sr-only">
        {t.label}
      </label>
      <svg className="language-globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
        <path
          d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        />
      </svg>
      <span className="language-code" aria-hidden="true">
        {current.toUpperCase()}
      </span>
      <select
        id={id}
        className="language-select"
        value={current}
        onChange={(e) => {
          void chooseLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
