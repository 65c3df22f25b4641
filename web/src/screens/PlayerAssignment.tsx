/**
 * The phone's own screens of a self-paced assignment (the question, lead-in and reveal are the live game's): the
 * start, "Next question" after each reveal, and the end, with the player's result and the leaderboard of those who
 * finished, or a clear word that the assignment has closed.
 */
import { useStore } from "@nanostores/react";
import { Title } from "../components/Screen";
import { fill, formatNumber, i18n, plural } from "../i18n";
import { Rich } from "../i18n/Rich";
import type { GameLink } from "../lib/connection";
import { formatDeadline, timeZone } from "../lib/deadline";
import { type GameView, ordinal } from "../lib/game";

const messages = i18n("playerAssignment", {
  closed: "Closed {time} {zone}",
  openUntil: "Open until {time} {zone}",
  yourAssignment: "Your assignment",
  intro: plural({
    one: "{count} question, at your own pace. Each question has its own timer: once you start one, answer before its time runs out.",
    other:
      "{count} questions, at your own pace. Each question has its own timer: once you start one, answer before its time runs out.",
  }),
  start: "Start",
  done: "{done} of {total} done",
  seeResult: "See my result",
  next: "Next question",
  allDone: "All done!",
  points: plural({ one: "{count} point", other: "{count} points" }),
  place: plural({
    one: "{place} of the {count} player who finished so far",
    other: "{place} of the {count} players who finished so far",
  }),
  closedTitle: "This assignment is closed",
  closedNone: "It closed before you answered any question.",
  closedAfter: plural({
    one: "It closed after you had done {done} of {total} questions: {count} point.",
    other: "It closed after you had done {done} of {total} questions: {count} points.",
  }),
  finishers: "Those who finished",
  nobodyYet: "Nobody has finished yet.",
  back: "Back to the start",
});

function Deadline({ closesAt, closed }: { closesAt: number; closed: boolean }) {
  const t = useStore(messages);
  return (
    <p className="calm deadline-note">
      <Rich
        text={closed ? t.closed : t.openUntil}
        values={{
          time: <time dateTime={new Date(closesAt).toISOString()}>{formatDeadline(closesAt)}</time>,
          zone: <span className="deadline-zone">({timeZone()})</span>,
        }}
      />
    </p>
  );
}

/** Before the first question: what this is, how long it is open, and a start button. */
export function AssignmentStart({ view, link }: { view: GameView; link: GameLink }) {
  const t = useStore(messages);
  const a = view.assignment;
  if (!a) return null;
  const n = view.questionCount;
  return (
    <div className="center-stack assignment-start">
      <Title>{view.title ?? t.yourAssignment}</Title>
      <p className="big-message">{t.intro(n)}</p>
      <Deadline closesAt={a.closesAt} closed={a.closed} />
      <button
        type="button"
        className="btn btn-accent btn-large"
        disabled={link.status !== "open"}
        onClick={() => link.send({ type: "next" })}
      >
        {t.start}
      </button>
    </div>
  );
}

/** Under a reveal: the player moves on when they are ready. */
export function AssignmentNext({ view, link }: { view: GameView; link: GameLink }) {
  const t = useStore(messages);
  const last = view.reveal?.isLast ?? false;
  return (
    <div className="assignment-next">
      <p className="calm">
        {fill(t.done, { done: formatNumber(view.assignment?.done ?? 0), total: formatNumber(view.questionCount) })}
      </p>
      <button
        type="button"
        className="btn btn-accent btn-large"
        disabled={link.status !== "open"}
        onClick={() => link.send({ type: "next" })}
      >
        {last ? t.seeResult : t.next}
      </button>
    </div>
  );
}

/** The end: done (with place among those who finished so far) or closed before the player finished. */
export function AssignmentEnd({ view }: { view: GameView }) {
  const t = useStore(messages);
  const a = view.assignment;
  const over = view.gameOver;
  if (!a) return null;
  const done = a.done ?? 0;
  const finished = done >= view.questionCount;
  return (
    <div className="center-stack finished-player assignment-end" aria-live="polite">
      {finished ? (
        <>
          <Title>{t.allDone}</Title>
          <p className="final-score">{t.points(view.score)}</p>
          {view.final && over ? (
            <p className="big-message">{t.place(over.playerCount, { place: ordinal(view.final.rank) })}</p>
          ) : null}
        </>
      ) : (
        <>
          <Title>{t.closedTitle}</Title>
          <p className="big-message">
            {done === 0
              ? t.closedNone
              : t.closedAfter(view.score, { done: formatNumber(done), total: formatNumber(view.questionCount) })}
          </p>
        </>
      )}
      <Deadline closesAt={a.closesAt} closed={a.closed} />
      {over && over.leaderboard.length > 0 ? (
        <section className="finishers" aria-labelledby="finishers-title">
          <h2 id="finishers-title" className="section-title">
            {t.finishers}
          </h2>
          <ol className="finishers-list">
            {over.leaderboard.map((e) => (
              <li key={e.playerId} className={e.playerId === view.playerId ? "me" : undefined}>
                <span className="finishers-rank">{ordinal(e.rank)}</span>
                <span className="finishers-name name-text">{e.name}</span>
                <span className="finishers-score">{formatNumber(e.score)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="calm">{t.nobodyYet}</p>
      )}
      <a className="btn btn-ghost" href="/">
        {t.back}
      </a>
    </div>
  );
}
