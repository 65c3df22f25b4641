/**
 * The host's quiz library, kept on this device in localStorage: every imported quiz with its title, question count
 * and the date it was saved. Entries are checked against the Quiz schema when read, so a quiz edited by hand or
 * saved by an older version can never reach POST /api/games broken. Host-only (it brings zod with it).
 */
import { Quiz } from "@protocol/schemas";

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
