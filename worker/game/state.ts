/**
 * A game's state: the questions as played, the settings, the clock, the players and the open question's answers,
 * with the small queries the rules, the views and the room ask of it. `emptyState` is the one place a state starts
 * from, for a new game (engine.ts `createGame`) and for one rebuilt from storage (restore.ts).
 */

import type { SliderSpec } from "../protocol/slider";
import {
  type AnswerChoice,
  type GameOverPayload,
  HIDDEN_NAME,
  type LeaderboardEntry,
  LIMITS,
  type Phase,
  type PlayerResult,
  type QuestionKind,
  type RevealPayload,
} from "../protocol/values";
import { nameKey } from "./names";
import type { SelfPacedState } from "./self-paced";

/** A question as the game plays it: choices already shuffled, the correct answer as indexes into them. */
export interface GameQuestion {
  kind: QuestionKind;
  text: string;
  /** The labels as shown (order: the items, shuffled); empty for `type` and `slider`. */
  choices: string[];
  /**
   * Indexes into `choices` (truefalse: 0 = True, 1 = False); order: every index, in the right order; empty for
   * `type`, `poll` and `slider`.
   */
  correct: number[];
  /** type: accepted answers as authored. */
  accepted: string[];
  /** slider: the scale, the right value and the tolerance. */
  slider?: SliderSpec;
  durationMs: number;
  double: boolean;
  explanation?: string;
  image?: string;
  category?: string;
}

export interface GameSettings {
  questionSeconds: number;
  revealSeconds: number;
  /** The "get ready" lead-in before each question's choices open; 0: none (games stored before it existed too). */
  readSeconds: number;
  maxPlayers: number;
  /** A lobby nobody starts is deleted this long after creation. */
  lobbyTtlMs: number;
  /** A started game in which nothing happens for this long is ended. */
  idleTtlMs: number;
  /** A finished game keeps its results this long, then deletes everything. */
  resultsTtlMs: number;
  /** Whether offensive nicknames are refused (names.ts); absent in games created before the filter: on. */
  nameFilter?: boolean;
  /** Team mode: how many teams (2–8); absent: no teams. */
  teams?: number;
  /** `self-paced`: an assignment (self-paced.ts) that closes at `closesAt`; absent: a live game. */
  mode?: "self-paced";
  closesAt?: number;
  /** A big game's coordinator: how many shards hold its players (docs/scaling.md). Absent: a single object. */
  shards?: number;
  /** One shard of a big game: which one, of how many. */
  shard?: { index: number; count: number };
}

/** When a shard shows question `index` (docs/scaling.md): absolute instants the coordinator picked for every shard. */
export interface Slot {
  index: number;
  /** When its lead-in shows (null: no lead-in, the choices open at `opensAt`). */
  readyAt: number | null;
  opensAt: number;
  deadline: number;
}

export interface Player {
  id: string;
  name: string;
  joinedAt: number;
  kicked: boolean;
  /** The device id the player joined with (null: none given); a kick bans it from the game. */
  device: string | null;
  score: number;
  streak: number;
  /** Rank at the last reveal (null before the first reveal this player took part in). */
  rank: number | null;
  previousRank: number | null;
  /** The result of the last revealed question. */
  lastResult: PlayerResult | null;
  /** The first question this player took part in (joining during a question counts; during a reveal, the next). */
  firstQuestion: number;
  /** Team games: the player's team (an index into `TEAMS`); null without teams. */
  team: number | null;
}

export interface Answer {
  playerId: string;
  index: number;
  choice: AnswerChoice;
  receivedAt: number;
  elapsedMs: number;
  correct: boolean;
  /** Points including any streak bonus, fixed when the answer arrives (speed is what counts). */
  points: number;
}

/** The part of the state that is written to storage whenever the phase moves (a handful of columns). */
export interface GameClock {
  phase: Phase;
  /** Current question; -1 in the lobby. */
  index: number;
  /** When the current question's choices went out, shifted forward by any pause so speed excludes paused time. */
  startedAt: number;
  /** In the lead-in (phase `ready`): when the choices open; null otherwise, and while paused. */
  opensAt: number | null;
  deadline: number | null;
  revealEndsAt: number | null;
  pausedAt: number | null;
  pausedRemainingMs: number | null;
  locked: boolean;
  /** Time of the last phase change (or creation): drives lobby and idle expiry. */
  lastActivityAt: number;
  finishedAt: number | null;
  /** A shard's next question, scheduled by the coordinator and not opened yet (absent in a single object). */
  slot?: Slot | null;
}

export interface GameState {
  code: string;
  title?: string;
  createdAt: number;
  settings: GameSettings;
  questions: GameQuestion[];
  hostPlayerId: string | null;
  clock: GameClock;
  players: Map<string, Player>;
  /** The look-alike keys (names.ts `nameKey`) of the names of players still in the game, for the uniqueness check. */
  nameKeys: Map<string, string>;
  /** Answers to the current question, by player id. */
  answers: Map<string, Answer>;
  /** Open sockets per player id (not stored: rebuilt from the live sockets on wake). */
  connections: Map<string, number>;
  /** Connected players who have not answered the open question: when it reaches 0 the question closes early. */
  waitingFor: number;
  /**
   * Only after the object was rebuilt mid-question (restore.ts): players of the open question who had not answered
   * and had no open socket at the wake. A restart drops every socket, so "every connected player answered" would
   * let the first player back close the question for everyone; the early close waits for these players too, until
   * each answers, comes back (then counted in `waitingFor` as usual) or is kicked, or the question's deadline
   * passes. Null otherwise.
   */
  restoredWait: Set<string> | null;
  leaderboard: LeaderboardEntry[];
  lastReveal: RevealPayload | null;
  gameOver: GameOverPayload | null;
  /** Newest player names, for the lobby message to players. */
  recentNames: string[];
  /** Players in the game with more than 0 points (the rank of a newcomer is this + 1). */
  scoredCount: number;
  /** Devices of kicked players: a join from one of them is refused. */
  bannedDevices: Set<string>;
  /**
   * Players (still in the game) whose names the host hid from the big screen: players' screens get a placeholder,
   * the host's seats the name. A set, so "is anything hidden?" costs nothing on every welcome.
   */
  hiddenPlayers: Set<string>;
  /** Typed answers the host hid from the big screen, by `answerKey(index, normalised text)`, with the text shown. */
  hiddenAnswers: Map<string, { index: number; text: string }>;
  /** Team games: each team's figures, by team index (teams.ts); null without teams. */
  teams: TeamState[] | null;
  /** A self-paced assignment's players' progress (self-paced.ts); null in a live game. */
  selfPaced: SelfPacedState | null;
}

/** A team's figures, kept like a player's: settled at each reveal (teams.ts `settleTeams`). */
export interface TeamState {
  score: number;
  streak: number;
  /** Rank at the last reveal (null before the first). */
  rank: number | null;
  previousRank: number | null;
  /** What the last revealed question added. */
  points: number;
}

/** The fixed part of a game: what `createGame` is given and what storage keeps in the game row. */
export type GameBasics = Pick<
  GameState,
  "code" | "title" | "createdAt" | "settings" | "questions" | "hostPlayerId" | "clock"
>;

/** A game with no players, no answers and nothing revealed yet. */
export function emptyState(basics: GameBasics): GameState {
  return {
    ...basics,
    players: new Map(),
    nameKeys: new Map(),
    answers: new Map(),
    connections: new Map(),
    waitingFor: 0,
    restoredWait: null,
    leaderboard: [],
    lastReveal: null,
    gameOver: null,
    recentNames: [],
    scoredCount: 0,
    bannedDevices: new Set(),
    hiddenPlayers: new Set(),
    hiddenAnswers: new Map(),
    teams: basics.settings.teams
      ? Array.from({ length: basics.settings.teams }, () => ({
          score: 0,
          streak: 0,
          rank: null,
          previousRank: null,
          points: 0,
        }))
      : null,
    selfPaced: null,
  };
}

/** Adds a player (one who joins, the host who plays, or one read back from storage) to the players and names. */
export function addPlayer(
  state: GameState,
  id: string,
  name: string,
  now: number,
  firstQuestion: number,
  device: string | null = null,
): Player {
  const player: Player = {
    firstQuestion,
    id,
    name,
    joinedAt: now,
    kicked: false,
    device,
    score: 0,
    streak: 0,
    rank: null,
    previousRank: null,
    lastResult: null,
    team: null,
  };
  state.players.set(id, player);
  state.nameKeys.set(nameKey(name), id);
  state.recentNames.push(name);
  if (state.recentNames.length > LIMITS.lobbyRecentNames) state.recentNames.shift();
  return player;
}

/** The clock of a game that has just been created: in the lobby, nothing counting down. */
export function lobbyClock(now: number): GameClock {
  return {
    phase: "lobby",
    index: -1,
    startedAt: 0,
    opensAt: null,
    deadline: null,
    revealEndsAt: null,
    pausedAt: null,
    pausedRemainingMs: null,
    locked: false,
    lastActivityAt: now,
    finishedAt: null,
  };
}

/** The game is over at `now`: every countdown stops (a question still in its lead-in was never played). */
export function stopClock(c: GameClock, now: number): void {
  if (c.phase === "ready") c.index--;
  c.phase = "finished";
  c.opensAt = null;
  c.deadline = null;
  c.revealEndsAt = null;
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.finishedAt = now;
  c.lastActivityAt = now;
  if (c.slot) c.slot = null;
}

/** The instant the current countdown runs to (a question's deadline, a reveal's end, a lead-in's opening); null if none. */
export function countdownEnd(c: GameClock): number | null {
  if (c.phase === "question") return c.deadline;
  if (c.phase === "reveal") return c.revealEndsAt;
  if (c.phase === "ready") return c.opensAt;
  return null;
}

/**
 * A paused game's countdown runs again from `from` (now, in one object; a schedule's lead ahead on a coordinator, so
 * that every shard holds the new instants before they are due) for the time that was left. The caller has checked
 * that the game is paused.
 */
export function resumeClock(state: GameState, from: number, now: number): void {
  const c = state.clock;
  const until = from + (c.pausedRemainingMs ?? 0);
  if (c.phase === "question") {
    c.startedAt += from - (c.pausedAt ?? from);
    c.deadline = until;
  } else if (c.phase === "ready") {
    // Points count from the opening, as when the lead-in began (engine.ts openQuestion).
    c.opensAt = until;
    c.startedAt = until;
  } else {
    c.revealEndsAt = until;
    if (state.lastReveal) state.lastReveal.nextAt = until;
  }
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.lastActivityAt = now;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries.

export function activePlayers(state: GameState): Player[] {
  return [...state.players.values()].filter((p) => !p.kicked);
}

export function playerCount(state: GameState): number {
  return state.nameKeys.size;
}

export function isConnected(state: GameState, playerId: string): boolean {
  return (state.connections.get(playerId) ?? 0) > 0;
}

/** Players with at least one open socket: `connections` only ever holds those (kicks remove theirs). */
export function connectedCount(state: GameState): number {
  return state.connections.size;
}

/** Whether the current question is still to be answered: in its lead-in or open. */
function questionPending(clock: GameClock): boolean {
  return clock.phase === "ready" || clock.phase === "question";
}

/** How many questions are closed: all before the current one, and the current one unless it is still to come or open. */
export function questionsClosed(clock: GameClock): number {
  return Math.max(0, questionPending(clock) ? clock.index : clock.index + 1);
}

/**
 * A player who joins while a question is open (or in its lead-in) may still answer it; one who joins during a reveal
 * starts with the next.
 */
export function firstQuestionFor(clock: GameClock): number {
  return questionPending(clock) ? clock.index : clock.index + 1;
}

/** The earliest time the engine needs a `tick`: the choices' opening, the question deadline, the reveal's end or the expiry. */
export function nextWake(state: GameState): number {
  const c = state.clock;
  const times = [expiresAt(state)];
  if (c.opensAt !== null) times.push(c.opensAt);
  if (c.deadline !== null) times.push(c.deadline);
  if (c.revealEndsAt !== null) times.push(c.revealEndsAt);
  // An assignment: each player's own lead-in or question that is due next (expiresAt is its closing time).
  if (state.selfPaced && c.phase !== "finished") times.push(...state.selfPaced.due.values());
  if (c.slot) times.push(c.slot.readyAt ?? c.slot.opensAt);
  return Math.min(...times);
}

export function expiresAt(state: GameState): number {
  const c = state.clock;
  if (state.selfPaced && c.phase !== "finished") return state.selfPaced.closesAt;
  if (c.phase === "finished") return (c.finishedAt ?? c.lastActivityAt) + state.settings.resultsTtlMs;
  if (c.phase === "lobby") return c.lastActivityAt + state.settings.lobbyTtlMs;
  return c.lastActivityAt + state.settings.idleTtlMs;
}

/** A player's rank right now: the stored one after a reveal, or computed for someone who joined since. */
export function rankOf(state: GameState, player: Player): number {
  // Someone not ranked yet has joined since the last reveal and scored nothing: everyone with points is above.
  return player.rank ?? state.scoredCount + 1;
}

/** The name players' screens get for a player: a placeholder once the host has hidden it. */
export function shownName(state: GameState, playerId: string, name: string): string {
  return state.hiddenPlayers.has(playerId) ? HIDDEN_NAME : name;
}

/** The key a hidden typed answer is kept under: the question and the answer as matching normalises it. */
export function answerKey(index: number, normalised: string): string {
  return `${index}:${normalised}`;
}

/** Standings order: higher score first; among equals, whoever joined first (a stable, explainable order). */
export function byStanding(a: Player, b: Player): number {
  return b.score - a.score || a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1);
}
