/** "True or false": players judge a statement. */
import { useStore } from "@nanostores/react";
import { useId } from "react";
import { fill } from "../../../i18n";
import { describedBy, FieldProblems } from "../fields";
import { kindText } from "./text";
import type { KindFieldsProps, KindModule } from "./types";

function TrueFalseFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const t = useStore(kindText);
  const name = useId();
  const own = problems("correct");
  const value = question.correct[0];
  const options = [
    { label: t.true, index: 0, undo: t.setTrue },
    { label: t.false, index: 1, undo: t.setFalse },
  ];
  return (
    <fieldset className="studio-truefalse" {...describedBy(fieldId("correct"), own)}>
      <legend>{t.truefalseIs}</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.label} className={`segment${value === o.index ? " on" : ""}`}>
            <input
              type="radio"
              name={name}
              id={o.index === 0 ? fieldId("correct") : undefined}
              checked={value === o.index}
              onChange={() => change({ correct: [o.index] }, { label: fill(o.undo, { n: index + 1 }) })}
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldProblems fieldId={fieldId("correct")} problems={own} />
    </fieldset>
  );
}

export const trueFalseKind: KindModule = {
  kind: "truefalse",
  get label() {
    return kindText.get().truefalseLabel;
  },
  get hint() {
    return kindText.get().truefalseHint;
  },
  read: (q) => (q.kind === "truefalse" ? { correct: [q.correct ? 0 : 1] } : {}),
  write: (q) => ({
    fields: q.correct[0] === 0 || q.correct[0] === 1 ? { correct: q.correct[0] === 0 } : {},
    fieldKey: ([key]) => String(key ?? "question"),
  }),
  // Choices are kept for switching back; a choice question's marks do not mean true or false.
  switchTo: () => ({ correct: [] }),
  play: (q) => ({
    choices: [kindText.get().true, kindText.get().false],
    correct: { choices: [q.correct[0] ?? 0] },
    wrongAnswer: q.correct[0] === 0 ? 1 : 0,
  }),
  problem: (key, issue) =>
    key === "correct" && issue.code === "invalid_type" ? kindText.get().truefalseSay : undefined,
  Fields: TrueFalseFields,
};
