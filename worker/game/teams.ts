/**
 * Team mode's rules: spreading players over the teams, the host moving one in the lobby, and settling each question
 * for the teams. Pure like the engine (which calls these from a few hooks); nothing here runs in a game without teams.
 *
 * A team's points for a question are the mean of its members' points (rounded), so a team of 3 can beat a team of 5:
 * size does not decide. Its members for a question are the players who took part in it (joined by then, not removed),
 * so a late joiner does not dilute the questions before it, and a kicked player leaves the average from the question
 * of the kick on. A team's streak counts the questions in a row that at least half of its members got right (polls
 * leave it alone, as they leave players' streaks alone).
 */
import { TEAMS, type TeamStanding, type YourTeam } from "../protocol/values";
import type { Effect, Outcome } from "./engine";
import { competitionRanks } from "./scoring";
import type { GameQuestion, GameState, Player, TeamState } from "./state";

/**
 * How many players (still in the game) each team has, by team index; empty without teams. With `upTo`, only those
 * who took part in question `upTo` (joined by then): a reveal's member counts stay what they were when players join
 * during it.
 */
export function teamSizes(state: GameState, upTo = Number.POSITIVE_INFINITY): number[] {
  const sizes = (state.teams ?? []).map(() => 0);
  if (sizes.length === 0) return sizes;
  for (const p of state.players.values()) {
    if (!p.kicked && p.team !== null && p.firstQuestion <= upTo) sizes[p.team] = (sizes[p.team] ?? 0) + 1;
  }
  return sizes;
}

/**
 * Puts a new player in the team with the fewest players (the first of those when several tie), so joins alone keep
 * the teams within one player of each other; late joiners fill the team a kick or a move left short. No-op without
 * teams.
 */
export function joinTeam(state: GameState, player: Player): void {
  if (!state.teams) return;
  const sizes = teamSizes(state);
  // The player is already counted in `players` (with no team yet), so it is not in `sizes`.
  let best = 0;
  sizes.forEach((size, i) => {
    if (size < (sizes[best] as number)) best = i;
  });
  player.team = best;
}

const fail = (code: "no_teams" | "team_not_found" | "player_not_found" | "wrong_phase", message: string): Outcome => ({
  ok: false,
  error: { code, message },
});

/** The host moves a player to another team: in the lobby only, so every question is played by the same teams. */
export function moveTeam(state: GameState, playerId: string | undefined, team: number | undefined): Outcome {
  if (!state.teams) return fail("no_teams", "This game has no teams.");
  const player = playerId ? state.players.get(playerId) : undefined;
  if (!player || player.kicked) return fail("player_not_found", "No such player in this game.");
  if (team === undefined || team < 0 || team >= state.teams.length) {
    return fail(
      "team_not_found",
      `There is no team ${(team ?? -1) + 1} in this game: its teams are 1 to ${state.teams.length}.`,
    );
  }
  if (state.clock.phase !== "lobby") {
    return fail("wrong_phase", "Players change teams in the lobby only: the game has started.");
  }
  if (player.team === team) return { ok: true, effects: [] };
  player.team = team;
  const effects: Effect[] = [
    { type: "saveTeam", playerId: player.id, team },
    { type: "send", to: { player: player.id }, message: { type: "team", team } },
    { type: "viewChanged", view: "lobby" },
  ];
  return { ok: true, effects };
}

/**
 * Adds question `index` to every team's figures, from the points its members (`players`: those who took part, their
 * `lastResult` just settled) earned, and ranks the teams. Called by the engine's `settleQuestion`, live and when a
 * game is rebuilt from storage alike.
 */
export function settleTeams(state: GameState, q: GameQuestion, players: readonly Player[]): void {
  const teams = state.teams;
  if (!teams) return;
  const sums = teams.map(() => ({ points: 0, right: 0, members: 0 }));
  for (const p of players) {
    const sum = p.team === null ? undefined : sums[p.team];
    if (!sum || !p.lastResult) continue;
    sum.members++;
    sum.points += p.lastResult.points;
    if (p.lastResult.correct) sum.right++;
  }
  teams.forEach((t, i) => {
    const sum = sums[i] as (typeof sums)[number];
    t.points = sum.members > 0 ? Math.round(sum.points / sum.members) : 0;
    t.score += t.points;
    // A team nobody played for this question keeps its streak, as a poll does.
    if (q.kind !== "poll" && sum.members > 0) t.streak = sum.right * 2 >= sum.members ? t.streak + 1 : 0;
    t.previousRank = t.rank;
  });
  const order = teamOrder(teams);
  const ranks = competitionRanks(order.map((i) => (teams[i] as TeamState).score));
  order.forEach((i, at) => {
    (teams[i] as TeamState).rank = ranks[at] as number;
  });
}

/** Team indexes best first: higher score, then the lower index (a stable, explainable order). */
function teamOrder(teams: readonly TeamState[]): number[] {
  return teams.map((_, i) => i).sort((a, b) => (teams[b] as TeamState).score - (teams[a] as TeamState).score || a - b);
}

/**
 * Every team's standing, best first; undefined without teams (so messages of other games keep their shape). `upTo`:
 * the revealed question, whose players are the members counted (every player still in the game otherwise).
 */
export function teamStandings(state: GameState, upTo?: number): TeamStanding[] | undefined {
  const teams = state.teams;
  if (!teams) return undefined;
  const sizes = teamSizes(state, upTo);
  return teamOrder(teams).map((i) => {
    const t = teams[i] as TeamState;
    return {
      team: i,
      name: (TEAMS[i] as (typeof TEAMS)[number]).name,
      score: t.score,
      rank: t.rank ?? 1,
      previousRank: t.previousRank,
      streak: t.streak,
      points: t.points,
      members: sizes[i] ?? 0,
    };
  });
}

/** A player's own team and its place, for `you`; undefined without teams. */
export function yourTeam(state: GameState, player: Player): YourTeam | undefined {
  const t = player.team === null ? undefined : state.teams?.[player.team];
  if (!t || player.team === null) return undefined;
  return { team: player.team, rank: t.rank ?? 1, score: t.score };
}

/** The `team` field a player's entries carry in team games (nothing otherwise). */
export function teamField(player: Player): { team?: number } {
  return player.team === null ? {} : { team: player.team };
}
