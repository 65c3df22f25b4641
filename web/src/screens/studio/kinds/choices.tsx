/**
 * The choice list shared by the kinds that show choices (choice, multi, poll): each choice with its slot's colour and
 * shape (as players will see it), a mark for the right one(s), remove, add. Enter in a choice goes on to the next
 * one (adding it at the end), so a question can be typed without the mouse.
 */

import { useStore } from "@nanostores/react";
import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { letterOf, Shape, shapeLabel } from "../../../components/Shape";
import { fill } from "../../../i18n";
import type { DraftQuestion } from "../draft";
import { describedBy, FieldProblems, ListEnd, problemId, RemoveRow } from "../fields";
import { useRows } from "./rows";
import { choiceText } from "./text";
import type { KindFieldsProps, Written } from "./types";

export type Marking = "one" | "many" | "none";

/** Non-empty choices, in order, with the right ones as indexes into them; problems point back at the typed slots. */
export function writeChoices(q: DraftQuestion, marking: Marking): Written {
  const kept = q.choices.flatMap((c, i) => (c.trim() ? [i] : []));
  const choices = kept.map((i) => q.choices[i] as string);
  const correct = q.correct.flatMap((i) => {
    const at = kept.indexOf(i);
    return at >= 0 ? [at] : [];
  });
  const fields: Record<string, unknown> = { choices };
  if (marking === "one" && correct.length) fields.correct = correct[0];
  if (marking === "many") fields.correct = [...correct].sort((a, b) => a - b);
  return {
    fields,
    fieldKey: ([key, n]) =>
      key === "choices" && typeof n === "number" ? `choices.${kept[n] ?? n}` : String(key ?? "question"),
  };
}

/** The choices a question keeps when it becomes a choice-list kind: its own, or four empty slots. */
export function keepChoices(q: DraftQuestion, marking: Marking): Partial<DraftQuestion> {
  const choices = q.choices.some((c) => c.trim()) ? q.choices : new Array<string>(4).fill("");
  const correct = q.kind === "truefalse" ? [] : q.correct.filter((i) => i < choices.length);
  return { choices, correct: marking === "one" ? correct.slice(0, 1) : correct };
}

export function ChoiceList({
  question,
  index,
  change,
  problems,
  fieldId,
  marking,
}: KindFieldsProps & { marking: Marking }) {
  const t = useStore(choiceText);
  const hintId = useId();
  const { choices, correct } = question;
  const n = index + 1;

  const setChoice = (i: number, text: string) =>
    change(
      { choices: choices.map((c, j) => (j === i ? text : c)) },
      { label: fill(t.editChoice, { letter: letterOf(i), n }), key: `${question.id}:choice:${i}` },
    );
  const add = () => {
    if (choices.length >= LIMITS.choices.max) return;
    change({ choices: [...choices, ""] }, { label: fill(t.addChoice, { n }) });
    rows.focus(choices.length);
  };
  const rows = useRows(choices.length, add);
  const remove = (i: number) => {
    change(
      {
        choices: choices.filter((_, j) => j !== i),
        correct: correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)),
      },
      { label: fill(t.removeChoiceLabel, { letter: letterOf(i), n }) },
    );
    rows.focus(Math.min(i, choices.length - 2));
  };
  const mark = (i: number, on: boolean) => {
    const next = marking === "one" ? [i] : on ? [...correct, i].sort((a, b) => a - b) : correct.filter((c) => c !== i);
    change({ correct: next }, { label: fill(t.markLabel, { n }) });
  };

  const listProblems = [...problems("choices"), ...problems("correct")];
  const hint = marking === "one" ? t.hintOne : marking === "many" ? t.hintMany : t.hintNone;
  return (
    <fieldset
      className="studio-choices"
      aria-describedby={listProblems.length ? `${problemId(fieldId("choices"))} ${hintId}` : hintId}
    >
      <legend>{t.choices}</legend>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      <ol className="studio-choice-list">
        {choices.map((text, i) => {
          const key = `choices.${i}`;
          const own = problems(key);
          const letter = letterOf(i);
          const right = correct.includes(i);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a choice is its slot; rows are only added and removed
            <li key={i} className={`studio-choice${right && marking !== "none" ? " right" : ""}`}>
              <span className={`studio-slot choice-${i}`} aria-hidden="true">
                <Shape index={i} />
              </span>
              <label htmlFor={fieldId(key)} className="sr-only">
                {fill(t.choiceName, { letter, shape: shapeLabel(i) })}
              </label>
              <input
                id={fieldId(key)}
                ref={rows.ref(i)}
                className="input studio-choice-input"
                value={text}
                placeholder={fill(i < LIMITS.choices.min ? t.placeholder : t.placeholderOptional, { letter })}
                maxLength={LIMITS.choiceLength + 40}
                onChange={(e) => setChoice(i, e.target.value)}
                onKeyDown={rows.onKeyDown(i)}
                {...describedBy(fieldId(key), own)}
              />
              {marking === "none" ? null : (
                <label className="studio-mark">
                  <input
                    type={marking === "one" ? "radio" : "checkbox"}
                    name={marking === "one" ? fieldId("correct") : undefined}
                    id={i === 0 ? fieldId("correct") : undefined}
                    checked={right}
                    onChange={(e) => mark(i, e.target.checked)}
                  />
                  <span>
                    {t.right}
                    <span className="sr-only">{fill(t.rightFor, { letter })}</span>
                  </span>
                </label>
              )}
              <RemoveRow
                label={fill(t.removeChoice, { letter })}
                disabled={choices.length <= LIMITS.choices.min}
                onRemove={() => remove(i)}
              />
              <FieldProblems fieldId={fieldId(key)} problems={own} />
            </li>
          );
        })}
      </ol>
      <ListEnd
        fieldId={fieldId("choices")}
        problems={listProblems}
        room={choices.length < LIMITS.choices.max}
        addLabel={t.add}
        onAdd={add}
      />
    </fieldset>
  );
}
