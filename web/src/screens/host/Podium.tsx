/**
 * The podium's steps as they stand: 2nd on the left, 1st in the middle, 3rd on the right, everyone tied on a rank on
 * one step. Shared by the players' podium (Final.tsx) and the teams' (Teams.tsx).
 */
import type { ReactNode } from "react";
import { ordinal } from "../../lib/game";

export interface PodiumPlace {
  rank: number;
  score: number;
  /** Who stands there: a key, what the screen shows and what a screen reader says. */
  names: { key: string; shown: ReactNode; said: string }[];
}

function together(names: string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function Podium({ places, label, className }: { places: PodiumPlace[]; label: string; className?: string }) {
  return (
    <ol className={`podium${className ? ` ${className}` : ""}`} aria-label={label}>
      {places.map((place) => {
        const tied = place.names.length > 1;
        return (
          <li
            key={place.rank}
            className={`podium-step place-${place.rank}`}
            aria-label={`${ordinal(place.rank)}${tied ? " (tied)" : ""}: ${together(place.names.map((n) => n.said))}, ${place.score.toLocaleString("en")} points${tied ? " each" : ""}`}
          >
            <ul className={`podium-names${tied ? " tied" : ""}`} aria-hidden="true">
              {place.names.map((n) => (
                <li key={n.key}>{n.shown}</li>
              ))}
            </ul>
            <span className="podium-score" aria-hidden="true">
              {place.score.toLocaleString("en")}
            </span>
            <span className="podium-block" aria-hidden="true">
              {place.rank}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
