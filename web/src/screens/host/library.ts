/**
 * The host's quiz library, kept on this device in localStorage: every imported quiz with its title, question count
 * and the date it was saved. Entries are checked against the Quiz schema when read, so a quiz edited by hand or
 * saved by an older version can never reach POST /api/games broken. Host-only (it brings zod with it).
 */
import { Quiz } from "@protocol/schemas";
import { LIMITS } from "@protocol/values";

export interface LibraryEntry {
  id: string;
  title: string;
  questionCount: number;
  /** ISO date-time of the import (or of the last rename). */
  savedAt: string;
  quiz: Quiz;
}

export const LIBRARY_KEY = "trivia-edge:quizzes";

/** The saved quizzes, newest first, and how many stored items were unreadable and left out. */
export function loadLibrary(): { entries: LibraryEntry[]; skipped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(window.localStorage.getItem(LIBRARY_KEY) ?? "[]");
  } catch {
    return { entries: [], skipped: 1 };
  }
  if (!Array.isArray(raw)) return { entries: [], skipped: 1 };
  const entries: LibraryEntry[] = [];
  let skipped = 0;
  for (const item of raw) {
    const entry = readEntry(item);
    if (entry) entries.push(entry);
    else skipped++;
  }
  entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  return { entries, skipped };
}

function readEntry(item: unknown): LibraryEntry | null {
  if (item === null || typeof item !== "object") return null;
  const { id, savedAt, quiz } = item as Record<string, unknown>;
  if (typeof id !== "string" || !id || typeof savedAt !== "string" || Number.isNaN(Date.parse(savedAt))) return null;
  const parsed = Quiz.safeParse(quiz);
  if (!parsed.success) return null;
  return entryOf(id, parsed.data, savedAt);
}

function entryOf(id: string, quiz: Quiz, savedAt: string): LibraryEntry {
  return { id, title: quiz.title, questionCount: quiz.questions.length, savedAt, quiz };
}

/** Writes the whole library; false when the browser refuses (storage full, or disabled in a private window). */
export function storeLibrary(entries: LibraryEntry[]): boolean {
  try {
    // Title and count are derived from the quiz on reading, so only what cannot be derived is stored.
    const stored = entries.map(({ id, savedAt, quiz }) => ({ id, savedAt, quiz }));
    window.localStorage.setItem(LIBRARY_KEY, JSON.stringify(stored));
    return true;
  } catch {
    return false;
  }
}

function newId(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The library with a freshly imported quiz at the top. Importing the same quiz again (same title and questions)
 * moves the existing entry up instead of keeping two copies.
 */
export function addQuiz(
  entries: LibraryEntry[],
  quiz: Quiz,
  now = new Date(),
): { entries: LibraryEntry[]; entry: LibraryEntry } {
  const same = JSON.stringify(quiz);
  const existing = entries.find((e) => JSON.stringify(e.quiz) === same);
  const entry = entryOf(existing?.id ?? newId(), quiz, now.toISOString());
  return { entries: [entry, ...entries.filter((e) => e.id !== entry.id)], entry };
}

/** Why a new title cannot be used, or null when it can. */
export function titleProblem(title: string): string | null {
  const t = title.trim();
  if (!t) return "A quiz needs a title.";
  if (t.length > LIMITS.quizTitleLength) {
    return `A title is at most ${LIMITS.quizTitleLength} characters; this one has ${t.length}.`;
  }
  return null;
}

/** The library with one quiz renamed; the title lives in the quiz itself so an export carries it. */
export function renameQuiz(entries: LibraryEntry[], id: string, title: string): LibraryEntry[] {
  return entries.map((e) => (e.id === id ? entryOf(e.id, { ...e.quiz, title: title.trim() }, e.savedAt) : e));
}

export function removeQuiz(entries: LibraryEntry[], id: string): LibraryEntry[] {
  return entries.filter((e) => e.id !== id);
}
