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

export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useStore(messages);
  const current = useStore(locale);
  const id = useId();
  return (
    <div className={`language-switcher ${className ?? ""}`}>
      <label htmlFor={id} className="sr-only">
        {t.label}
      </label>
      <select
        id={id}
        className="language-select"
        value={current}
        title={t.label}
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
