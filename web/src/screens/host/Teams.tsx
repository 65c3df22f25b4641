/**
 * Team mode on the big screen: the lobby's teams with their members (each name opens its moderation, where the host
 * can move the player), the team standings beside a reveal, and the teams' podium at the end. A team is always its
 * swatch and its name (TeamBadge), never a colour alone.
 */
import { useStore } from "@nanostores/react";
import type { PlayerSummary, TeamStanding } from "@protocol/values";
import { Standings } from "../../components/Leaderboard";
import { TeamBadge, teamLook } from "../../components/Team";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { useFitCount } from "./fit";
import { PlayerChip } from "./PlayerChip";
import { Podium } from "./Podium";
import "./teams.css";

const messages = i18n("teams", {
  players: plural({ one: "player", other: "players" }),
  members: plural({ one: "{count} player", other: "{count} players" }),
  playersIn: "Players in {team}",
  act: "Move, hide or remove {name}",
  more: "+{count} more",
  nobodyYet: "Nobody yet",
  teamNone: "Team: none. Move to",
  teamIs: "Team: {team}. Move to",
  title: "Teams",
  noScore: "No team scored any points this time.",
  podium: "Teams' podium",
});

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
  const t = useStore(messages);
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
          {formatNumber(size)}
          <span className="sr-only"> {t.players(size)}</span>
        </span>
      </h3>
      <ul className="player-chips team-members" ref={ref} aria-label={fill(t.playersIn, { team: look.name })}>
        {visible.map((p) => (
          <PlayerChip key={p.id} view={view} player={p} actions={t.act} onAct={onAct} />
        ))}
        {more > 0 ? <li className="chip chip-more">{fill(t.more, { count: formatNumber(more) })}</li> : null}
        {size === 0 ? <li className="team-empty">{t.nobodyYet}</li> : null}
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
  const t = useStore(messages);
  if (view.teams === 0 || view.phase !== "lobby") return null;
  // The lobby list is the freshest word on the player's team (the dialog holds the player as it was opened).
  const current = view.lobby.players?.find((p) => p.id === player.id)?.team ?? player.team;
  return (
    <fieldset className="move-team">
      <legend>{current === undefined ? t.teamNone : fill(t.teamIs, { team: teamLook(current).name })}</legend>
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
  title,
  moves = true,
}: {
  teams: TeamStanding[];
  title?: string;
  moves?: boolean;
}) {
  const t = useStore(messages);
  const rows = teams.map((team) => ({
    key: String(team.team),
    rank: team.rank,
    previousRank: team.previousRank,
    score: team.score,
    label: teamLook(team.team).name,
    name: <TeamBadge team={team.team} />,
    more: t.members(team.members),
  }));
  return <Standings rows={rows} title={title ?? t.title} moves={moves} className="team-standings" />;
}

/** The teams on the podium at the end: 2nd, 1st, 3rd, ties standing together; teams with no points stay off. */
export function TeamPodium({ teams }: { teams: TeamStanding[] }) {
  const t = useStore(messages);
  const steps = [2, 1, 3]
    .map((rank) => ({ rank, teams: teams.filter((team) => team.rank === rank && team.score > 0) }))
    .filter((s) => s.teams.length > 0);
  if (steps.length === 0) return <p className="big-message podium-empty">{t.noScore}</p>;
  return (
    <Podium
      label={t.podium}
      className="team-podium"
      places={steps.map((step) => ({
        rank: step.rank,
        score: step.teams[0]?.score ?? 0,
        names: step.teams.map((team) => ({
          key: String(team.team),
          shown: <TeamBadge team={team.team} />,
          said: teamLook(team.team).name,
        })),
      }))}
    />
  );
}
