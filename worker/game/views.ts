/**
 * What each side sees: the payloads the rules send and the snapshot a (re)connecting socket gets, built from the
 * state. Nothing here changes the state. The host's seats (its screen and its remotes) get the newest players, the
 * whole list on request, the top 10 and every name as it is, with what the host hid; a player's views carry its own
 * figures, and names the host hid only as a placeholder.
 */
import {
  type GameOverPayload,
  type GameSnapshot,
  type LeaderboardEntry,
  LIMITS,
  type LobbyPayload,
  type ModerationState,
  type PlayerListEntry,
  type PlayerSummary,
  type QuestionPayload,
  type ReadyPayload,
  type RevealPayload,
  type Role,
  type ServerMessage,
  type SliderScale,
  type YouState,
} from "../protocol/values";
import { nameKey } from "./names";
import { normaliseTyped } from "./scoring";
import {
  activePlayers,
  answerKey,
  byStanding,
  connectedCount,
  type GameClock,
  type GameState,
  isConnected,
  type Player,
  playerCount,
  rankOf,
  shownName,
} from "./state";
import { teamField, teamSizes, teamStandings, yourTeam } from "./teams";

/** Where a question stands: the game's clock, or one player's in a self-paced assignment (self-paced.ts). */
type QuestionClock = Pick<GameClock, "phase" | "index" | "startedAt" | "opensAt" | "deadline">;

export function questionPayload(state: GameState, c: QuestionClock = state.clock): QuestionPayload | null {
  const q = state.questions[c.index];
  if (!q || c.index < 0) return null;
  return {
    index: c.index,
    total: state.questions.length,
    kind: q.kind,
    text: q.text,
    ...(q.kind === "type" || q.kind === "slider" ? {} : { choices: q.choices }),
    ...(q.slider ? { slider: sliderScale(q.slider) } : {}),
    ...(q.image ? { image: q.image } : {}),
    ...(q.category ? { category: q.category } : {}),
    double: q.double,
    durationMs: q.durationMs,
    deadline: c.phase === "question" ? c.deadline : null,
    startedAt: c.startedAt,
  };
}

/** The scale players see: never the right value or the tolerance. */
function sliderScale({ min, max, step, unit }: NonNullable<GameState["questions"][number]["slider"]>): SliderScale {
  return { min, max, step, ...(unit ? { unit } : {}) };
}

export function readyPayload(state: GameState, c: QuestionClock = state.clock): ReadyPayload | null {
  const q = state.questions[c.index];
  if (!q || c.phase !== "ready") return null;
  return {
    index: c.index,
    total: state.questions.length,
    kind: q.kind,
    text: q.text,
    ...(q.image ? { image: q.image } : {}),
    ...(q.category ? { category: q.category } : {}),
    double: q.double,
    durationMs: q.durationMs,
    readMs: state.settings.readSeconds * 1000,
    opensAt: c.opensAt,
  };
}

/**
 * The lobby as each side sees it. The host's seats get the newest players (as many as a big screen can show; the
 * whole list is one `players` request away), so an update costs the same with 500 players or 10,000; players get the
 * count and the newest names, without any the host hid.
 */
export function lobbyPayload(state: GameState, role: Role): LobbyPayload {
  const base = {
    playerCount: playerCount(state),
    connectedCount: connectedCount(state),
    locked: state.clock.locked,
  };
  if (role !== "player") {
    const players: PlayerSummary[] = activePlayers(state)
      .slice(-LIMITS.lobbyHostNames)
      .map((p) => ({
        id: p.id,
        name: p.name,
        score: p.score,
        connected: isConnected(state, p.id),
        ...teamField(p),
      }));
    return { ...base, players, ...(state.teams ? { teamSizes: teamSizes(state) } : {}) };
  }
  const recent = state.recentNames.filter((name) => {
    const id = state.nameKeys.get(nameKey(name));
    return !(id && state.hiddenPlayers.has(id));
  });
  return { ...base, recent };
}

/** Every player in the game, in the order they joined, for the host's player list (sent on request only). */
export function playerList(state: GameState): PlayerListEntry[] {
  return activePlayers(state).map((p) => ({
    id: p.id,
    name: p.name,
    score: p.score,
    connected: isConnected(state, p.id),
    rank: rankOf(state, p),
    hidden: state.hiddenPlayers.has(p.id),
    ...teamField(p),
  }));
}

/**
 * What the host has hidden from the big screen, in a fixed order (ids; question, then text): the sets keep the order
 * things were hidden in, storage does not, and a rebuilt game must show the host the same list.
 */
export function moderationState(state: GameState): ModerationState {
  return {
    hiddenPlayers: [...state.hiddenPlayers].sort(),
    hiddenAnswers: [...state.hiddenAnswers.values()]
      .map(({ index, text }) => ({ index, text }))
      .sort((a, b) => a.index - b.index || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
  };
}

function hidesAnything(state: GameState): boolean {
  return state.hiddenAnswers.size > 0 || state.hiddenPlayers.size > 0;
}

/** Standings entries as players get them: a hidden name becomes the placeholder (the same array when none is). */
function entriesForPlayers(state: GameState, entries: LeaderboardEntry[]): LeaderboardEntry[] {
  if (!entries.some((e) => state.hiddenPlayers.has(e.playerId))) return entries;
  return entries.map((e) =>
    state.hiddenPlayers.has(e.playerId) ? { ...e, name: shownName(state, e.playerId, e.name) } : e,
  );
}

/** The game-over message as players get it (the same object when no hidden name stands in it). */
export function gameOverForPlayers(state: GameState, over: GameOverPayload): GameOverPayload {
  const podium = entriesForPlayers(state, over.podium);
  const leaderboard = entriesForPlayers(state, over.leaderboard);
  return podium === over.podium && leaderboard === over.leaderboard ? over : { ...over, podium, leaderboard };
}

/** A reveal as players get it: hidden names as the placeholder, hidden typed answers left out. */
function revealForPlayers(state: GameState, reveal: RevealPayload): RevealPayload {
  const typed = reveal.typed?.filter((t) => !state.hiddenAnswers.has(answerKey(reveal.index, normaliseTyped(t.text))));
  const leaderboard = reveal.leaderboard && entriesForPlayers(state, reveal.leaderboard);
  return {
    ...reveal,
    ...(typed ? { typed } : {}),
    ...(leaderboard ? { leaderboard } : {}),
  };
}

export function progressMessage(state: GameState): ServerMessage | null {
  if (state.clock.phase !== "question") return null;
  return {
    type: "progress",
    index: state.clock.index,
    answered: state.answers.size,
    connected: connectedCount(state),
  };
}

export function snapshot(state: GameState, role: Role): GameSnapshot {
  const c = state.clock;
  const paused = c.pausedRemainingMs !== null && c.phase !== "finished" ? { remainingMs: c.pausedRemainingMs } : null;
  const host = role !== "player";
  const masked = !host && hidesAnything(state);
  const reveal = c.phase === "reveal" ? state.lastReveal : null;
  const gameOver = c.phase === "finished" ? state.gameOver : null;
  const ready = c.phase === "ready" ? readyPayload(state) : null;
  return {
    code: state.code,
    ...(state.title ? { title: state.title } : {}),
    phase: c.phase,
    locked: c.locked,
    questionCount: state.questions.length,
    lobby: lobbyPayload(state, role),
    question: c.phase === "question" || c.phase === "reveal" ? questionPayload(state) : null,
    reveal: reveal && masked ? revealForPlayers(state, reveal) : reveal,
    gameOver: gameOver && masked ? gameOverForPlayers(state, gameOver) : gameOver,
    paused,
    leaderboard: masked ? entriesForPlayers(state, state.leaderboard) : state.leaderboard,
    ...(host && c.phase === "question"
      ? { progress: { index: c.index, answered: state.answers.size, connected: connectedCount(state) } }
      : {}),
    revealSeconds: state.settings.revealSeconds,
    // What older clients never see: only present when there is something to say.
    ...(ready ? { ready } : {}),
    ...(host && hidesAnything(state) ? { moderation: moderationState(state) } : {}),
    ...(state.teams ? { teams: state.teams.length } : {}),
  };
}

/**
 * The `resumed` message from the clock as it runs again: `nextAt` is the reveal's end (the clock's own, unless a
 * shard, which keeps none, is told it); `opensAt` only in the lead-in, so a question's or a reveal's `resumed` is what
 * it always was.
 */
export function resumedMessage(c: GameClock, now: number, nextAt: number | null = c.revealEndsAt): ServerMessage {
  return {
    type: "resumed",
    serverTime: now,
    phase: c.phase,
    deadline: c.deadline,
    nextAt,
    ...(c.opensAt !== null ? { opensAt: c.opensAt } : {}),
  };
}

export function youState(state: GameState, playerId: string): YouState | null {
  const p = state.players.get(playerId);
  if (!p || p.kicked) return null;
  const phase = state.clock.phase;
  const team = yourTeam(state, p);
  return {
    ...(team ? { team } : {}),
    score: p.score,
    rank: rankOf(state, p),
    streak: p.streak,
    answer: phase === "question" || phase === "reveal" ? (state.answers.get(playerId)?.choice ?? null) : null,
    result: phase === "reveal" ? p.lastResult : null,
  };
}

export function leaderboardEntry(p: Player): LeaderboardEntry {
  return {
    playerId: p.id,
    name: p.name,
    score: p.score,
    rank: p.rank ?? 1,
    previousRank: p.previousRank,
    streak: p.streak,
    ...teamField(p),
  };
}

/**
 * The podium is everyone who placed 1st, 2nd or 3rd with points: ties stand together (two tied for 3rd both stand
 * on 3rd; a tie for 2nd leaves no 3rd, the next place being 4th), and nobody stands there with 0 points. It is drawn
 * from the top 10, so a message to thousands of players stays small however many tie.
 */
export function gameOverPayload(state: GameState): GameOverPayload {
  const players = activePlayers(state);
  const top = [...players].sort(byStanding).slice(0, LIMITS.leaderboardSize);
  const leaderboard = top.map((p) => ({ ...leaderboardEntry(p), rank: rankOf(state, p) }));
  const teams = teamStandings(state);
  return {
    podium: leaderboard.filter((e) => e.rank <= 3 && e.score > 0),
    leaderboard,
    playerCount: players.length,
    questionCount: state.questions.length,
    ...(teams ? { teams } : {}),
  };
}
