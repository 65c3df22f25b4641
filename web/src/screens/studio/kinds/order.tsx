/**
 * "Put in order": the author writes 3–6 items in the right order (first at the top); each game shows them shuffled
 * and only the exact order scores. The items live in the draft's choice slots, so a choice question switched to an
 * order question (and back) keeps its texts. Items are reordered with Move up / Move down; Enter goes on to the next.
 */

import { useStore } from "@nanostores/react";
import { LIMITS } from "@protocol/values";
import { useId } from "react";
import { fill } from "../../../i18n";
import type { DraftQuestion } from "../draft";
import { describedBy, FieldProblems, ListEnd, problemId, RemoveRow } from "../fields";
import { useRows } from "./rows";
import { kindText, orderText } from "./text";
import type { KindFieldsProps, KindModule, Written } from "./types";

function writeItems(q: DraftQuestion): Written & { items: string[] } {
  const kept = q.choices.flatMap((c, i) => (c.trim() ? [i] : []));
  const items = kept.map((i) => q.choices[i] as string);
  return {
    items,
    fields: { items },
    // The schema's `items` are the editor's choice slots.
    fieldKey: ([key, n]) =>
      key === "items" ? (typeof n === "number" ? `choices.${kept[n] ?? n}` : "choices") : String(key ?? "question"),
  };
}

/**
 * As players first see the items: shuffled by the game, never in the right order. The preview and the share link
 * show them moved round by one (the last first), which is never the right order either and does not change.
 */
function shownOrder(items: string[]): string[] {
  return items.length < 2 ? items : [items[items.length - 1] as string, ...items.slice(0, -1)];
}

function ItemList({ question, index, change, problems, fieldId }: KindFieldsProps) {
  const t = useStore(orderText);
  const hintId = useId();
  const items = question.choices;
  const n = index + 1;
  const set = (next: string[], label: string, key?: string) =>
    change({ choices: next }, { label, ...(key ? { key } : {}) });
  const add = () => {
    if (items.length >= LIMITS.orderItems.max) return;
    set([...items, ""], fill(t.add, { n }));
    rows.focus(items.length);
  };
  const rows = useRows(items.length, add);
  const remove = (i: number) => {
    set(
      items.filter((_, j) => j !== i),
      fill(t.remove, { item: i + 1, n }),
    );
    rows.focus(Math.max(0, Math.min(i, items.length - 2)));
  };
  const move = (i: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    next.splice(to, 0, item as string);
    set(next, fill(t.move, { item: i + 1, n, to: to + 1 }));
  };
  const listProblems = problems("choices");
  return (
    <fieldset
      className="studio-choices studio-order"
      aria-describedby={listProblems.length ? `${problemId(fieldId("choices"))} ${hintId}` : hintId}
    >
      <legend>{t.legend}</legend>
      <p id={hintId} className="field-hint">
        {t.hint}
      </p>
      <ol className="studio-choice-list studio-order-list">
        {items.map((text, i) => {
          const key = `choices.${i}`;
          const own = problems(key);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: an item is its slot; moving swaps the texts of two slots
            <li key={i} className="studio-choice studio-order-item">
              <span className="place-number studio-order-place" aria-hidden="true">
                {i + 1}
              </span>
              <label htmlFor={fieldId(key)} className="sr-only">
                {fill(t.name, { item: i + 1 })}
              </label>
              <input
                id={fieldId(key)}
                ref={rows.ref(i)}
                className="input studio-choice-input"
                value={text}
                placeholder={
                  i === 0
                    ? t.first
                    : fill(i < LIMITS.orderItems.min ? t.placeholder : t.placeholderOptional, { item: i + 1 })
                }
                maxLength={LIMITS.choiceLength + 40}
                onChange={(e) =>
                  set(
                    items.map((c, j) => (j === i ? e.target.value : c)),
                    fill(t.edit, { item: i + 1, n }),
                    `${question.id}:item:${i}`,
                  )
                }
                onKeyDown={rows.onKeyDown(i)}
                {...describedBy(fieldId(key), own)}
              />
              <span className="studio-order-moves">
                <button
                  type="button"
                  className="btn btn-ghost btn-small studio-icon-btn"
                  aria-label={fill(t.up, { item: i + 1 })}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small studio-icon-btn"
                  aria-label={fill(t.down, { item: i + 1 })}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <RemoveRow
                  label={fill(t.removeRow, { item: i + 1 })}
                  disabled={items.length <= LIMITS.orderItems.min}
                  onRemove={() => remove(i)}
                />
              </span>
              <FieldProblems fieldId={fieldId(key)} problems={own} />
            </li>
          );
        })}
      </ol>
      <ListEnd
        fieldId={fieldId("choices")}
        problems={listProblems}
        room={items.length < LIMITS.orderItems.max}
        addLabel={t.addItem}
        onAdd={add}
      />
    </fieldset>
  );
}

function OrderShare({ question, answers }: { question: DraftQuestion; answers: boolean }) {
  const { items } = writeItems(question);
  return answers ? (
    <ol className="studio-share-order">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  ) : (
    <ul className="studio-share-order shuffled">
      {shownOrder(items).map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export const orderKind: KindModule = {
  kind: "order",
  get label() {
    return kindText.get().orderLabel;
  },
  get hint() {
    return kindText.get().orderHint;
  },
  read: (q) => (q.kind === "order" ? { choices: [...q.items] } : {}),
  write: (q) => writeItems(q),
  // Choices become the items (in the order written); an order needs at least three slots.
  switchTo(q) {
    const choices = q.choices.some((c) => c.trim()) ? q.choices : new Array<string>(4).fill("");
    const padded = [...choices, ...new Array<string>(Math.max(0, LIMITS.orderItems.min - choices.length)).fill("")];
    return { choices: padded.slice(0, LIMITS.orderItems.max) };
  },
  play(q) {
    const { items } = writeItems(q);
    const shown = shownOrder(items);
    const right = items.map((item) => shown.indexOf(item));
    // Example figures for the reveal: the first items placed right most often.
    const counts = shown.map((item) => Math.max(3, 14 - 3 * items.indexOf(item)));
    return {
      choices: shown,
      correct: { choices: right },
      wrongAnswer: shown.map((_, i) => i),
      reveal: { counts },
    };
  },
  problem(key, issue) {
    const t = orderText.get();
    if (key === "choices") {
      if (issue.code === "too_small") return fill(t.atLeast, { min: LIMITS.orderItems.min });
      if (issue.code === "too_big") return fill(t.atMost, { max: LIMITS.orderItems.max });
      return t.same;
    }
    if (key.startsWith("choices.") && issue.code === "too_small") return t.fill;
    return undefined;
  },
  Fields: ItemList,
  Share: OrderShare,
};
