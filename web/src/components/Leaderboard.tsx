/** The top of the table with each player's movement since the last reveal. */
import type { LeaderboardEntry } from "@protocol/values";

function movement(entry: LeaderboardEntry): { symbol: string; text: string; kind: string } {
  if (entry.previousRank === null) return { symbol: "", text: "", kind: "same" };
  const delta = entry.previousRank - entry.rank;
  if (delta > 0) return { symbol: `▲${delta}`, text: `up ${delta}`, kind: "up" };
  if (delta < 0) return { symbol: `▼${-delta}`, text: `down ${-delta}`, kind: "down" };
  return { symbol: "–", text: "no change", kind: "same" };
}

export function Leaderboard({
  entries,
  highlight,
  title = "Leaderboard",
}: {
  entries: LeaderboardEntry[];
  highlight?: string | null;
  title?: string;
}) {
  if (entries.length === 0) return null;
  return (
    <section className="leaderboard" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ol className="leaderboard-list">
        {entries.map((entry) => {
          const move = movement(entry);
          return (
            <li
              key={entry.playerId}
              className={`leaderboard-row${entry.playerId === highlight ? " me" : ""}`}
              aria-label={`${entry.rank}. ${entry.name}, ${entry.score} points${move.text ? `, ${move.text}` : ""}`}
            >
              <span className="lb-rank" aria-hidden="true">
                {entry.rank}
              </span>
              <span className="lb-name" aria-hidden="true">
                {entry.name}
              </span>
              <span className={`lb-move ${move.kind}`} aria-hidden="true">
                {move.symbol}
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
