/**
 * An order question on the phone: the items as the server shuffled them, first at the top. A finger (or the mouse)
 * drags an item to its place, the others make room as it passes them; the Move up and Move down buttons do the same
 * from the keyboard or for anyone who would rather tap, and every move is announced. The answer is the shown
 * indexes in the order the player put them. Pointer events only: no drag-and-drop library on the phone.
 */
import { useStore } from "@nanostores/react";
import { type PointerEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { fill, i18n } from "../i18n";

interface Drag {
  item: number;
  pointer: number;
  /** Where the pointer was when the item last sat still in its slot (moved as the item changes slots). */
  originY: number;
}

const messages = i18n("order", {
  moved: "{item}: now {place} of {count}.",
  hint: "Put them in order, first at the top: drag an item, or use its arrows. Then lock it in.",
  up: "Move {item} up",
  down: "Move {item} down",
  lockIn: "Lock in this order",
});

export function OrderAnswer({
  items,
  disabled,
  onAnswer,
}: {
  items: string[];
  disabled: boolean;
  onAnswer: (order: number[]) => void;
}) {
  const t = useStore(messages);
  const id = useId();
  const [order, setOrder] = useState(() => items.map((_, i) => i));
  const [dragged, setDragged] = useState<{ item: number; dy: number } | null>(null);
  const [said, setSaid] = useState("");
  const drag = useRef<Drag | null>(null);
  const rows = useRef(new Map<number, HTMLLIElement>());
  const [focusAfterMove, setFocusAfterMove] = useState<{ item: number; up: boolean } | null>(null);
  // The order as last set (pointer events can come faster than renders), and whether the rows on screen show it yet:
  // an item changes slots only once the last change is laid out, so it never jumps two slots on stale positions.
  const current = useRef(order);
  const laidOut = useRef(true);
  useLayoutEffect(() => {
    current.current = order;
    laidOut.current = true;
  }, [order]);

  const announce = (item: number, to: number) =>
    setSaid(fill(t.moved, { item: items[item] ?? "", place: to + 1, count: items.length }));

  const move = (item: number, to: number) => {
    const next = current.current.filter((i) => i !== item);
    next.splice(to, 0, item);
    current.current = next;
    laidOut.current = false;
    setOrder(next);
  };

  // After a button moves an item to an end, that button is disabled: the focus goes to the other one.
  useEffect(() => {
    if (!focusAfterMove) return;
    const row = rows.current.get(focusAfterMove.item);
    const buttons = row?.querySelectorAll<HTMLButtonElement>("button");
    const wanted = buttons?.[focusAfterMove.up ? 0 : 1];
    const other = buttons?.[focusAfterMove.up ? 1 : 0];
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const step = (item: number, by: -1 | 1) => {
    const to = current.current.indexOf(item) + by;
    if (to < 0 || to >= items.length) return;
    move(item, to);
    announce(item, to);
    setFocusAfterMove({ item, up: by < 0 });
  };

  const onPointerDown = (e: PointerEvent<HTMLLIElement>, item: number) => {
    if (disabled || e.button !== 0 || (e.target as Element).closest("button")) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { item, pointer: e.pointerId, originY: e.clientY };
    setDragged({ item, dy: 0 });
  };

  const onPointerMove = (e: PointerEvent<HTMLLIElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointer) return;
    const order = current.current;
    const at = order.indexOf(d.item);
    const self = laidOut.current ? rows.current.get(d.item) : undefined;
    let dy = e.clientY - d.originY;
    // Past half of a neighbour, the item takes its slot: the neighbour moves the other way, the item's offset is
    // counted from its new slot, so it stays under the finger.
    const below = rows.current.get(order[at + 1] as number);
    const above = rows.current.get(order[at - 1] as number);
    if (self && below && dy > below.offsetHeight / 2) {
      d.originY += below.offsetTop + below.offsetHeight - self.offsetTop - self.offsetHeight;
      move(d.item, at + 1);
    } else if (self && above && -dy > above.offsetHeight / 2) {
      d.originY += above.offsetTop - self.offsetTop;
      move(d.item, at - 1);
    }
    dy = e.clientY - d.originY;
    setDragged({ item: d.item, dy });
  };

  const onPointerEnd = (e: PointerEvent<HTMLLIElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointer) return;
    drag.current = null;
    setDragged(null);
    announce(d.item, current.current.indexOf(d.item));
  };

  return (
    <div className="order-answer">
      <p className="kind-hint" id={`${id}-hint`}>
        {t.hint}
      </p>
      <ol className="order-list" aria-describedby={`${id}-hint`}>
        {order.map((item, at) => {
          const label = items[item] as string;
          const moving = dragged?.item === item;
          return (
            <li
              key={item}
              ref={(el) => {
                if (el) rows.current.set(item, el);
                else rows.current.delete(item);
              }}
              className={`order-item${moving ? " dragging" : ""}`}
              style={moving ? { transform: `translateY(${dragged.dy}px)` } : undefined}
              onPointerDown={(e) => onPointerDown(e, item)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerEnd}
              onPointerCancel={onPointerEnd}
            >
              <span className="place-number order-grip" aria-hidden="true">
                {at + 1}
              </span>
              <span className="order-label">{label}</span>
              <span className="order-buttons">
                <button
                  type="button"
                  className="order-move"
                  aria-label={fill(t.up, { item: label })}
                  disabled={disabled || at === 0}
                  onClick={() => step(item, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="order-move"
                  aria-label={fill(t.down, { item: label })}
                  disabled={disabled || at === order.length - 1}
                  onClick={() => step(item, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      <button
        type="button"
        className="btn btn-accent btn-block btn-large"
        disabled={disabled}
        onClick={() => onAnswer(current.current)}
      >
        {t.lockIn}
      </button>
    </div>
  );
}
