/**
 * /quiz/<id>: a saved quiz as anyone with its share link sees it, read-only: its questions, and their answers only
 * when asked for ("Show answers"), because a share link travels: a colleague may open it on the projector, or a
 * class may get it, and a quiz whose answers are on the first screen is spoiled. From here it can be hosted or
 * copied (the copy is one's own, with its own edit token kept on this device).
 */
import { useStore } from "@nanostores/react";
import { useEffect, useState } from "react";
import { Screen, Title } from "../../components/Screen";
import { letterOf, Shape } from "../../components/Shape";
import { fill, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import { imageUrl } from "../../lib/api";
import { savedEntry } from "./device";
import { draftOf } from "./draft";
import { HostSettings } from "./HostSettings";
import { hostGame } from "./hosting";
import { KINDS } from "./kinds";
import { getQuiz, LibraryError, type SavedQuiz } from "./libraryApi";
import { makeCopy } from "./Studio";
import { dateOf, StudioNav } from "./shared";

const messages = i18n("shareView", {
  opening: "Opening the quiz…",
  notFound: "Quiz not found",
  notOpened: "The quiz could not be opened",
  toStart: "Go to the start",
  kicker: "Shared quiz",
  meta: plural({ one: "{count} question · last changed {date}", other: "{count} questions · last changed {date}" }),
  creating: "Creating the game…",
  host: "Host this quiz",
  copying: "Copying…",
  copy: "Make a copy",
  edit: "Edit",
  questions: "Questions",
  hideAnswers: "Hide answers",
  showAnswers: "Show answers",
  question: "Question {n}",
  double: "Double points",
  seconds: "{seconds} s",
  rightAnswer: " (right answer)",
  accepted: "Accepted: {answers}",
  typeIt: "Players type the answer.",
});

type Loaded =
  | { state: "loading" }
  | { state: "ok"; quiz: SavedQuiz }
  | { state: "error"; message: string; gone: boolean };

export function ShareView({ id }: { id: string }) {
  const t = useStore(messages);
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
              <Title>{t.opening}</Title>
              <span className="spinner spinner-large" aria-hidden="true" />
            </>
          ) : (
            <>
              <Title>{loaded.gone ? t.notFound : t.notOpened}</Title>
              <p className="big-message">{loaded.message}</p>
              <a className="btn btn-primary" href="/">
                {t.toStart}
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
        <p className="studio-kicker">{t.kicker}</p>
        <Title>{quiz.title}</Title>
        <p className="calm">{t.meta(quiz.questionCount, { date: dateOf(quiz.updatedAt) })}</p>
        <div className="studio-share-actions">
          <button type="button" className="btn btn-accent" disabled={busy !== null} onClick={() => act("host")}>
            {busy === "host" ? t.creating : t.host}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => act("copy")}>
            {busy === "copy" ? t.copying : t.copy}
          </button>
          {mine ? (
            <a className="btn btn-ghost" href={`/studio?quiz=${encodeURIComponent(id)}`}>
              {t.edit}
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
            {t.questions}
          </h2>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-pressed={answers}
            onClick={() => setAnswers((a) => !a)}
          >
            {answers ? t.hideAnswers : t.showAnswers}
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
                  <span>{fill(t.question, { n: i + 1 })}</span> <span className="badge">{kind.label}</span>
                  {q.double ? <span className="badge badge-double">{t.double}</span> : null}
                  {q.seconds ? <span className="badge">{fill(t.seconds, { seconds: q.seconds })}</span> : null}
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
                              <span className="sr-only">{t.rightAnswer}</span>
                            </span>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
                {answers && q.kind === "type" ? (
                  <p className="studio-share-answer">
                    <Rich
                      text={t.accepted}
                      values={{ answers: <strong>{(played.correct.accepted ?? []).join(" / ")}</strong> }}
                    />
                  </p>
                ) : q.kind === "type" ? (
                  <p className="calm">{t.typeIt}</p>
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
