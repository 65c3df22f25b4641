/** Connection state and short-lived notices, shared by the host and player screens. */
import { useStore } from "@nanostores/react";
import { useEffect } from "react";
import { i18n } from "../i18n";
import type { LinkStatus, Problem } from "../lib/connection";

const messages = i18n("banner", {
  reconnecting: "Reconnecting…",
  connecting: "Connecting…",
  dismiss: "Dismiss message",
});

export function ConnectionBanner({ status }: { status: LinkStatus }) {
  const t = useStore(messages);
  const text = status === "reconnecting" ? t.reconnecting : status === "connecting" ? t.connecting : "";
  // The live region is always there (so the change is announced); the pill inside appears only when needed.
  return (
    <div className="connection-region" role="status" aria-live="polite">
      {text ? (
        <div className="connection-banner">
          <span className="spinner" aria-hidden="true" />
          {text}
        </div>
      ) : null}
    </div>
  );
}

export function NoticeToast({ notice, onDismiss }: { notice: Problem | null; onDismiss: () => void }) {
  const t = useStore(messages);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(onDismiss, 6000);
    return () => window.clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className="toast-region" role="alert">
      {notice ? (
        <div className="toast">
          <span>{notice.message}</span>
          <button type="button" className="toast-close" onClick={onDismiss} aria-label={t.dismiss}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
