/**
 * The host's big screen: lobby with code + QR, each question, the reveal with its chart and leaderboard, the final
 * podium. Loaded only when someone hosts, so players never download it. Readable from the back of a room: large
 * type, strong contrast; every control is a real button reachable from the keyboard.
 */
import { useEffect, useState } from "react";
import { isLoopbackHost } from "../../../../worker/loopback";
import type {
  GameResults,
  HostCommand,
  PlayerSummary,
  QuestionPayload,
  RevealPayload,
} from "../../../../worker/protocol";
import { ConnectionBanner, NoticeToast } from "../../components/Banner";
import { Countdown } from "../../components/Countdown";
import { Leaderboard } from "../../components/Leaderboard";
import { Screen, Title } from "../../components/Screen";
import { letterOf, SHAPE_LABEL, Shape, shapeOf } from "../../components/Shape";
import { fetchResults, joinUrlFor } from "../../lib/api";
import type { GameLink } from "../../lib/connection";
import { useGameLink } from "../../lib/connection";
import { saveFile } from "../../lib/download";
import { type GameView, ordinal } from "../../lib/game";
import { seats } from "../../lib/storage";
import { categoryLabels, downloadResults } from "./hostApi";
import { QrCode } from "./Qr";

// The home screen's "Bring your own quiz" loads this chunk for the panel; hosts need the rest of it next anyway.
export { QuizPanel } from "./QuizPanel";

export default function Host({ code }: { code: string }) {
  const [seat] = useState(() => seats.host(code));
  const link = useGameLink(code, seat?.token ?? null);
  // Fetched ahead, so the first bank question already shows its category's name.
  useEffect(() => {
    void categoryLabels();
  }, []);
  useEffect(() => {
    if (link.fatal && link.fatal.code !== "kicked") seats.setHost(code, null);
  }, [link.fatal, code]);
  if (!seat) {
    return (
      <Screen className="host">
        <div className="center-stack">
          <Title>Not your game</Title>
          <p className="big-message">
            This browser is not the host of game {code}. Hosts come back to their game from the browser that created it.
          </p>
          <a className="btn btn-primary" href={`/join/${code}`}>
            Join as a player
          </a>
          <a className="btn btn-ghost" href="/">
            Host a new game
          </a>
        </div>
      </Screen>
    );
  }
  return (
    <HostGame
      link={link}
      code={code}
      hostToken={seat.token}
      joinUrl={seat.joinUrl && !import.meta.env.VITE_API_ORIGIN ? seat.joinUrl : joinUrlFor(code)}
    />
  );
}

export function HostGame({
  link,
  code,
  joinUrl,
  hostToken,
}: {
  link: GameLink;
  code: string;
  joinUrl: string;
  hostToken: string;
}) {
  const { view, status, fatal, notice, clearNotice } = link;
  return (
    <Screen
      className="host"
      headerRight={
        view ? (
          <div className="host-pill">
            <span>Code</span> <strong>{code}</strong>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>
              {view.lobby.playerCount} {view.lobby.playerCount === 1 ? "player" : "players"}
            </span>
          </div>
        ) : null
      }
    >
      {fatal ? null : <ConnectionBanner status={status} />}
      <NoticeToast notice={notice} onDismiss={clearNotice} />
      {fatal ? (
        <div className="center-stack">
          <Title>Game unavailable</Title>
          <p className="big-message">{fatal.message}</p>
          <a className="btn btn-primary" href="/">
            Host a new game
          </a>
        </div>
      ) : !view ? (
        <div className="center-stack">
          <Title>Opening game {code}…</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : (
        <>
          <HostPhase view={view} link={link} joinUrl={joinUrl} hostToken={hostToken} />
          <Controls view={view} link={link} />
        </>
      )}
    </Screen>
  );
}

function HostPhase({
  view,
  link,
  joinUrl,
  hostToken,
}: {
  view: GameView;
  link: GameLink;
  joinUrl: string;
  hostToken: string;
}) {
  switch (view.phase) {
    case "lobby":
      return <Lobby view={view} link={link} joinUrl={joinUrl} />;
    case "question":
      return view.question ? <QuestionStage view={view} question={view.question} link={link} /> : null;
    case "reveal":
      return view.reveal ? <RevealStage view={view} reveal={view.reveal} link={link} /> : null;
    case "finished":
      return <Final view={view} hostToken={hostToken} />;
  }
}

function Lobby({ view, link, joinUrl }: { view: GameView; link: GameLink; joinUrl: string }) {
  const players = view.lobby.players ?? [];
  const shortUrl = joinUrl.replace(/^https?:\/\//, "");
  return (
    <div className="host-lobby">
      <section className="join-card" aria-label="How to join">
        <div className="join-text">
          <p className="join-step">Join at</p>
          <p className="join-url">{shortUrl}</p>
          {onlyThisComputer(joinUrl) ? (
            <p className="join-warning" role="note">
              Phones can't open this address: it is this computer's own. Connect this computer to the players' Wi-Fi,
              then restart the server.
            </p>
          ) : null}
          <p className="join-step">with game code</p>
          <Title className="join-code">
            <span className="sr-only">Game code </span>
            {view.code.slice(0, 3)}
            <span className="code-gap" aria-hidden="true" />
            {view.code.slice(3)}
          </Title>
          {view.title ? <p className="game-title">{view.title}</p> : null}
        </div>
        <QrCode text={joinUrl} />
      </section>
      <section className="lobby-players" aria-labelledby="lobby-count">
        <h2 id="lobby-count" className="section-title" aria-live="polite">
          {players.length === 0
            ? "Waiting for players…"
            : `${players.length} ${players.length === 1 ? "player" : "players"} in`}
          {view.locked ? <span className="badge badge-locked">Locked</span> : null}
        </h2>
        <ul className="player-chips">
          {players.map((p) => (
            <PlayerChip key={p.id} player={p} onKick={() => link.send({ type: "kick", playerId: p.id })} />
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A join link on localhost or 127.0.0.1: `npm start` found no network address for this machine. */
function onlyThisComputer(joinUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(joinUrl).hostname);
  } catch {
    return false;
  }
}

function PlayerChip({ player, onKick }: { player: PlayerSummary; onKick: () => void }) {
  return (
    <li className={`chip${player.connected ? "" : " offline"}`}>
      <span className="chip-name">{player.name}</span>
      {player.connected ? null : <span className="sr-only"> (offline)</span>}
      <button type="button" className="chip-kick" onClick={onKick} aria-label={`Remove ${player.name}`}>
        ×
      </button>
    </li>
  );
}

/** A question's category as people read it: the bank's label for a bank category, an imported quiz's text as is. */
function useCategoryName(category: string | undefined): string | undefined {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!category) return;
    let live = true;
    categoryLabels().then((map) => live && setNames(map));
    return () => {
      live = false;
    };
  }, [category]);
  return category ? (names?.get(category) ?? category) : undefined;
}

function QuestionMeta({ question }: { question: QuestionPayload }) {
  const category = useCategoryName(question.category);
  return (
    <div className="q-meta q-meta-host">
      <span>
        Question {question.index + 1} of {question.total}
      </span>
      {category ? <span className="badge">{category}</span> : null}
      {question.double ? <span className="badge badge-double">Double points</span> : null}
      {question.kind === "multi" ? <span className="badge">Pick all that apply</span> : null}
      {question.kind === "poll" ? <span className="badge">Poll</span> : null}
      {question.kind === "type" ? <span className="badge">Type the answer</span> : null}
    </div>
  );
}

function QuestionStage({ view, question, link }: { view: GameView; question: QuestionPayload; link: GameLink }) {
  const progress = view.progress;
  const answered = progress?.index === question.index ? progress.answered : 0;
  const connected = progress?.connected ?? view.lobby.connectedCount;
  return (
    <div className="host-question">
      <div className="host-question-top">
        <QuestionMeta question={question} />
        <Countdown
          deadline={question.deadline}
          durationMs={question.durationMs}
          clock={link.clock}
          pausedRemainingMs={view.paused?.remainingMs}
        />
      </div>
      <Title className="host-question-text">{question.text}</Title>
      {question.image ? <img className="question-image host-image" src={question.image} alt="" /> : null}
      {view.paused ? (
        <p className="paused-note paused-big" role="status">
          Paused
        </p>
      ) : null}
      <div className="answers-in" aria-live="polite" aria-atomic="true">
        <span className="answers-in-number">{answered}</span>
        <span className="answers-in-label">of {connected} answered</span>
      </div>
      {question.kind === "type" ? (
        <p className="type-hint">Players are typing their answers.</p>
      ) : (
        <ChoiceBoard labels={question.choices ?? []} />
      )}
    </div>
  );
}

function ChoiceBoard({ labels }: { labels: string[] }) {
  return (
    <ul className={`choice-board count-${labels.length}`} aria-label="Answers">
      {labels.map((label, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
          key={i}
          className={`choice choice-${i}`}
        >
          <Shape index={i} />
          <span className="sr-only">
            {letterOf(i)}, {SHAPE_LABEL[shapeOf(i)]}:{" "}
          </span>
          <span className="choice-label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

function BarChart({ reveal, labels }: { reveal: RevealPayload; labels: string[] }) {
  const max = Math.max(1, ...reveal.counts);
  const isPoll = reveal.kind === "poll";
  return (
    <figure className="bar-chart">
      <figcaption className="sr-only">How many players picked each answer</figcaption>
      <ul className="bars" style={{ gridTemplateColumns: `repeat(${reveal.counts.length}, minmax(0, 1fr))` }}>
        {reveal.counts.map((count, i) => {
          const right = reveal.correct.choices.includes(i);
          const state = isPoll ? "" : right ? " right" : " dim";
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
              key={i}
              className={`bar-col choice-${i}${state}`}
            >
              <div className="bar-area" aria-hidden="true">
                <span className="bar-count">{count}</span>
                <div className="bar" style={{ height: `${(count / max) * 100}%` }} />
              </div>
              <div className={`bar-label choice choice-${i}${state}`}>
                <Shape index={i} />
                <span className="choice-label">{labels[i] ?? letterOf(i)}</span>
                {!isPoll && right ? (
                  <span className="choice-mark" aria-hidden="true">
                    ✓
                  </span>
                ) : null}
                <span className="sr-only">
                  : {count} {count === 1 ? "player" : "players"}
                  {!isPoll && right ? ", the right answer" : ""}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

function RevealStage({ view, reveal, link }: { view: GameView; reveal: RevealPayload; link: GameLink }) {
  const question = view.question;
  const labels = question?.choices ?? [];
  const isPoll = reveal.kind === "poll";
  // The host's reveal carries the top 10; a snapshot after a reload has it in the view.
  const top = reveal.leaderboard ?? view.leaderboard;
  const summary = isPoll
    ? `${reveal.answered} of ${reveal.playerCount} voted.`
    : `${reveal.correctCount} of ${reveal.playerCount} got it right.`;
  return (
    <div className="host-reveal">
      <div className="host-question-top">
        {question ? <QuestionMeta question={question} /> : null}
        {reveal.nextAt !== null || view.paused ? (
          <Countdown
            deadline={reveal.nextAt}
            durationMs={view.revealSeconds * 1000}
            clock={link.clock}
            pausedRemainingMs={view.paused?.remainingMs}
            label="Next question in"
            size="small"
          />
        ) : null}
      </div>
      <Title className="host-question-text">{question?.text ?? `Question ${reveal.index + 1}`}</Title>
      <p className="reveal-summary" aria-live="polite">
        {summary}
      </p>
      <div className="reveal-grid">
        <div className="reveal-main">
          {reveal.kind === "type" ? <TypedResults reveal={reveal} /> : <BarChart reveal={reveal} labels={labels} />}
          {reveal.explanation ? <p className="explanation explanation-host">{reveal.explanation}</p> : null}
        </div>
        {!isPoll || top.some((e) => e.score > 0) ? <Leaderboard entries={top} title="Top 10" /> : null}
      </div>
    </div>
  );
}

function TypedResults({ reveal }: { reveal: RevealPayload }) {
  return (
    <div className="typed-results">
      <p className="accepted">
        Accepted: <strong>{(reveal.correct.accepted ?? []).join(" / ")}</strong>
      </p>
      {reveal.typed?.length ? (
        <ul className="typed-list" aria-label="Most common answers">
          {reveal.typed.map((t) => (
            <li key={t.text} className={t.correct ? "right" : "wrong"}>
              <span className="typed-text">{t.text}</span>
              <span className="typed-count">{t.count}</span>
              <span className="sr-only">{t.correct ? " (accepted)" : " (not accepted)"}</span>
              <span aria-hidden="true">{t.correct ? "✓" : "✗"}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="calm">Nobody typed an answer.</p>
      )}
    </div>
  );
}

function Final({ view, hostToken }: { view: GameView; hostToken: string }) {
  const over = view.gameOver;
  const podium = over?.podium ?? [];
  // The game-over message carries the top 10; the full table comes from the host's results.
  const [results, setResults] = useState<GameResults | null>(null);
  useEffect(() => {
    let live = true;
    fetchResults(view.code, hostToken)
      .then((r) => live && setResults(r))
      .catch(() => {
        // The top 10 from the game-over message still stands; the table says how many more there are.
      });
    return () => {
      live = false;
    };
  }, [view.code, hostToken]);
  const rows = results
    ? results.players.map((p) => ({ id: p.playerId, name: p.name, score: p.score, rank: p.rank }))
    : (over?.leaderboard ?? []).map((e) => ({ id: e.playerId, name: e.name, score: e.score, rank: e.rank }));
  const more = Math.max(0, (over?.playerCount ?? 0) - rows.length);
  const order = [1, 0, 2].filter((i) => podium[i]);
  return (
    <div className="host-final">
      <Title>Final results</Title>
      {podium.length ? (
        <ol className="podium" aria-label="Podium">
          {order.map((i) => {
            const p = podium[i];
            if (!p) return null;
            return (
              <li
                key={p.playerId}
                className={`podium-step place-${i + 1}`}
                aria-label={`${ordinal(p.rank)}: ${p.name}, ${p.score} points`}
              >
                <span className="podium-name" aria-hidden="true">
                  {p.name}
                </span>
                <span className="podium-score" aria-hidden="true">
                  {p.score.toLocaleString("en")}
                </span>
                <span className="podium-block" aria-hidden="true">
                  {p.rank}
                </span>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="big-message">Nobody played this time.</p>
      )}
      {rows.length ? (
        <section className="standings" aria-labelledby="standings-title">
          <div className="standings-head">
            <h2 id="standings-title" className="section-title">
              Standings
            </h2>
            <ResultsDownloads code={view.code} hostToken={hostToken} />
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">Place</th>
                <th scope="col">Player</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{ordinal(r.rank)}</td>
                  <td className="name-cell">{r.name}</td>
                  <td>{r.score.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more ? (
            <p className="calm">
              …and {more} more {more === 1 ? "player" : "players"}.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function ResultsDownloads({ code, hostToken }: { code: string; hostToken: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"csv" | "json" | null>(null);
  const save = async (format: "csv" | "json") => {
    setError(null);
    setBusy(format);
    try {
      const { blob, filename } = await downloadResults(code, hostToken, format);
      saveFile(blob, filename);
    } catch (err) {
      setError(`The results could not be downloaded: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads">
      <button type="button" className="btn btn-ghost btn-small" disabled={busy !== null} onClick={() => save("csv")}>
        {busy === "csv" ? "Downloading…" : "Download CSV"}
      </button>
      <button type="button" className="btn btn-ghost btn-small" disabled={busy !== null} onClick={() => save("json")}>
        {busy === "json" ? "Downloading…" : "Download JSON"}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Controls({ view, link }: { view: GameView; link: GameLink }) {
  const [confirmEnd, setConfirmEnd] = useState(false);
  const disabled = link.status !== "open";
  const send = (command: HostCommand) => link.send({ type: command } as { type: Exclude<HostCommand, "kick"> });
  if (view.phase === "finished") {
    return (
      <nav className="controls" aria-label="Game controls">
        <a className="btn btn-accent btn-large" href="/">
          Host another game
        </a>
      </nav>
    );
  }
  const paused = view.paused !== null;
  const lockButton = (
    <button
      type="button"
      className="btn btn-ghost"
      disabled={disabled}
      onClick={() => send(view.locked ? "unlock" : "lock")}
    >
      {view.locked ? "Unlock joining" : "Lock joining"}
    </button>
  );
  return (
    <nav className="controls" aria-label="Game controls">
      {view.phase === "lobby" ? (
        <>
          {lockButton}
          <button
            type="button"
            className="btn btn-accent btn-large"
            disabled={disabled || (view.lobby.players?.length ?? view.lobby.playerCount) === 0}
            onClick={() => send("start")}
          >
            Start game
          </button>
        </>
      ) : (
        <>
          {view.phase === "question" || view.reveal?.nextAt !== null || paused ? (
            <button
              type="button"
              className="btn btn-ghost"
              disabled={disabled}
              onClick={() => send(paused ? "resume" : "pause")}
            >
              {paused ? "Resume" : "Pause"}
            </button>
          ) : null}
          {lockButton}
          <button type="button" className="btn btn-accent btn-large" disabled={disabled} onClick={() => send("next")}>
            {view.phase === "question" ? "Skip to answer" : view.reveal?.isLast ? "Final results" : "Next question"}
          </button>
        </>
      )}
      {confirmEnd ? (
        <span className="confirm">
          <span>End the game for everyone?</span>
          <button
            type="button"
            className="btn btn-danger"
            disabled={disabled}
            onClick={() => {
              send("end");
              setConfirmEnd(false);
            }}
          >
            Yes, end it
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setConfirmEnd(false)}>
            Keep playing
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-ghost btn-end" onClick={() => setConfirmEnd(true)}>
          End game
        </button>
      )}
    </nav>
  );
}
