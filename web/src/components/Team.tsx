/**
 * A team as every screen shows it: its colour as a swatch and, always beside it, its name (which says the colour
 * too), so nobody needs to tell colours apart to know a team. The palette is the protocol's `TEAMS`; the names are
 * said in the language on screen, by the team's index (the server's English name is only its fallback).
 */
import { useStore } from "@nanostores/react";
import { TEAMS, type TeamLook } from "@protocol/values";
import { fill, i18n } from "../i18n";

const messages = i18n("team", {
  otters: "Orange Otters",
  swallows: "Sky Swallows",
  geckos: "Green Geckos",
  yaks: "Yellow Yaks",
  whales: "Blue Whales",
  foxes: "Red Foxes",
  flamingos: "Pink Flamingos",
  wolves: "Silver Wolves",
  numbered: "Team {n}",
});

/** A team's look, its name in the language on screen. */
export function teamLook(team: number): TeamLook {
  const t = messages.get();
  const names = [t.otters, t.swallows, t.geckos, t.yaks, t.whales, t.foxes, t.flamingos, t.wolves];
  const look = TEAMS[team];
  const name = names[team] ?? fill(t.numbered, { n: team + 1 });
  return look ? { ...look, name } : { name, colour: "grey", hex: "#888888" };
}

export function TeamBadge({ team, className }: { team: number; className?: string }) {
  useStore(messages); // re-render when the language changes
  const look = teamLook(team);
  return (
    <span className={`team-badge${className ? ` ${className}` : ""}`}>
      <span className="team-swatch" style={{ background: look.hex }} aria-hidden="true" />
      <span className="team-name">{look.name}</span>
    </span>
  );
}
