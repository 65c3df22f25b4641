/**
 * A team as every screen shows it: its colour as a swatch and, always beside it, its name (which says the colour
 * too), so nobody needs to tell colours apart to know a team. The palette and names are the protocol's `TEAMS`.
 */
import { TEAMS, type TeamLook } from "@protocol/values";

export function teamLook(team: number): TeamLook {
  return TEAMS[team] ?? { name: `Team ${team + 1}`, colour: "grey", hex: "#888888" };
}

export function TeamBadge({ team, className }: { team: number; className?: string }) {
  const look = teamLook(team);
  return (
    <span className={`team-badge${className ? ` ${className}` : ""}`}>
      <span className="team-swatch" style={{ background: look.hex }} aria-hidden="true" />
      <span className="team-name">{look.name}</span>
    </span>
  );
}
