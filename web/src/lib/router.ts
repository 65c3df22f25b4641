/**
 * A very small client router: a handful of routes do not need a routing library in the player's first download.
 * Paths live in the History API; components subscribe with usePath().
 */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") window.addEventListener("popstate", emit);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string ("?quiz=abc"), for screens whose state lives in it. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export type Route =
  | { name: "home" }
  | { name: "join"; code: string | null }
  | { name: "play"; code: string }
  | { name: "host"; code: string }
  | { name: "remote"; code: string }
  | { name: "studio" }
  | { name: "studioPreview" }
  | { name: "quizzes" }
  | { name: "quiz"; id: string }
  | { name: "notFound" };

export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, "") || "/";
  if (clean === "/") return { name: "home" };
  if (clean === "/join") return { name: "join", code: null };
  let m = /^\/join\/([^/]+)$/.exec(clean);
  if (m?.[1]) return { name: "join", code: /^\d{6}$/.test(m[1]) ? m[1] : null };
  m = /^\/play\/(\d{6})$/.exec(clean);
  if (m?.[1]) return { name: "play", code: m[1] };
  m = /^\/host\/(\d{6})$/.exec(clean);
  if (m?.[1]) return { name: "host", code: m[1] };
  m = /^\/remote\/(\d{6})$/.exec(clean);
  if (m?.[1]) return { name: "remote", code: m[1] };
  if (clean === "/studio") return { name: "studio" };
  if (clean === "/studio/preview") return { name: "studioPreview" };
  if (clean === "/quizzes") return { name: "quizzes" };
  m = /^\/quiz\/([A-Za-z0-9_-]{1,64})$/.exec(clean);
  if (m?.[1]) return { name: "quiz", id: m[1] };
  return { name: "notFound" };
}
