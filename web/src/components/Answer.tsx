/**
 * Answering, for every question kind: one tap (choice, true/false, poll), a set then Submit (multi), a typed answer
 * then Submit (type), a number on a slider (slider) or the items put in order (order), each then locked in. Choices
 * are real buttons with colour + shape + letter + label.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue } from "@protocol/slider";
import { type AnswerChoice, LIMITS, type QuestionPayload } from "@protocol/values";
import { type FormEvent, useId, useState } from "react";
import { fill, i18n, plural } from "../i18n";
import { choiceLabels } from "../lib/game";
import { OrderAnswer } from "./OrderAnswer";
import { letterOf, Shape, shapeLabel } from "./Shape";
import { SliderAnswer } from "./SliderAnswer";

const messages = i18n("answer", {
  answers: "Answers",
  choice: "{letter}, {shape}: {label}",
  pickEvery: "Pick every right answer, then submit.",
  answersMulti: "Answers (pick all that apply)",
  pickOne: "Pick at least one",
  submitPicked: plural({ one: "Submit {count} answer", other: "Submit {count} answers" }),
  typeYours: "Type your answer",
  submit: "Submit answer",
});

/** "A, Triangle: Paris": what a screen reader says for a choice button. */
export function choiceName(i: number, label: string): string {
  return fill(messages.get().choice, { letter: letterOf(i), shape: shapeLabel(i), label });
}

export function AnswerPad({
  question,
  disabled,
  onAnswer,
}: {
  question: QuestionPayload;
  disabled: boolean;
  onAnswer: (choice: AnswerChoice) => void;
}) {
  const t = useStore(messages);
  if (question.kind === "type") return <TypedAnswer disabled={disabled} onAnswer={onAnswer} />;
  // Keyed by what they show: another question (or an edited one in the studio's preview) starts afresh.
  if (question.kind === "slider" && question.slider) {
    const { min, max, step } = question.slider;
    return (
      <SliderAnswer
        key={`${question.index}|${min}|${max}|${step}`}
        scale={question.slider}
        disabled={disabled}
        onAnswer={onAnswer}
      />
    );
  }
  if (question.kind === "order") {
    const items = question.choices ?? [];
    return (
      <OrderAnswer
        key={`${question.index}|${items.join("\n")}`}
        items={items}
        disabled={disabled}
        onAnswer={onAnswer}
      />
    );
  }
  if (question.kind === "multi")
    return <MultiAnswer choices={question.choices ?? []} disabled={disabled} onAnswer={onAnswer} />;
  const choices = choiceLabels(question);
  return (
    <fieldset className={`choice-grid count-${choices.length}`}>
      <legend className="sr-only">{t.answers}</legend>
      {choices.map((label, i) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
          key={i}
          type="button"
          className={`choice choice-${i}`}
          disabled={disabled}
          onClick={() => onAnswer(i)}
          aria-label={choiceName(i, label)}
        >
          <Shape index={i} />
          <span className="choice-label">{label}</span>
        </button>
      ))}
    </fieldset>
  );
}

function MultiAnswer({
  choices,
  disabled,
  onAnswer,
}: {
  choices: string[];
  disabled: boolean;
  onAnswer: (choice: AnswerChoice) => void;
}) {
  const t = useStore(messages);
  const [picked, setPicked] = useState<number[]>([]);
  const toggle = (i: number) =>
    setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i].sort((a, b) => a - b)));
  return (
    <div className="multi">
      <p className="kind-hint">{t.pickEvery}</p>
      <fieldset className={`choice-grid count-${choices.length}`}>
        <legend className="sr-only">{t.answersMulti}</legend>
        {choices.map((label, i) => (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
            key={i}
            type="button"
            className={`choice choice-${i}${picked.includes(i) ? " picked" : ""}`}
            disabled={disabled}
            aria-pressed={picked.includes(i)}
            onClick={() => toggle(i)}
            aria-label={choiceName(i, label)}
          >
            <Shape index={i} />
            <span className="choice-label">{label}</span>
            <span className="check" aria-hidden="true">
              {picked.includes(i) ? "✓" : ""}
            </span>
          </button>
        ))}
      </fieldset>
      <button
        type="button"
        className="btn btn-accent btn-block btn-large"
        disabled={disabled || picked.length === 0}
        onClick={() => onAnswer(picked)}
      >
        {picked.length === 0 ? t.pickOne : t.submitPicked(picked.length)}
      </button>
    </div>
  );
}

function TypedAnswer({ disabled, onAnswer }: { disabled: boolean; onAnswer: (choice: AnswerChoice) => void }) {
  const t = useStore(messages);
  const id = useId();
  const [text, setText] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) onAnswer(text.trim());
  };
  return (
    <form className="typed" onSubmit={submit}>
      <label htmlFor={id} className="kind-hint">
        {t.typeYours}
      </label>
      <input
        id={id}
        className="input input-large"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={LIMITS.typedAnswerLength}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-accent btn-block btn-large" disabled={disabled || !text.trim()}>
        {t.submit}
      </button>
    </form>
  );
}

/** How an answer reads in words, for the locked-in and reveal states. */
export function describeAnswer(question: QuestionPayload | null, choice: AnswerChoice | null): string {
  if (choice === null) return "";
  if (typeof choice === "string") return choice;
  if (question?.slider && typeof choice === "number") return formatSliderValue(question.slider, choice);
  const labels = choiceLabels(question);
  const one = (i: number) => labels[i] ?? letterOf(i);
  if (question?.kind === "order" && Array.isArray(choice)) return choice.map(one).join(" → ");
  return Array.isArray(choice) ? choice.map(one).join(", ") : one(choice);
}

/**
 * An answer under a heading ("You answered:"): in words, or for an order question the items as a numbered list,
 * which reads better than one long line.
 */
export function AnswerShown({
  question,
  choice,
  lead,
  className,
}: {
  question: QuestionPayload | null;
  choice: AnswerChoice;
  lead: string;
  className: string;
}) {
  if (question?.kind === "order" && Array.isArray(choice)) {
    return (
      <div className={className}>
        <p className="order-lead">{lead}</p>
        <ol className="order-shown">
          {choice.map((i) => (
            <li key={i}>{question.choices?.[i] ?? letterOf(i)}</li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <p className={className}>
      {lead} <strong>{describeAnswer(question, choice)}</strong>
    </p>
  );
}
