/**
 * The quiz editor: the title, the questions in order (Outline), the open question (QuestionEditor) and its preview.
 * Every change goes through one history (undo/redo, buttons and Ctrl/Cmd+Z, Shift+Z, Y), is checked with the
 * server's own schema as it is made, and is kept on this device moments later (autosave), so a reload or a closed
 * tab loses nothing. Save puts the quiz in the library: the first time it is created (POST), after that updated
 * with the version it was based on (PUT); when someone else saved in between, the author chooses whose quiz stays.
 */

import { useStore } from "@nanostores/react";
import { LIMITS, type QuestionKind } from "@protocol/values";
import { forwardRef, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { fill, i18n, locale, plural } from "../../i18n";
import { saveFile } from "../../lib/download";
import { navigate } from "../../lib/router";
import { quizFile } from "../host/quizFiles";
import { putDraft, putSaved, type StoredDraft, savedEntry } from "./device";
import {
  blankQuestion,
  type DraftQuestion,
  type DraftQuiz,
  draftQuizOf,
  duplicateQuestion,
  isEmptyQuiz,
  moveItem,
} from "./draft";
import { describedBy, FieldProblems } from "./fields";
import * as H from "./history";
import { hostGame } from "./hosting";
import { KINDS } from "./kinds";
import { createQuiz, getQuiz, LibraryError, updateQuiz } from "./libraryApi";
import { Outline } from "./Outline";
import { Preview } from "./Preview";
import { fieldIdOf, QuestionEditor } from "./QuestionEditor";
import { quizCsv } from "./quizCsv";
import { StudioNav, shareUrl } from "./shared";
import { check, type Problem, problemsByField, writeQuiz } from "./validate";

const messages = i18n("editor", {
  addLabel: "Add question {n}",
  added: "Added question {n} ({kind}).",
  moveLabel: "Move question {from} to position {to}",
  moved: "Question {from} is now question {to} of {count}.",
  duplicateLabel: "Duplicate question {n}",
  duplicated: "Duplicated question {n}; the copy is question {copy}.",
  deleteLabel: "Delete question {n}",
  deleted: "Deleted question {n}. {mod}+Z brings it back.",
  kindLabel: "Make question {n} {kind}",
  undone: "Undone: {label}.",
  redone: "Redone: {label}.",
  toFixFirst: plural({ one: "{why} {count} problem to fix first.", other: "{why} {count} problems to fix first." }),
  notSavedYet: "Not saved yet:",
  savedNew: "Saved as a new quiz: “{title}”. Share link: {link}",
  savedLibrary: "Saved to your library: “{title}”. Share link: {link}",
  notRemembered: " This browser would not remember it in My quizzes; keep the link.",
  savedVersion: "Saved “{title}” (version {version}).",
  reloadLabel: "Reload the saved version",
  reloaded: "Loaded the saved version {version} of “{title}”. {mod}+Z brings your changes back.",
  cannotPlay: "This quiz cannot be played yet:",
  notExported: "Not exported:",
  exported: "Exported “{title}” as {file}.",
  saving: "Saving…",
  notInLibrary: "Not in the library yet",
  unsaved: "Unsaved changes",
  allSaved: "All changes saved",
  editQuiz: "Edit quiz",
  newQuiz: "New quiz",
  quizTitle: "Quiz title",
  editTitleLabel: "Edit the title",
  undoTitle: "Undo: {label} ({mod}+Z)",
  nothingToUndo: "Nothing to undo",
  undo: "Undo",
  redoTitle: "Redo: {label} ({mod}+Shift+Z)",
  nothingToRedo: "Nothing to redo",
  redo: "Redo",
  more: "More",
  exportJson: "Export JSON",
  exportCsv: "Export CSV",
  shareView: "Open the share view",
  hostNow: "Host now",
  save: "Save",
  saveToLibrary: "Save to library",
  notKept: " · this browser would not keep the draft: save or export it",
  kept: " · draft kept on this device",
  hostFailed: "The game could not be created: {error}",
  noQuestions: "No questions yet",
  addHint: "Add a question from the list: pick the kind you want.",
  untitled: "Untitled quiz",
  toFixBeforeSaving: plural({
    one: "{count} problem to fix before saving.",
    other: "{count} problems to fix before saving.",
  }),
  ready: "No problems: ready to save.",
  inQuestion: "Question {n}: ",
  inQuiz: "Quiz: ",
  conflict: "Not saved: someone else saved this quiz after you opened it{when}.",
  conflictVersion: " (version {version})",
  conflictVersionAt: " (version {version}, {time})",
  stillHere: "Your changes are still here. Keep theirs, or keep yours as a separate quiz.",
  reloadTheirs: "Reload theirs",
  saveMineCopy: "Save mine as a copy",
  keepEditing: "Keep editing",
  notSaved: "Not saved. {message}",
  stillHereNew: "Your changes are still here. Save them as a new quiz of your own.",
  saveAsNew: "Save as a new quiz",
  draftSafe: "Your draft is safe on this device; try again in a moment.",
  dismiss: "Dismiss",
});

type Action =
  | { type: "change"; next: DraftQuiz; label: string; key: string | null; now: number }
  | { type: "undo" }
  | { type: "redo" };

function reducer(h: H.History<DraftQuiz>, action: Action): H.History<DraftQuiz> {
  switch (action.type) {
    case "change":
      return H.change(h, action.next, action.label, action.key, action.now);
    case "undo":
      return H.undo(h);
    case "redo":
      return H.redo(h);
  }
}

/** What the library holds of this draft: its id, the version it is based on, the quiz as saved. */
type Link = Pick<StoredDraft, "savedId" | "baseVersion" | "savedJson">;

type SaveTrouble =
  | { kind: "conflict"; version: number | null; updatedAt: string | null }
  | { kind: "lost"; message: string }
  | { kind: "refused"; message: string; problems: string[] }
  | { kind: "failed"; message: string };

const AUTOSAVE_MS = 300;

function timeOf(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(locale.get(), { dateStyle: "medium", timeStyle: "short" });
}

function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}

/**
 * The fields a change touches (their problems show from then on): the draft's own slots, and for a kind's values
 * kept in `extra` (a slider's numbers) each value that changed, so typing the lowest value does not yet complain
 * that the right answer is missing.
 */
function changedFields(q: DraftQuestion, patch: Partial<DraftQuestion>): string[] {
  return Object.keys(patch).flatMap((key) => {
    if (key !== "extra" || !patch.extra) return [key];
    return Object.entries(patch.extra).flatMap(([name, value]) => {
      if (value === null || typeof value !== "object") return [name];
      const was = q.extra[name];
      const now = value as Record<string, unknown>;
      const old = (was !== null && typeof was === "object" ? was : {}) as Record<string, unknown>;
      return Object.keys(now).filter((k) => now[k] !== old[k]);
    });
  });
}

export function Editor({
  initial,
  notice,
  onSaved,
}: {
  initial: StoredDraft;
  notice?: string;
  /** Called with the library id before the address changes to it. */
  onSaved?: (id: string) => void;
}) {
  const t = useStore(messages);
  const [history, dispatch] = useReducer(reducer, initial.quiz, H.start);
  const quiz = history.present;
  const [link, setLink] = useState<Link>({
    savedId: initial.savedId,
    baseVersion: initial.baseVersion,
    savedJson: initial.savedJson,
  });
  const [selectedId, setSelectedId] = useState<string | null>(initial.selectedId ?? quiz.questions[0]?.id ?? null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [trouble, setTrouble] = useState<SaveTrouble | null>(null);
  const [announcement, setAnnouncement] = useState(notice ?? "");
  const [kept, setKept] = useState<"idle" | "kept" | "refused">(initial.savedJson === null ? "idle" : "kept");
  const [hostError, setHostError] = useState<string | null>(null);
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const troubleRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLDetailsElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const checked = useMemo(() => check(quiz), [quiz]);
  const written = useMemo(() => JSON.stringify(writeQuiz(quiz)), [quiz]);
  const dirty = link.savedJson !== written;
  const byField = useMemo(() => problemsByField(checked.problems), [checked]);
  const visible = useCallback(
    (p: Problem) => showAll || touched.has(`${p.questionId ?? ""}:${p.field.replace(/\.\d+$/, "")}`),
    [showAll, touched],
  );
  const selectedIndex = Math.max(
    0,
    quiz.questions.findIndex((q) => q.id === selectedId),
  );
  const selected = quiz.questions[selectedIndex] ?? null;

  // ---- autosave: the draft is written a moment after each change, and at once when the page goes away.
  const latest = useRef<StoredDraft | null>(null);
  const pristine = history.past.length === 0 && history.future.length === 0;
  // The draft's time is that of its last change: opening it or moving between questions does not count.
  const changedAt = useMemo(
    () => (quiz === initial.quiz ? initial.updatedAt : new Date().toISOString()),
    [quiz, initial],
  );
  const untouched = quiz === initial.quiz && link.savedId === initial.savedId && link.savedJson === initial.savedJson;
  latest.current =
    untouched || (pristine && link.savedId === null && isEmptyQuiz(quiz))
      ? null
      : { key: initial.key, ...link, quiz, selectedId, updatedAt: changedAt };
  const flush = useCallback(() => {
    const draft = latest.current;
    if (!draft) return;
    setKept(putDraft(draft) ? "kept" : "refused");
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new quiz, link or selection is what is written
  useEffect(() => {
    const timer = window.setTimeout(flush, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [quiz, link, selectedId, flush]);
  useEffect(() => {
    window.addEventListener("pagehide", flush);
    const onHidden = () => document.visibilityState === "hidden" && flush();
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHidden);
      flush();
    };
  }, [flush]);

  // ---- focus requests are carried out after the render that made their target.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === "question") questionHeading.current?.focus();
    else if (target === "add") document.querySelector<HTMLElement>(".studio-add button")?.focus();
    else document.getElementById(target)?.focus();
  });

  const edit = useCallback(
    (next: DraftQuiz, label: string, key: string | null = null) =>
      dispatch({ type: "change", next, label, key, now: Date.now() }),
    [],
  );
  const touch = (questionId: string, fields: string[]) =>
    setTouched((t) => {
      const keys = fields.map((f) => `${questionId}:${f}`);
      if (keys.every((k) => t.has(k))) return t;
      return new Set([...t, ...keys]);
    });

  const changeQuestion = (id: string) => (patch: Partial<DraftQuestion>, how: { label: string; key?: string }) => {
    const before = quiz.questions.find((q) => q.id === id);
    touch(id, before ? changedFields(before, patch) : Object.keys(patch));
    edit(
      { ...quiz, questions: quiz.questions.map((q) => (q.id === id ? { ...q, ...patch } : q)) },
      how.label,
      how.key ?? null,
    );
  };

  const say = useCallback((text: string) => {
    // The same sentence twice must still be read out: clear, then set.
    setAnnouncement("");
    window.setTimeout(() => setAnnouncement(text), 30);
  }, []);

  // ---- question actions
  const addQuestion = (kind: QuestionKind) => {
    if (quiz.questions.length >= LIMITS.customQuestions.max) return;
    const q = blankQuestion(kind);
    const at = selected ? selectedIndex + 1 : quiz.questions.length;
    const questions = [...quiz.questions];
    questions.splice(at, 0, q);
    edit({ ...quiz, questions }, fill(t.addLabel, { n: at + 1 }));
    setSelectedId(q.id);
    pendingFocus.current = fieldIdOf(q.id, "text");
    say(fill(t.added, { n: at + 1, kind: KINDS[kind].label }));
  };
  const move = (from: number, to: number, focusButton?: "up" | "down") => {
    if (to < 0 || to >= quiz.questions.length || from === to) return;
    const q = quiz.questions[from] as DraftQuestion;
    edit({ ...quiz, questions: moveItem(quiz.questions, from, to) }, fill(t.moveLabel, { from: from + 1, to: to + 1 }));
    setSelectedId(q.id);
    if (focusButton) {
      // At either end the button pressed is disabled now: the other one keeps the focus.
      const button =
        (to === 0 && focusButton === "up") || (to === quiz.questions.length - 1 && focusButton === "down")
          ? focusButton === "up"
            ? "down"
            : "up"
          : focusButton;
      pendingFocus.current = `move-${button}`;
    }
    say(fill(t.moved, { from: from + 1, to: to + 1, count: quiz.questions.length }));
  };
  const duplicate = () => {
    if (!selected || quiz.questions.length >= LIMITS.customQuestions.max) return;
    const copy = duplicateQuestion(selected);
    const questions = [...quiz.questions];
    questions.splice(selectedIndex + 1, 0, copy);
    edit({ ...quiz, questions }, fill(t.duplicateLabel, { n: selectedIndex + 1 }));
    setSelectedId(copy.id);
    pendingFocus.current = "question";
    say(fill(t.duplicated, { n: selectedIndex + 1, copy: selectedIndex + 2 }));
  };
  const remove = () => {
    if (!selected) return;
    const questions = quiz.questions.filter((q) => q.id !== selected.id);
    const next = questions[Math.min(selectedIndex, questions.length - 1)] ?? null;
    edit({ ...quiz, questions }, fill(t.deleteLabel, { n: selectedIndex + 1 }));
    setSelectedId(next?.id ?? null);
    pendingFocus.current = next ? "question" : "add";
    say(fill(t.deleted, { n: selectedIndex + 1, mod: isMac() ? "Cmd" : "Ctrl" }));
  };
  const switchKind = (kind: QuestionKind) => {
    if (!selected || selected.kind === kind) return;
    const patch = { kind, ...KINDS[kind].switchTo(selected) };
    changeQuestion(selected.id)(patch, { label: fill(t.kindLabel, { n: selectedIndex + 1, kind: KINDS[kind].label }) });
  };

  const undo = useCallback(() => {
    const label = H.undoLabel(history);
    if (!label) return;
    dispatch({ type: "undo" });
    say(fill(messages.get().undone, { label }));
  }, [history, say]);
  const redo = useCallback(() => {
    const label = H.redoLabel(history);
    if (!label) return;
    dispatch({ type: "redo" });
    say(fill(messages.get().redone, { label }));
  }, [history, say]);

  // After an undo or redo the open question may be gone: open a neighbour, and never leave focus on nothing.
  useEffect(() => {
    if (selectedId && quiz.questions.some((q) => q.id === selectedId)) return;
    setSelectedId(quiz.questions[Math.min(selectedIndex, quiz.questions.length - 1)]?.id ?? null);
    if (!document.activeElement || document.activeElement === document.body) pendingFocus.current = "question";
  }, [quiz, selectedId, selectedIndex]);

  // ---- saving
  const showProblems = (why: string) => {
    setShowAll(true);
    say(t.toFixFirst(checked.problems.length, { why }));
    summaryRef.current?.focus();
  };

  const afterSave = (saved: { id: string; version: number; updatedAt: string }, editToken: string, url?: string) => {
    const stored = putSaved({
      id: saved.id,
      editToken,
      title: quiz.title.trim(),
      updatedAt: saved.updatedAt,
      questionCount: quiz.questions.length,
      ...(url ? { url } : {}),
    });
    setLink({ savedId: saved.id, baseVersion: saved.version, savedJson: written });
    setTrouble(null);
    onSaved?.(saved.id);
    navigate(`/studio?quiz=${encodeURIComponent(saved.id)}`, { replace: true });
    return stored;
  };

  const save = async (as: "save" | "copy" = "save") => {
    if (saving) return;
    if (!checked.ok) {
      showProblems(t.notSavedYet);
      return;
    }
    const entry = link.savedId ? savedEntry(link.savedId) : null;
    setSaving(true);
    setTrouble(null);
    try {
      if (as === "copy" || !link.savedId || !entry || link.baseVersion === null) {
        const created = await createQuiz(checked.quiz);
        const stored = afterSave(created, created.editToken, created.url);
        say(
          fill(as === "copy" ? t.savedNew : t.savedLibrary, {
            title: checked.quiz.title,
            link: shareUrl(created.id, created.url),
          }) + (stored ? "" : t.notRemembered),
        );
      } else {
        const saved = await updateQuiz(entry.id, entry.editToken, link.baseVersion, checked.quiz);
        afterSave(saved, entry.editToken, entry.url);
        say(fill(t.savedVersion, { title: saved.title, version: saved.version }));
      }
    } catch (err) {
      const e = err instanceof LibraryError ? err : new LibraryError("unexpected_response", String(err), 0);
      const next: SaveTrouble =
        e.code === "version_conflict"
          ? { kind: "conflict", version: e.current?.version ?? null, updatedAt: e.current?.updatedAt ?? null }
          : e.code === "wrong_edit_token" || e.code === "edit_token_required" || e.code === "quiz_not_found"
            ? { kind: "lost", message: e.message }
            : e.code === "invalid_quiz"
              ? { kind: "refused", message: e.message, problems: e.problems }
              : { kind: "failed", message: e.message };
      setTrouble(next);
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (trouble) troubleRef.current?.focus();
  }, [trouble]);

  const reloadTheirs = async () => {
    if (!link.savedId) return;
    setSaving(true);
    try {
      const theirs = await getQuiz(link.savedId);
      const draft = draftQuizOf(theirs.quiz);
      edit(draft, t.reloadLabel);
      setLink({ savedId: theirs.id, baseVersion: theirs.version, savedJson: JSON.stringify(writeQuiz(draft)) });
      setSelectedId(draft.questions[0]?.id ?? null);
      const entry = savedEntry(theirs.id);
      if (entry) putSaved({ ...entry, title: theirs.title, updatedAt: theirs.updatedAt });
      setTrouble(null);
      say(fill(t.reloaded, { version: theirs.version, title: theirs.title, mod: isMac() ? "Cmd" : "Ctrl" }));
      pendingFocus.current = "title";
    } catch (err) {
      setTrouble({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    } finally {
      setSaving(false);
    }
  };

  const host = async () => {
    setHostError(null);
    if (!checked.ok) {
      showProblems(t.cannotPlay);
      return;
    }
    try {
      // A saved quiz without changes is hosted by its id, as My quizzes does; otherwise what is on the screen.
      await hostGame(link.savedId && !dirty ? { quizId: link.savedId } : { quiz: checked.quiz });
    } catch (err) {
      setHostError(err instanceof Error ? err.message : String(err));
    }
  };

  const exportAs = (format: "json" | "csv") => {
    if (!checked.ok) {
      showProblems(t.notExported);
      return;
    }
    const file = format === "json" ? quizFile(checked.quiz) : quizCsv(checked.quiz);
    saveFile(file.blob, file.filename);
    say(
      `${fill(t.exported, { title: checked.quiz.title, file: file.filename })}${"note" in file && file.note ? ` ${file.note}` : ""}`,
    );
  };

  // ---- keyboard: undo, redo and save from anywhere in the editor.
  const keys = useRef({ undo, redo, save });
  keys.current = { undo, redo, save };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) keys.current.undo();
      else if ((key === "z" && e.shiftKey) || key === "y") keys.current.redo();
      else if (key === "s") void keys.current.save();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const titleProblems = checked.problems.filter((p) => p.field === "title" && visible(p)).map((p) => p.message);
  const quizProblems = checked.problems
    .filter((p) => p.questionId === null && p.field !== "title" && visible(p))
    .map((p) => p.message);
  const shownFor = (id: string) => {
    const fields = byField.get(id);
    if (!fields) return undefined;
    const shown = new Map<string, string[]>();
    for (const [field, list] of fields) {
      if (showAll || touched.has(`${id}:${field.replace(/\.\d+$/, "")}`)) shown.set(field, list);
    }
    return shown;
  };
  const problemCount = (id: string) => byField.get(id)?.size ?? 0;
  const mod = isMac() ? "Cmd" : "Ctrl";
  const undoLabel = H.undoLabel(history);
  const redoLabel = H.redoLabel(history);

  const goTo = (p: Problem) => {
    const target = p.questionId ? fieldIdOf(p.questionId, p.field) : "title";
    setShowAll(true);
    // The field is on screen when its question is open; otherwise it is focused once its question opens.
    const field = document.getElementById(target);
    if (field) field.focus();
    else if (p.questionId) {
      setSelectedId(p.questionId);
      pendingFocus.current = target;
    }
  };

  const status = saving ? t.saving : !link.savedId ? t.notInLibrary : dirty ? t.unsaved : t.allSaved;

  return (
    <Screen className="studio" headerRight={<StudioNav current="studio" />}>
      <div className="studio-bar">
        <div className="studio-title-field">
          <Title className="studio-h1">{link.savedId ? t.editQuiz : t.newQuiz}</Title>
          <label htmlFor="title" className="sr-only">
            {t.quizTitle}
          </label>
          <input
            id="title"
            className="input studio-title-input"
            value={quiz.title}
            placeholder={t.quizTitle}
            maxLength={LIMITS.quizTitleLength + 40}
            onChange={(e) => {
              touch("", ["title"]);
              edit({ ...quiz, title: e.target.value }, t.editTitleLabel, "title");
            }}
            {...describedBy("title", titleProblems)}
          />
          <FieldProblems fieldId="title" problems={titleProblems} />
        </div>
        <div className="studio-tools">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={undo}
            disabled={!undoLabel}
            aria-keyshortcuts={isMac() ? "Meta+Z" : "Control+Z"}
            title={undoLabel ? fill(t.undoTitle, { label: undoLabel, mod }) : t.nothingToUndo}
          >
            {t.undo}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={redo}
            disabled={!redoLabel}
            aria-keyshortcuts={isMac() ? "Meta+Shift+Z" : "Control+Shift+Z Control+Y"}
            title={redoLabel ? fill(t.redoTitle, { label: redoLabel, mod }) : t.nothingToRedo}
          >
            {t.redo}
          </button>
          <details
            className="studio-more"
            ref={moreRef}
            onKeyDown={(e) => {
              if (e.key !== "Escape" || !moreRef.current?.open) return;
              moreRef.current.open = false;
              moreRef.current.querySelector("summary")?.focus();
            }}
          >
            <summary className="btn btn-ghost btn-small">{t.more}</summary>
            {/* A choice closes the menu. */}
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside are the keyboard's way; this only closes */}
            {/* biome-ignore lint/a11y/noStaticElementInteractions: as above */}
            <div
              className="studio-more-menu"
              onClick={(e) => {
                if (!(e.target as HTMLElement).closest("button") || !moreRef.current) return;
                moreRef.current.open = false;
                moreRef.current.querySelector("summary")?.focus();
              }}
            >
              <button type="button" className="btn btn-ghost btn-small" onClick={() => exportAs("json")}>
                {t.exportJson}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => exportAs("csv")}>
                {t.exportCsv}
              </button>
              {link.savedId ? (
                <a className="btn btn-ghost btn-small" href={`/quiz/${encodeURIComponent(link.savedId)}`}>
                  {t.shareView}
                </a>
              ) : null}
            </div>
          </details>
          <button type="button" className="btn btn-ghost btn-small" onClick={host}>
            {t.hostNow}
          </button>
          <button
            type="button"
            className="btn btn-accent studio-save"
            onClick={() => save()}
            disabled={saving}
            aria-keyshortcuts={isMac() ? "Meta+S" : "Control+S"}
          >
            {saving ? t.saving : link.savedId ? t.save : t.saveToLibrary}
          </button>
        </div>
        <p className={`studio-state${dirty ? " dirty" : ""}`}>
          {status}
          {kept === "refused" ? t.notKept : dirty && !pristine ? t.kept : ""}
        </p>
      </div>

      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <ProblemSummary
        ref={summaryRef}
        problems={checked.problems}
        questionNumber={(id) => quiz.questions.findIndex((q) => q.id === id) + 1}
        onGo={goTo}
      />
      {hostError ? (
        <p className="form-error" role="alert">
          {fill(t.hostFailed, { error: hostError })}
        </p>
      ) : null}
      {trouble ? (
        <SaveTroublePanel
          ref={troubleRef}
          trouble={trouble}
          busy={saving}
          onReload={reloadTheirs}
          onCopy={() => save("copy")}
          onDismiss={() => setTrouble(null)}
        />
      ) : null}
      {quizProblems.length ? <FieldProblems fieldId="quiz" problems={quizProblems} /> : null}

      <div className="studio-body">
        <Outline
          questions={quiz.questions}
          selectedId={selected?.id ?? null}
          problemCount={problemCount}
          onSelect={(id) => {
            setSelectedId(id);
            pendingFocus.current = "question";
          }}
          onMove={(from, to) => move(from, to)}
          onAdd={addQuestion}
          maxQuestions={LIMITS.customQuestions.max}
        />
        {selected ? (
          <QuestionEditor
            key={selected.id}
            ref={questionHeading}
            question={selected}
            index={selectedIndex}
            total={quiz.questions.length}
            change={changeQuestion(selected.id)}
            problems={shownFor(selected.id)}
            actions={{
              moveUp: () => move(selectedIndex, selectedIndex - 1, "up"),
              moveDown: () => move(selectedIndex, selectedIndex + 1, "down"),
              duplicate,
              remove,
              switchKind,
            }}
          />
        ) : (
          <section className="studio-question studio-empty" aria-labelledby="studio-empty-title">
            <h2 id="studio-empty-title" ref={questionHeading} tabIndex={-1} className="studio-section-title">
              {t.noQuestions}
            </h2>
            <p className="calm">{t.addHint}</p>
          </section>
        )}
        {selected ? (
          <Preview
            question={selected}
            index={selectedIndex}
            total={quiz.questions.length}
            title={quiz.title.trim() || t.untitled}
          />
        ) : null}
      </div>
    </Screen>
  );
}

const ProblemSummary = forwardRef<
  HTMLDivElement,
  { problems: Problem[]; questionNumber: (id: string) => number; onGo: (p: Problem) => void }
>(function ProblemSummary({ problems, questionNumber, onGo }, ref) {
  const t = useStore(messages);
  // The count is read out when it settles, not on every keystroke.
  const [spoken, setSpoken] = useState("");
  const sentence = problems.length ? t.toFixBeforeSaving(problems.length) : t.ready;
  useEffect(() => {
    const timer = window.setTimeout(() => setSpoken(sentence), 1500);
    return () => window.clearTimeout(timer);
  }, [sentence]);
  return (
    <div className={`studio-summary${problems.length ? " has-problems" : ""}`} ref={ref} tabIndex={-1}>
      <div className="sr-only" role="status" aria-live="polite">
        {spoken}
      </div>
      {problems.length ? (
        <details>
          <summary>
            <span aria-hidden="true">⚠ </span>
            {sentence}
          </summary>
          <ul>
            {problems.map((p) => (
              <li key={`${p.questionId}:${p.field}:${p.message}`}>
                <button type="button" className="studio-link-btn" onClick={() => onGo(p)}>
                  {p.questionId ? fill(t.inQuestion, { n: questionNumber(p.questionId) }) : t.inQuiz}
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="studio-ready">
          <span aria-hidden="true">✓ </span>
          {sentence}
        </p>
      )}
    </div>
  );
});

const SaveTroublePanel = forwardRef<
  HTMLDivElement,
  { trouble: SaveTrouble; busy: boolean; onReload: () => void; onCopy: () => void; onDismiss: () => void }
>(function SaveTroublePanel({ trouble, busy, onReload, onCopy, onDismiss }, ref) {
  const t = useStore(messages);
  const when =
    trouble.kind === "conflict" && trouble.version
      ? trouble.updatedAt
        ? fill(t.conflictVersionAt, { version: trouble.version, time: timeOf(trouble.updatedAt) })
        : fill(t.conflictVersion, { version: trouble.version })
      : "";
  return (
    <div className="studio-trouble" role="alert" tabIndex={-1} ref={ref}>
      {trouble.kind === "conflict" ? (
        <>
          <p className="studio-trouble-heading">{fill(t.conflict, { when })}</p>
          <p>{t.stillHere}</p>
          <div className="studio-trouble-actions">
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={onReload}>
              {t.reloadTheirs}
            </button>
            <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={onCopy}>
              {t.saveMineCopy}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
              {t.keepEditing}
            </button>
          </div>
        </>
      ) : trouble.kind === "lost" ? (
        <>
          <p className="studio-trouble-heading">{fill(t.notSaved, { message: trouble.message })}</p>
          <p>{t.stillHereNew}</p>
          <div className="studio-trouble-actions">
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={onCopy}>
              {t.saveAsNew}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
              {t.keepEditing}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="studio-trouble-heading">{fill(t.notSaved, { message: trouble.message })}</p>
          {trouble.kind === "refused" && trouble.problems.length ? (
            <ul>
              {trouble.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p>{t.draftSafe}</p>
          )}
          <div className="studio-trouble-actions">
            <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
              {t.dismiss}
            </button>
          </div>
        </>
      )}
    </div>
  );
});
