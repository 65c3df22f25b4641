/**
 * The host's screen for a self-paced assignment: how to join (link, code, QR) while it is open, when it closes (in
 * this computer's time zone), the live figures (joined, started, finished, average score), the leaderboard of those
 * who finished, everyone's progress on request, "Close now" and the results. Nothing here runs the questions: each
 * player moves on by themselves.
 */
import { useStore } from "@nanostores/react";
import type { PlayerProgress } from "@protocol/values";
import { useState } from "react";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import type { GameLink } from "../../lib/connection";
import { formatDeadline, timeZone } from "../../lib/deadline";
import type { GameView } from "../../lib/game";
import { ResultsDownloads } from "./Final";
import { useFitScale } from "./fit";
import { QrCode } from "./Qr";
import "./assignment.css";

const messages = i18n("hostAssignment", {
  finished: "finished",
  notStarted: "not started",
  done: "{done} of {total} done",
  joined: "Joined",
  started: "Started",
  finishedLabel: "Finished",
  average: "Average score",
  closedHead: "Assignment closed",
  openHead: "Self-paced assignment",
  assignment: "Assignment",
  closedLine: plural({
    one: "Closed {time} {zone} · {count} question",
    other: "Closed {time} {zone} · {count} questions",
  }),
  openLine: plural({
    one: "Open until {time} {zone} · {count} question",
    other: "Open until {time} {zone} · {count} questions",
  }),
  howToJoin: "How to join",
  shareLink: "Share the link",
  orCode: "or the game code",
  gameCode: "Game code",
  copyLink: "Copy link",
  progress: "Progress",
  finishers: "Those who finished",
  nobodyYet: "Nobody has finished yet.",
  controls: "Assignment controls",
  players: "Players and progress",
  confirm: "Close it for everyone now?",
  yes: "Yes, close it",
  keep: "Keep it open",
  closeNow: "Close now",
});

/** "3 of 10 done", "finished", "not started" for one player of the list. */
export function assignmentProgress(p: PlayerProgress, questionCount: number): string {
  const t = messages.get();
  if (p.finishedAt !== null) return t.finished;
  if (p.startedAt === null) return t.notStarted;
  return fill(t.done, { done: formatNumber(p.done), total: formatNumber(questionCount) });
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
  const t = useStore(messages);
  const a = view.assignment;
  const [confirm, setConfirm] = useState(false);
  const stage = useFitScale<HTMLDivElement>(`${JSON.stringify(a)}|${view.leaderboard.length}|${view.title ?? ""}`);
  if (!a) return null;
  const closed = a.closed;
  const shortUrl = joinUrl.replace(/^https?:\/\//, "");
  const figures: [string, string][] = [
    [t.joined, formatNumber(a.joined ?? 0)],
    [t.started, formatNumber(a.started ?? 0)],
    [t.finishedLabel, formatNumber(a.finished ?? 0)],
    [t.average, a.finished ? formatNumber(a.averageScore ?? 0) : "–"],
  ];
  return (
    <div className="stage stage-assignment" ref={stage}>
      <header className="assignment-head">
        <p className="join-step">{closed ? t.closedHead : t.openHead}</p>
        <Title className="assignment-title">{view.title ?? t.assignment}</Title>
        <p className="assignment-deadline">
          <Rich
            text={(closed ? t.closedLine : t.openLine)(view.questionCount)}
            values={{
              time: <time dateTime={new Date(a.closesAt).toISOString()}>{formatDeadline(a.closesAt)}</time>,
              zone: <span className="deadline-zone">({timeZone()})</span>,
            }}
          />
        </p>
      </header>
      <div className="assignment-body">
        {closed ? null : (
          <section className="join-card" aria-label={t.howToJoin}>
            <div className="join-text">
              <p className="join-step">{t.shareLink}</p>
              <p className="join-url">{shortUrl}</p>
              <p className="join-step">{t.orCode}</p>
              <p className="join-code">
                <span className="sr-only">{t.gameCode} </span>
                {view.code.slice(0, 3)}
                <span className="code-gap" aria-hidden="true" />
                {view.code.slice(3)}
              </p>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => void navigator.clipboard?.writeText(joinUrl)}
              >
                {t.copyLink}
              </button>
            </div>
            <QrCode text={joinUrl} />
          </section>
        )}
        <section className="assignment-progress" aria-labelledby="assignment-figures">
          <h2 id="assignment-figures" className="section-title">
            {t.progress}
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
            <Leaderboard entries={view.leaderboard} title={t.finishers} moves={false} />
          ) : (
            <p className="calm">{t.nobodyYet}</p>
          )}
        </section>
      </div>
      <nav className="assignment-controls" aria-label={t.controls}>
        <button type="button" className="btn btn-ghost" onClick={onPlayers}>
          {t.players}
        </button>
        <ResultsDownloads code={view.code} hostToken={hostToken} />
        {closed ? null : confirm ? (
          <span className="confirm">
            <span>{t.confirm}</span>
            <button
              type="button"
              className="btn btn-danger"
              disabled={link.status !== "open"}
              onClick={() => {
                link.send({ type: "end" });
                setConfirm(false);
              }}
            >
              {t.yes}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirm(false)}>
              {t.keep}
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-ghost" onClick={() => setConfirm(true)}>
            {t.closeNow}
          </button>
        )}
      </nav>
    </div>
  );
}
