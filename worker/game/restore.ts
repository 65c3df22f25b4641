/**
 * Rebuilding a game from storage: what the store reads back (`StoredGame`) and `restore`, which replays the closed
 * questions through the same settling the live game used, so a rebuilt object holds exactly the figures it had.
 */

import { rankAfterKick, settleQuestion } from "./engine";
import { nameKey } from "./names";
import { type Progress, restoreSelfPaced } from "./self-paced";
import type { Answer, GameBasics, GameState, Player } from "./state";
import { activePlayers, addPlayer, emptyState, questionsClosed } from "./state";
import { gameOverPayload } from "./views";

/** What storage keeps of a game: its fixed part and clock (the game row), every player and every answer. */
export interface StoredGame extends GameBasics {
  players: {
    id: string;
    name: string;
    joinedAt: number;
    kicked: boolean;
    firstQuestion: number;
    /** For a kicked player: the first question it no longer took part in (0 when unknown). */
    kickedFrom?: number;
    /** Absent in rows written before devices and hiding existed. */
    device?: string | null;
    hidden?: boolean;
    /** Team games: the player's team (absent in rows written before teams existed). */
    team?: number | null;
  }[];
  answers: Answer[];
  /** Typed answers the host hid, by the key the engine keeps them under. */
  hiddenAnswers?: { key: string; index: number; text: string }[];
  /** A self-paced assignment's progress rows (self-paced.ts), one per player who started. */
  progress?: Progress[];
}

/**
 * Rebuilds the full state from what storage holds: the fixed game, the clock, the players and every answer.
 * Closed questions are settled again in order, which reproduces scores, streaks and ranks exactly.
 */
export function restore(stored: StoredGame): GameState {
  const state = emptyState({
    code: stored.code,
    title: stored.title,
    createdAt: stored.createdAt,
    // Games stored before the lead-in existed have none.
    settings: { ...stored.settings, readSeconds: stored.settings.readSeconds ?? 0 },
    questions: stored.questions,
    hostPlayerId: stored.hostPlayerId,
    clock: { ...stored.clock, opensAt: stored.clock.opensAt ?? null },
  });
  // A kicked player still took part in the questions settled before its kick (they fixed everyone's ranks then), so
  // it is marked kicked only when the replay reaches the question it was kicked in.
  const kickedFrom = new Map<string, number>();
  const sortedPlayers = [...stored.players].sort((a, b) => a.joinedAt - b.joinedAt);
  for (const p of sortedPlayers) {
    const player = addPlayer(state, p.id, p.name, p.joinedAt, p.firstQuestion, p.device ?? null);
    if (state.teams && typeof p.team === "number" && p.team < state.teams.length) player.team = p.team;
    if (p.hidden && !p.kicked) state.hiddenPlayers.add(p.id);
    if (p.kicked) {
      kickedFrom.set(p.id, p.kickedFrom ?? 0);
      if (player.device !== null) state.bannedDevices.add(player.device);
      state.nameKeys.delete(nameKey(p.name));
      state.recentNames = state.recentNames.filter((n) => n !== p.name);
    }
  }
  // Kicks are replayed where they happened, between the reveals, each ranking the others again as the live game did.
  const markKicked = (upTo: number) => {
    const removed: Player[] = [];
    for (const [id, from] of kickedFrom) {
      const player = state.players.get(id);
      if (player && !player.kicked && from <= upTo) {
        player.kicked = true;
        removed.push(player);
      }
    }
    if (removed.length > 0) rankAfterKick(state, removed);
  };
  const byQuestion = new Map<number, Map<string, Answer>>();
  for (const a of stored.answers) {
    if (!state.players.has(a.playerId) || a.index >= (kickedFrom.get(a.playerId) ?? Number.POSITIVE_INFINITY)) continue;
    const m = byQuestion.get(a.index) ?? new Map<string, Answer>();
    byQuestion.set(a.index, m);
    m.set(a.playerId, a);
  }
  const c = state.clock;
  const closed = questionsClosed(c);
  for (let i = 0; i < closed; i++) {
    markKicked(i);
    const reveal = settleQuestion(state, i, byQuestion.get(i) ?? new Map());
    if (i === closed - 1 && c.phase === "reveal") {
      reveal.nextAt = c.revealEndsAt;
      state.lastReveal = reveal;
    }
  }
  markKicked(Number.POSITIVE_INFINITY);
  // As the live game keeps it: players still in the game with points (a kick after the last reveal took one away).
  state.scoredCount = activePlayers(state).filter((p) => p.score > 0).length;
  // The open question's answers, or the revealed one's (a reconnecting player sees what it answered).
  if (c.phase === "question" || c.phase === "reveal") {
    state.answers = new Map([...(byQuestion.get(c.index) ?? [])].filter(([id]) => !kickedFrom.has(id)));
  }
  // Nobody has a socket yet: every player of the open question who has not answered gets a fair chance to come back
  // before the question closes early (the room re-attaches sockets that survived, which takes their players off).
  if (c.phase === "question") {
    const waited = activePlayers(state).filter((p) => p.firstQuestion <= c.index && !state.answers.has(p.id));
    state.restoredWait = waited.length > 0 ? new Set(waited.map((p) => p.id)) : null;
  }
  if (c.phase === "finished") state.gameOver = gameOverPayload(state);
  for (const h of stored.hiddenAnswers ?? []) state.hiddenAnswers.set(h.key, { index: h.index, text: h.text });
  if (stored.settings.mode === "self-paced") restoreSelfPaced(state, stored.progress ?? [], stored.answers);
  return state;
}
