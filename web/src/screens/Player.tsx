/**
 * The player's phone: lobby, "get ready", question, "locked in", reveal, game over. Everything renders from the GameView the
 * server's messages build, so a reload (welcome snapshot) lands on exactly the same state.
 */

import { formatSliderValue } from "@protocol/slider";
import type { AnswerChoice } from "@protocol/values";
import { lazy, Suspense, useEffect, useState } from "react";
import { AnswerPad, AnswerShown } from "../components/Answer";
import { ConnectionBanner, NoticeToast } from "../components/Banner";
import { Countdown, OpensCountdown } from "../components/Countdown";
import { SpeakerIcon } from "../components/Icons";
import { Screen, Title } from "../components/Screen";
import { letterOf, Shape } from "../components/Shape";
import { imageUrl } from "../lib/api";
import { type GameLink, useGameLink } from "../lib/connection";
import { type GameView, ordinal } from "../lib/game";
import { navigate } from "../lib/router";
import { seats, soundSetting } from "../lib/storage";
import { gameTitle, useDocumentTitle } from "../lib/title";

// The synthesizer is fetched only when the player turns sound on: a silent phone never downloads it. Offline, the
// toggle simply stays quiet.
const PlayerSound = lazy(() => import("../sound/PlayerSound").catch(() => ({ default: () => null })));

export function Player({ code }: { code: string }) {
  const [seat] = useState(() => seats.player(code));
  useEffect(() => {
    if (!seat) navigate(`/join/${code}`, { replace: true });
  }, [seat, code]);
  const link = useGameLink(code, seat?.token ?? null);
  useEffect(() => {
    // A seat that can never work again is forgotten, so /join offers a fresh one.
    if (link.fatal) seats.setPlayer(code, null);
  }, [link.fatal, code]);
  if (!seat) return null;
  return <PlayerGame link={link} code={code} name={seat.name} />;
}

export function PlayerGame({ link, code, name }: { link: GameLink; code: string; name: string }) {
  const { view, status, fatal, notice, clearNotice } = link;
  const shownName = view?.name ?? name;
  const [sound, setSound] = useState(() => ({ on: soundSetting.on("player"), greet: false }));
  useDocumentTitle(gameTitle(fatal ? null : view, code));
  return (
    <Screen
      className="player"
      headerRight={
        <div className="player-head">
          <button
            type="button"
            className="sound-toggle"
            aria-pressed={sound.on}
            title={sound.on ? "Sound is on" : "Sound is off"}
            onClick={() => {
              soundSetting.set("player", !sound.on);
              setSound({ on: !sound.on, greet: !sound.on });
            }}
          >
            <SpeakerIcon on={sound.on} />
            <span className="sr-only">Sound</span>
          </button>
          <div className="me-pill">
            <span className="me-name">{shownName}</span>
            {view && view.phase !== "lobby" ? (
              <span className="me-score">{view.score.toLocaleString("en")}</span>
            ) : null}
          </div>
        </div>
      }
    >
      {sound.on && !fatal ? (
        <Suspense fallback={null}>
          <PlayerSound view={view} clock={link.clock} greet={sound.greet} />
        </Suspense>
      ) : null}
      {fatal ? null : <ConnectionBanner status={status} />}
      <NoticeToast notice={notice} onDismiss={clearNotice} />
      {fatal ? (
        <Fatal code={code} problem={fatal} />
      ) : !view ? (
        <div className="center-stack">
          <Title>Joining game {code}…</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : (
        <Phase view={view} link={link} />
      )}
    </Screen>
  );
}

const FATAL_TITLES: Record<string, string> = {
  kicked: "You were removed",
  invalid_token: "Seat not found",
  game_not_found: "Game not found",
  game_expired: "Game over",
};

function Fatal({ code, problem }: { code: string; problem: { code: string; message: string } }) {
  const canRejoin = problem.code === "invalid_token";
  return (
    <div className="center-stack">
      <Title>{FATAL_TITLES[problem.code] ?? "Can't continue"}</Title>
      <p className="big-message">{problem.message}</p>
      {canRejoin ? (
        <button type="button" className="btn btn-primary btn-large" onClick={() => navigate(`/join/${code}`)}>
          Join again
        </button>
      ) : null}
      <a className="btn btn-ghost" href="/">
        Back to the start
      </a>
    </div>
  );
}

function Phase({ view, link }: { view: GameView; link: GameLink }) {
  switch (view.phase) {
    case "lobby":
      return <Lobby view={view} />;
    case "ready":
      return <GetReady view={view} link={link} />;
    case "question":
      return <Question view={view} link={link} />;
    case "reveal":
      return <Reveal view={view} />;
    case "finished":
      return <Finished view={view} />;
  }
}

function Lobby({ view }: { view: GameView }) {
  const others = view.lobby.playerCount;
  return (
    <div className="center-stack lobby-player">
      <Title>You're in!</Title>
      <p className="big-message">
        Look for <strong className="name-text">{view.name}</strong> on the big screen.
      </p>
      <p className="waiting" aria-live="polite">
        <span className="pulse" aria-hidden="true" />
        Waiting for the host to start · {others} {others === 1 ? "player" : "players"} in
      </p>
      {view.lobby.recent?.length ? (
        <ul className="recent-names" aria-label="Latest players to join">
          {view.lobby.recent.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The lead-in: the question to read, a countdown to when the answers open. The answers are not on the phone yet (the
 * server sends them at the open), so nobody can look them up or tap early.
 */
function GetReady({ view, link }: { view: GameView; link: GameLink }) {
  const r = view.ready;
  if (!r) return null;
  return (
    <div className="question-player get-ready">
      <QuestionHeader view={view} />
      <p className="get-ready-note">Get ready</p>
      <OpensCountdown ready={r} clock={link.clock} pausedRemainingMs={view.paused?.remainingMs} size="small" />
      <Title className="question-text">{r.text}</Title>
      {r.image ? <img className="question-image" src={imageUrl(r.image)} alt="" /> : null}
      {view.paused ? <PausedNote /> : null}
      <p className="calm">The answers appear here in a moment.</p>
    </div>
  );
}

function QuestionHeader({ view }: { view: GameView }) {
  const q = view.question ?? view.ready;
  if (!q) return null;
  return (
    <div className="q-meta">
      <span>
        Question {q.index + 1} of {q.total}
      </span>
      {q.double ? <span className="badge badge-double">Double points</span> : null}
      {q.kind === "poll" ? <span className="badge">Poll</span> : null}
    </div>
  );
}

function Question({ view, link }: { view: GameView; link: GameLink }) {
  const q = view.question;
  const [sent, setSent] = useState<{ index: number; choice: AnswerChoice } | null>(null);
  const { notice, status } = link;
  // A refusal (closed, paused…) or a dropped link means the answer may not have landed: let the player try again.
  useEffect(() => {
    if (notice || status !== "open") setSent(null);
  }, [notice, status]);
  if (!q) return null;
  const mine = view.myAnswer ?? (sent?.index === q.index ? sent.choice : null);
  const confirmed = view.myAnswer !== null;
  const countdown = (
    <Countdown
      deadline={q.deadline}
      durationMs={q.durationMs}
      clock={link.clock}
      pausedRemainingMs={view.paused?.remainingMs}
      size="small"
    />
  );

  if (mine !== null) {
    return (
      <div className="center-stack locked">
        <QuestionHeader view={view} />
        {view.paused ? <PausedNote /> : null}
        <Title>{confirmed ? "Answer locked in" : "Sending…"}</Title>
        <AnswerShown question={q} choice={mine} lead="You answered:" className="locked-answer" />
        <p className="calm">Hang tight — results when the time is up.</p>
        {countdown}
      </div>
    );
  }

  const answer = (choice: AnswerChoice) => {
    if (link.send({ type: "answer", index: q.index, choice })) setSent({ index: q.index, choice });
  };
  return (
    <div className="question-player">
      <QuestionHeader view={view} />
      {countdown}
      <Title className="question-text">{q.text}</Title>
      {q.image ? <img className="question-image" src={imageUrl(q.image)} alt="" /> : null}
      {view.paused ? <PausedNote /> : null}
      <AnswerPad question={q} disabled={view.paused !== null || status !== "open"} onAnswer={answer} />
    </div>
  );
}

/** Every paused screen says so: while answering, after answering, and on the reveal. */
function PausedNote() {
  return (
    <p className="paused-note" role="status">
      Paused by the host
    </p>
  );
}

function Reveal({ view }: { view: GameView }) {
  const r = view.reveal;
  const q = view.question;
  const result = view.result;
  if (!r) return null;
  const isPoll = r.kind === "poll";

  if (!result) {
    return (
      <div className="center-stack">
        {view.paused ? <PausedNote /> : null}
        <Title>Get ready</Title>
        <p className="big-message">You joined during this question. You're in from the next one.</p>
      </div>
    );
  }
  const verdict = isPoll
    ? { title: result.answered ? "Thanks for voting" : "No vote this time", kind: "poll" }
    : !result.answered
      ? { title: "Time's up", kind: "none" }
      : result.correct
        ? { title: "Correct!", kind: "right" }
        : result.points > 0
          ? { title: "Close!", kind: "close" }
          : { title: "Not quite", kind: "wrong" };

  return (
    <div className={`center-stack verdict verdict-${verdict.kind}`} aria-live="polite">
      {view.paused ? <PausedNote /> : null}
      <Title className="verdict-title">{verdict.title}</Title>
      {result.answered && view.myAnswer !== null ? (
        <AnswerShown
          question={q}
          choice={view.myAnswer}
          lead={isPoll ? "You voted:" : "You answered:"}
          className="my-answer"
        />
      ) : null}
      {!isPoll ? (
        <>
          <p className="points">{result.points > 0 ? `+${result.points.toLocaleString("en")}` : "+0"} points</p>
          {result.correct && result.streak >= 2 ? <p className="streak">Streak: {result.streak} in a row</p> : null}
          {!result.correct || r.kind === "slider" ? <RightAnswer view={view} /> : null}
        </>
      ) : null}
      {r.explanation ? <p className="explanation">{r.explanation}</p> : null}
      <dl className="my-stats">
        <div>
          <dt>Score</dt>
          <dd>{result.score.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Place</dt>
          <dd>
            {ordinal(result.rank)} <span className="of">of {r.playerCount}</span>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The right answer on the phone's reveal: the choice(s), the accepted spellings, the slider's value, the order. */
function RightAnswer({ view }: { view: GameView }) {
  const r = view.reveal;
  const q = view.question;
  if (!r) return null;
  const label = (i: number) => q?.choices?.[i] ?? letterOf(i);
  if (r.kind === "order") {
    return (
      <div className="right-answer">
        <p className="order-lead">The right order:</p>
        <ol className="order-shown">
          {r.correct.choices.map((i) => (
            <li key={i}>{label(i)}</li>
          ))}
        </ol>
      </div>
    );
  }
  if (r.kind === "slider" && q?.slider && r.correct.value !== undefined) {
    const { value, tolerance = 0 } = r.correct;
    const mine = typeof view.myAnswer === "number" ? view.myAnswer : null;
    const off = mine === null ? 0 : Math.abs(mine - value);
    return (
      <p className="right-answer">
        The right answer: <strong>{formatSliderValue(q.slider, value)}</strong>
        {tolerance > 0 ? ` (±\u00a0${formatSliderValue(q.slider, tolerance)} counts)` : ""}
        {mine !== null && off > 0 ? (
          <>
            <br />
            You were {formatSliderValue(q.slider, off)} off.
          </>
        ) : null}
      </p>
    );
  }
  const text = r.kind === "type" ? (r.correct.accepted ?? []).join(" / ") : r.correct.choices.map(label).join(", ");
  return (
    <p className="right-answer">
      {r.kind === "multi" ? "The right answers: " : "The right answer: "}
      <strong>{text}</strong>
    </p>
  );
}

function Finished({ view }: { view: GameView }) {
  const over = view.gameOver;
  const final = view.final;
  const podium = final !== null && final.rank <= 3;
  return (
    <div className="center-stack finished-player" aria-live="polite">
      <Title>{final ? (final.rank === 1 ? "You won!" : `You finished ${ordinal(final.rank)}`) : "Game over"}</Title>
      {final ? (
        <>
          {podium ? (
            <div className={`medal medal-${final.rank}`} aria-hidden="true">
              <Shape index={final.rank === 1 ? 0 : final.rank === 2 ? 1 : 2} />
              {final.rank}
            </div>
          ) : null}
          <p className="final-score">{final.score.toLocaleString("en")} points</p>
          {over ? (
            <p className="calm">
              out of {over.playerCount} {over.playerCount === 1 ? "player" : "players"} · {over.questionCount}{" "}
              {over.questionCount === 1 ? "question" : "questions"}
            </p>
          ) : null}
        </>
      ) : null}
      <a className="btn btn-ghost" href="/">
        Play again
      </a>
    </div>
  );
}
