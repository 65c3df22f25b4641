/**
 * One question's fields: what it asks, its kind (and that kind's own fields, from kinds/), the picture, the time
 * limit, double points and the explanation shown at the reveal. Problems show under the field they are about.
 * A picture pasted anywhere in the question is uploaded as its picture.
 */

import { useStore } from "@nanostores/react";
import { LIMITS, type QuestionKind } from "@protocol/values";
import { type ClipboardEvent, forwardRef, useId } from "react";
import { fill, i18n } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import type { DraftQuestion } from "./draft";
import { describedBy, FieldProblems } from "./fields";
import { ImageField, pictureIn, useImageUpload } from "./ImageField";
import { type ChangeQuestion, KIND_ORDER, KINDS } from "./kinds";

export interface QuestionActions {
  moveUp: () => void;
  moveDown: () => void;
  duplicate: () => void;
  remove: () => void;
  switchKind: (kind: QuestionKind) => void;
}

/** The element id of a question's field (problems, the summary and focus point at it). */
export function fieldIdOf(questionId: string, field: string): string {
  return `q-${questionId}-${field.replace(/\./g, "-")}`;
}

/** Fields the editor shows for every kind; problems elsewhere are listed at the bottom of the question. */
const COMMON_FIELDS = new Set(["text", "seconds", "explanation", "image"]);

const messages = i18n("questionEditor", {
  heading: "Question {n} {of}",
  of: "of {total}",
  moveUp: "Move up",
  moveDown: "Move down",
  duplicate: "Duplicate",
  delete: "Delete",
  kind: "Kind of question",
  question: "Question",
  placeholder: "What would you like to ask?",
  editText: "Edit the text of question {n}",
  timeLimit: "Time limit (seconds)",
  gameSetting: "The game's setting",
  changeTime: "Change the time limit of question {n}",
  doubleOn: "Double points for question {n}",
  doubleOff: "Normal points for question {n}",
  double: "Double points",
  explanation: "Explanation (optional, shown with the answer)",
  editExplanation: "Edit the explanation of question {n}",
});

export const QuestionEditor = forwardRef<
  HTMLHeadingElement,
  {
    question: DraftQuestion;
    index: number;
    total: number;
    change: ChangeQuestion;
    problems: Map<string, string[]> | undefined;
    actions: QuestionActions;
  }
>(function QuestionEditor({ question, index, total, change, problems, actions }, headingRef) {
  const t = useStore(messages);
  const headingId = useId();
  const kindHintId = useId();
  const fieldId = (field: string) => fieldIdOf(question.id, field);
  const problemsOf = (field: string) => problems?.get(field) ?? [];
  const n = index + 1;
  const kind = KINDS[question.kind];
  const uploader = useImageUpload(n, change);
  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const picture = pictureIn(e.clipboardData.files);
    if (!picture) return;
    e.preventDefault();
    void uploader.upload(picture);
  };
  const rendered = (field: string) =>
    COMMON_FIELDS.has(field) ||
    field === "choices" ||
    field === "correct" ||
    field === "accepted" ||
    /^(choices|accepted)\.\d+$/.test(field) ||
    (kind.fieldKeys?.includes(field) ?? false);
  const elsewhere = [...(problems ?? [])].filter(([field]) => !rendered(field)).flatMap(([, list]) => list);

  return (
    <section className="studio-question" aria-labelledby={headingId} onPaste={onPaste}>
      <header className="studio-question-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="studio-section-title">
          <Rich text={t.heading} values={{ n, of: <span className="studio-count">{fill(t.of, { total })}</span> }} />
        </h2>
        <div className="studio-question-actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            id="move-up"
            disabled={index === 0}
            onClick={actions.moveUp}
          >
            <span aria-hidden="true">↑ </span>
            {t.moveUp}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            id="move-down"
            disabled={index === total - 1}
            onClick={actions.moveDown}
          >
            <span aria-hidden="true">↓ </span>
            {t.moveDown}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={total >= LIMITS.customQuestions.max}
            onClick={actions.duplicate}
          >
            {t.duplicate}
          </button>
          <button type="button" className="btn btn-ghost btn-small studio-delete" onClick={actions.remove}>
            {t.delete}
          </button>
        </div>
      </header>

      <div className="studio-field">
        <label htmlFor={fieldId("kind")}>{t.kind}</label>
        <select
          id={fieldId("kind")}
          className="input"
          value={question.kind}
          aria-describedby={kindHintId}
          onChange={(e) => actions.switchKind(e.target.value as QuestionKind)}
        >
          {KIND_ORDER.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <p id={kindHintId} className="field-hint">
          {kind.hint}
        </p>
      </div>

      <div className="studio-field">
        <label htmlFor={fieldId("text")}>{t.question}</label>
        <textarea
          id={fieldId("text")}
          className="input studio-text"
          rows={2}
          value={question.text}
          maxLength={LIMITS.textLength + 100}
          placeholder={t.placeholder}
          onChange={(e) =>
            change({ text: e.target.value }, { label: fill(t.editText, { n }), key: `${question.id}:text` })
          }
          {...describedBy(fieldId("text"), problemsOf("text"))}
        />
        <FieldProblems fieldId={fieldId("text")} problems={problemsOf("text")} />
      </div>

      <kind.Fields question={question} index={index} change={change} problems={problemsOf} fieldId={fieldId} />

      <ImageField
        image={question.image}
        questionNumber={n}
        change={change}
        problems={problemsOf("image")}
        fieldId={fieldId("image")}
        uploader={uploader}
      />

      <div className="studio-field-row">
        <div className="studio-field">
          <label htmlFor={fieldId("seconds")}>{t.timeLimit}</label>
          <input
            id={fieldId("seconds")}
            className="input"
            type="number"
            inputMode="numeric"
            min={LIMITS.questionSeconds.min}
            max={LIMITS.questionSeconds.max}
            placeholder={t.gameSetting}
            value={question.seconds ?? ""}
            onChange={(e) =>
              change(
                { seconds: e.target.value === "" ? null : Number(e.target.value) },
                { label: fill(t.changeTime, { n }), key: `${question.id}:seconds` },
              )
            }
            {...describedBy(fieldId("seconds"), problemsOf("seconds"))}
          />
          <FieldProblems fieldId={fieldId("seconds")} problems={problemsOf("seconds")} />
        </div>
        <div className="studio-field studio-double">
          <label className="studio-check">
            <input
              type="checkbox"
              checked={question.double}
              onChange={(e) =>
                change(
                  { double: e.target.checked },
                  { label: fill(e.target.checked ? t.doubleOn : t.doubleOff, { n }) },
                )
              }
            />
            {t.double}
          </label>
        </div>
      </div>

      <div className="studio-field">
        <label htmlFor={fieldId("explanation")}>{t.explanation}</label>
        <textarea
          id={fieldId("explanation")}
          className="input"
          rows={2}
          value={question.explanation}
          maxLength={LIMITS.explanationLength + 100}
          onChange={(e) =>
            change(
              { explanation: e.target.value },
              { label: fill(t.editExplanation, { n }), key: `${question.id}:explanation` },
            )
          }
          {...describedBy(fieldId("explanation"), problemsOf("explanation"))}
        />
        <FieldProblems fieldId={fieldId("explanation")} problems={problemsOf("explanation")} />
      </div>
      {elsewhere.length ? <FieldProblems fieldId={fieldId("question")} problems={elsewhere} /> : null}
    </section>
  );
});
