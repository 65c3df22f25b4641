/**
 * What this device keeps of the quizzes its user writes (localStorage; nothing here ever leaves the device unless
 * the user saves):
 *
 * - "My quizzes" (`trivia-edge:my-quizzes`): `{ id, editToken, title, updatedAt }` for every quiz this device saved
 *   to the library or copied there. The edit token is the only key to change or delete that quiz: whoever holds it
 *   can edit, so it stays on this device and is never shown.
 * - Drafts (`trivia-edge:draft:<key>`, one item each): the quiz as it is being written, with undo-free autosave, so a
 *   reload or a closed tab loses nothing. A draft of a saved quiz remembers which version it started from.
 *
 * The device-local quiz library of earlier versions (`trivia-edge:quizzes`, imported quizzes kept whole) is folded
 * in once: each of its quizzes becomes a draft (listed under My quizzes as "only on this device"), and the old key
 * is removed, so there is one list and not two.
 */
import { QUESTION_KINDS } from "@protocol/values";
import { LIBRARY_KEY, loadLibrary } from "../host/library";
import { blankQuestion, type DraftQuestion, type DraftQuiz, draftQuizOf, newId } from "./draft";

export interface SavedEntry {
  id: string;
  editToken: string;
  title: string;
  /** ISO 8601, the library's time of the last save. */
  updatedAt: string;
  /** The share link the server gave (PUBLIC_ORIGIN or the API's origin). */
  url?: string;
  questionCount?: number;
}

export interface StoredDraft {
  key: string;
  /** The library quiz this draft edits, or null for one never saved. */
  savedId: string | null;
  /** The library version the draft started from (sent with the next save to catch someone else's save). */
  baseVersion: number | null;
  /** The quiz as last saved or loaded (JSON of the written quiz), to tell unsaved changes apart. */
  savedJson: string | null;
  quiz: DraftQuiz;
  /** The question open in the editor. */
  selectedId: string | null;
  /** ISO 8601 of the last change on this device. */
  updatedAt: string;
}

export const MY_QUIZZES_KEY = "trivia-edge:my-quizzes";
export const DRAFT_PREFIX = "trivia-edge:draft:";
export const PACING_KEY = "trivia-edge:host-pacing";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readJson(key: string): unknown {
  try {
    const raw = storage()?.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** false when the browser refuses (storage full, or turned off in a private window). */
function writeJson(key: string, value: unknown): boolean {
  try {
    const store = storage();
    if (!store) return false;
    if (value === null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

const isString = (v: unknown): v is string => typeof v === "string";

// ---------------------------------------------------------------------------------------------------------------
// My quizzes

export function loadSaved(): SavedEntry[] {
  const raw = readJson(MY_QUIZZES_KEY);
  if (!Array.isArray(raw)) return [];
  const entries = raw.flatMap((item): SavedEntry[] => {
    if (item === null || typeof item !== "object") return [];
    const { id, editToken, title, updatedAt, url, questionCount } = item as Record<string, unknown>;
    if (!isString(id) || !id || !isString(editToken) || !editToken) return [];
    return [
      {
        id,
        editToken,
        title: isString(title) ? title : "Untitled quiz",
        updatedAt: isString(updatedAt) ? updatedAt : new Date(0).toISOString(),
        ...(isString(url) ? { url } : {}),
        ...(typeof questionCount === "number" ? { questionCount } : {}),
      },
    ];
  });
  return entries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function savedEntry(id: string): SavedEntry | null {
  return loadSaved().find((e) => e.id === id) ?? null;
}

export function putSaved(entry: SavedEntry): boolean {
  return writeJson(MY_QUIZZES_KEY, [entry, ...loadSaved().filter((e) => e.id !== entry.id)]);
}

export function removeSaved(id: string): boolean {
  return writeJson(
    MY_QUIZZES_KEY,
    loadSaved().filter((e) => e.id !== id),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Drafts

function readDraft(key: string, raw: unknown): StoredDraft | null {
  if (raw === null || typeof raw !== "object") return null;
  const d = raw as Record<string, unknown>;
  const quiz = d.quiz as DraftQuiz | undefined;
  if (!quiz || !isString(quiz.title) || !Array.isArray(quiz.questions)) return null;
  const questions = quiz.questions.flatMap(readQuestion);
  return {
    key,
    savedId: isString(d.savedId) ? d.savedId : null,
    baseVersion: typeof d.baseVersion === "number" ? d.baseVersion : null,
    savedJson: isString(d.savedJson) ? d.savedJson : null,
    quiz: { title: quiz.title, questions },
    selectedId: isString(d.selectedId) ? d.selectedId : null,
    updatedAt: isString(d.updatedAt) ? d.updatedAt : new Date(0).toISOString(),
  };
}

/** A stored question with every field in place (storage edited by hand or by an older version is repaired). */
function readQuestion(raw: unknown): DraftQuestion[] {
  if (raw === null || typeof raw !== "object") return [];
  const q = raw as Record<string, unknown>;
  const kind = QUESTION_KINDS.find((k) => k === q.kind);
  if (!kind || !isString(q.id)) return [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter(isString) : null);
  const blank = blankQuestion(kind);
  return [
    {
      ...blank,
      id: q.id,
      text: isString(q.text) ? q.text : "",
      choices: strings(q.choices) ?? blank.choices,
      correct: Array.isArray(q.correct) ? q.correct.filter((i): i is number => Number.isInteger(i) && i >= 0) : [],
      accepted: strings(q.accepted) ?? blank.accepted,
      seconds: typeof q.seconds === "number" ? q.seconds : null,
      double: q.double === true,
      explanation: isString(q.explanation) ? q.explanation : "",
      image: isString(q.image) ? q.image : "",
      ...(isString(q.category) ? { category: q.category } : {}),
      ...(q.difficulty === "easy" || q.difficulty === "medium" || q.difficulty === "hard"
        ? { difficulty: q.difficulty }
        : {}),
      extra:
        q.extra !== null && typeof q.extra === "object" && !Array.isArray(q.extra)
          ? (q.extra as Record<string, unknown>)
          : {},
    },
  ];
}

export function loadDraft(key: string): StoredDraft | null {
  return readDraft(key, readJson(DRAFT_PREFIX + key));
}

/** Every draft on this device, newest first (the old local library folded in on the first call). */
export function loadDrafts(): StoredDraft[] {
  migrateLibrary();
  const store = storage();
  if (!store) return [];
  const drafts: StoredDraft[] = [];
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (!name?.startsWith(DRAFT_PREFIX)) continue;
    const draft = loadDraft(name.slice(DRAFT_PREFIX.length));
    if (draft) drafts.push(draft);
  }
  return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function draftFor(savedId: string): StoredDraft | null {
  return loadDrafts().find((d) => d.savedId === savedId) ?? null;
}

export function putDraft(draft: StoredDraft): boolean {
  return writeJson(DRAFT_PREFIX + draft.key, draft);
}

export function removeDraft(key: string): boolean {
  return writeJson(DRAFT_PREFIX + key, null);
}

export function newDraft(quiz: DraftQuiz, over: Partial<StoredDraft> = {}): StoredDraft {
  return {
    key: newId(),
    savedId: null,
    baseVersion: null,
    savedJson: null,
    quiz,
    selectedId: quiz.questions[0]?.id ?? null,
    updatedAt: new Date().toISOString(),
    ...over,
  };
}

/** The old device library's quizzes as drafts; the old key goes once they are written. */
export function migrateLibrary(): void {
  if (readJson(LIBRARY_KEY) === null) return;
  const { entries } = loadLibrary();
  const written = entries.every((e) =>
    putDraft(newDraft(draftQuizOf(e.quiz), { key: `library-${e.id}`, updatedAt: e.savedAt })),
  );
  if (written) writeJson(LIBRARY_KEY, null);
}

// ---------------------------------------------------------------------------------------------------------------
// How games are hosted from here (the last choice is remembered)

export interface Pacing {
  questionSeconds: number;
  revealSeconds: number;
  hostPaced: boolean;
  /** The lead-in before each question's answers open (timing saved before it existed gets the default). */
  readSeconds: number;
}

export function loadPacing(defaults: Pacing): Pacing {
  const raw = readJson(PACING_KEY) as Partial<Pacing> | null;
  return {
    questionSeconds: typeof raw?.questionSeconds === "number" ? raw.questionSeconds : defaults.questionSeconds,
    revealSeconds: typeof raw?.revealSeconds === "number" ? raw.revealSeconds : defaults.revealSeconds,
    hostPaced: typeof raw?.hostPaced === "boolean" ? raw.hostPaced : defaults.hostPaced,
    readSeconds: typeof raw?.readSeconds === "number" ? raw.readSeconds : defaults.readSeconds,
  };
}

export function storePacing(pacing: Pacing): void {
  writeJson(PACING_KEY, pacing);
}
