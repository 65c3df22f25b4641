/**
 * /quiz/<id>: a saved quiz as anyone with its share link sees it, read-only: its questions, and their answers only
 * when asked for ("Show answers"), because a share link travels: a colleague may open it on the projector, or a
 * class may get it, and a quiz whose answers are on the first screen is spoiled. From here it can be hosted or
 * copied (the copy is one's own, with its own edit token kept on this device).
 */
import { useEffect, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { letterOf, Shape } from "../../components/Shape";
import { imageUrl } from "../../lib/api";
import { savedEntry } from "./device";
import { draftOf } from "./draft";
import { HostSettings } from "./HostSettings";
import { hostGame } from "./hosting";
import { KINDS } from "./kinds";
import { getQuiz, LibraryError, type SavedQuiz } from "./libraryApi";
import { makeCopy } from "./Studio";
import { dateOf, plural, StudioNav } from "./shared";

type Loaded =
  | { state: "loading" }
  | { state: "ok"; quiz: SavedQuiz }
  | { state: "error"; message: string; gone: boolean };

export function ShareView({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [answers, setAnswers] = useState(false);
  const [busy, setBusy] = useState<null | "host" | "copy">(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getQuiz(id)
      .then((quiz) => live && setLoaded({ state: "ok", quiz }))
      .catch(
        (err: unknown) =>
          live &&
          setLoaded({
            state: "error",
            message: err instanceof Error ? err.message : String(err),
            gone: err instanceof LibraryError && err.code === "quiz_not_found",
          }),
      );
    return () => {
      live = false;
    };
  }, [id]);

  const act = async (what: "host" | "copy") => {
    setBusy(what);
    setError(null);
    try {
      if (what === "host") await hostGame({ quizId: id });
      else await makeCopy(id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(null);
    }
  };

  if (loaded.state !== "ok") {
    return (
      <Screen className="studio" headerRight={<StudioNav />}>
        <div className="center-stack">
          {loaded.state === "loading" ? (
            <>
              <Title>Opening the quiz…</Title>
              <span className="spinner spinner-large" aria-hidden="true" />
            </>
          ) : (
            <>
              <Title>{loaded.gone ? "Quiz not found" : "The quiz could not be opened"}</Title>
              <p className="big-message">{loaded.message}</p>
              <a className="btn btn-primary" href="/">
                Go to the start
              </a>
            </>
          )}
        </div>
      </Screen>
    );
  }
  const { quiz } = loaded;
  const mine = savedEntry(id) !== null;
  return (
    <Screen className="studio studio-share-view" headerRight={<StudioNav />}>
      <header className="studio-share-head">
        <p className="studio-kicker">Shared quiz</p>
        <Title>{quiz.title}</Title>
        <p className="calm">
          {plural(quiz.questionCount, "question")} · last changed {dateOf(quiz.updatedAt)}
        </p>
        <div className="studio-share-actions">
          <button type="button" className="btn btn-accent" disabled={busy !== null} onClick={() => act("host")}>
            {busy === "host" ? "Creating the game…" : "Host this quiz"}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => act("copy")}>
            {busy === "copy" ? "Copying…" : "Make a copy"}
          </button>
          {mine ? (
            <a className="btn btn-ghost" href={`/studio?quiz=${encodeURIComponent(id)}`}>
              Edit
            </a>
          ) : null}
        </div>
        <HostSettings />
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </header>
      <section className="studio-share-questions" aria-labelledby="share-questions">
        <div className="studio-share-questions-head">
          <h2 id="share-questions" className="studio-section-title">
            Questions
          </h2>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-pressed={answers}
            onClick={() => setAnswers((a) => !a)}
          >
            {answers ? "Hide answers" : "Show answers"}
          </button>
        </div>
        <ol className="studio-share-list">
          {quiz.quiz.questions.map((q, i) => {
            const draft = draftOf(q);
            const kind = KINDS[q.kind];
            const played = kind.play(draft);
            const right = new Set(played.correct.choices);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a saved quiz's questions are shown in their order, never moved
              <li key={i} className="studio-share-q">
                <p className="studio-share-meta">
                  <span>Question {i + 1}</span> <span className="badge">{kind.label}</span>
                  {q.double ? <span className="badge badge-double">Double points</span> : null}
                  {q.seconds ? <span className="badge">{q.seconds} s</span> : null}
                </p>
                <h3 className="studio-share-text">{q.text}</h3>
                {q.image ? <img className="studio-share-image" src={imageUrl(q.image)} alt="" /> : null}
                {kind.Share ? (
                  <kind.Share question={draft} answers={answers} />
                ) : played.choices ? (
                  <ul className="studio-share-choices">
                    {played.choices.map((c, j) => {
                      const isRight = answers && right.has(j);
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity
                        <li key={j} className={`choice choice-${j}${isRight ? " right" : ""}`}>
                          <Shape index={j} />
                          <span className="sr-only">{letterOf(j)}: </span>
                          <span className="choice-label">{c}</span>
                          {isRight ? (
                            <span className="studio-right-mark">
                              <span aria-hidden="true">✓</span>
                              <span className="sr-only"> (right answer)</span>
                            </span>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
                {answers && q.kind === "type" ? (
                  <p className="studio-share-answer">
                    Accepted: <strong>{(played.correct.accepted ?? []).join(" / ")}</strong>
                  </p>
                ) : q.kind === "type" ? (
                  <p className="calm">Players type the answer.</p>
                ) : null}
                {answers && q.explanation ? <p className="explanation">{q.explanation}</p> : null}
              </li>
            );
          })}
        </ol>
      </section>
    </Screen>
  );
}
