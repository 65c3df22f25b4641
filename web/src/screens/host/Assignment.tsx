/**
 * The host's screen for a self-paced assignment: how to join (link, code, QR) while it is open, when it closes (in
 * this computer's time zone), the live figures (joined, started, finished, average score), the leaderboard of those
 * who finished, everyone's progress on request, "Close now" and the results. Nothing here runs the questions: each
 * player moves on by themselves.
 */
import type { PlayerProgress } from "@protocol/values";
import { useState } from "react";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import type { GameLink } from "../../lib/connection";
import { formatDeadline, timeZone } from "../../lib/deadline";
import type { GameView } from "../../lib/game";
import { ResultsDownloads } from "./Final";
import { useFitScale } from "./fit";
import { QrCode } from "./Qr";
import "./assignment.css";

/** "3 of 10 done", "finished", "not started" for one player of the list. */
export function assignmentProgress(p: PlayerProgress, questionCount: number): string {
  if (p.finishedAt !== null) return "finished";
  if (p.startedAt === null) return "not started";
  return `${p.done} of ${questionCount} done`;
}

export function AssignmentStage({
  view,
  link,
  joinUrl,
  hostToken,
  onPlayers,
}: {
  view: GameView;
  link: GameLink;
  joinUrl: string;
  hostToken: string;
  onPlayers: () => void;
}) {
  const a = view.assignment;
  const [confirm, setConfirm] = useState(false);
  const stage = useFitScale<HTMLDivElement>(`${JSON.stringify(a)}|${view.leaderboard.length}|${view.title ?? ""}`);
  if (!a) return null;
  const closed = a.closed;
  const shortUrl = joinUrl.replace(/^https?:\/\//, "");
  const figures: [string, string][] = [
    ["Joined", (a.joined ?? 0).toLocaleString("en")],
    ["Started", (a.started ?? 0).toLocaleString("en")],
    ["Finished", (a.finished ?? 0).toLocaleString("en")],
    ["Average score", a.finished ? (a.averageScore ?? 0).toLocaleString("en") : "–"],
  ];
  return (
    <div className="stage stage-assignment" ref={stage}>
      <header className="assignment-head">
        <p className="join-step">{closed ? "Assignment closed" : "Self-paced assignment"}</p>
        <Title className="assignment-title">{view.title ?? "Assignment"}</Title>
        <p className="assignment-deadline">
          {closed ? "Closed" : "Open until"}{" "}
          <time dateTime={new Date(a.closesAt).toISOString()}>{formatDeadline(a.closesAt)}</time>{" "}
          <span className="deadline-zone">({timeZone()})</span> · {view.questionCount}{" "}
          {view.questionCount === 1 ? "question" : "questions"}
        </p>
      </header>
      <div className="assignment-body">
        {closed ? null : (
          <section className="join-card" aria-label="How to join">
            <div className="join-text">
              <p className="join-step">Share the link</p>
              <p className="join-url">{shortUrl}</p>
              <p className="join-step">or the game code</p>
              <p className="join-code">
                <span className="sr-only">Game code </span>
                {view.code.slice(0, 3)}
                <span className="code-gap" aria-hidden="true" />
                {view.code.slice(3)}
              </p>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => void navigator.clipboard?.writeText(joinUrl)}
              >
                Copy link
              </button>
            </div>
            <QrCode text={joinUrl} />
          </section>
        )}
        <section className="assignment-progress" aria-labelledby="assignment-figures">
          <h2 id="assignment-figures" className="section-title">
            Progress
          </h2>
          <dl className="assignment-figures" aria-live="polite">
            {figures.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {view.leaderboard.length > 0 ? (
            <Leaderboard entries={view.leaderboard} title="Those who finished" moves={false} />
          ) : (
            <p className="calm">Nobody has finished yet.</p>
          )}
        </section>
      </div>
      <nav className="assignment-controls" aria-label="Assignment controls">
        <button type="button" className="btn btn-ghost" onClick={onPlayers}>
          Players and progress
        </button>
        <ResultsDownloads code={view.code} hostToken={hostToken} />
        {closed ? null : confirm ? (
          <span className="confirm">
            <span>Close it for everyone now?</span>
            <button
              type="button"
              className="btn btn-danger"
              disabled={link.status !== "open"}
              onClick={() => {
                link.send({ type: "end" });
                setConfirm(false);
              }}
            >
              Yes, close it
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirm(false)}>
              Keep it open
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-ghost" onClick={() => setConfirm(true)}>
            Close now
          </button>
        )}
      </nav>
    </div>
  );
}
