/**
 * A modal over the big screen (keyboard help, standings, the player list, pairing a remote): the browser's own
 * <dialog>, so focus moves into it and stays there, the page behind is inert, and Escape closes it. Its content
 * exists only while it is open.
 */
import { useStore } from "@nanostores/react";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { i18n } from "../../i18n";
import "./dialog.css";

const messages = i18n("dialog", { close: "Close" });

export function Dialog({
  open,
  onClose,
  title,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useStore(messages);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog ${className ?? ""}`} aria-labelledby={`${id}-title`} onClose={onClose}>
      {open ? (
        <>
          <div className="dialog-head">
            <h2 id={`${id}-title`}>{title}</h2>
            <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
              {t.close}
            </button>
          </div>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
