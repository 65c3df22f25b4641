/**
 * The top of the table, with each player's movement since the last reveal. The marker stands between the place and
 * the name ("2 ▲3 Ada … 950"), never next to the score, so it cannot be read as a sign; an unchanged place shows no
 * marker at all.
 */
import { useStore } from "@nanostores/react";
import type { LeaderboardEntry } from "@protocol/values";
import { fill, formatNumber, i18n, plural } from "../i18n";

const messages = i18n("leaderboard", {
  title: "Leaderboard",
  newSymbol: "new",
  new: "new",
  up: "up {count}",
  down: "down {count}",
  same: "no change",
  row: plural({ one: "{rank}. {name}, {count} point", other: "{rank}. {name}, {count} points" }),
});

export interface Movement {
  /** What the screen shows: "▲3", "▼2", "new", or nothing. */
  symbol: string;
  /** What a screen reader says. */
  text: string;
  kind: "up" | "down" | "new" | "same";
}

/** How a player moved since the last reveal; `previousRank` is null for someone ranked for the first time. */
export function movement(entry: LeaderboardEntry): Movement {
  const t = messages.get();
  if (entry.previousRank === null) return { symbol: t.newSymbol, text: t.new, kind: "new" };
  const delta = entry.previousRank - entry.rank;
  if (delta > 0) return { symbol: `▲${delta}`, text: fill(t.up, { count: delta }), kind: "up" };
  if (delta < 0) return { symbol: `▼${-delta}`, text: fill(t.down, { count: -delta }), kind: "down" };
  return { symbol: "", text: t.same, kind: "same" };
}

export function Leaderboard({
  entries,
  highlight,
  title,
  moves = true,
}: {
  entries: LeaderboardEntry[];
  highlight?: string | null;
  title?: string;
  /** Off for the game's first ranking (nobody has moved yet) and for the final results. */
  moves?: boolean;
}) {
  const t = useStore(messages);
  if (entries.length === 0) return null;
  const heading = title ?? t.title;
  return (
    <section className="leaderboard" aria-label={heading}>
      <h2 className="section-title">{heading}</h2>
      <ol className={`leaderboard-list${moves ? "" : " no-moves"}`}>
        {entries.map((entry) => {
          const move = moves ? movement(entry) : null;
          return (
            <li
              key={entry.playerId}
              className={`leaderboard-row${entry.playerId === highlight ? " me" : ""}`}
              aria-label={`${t.row(entry.score, { rank: entry.rank, name: entry.name })}${move?.text ? `, ${move.text}` : ""}`}
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
              </span>
              <span className="lb-score" aria-hidden="true">
                {formatNumber(entry.score)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
