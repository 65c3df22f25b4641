/**
 * "Bring your own quiz" in the host form: import a quiz (file picker, drag and drop, or paste) and the library of
 * quizzes kept on this device (pick, rename, delete, export). Part of the host chunk, loaded when the host asks for
 * it, so neither this code nor zod reaches a player's phone.
 */

import type { Quiz } from "@protocol/schemas";
import { DEFAULT_CSV_TITLE, LIMITS, type QuizFormat } from "@protocol/values";
import { type DragEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError, apiUrl } from "../../lib/api";
import { saveFile } from "../../lib/download";
import { importQuiz } from "./hostApi";
import { addQuiz, type LibraryEntry, loadLibrary, removeQuiz, renameQuiz, storeLibrary, titleProblem } from "./library";
import { detectFormat, FORMAT_LABELS, fileProblem, quizFile, titleFromFileName } from "./quizFiles";
import "./quiz.css";

type FormatChoice = "auto" | QuizFormat;

/** Why the last import did not happen. */
interface Refusal {
  heading: string;
  message: string;
  problems: string[];
  /** The file, to import again without choosing it again: with another format, or after a network failure. */
  retry?: Source;
  /** The format the server refused it as; null when it never got an answer. */
  refusedAs?: QuizFormat | null;
}

interface Source {
  text: string;
  /** The file's name; null for pasted text. */
  name: string | null;
}

const STORAGE_REFUSED =
  "This browser would not save your quizzes (its storage is full or turned off), so they last only until you leave this page. Export them to keep them.";

function withFileTitle(quiz: Quiz, format: QuizFormat, name: string | null): Quiz {
  const fromName = name ? titleFromFileName(name) : undefined;
  return format === "csv" && quiz.title === DEFAULT_CSV_TITLE && fromName ? { ...quiz, title: fromName } : quiz;
}

export function QuizPanel({ onChange }: { onChange: (quiz: Quiz | null) => void }) {
  const id = useId();
  const [initial] = useState(loadLibrary);
  const [entries, setEntries] = useState<LibraryEntry[]>(initial.entries);
  // Async imports and quick clicks both change the library; the ref always holds the latest list to build on.
  const entriesRef = useRef(entries);
  const [selectedId, setSelectedId] = useState<string | null>(initial.entries[0]?.id ?? null);
  const [storageWarning, setStorageWarning] = useState<string | null>(null);
  const [format, setFormat] = useState<FormatChoice>("auto");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Refusal | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pasted, setPasted] = useState("");
  const [dragging, setDragging] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const libraryRef = useRef<HTMLLegendElement>(null);

  const selected = entries.find((e) => e.id === selectedId) ?? null;
  useEffect(() => onChange(selected?.quiz ?? null), [selected, onChange]);

  // The problems take focus, so a screen reader reads them and a keyboard user is already where the fixing starts.
  useEffect(() => {
    if (outcome) errorRef.current?.focus();
  }, [outcome]);

  const commit = useCallback((next: LibraryEntry[]) => {
    entriesRef.current = next;
    setEntries(next);
    setStorageWarning(storeLibrary(next) ? null : STORAGE_REFUSED);
  }, []);

  const say = (message: string) => {
    setOutcome(null);
    setAnnouncement(message);
  };

  const runImport = async (source: Source) => {
    const chosen = format === "auto" ? detectFormat(source.name, source.text) : format;
    const what = source.name ?? "The pasted quiz";
    setBusy(true);
    setOutcome(null);
    setAnnouncement("");
    try {
      const result = await importQuiz(chosen, source.text);
      if (result.ok) {
        const { entries: next, entry } = addQuiz(entriesRef.current, withFileTitle(result.quiz, chosen, source.name));
        commit(next);
        setSelectedId(entry.id);
        if (!source.name) setPasted("");
        const n = entry.questionCount;
        say(
          `Imported “${entry.title}” (${FORMAT_LABELS[chosen]}): ${n} ${n === 1 ? "question" : "questions"}, saved on this device and picked for the game.`,
        );
      } else {
        setOutcome({
          heading: `${what} could not be imported as ${FORMAT_LABELS[chosen]}. Nothing was saved.`,
          message: result.message,
          problems: result.problems,
          retry: source.name ? source : undefined,
          refusedAs: chosen,
        });
      }
    } catch (err) {
      setOutcome({
        heading: `${what} could not be imported.`,
        message: err instanceof ApiError || err instanceof Error ? err.message : String(err),
        problems: [],
        retry: source.name ? source : undefined,
        refusedAs: null,
      });
    } finally {
      setBusy(false);
    }
  };

  const takeFiles = async (files: FileList | File[] | null) => {
    const list = files ? [...files] : [];
    const file = list[0];
    if (!file) return;
    const refusal =
      list.length > 1
        ? `That was ${list.length} files; import one quiz file at a time.`
        : fileProblem({ name: file.name, size: file.size });
    if (refusal) {
      setOutcome({ heading: `${file.name} was not imported.`, message: refusal, problems: [] });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setOutcome({
        heading: `${file.name} could not be read.`,
        message: "The browser could not read the file. Try choosing it again.",
        problems: [],
      });
      return;
    }
    await runImport({ text, name: file.name });
  };

  const importPasted = () => {
    if (!pasted.trim()) {
      setOutcome({
        heading: "Nothing to import.",
        message: "Paste a quiz first: rows copied from a spreadsheet (CSV), or a quiz in JSON.",
        problems: [],
      });
      return;
    }
    const bytes = new TextEncoder().encode(pasted).byteLength;
    if (bytes > LIMITS.quizBytes) {
      setOutcome({
        heading: "The pasted quiz was not imported.",
        message: `It is ${Math.ceil(bytes / 1024)} KB; a quiz may be at most ${LIMITS.quizBytes / 1024} KB.`,
        problems: [],
      });
      return;
    }
    void runImport({ text: pasted, name: null });
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) void takeFiles(e.dataTransfer.files);
  };

  const remove = (entry: LibraryEntry) => {
    commit(removeQuiz(entriesRef.current, entry.id));
    if (selectedId === entry.id) setSelectedId(null);
    say(`Deleted “${entry.title}” from this device.`);
    libraryRef.current?.focus();
  };

  const rename = (entry: LibraryEntry, title: string) => {
    commit(renameQuiz(entriesRef.current, entry.id, title));
    say(`Renamed “${entry.title}” to “${title.trim()}”.`);
  };

  const exportQuiz = (entry: LibraryEntry) => {
    const { blob, filename } = quizFile(entry.quiz);
    saveFile(blob, filename);
    say(`Exported “${entry.title}” as ${filename}.`);
  };

  const retry = outcome?.retry;
  const retryAs = retry ? (format === "auto" ? detectFormat(retry.name, retry.text) : format) : null;

  return (
    <div className="quiz-panel">
      <fieldset className="quiz-library">
        <legend ref={libraryRef} tabIndex={-1}>
          Your quizzes {entries.length ? <span className="quiz-count">({entries.length})</span> : null}
        </legend>
        {entries.length === 0 ? (
          <p className="calm quiz-empty">
            No quizzes on this device yet. Import one below; it is kept here for next time.
          </p>
        ) : (
          <ul className="quiz-list">
            {entries.map((entry) => (
              <LibraryItem
                key={entry.id}
                entry={entry}
                group={`${id}-pick`}
                selected={entry.id === selectedId}
                onSelect={() => setSelectedId(entry.id)}
                onRename={(title) => rename(entry, title)}
                onDelete={() => remove(entry)}
                onExport={() => exportQuiz(entry)}
              />
            ))}
          </ul>
        )}
        {initial.skipped ? (
          <p className="field-hint">
            {initial.skipped === 1 ? "One saved quiz" : `${initial.skipped} saved quizzes`} could not be read and{" "}
            {initial.skipped === 1 ? "was" : "were"} left out.
          </p>
        ) : null}
        {storageWarning ? <p className="quiz-warning">{storageWarning}</p> : null}
      </fieldset>

      <section className="quiz-import" aria-labelledby={`${id}-import`}>
        <h3 id={`${id}-import`}>Import a quiz</h3>
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            className="input"
            value={format}
            onChange={(e) => setFormat(e.target.value as FormatChoice)}
          >
            <option value="auto">Detect from the file</option>
            {(Object.keys(FORMAT_LABELS) as QuizFormat[]).map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file button inside is the way for everyone */}
        <div
          className={`drop-zone${dragging ? " dragging" : ""}`}
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <p className="drop-title">Drop a quiz file here</p>
          <p className="drop-hint">
            CSV from a spreadsheet, a quiz in JSON, or an Open Trivia DB download · up to 256 KB
          </p>
          <label className={`btn btn-primary file-pick${busy ? " disabled" : ""}`}>
            {busy ? "Importing…" : "Choose a file"}
            <input
              className="sr-only"
              type="file"
              accept=".csv,.tsv,.json,.txt,text/csv,application/json,text/plain"
              disabled={busy}
              onChange={(e) => {
                const input = e.currentTarget;
                void takeFiles(input.files).finally(() => {
                  // Choosing the same file again after fixing it must fire change again.
                  input.value = "";
                });
              }}
            />
          </label>
        </div>
        <details className="paste-box">
          <summary>Or paste the quiz</summary>
          <label htmlFor={`${id}-paste`}>Quiz text (CSV rows or JSON)</label>
          <textarea
            id={`${id}-paste`}
            className="input paste-input"
            rows={6}
            spellCheck={false}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={
              "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit (sec),Correct answer(s)\nWhich planet is known as the Red Planet?,Venus,Mars,Jupiter,Saturn,20,2"
            }
          />
          <button type="button" className="btn btn-primary" disabled={busy} onClick={importPasted}>
            {busy ? "Importing…" : "Import pasted quiz"}
          </button>
        </details>
        <div className="quiz-status" role="status" aria-live="polite">
          {announcement}
        </div>
        {outcome ? (
          <div ref={errorRef} className="quiz-problems" role="alert" tabIndex={-1}>
            <p className="quiz-problems-heading">{outcome.heading}</p>
            {outcome.problems.length ? (
              <>
                <p>
                  {outcome.problems.length === 1
                    ? "One problem to fix:"
                    : `${outcome.problems.length} problems to fix:`}
                </p>
                <ul>
                  {outcome.problems.map((problem, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
                    <li key={i}>{problem}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{outcome.message}</p>
            )}
            {retry && retryAs && outcome.refusedAs === null ? (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                disabled={busy}
                onClick={() => runImport(retry)}
              >
                Try {retry.name} again
              </button>
            ) : retry && retryAs && retryAs !== outcome.refusedAs ? (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                disabled={busy}
                onClick={() => runImport(retry)}
              >
                Import {retry.name} again as {FORMAT_LABELS[retryAs]}
              </button>
            ) : retry ? (
              <p className="quiz-problems-next">
                Fix the file and choose it again. Is it another kind of file? Pick its format under Format above.
              </p>
            ) : null}
          </div>
        ) : null}
        <p className="field-hint quiz-hint">
          From Excel, Numbers or Google Sheets: save the spreadsheet as <strong>CSV UTF-8</strong> (File → Save As, or
          File → Download → CSV), so accents and emoji survive.
        </p>
        <p className="quiz-links">
          <a href={apiUrl("/quiz-template.csv")} download="trivia-edge-quiz-template.csv">
            Download the CSV template
          </a>
          <a href={apiUrl("/quiz-sample.json")} download="trivia-edge-sample-quiz.json">
            Download a sample quiz (JSON)
          </a>
        </p>
      </section>
    </div>
  );
}

function LibraryItem({
  entry,
  group,
  selected,
  onSelect,
  onRename,
  onDelete,
  onExport,
}: {
  entry: LibraryEntry;
  group: string;
  selected: boolean;
  onSelect: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
  onExport: () => void;
}) {
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [draft, setDraft] = useState(entry.title);
  const [problem, setProblem] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const returnFocus = useRef(false);

  useEffect(() => {
    if (mode === "view" && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [mode]);

  const finish = () => {
    returnFocus.current = true;
    setMode("view");
    setProblem(null);
  };
  const save = () => {
    const why = titleProblem(draft);
    if (why) {
      setProblem(why);
      return;
    }
    if (draft.trim() !== entry.title) onRename(draft);
    finish();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // The library sits inside the host form: Enter here renames, it must not create a game.
    if (e.key === "Enter") {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDraft(entry.title);
      finish();
    }
  };
  const n = entry.questionCount;
  const date = new Date(entry.savedAt).toLocaleDateString(undefined, { dateStyle: "medium" });

  return (
    <li className={`quiz-item${selected ? " selected" : ""}`}>
      {mode === "rename" ? (
        <div className="quiz-rename">
          <label htmlFor={inputId}>New title for “{entry.title}”</label>
          <input
            id={inputId}
            className="input"
            value={draft}
            maxLength={LIMITS.quizTitleLength + 20}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the host pressed Rename; typing goes there
            autoFocus
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            onKeyDown={onKey}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-err` : undefined}
          />
          {problem ? (
            <p id={`${inputId}-err`} className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="quiz-item-actions">
            <button type="button" className="btn btn-primary btn-small" onClick={save}>
              Save title
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                setDraft(entry.title);
                finish();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <label className="quiz-pick">
            <input type="radio" name={group} checked={selected} onChange={onSelect} />
            <span className="quiz-item-text">
              <span className="quiz-item-title">{entry.title}</span>
              <span className="quiz-item-meta">
                {n} {n === 1 ? "question" : "questions"} · saved {date}
              </span>
            </span>
          </label>
          {mode === "delete" ? (
            <div className="quiz-item-actions confirm-delete">
              <span>Delete it from this device?</span>
              <button
                type="button"
                className="btn btn-danger btn-small"
                aria-label={`Yes, delete ${entry.title}`}
                onClick={onDelete}
              >
                Yes, delete
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={finish}>
                Keep it
              </button>
            </div>
          ) : (
            <div className="quiz-item-actions">
              <button
                ref={renameButton}
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Rename ${entry.title}`}
                onClick={() => {
                  setDraft(entry.title);
                  setMode("rename");
                }}
              >
                Rename
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Export JSON of ${entry.title}`}
                onClick={onExport}
              >
                Export JSON
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Delete ${entry.title}`}
                onClick={() => setMode("delete")}
              >
                Delete
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
