/**
 * /quizzes, "My quizzes": every quiz this device saved to the library (with its share link), and the drafts only on
 * this device. Each can be edited, hosted now, copied or deleted (after a confirmation that says what deleting
 * does). Only this device holds the key to change its quizzes; the share link lets others look and copy.
 */
import { useRef, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { navigate } from "../../lib/router";
import { newDraft, putDraft, removeDraft, removeSaved } from "./device";
import { type DeviceQuiz, deviceQuizzes, editHref } from "./deviceQuizzes";
import { duplicateQuestion } from "./draft";
import { HostSettings } from "./HostSettings";
import { hostGame } from "./hosting";
import { deleteQuiz, LibraryError } from "./libraryApi";
import { makeCopy } from "./Studio";
import { dateOf, plural, StudioNav, shareUrl } from "./shared";

export function MyQuizzes() {
  const [items, setItems] = useState<DeviceQuiz[]>(deviceQuizzes);
  const [status, setStatus] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);
  const say = (text: string) => {
    setStatus("");
    window.setTimeout(() => setStatus(text), 30);
  };
  const refresh = () => setItems(deviceQuizzes());

  return (
    <Screen className="studio studio-mine" headerRight={<StudioNav current="quizzes" />}>
      <Title>My quizzes</Title>
      <p className="lede">
        The quizzes this device saved to the library, and drafts kept only here. A share link lets anyone look at a quiz
        and copy it; only this device can change or delete it.
      </p>
      <div className="studio-mine-bar">
        <a className="btn btn-accent" href="/studio">
          Write a quiz
        </a>
        <HostSettings />
      </div>
      <div className="sr-only" role="status" aria-live="polite">
        {status}
      </div>
      <h2 ref={listHeading} tabIndex={-1} className="studio-section-title">
        {items.length ? plural(items.length, "quiz", "quizzes") : "No quizzes yet"}
      </h2>
      {items.length === 0 ? (
        <p className="calm">
          Quizzes you save in the studio, or copy from a share link, appear here.{" "}
          <a href="/studio">Write your first quiz</a>.
        </p>
      ) : (
        <ul className="studio-list studio-mine-list">
          {items.map((item) => (
            <MyQuiz
              key={item.key}
              item={item}
              onGone={(text) => {
                refresh();
                say(text);
                listHeading.current?.focus();
              }}
              say={say}
            />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function MyQuiz({ item, onGone, say }: { item: DeviceQuiz; onGone: (text: string) => void; say: (t: string) => void }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState<null | "delete" | "copy" | "host">(null);
  const [error, setError] = useState<string | null>(null);
  const { saved, draft, checked } = item;
  const link = saved ? shareUrl(saved.id, saved.url) : null;
  const problems = checked && !checked.ok ? checked.problems.length : 0;
  const n = item.questionCount;
  const run = async (what: "delete" | "copy" | "host", job: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await job();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const remove = () =>
    run("delete", async () => {
      if (saved) {
        try {
          await deleteQuiz(saved.id, saved.editToken);
        } catch (err) {
          // Already gone from the library: forgetting it here is all that is left to do.
          if (!(err instanceof LibraryError && err.code === "quiz_not_found")) throw err;
        }
        removeSaved(saved.id);
      }
      if (draft) removeDraft(draft.key);
      onGone(saved ? `Deleted “${item.title}” from the library.` : `Discarded the draft “${item.title}”.`);
    });

  const copy = () =>
    run("copy", async () => {
      if (saved) {
        await makeCopy(saved.id);
        return;
      }
      if (!draft) return;
      const copyDraft = newDraft({
        title: `${draft.quiz.title.trim() || "Untitled quiz"} (copy)`,
        questions: draft.quiz.questions.map(duplicateQuestion),
      });
      putDraft(copyDraft);
      navigate(`/studio?draft=${encodeURIComponent(copyDraft.key)}`);
    });

  const host = () =>
    run("host", async () => {
      if (saved) await hostGame({ quizId: saved.id });
      else if (checked?.ok) await hostGame({ quiz: checked.quiz });
    });

  const copyLink = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      say(`Copied the share link of “${item.title}”.`);
    } catch {
      say("This browser would not copy: select the link and copy it yourself.");
    }
  };

  const where = saved
    ? draft
      ? "Saved · unsaved changes on this device"
      : "Saved in your library"
    : "Only on this device";
  return (
    <li className="studio-list-item studio-mine-item">
      <div className="studio-list-text">
        <h3 className="studio-list-title">{item.title}</h3>
        <span className="calm">
          {n !== null ? `${plural(n, "question")} · ` : ""}
          {where} · {dateOf(item.updatedAt)}
          {problems ? ` · ${plural(problems, "problem")} to fix` : ""}
        </span>
        {link ? (
          <div className="studio-share">
            <label htmlFor={`share-${item.key}`} className="sr-only">
              Share link of {item.title}
            </label>
            <input
              id={`share-${item.key}`}
              className="input studio-share-input"
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={copyLink}
              aria-label={`Copy link of ${item.title}`}
            >
              Copy link
            </button>
          </div>
        ) : null}
      </div>
      <div className="studio-list-actions">
        {confirm ? (
          <fieldset className="studio-confirm">
            <legend>
              {saved
                ? "Delete it from the library? Its share link stops working; games already created keep their questions."
                : "Throw this draft away? It is only on this device."}
            </legend>
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={busy !== null}
              onClick={remove}
              // biome-ignore lint/a11y/noAutofocus: the question appears because Delete was pressed; the answer is here
              autoFocus
            >
              {busy === "delete" ? "Deleting…" : saved ? "Yes, delete" : "Yes, discard"}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirm(false)}>
              Keep it
            </button>
          </fieldset>
        ) : (
          <>
            <a className="btn btn-primary btn-small" href={editHref(item)} aria-label={`Edit ${item.title}`}>
              Edit
            </a>
            <button
              type="button"
              className="btn btn-accent btn-small"
              disabled={busy !== null || (!saved && !checked?.ok)}
              onClick={host}
              aria-label={`Host now: ${item.title}`}
            >
              {busy === "host" ? "Creating…" : "Host now"}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={busy !== null}
              onClick={copy}
              aria-label={`Make a copy of ${item.title}`}
            >
              {busy === "copy" ? "Copying…" : "Make a copy"}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setConfirm(true)}
              aria-label={`Delete ${item.title}`}
            >
              Delete
            </button>
          </>
        )}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
