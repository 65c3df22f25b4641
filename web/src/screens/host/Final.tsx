/**
 * The end of the game on the big screen: the podium (ties stand together on one step: two tied for 2nd share the
 * silver step and there is no bronze one) and the top 10 beside it. Everyone's place is one button away, in a
 * dialog with the results downloads, rather than on a projector where the whole room reads the last place.
 */

import { useStore } from "@nanostores/react";
import type { GameResults, LeaderboardEntry } from "@protocol/values";
import { useEffect, useState } from "react";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import { TeamBadge } from "../../components/Team";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import { saveFile } from "../../lib/download";
import { type GameView, ordinal } from "../../lib/game";
import { Dialog } from "./Dialog";
import { useFitScale } from "./fit";
import { downloadResults, fetchResults } from "./hostApi";
import { shownEntries, shownName } from "./moderation";
import { Podium } from "./Podium";
import { TeamPodium, TeamStandings } from "./Teams";

const messages = i18n("final", {
  title: "Final results",
  podium: "Podium",
  nobodyScored: "Nobody scored any points this time.",
  nobodyPlayed: "Nobody played this time.",
  top10: "Top 10",
  topPlayers: "Top players",
  team: "Team",
  allStandings: "All standings",
  standingsFailed: "The full standings could not be loaded; here is the top 10.",
  loadingStandings: "Loading everyone's place…",
  place: "Place",
  player: "Player",
  score: "Score",
  more: plural({ one: "…and {count} more player.", other: "…and {count} more players." }),
  downloadFailed: "The results could not be downloaded: {error}",
  downloading: "Downloading…",
  downloadCsv: "Download CSV",
  downloadJson: "Download JSON",
});

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
  const t = useStore(messages);
  const over = view.gameOver;
  const steps = podiumSteps(shownEntries(view, over?.podium ?? []));
  const top = shownEntries(view, over?.leaderboard ?? []);
  const teams = over?.teams;
  const stage = useFitScale<HTMLDivElement>(`${JSON.stringify(over)}|${view.moderation.hiddenPlayers.length}`);
  return (
    <div className="stage stage-final" ref={stage}>
      <Title className="final-title">{t.title}</Title>
      <div className={`stage-columns final-body${top.length || teams ? "" : " single"}`}>
        {/* Team games: the winning teams on the podium, then the teams' table and the players'. */}
        {teams ? (
          <TeamPodium teams={teams} />
        ) : steps.length ? (
          <Podium
            label={t.podium}
            places={steps.map((step) => ({
              rank: step.rank,
              score: step.score,
              names: step.players.map((p) => ({ key: p.playerId, shown: p.name, said: p.name })),
            }))}
          />
        ) : (
          <p className="big-message podium-empty">{over?.playerCount ? t.nobodyScored : t.nobodyPlayed}</p>
        )}
        {teams ? (
          <div className="final-side">
            <TeamStandings teams={teams} moves={false} />
            {top.length ? <Leaderboard entries={top} title={t.topPlayers} moves={false} /> : null}
          </div>
        ) : top.length ? (
          <Leaderboard entries={top} title={t.top10} moves={false} />
        ) : null}
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
  const t = useStore(messages);
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
        team: view.teams ? results.teams?.find((t) => t.name === p.team)?.team : undefined,
      }))
    : top.map((e) => ({ id: e.playerId, name: e.name, score: e.score, rank: e.rank, team: e.team }));
  const more = Math.max(0, playerCount - rows.length);
  return (
    <Dialog open={open} onClose={onClose} title={t.allStandings} className="standings-dialog">
      <ResultsDownloads code={code} hostToken={hostToken} />
      {!results ? (
        <p className="calm" role="status">
          {failed ? t.standingsFailed : t.loadingStandings}
        </p>
      ) : null}
      <div className="standings-scroll">
        <table className="standings">
          <thead>
            <tr>
              <th scope="col">{t.place}</th>
              <th scope="col">{t.player}</th>
              {view.teams ? <th scope="col">{t.team}</th> : null}
              <th scope="col">{t.score}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{ordinal(r.rank)}</td>
                <td className="name-cell">{r.name}</td>
                {view.teams ? <td>{r.team === undefined ? "" : <TeamBadge team={r.team} />}</td> : null}
                <td>{formatNumber(r.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? <p className="calm">{t.more(more)}</p> : null}
    </Dialog>
  );
}

export function ResultsDownloads({ code, hostToken }: { code: string; hostToken: string }) {
  const t = useStore(messages);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"csv" | "json" | null>(null);
  const save = async (format: "csv" | "json") => {
    setError(null);
    setBusy(format);
    try {
      const { blob, filename } = await downloadResults(code, hostToken, format);
      saveFile(blob, filename);
    } catch (err) {
      setError(fill(t.downloadFailed, { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads">
      <button type="button" className="btn btn-ghost btn-small" disabled={busy !== null} onClick={() => save("csv")}>
        {busy === "csv" ? t.downloading : t.downloadCsv}
      </button>
      <button type="button" className="btn btn-ghost btn-small" disabled={busy !== null} onClick={() => save("json")}>
        {busy === "json" ? t.downloading : t.downloadJson}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
