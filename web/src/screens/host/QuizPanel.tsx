/**
 * "Bring your own quiz" in the host form: pick one of My quizzes (saved to the library, or only on this device),
 * open it in the editor, or import a new one (file, drop, paste), which is kept on this device as a draft. Part of
 * the host chunk, loaded when the host asks for it, so neither this code nor zod reaches a player's phone.
 */

import { useStore } from "@nanostores/react";
import type { Quiz } from "@protocol/schemas";
import { useEffect, useId, useRef, useState } from "react";
import { fill, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import { newDraft, putDraft } from "../studio/device";
import { type DeviceQuiz, deviceQuizzes, editHref } from "../studio/deviceQuizzes";
import { draftQuizOf } from "../studio/draft";
import { dateOf } from "../studio/shared";
import { writeQuiz } from "../studio/validate";
import { QuizImport } from "./QuizImport";
import { formatLabel } from "./quizFiles";
import "./quiz.css";

/** What the host form plays: a saved quiz by its id, or a quiz held on this device. */
export type HostQuiz = { title: string } & ({ quizId: string } | { quiz: Quiz });

const messages = i18n("quizPanel", {
  storageRefused:
    "This browser would not keep the quiz (its storage is full or turned off), so it lasts only until you leave this page.",
  imported: plural({
    one: "Imported “{title}” ({format}): {count} question, {kept} and picked for the game.",
    other: "Imported “{title}” ({format}): {count} questions, {kept} and picked for the game.",
  }),
  kept: "kept on this device",
  notKept: "not kept (this browser refused)",
  yours: "Your quizzes",
  none: "No quizzes on this device yet. Import one below, or {link}.",
  noneLink: "write one in the quiz studio",
  writeNew: "Write a new quiz",
  manage: "Manage My quizzes",
  questions: plural({ one: "{count} question · ", other: "{count} questions · " }),
  inLibraryChanged: "in your library · unsaved changes (the saved version is played)",
  inLibrary: "in your library",
  onlyHere: "only on this device",
  problems: plural({
    one: " · {count} problem to fix before it can be played",
    other: " · {count} problems to fix before it can be played",
  }),
  edit: "Edit",
  editTitle: "Edit {title}",
});

function playable(item: DeviceQuiz): HostQuiz | null {
  if (item.saved) return { title: item.saved.title, quizId: item.saved.id };
  return item.checked?.ok ? { title: item.checked.quiz.title, quiz: item.checked.quiz } : null;
}

export function QuizPanel({ onChange }: { onChange: (quiz: HostQuiz | null) => void }) {
  const t = useStore(messages);
  const id = useId();
  const [items, setItems] = useState<DeviceQuiz[]>(deviceQuizzes);
  const [selectedKey, setSelectedKey] = useState<string | null>(
    () => items.find((i) => playable(i) !== null)?.key ?? null,
  );
  // Imports the browser would not store are listed (and play) from memory for this visit.
  const [unstored, setUnstored] = useState<DeviceQuiz[]>([]);
  const shown = [...unstored, ...items];
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const item = [...unstored, ...items].find((i) => i.key === selectedKey);
    onChangeRef.current(item ? playable(item) : null);
  }, [items, unstored, selectedKey]);

  const imported = (quiz: Quiz, format: Parameters<typeof formatLabel>[0]) => {
    const draft = draftQuizOf(quiz);
    const same = JSON.stringify(writeQuiz(draft));
    // The same quiz imported again is moved up, not kept twice.
    const existing = items.find((i) => !i.saved && i.draft && JSON.stringify(writeQuiz(i.draft.quiz)) === same)?.draft;
    const stored = existing ? { ...existing, updatedAt: new Date().toISOString() } : newDraft(draft);
    const kept = putDraft(stored);
    const key = `draft:${stored.key}`;
    setItems(deviceQuizzes());
    setSelectedKey(key);
    if (!kept) {
      const item: DeviceQuiz = {
        key,
        title: quiz.title,
        updatedAt: stored.updatedAt,
        saved: null,
        draft: stored,
        checked: { ok: true, quiz, problems: [] },
        questionCount: quiz.questions.length,
      };
      setUnstored((list) => [item, ...list.filter((i) => i.key !== key)]);
    }
    return messages.get().imported(quiz.questions.length, {
      title: quiz.title,
      format: formatLabel(format),
      kept: kept ? messages.get().kept : messages.get().notKept,
    });
  };

  return (
    <div className="quiz-panel">
      <fieldset className="quiz-library">
        <legend>
          {t.yours} {items.length ? <span className="quiz-count">({items.length})</span> : null}
        </legend>
        {shown.length === 0 ? (
          <p className="calm quiz-empty">
            <Rich text={t.none} values={{ link: <a href="/studio">{t.noneLink}</a> }} />
          </p>
        ) : (
          <ul className="quiz-list">
            {shown.map((item) => (
              <PanelItem
                key={item.key}
                item={item}
                group={`${id}-pick`}
                selected={item.key === selectedKey}
                onSelect={() => setSelectedKey(item.key)}
              />
            ))}
          </ul>
        )}
        {unstored.length ? <p className="quiz-warning">{t.storageRefused}</p> : null}
        <p className="quiz-links">
          <a href="/studio">{t.writeNew}</a>
          <a href="/quizzes">{t.manage}</a>
        </p>
      </fieldset>
      <QuizImport onImported={imported} />
    </div>
  );
}

function PanelItem({
  item,
  group,
  selected,
  onSelect,
}: {
  item: DeviceQuiz;
  group: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useStore(messages);
  const canPlay = playable(item) !== null;
  const problems = item.checked && !item.checked.ok ? item.checked.problems.length : 0;
  const n = item.questionCount;
  const where = item.saved ? (item.draft ? t.inLibraryChanged : t.inLibrary) : t.onlyHere;
  return (
    <li className={`quiz-item${selected ? " selected" : ""}`}>
      <label className="quiz-pick">
        <input type="radio" name={group} checked={selected} disabled={!canPlay} onChange={onSelect} />
        <span className="quiz-item-text">
          <span className="quiz-item-title">{item.title}</span>
          <span className="quiz-item-meta">
            {n !== null ? t.questions(n) : ""}
            {where} · {dateOf(item.updatedAt)}
            {!canPlay && problems ? t.problems(problems) : ""}
          </span>
        </span>
      </label>
      <div className="quiz-item-actions">
        <a
          className="btn btn-ghost btn-small"
          href={editHref(item)}
          aria-label={fill(t.editTitle, { title: item.title })}
        >
          {t.edit}
        </a>
      </div>
    </li>
  );
}
