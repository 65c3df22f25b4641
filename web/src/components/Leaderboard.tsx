/**
 * The top of the table, with each player's movement since the last reveal. The marker stands between the place and
 * the name ("2 ▲3 Ada … 950"), never next to the score, so it cannot be read as a sign; an unchanged place shows no
 * marker at all.
 */
import type { LeaderboardEntry } from "@protocol/values";
import { TeamBadge, teamLook } from "./Team";

export interface Movement {
  /** What the screen shows: "▲3", "▼2", "new", or nothing. */
  symbol: string;
  /** What a screen reader says. */
  text: string;
  kind: "up" | "down" | "new" | "same";
}

/** How a player (or a team) moved since the last reveal; `previousRank` is null for one ranked for the first time. */
export function movement(entry: Pick<LeaderboardEntry, "rank" | "previousRank">): Movement {
  if (entry.previousRank === null) return { symbol: "new", text: "new", kind: "new" };
  const delta = entry.previousRank - entry.rank;
  if (delta > 0) return { symbol: `▲${delta}`, text: `up ${delta}`, kind: "up" };
  if (delta < 0) return { symbol: `▼${-delta}`, text: `down ${-delta}`, kind: "down" };
  return { symbol: "", text: "no change", kind: "same" };
}

export function Leaderboard({
  entries,
  highlight,
  title = "Leaderboard",
  moves = true,
}: {
  entries: LeaderboardEntry[];
  highlight?: string | null;
  title?: string;
  /** Off for the game's first ranking (nobody has moved yet) and for the final results. */
  moves?: boolean;
}) {
  if (entries.length === 0) return null;
  return (
    <section className="leaderboard" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ol className={`leaderboard-list${moves ? "" : " no-moves"}`}>
        {entries.map((entry) => {
          const move = moves ? movement(entry) : null;
          const team = entry.team === undefined ? "" : `, ${teamLook(entry.team).name}`;
          return (
            <li
              key={entry.playerId}
              className={`leaderboard-row${entry.playerId === highlight ? " me" : ""}`}
              aria-label={`${entry.rank}. ${entry.name}${team}, ${entry.score} points${move?.text ? `, ${move.text}` : ""}`}
            >
              <span className="lb-rank" aria-hidden="true">
                {entry.rank}
              </span>
              {move ? (
                <span className={`lb-move ${move.kind}`} aria-hidden="true">
                  {move.symbol}
                </span>
              ) : null}
              <span className="lb-name" aria-hidden="true">
                {entry.name}
                {entry.team === undefined ? null : <TeamBadge team={entry.team} className="lb-team" />}
              </span>
              <span className="lb-score" aria-hidden="true">
                {entry.score.toLocaleString("en")}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
