/**
 * Pairing a phone as the host's remote (Remote in the control bar, or R). The room sees the big screen, so the QR
 * never holds the host's token: it holds a pairing code the host asks for here, which works once, for one minute,
 * and dies when this dialog closes. The phone that scans it gets a remote seat of its own. Every paired phone is
 * listed, with whether it is connected, and can be revoked (its connection closes, its seat stops working).
 */
import { useStore } from "@nanostores/react";
import { useEffect, useState } from "react";
import { fill, i18n } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { Dialog } from "./Dialog";
import { QrCode } from "./Qr";
import "./players.css";

const messages = i18n("remoteDialog", {
  title: "Remote",
  intro:
    "Run the game from your phone while you walk around: Next, Pause, Skip, Lock, End and the player list. Scan the code with the phone you want to use. It works once, for one minute, and only for this game.",
  left: "Works once · {seconds} s left",
  hideCode: "Hide the code",
  expired: "That code has expired.",
  newCode: "Show a new code",
  pair: "Pair a phone",
  paired: "Paired phones",
  none: "None yet.",
  connected: "connected",
  notConnected: "not connected",
  revokeName: "Revoke {name}",
  revoke: "Revoke",
});

/** Where a phone opens the remote: the site the join link points at, with the code after the # (never sent to a server). */
export function remoteUrl(joinUrl: string, code: string, pairingCode: string): string {
  return `${new URL(joinUrl).origin}/remote/${code}#${pairingCode}`;
}

/**
 * Seconds left on a pairing code. Its minute is counted on this device's clock from when the code arrived (the
 * message's own `serverTime` to `expiresAt`), so a clock that is off, or jumps, changes nothing.
 */
function useSecondsLeft(pairing: { pairingCode: string; expiresAt: number; serverTime: number } | null): number {
  const [until, setUntil] = useState<{ code: string; at: number } | null>(null);
  const code = pairing?.pairingCode ?? null;
  if (pairing && until?.code !== pairing.pairingCode) {
    setUntil({ code: pairing.pairingCode, at: Date.now() + (pairing.expiresAt - pairing.serverTime) });
  }
  const at = until && until.code === code ? until.at : null;
  // Redrawn four times a second while a code is up.
  const [, redraw] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const timer = window.setInterval(() => redraw((n) => n + 1), 250);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function RemoteDialog({
  open,
  onClose,
  view,
  link,
  joinUrl,
}: {
  open: boolean;
  onClose: () => void;
  view: GameView;
  link: GameLink;
  joinUrl: string;
}) {
  // A code this screen stopped showing (dialog closed, or cancelled) is never shown again, even before the server's
  // next word about it.
  const t = useStore(messages);
  const [dropped, setDropped] = useState<string | null>(null);
  const pairing = view.pairing && view.pairing.pairingCode !== dropped ? view.pairing : null;
  const seconds = useSecondsLeft(pairing);
  const live = pairing !== null && seconds > 0;
  const offline = link.status !== "open";
  const drop = () => {
    if (!pairing) return;
    setDropped(pairing.pairingCode);
    link.send({ type: "cancelPairing" });
  };
  const close = () => {
    drop();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={t.title} className="remote-dialog">
      <p className="remote-intro">{t.intro}</p>
      {live ? (
        <div className="pairing">
          <QrCode text={remoteUrl(joinUrl, view.code, pairing.pairingCode)} />
          <div className="pairing-side">
            <p className="pairing-time" role="timer" aria-live="off">
              {fill(t.left, { seconds })}
            </p>
            <button type="button" className="btn btn-ghost btn-small" onClick={drop}>
              {t.hideCode}
            </button>
          </div>
        </div>
      ) : (
        <div className="pairing-start">
          {pairing ? <p className="calm">{t.expired}</p> : null}
          <button
            type="button"
            className="btn btn-accent"
            disabled={offline}
            onClick={() => {
              setDropped(null);
              link.send({ type: "pair" });
            }}
          >
            {pairing ? t.newCode : t.pair}
          </button>
        </div>
      )}
      <section className="remotes" aria-labelledby="remotes-title">
        <h3 id="remotes-title" className="remotes-title">
          {t.paired}
        </h3>
        {view.remotes.length === 0 ? (
          <p className="calm">{t.none}</p>
        ) : (
          <ul className="remote-list" aria-labelledby="remotes-title">
            {view.remotes.map((r) => (
              <li key={r.id} className="remote-row">
                <span className={`remote-dot${r.connected ? " on" : ""}`} aria-hidden="true" />
                <span className="remote-label">{r.label}</span>
                <span className="remote-state">{r.connected ? t.connected : t.notConnected}</span>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={offline}
                  aria-label={fill(t.revokeName, { name: r.label })}
                  onClick={() => link.send({ type: "revokeRemote", remoteId: r.id })}
                >
                  {t.revoke}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
