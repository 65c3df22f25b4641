/**
 * What each side sees: the payloads the rules send and the snapshot a (re)connecting socket gets, built from the
 * state. Nothing here changes the state; the host's views carry the full player list and the top 10, a player's
 * carry its own figures.
 */
import {
  type GameOverPayload,
  type GameSnapshot,
  type LeaderboardEntry,
  LIMITS,
  type LobbyPayload,
  type PlayerSummary,
  type QuestionPayload,
  type Role,
  type ServerMessage,
  type SliderScale,
  type YouState,
} from "../protocol/values";
import {
  activePlayers,
  byStanding,
  connectedCount,
  type GameState,
  isConnected,
  type Player,
  playerCount,
  rankOf,
} from "./state";

export function questionPayload(state: GameState): QuestionPayload | null {
  const c = state.clock;
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

export function lobbyPayload(state: GameState, role: Role): LobbyPayload {
  const base = {
    playerCount: playerCount(state),
    connectedCount: connectedCount(state),
    locked: state.clock.locked,
  };
  if (role === "host") {
    const players: PlayerSummary[] = activePlayers(state).map((p) => ({
      id: p.id,
      name: p.name,
      score: p.score,
      connected: isConnected(state, p.id),
    }));
    return { ...base, players };
  }
  return { ...base, recent: [...state.recentNames] };
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
  return {
    code: state.code,
    ...(state.title ? { title: state.title } : {}),
    phase: c.phase,
    locked: c.locked,
    questionCount: state.questions.length,
    lobby: lobbyPayload(state, role),
    question: c.phase === "question" || c.phase === "reveal" ? questionPayload(state) : null,
    reveal: c.phase === "reveal" ? state.lastReveal : null,
    gameOver: c.phase === "finished" ? state.gameOver : null,
    paused,
    leaderboard: state.leaderboard,
    ...(role === "host" && c.phase === "question"
      ? { progress: { index: c.index, answered: state.answers.size, connected: connectedCount(state) } }
      : {}),
    revealSeconds: state.settings.revealSeconds,
  };
}

export function youState(state: GameState, playerId: string): YouState | null {
  const p = state.players.get(playerId);
  if (!p || p.kicked) return null;
  const phase = state.clock.phase;
  return {
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
  return {
    podium: leaderboard.filter((e) => e.rank <= 3 && e.score > 0),
    leaderboard,
    playerCount: players.length,
    questionCount: state.questions.length,
  };
}
