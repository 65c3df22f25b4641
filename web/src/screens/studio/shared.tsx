/** Pieces the studio's screens share: the header's links, share links, dates. Small: Home imports the links. */
import { API_ORIGIN } from "../../lib/api";

/** The share link of a saved quiz: the server's (it knows PUBLIC_ORIGIN) unless the site lives on another origin. */
export function shareUrl(id: string, serverUrl?: string): string {
  if (serverUrl && !API_ORIGIN) return serverUrl;
  return `${window.location.origin}/quiz/${encodeURIComponent(id)}`;
}

export function dateOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The quiz studio's doors, in the header: write a quiz, and the quizzes this device keeps (Home shows them too). */
export function StudioNav({ current }: { current?: "studio" | "quizzes" }) {
  return (
    // Styled inline: Home shows these links without loading the studio's stylesheet.
    <nav aria-label="Quizzes" style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", justifyContent: "flex-end" }}>
      <a className="btn btn-ghost btn-small" href="/studio" aria-current={current === "studio" ? "page" : undefined}>
        Write a quiz
      </a>
      <a className="btn btn-ghost btn-small" href="/quizzes" aria-current={current === "quizzes" ? "page" : undefined}>
        My quizzes
      </a>
    </nav>
  );
}
