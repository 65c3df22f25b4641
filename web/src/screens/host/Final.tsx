/**
 * The end of the game on the big screen: the podium (ties stand together on one step: two tied for 2nd share the
 * silver step and there is no bronze one) and the top 10 beside it. Everyone's place is one button away, in a
 * dialog with the results downloads, rather than on a projector where the whole room reads the last place.
 */

import type { GameResults, LeaderboardEntry } from "@protocol/values";
import { useEffect, useState } from "react";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import { saveFile } from "../../lib/download";
import { type GameView, ordinal } from "../../lib/game";
import { Dialog } from "./Dialog";
import { useFitScale } from "./fit";
import { downloadResults, fetchResults } from "./hostApi";
import { shownEntries, shownName } from "./moderation";

export interface PodiumStep {
  rank: number;
  score: number;
  players: LeaderboardEntry[];
}

/**
 * The server's podium (everyone ranked 1st to 3rd with points) as steps, in the order they stand: 2nd on the left,
 * 1st in the middle, 3rd on the right. A rank nobody holds has no step.
 */
export function podiumSteps(podium: LeaderboardEntry[]): PodiumStep[] {
  const steps: PodiumStep[] = [];
  for (const rank of [2, 1, 3]) {
    const players = podium.filter((e) => e.rank === rank);
    if (players.length) steps.push({ rank, score: players[0]?.score ?? 0, players });
  }
  return steps;
}

function names(players: LeaderboardEntry[]): string {
  const all = players.map((p) => p.name);
  return all.length <= 2 ? all.join(" and ") : `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
}

export function Final({
  view,
  hostToken,
  standingsOpen,
  onCloseStandings,
}: {
  view: GameView;
  hostToken: string;
  standingsOpen: boolean;
  onCloseStandings: () => void;
}) {
  const over = view.gameOver;
  const steps = podiumSteps(shownEntries(view, over?.podium ?? []));
  const top = shownEntries(view, over?.leaderboard ?? []);
  const stage = useFitScale<HTMLDivElement>(`${JSON.stringify(over)}|${view.moderation.hiddenPlayers.length}`);
  return (
    <div className="stage stage-final" ref={stage}>
      <Title className="final-title">Final results</Title>
      <div className={`stage-columns final-body${top.length ? "" : " single"}`}>
        {steps.length ? (
          <ol className="podium" aria-label="Podium">
            {steps.map((step) => (
              <li
                key={step.rank}
                className={`podium-step place-${step.rank}`}
                aria-label={`${ordinal(step.rank)}${step.players.length > 1 ? " (tied)" : ""}: ${names(step.players)}, ${step.score.toLocaleString("en")} points${step.players.length > 1 ? " each" : ""}`}
              >
                <ul className={`podium-names${step.players.length > 1 ? " tied" : ""}`} aria-hidden="true">
                  {step.players.map((p) => (
                    <li key={p.playerId}>{p.name}</li>
                  ))}
                </ul>
                <span className="podium-score" aria-hidden="true">
                  {step.score.toLocaleString("en")}
                </span>
                <span className="podium-block" aria-hidden="true">
                  {step.rank}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="big-message podium-empty">
            {over?.playerCount ? "Nobody scored any points this time." : "Nobody played this time."}
          </p>
        )}
        {top.length ? <Leaderboard entries={top} title="Top 10" moves={false} /> : null}
      </div>
      <StandingsDialog
        open={standingsOpen}
        onClose={onCloseStandings}
        view={view}
        code={view.code}
        hostToken={hostToken}
        top={top}
        playerCount={over?.playerCount ?? 0}
      />
    </div>
  );
}

/** Every player's place, from the host's results (the top 10 from the game-over message until they arrive). */
function StandingsDialog({
  open,
  onClose,
  view,
  code,
  hostToken,
  top,
  playerCount,
}: {
  open: boolean;
  onClose: () => void;
  view: GameView;
  code: string;
  hostToken: string;
  top: LeaderboardEntry[];
  playerCount: number;
}) {
  const [results, setResults] = useState<GameResults | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || results) return;
    let live = true;
    setFailed(false);
    fetchResults(code, hostToken)
      .then((r) => live && setResults(r))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [open, results, code, hostToken]);
  const rows = results
    ? results.players.map((p) => ({
        id: p.playerId,
        name: shownName(view, p.playerId, p.name),
        score: p.score,
        rank: p.rank,
      }))
    : top.map((e) => ({ id: e.playerId, name: e.name, score: e.score, rank: e.rank }));
  const more = Math.max(0, playerCount - rows.length);
  return (
    <Dialog open={open} onClose={onClose} title="All standings" className="standings-dialog">
      <ResultsDownloads code={code} hostToken={hostToken} />
      {!results ? (
        <p className="calm" role="status">
          {failed ? "The full standings could not be loaded; here is the top 10." : "Loading everyone's place…"}
        </p>
      ) : null}
      <div className="standings-scroll">
        <table className="standings">
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
      </div>
      {more ? (
        <p className="calm">
          …and {more.toLocaleString("en")} more {more === 1 ? "player" : "players"}.
        </p>
      ) : null}
    </Dialog>
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
