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
