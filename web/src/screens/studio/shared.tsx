/** Pieces the studio's screens share: the header's links, share links, dates. Small: Home imports the links. */
import { useStore } from "@nanostores/react";
import { i18n, locale } from "../../i18n";
import { API_ORIGIN } from "../../lib/api";

const messages = i18n("studioNav", {
  label: "Quizzes",
  write: "Write a quiz",
  mine: "My quizzes",
});

/** The share link of a saved quiz: the server's (it knows PUBLIC_ORIGIN) unless the site lives on another origin. */
export function shareUrl(id: string, serverUrl?: string): string {
  if (serverUrl && !API_ORIGIN) return serverUrl;
  return `${window.location.origin}/quiz/${encodeURIComponent(id)}`;
}

export function dateOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(locale.get(), { dateStyle: "medium", timeStyle: "short" });
}

/** The quiz studio's doors, in the header: write a quiz, and the quizzes this device keeps (Home shows them too). */
export function StudioNav({ current }: { current?: "studio" | "quizzes" }) {
  const t = useStore(messages);
  return (
    // Styled inline: Home shows these links without loading the studio's stylesheet.
    <nav aria-label={t.label} style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", justifyContent: "flex-end" }}>
      <a className="btn btn-ghost btn-small" href="/studio" aria-current={current === "studio" ? "page" : undefined}>
        {t.write}
      </a>
      <a className="btn btn-ghost btn-small" href="/quizzes" aria-current={current === "quizzes" ? "page" : undefined}>
        {t.mine}
      </a>
    </nav>
  );
}
