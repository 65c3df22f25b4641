/** The front door: join a game with a code (or a pasted link), or set up and host a new one. */

import { type CategoryInfo, type Difficulty, LIMITS } from "@protocol/values";
import { type ComponentType, type FormEvent, useEffect, useId, useState } from "react";
import { Screen, Title } from "../components/Screen";
import { ApiError, createGame, extractCode, fetchCategories } from "../lib/api";
import { FORM_READ_SECONDS } from "../lib/pacing";
import { navigate } from "../lib/router";
import { seats } from "../lib/storage";
import type { HostQuiz } from "./host/QuizPanel";
import { StudioNav } from "./studio/shared";

export function Home() {
  return (
    <Screen className="home" headerRight={<StudioNav />}>
      <section className="hero">
        <Title>Quiz night, live.</Title>
        <p className="lede">Host on the big screen. Everyone plays on their phone.</p>
      </section>
      <div className="home-panels">
        <JoinPanel />
        <HostPanel />
      </div>
    </Screen>
  );
}

function JoinPanel() {
  const [input, setInput] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = extractCode(input);
    if (!code) {
      setError("Enter the six-digit code from the host's screen, or paste the join link.");
      return;
    }
    navigate(`/join/${code}`);
  };
  return (
    <section className="panel panel-join" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Join a game</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-code`}>Game code or link</label>
        <input
          id={`${id}-code`}
          className="input input-code"
          inputMode="numeric"
          autoComplete="off"
          placeholder="123 456"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
        />
        {error ? (
          <p id={`${id}-err`} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block">
          Join
        </button>
      </form>
    </section>
  );
}

type QuizPanelType = ComponentType<{ onChange: (quiz: HostQuiz | null) => void }>;

/**
 * The quiz import and library live in the host chunk (with zod for checking saved quizzes): it is fetched only when
 * the host picks "Bring your own quiz", so the player's first download stays small.
 */
function useQuizPanel(wanted: boolean): { Panel: QuizPanelType | null; error: string | null } {
  const [Panel, setPanel] = useState<QuizPanelType | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || Panel) return;
    let live = true;
    setError(null);
    import("./host/Host")
      .then((m) => live && setPanel(() => m.QuizPanel))
      .catch(() => live && setError("The quiz tools could not be loaded. Check your connection and try again."));
    return () => {
      live = false;
    };
  }, [wanted, Panel]);
  return { Panel, error };
}

function HostPanel() {
  const id = useId();
  const [source, setSource] = useState<"bank" | "quiz">("bank");
  const [quiz, setQuiz] = useState<HostQuiz | null>(null);
  const quizPanel = useQuizPanel(source === "quiz");
  const [categories, setCategories] = useState<CategoryInfo[] | null>(null);
  const [categoryError, setCategoryError] = useState<string | null>(null);
  const [questionCount, setQuestionCount] = useState<number>(LIMITS.questionCount.default);
  const [questionSeconds, setQuestionSeconds] = useState<number>(LIMITS.questionSeconds.default);
  const [revealSeconds, setRevealSeconds] = useState<number>(LIMITS.revealSeconds.default);
  const [readSeconds, setReadSeconds] = useState<number>(FORM_READ_SECONDS);
  const [hostPaced, setHostPaced] = useState(false);
  const [nameFilter, setNameFilter] = useState(true);
  const [category, setCategory] = useState("");
  const [difficulty, setDifficulty] = useState<"" | Difficulty>("");
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchCategories()
      .then((list) => live && setCategories(list))
      .catch((err: unknown) => live && setCategoryError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, []);

  const available = (() => {
    const c = categories?.find((x) => x.id === category);
    if (!c) return null;
    return difficulty ? (c.byDifficulty[difficulty] ?? 0) : c.questionCount;
  })();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (source === "quiz" && !quiz) {
      setError("Import a quiz, or pick one of your quizzes, first.");
      return;
    }
    setBusy(true);
    setError(null);
    // The filter is on unless the host turns it off (the server's default), so only "off" is sent.
    const pacing = {
      questionSeconds,
      revealSeconds: hostPaced ? 0 : revealSeconds,
      readSeconds,
      ...(nameFilter ? {} : { nameFilter: false }),
    };
    try {
      const game = await createGame(
        source === "quiz" && quiz
          ? "quizId" in quiz
            ? { ...pacing, quizId: quiz.quizId, ...(title.trim() ? { title: title.trim() } : {}) }
            : { ...pacing, questions: quiz.quiz.questions, title: title.trim() || quiz.title }
          : {
              questionCount,
              ...pacing,
              ...(category ? { category } : {}),
              ...(difficulty ? { difficulty } : {}),
              ...(title.trim() ? { title: title.trim() } : {}),
            },
      );
      seats.setHost(game.code, { token: game.hostToken, joinUrl: game.joinUrl });
      navigate(`/host/${game.code}`);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <section className="panel panel-host" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Host a game</h2>
      <form onSubmit={submit} className="host-form">
        <div className="field field-half">
          <label htmlFor={`${id}-title`}>Title (optional)</label>
          <input
            id={`${id}-title`}
            className="input"
            maxLength={80}
            value={title}
            placeholder={source === "quiz" && quiz ? quiz.title : "Friday quiz"}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <label className="checkbox field-half">
          <input type="checkbox" checked={nameFilter} onChange={(e) => setNameFilter(e.target.checked)} />
          <span>Refuse offensive nicknames</span>
        </label>
        <fieldset className="field source-switch">
          <legend>Questions</legend>
          <div className="segmented">
            <label className={`segment${source === "bank" ? " on" : ""}`}>
              <input
                type="radio"
                name={`${id}-source`}
                checked={source === "bank"}
                onChange={() => {
                  setSource("bank");
                  setError(null);
                }}
              />
              From the question bank
            </label>
            <label className={`segment${source === "quiz" ? " on" : ""}`}>
              <input
                type="radio"
                name={`${id}-source`}
                checked={source === "quiz"}
                onChange={() => {
                  setSource("quiz");
                  setError(null);
                }}
              />
              Bring your own quiz
            </label>
          </div>
        </fieldset>
        {source === "bank" ? (
          <>
            <div className="field field-half">
              <label htmlFor={`${id}-cat`}>Category</label>
              <select
                id={`${id}-cat`}
                className="input"
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                aria-describedby={categoryError ? `${id}-caterr` : undefined}
              >
                <option value="">All categories</option>
                {categories?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label} ({c.questionCount})
                  </option>
                ))}
              </select>
              {categoryError ? (
                <p id={`${id}-caterr`} className="field-hint">
                  Categories could not be loaded ({categoryError}); questions will come from all of them.
                </p>
              ) : null}
            </div>
            <div className="field field-half">
              <label htmlFor={`${id}-diff`}>Difficulty</label>
              <select
                id={`${id}-diff`}
                className="input"
                value={difficulty}
                onChange={(e) => setDifficulty(e.target.value as "" | Difficulty)}
              >
                <option value="">Any</option>
                <option value="easy">Easy</option>
                <option value="medium">Medium</option>
                <option value="hard">Hard</option>
              </select>
            </div>
          </>
        ) : quizPanel.Panel ? (
          <quizPanel.Panel onChange={setQuiz} />
        ) : (
          <p className={quizPanel.error ? "form-error" : "calm"} role={quizPanel.error ? "alert" : "status"}>
            {quizPanel.error ?? "Loading your quizzes…"}
          </p>
        )}
        <div className="field-row">
          {source === "bank" ? (
            <div className="field">
              <label htmlFor={`${id}-count`}>Questions</label>
              <input
                id={`${id}-count`}
                className="input"
                type="number"
                min={LIMITS.questionCount.min}
                max={available !== null ? Math.min(LIMITS.questionCount.max, available) : LIMITS.questionCount.max}
                value={questionCount}
                onChange={(e) => setQuestionCount(Number(e.target.value))}
                required
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-secs`}>Seconds per question</label>
            <input
              id={`${id}-secs`}
              className="input"
              type="number"
              min={LIMITS.questionSeconds.min}
              max={LIMITS.questionSeconds.max}
              value={questionSeconds}
              onChange={(e) => setQuestionSeconds(Number(e.target.value))}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-read`}>Seconds to read first</label>
            <input
              id={`${id}-read`}
              className="input"
              type="number"
              min={LIMITS.readSeconds.min}
              max={LIMITS.readSeconds.max}
              value={readSeconds}
              onChange={(e) => setReadSeconds(Number(e.target.value))}
              aria-describedby={`${id}-readhint`}
              title="Each question shows alone for this long before its answers open (0: no pause)"
              required
            />
          </div>
          {/* Said to screen readers; the label and the field's title say it on screen, where "Create game" must stay
              in view on a 1280×800 projector. */}
          <p id={`${id}-readhint`} className="sr-only">
            Each question shows alone for this long before its answers open (0: no pause).
          </p>
        </div>
        <fieldset className="field">
          <legend>After each question</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" name={`${id}-pace`} checked={!hostPaced} onChange={() => setHostPaced(false)} />
              Move on after
              <input
                className="input input-inline"
                type="number"
                aria-label="Seconds to show the answer"
                min={1}
                max={LIMITS.revealSeconds.max}
                value={revealSeconds}
                disabled={hostPaced}
                onChange={(e) => setRevealSeconds(Number(e.target.value))}
              />
              seconds
            </label>
            <label className="radio">
              <input type="radio" name={`${id}-pace`} checked={hostPaced} onChange={() => setHostPaced(true)} />
              <span>Wait for me to press Next</span>
            </label>
          </div>
        </fieldset>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-accent btn-block" disabled={busy}>
          {busy ? "Creating…" : "Create game"}
        </button>
      </form>
    </section>
  );
}
