/**
 * A phone as the host's remote (/remote/:code, opened from the big screen's pairing QR). The code after the # is a
 * one-time pairing code: the phone exchanges it for a remote seat of its own (its own token, kept on this phone, so a
 * reload comes back), drops it from the address, and then drives the game: the main action, pause, lock, end, and the
 * player list with hide and remove. A separate chunk: players never download it.
 */
import { useEffect, useRef, useState } from "react";
import { ConnectionBanner, NoticeToast } from "../../components/Banner";
import { Countdown, OpensCountdown } from "../../components/Countdown";
import { Screen, Title } from "../../components/Screen";
import { ApiError, pairRemote } from "../../lib/api";
import { type GameLink, useGameLink } from "../../lib/connection";
import { type GameView, ordinal } from "../../lib/game";
import { seats } from "../../lib/storage";
import { spacedCode, useDocumentTitle } from "../../lib/title";
import { type Action, hostActions } from "../host/actions";
import { PlayersPanel } from "../host/PlayersDialog";
import "./remote.css";

/** How the big screen lists this phone: its kind and browser, from the user agent ("iPhone · Safari"). */
function deviceLabel(): string {
  const ua = navigator.userAgent;
  const device = /iPad/.test(ua)
    ? "iPad"
    : /iPhone/.test(ua)
      ? "iPhone"
      : /Android/.test(ua)
        ? "Android phone"
        : /Mac/.test(ua)
          ? "Mac"
          : /Windows/.test(ua)
            ? "Windows PC"
            : "Phone";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox|FxiOS/.test(ua)
      ? "Firefox"
      : /Chrome|CriOS/.test(ua)
        ? "Chrome"
        : /Safari/.test(ua)
          ? "Safari"
          : "";
  return browser ? `${device} · ${browser}` : device;
}

type Pairing = { state: "pairing" } | { state: "failed"; message: string } | { state: "none" };

export default function Remote({ code }: { code: string }) {
  const [seat, setSeat] = useState(() => (window.location.hash.length > 1 ? null : seats.remote(code)));
  const [pairing, setPairing] = useState<Pairing>(() =>
    window.location.hash.length > 1 ? { state: "pairing" } : { state: "none" },
  );
  const started = useRef(false);
  useEffect(() => {
    const pairingCode = window.location.hash.slice(1);
    if (!pairingCode || started.current) return;
    started.current = true;
    // The code works once: it leaves the address (and the history) before it is used.
    window.history.replaceState(null, "", window.location.pathname);
    pairRemote(code, pairingCode, deviceLabel())
      .then((paired) => {
        const next = { token: paired.remoteToken, remoteId: paired.remoteId, label: paired.label };
        seats.setRemote(code, next);
        setSeat(next);
        setPairing({ state: "none" });
      })
      .catch((err: unknown) =>
        setPairing({ state: "failed", message: err instanceof ApiError || err instanceof Error ? err.message : "" }),
      );
  }, [code]);
  const link = useGameLink(code, seat?.token ?? null);
  useEffect(() => {
    if (link.fatal) seats.setRemote(code, null);
  }, [link.fatal, code]);
  useDocumentTitle(`Remote · ${spacedCode(code)} — trivia-edge`);

  if (!seat) {
    return (
      <Screen className="remote">
        <div className="center-stack">
          {pairing.state === "pairing" ? (
            <>
              <Title>Pairing with game {spacedCode(code)}…</Title>
              <span className="spinner spinner-large" aria-hidden="true" />
            </>
          ) : (
            <>
              <Title>Not paired</Title>
              <p className="big-message">
                {pairing.state === "failed"
                  ? pairing.message
                  : "This phone is not a remote for this game. On the big screen, press Remote and scan the code."}
              </p>
              <a className="btn btn-ghost" href="/">
                Back to the start
              </a>
            </>
          )}
        </div>
      </Screen>
    );
  }
  return <RemoteControl link={link} code={code} label={seat.label} />;
}

export function RemoteControl({ link, code, label }: { link: GameLink; code: string; label: string }) {
  const { view, status, fatal, notice, clearNotice } = link;
  const [players, setPlayers] = useState(false);
  return (
    <Screen
      className="remote"
      headerRight={
        <div className="me-pill">
          <span>Remote</span>
          <strong>{spacedCode(code)}</strong>
        </div>
      }
    >
      {fatal ? null : <ConnectionBanner status={status} />}
      <NoticeToast notice={notice} onDismiss={clearNotice} />
      {fatal ? (
        <div className="center-stack">
          <Title>{fatal.code === "remote_revoked" ? "Remote turned off" : "Game unavailable"}</Title>
          <p className="big-message">{fatal.message}</p>
          <a className="btn btn-ghost" href="/">
            Back to the start
          </a>
        </div>
      ) : !view ? (
        <div className="center-stack">
          <Title>Connecting to game {spacedCode(code)}…</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : players ? (
        <div className="remote-players">
          <div className="remote-players-head">
            <Title>Players</Title>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setPlayers(false)}>
              Back to the controls
            </button>
          </div>
          <PlayersPanel view={view} link={link} onBigScreen={false} />
        </div>
      ) : (
        <Controls view={view} link={link} label={label} onPlayers={() => setPlayers(true)} />
      )}
    </Screen>
  );
}

/** Where the game stands, in a line or two: what the host needs to decide the next press. */
function Status({ view, link }: { view: GameView; link: GameLink }) {
  const paused = view.paused !== null;
  switch (view.phase) {
    case "lobby":
      return (
        <p className="remote-status">
          {view.lobby.playerCount.toLocaleString("en")} {view.lobby.playerCount === 1 ? "player" : "players"} in
          {view.locked ? " · joining locked" : ""}
        </p>
      );
    case "ready":
      return view.ready ? (
        <>
          <p className="remote-text">{view.ready.text}</p>
          <OpensCountdown
            ready={view.ready}
            clock={link.clock}
            pausedRemainingMs={view.paused?.remainingMs}
            size="small"
          />
        </>
      ) : null;
    case "question": {
      const q = view.question;
      const answered = view.progress && view.progress.index === q?.index ? view.progress.answered : 0;
      const connected = view.progress?.connected ?? view.lobby.connectedCount;
      return q ? (
        <>
          <p className="remote-text">{q.text}</p>
          <Countdown
            deadline={q.deadline}
            durationMs={q.durationMs}
            clock={link.clock}
            pausedRemainingMs={view.paused?.remainingMs}
            size="small"
          />
          <p className="remote-status" aria-live="polite">
            {answered.toLocaleString("en")} of {connected.toLocaleString("en")} answered
          </p>
        </>
      ) : null;
    }
    case "reveal": {
      const r = view.reveal;
      return r ? (
        <>
          <p className="remote-status">
            {r.kind === "poll"
              ? `${r.answered} of ${r.playerCount} voted`
              : `${r.correctCount} of ${r.playerCount} got it right`}
          </p>
          {r.nextAt !== null || paused ? (
            <Countdown
              deadline={r.nextAt}
              durationMs={view.revealSeconds * 1000}
              clock={link.clock}
              pausedRemainingMs={view.paused?.remainingMs}
              label="Next question in"
              size="small"
            />
          ) : (
            <p className="calm">The next question waits for you.</p>
          )}
        </>
      ) : null;
    }
    case "finished": {
      const winners = view.gameOver?.podium.filter((e) => e.rank === 1) ?? [];
      return (
        <p className="remote-status">
          {winners.length
            ? `${ordinal(1)}: ${winners.map((w) => w.name).join(", ")}`
            : "Nobody scored any points this time."}
        </p>
      );
    }
  }
}

function headline(view: GameView): string {
  const q = view.question ?? view.ready;
  const n = q ? `question ${q.index + 1} of ${q.total}` : "";
  switch (view.phase) {
    case "lobby":
      return "Lobby";
    case "ready":
      return `Get ready: ${n}`;
    case "question":
      return n.charAt(0).toUpperCase() + n.slice(1);
    case "reveal":
      return `The answer to ${n}`;
    case "finished":
      return "Game over";
  }
}

function Controls({
  view,
  link,
  label,
  onPlayers,
}: {
  view: GameView;
  link: GameLink;
  label: string;
  onPlayers: () => void;
}) {
  const actions = hostActions(view, link);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const finished = view.phase === "finished";
  return (
    <div className="remote-controls">
      <section className="remote-card" aria-labelledby="remote-where">
        <Title className="remote-headline">
          <span id="remote-where">{headline(view)}</span>
        </Title>
        {view.paused ? (
          <p className="paused-note" role="status">
            Paused
          </p>
        ) : null}
        <Status view={view} link={link} />
      </section>
      {actions.primary ? <Big action={actions.primary} className="btn btn-accent btn-block btn-large" /> : null}
      <div className="remote-pair">
        {actions.pause ? <Big action={actions.pause} className="btn btn-ghost btn-block" /> : null}
        {actions.lock ? <Big action={actions.lock} className="btn btn-ghost btn-block" /> : null}
      </div>
      <button type="button" className="btn btn-primary btn-block" onClick={onPlayers}>
        Players
      </button>
      {finished ? null : confirmEnd ? (
        <fieldset className="confirm remote-confirm">
          <legend className="sr-only">End the game?</legend>
          <p>End the game for everyone?</p>
          <div className="remote-pair">
            <button
              type="button"
              className="btn btn-danger btn-block"
              disabled={link.status !== "open"}
              onClick={() => {
                link.send({ type: "end" });
                setConfirmEnd(false);
              }}
            >
              Yes, end it
            </button>
            <button type="button" className="btn btn-ghost btn-block" onClick={() => setConfirmEnd(false)}>
              Keep playing
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" className="btn btn-ghost btn-block" onClick={() => setConfirmEnd(true)}>
          End game
        </button>
      )}
      <p className="calm remote-who">This phone: {label}</p>
    </div>
  );
}

function Big({ action, className }: { action: Action; className: string }) {
  return (
    <button type="button" className={className} disabled={action.disabled} onClick={action.run}>
      {action.label}
    </button>
  );
}
