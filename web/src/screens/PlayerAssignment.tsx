/**
 * The phone's own screens of a self-paced assignment (the question, lead-in and reveal are the live game's): the
 * start, "Next question" after each reveal, and the end, with the player's result and the leaderboard of those who
 * finished, or a clear word that the assignment has closed.
 */
import { Title } from "../components/Screen";
import type { GameLink } from "../lib/connection";
import { formatDeadline, timeZone } from "../lib/deadline";
import { type GameView, ordinal } from "../lib/game";

function Deadline({ closesAt, closed }: { closesAt: number; closed: boolean }) {
  return (
    <p className="calm deadline-note">
      {closed ? "Closed" : "Open until"}{" "}
      <time dateTime={new Date(closesAt).toISOString()}>{formatDeadline(closesAt)}</time>{" "}
      <span className="deadline-zone">({timeZone()})</span>
    </p>
  );
}

/** Before the first question: what this is, how long it is open, and a start button. */
export function AssignmentStart({ view, link }: { view: GameView; link: GameLink }) {
  const a = view.assignment;
  if (!a) return null;
  const n = view.questionCount;
  return (
    <div className="center-stack assignment-start">
      <Title>{view.title ?? "Your assignment"}</Title>
      <p className="big-message">
        {n} {n === 1 ? "question" : "questions"}, at your own pace. Each question has its own timer: once you start one,
        answer before its time runs out.
      </p>
      <Deadline closesAt={a.closesAt} closed={a.closed} />
      <button
        type="button"
        className="btn btn-accent btn-large"
        disabled={link.status !== "open"}
        onClick={() => link.send({ type: "next" })}
      >
        Start
      </button>
    </div>
  );
}

/** Under a reveal: the player moves on when they are ready. */
export function AssignmentNext({ view, link }: { view: GameView; link: GameLink }) {
  const last = view.reveal?.isLast ?? false;
  return (
    <div className="assignment-next">
      <p className="calm">
        {view.assignment?.done ?? 0} of {view.questionCount} done
      </p>
      <button
        type="button"
        className="btn btn-accent btn-large"
        disabled={link.status !== "open"}
        onClick={() => link.send({ type: "next" })}
      >
        {last ? "See my result" : "Next question"}
      </button>
    </div>
  );
}

/** The end: done (with place among those who finished so far) or closed before the player finished. */
export function AssignmentEnd({ view }: { view: GameView }) {
  const a = view.assignment;
  const over = view.gameOver;
  if (!a) return null;
  const done = a.done ?? 0;
  const finished = done >= view.questionCount;
  return (
    <div className="center-stack finished-player assignment-end" aria-live="polite">
      {finished ? (
        <>
          <Title>All done!</Title>
          <p className="final-score">{view.score.toLocaleString("en")} points</p>
          {view.final && over ? (
            <p className="big-message">
              {ordinal(view.final.rank)} of the {over.playerCount} {over.playerCount === 1 ? "player" : "players"} who
              finished so far
            </p>
          ) : null}
        </>
      ) : (
        <>
          <Title>This assignment is closed</Title>
          <p className="big-message">
            {done === 0
              ? "It closed before you answered any question."
              : `It closed after you had done ${done} of ${view.questionCount} questions: ${view.score.toLocaleString("en")} points.`}
          </p>
        </>
      )}
      <Deadline closesAt={a.closesAt} closed={a.closed} />
      {over && over.leaderboard.length > 0 ? (
        <section className="finishers" aria-labelledby="finishers-title">
          <h2 id="finishers-title" className="section-title">
            Those who finished
          </h2>
          <ol className="finishers-list">
            {over.leaderboard.map((e) => (
              <li key={e.playerId} className={e.playerId === view.playerId ? "me" : undefined}>
                <span className="finishers-rank">{ordinal(e.rank)}</span>
                <span className="finishers-name name-text">{e.name}</span>
                <span className="finishers-score">{e.score.toLocaleString("en")}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="calm">Nobody has finished yet.</p>
      )}
      <a className="btn btn-ghost" href="/">
        Back to the start
      </a>
    </div>
  );
}
