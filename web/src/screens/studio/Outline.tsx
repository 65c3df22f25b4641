/**
 * The quiz's questions in order: pick one to edit, drag one (mouse, touch, or the keyboard: Space on its handle,
 * arrows, Space) to reorder, add one of any kind after the open question. dnd-kit does the dragging and speaks each
 * move through its live region, in the words given here.
 */
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useStore } from "@nanostores/react";
import type { QuestionKind } from "@protocol/values";
import { useId } from "react";
import { fill, i18n, plural } from "../../i18n";
import type { DraftQuestion } from "./draft";
import { PromptKeyboardSensor } from "./keyboardSensor";
import { KIND_ORDER, KINDS } from "./kinds";

interface Props {
  questions: DraftQuestion[];
  selectedId: string | null;
  /** Problems per question id. */
  problemCount: (id: string) => number;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onAdd: (kind: QuestionKind) => void;
  maxQuestions: number;
}

const messages = i18n("outline", {
  pickedUp: "Picked up question {n}.",
  over: "Question {n} is over position {to}.",
  movedTo: "Question {n} moved to position {to}.",
  dropped: "Question {n} dropped where it was.",
  cancelled: "Moving cancelled. Question {n} stays where it was.",
  questions: "Questions",
  instructions:
    "To move a question, press Space or Enter on its handle, use the up and down arrows to choose its new place, then press Space or Enter again. Escape cancels.",
  move: "Move question {n}",
  noText: "No question yet",
  problems: plural({ one: ", {count} problem", other: ", {count} problems" }),
  add: "Add a question",
  full: "A quiz has at most {max} questions.",
});

export function Outline({ questions, selectedId, problemCount, onSelect, onMove, onAdd, maxQuestions }: Props) {
  const t = useStore(messages);
  const headingId = useId();
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the handle is still a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // dnd-kit's keyboard sensor, keeping the keys pressed right after the pick-up (see keyboardSensor.ts).
    useSensor(PromptKeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const position = (id: UniqueIdentifier) => questions.findIndex((q) => q.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => fill(t.pickedUp, { n: position(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? fill(t.over, { n: position(active.id), to: position(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? fill(t.movedTo, { n: position(active.id), to: position(over.id) })
        : fill(t.dropped, { n: position(active.id) }),
    onDragCancel: ({ active }) => fill(t.cancelled, { n: position(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(position(active.id) - 1, position(over.id) - 1);
  };

  return (
    <section className="studio-outline" aria-labelledby={headingId}>
      <h2 id={headingId} className="studio-section-title">
        {t.questions} <span className="studio-count">({questions.length})</span>
      </h2>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: t.instructions,
          },
        }}
      >
        <SortableContext items={questions.map((q) => q.id)} strategy={verticalListSortingStrategy}>
          <ol className="studio-outline-list">
            {questions.map((q, i) => (
              <OutlineItem
                key={q.id}
                question={q}
                index={i}
                selected={q.id === selectedId}
                problems={problemCount(q.id)}
                onSelect={() => onSelect(q.id)}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <AddQuestion onAdd={onAdd} full={questions.length >= maxQuestions} max={maxQuestions} />
    </section>
  );
}

function OutlineItem({
  question,
  index,
  selected,
  problems,
  onSelect,
}: {
  question: DraftQuestion;
  index: number;
  selected: boolean;
  problems: number;
  onSelect: () => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: question.id,
  });
  const t = useStore(messages);
  const text = question.text.trim();
  return (
    <li
      ref={setNodeRef}
      className={`studio-outline-item${selected ? " selected" : ""}${isDragging ? " dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="studio-handle"
        {...attributes}
        {...listeners}
        aria-label={fill(t.move, { n: index + 1 })}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <button
        type="button"
        className="studio-outline-pick"
        aria-current={selected ? "true" : undefined}
        onClick={onSelect}
        data-question={question.id}
      >
        <span className="studio-outline-number">{index + 1}</span>
        <span className="studio-outline-text">
          <span className="studio-outline-kind">{KINDS[question.kind].label}</span>
          <span className={`studio-outline-q${text ? "" : " empty"}`}>{text || t.noText}</span>
        </span>
        {problems ? (
          <span className="studio-outline-problems">
            <span aria-hidden="true">!</span>
            <span className="sr-only">{t.problems(problems)}</span>
          </span>
        ) : null}
      </button>
    </li>
  );
}

function AddQuestion({ onAdd, full, max }: { onAdd: (kind: QuestionKind) => void; full: boolean; max: number }) {
  const t = useStore(messages);
  const id = useId();
  return (
    <fieldset className="studio-add">
      <legend id={id} className="studio-add-title">
        {t.add}
      </legend>
      {full ? (
        <p className="field-hint">{fill(t.full, { max })}</p>
      ) : (
        <div className="studio-add-kinds">
          {KIND_ORDER.map((k) => (
            <button
              key={k.kind}
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onAdd(k.kind)}
              title={k.hint}
            >
              <span aria-hidden="true">+ </span>
              {k.label}
            </button>
          ))}
        </div>
      )}
    </fieldset>
  );
}
