/**
 * Team mode on the big screen: the lobby's teams with their members (each name opens its moderation, where the host
 * can move the player), the team standings beside a reveal, and the teams' podium at the end. A team is always its
 * swatch and its name (TeamBadge), never a colour alone.
 */
import type { PlayerSummary, TeamStanding } from "@protocol/values";
import { Standings } from "../../components/Leaderboard";
import { TeamBadge, teamLook } from "../../components/Team";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { useFitCount } from "./fit";
import { PlayerChip } from "./PlayerChip";
import { Podium } from "./Podium";
import "./teams.css";

/** A team column never renders more names than this; the server sends the newest 400 players in all. */
const MOST_NAMES = 400;

/** The lobby's teams side by side, each with its size and as many of its newest members as fit. */
export function TeamLobby({ view, onAct }: { view: GameView; onAct: (p: PlayerSummary) => void }) {
  const players = view.lobby.players ?? [];
  const sizes = view.lobby.teamSizes ?? [];
  return (
    // min-content: a team name too wide for its column widens the stage, and the fit (fit.ts) shrinks the text.
    <div className="team-columns" style={{ gridTemplateColumns: `repeat(${view.teams}, minmax(min-content, 1fr))` }}>
      {Array.from({ length: view.teams }, (_, team) => (
        <TeamColumn
          // biome-ignore lint/suspicious/noArrayIndexKey: a team's index is its identity on the wire
          key={team}
          team={team}
          view={view}
          members={players.filter((p) => p.team === team)}
          size={sizes[team] ?? 0}
          onAct={onAct}
        />
      ))}
    </div>
  );
}

function TeamColumn({
  team,
  view,
  members,
  size,
  onAct,
}: {
  team: number;
  view: GameView;
  members: PlayerSummary[];
  size: number;
  onAct: (p: PlayerSummary) => void;
}) {
  const { ref, shown } = useFitCount<HTMLUListElement>(members.length, MOST_NAMES);
  const visible = shown > 0 ? members.slice(-shown).reverse() : [];
  const more = size - visible.length;
  const look = teamLook(team);
  const headingId = `team-${team}-title`;
  return (
    <section className="team-column" aria-labelledby={headingId} style={{ borderTopColor: look.hex }}>
      <h3 id={headingId} className="team-title">
        <TeamBadge team={team} />
        <span className="team-size">
          {size.toLocaleString("en")}
          <span className="sr-only"> {size === 1 ? "player" : "players"}</span>
        </span>
      </h3>
      <ul className="player-chips team-members" ref={ref} aria-label={`Players in ${look.name}`}>
        {visible.map((p) => (
          <PlayerChip key={p.id} view={view} player={p} actions="Move, hide or remove" onAct={onAct} />
        ))}
        {more > 0 ? <li className="chip chip-more">+{more.toLocaleString("en")} more</li> : null}
        {size === 0 ? <li className="team-empty">Nobody yet</li> : null}
      </ul>
    </section>
  );
}

/** The host's menu for a player's team (in the player's dialog, in the lobby): one button per other team. */
export function MoveToTeam({
  player,
  view,
  link,
  onMoved,
}: {
  player: { id: string; team?: number };
  view: GameView;
  link: GameLink;
  onMoved: () => void;
}) {
  if (view.teams === 0 || view.phase !== "lobby") return null;
  // The lobby list is the freshest word on the player's team (the dialog holds the player as it was opened).
  const current = view.lobby.players?.find((p) => p.id === player.id)?.team ?? player.team;
  return (
    <fieldset className="move-team">
      <legend>Team: {current === undefined ? "none" : teamLook(current).name}. Move to</legend>
      <div className="move-team-buttons">
        {Array.from({ length: view.teams }, (_, team) =>
          team === current ? null : (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: a team's index is its identity on the wire
              key={team}
              type="button"
              className="btn btn-ghost btn-small"
              disabled={link.status !== "open"}
              onClick={() => {
                link.send({ type: "moveTeam", playerId: player.id, team });
                onMoved();
              }}
            >
              <TeamBadge team={team} />
            </button>
          ),
        )}
      </div>
    </fieldset>
  );
}

/** The teams' table, best first: place, movement, team (swatch and name), score. */
export function TeamStandings({
  teams,
  title = "Teams",
  moves = true,
}: {
  teams: TeamStanding[];
  title?: string;
  moves?: boolean;
}) {
  const rows = teams.map((t) => ({
    key: String(t.team),
    rank: t.rank,
    previousRank: t.previousRank,
    score: t.score,
    label: t.name,
    name: <TeamBadge team={t.team} />,
    more: `${t.members} ${t.members === 1 ? "player" : "players"}`,
  }));
  return <Standings rows={rows} title={title} moves={moves} className="team-standings" />;
}

/** The teams on the podium at the end: 2nd, 1st, 3rd, ties standing together; teams with no points stay off. */
export function TeamPodium({ teams }: { teams: TeamStanding[] }) {
  const steps = [2, 1, 3]
    .map((rank) => ({ rank, teams: teams.filter((t) => t.rank === rank && t.score > 0) }))
    .filter((s) => s.teams.length > 0);
  if (steps.length === 0) return <p className="big-message podium-empty">No team scored any points this time.</p>;
  return (
    <Podium
      label="Teams' podium"
      className="team-podium"
      places={steps.map((step) => ({
        rank: step.rank,
        score: step.teams[0]?.score ?? 0,
        names: step.teams.map((t) => ({ key: String(t.team), shown: <TeamBadge team={t.team} />, said: t.name })),
      }))}
    />
  );
}
