/**
 * The podium's steps as they stand: 2nd on the left, 1st in the middle, 3rd on the right, everyone tied on a rank on
 * one step. Shared by the players' podium (Final.tsx) and the teams' (Teams.tsx).
 */
import { useStore } from "@nanostores/react";
import type { ReactNode } from "react";
import { formatNumber, i18n, locale, plural } from "../../i18n";
import { ordinal } from "../../lib/game";

const messages = i18n("podium", {
  step: plural({ one: "{place}: {names}, {count} point", other: "{place}: {names}, {count} points" }),
  stepTied: plural({
    one: "{place} (tied): {names}, {count} point each",
    other: "{place} (tied): {names}, {count} points each",
  }),
});

export interface PodiumPlace {
  rank: number;
  score: number;
  /** Who stands there: a key, what the screen shows and what a screen reader says. */
  names: { key: string; shown: ReactNode; said: string }[];
}

/** "Ada, Bo and Cy" in the language on screen. */
function together(names: string[]): string {
  return new Intl.ListFormat(locale.get(), { type: "conjunction" }).format(names);
}

export function Podium({ places, label, className }: { places: PodiumPlace[]; label: string; className?: string }) {
  const t = useStore(messages);
  return (
    <ol className={`podium${className ? ` ${className}` : ""}`} aria-label={label}>
      {places.map((place) => {
        const tied = place.names.length > 1;
        return (
          <li
            key={place.rank}
            className={`podium-step place-${place.rank}`}
            aria-label={(tied ? t.stepTied : t.step)(place.score, {
              place: ordinal(place.rank),
              names: together(place.names.map((n) => n.said)),
            })}
          >
            <ul className={`podium-names${tied ? " tied" : ""}`} aria-hidden="true">
              {place.names.map((n) => (
                <li key={n.key}>{n.shown}</li>
              ))}
            </ul>
            <span className="podium-score" aria-hidden="true">
              {formatNumber(place.score)}
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
