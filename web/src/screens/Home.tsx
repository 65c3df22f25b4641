/** The front door: join a game with a code (or a pasted link), or set up and host a new one. */

import { useStore } from "@nanostores/react";
import { type CategoryInfo, type Difficulty, LIMITS } from "@protocol/values";
import { type ComponentType, type FormEvent, useEffect, useId, useState } from "react";
import { Screen, Title } from "../components/Screen";
import { i18n, params, plural } from "../i18n";
import { ApiError, createGame, extractCode, fetchCategories } from "../lib/api";
import { deadlineProblem, defaultDeadline } from "../lib/deadline";
import { FORM_READ_SECONDS } from "../lib/pacing";
import { navigate } from "../lib/router";
import { seats } from "../lib/storage";
import { DeadlineField, ModeField, type PlayMode } from "./AssignmentFields";
import type { HostQuiz } from "./host/QuizPanel";
import { StudioNav } from "./studio/shared";

const messages = i18n("home", {
  title: "Quiz night, live.",
  lede: "Host on the big screen. Everyone plays on their phone.",
  joinHeading: "Join a game",
  codeLabel: "Game code or link",
  codeMissing: "Enter the six-digit code from the host's screen, or paste the join link.",
  join: "Join",
  toolsFailed: "The quiz tools could not be loaded. Check your connection and try again.",
  quizMissing: "Import a quiz, or pick one of your quizzes, first.",
  hostHeading: "Host a game",
  titleLabel: "Title (optional)",
  titlePlaceholder: "Friday quiz",
  nameFilter: "Refuse offensive nicknames",
  questionsLegend: "Questions",
  fromBank: "From the question bank",
  ownQuiz: "Bring your own quiz",
  category: "Category",
  allCategories: "All categories",
  categoryOption: params("{label} ({count})"),
  categoriesFailed: params("Categories could not be loaded ({error}); questions will come from all of them."),
  difficulty: "Difficulty",
  anyDifficulty: "Any",
  easy: "Easy",
  medium: "Medium",
  hard: "Hard",
  loadingQuizzes: "Loading your quizzes…",
  questionCount: "Questions",
  questionSeconds: "Seconds per question",
  readSeconds: "Seconds to read first",
  readHint: "Each question shows alone for this long before its answers open (0: no pause).",
  afterEach: "After each question",
  moveOnAfter: "Move on after",
  revealSecondsLabel: "Seconds to show the answer",
  seconds: "seconds",
  waitForNext: "Wait for me to press Next",
  creating: "Creating…",
  create: "Create game",
  createAssignment: "Create assignment",
  teamsLabel: "Play in teams",
  teamsHint: "Players are spread over the teams as they join; a team scores the average of its players' points",
  noTeams: "No teams",
  teamCount: plural({ one: "{count} team", other: "{count} teams" }),
});

export function Home() {
  const t = useStore(messages);
  return (
    <Screen className="home" headerRight={<StudioNav />}>
      <section className="hero">
        <Title>{t.title}</Title>
        <p className="lede">{t.lede}</p>
      </section>
      <div className="home-panels">
        <JoinPanel />
        <HostPanel />
      </div>
    </Screen>
  );
}

function JoinPanel() {
  const t = useStore(messages);
  const [input, setInput] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = extractCode(input);
    if (!code) {
      setError(t.codeMissing);
      return;
    }
    navigate(`/join/${code}`);
  };
  return (
    <section className="panel panel-join" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{t.joinHeading}</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-code`}>{t.codeLabel}</label>
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
          {t.join}
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
      .catch(() => live && setError(messages.get().toolsFailed));
    return () => {
      live = false;
    };
  }, [wanted, Panel]);
  return { Panel, error };
}

function HostPanel() {
  const t = useStore(messages);
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
  const [mode, setMode] = useState<PlayMode>("live");
  const [deadline, setDeadline] = useState(defaultDeadline);
  const [nameFilter, setNameFilter] = useState(true);
  /** Team mode: 0 is none (every player for themselves). */
  const [teams, setTeams] = useState(0);
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
      setError(t.quizMissing);
      return;
    }
    const closesAt = mode === "self-paced" ? new Date(deadline).getTime() : null;
    const late = closesAt === null ? null : deadlineProblem(closesAt, Date.now());
    if (late) {
      setError(late);
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
      ...(teams && closesAt === null ? { teams } : {}),
      ...(closesAt !== null ? { mode: "self-paced" as const, closesAt } : {}),
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
      <h2 id={`${id}-t`}>{t.hostHeading}</h2>
      <form onSubmit={submit} className="host-form">
        {/* One row on a wide screen: "Create game" must stay in view on a 1280×800 projector. */}
        <div className="form-row-top">
          <div className="field">
            <label htmlFor={`${id}-title`}>{t.titleLabel}</label>
            <input
              id={`${id}-title`}
              className="input"
              maxLength={80}
              value={title}
              placeholder={source === "quiz" && quiz ? quiz.title : t.titlePlaceholder}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-teams`}>{t.teamsLabel}</label>
            <select
              id={`${id}-teams`}
              className="input"
              value={mode === "self-paced" ? 0 : teams}
              onChange={(e) => setTeams(Number(e.target.value))}
              // An assignment is played alone: team scores need the reveals a live game shares.
              disabled={mode === "self-paced"}
              title={t.teamsHint}
            >
              <option value={0}>{t.noTeams}</option>
              {Array.from({ length: LIMITS.teams.max - LIMITS.teams.min + 1 }, (_, i) => LIMITS.teams.min + i).map(
                (n) => (
                  <option key={n} value={n}>
                    {t.teamCount(n)}
                  </option>
                ),
              )}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={nameFilter} onChange={(e) => setNameFilter(e.target.checked)} />
            <span>{t.nameFilter}</span>
          </label>
        </div>
        <fieldset className="field source-switch">
          <legend>{t.questionsLegend}</legend>
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
              {t.fromBank}
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
              {t.ownQuiz}
            </label>
          </div>
        </fieldset>
        {source === "bank" ? (
          <>
            <div className="field field-half">
              <label htmlFor={`${id}-cat`}>{t.category}</label>
              <select
                id={`${id}-cat`}
                className="input"
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                aria-describedby={categoryError ? `${id}-caterr` : undefined}
              >
                <option value="">{t.allCategories}</option>
                {categories?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t.categoryOption({ label: c.label, count: c.questionCount })}
                  </option>
                ))}
              </select>
              {categoryError ? (
                <p id={`${id}-caterr`} className="field-hint">
                  {t.categoriesFailed({ error: categoryError })}
                </p>
              ) : null}
            </div>
            <div className="field field-half">
              <label htmlFor={`${id}-diff`}>{t.difficulty}</label>
              <select
                id={`${id}-diff`}
                className="input"
                value={difficulty}
                onChange={(e) => setDifficulty(e.target.value as "" | Difficulty)}
              >
                <option value="">{t.anyDifficulty}</option>
                <option value="easy">{t.easy}</option>
                <option value="medium">{t.medium}</option>
                <option value="hard">{t.hard}</option>
              </select>
            </div>
          </>
        ) : quizPanel.Panel ? (
          <quizPanel.Panel onChange={setQuiz} />
        ) : (
          <p className={quizPanel.error ? "form-error" : "calm"} role={quizPanel.error ? "alert" : "status"}>
            {quizPanel.error ?? t.loadingQuizzes}
          </p>
        )}
        <div className="field-row">
          {source === "bank" ? (
            <div className="field">
              <label htmlFor={`${id}-count`}>{t.questionCount}</label>
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
            <label htmlFor={`${id}-secs`}>{t.questionSeconds}</label>
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
            <label htmlFor={`${id}-read`}>{t.readSeconds}</label>
            <input
              id={`${id}-read`}
              className="input"
              type="number"
              min={LIMITS.readSeconds.min}
              max={LIMITS.readSeconds.max}
              value={readSeconds}
              onChange={(e) => setReadSeconds(Number(e.target.value))}
              aria-describedby={`${id}-readhint`}
              title={t.readHint}
              required
            />
          </div>
          {/* Said to screen readers; the label and the field's title say it on screen, where "Create game" must stay
              in view on a 1280×800 projector. */}
          <p id={`${id}-readhint`} className="sr-only">
            {t.readHint}
          </p>
          <ModeField mode={mode} onMode={setMode} />
        </div>
        {mode === "self-paced" ? (
          <DeadlineField deadline={deadline} onDeadline={setDeadline} />
        ) : (
          <fieldset className="field">
            <legend>{t.afterEach}</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" name={`${id}-pace`} checked={!hostPaced} onChange={() => setHostPaced(false)} />
                {t.moveOnAfter}
                <input
                  className="input input-inline"
                  type="number"
                  aria-label={t.revealSecondsLabel}
                  min={1}
                  max={LIMITS.revealSeconds.max}
                  value={revealSeconds}
                  disabled={hostPaced}
                  onChange={(e) => setRevealSeconds(Number(e.target.value))}
                />
                {t.seconds}
              </label>
              <label className="radio">
                <input type="radio" name={`${id}-pace`} checked={hostPaced} onChange={() => setHostPaced(true)} />
                <span>{t.waitForNext}</span>
              </label>
            </div>
          </fieldset>
        )}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-accent btn-block" disabled={busy}>
          {busy ? t.creating : mode === "self-paced" ? t.createAssignment : t.create}
        </button>
      </form>
    </section>
  );
}
