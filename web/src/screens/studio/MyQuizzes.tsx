/**
 * /quizzes, "My quizzes": every quiz this device saved to the library (with its share link), and the drafts only on
 * this device. Each can be edited, hosted now, copied or deleted (after a confirmation that says what deleting
 * does). Only this device holds the key to change its quizzes; the share link lets others look and copy.
 */
import { useStore } from "@nanostores/react";
import { useRef, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { fill, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import { navigate } from "../../lib/router";
import { newDraft, putDraft, removeDraft, removeSaved } from "./device";
import { type DeviceQuiz, deviceQuizzes, editHref } from "./deviceQuizzes";
import { duplicateQuestion } from "./draft";
import { HostSettings } from "./HostSettings";
import { hostGame } from "./hosting";
import { deleteQuiz, LibraryError } from "./libraryApi";
import { makeCopy } from "./Studio";
import { dateOf, StudioNav, shareUrl } from "./shared";

const messages = i18n("myQuizzes", {
  title: "My quizzes",
  lede: "The quizzes this device saved to the library, and drafts kept only here. A share link lets anyone look at a quiz and copy it; only this device can change or delete it.",
  write: "Write a quiz",
  count: plural({ one: "{count} quiz", other: "{count} quizzes" }),
  none: "No quizzes yet",
  noneText: "Quizzes you save in the studio, or copy from a share link, appear here. {link}.",
  writeFirst: "Write your first quiz",
  deleted: "Deleted “{title}” from the library.",
  discarded: "Discarded the draft “{title}”.",
  untitled: "Untitled quiz",
  copyTitle: "{title} (copy)",
  linkCopied: "Copied the share link of “{title}”.",
  noCopy: "This browser would not copy: select the link and copy it yourself.",
  savedChanged: "Saved · unsaved changes on this device",
  saved: "Saved in your library",
  onlyHere: "Only on this device",
  questions: plural({ one: "{count} question · ", other: "{count} questions · " }),
  problems: plural({ one: " · {count} problem to fix", other: " · {count} problems to fix" }),
  shareLinkOf: "Share link of {title}",
  copyLinkOf: "Copy link of {title}",
  copyLink: "Copy link",
  deleteAsk: "Delete it from the library? Its share link stops working; games already created keep their questions.",
  discardAsk: "Throw this draft away? It is only on this device.",
  deleting: "Deleting…",
  yesDelete: "Yes, delete",
  yesDiscard: "Yes, discard",
  keep: "Keep it",
  editTitle: "Edit {title}",
  edit: "Edit",
  hostTitle: "Host now: {title}",
  creating: "Creating…",
  host: "Host now",
  copyOf: "Make a copy of {title}",
  copying: "Copying…",
  copy: "Make a copy",
  deleteTitle: "Delete {title}",
  delete: "Delete",
});

export function MyQuizzes() {
  const t = useStore(messages);
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
      <Title>{t.title}</Title>
      <p className="lede">{t.lede}</p>
      <div className="studio-mine-bar">
        <a className="btn btn-accent" href="/studio">
          {t.write}
        </a>
        <HostSettings />
      </div>
      <div className="sr-only" role="status" aria-live="polite">
        {status}
      </div>
      <h2 ref={listHeading} tabIndex={-1} className="studio-section-title">
        {items.length ? t.count(items.length) : t.none}
      </h2>
      {items.length === 0 ? (
        <p className="calm">
          <Rich text={t.noneText} values={{ link: <a href="/studio">{t.writeFirst}</a> }} />
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
  const t = useStore(messages);
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
      onGone(fill(saved ? t.deleted : t.discarded, { title: item.title }));
    });

  const copy = () =>
    run("copy", async () => {
      if (saved) {
        await makeCopy(saved.id);
        return;
      }
      if (!draft) return;
      const copyDraft = newDraft({
        title: fill(t.copyTitle, { title: draft.quiz.title.trim() || t.untitled }),
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
      say(fill(t.linkCopied, { title: item.title }));
    } catch {
      say(t.noCopy);
    }
  };

  const where = saved ? (draft ? t.savedChanged : t.saved) : t.onlyHere;
  return (
    <li className="studio-list-item studio-mine-item">
      <div className="studio-list-text">
        <h3 className="studio-list-title">{item.title}</h3>
        <span className="calm">
          {n !== null ? t.questions(n) : ""}
          {where} · {dateOf(item.updatedAt)}
          {problems ? t.problems(problems) : ""}
        </span>
        {link ? (
          <div className="studio-share">
            <label htmlFor={`share-${item.key}`} className="sr-only">
              {fill(t.shareLinkOf, { title: item.title })}
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
              aria-label={fill(t.copyLinkOf, { title: item.title })}
            >
              {t.copyLink}
            </button>
          </div>
        ) : null}
      </div>
      <div className="studio-list-actions">
        {confirm ? (
          <fieldset className="studio-confirm">
            <legend>{saved ? t.deleteAsk : t.discardAsk}</legend>
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={busy !== null}
              onClick={remove}
              // biome-ignore lint/a11y/noAutofocus: the question appears because Delete was pressed; the answer is here
              autoFocus
            >
              {busy === "delete" ? t.deleting : saved ? t.yesDelete : t.yesDiscard}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirm(false)}>
              {t.keep}
            </button>
          </fieldset>
        ) : (
          <>
            <a
              className="btn btn-primary btn-small"
              href={editHref(item)}
              aria-label={fill(t.editTitle, { title: item.title })}
            >
              {t.edit}
            </a>
            <button
              type="button"
              className="btn btn-accent btn-small"
              disabled={busy !== null || (!saved && !checked?.ok)}
              onClick={host}
              aria-label={fill(t.hostTitle, { title: item.title })}
            >
              {busy === "host" ? t.creating : t.host}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={busy !== null}
              onClick={copy}
              aria-label={fill(t.copyOf, { title: item.title })}
            >
              {busy === "copy" ? t.copying : t.copy}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setConfirm(true)}
              aria-label={fill(t.deleteTitle, { title: item.title })}
            >
              {t.delete}
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
