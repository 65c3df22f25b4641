/** "Type the answer": players type; every accepted spelling is listed. */

import { useStore } from "@nanostores/react";
import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { fill } from "../../../i18n";
import { describedBy, FieldProblems, ListEnd, problemId, RemoveRow } from "../fields";
import { useRows } from "./rows";
import { acceptedText, kindText } from "./text";
import type { KindFieldsProps, KindModule } from "./types";

function AcceptedFields({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const t = useStore(acceptedText);
  const hintId = useId();
  const { accepted } = question;
  const n = index + 1;

  const add = () => {
    if (accepted.length >= LIMITS.acceptedAnswers) return;
    change({ accepted: [...accepted, ""] }, { label: fill(t.add, { n }) });
    rows.focus(accepted.length);
  };
  const rows = useRows(accepted.length, add);
  const remove = (i: number) => {
    change({ accepted: accepted.filter((_, j) => j !== i) }, { label: fill(t.remove, { n }) });
    rows.focus(Math.max(0, Math.min(i, accepted.length - 2)));
  };
  const listProblems = problems("accepted");
  return (
    <fieldset
      className="studio-accepted"
      aria-describedby={listProblems.length ? `${problemId(fieldId("accepted"))} ${hintId}` : hintId}
    >
      <legend>{t.legend}</legend>
      <p id={hintId} className="field-hint">
        {t.hint}
      </p>
      <ol className="studio-accepted-list">
        {accepted.map((text, i) => {
          const key = `accepted.${i}`;
          const own = problems(key);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: answers are only added and removed
            <li key={i} className="studio-accepted-row">
              <label htmlFor={fieldId(key)} className="sr-only">
                {fill(t.name, { n: i + 1 })}
              </label>
              <input
                id={fieldId(key)}
                ref={rows.ref(i)}
                className="input"
                value={text}
                placeholder={i === 0 ? t.first : t.another}
                maxLength={LIMITS.typedAnswerLength + 40}
                onChange={(e) =>
                  change(
                    { accepted: accepted.map((a, j) => (j === i ? e.target.value : a)) },
                    { label: fill(t.edit, { n }), key: `${question.id}:accepted:${i}` },
                  )
                }
                onKeyDown={rows.onKeyDown(i)}
                {...describedBy(fieldId(key), own)}
              />
              <RemoveRow
                label={fill(t.removeRow, { n: i + 1 })}
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
        addLabel={t.addSpelling}
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
  get label() {
    return kindText.get().typeLabel;
  },
  get hint() {
    return kindText.get().typeHint;
  },
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
  problem: (key, issue) => (key === "accepted" && issue.code === "too_small" ? kindText.get().typeGiveOne : undefined),
  Fields: AcceptedFields,
};
