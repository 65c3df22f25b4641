/**
 * "My quizzes" as one list: the quizzes this device saved to the library, and the drafts that are not in the
 * library (never saved, or with changes not saved yet), newest first. The host form's quiz panel and the My quizzes
 * page both show this list.
 */
import { i18n } from "../../i18n";
import { loadDrafts, loadSaved, type SavedEntry, type StoredDraft } from "./device";

const messages = i18n("deviceQuizzes", { untitled: "Untitled quiz" });

import { type Checked, check, writeQuiz } from "./validate";

export interface DeviceQuiz {
  /** "saved:<id>" or "draft:<key>". */
  key: string;
  title: string;
  updatedAt: string;
  saved: SavedEntry | null;
  /** This device's draft of it, when it holds something the library does not. */
  draft: StoredDraft | null;
  /** The draft checked with the quiz schema (null without a draft). */
  checked: Checked | null;
  questionCount: number | null;
}

/** Whether a draft holds changes the library does not have. */
export function hasChanges(draft: StoredDraft): boolean {
  return draft.savedJson !== JSON.stringify(writeQuiz(draft.quiz));
}

export function deviceQuizzes(): DeviceQuiz[] {
  const drafts = loadDrafts().filter(hasChanges);
  const saved = loadSaved();
  const savedIds = new Set(saved.map((s) => s.id));
  const draftOf = new Map(drafts.flatMap((d) => (d.savedId ? [[d.savedId, d] as const] : [])));
  const list: DeviceQuiz[] = [
    ...saved.map((s) => {
      const draft = draftOf.get(s.id) ?? null;
      return {
        key: `saved:${s.id}`,
        title: s.title,
        updatedAt: draft && draft.updatedAt > s.updatedAt ? draft.updatedAt : s.updatedAt,
        saved: s,
        draft,
        checked: draft ? check(draft.quiz) : null,
        questionCount: s.questionCount ?? null,
      };
    }),
    ...drafts
      .filter((d) => !d.savedId || !savedIds.has(d.savedId))
      .map((d) => ({
        key: `draft:${d.key}`,
        title: d.quiz.title.trim() || messages.get().untitled,
        updatedAt: d.updatedAt,
        saved: null,
        draft: d,
        checked: check(d.quiz),
        questionCount: d.quiz.questions.length,
      })),
  ];
  return list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Where the editor opens an entry. */
export function editHref(item: DeviceQuiz): string {
  return item.saved
    ? `/studio?quiz=${encodeURIComponent(item.saved.id)}`
    : `/studio?draft=${encodeURIComponent(item.draft?.key ?? "")}`;
}
