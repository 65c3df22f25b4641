/**
 * Importing a quiz: a file chosen or dropped, or text pasted, in any of the three formats (detected, or chosen).
 * POST /api/quizzes/import does the reading; a refused file shows every problem the server found, in an alert that
 * takes focus, with a way to try again. Used by "Bring your own quiz" in the host form and by the quiz studio.
 */

import { useStore } from "@nanostores/react";
import type { Quiz } from "@protocol/schemas";
import { DEFAULT_CSV_TITLE, LIMITS, type QuizFormat } from "@protocol/values";
import { useEffect, useId, useRef, useState } from "react";
import { fill, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import { ApiError, apiUrl } from "../../lib/api";
import { useDropZone } from "../../lib/dropZone";
import { importQuiz } from "./hostApi";
import { detectFormat, fileProblem, formatLabel, QUIZ_FORMATS, titleFromFileName } from "./quizFiles";
import "./quiz.css";

type FormatChoice = "auto" | QuizFormat;

const messages = i18n("quizImport", {
  heading: "Import a quiz",
  pastedQuiz: "The pasted quiz",
  refusedAs: "{what} could not be imported as {format}. Nothing was saved.",
  failed: "{what} could not be imported.",
  manyFiles: "That was {count} files; import one quiz file at a time.",
  notImported: "{name} was not imported.",
  unreadable: "{name} could not be read.",
  unreadableText: "The browser could not read the file. Try choosing it again.",
  nothing: "Nothing to import.",
  nothingText: "Paste a quiz first: rows copied from a spreadsheet (CSV), or a quiz in JSON.",
  pastedTooLarge: "The pasted quiz was not imported.",
  pastedTooLargeText: "It is {size} KB; a quiz may be at most {max} KB.",
  format: "Format",
  detect: "Detect from the file",
  drop: "Drop a quiz file here",
  dropHint: "CSV from a spreadsheet, a quiz in JSON, or an Open Trivia DB download · up to {max} KB",
  importing: "Importing…",
  choose: "Choose a file",
  orPaste: "Or paste the quiz",
  pasteLabel: "Quiz text (CSV rows or JSON)",
  pastePlaceholder:
    "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit (sec),Correct answer(s)\nWhich planet is known as the Red Planet?,Venus,Mars,Jupiter,Saturn,20,2",
  importPasted: "Import pasted quiz",
  problems: plural({ one: "One problem to fix:", other: "{count} problems to fix:" }),
  tryAgain: "Try {name} again",
  againAs: "Import {name} again as {format}",
  fixFile: "Fix the file and choose it again. Is it another kind of file? Pick its format under Format above.",
  spreadsheetHint:
    "From Excel, Numbers or Google Sheets: save the spreadsheet as {format} (File → Save As, or File → Download → CSV), so accents and emoji survive.",
  template: "Download the CSV template",
  sample: "Download a sample quiz (JSON)",
});

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

/** The title a spreadsheet gets when it has no Title row (worker/quiz/csv.ts); the file's name says more. */

function withFileTitle(quiz: Quiz, format: QuizFormat, name: string | null): Quiz {
  const fromName = name ? titleFromFileName(name) : undefined;
  return format === "csv" && quiz.title === DEFAULT_CSV_TITLE && fromName ? { ...quiz, title: fromName } : quiz;
}

export function QuizImport({
  onImported,
  heading,
  level = 3,
}: {
  /** Takes the imported quiz; returns the sentence that tells the user what became of it. */
  onImported: (quiz: Quiz, format: QuizFormat) => string;
  heading?: string;
  level?: 2 | 3;
}) {
  const t = useStore(messages);
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  const [format, setFormat] = useState<FormatChoice>("auto");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Refusal | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pasted, setPasted] = useState("");
  const errorRef = useRef<HTMLDivElement>(null);

  // The problems take focus, so a screen reader reads them and a keyboard user is already where the fixing starts.
  useEffect(() => {
    if (outcome) errorRef.current?.focus();
  }, [outcome]);

  const say = (message: string) => {
    setOutcome(null);
    setAnnouncement(message);
  };

  const runImport = async (source: Source) => {
    const chosen = format === "auto" ? detectFormat(source.name, source.text) : format;
    const what = source.name ?? t.pastedQuiz;
    setBusy(true);
    setOutcome(null);
    setAnnouncement("");
    try {
      const result = await importQuiz(chosen, source.text);
      if (result.ok) {
        if (!source.name) setPasted("");
        say(onImported(withFileTitle(result.quiz, chosen, source.name), chosen));
      } else {
        setOutcome({
          heading: fill(t.refusedAs, { what, format: formatLabel(chosen) }),
          message: result.message,
          problems: result.problems,
          retry: source.name ? source : undefined,
          refusedAs: chosen,
        });
      }
    } catch (err) {
      setOutcome({
        heading: fill(t.failed, { what }),
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
      list.length > 1 ? fill(t.manyFiles, { count: list.length }) : fileProblem({ name: file.name, size: file.size });
    if (refusal) {
      setOutcome({ heading: fill(t.notImported, { name: file.name }), message: refusal, problems: [] });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setOutcome({
        heading: fill(t.unreadable, { name: file.name }),
        message: t.unreadableText,
        problems: [],
      });
      return;
    }
    await runImport({ text, name: file.name });
  };

  const importPasted = () => {
    if (!pasted.trim()) {
      setOutcome({
        heading: t.nothing,
        message: t.nothingText,
        problems: [],
      });
      return;
    }
    const bytes = new TextEncoder().encode(pasted).byteLength;
    if (bytes > LIMITS.quizBytes) {
      setOutcome({
        heading: t.pastedTooLarge,
        message: fill(t.pastedTooLargeText, { size: Math.ceil(bytes / 1024), max: LIMITS.quizBytes / 1024 }),
        problems: [],
      });
      return;
    }
    void runImport({ text: pasted, name: null });
  };

  const drop = useDropZone((files) => void takeFiles(files), busy);

  const retry = outcome?.retry;
  const retryAs = retry ? (format === "auto" ? detectFormat(retry.name, retry.text) : format) : null;

  return (
    <section className="quiz-import" aria-labelledby={`${id}-import`}>
      <Heading id={`${id}-import`}>{heading ?? t.heading}</Heading>
      <div className="field">
        <label htmlFor={`${id}-format`}>{t.format}</label>
        <select
          id={`${id}-format`}
          className="input"
          value={format}
          onChange={(e) => setFormat(e.target.value as FormatChoice)}
        >
          <option value="auto">{t.detect}</option>
          {QUIZ_FORMATS.map((f) => (
            <option key={f} value={f}>
              {formatLabel(f)}
            </option>
          ))}
        </select>
      </div>
      {/* Dropping is a pointer shortcut; the file button inside is the way for everyone. */}
      <div className={`drop-zone${drop.dragging ? " dragging" : ""}`} {...drop.handlers}>
        <p className="drop-title">{t.drop}</p>
        <p className="drop-hint">{fill(t.dropHint, { max: LIMITS.quizBytes / 1024 })}</p>
        <label className={`btn btn-primary file-pick${busy ? " disabled" : ""}`}>
          {busy ? t.importing : t.choose}
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
        <summary>{t.orPaste}</summary>
        <label htmlFor={`${id}-paste`}>{t.pasteLabel}</label>
        <textarea
          id={`${id}-paste`}
          className="input paste-input"
          rows={6}
          spellCheck={false}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder={t.pastePlaceholder}
        />
        <button type="button" className="btn btn-primary" disabled={busy} onClick={importPasted}>
          {busy ? t.importing : t.importPasted}
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
              <p>{t.problems(outcome.problems.length)}</p>
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
            <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => runImport(retry)}>
              {fill(t.tryAgain, { name: retry.name ?? "" })}
            </button>
          ) : retry && retryAs && retryAs !== outcome.refusedAs ? (
            <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => runImport(retry)}>
              {fill(t.againAs, { name: retry.name ?? "", format: formatLabel(retryAs) })}
            </button>
          ) : retry ? (
            <p className="quiz-problems-next">{t.fixFile}</p>
          ) : null}
        </div>
      ) : null}
      <p className="field-hint quiz-hint">
        <Rich text={t.spreadsheetHint} values={{ format: <strong>CSV UTF-8</strong> }} />
      </p>
      <p className="quiz-links">
        <a href={apiUrl("/quiz-template.csv")} download="trivia-edge-quiz-template.csv">
          {t.template}
        </a>
        <a href={apiUrl("/quiz-sample.json")} download="trivia-edge-sample-quiz.json">
          {t.sample}
        </a>
      </p>
    </section>
  );
}
