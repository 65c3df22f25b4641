/** Small pieces every field editor shares: a field's problems, shown next to it and tied to it for screen readers. */

/** The id of the element that lists a field's problems. */
export function problemId(fieldId: string): string {
  return `${fieldId}-problem`;
}

/** Props that tie an input to its problems (and to a hint, when it has one). */
export function describedBy(fieldId: string, problems: readonly string[], hintId?: string) {
  const ids = [problems.length ? problemId(fieldId) : null, hintId ?? null].filter(Boolean).join(" ");
  return {
    "aria-invalid": problems.length ? (true as const) : undefined,
    "aria-describedby": ids || undefined,
  };
}

export function FieldProblems({ fieldId, problems }: { fieldId: string; problems: readonly string[] }) {
  if (!problems.length) return null;
  return (
    <p id={problemId(fieldId)} className="field-error studio-problem">
      {problems.map((p) => (
        // One line each; the space keeps sentences apart where assistive technology joins them.
        <span key={p}>{p} </span>
      ))}
    </p>
  );
}

/** A row's remove button (×), disabled while the list is as short as it may be. */
export function RemoveRow({ label, disabled, onRemove }: { label: string; disabled: boolean; onRemove: () => void }) {
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small studio-icon-btn"
      aria-label={label}
      disabled={disabled}
      onClick={onRemove}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}

/** The end of a list of rows (choices, spellings, items): the list's own problems, and the add button while there is room. */
export function ListEnd({
  fieldId,
  problems,
  room,
  addLabel,
  onAdd,
}: {
  fieldId: string;
  problems: readonly string[];
  room: boolean;
  addLabel: string;
  onAdd: () => void;
}) {
  return (
    <>
      <FieldProblems fieldId={fieldId} problems={problems} />
      {room ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onAdd}>
          {addLabel}
        </button>
      ) : null}
    </>
  );
}
