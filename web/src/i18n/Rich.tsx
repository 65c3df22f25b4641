/**
 * A translated sentence with parts that are elements ("Leave it empty to play as <strong>Tom</strong>"): the
 * message keeps `{name}` placeholders so each language can put them where its grammar wants them.
 */
import { Fragment, type ReactNode } from "react";

export function Rich({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) => (
        // Odd indexes are the placeholders' names.
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move; the index is their identity
        <Fragment key={i}>{i % 2 === 1 ? (part in values ? values[part] : `{${part}}`) : part}</Fragment>
      ))}
    </>
  );
}
