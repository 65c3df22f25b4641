/**
 * /studio: where a quiz is started (from scratch, from a file, from a bank category, or an unsaved draft resumed)
 * and edited. `?draft=<key>` opens a draft kept on this device; `?quiz=<id>` a library quiz this device holds the
 * edit token for (its unsaved changes, if any, come back with it). The editor stays mounted when its address
 * changes under it (a first save turns `?draft=` into `?quiz=`).
 */

import { useStore } from "@nanostores/react";
import type { Quiz } from "@protocol/schemas";
import { type CategoryInfo, type Difficulty, LIMITS } from "@protocol/values";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { fill, i18n, plural } from "../../i18n";
import { fetchCategories } from "../../lib/api";
import { navigate, useSearch } from "../../lib/router";
import { QuizImport } from "../host/QuizImport";
import { formatLabel } from "../host/quizFiles";
import { draftFor, loadDraft, newDraft, putDraft, putSaved, removeDraft, type StoredDraft, savedEntry } from "./device";
import { deviceQuizzes, editHref, hasChanges } from "./deviceQuizzes";
import { blankQuiz, draftQuizOf, newId } from "./draft";
import { Editor } from "./Editor";
import { bankQuiz, copyQuiz, getQuiz, LibraryError } from "./libraryApi";
import { dateOf, StudioNav } from "./shared";
import { writeQuiz } from "./validate";

const messages = i18n("studioStart", {
  changesBack: "Your unsaved changes from {date} are back.",
  opening: "Opening the quiz…",
  notFound: "Quiz not found",
  notOpened: "The quiz could not be opened",
  myQuizzes: "My quizzes",
  notMine: "This device cannot edit this quiz",
  notMineText: "Only the device that saved a quiz holds its key. Make a copy to get one of your own, or look at it.",
  copying: "Copying…",
  copy: "Make a copy",
  look: "Look at the quiz",
  title: "Write a quiz",
  lede: "Start from nothing, from a file you have, or from the question bank.",
  notSaved: "Not saved yet",
  notSavedText: "Drafts kept on this device that are not in your library.",
  scratch: "From scratch",
  scratchText: "An empty quiz: add questions of any kind, a picture to each if you like.",
  startNew: "Start a new quiz",
  fromFile: "From a file",
  imported: "Imported “{title}” ({format}).",
  draftMeta: plural({ one: "{count} question · changed {date}", other: "{count} questions · changed {date}" }),
  discardAsk: "Throw this draft away?",
  discardYes: "Yes, discard",
  keep: "Keep it",
  continueTitle: "Continue {title}",
  continue: "Continue",
  discardTitle: "Discard {title}",
  discard: "Discard",
  bankQuizTitle: "{category} quiz",
  fromBank: "From the question bank",
  fromBankText: "Questions drawn from a category, to edit as your own.",
  category: "Category",
  allCategories: "All categories",
  categoryOption: "{label} ({count})",
  difficulty: "Difficulty",
  any: "Any",
  easy: "Easy",
  medium: "Medium",
  hard: "Hard",
  questions: "Questions",
  drawing: "Drawing questions…",
  draw: "Draw the questions",
});

type Target = { kind: "start" } | { kind: "draft"; key: string } | { kind: "quiz"; id: string };

function targetOf(search: string): Target {
  const params = new URLSearchParams(search);
  const id = params.get("quiz");
  if (id) return { kind: "quiz", id };
  const key = params.get("draft");
  if (key) return { kind: "draft", key };
  return { kind: "start" };
}

const identityOf = (t: Target) => (t.kind === "start" ? "start" : `${t.kind}:${t.kind === "quiz" ? t.id : t.key}`);

export function Studio() {
  const target = targetOf(useSearch());
  // Addresses that stand for the editor already open (a saved draft's ?quiz=), so it is not opened again.
  const aliases = useRef(new Map<string, string>());
  const identity = aliases.current.get(identityOf(target)) ?? identityOf(target);
  if (target.kind === "start") return <StartPage />;
  return <OpenEditor key={identity} target={target} onSaved={(id) => aliases.current.set(`quiz:${id}`, identity)} />;
}

/** New drafts and freshly loaded quizzes are opened through their address, so a reload opens them again. */
function openDraft(draft: StoredDraft): void {
  putDraft(draft);
  navigate(`/studio?draft=${encodeURIComponent(draft.key)}`);
}

type Loaded =
  | { state: "loading" }
  | { state: "ready"; draft: StoredDraft; notice?: string }
  | { state: "notMine"; id: string }
  | { state: "error"; message: string; gone: boolean };

function OpenEditor({ target, onSaved }: { target: Target; onSaved: (id: string) => void }) {
  const t = useStore(messages);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the component is keyed by its target
  useEffect(() => {
    let live = true;
    if (target.kind === "draft") {
      const draft = loadDraft(target.key);
      // An address of a draft never kept (a new quiz nobody typed in) opens a new quiz under that name.
      setLoaded({ state: "ready", draft: draft ?? newDraft(blankQuiz(), { key: target.key }) });
    } else if (target.kind === "quiz") {
      const entry = savedEntry(target.id);
      const local = draftFor(target.id);
      if (!entry) setLoaded({ state: "notMine", id: target.id });
      else if (local && hasChanges(local)) {
        setLoaded({
          state: "ready",
          draft: local,
          notice: fill(messages.get().changesBack, { date: dateOf(local.updatedAt) }),
        });
      } else {
        getQuiz(target.id)
          .then((saved) => {
            if (!live) return;
            const quiz = draftQuizOf(saved.quiz);
            const draft = newDraft(quiz, {
              key: local?.key ?? newId(),
              savedId: saved.id,
              baseVersion: saved.version,
              savedJson: JSON.stringify(writeQuiz(quiz)),
            });
            setLoaded({ state: "ready", draft });
          })
          .catch((err: unknown) => {
            if (!live) return;
            const gone = err instanceof LibraryError && err.code === "quiz_not_found";
            setLoaded({ state: "error", message: err instanceof Error ? err.message : String(err), gone });
          });
      }
    }
    return () => {
      live = false;
    };
  }, []);

  if (loaded.state === "ready") return <Editor initial={loaded.draft} notice={loaded.notice} onSaved={onSaved} />;
  return (
    <Screen className="studio" headerRight={<StudioNav current="studio" />}>
      <div className="center-stack">
        {loaded.state === "loading" ? (
          <>
            <Title>{t.opening}</Title>
            <span className="spinner spinner-large" aria-hidden="true" />
          </>
        ) : loaded.state === "notMine" ? (
          <NotMine id={loaded.id} />
        ) : (
          <>
            <Title>{loaded.gone ? t.notFound : t.notOpened}</Title>
            <p className="big-message">{loaded.message}</p>
            <a className="btn btn-primary" href="/quizzes">
              {t.myQuizzes}
            </a>
          </>
        )}
      </div>
    </Screen>
  );
}

/** A library quiz this device cannot change: it can be looked at, or copied into one of its own. */
function NotMine({ id }: { id: string }) {
  const t = useStore(messages);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      await makeCopy(id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <>
      <Title>{t.notMine}</Title>
      <p className="big-message">{t.notMineText}</p>
      <button type="button" className="btn btn-accent" disabled={busy} onClick={copy}>
        {busy ? t.copying : t.copy}
      </button>
      <a className="btn btn-ghost" href={`/quiz/${encodeURIComponent(id)}`}>
        {t.look}
      </a>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** POST /api/quizzes/:id/copy; the copy and its edit token are kept on this device and opened in the editor. */
export async function makeCopy(id: string): Promise<void> {
  const copy = await copyQuiz(id);
  const saved = await getQuiz(copy.id);
  putSaved({
    id: copy.id,
    editToken: copy.editToken,
    title: saved.title,
    updatedAt: copy.updatedAt,
    url: copy.url,
    questionCount: saved.questionCount,
  });
  navigate(`/studio?quiz=${encodeURIComponent(copy.id)}`);
}

// ---------------------------------------------------------------------------------------------------------------

function StartPage() {
  const t = useStore(messages);
  const drafts = deviceQuizzes().filter((q) => q.draft && !q.saved);
  return (
    <Screen className="studio studio-start" headerRight={<StudioNav current="studio" />}>
      <Title>{t.title}</Title>
      <p className="lede">{t.lede}</p>
      {drafts.length ? (
        <section className="panel studio-drafts" aria-labelledby="start-drafts">
          <h2 id="start-drafts">{t.notSaved}</h2>
          <p className="calm">{t.notSavedText}</p>
          <ul className="studio-list">
            {drafts.map((d) => (
              <DraftItem
                key={d.key}
                title={d.title}
                updatedAt={d.updatedAt}
                href={editHref(d)}
                draftKey={d.draft?.key ?? ""}
                count={d.questionCount ?? 0}
              />
            ))}
          </ul>
        </section>
      ) : null}
      <div className="studio-start-grid">
        <section className="panel" aria-labelledby="start-scratch">
          <h2 id="start-scratch">{t.scratch}</h2>
          <p className="calm">{t.scratchText}</p>
          <button
            type="button"
            className="btn btn-accent btn-block"
            onClick={() => navigate(`/studio?draft=${newId()}`)}
          >
            {t.startNew}
          </button>
        </section>
        <section className="panel">
          <QuizImport
            level={2}
            heading={t.fromFile}
            onImported={(quiz: Quiz, format) => {
              openDraft(newDraft(draftQuizOf(quiz)));
              return fill(t.imported, { title: quiz.title, format: formatLabel(format) });
            }}
          />
        </section>
        <BankStart />
      </div>
    </Screen>
  );
}

function DraftItem({
  title,
  updatedAt,
  href,
  draftKey,
  count,
}: {
  title: string;
  updatedAt: string;
  href: string;
  draftKey: string;
  count: number;
}) {
  const t = useStore(messages);
  const [confirm, setConfirm] = useState(false);
  const [gone, setGone] = useState(false);
  if (gone) return null;
  return (
    <li className="studio-list-item">
      <div className="studio-list-text">
        <span className="studio-list-title">{title}</span>
        <span className="calm">{t.draftMeta(count, { date: dateOf(updatedAt) })}</span>
      </div>
      <div className="studio-list-actions">
        {confirm ? (
          <>
            <span>{t.discardAsk}</span>
            <button
              type="button"
              className="btn btn-danger btn-small"
              onClick={() => {
                removeDraft(draftKey);
                setGone(true);
              }}
            >
              {t.discardYes}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirm(false)}>
              {t.keep}
            </button>
          </>
        ) : (
          <>
            <a className="btn btn-primary btn-small" href={href} aria-label={fill(t.continueTitle, { title })}>
              {t.continue}
            </a>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-label={fill(t.discardTitle, { title })}
              onClick={() => setConfirm(true)}
            >
              {t.discard}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function BankStart() {
  const t = useStore(messages);
  const id = useId();
  const [categories, setCategories] = useState<CategoryInfo[] | null>(null);
  const [category, setCategory] = useState("");
  const [difficulty, setDifficulty] = useState<"" | Difficulty>("");
  const [count, setCount] = useState<number>(LIMITS.questionCount.default);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchCategories()
      .then((list) => live && setCategories(list))
      .catch(() => live && setCategories([]));
    return () => {
      live = false;
    };
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const quiz = await bankQuiz({
        count,
        ...(category ? { category } : {}),
        ...(difficulty ? { difficulty } : {}),
      });
      const label = categories?.find((c) => c.id === category)?.label;
      openDraft(
        newDraft(draftQuizOf({ ...quiz, title: label ? fill(t.bankQuizTitle, { category: label }) : quiz.title })),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{t.fromBank}</h2>
      <p className="calm">{t.fromBankText}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-cat`}>{t.category}</label>
          <select id={`${id}-cat`} className="input" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t.allCategories}</option>
            {categories?.map((c) => (
              <option key={c.id} value={c.id}>
                {fill(t.categoryOption, { label: c.label, count: c.questionCount })}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-diff`}>{t.difficulty}</label>
            <select
              id={`${id}-diff`}
              className="input"
              value={difficulty}
              onChange={(e) => setDifficulty(e.target.value as "" | Difficulty)}
            >
              <option value="">{t.any}</option>
              <option value="easy">{t.easy}</option>
              <option value="medium">{t.medium}</option>
              <option value="hard">{t.hard}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-count`}>{t.questions}</label>
            <input
              id={`${id}-count`}
              className="input"
              type="number"
              min={LIMITS.questionCount.min}
              max={LIMITS.questionCount.max}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
              required
            />
          </div>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t.drawing : t.draw}
        </button>
      </form>
    </section>
  );
}
