/**
 * What each side of a self-paced assignment sees (self-paced.ts has the rules). A player's snapshot is the live
 * game's, with the phase, question, reveal and game over of that player's own progress, so a phone (re)connecting
 * lands where it was; the host's is the live game's lobby with the assignment's live figures and the leaderboard of
 * those who finished. Nothing here changes the state.
 */
import type {
  AssignmentStats,
  GameSnapshot,
  PlayerListEntry,
  PlayerProgress,
  Role,
  ServerMessage,
  YouState,
} from "../protocol/values";
import {
  doneCount,
  finisherRank,
  finishersGameOver,
  liveRank,
  newProgress,
  type Progress,
  revealFor,
  type SelfPacedState,
} from "./self-paced";
import { activePlayers, type GameState } from "./state";
import { gameOverForPlayers, playerList, questionPayload, readyPayload, snapshot, youState } from "./views";

/** The host's live figures: who joined, started and finished, and the finishers' average score. */
export function assignmentStats(state: GameState, sp: SelfPacedState): AssignmentStats {
  let joined = 0;
  let started = 0;
  let finished = 0;
  let total = 0;
  for (const p of activePlayers(state)) {
    joined++;
    const progress = sp.progress.get(p.id);
    if (progress?.firstAt != null) started++;
    if (progress?.phase === "finished") {
      finished++;
      total += p.score;
    }
  }
  return {
    closesAt: sp.closesAt,
    closed: state.clock.phase === "finished",
    joined,
    started,
    finished,
    averageScore: finished > 0 ? Math.round(total / finished) : 0,
  };
}

/** The `assignment` message the host's seats get (coalesced, like a live game's `progress`). */
export function assignmentMessage(state: GameState): ServerMessage | null {
  const sp = state.selfPaced;
  if (!sp) return null;
  return { type: "assignment", ...assignmentStats(state, sp), leaderboard: finishersGameOver(state, sp).leaderboard };
}

export function playerProgress(p: Progress | undefined): PlayerProgress {
  return p
    ? { done: doneCount(p), startedAt: p.firstAt, finishedAt: p.finishedAt }
    : { done: 0, startedAt: null, finishedAt: null };
}

/** The host's player list, each with their progress. */
export function assignmentPlayerList(state: GameState, sp: SelfPacedState): PlayerListEntry[] {
  return playerList(state).map((entry) => ({ ...entry, progress: playerProgress(sp.progress.get(entry.id)) }));
}

/** The welcome's snapshot for a seat of an assignment. */
export function assignmentSnapshot(
  state: GameState,
  sp: SelfPacedState,
  role: Role,
  playerId: string | null,
): GameSnapshot {
  const base = snapshot(state, role);
  const closed = state.clock.phase === "finished";
  const over = finishersGameOver(state, sp);
  if (role !== "player" || !playerId) {
    return {
      ...base,
      leaderboard: over.leaderboard,
      gameOver: closed ? over : null,
      assignment: assignmentStats(state, sp),
    };
  }
  const p = sp.progress.get(playerId) ?? newProgress(playerId);
  const phase = closed ? "finished" : p.phase;
  const masked = gameOverForPlayers(state, over);
  return {
    ...base,
    phase,
    question: phase === "question" || phase === "reveal" ? questionPayload(state, p) : null,
    reveal: phase === "reveal" ? revealFor(state, sp, p.index) : null,
    gameOver: phase === "finished" ? masked : null,
    leaderboard: masked.leaderboard,
    ...(phase === "ready" ? { ready: readyPayload(state, p) ?? undefined } : { ready: undefined }),
    assignment: { closesAt: sp.closesAt, closed, done: doneCount(p) },
  };
}

/** A player's own figures in an assignment: their rank among finishers once done, among everyone before. */
export function assignmentYou(state: GameState, sp: SelfPacedState, playerId: string): YouState | null {
  const base = youState(state, playerId);
  const player = state.players.get(playerId);
  if (!base || !player) return null;
  const p = sp.progress.get(playerId);
  const phase = state.clock.phase === "finished" ? "finished" : (p?.phase ?? "lobby");
  return {
    ...base,
    rank: p?.phase === "finished" ? finisherRank(state, sp, player) : liveRank(state, player),
    answer: phase === "question" || phase === "reveal" ? (p?.answer ?? null) : null,
    result: phase === "reveal" ? (p?.result ?? null) : null,
  };
}
