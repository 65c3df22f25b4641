/**
 * The top of the table, with each player's (or team's) movement since the last reveal. The marker stands between the
 * place and the name ("2 ▲3 Ada … 950"), never next to the score, so it cannot be read as a sign; an unchanged place
 * shows no marker at all.
 */
import { useStore } from "@nanostores/react";
import type { LeaderboardEntry } from "@protocol/values";
import type { ReactNode } from "react";
import { fill, formatNumber, i18n, plural } from "../i18n";
import { TeamBadge, teamLook } from "./Team";

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

/** How a player (or a team) moved since the last reveal; `previousRank` is null for one ranked for the first time. */
export function movement(entry: Pick<LeaderboardEntry, "rank" | "previousRank">): Movement {
  const t = messages.get();
  if (entry.previousRank === null) return { symbol: t.newSymbol, text: t.new, kind: "new" };
  const delta = entry.previousRank - entry.rank;
  if (delta > 0) return { symbol: `▲${delta}`, text: fill(t.up, { count: delta }), kind: "up" };
  if (delta < 0) return { symbol: `▼${-delta}`, text: fill(t.down, { count: -delta }), kind: "down" };
  return { symbol: "", text: t.same, kind: "same" };
}

/** One row of a standings table: a player or a team. */
export interface StandingRow {
  key: string;
  rank: number;
  previousRank: number | null;
  score: number;
  /** What a screen reader hears for the name ("Ada, Orange Otters"). */
  label: string;
  /** What the screen shows for it. */
  name: ReactNode;
  /** Said after the score ("3 players"). */
  more?: string;
}

/** A titled standings table (players' or teams'). */
export function Standings({
  rows,
  title,
  moves,
  highlight,
  className,
}: {
  rows: StandingRow[];
  title: string;
  moves: boolean;
  highlight?: string | null;
  className?: string;
}) {
  const t = useStore(messages);
  if (rows.length === 0) return null;
  return (
    <section className={`leaderboard${className ? ` ${className}` : ""}`} aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ol className={`leaderboard-list${moves ? "" : " no-moves"}`}>
        {rows.map((row) => {
          const move = moves ? movement(row) : null;
          return (
            <li
              key={row.key}
              className={`leaderboard-row${row.key === highlight ? " me" : ""}`}
              aria-label={`${t.row(row.score, { rank: row.rank, name: row.label })}${move?.text ? `, ${move.text}` : ""}${row.more ? `, ${row.more}` : ""}`}
            >
              <span className="lb-rank" aria-hidden="true">
                {row.rank}
              </span>
              {move ? (
                <span className={`lb-move ${move.kind}`} aria-hidden="true">
                  {move.symbol}
                </span>
              ) : null}
              <span className="lb-name" aria-hidden="true">
                {row.name}
              </span>
              <span className="lb-score" aria-hidden="true">
                {formatNumber(row.score)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
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
  const rows = entries.map((entry) => ({
    key: entry.playerId,
    rank: entry.rank,
    previousRank: entry.previousRank,
    score: entry.score,
    // Team games: the player's team beside the name, by name and colour.
    label: entry.team === undefined ? entry.name : `${entry.name}, ${teamLook(entry.team).name}`,
    name: (
      <>
        {entry.name}
        {entry.team === undefined ? null : <TeamBadge team={entry.team} className="lb-team" />}
      </>
    ),
  }));
  return <Standings rows={rows} title={title ?? t.title} moves={moves} highlight={highlight} />;
}
