/** "True or false": players judge a statement. */
import { useId } from "react";
import { describedBy, FieldProblems } from "../fields";
import type { KindFieldsProps, KindModule } from "./types";

function TrueFalseFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const name = useId();
  const own = problems("correct");
  const value = question.correct[0];
  const options = [
    { label: "True", index: 0 },
    { label: "False", index: 1 },
  ];
  return (
    <fieldset className="studio-truefalse" {...describedBy(fieldId("correct"), own)}>
      <legend>The statement is</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.label} className={`segment${value === o.index ? " on" : ""}`}>
            <input
              type="radio"
              name={name}
              id={o.index === 0 ? fieldId("correct") : undefined}
              checked={value === o.index}
              onChange={() =>
                change({ correct: [o.index] }, { label: `Set question ${index + 1} to ${o.label.toLowerCase()}` })
              }
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
  label: "True or false",
  hint: "Players decide whether the statement is true.",
  read: (q) => (q.kind === "truefalse" ? { correct: [q.correct ? 0 : 1] } : {}),
  write: (q) => ({
    fields: q.correct[0] === 0 || q.correct[0] === 1 ? { correct: q.correct[0] === 0 } : {},
    fieldKey: ([key]) => String(key ?? "question"),
  }),
  // Choices are kept for switching back; a choice question's marks do not mean true or false.
  switchTo: () => ({ correct: [] }),
  play: (q) => ({
    choices: ["True", "False"],
    correct: { choices: [q.correct[0] ?? 0] },
    wrongAnswer: q.correct[0] === 0 ? 1 : 0,
  }),
  problem: (key, issue) =>
    key === "correct" && issue.code === "invalid_type" ? "Say whether the statement is true or false." : undefined,
  Fields: TrueFalseFields,
};
