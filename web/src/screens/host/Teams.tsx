/**
 * Team mode on the big screen: the lobby's teams with their members (each name opens its moderation, where the host
 * can move the player), the team standings beside a reveal, and the teams' podium at the end. A team is always its
 * swatch and its name (TeamBadge), never a colour alone.
 */
import type { PlayerSummary, TeamStanding } from "@protocol/values";
import { movement } from "../../components/Leaderboard";
import { TeamBadge, teamLook } from "../../components/Team";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHidden, ordinal } from "../../lib/game";
import { useFitCount } from "./fit";
import { shownName } from "./moderation";
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
      <ul className="team-members" ref={ref} aria-label={`Players in ${look.name}`}>
        {visible.map((p) => {
          const name = shownName(view, p.id, p.name);
          return (
            <li
              key={p.id}
              className={`chip${p.connected ? "" : " offline"}${isHidden(view, p.id) ? " hidden-name" : ""}`}
            >
              <span className="chip-name">{name}</span>
              {p.connected ? null : <span className="sr-only"> (offline)</span>}
              <button
                type="button"
                className="chip-act"
                onClick={() => onAct(p)}
                aria-label={`Move, hide or remove ${name}`}
              >
                <span aria-hidden="true">⋯</span>
              </button>
            </li>
          );
        })}
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

/** The teams' table, best first: place, movement, team, score (and what the last question added). */
export function TeamStandings({
  teams,
  title = "Teams",
  moves = true,
}: {
  teams: TeamStanding[];
  title?: string;
  moves?: boolean;
}) {
  if (teams.length === 0) return null;
  return (
    <section className="leaderboard team-standings" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ol className={`leaderboard-list${moves ? "" : " no-moves"}`}>
        {teams.map((t) => {
          const move = moves ? movement(t) : null;
          return (
            <li
              key={t.team}
              className="leaderboard-row"
              aria-label={`${t.rank}. ${t.name}, ${t.score} points${move?.text ? `, ${move.text}` : ""}, ${t.members} ${t.members === 1 ? "player" : "players"}`}
            >
              <span className="lb-rank" aria-hidden="true">
                {t.rank}
              </span>
              {move ? (
                <span className={`lb-move ${move.kind}`} aria-hidden="true">
                  {move.symbol}
                </span>
              ) : null}
              <span className="lb-name" aria-hidden="true">
                <TeamBadge team={t.team} />
              </span>
              <span className="lb-score" aria-hidden="true">
                {t.score.toLocaleString("en")}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The teams on the podium at the end: 2nd, 1st, 3rd, ties standing together; teams with no points stay off. */
export function TeamPodium({ teams }: { teams: TeamStanding[] }) {
  const steps = [2, 1, 3]
    .map((rank) => ({ rank, teams: teams.filter((t) => t.rank === rank && t.score > 0) }))
    .filter((s) => s.teams.length > 0);
  if (steps.length === 0) return <p className="big-message podium-empty">No team scored any points this time.</p>;
  return (
    <ol className="podium team-podium" aria-label="Teams' podium">
      {steps.map((step) => (
        <li
          key={step.rank}
          className={`podium-step place-${step.rank}`}
          aria-label={`${ordinal(step.rank)}${step.teams.length > 1 ? " (tied)" : ""}: ${step.teams.map((t) => t.name).join(" and ")}, ${(step.teams[0]?.score ?? 0).toLocaleString("en")} points`}
        >
          <ul className={`podium-names${step.teams.length > 1 ? " tied" : ""}`} aria-hidden="true">
            {step.teams.map((t) => (
              <li key={t.team}>
                <TeamBadge team={t.team} />
              </li>
            ))}
          </ul>
          <span className="podium-score" aria-hidden="true">
            {(step.teams[0]?.score ?? 0).toLocaleString("en")}
          </span>
          <span className="podium-block" aria-hidden="true">
            {step.rank}
          </span>
        </li>
      ))}
    </ol>
  );
}
