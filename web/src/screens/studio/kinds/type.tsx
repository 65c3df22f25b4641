/** "Type the answer": players type; every accepted spelling is listed. */

import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { describedBy, FieldProblems, ListEnd, problemId, RemoveRow } from "../fields";
import { useRows } from "./rows";
import type { KindFieldsProps, KindModule } from "./types";

function AcceptedFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const hintId = useId();
  const { accepted } = question;
  const q = `question ${index + 1}`;

  const add = () => {
    if (accepted.length >= LIMITS.acceptedAnswers) return;
    change({ accepted: [...accepted, ""] }, { label: `Add an accepted answer to ${q}` });
    rows.focus(accepted.length);
  };
  const rows = useRows(accepted.length, add);
  const remove = (i: number) => {
    change({ accepted: accepted.filter((_, j) => j !== i) }, { label: `Remove an accepted answer of ${q}` });
    rows.focus(Math.max(0, Math.min(i, accepted.length - 2)));
  };
  const listProblems = problems("accepted");
  return (
    <fieldset
      className="studio-accepted"
      aria-describedby={listProblems.length ? `${problemId(fieldId("accepted"))} ${hintId}` : hintId}
    >
      <legend>Accepted answers</legend>
      <p id={hintId} className="field-hint">
        Case, accents, punctuation and a leading “the” or “a” do not matter; list every other spelling you accept.
      </p>
      <ol className="studio-accepted-list">
        {accepted.map((text, i) => {
          const key = `accepted.${i}`;
          const own = problems(key);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: answers are only added and removed
            <li key={i} className="studio-accepted-row">
              <label htmlFor={fieldId(key)} className="sr-only">
                Accepted answer {i + 1}
              </label>
              <input
                id={fieldId(key)}
                ref={rows.ref(i)}
                className="input"
                value={text}
                placeholder={i === 0 ? "The answer" : "Another spelling"}
                maxLength={LIMITS.typedAnswerLength + 40}
                onChange={(e) =>
                  change(
                    { accepted: accepted.map((a, j) => (j === i ? e.target.value : a)) },
                    { label: `Edit an accepted answer of ${q}`, key: `${question.id}:accepted:${i}` },
                  )
                }
                onKeyDown={rows.onKeyDown(i)}
                {...describedBy(fieldId(key), own)}
              />
              <RemoveRow
                label={`Remove accepted answer ${i + 1}`}
                disabled={accepted.length <= 1}
                onRemove={() => remove(i)}
              />
              <FieldProblems fieldId={fieldId(key)} problems={own} />
            </li>
          );
        })}
      </ol>
      <ListEnd
        fieldId={fieldId("accepted")}
        problems={listProblems}
        room={accepted.length < LIMITS.acceptedAnswers}
        addLabel="Add a spelling"
        onAdd={add}
      />
    </fieldset>
  );
}

function writeAccepted(q: { accepted: string[] }) {
  const kept = q.accepted.flatMap((a, i) => (a.trim() ? [i] : []));
  return { kept, accepted: kept.map((i) => q.accepted[i] as string) };
}

export const typeKind: KindModule = {
  kind: "type",
  label: "Type the answer",
  hint: "Players type their answer.",
  read: (q) => (q.kind === "type" ? { accepted: [...q.accepted] } : {}),
  write(q) {
    const { kept, accepted } = writeAccepted(q);
    return {
      fields: { accepted },
      fieldKey: ([key, n]) =>
        key === "accepted" && typeof n === "number" ? `accepted.${kept[n] ?? n}` : String(key ?? "question"),
    };
  },
  // The right choices of a choice question are a good first guess at what players should type.
  switchTo(q) {
    if (q.accepted.some((a) => a.trim())) return {};
    const fromChoices =
      q.kind === "choice" || q.kind === "multi" ? q.correct.map((i) => q.choices[i] ?? "").filter((c) => c.trim()) : [];
    return { accepted: fromChoices.length ? fromChoices : [""] };
  },
  play: (q) => ({ correct: { choices: [], accepted: writeAccepted(q).accepted }, wrongAnswer: "?" }),
  problem: (key, issue) =>
    key === "accepted" && issue.code === "too_small" ? "Give at least one accepted answer." : undefined,
  Fields: AcceptedFields,
};
