/**
 * The player's phone: lobby, "get ready", question, "locked in", reveal, game over. Everything renders from the GameView the
 * server's messages build, so a reload (welcome snapshot) lands on exactly the same state.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue } from "@protocol/slider";
import type { AnswerChoice } from "@protocol/values";
import { lazy, Suspense, useEffect, useState } from "react";
import { AnswerPad, AnswerShown } from "../components/Answer";
import { ConnectionBanner, NoticeToast } from "../components/Banner";
import { Countdown, OpensCountdown } from "../components/Countdown";
import { SpeakerIcon } from "../components/Icons";
import { Screen, Title } from "../components/Screen";
import { letterOf, Shape } from "../components/Shape";
import { TeamBadge } from "../components/Team";
import { fill, formatNumber, i18n, plural } from "../i18n";
import { Rich } from "../i18n/Rich";
import { imageUrl } from "../lib/api";
import { type GameLink, useGameLink } from "../lib/connection";
import { choiceLabels, type GameView, ordinal } from "../lib/game";
import { navigate } from "../lib/router";
import { seats, soundSetting } from "../lib/storage";
import { gameTitle, useDocumentTitle } from "../lib/title";
import { AssignmentEnd, AssignmentNext, AssignmentStart } from "./PlayerAssignment";

// The synthesizer is fetched only when the player turns sound on: a silent phone never downloads it. Offline, the
// toggle simply stays quiet.
const PlayerSound = lazy(() => import("../sound/PlayerSound").catch(() => ({ default: () => null })));

const messages = i18n("player", {
  soundOn: "Sound is on",
  soundOff: "Sound is off",
  sound: "Sound",
  joining: "Joining game {code}…",
  removed: "You were removed",
  seatNotFound: "Seat not found",
  gameNotFound: "Game not found",
  gameOver: "Game over",
  cantContinue: "Can't continue",
  joinAgain: "Join again",
  backToStart: "Back to the start",
  youreIn: "You're in!",
  lookFor: "Look for {name} on the big screen.",
  waiting: plural({
    one: "Waiting for the host to start · {count} player in",
    other: "Waiting for the host to start · {count} players in",
  }),
  latest: "Latest players to join",
  getReady: "Get ready",
  answersSoon: "The answers appear here in a moment.",
  questionOf: "Question {n} of {total}",
  double: "Double points",
  poll: "Poll",
  lockedIn: "Answer locked in",
  sending: "Sending…",
  youAnswered: "You answered:",
  youVoted: "You voted:",
  hangTight: "Hang tight — results when the time is up.",
  checking: "Checking…",
  yourTeam: "Your team: {team} · {place} of {count}",
  paused: "Paused by the host",
  joinedDuring: "You joined during this question. You're in from the next one.",
  thanksVoting: "Thanks for voting",
  noVote: "No vote this time",
  timesUp: "Time's up",
  correct: "Correct!",
  close: "Close!",
  notQuite: "Not quite",
  points: plural({ one: "+{count} point", other: "+{count} points" }),
  streak: "Streak: {count} in a row",
  score: "Score",
  place: "Place",
  placeOf: "of {count}",
  rightOrder: "The right order:",
  rightAnswer: "The right answer: {answer}",
  rightAnswers: "The right answers: {answer}",
  tolerance: " (±\u00a0{tolerance} counts)",
  off: "You were {distance} off.",
  youWon: "You won!",
  youFinished: "You finished {place}",
  finalScore: plural({ one: "{count} point", other: "{count} points" }),
  outOfPlayers: plural({ one: "out of {count} player", other: "out of {count} players" }),
  questions: plural({ one: "{count} question", other: "{count} questions" }),
  playAgain: "Play again",
});

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
  const t = useStore(messages);
  return (
    <Screen
      className="player"
      headerRight={
        <div className="player-head">
          <button
            type="button"
            className="sound-toggle"
            aria-pressed={sound.on}
            title={sound.on ? t.soundOn : t.soundOff}
            onClick={() => {
              soundSetting.set("player", !sound.on);
              setSound({ on: !sound.on, greet: !sound.on });
            }}
          >
            <SpeakerIcon on={sound.on} />
            <span className="sr-only">{t.sound}</span>
          </button>
          <div className="me-pill">
            <span className="me-name">{shownName}</span>
            {view && view.phase !== "lobby" ? <span className="me-score">{formatNumber(view.score)}</span> : null}
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
          <Title>{fill(t.joining, { code })}</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : (
        <Phase view={view} link={link} />
      )}
    </Screen>
  );
}

function Fatal({ code, problem }: { code: string; problem: { code: string; message: string } }) {
  const t = useStore(messages);
  const canRejoin = problem.code === "invalid_token";
  const titles: Record<string, string> = {
    kicked: t.removed,
    invalid_token: t.seatNotFound,
    game_not_found: t.gameNotFound,
    game_expired: t.gameOver,
  };
  return (
    <div className="center-stack">
      <Title>{titles[problem.code] ?? t.cantContinue}</Title>
      <p className="big-message">{problem.message}</p>
      {canRejoin ? (
        <button type="button" className="btn btn-primary btn-large" onClick={() => navigate(`/join/${code}`)}>
          {t.joinAgain}
        </button>
      ) : null}
      <a className="btn btn-ghost" href="/">
        {t.backToStart}
      </a>
    </div>
  );
}

function Phase({ view, link }: { view: GameView; link: GameLink }) {
  // A self-paced assignment: the player starts, moves on and ends by themselves (PlayerAssignment.tsx).
  if (view.assignment) {
    if (view.phase === "lobby") return <AssignmentStart view={view} link={link} />;
    if (view.phase === "finished") return <AssignmentEnd view={view} />;
    if (view.phase === "reveal") {
      return (
        <>
          <Reveal view={view} />
          <AssignmentNext view={view} link={link} />
        </>
      );
    }
  }
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
  const t = useStore(messages);
  const others = view.lobby.playerCount;
  return (
    <div className="center-stack lobby-player">
      <Title>{t.youreIn}</Title>
      <p className="big-message">
        <Rich text={t.lookFor} values={{ name: <strong className="name-text">{view.name}</strong> }} />
      </p>
      {view.myTeam ? (
        <p className="my-team" aria-live="polite">
          Your team: <TeamBadge team={view.myTeam.team} />
        </p>
      ) : null}
      <p className="waiting" aria-live="polite">
        <span className="pulse" aria-hidden="true" />
        {t.waiting(others)}
      </p>
      {view.lobby.recent?.length ? (
        <ul className="recent-names" aria-label={t.latest}>
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
  const t = useStore(messages);
  const r = view.ready;
  if (!r) return null;
  return (
    <div className="question-player get-ready">
      <QuestionHeader view={view} />
      <p className="get-ready-note">{t.getReady}</p>
      <OpensCountdown ready={r} clock={link.clock} pausedRemainingMs={view.paused?.remainingMs} size="small" />
      <Title className="question-text">{r.text}</Title>
      {r.image ? <img className="question-image" src={imageUrl(r.image)} alt="" /> : null}
      {view.paused ? <PausedNote /> : null}
      <p className="calm">{t.answersSoon}</p>
    </div>
  );
}

function QuestionHeader({ view }: { view: GameView }) {
  const t = useStore(messages);
  const q = view.question ?? view.ready;
  if (!q) return null;
  return (
    <div className="q-meta">
      <span>{fill(t.questionOf, { n: formatNumber(q.index + 1), total: formatNumber(q.total) })}</span>
      {q.double ? <span className="badge badge-double">{t.double}</span> : null}
      {q.kind === "poll" ? <span className="badge">{t.poll}</span> : null}
    </div>
  );
}

function Question({ view, link }: { view: GameView; link: GameLink }) {
  const t = useStore(messages);
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
        <Title>{confirmed ? t.lockedIn : t.sending}</Title>
        <AnswerShown question={q} choice={mine} lead={t.youAnswered} className="locked-answer" />
        <p className="calm">{view.assignment ? t.checking : t.hangTight}</p>
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
  const t = useStore(messages);
  return (
    <p className="paused-note" role="status">
      {t.paused}
    </p>
  );
}

function Reveal({ view }: { view: GameView }) {
  const t = useStore(messages);
  const r = view.reveal;
  const q = view.question;
  const result = view.result;
  if (!r) return null;
  const isPoll = r.kind === "poll";

  if (!result) {
    return (
      <div className="center-stack">
        {view.paused ? <PausedNote /> : null}
        <Title>{t.getReady}</Title>
        <p className="big-message">{t.joinedDuring}</p>
      </div>
    );
  }
  const verdict = isPoll
    ? { title: result.answered ? t.thanksVoting : t.noVote, kind: "poll" }
    : !result.answered
      ? { title: t.timesUp, kind: "none" }
      : result.correct
        ? { title: t.correct, kind: "right" }
        : result.points > 0
          ? { title: t.close, kind: "close" }
          : { title: t.notQuite, kind: "wrong" };

  return (
    <div className={`center-stack verdict verdict-${verdict.kind}`} aria-live="polite">
      {view.paused ? <PausedNote /> : null}
      <Title className="verdict-title">{verdict.title}</Title>
      {result.answered && view.myAnswer !== null ? (
        <AnswerShown
          question={q}
          choice={view.myAnswer}
          lead={isPoll ? t.youVoted : t.youAnswered}
          className="my-answer"
        />
      ) : null}
      {!isPoll ? (
        <>
          <p className="points">{t.points(result.points)}</p>
          {result.correct && result.streak >= 2 ? (
            <p className="streak">{fill(t.streak, { count: formatNumber(result.streak) })}</p>
          ) : null}
          {!result.correct || r.kind === "slider" ? <RightAnswer view={view} /> : null}
        </>
      ) : null}
      {r.explanation ? <p className="explanation">{r.explanation}</p> : null}
      <dl className="my-stats">
        <div>
          <dt>{t.score}</dt>
          <dd>{formatNumber(result.score)}</dd>
        </div>
        <div>
          <dt>{t.place}</dt>
          <dd>
            {ordinal(result.rank)} <span className="of">{fill(t.placeOf, { count: formatNumber(r.playerCount) })}</span>
          </dd>
        </div>
      </dl>
      <MyTeamPlace view={view} />
    </div>
  );
}

/** The right answer on the phone's reveal: the choice(s), the accepted spellings, the slider's value, the order. */
function RightAnswer({ view }: { view: GameView }) {
  const t = useStore(messages);
  const r = view.reveal;
  const q = view.question;
  if (!r) return null;
  const label = (i: number) => choiceLabels(q)[i] ?? letterOf(i);
  if (r.kind === "order") {
    return (
      <div className="right-answer">
        <p className="order-lead">{t.rightOrder}</p>
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
        <Rich text={t.rightAnswer} values={{ answer: <strong>{formatSliderValue(q.slider, value)}</strong> }} />
        {tolerance > 0 ? fill(t.tolerance, { tolerance: formatSliderValue(q.slider, tolerance) }) : ""}
        {mine !== null && off > 0 ? (
          <>
            <br />
            {fill(t.off, { distance: formatSliderValue(q.slider, off) })}
          </>
        ) : null}
      </p>
    );
  }
  const text = r.kind === "type" ? (r.correct.accepted ?? []).join(" / ") : r.correct.choices.map(label).join(", ");
  return (
    <p className="right-answer">
      <Rich text={r.kind === "multi" ? t.rightAnswers : t.rightAnswer} values={{ answer: <strong>{text}</strong> }} />
    </p>
  );
}

/** Team games: "Your team: <team> · 3rd" on the reveal and at the end. */
function MyTeamPlace({ view }: { view: GameView }) {
  const t = useStore(messages);
  const mine = view.myTeam;
  if (!mine) return null;
  return (
    <p className="my-team">
      <Rich
        text={t.yourTeam}
        values={{
          team: <TeamBadge team={mine.team} />,
          place: <strong>{ordinal(mine.rank)}</strong>,
          count: formatNumber(view.teams),
        }}
      />
    </p>
  );
}

function Finished({ view }: { view: GameView }) {
  const t = useStore(messages);
  const over = view.gameOver;
  const final = view.final;
  const podium = final !== null && final.rank <= 3;
  return (
    <div className="center-stack finished-player" aria-live="polite">
      <Title>
        {final ? (final.rank === 1 ? t.youWon : fill(t.youFinished, { place: ordinal(final.rank) })) : t.gameOver}
      </Title>
      {final ? (
        <>
          {podium ? (
            <div className={`medal medal-${final.rank}`} aria-hidden="true">
              <Shape index={final.rank === 1 ? 0 : final.rank === 2 ? 1 : 2} />
              {final.rank}
            </div>
          ) : null}
          <p className="final-score">{t.finalScore(final.score)}</p>
          <MyTeamPlace view={view} />
          {over ? (
            <p className="calm">
              {t.outOfPlayers(over.playerCount)} · {t.questions(over.questionCount)}
            </p>
          ) : null}
        </>
      ) : null}
      <a className="btn btn-ghost" href="/">
        {t.playAgain}
      </a>
    </div>
  );
}
