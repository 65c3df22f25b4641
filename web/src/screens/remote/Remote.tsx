/**
 * A phone as the host's remote (/remote/:code, opened from the big screen's pairing QR). The code after the # is a
 * one-time pairing code: the phone exchanges it for a remote seat of its own (its own token, kept on this phone, so a
 * reload comes back), drops it from the address, and then drives the game: the main action, pause, lock, end, and the
 * player list with hide and remove. A separate chunk: players never download it.
 */
import { useStore } from "@nanostores/react";
import { useEffect, useRef, useState } from "react";
import { ConnectionBanner, NoticeToast } from "../../components/Banner";
import { Countdown, OpensCountdown } from "../../components/Countdown";
import { Screen, Title } from "../../components/Screen";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import { ApiError, pairRemote } from "../../lib/api";
import { type GameLink, useGameLink } from "../../lib/connection";
import { type GameView, ordinal } from "../../lib/game";
import { seats } from "../../lib/storage";
import { spacedCode, useDocumentTitle } from "../../lib/title";
import { type Action, hostActions } from "../host/actions";
import { PlayersPanel } from "../host/PlayersDialog";
import "./remote.css";

const messages = i18n("remote", {
  androidPhone: "Android phone",
  windowsPc: "Windows PC",
  phone: "Phone",
  tabTitle: "Remote · {code} — trivia-edge",
  pairing: "Pairing with game {code}…",
  notPaired: "Not paired",
  notARemote: "This phone is not a remote for this game. On the big screen, press Remote and scan the code.",
  backToStart: "Back to the start",
  remote: "Remote",
  turnedOff: "Remote turned off",
  unavailable: "Game unavailable",
  connecting: "Connecting to game {code}…",
  players: "Players",
  backToControls: "Back to the controls",
  playersIn: plural({ one: "{count} player in", other: "{count} players in" }),
  locked: " · joining locked",
  answered: "{count} of {total} answered",
  voted: "{count} of {total} voted",
  right: "{count} of {total} got it right",
  nextIn: "Next question in",
  waitsForYou: "The next question waits for you.",
  winners: "{place}: {names}",
  nobodyScored: "Nobody scored any points this time.",
  questionOf: "Question {n} of {total}",
  lobby: "Lobby",
  getReady: "Get ready: question {n} of {total}",
  answerTo: "The answer to question {n} of {total}",
  gameOver: "Game over",
  paused: "Paused",
  endAsk: "End the game?",
  endConfirm: "End the game for everyone?",
  endYes: "Yes, end it",
  keepPlaying: "Keep playing",
  end: "End game",
  thisPhone: "This phone: {label}",
});

/** How the big screen lists this phone: its kind and browser, from the user agent ("iPhone · Safari"). */
function deviceLabel(): string {
  const t = messages.get();
  const ua = navigator.userAgent;
  const device = /iPad/.test(ua)
    ? "iPad"
    : /iPhone/.test(ua)
      ? "iPhone"
      : /Android/.test(ua)
        ? t.androidPhone
        : /Mac/.test(ua)
          ? "Mac"
          : /Windows/.test(ua)
            ? t.windowsPc
            : t.phone;
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
  const t = useStore(messages);
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
  useDocumentTitle(fill(t.tabTitle, { code: spacedCode(code) }));

  if (!seat) {
    return (
      <Screen className="remote">
        <div className="center-stack">
          {pairing.state === "pairing" ? (
            <>
              <Title>{fill(t.pairing, { code: spacedCode(code) })}</Title>
              <span className="spinner spinner-large" aria-hidden="true" />
            </>
          ) : (
            <>
              <Title>{t.notPaired}</Title>
              <p className="big-message">{pairing.state === "failed" ? pairing.message : t.notARemote}</p>
              <a className="btn btn-ghost" href="/">
                {t.backToStart}
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
  const t = useStore(messages);
  const { view, status, fatal, notice, clearNotice } = link;
  const [players, setPlayers] = useState(false);
  return (
    <Screen
      className="remote"
      headerRight={
        <div className="me-pill">
          <span>{t.remote}</span>
          <strong>{spacedCode(code)}</strong>
        </div>
      }
    >
      {fatal ? null : <ConnectionBanner status={status} />}
      <NoticeToast notice={notice} onDismiss={clearNotice} />
      {fatal ? (
        <div className="center-stack">
          <Title>{fatal.code === "remote_revoked" ? t.turnedOff : t.unavailable}</Title>
          <p className="big-message">{fatal.message}</p>
          <a className="btn btn-ghost" href="/">
            {t.backToStart}
          </a>
        </div>
      ) : !view ? (
        <div className="center-stack">
          <Title>{fill(t.connecting, { code: spacedCode(code) })}</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : players ? (
        <div className="remote-players">
          <div className="remote-players-head">
            <Title>{t.players}</Title>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setPlayers(false)}>
              {t.backToControls}
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
  const t = useStore(messages);
  const paused = view.paused !== null;
  switch (view.phase) {
    case "lobby":
      return (
        <p className="remote-status">
          {t.playersIn(view.lobby.playerCount)}
          {view.locked ? t.locked : ""}
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
            {fill(t.answered, { count: formatNumber(answered), total: formatNumber(connected) })}
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
              ? fill(t.voted, { count: formatNumber(r.answered), total: formatNumber(r.playerCount) })
              : fill(t.right, { count: formatNumber(r.correctCount), total: formatNumber(r.playerCount) })}
          </p>
          {r.nextAt !== null || paused ? (
            <Countdown
              deadline={r.nextAt}
              durationMs={view.revealSeconds * 1000}
              clock={link.clock}
              pausedRemainingMs={view.paused?.remainingMs}
              label={t.nextIn}
              size="small"
            />
          ) : (
            <p className="calm">{t.waitsForYou}</p>
          )}
        </>
      ) : null;
    }
    case "finished": {
      const winners = view.gameOver?.podium.filter((e) => e.rank === 1) ?? [];
      return (
        <p className="remote-status">
          {winners.length
            ? fill(t.winners, { place: ordinal(1), names: winners.map((w) => w.name).join(", ") })
            : t.nobodyScored}
        </p>
      );
    }
  }
}

function headline(view: GameView): string {
  const t = messages.get();
  const q = view.question ?? view.ready;
  const n = q ? { n: q.index + 1, total: q.total } : { n: "", total: "" };
  switch (view.phase) {
    case "lobby":
      return t.lobby;
    case "ready":
      return fill(t.getReady, n);
    case "question":
      return fill(t.questionOf, n);
    case "reveal":
      return fill(t.answerTo, n);
    case "finished":
      return t.gameOver;
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
  const t = useStore(messages);
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
            {t.paused}
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
        {t.players}
      </button>
      {finished ? null : confirmEnd ? (
        <fieldset className="confirm remote-confirm">
          <legend className="sr-only">{t.endAsk}</legend>
          <p>{t.endConfirm}</p>
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
              {t.endYes}
            </button>
            <button type="button" className="btn btn-ghost btn-block" onClick={() => setConfirmEnd(false)}>
              {t.keepPlaying}
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" className="btn btn-ghost btn-block" onClick={() => setConfirmEnd(true)}>
          {t.end}
        </button>
      )}
      <p className="calm remote-who">{fill(t.thisPhone, { label })}</p>
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
