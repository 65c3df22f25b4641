/**
 * The rules a shard of a big game plays by (docs/scaling.md), beside the engine: the shard is the engine's player
 * side (joins, sockets, answers and their scoring are the engine's own `apply`), but its clock follows the
 * coordinator. Question `index` opens at the instants the coordinator scheduled (`scheduleQuestion`, then the shard's
 * own alarm: `shardTick`), closes at the shared deadline or when the coordinator says (`closeForCoordinator`), is
 * settled by the engine's `settleQuestion`, and is revealed with the figures the coordinator merged from every shard
 * (`applyReveal`). Every step checks the state first, so a repeated or late call or alarm does only what is owed.
 *
 * Pure like the engine: state, input and time in; effects out.
 */
import type { GameOverPayload, ReadyPayload } from "../protocol/values";
import { choicesOpen, type Effect, type Outcome, settleQuestion } from "./engine";
import { type MergedRound, rankTable, type ShardSummary, summarize } from "./merge";
import { activePlayers, expiresAt, type GameState, rankOf, type Slot, stopClock } from "./state";
import { gameOverPayload, readyPayload, resumedMessage } from "./views";

const fail = (code: "invalid_request" | "game_finished" | "wrong_phase", message: string): Outcome => ({
  ok: false,
  error: { code, message },
});

/** Whether a schedule fits this game: a question it has, instants in order. */
function slotError(state: GameState, slot: Slot): string | null {
  if (!Number.isInteger(slot.index) || slot.index < 0 || slot.index >= state.questions.length) {
    return `No question ${slot.index + 1} in this game.`;
  }
  const ready = slot.readyAt ?? slot.opensAt;
  const finite = [ready, slot.opensAt, slot.deadline].every(Number.isFinite);
  if (!finite || !(ready <= slot.opensAt && slot.opensAt < slot.deadline)) {
    return "A schedule's instants must be numbers in order: lead-in, opening, deadline.";
  }
  return null;
}

/**
 * The coordinator's schedule for a question: kept in the clock (stored) and opened by the shard's alarm at its
 * instants, or at once when they are already past. A question already shown is not shown again; a new schedule for
 * the question still in its lead-in moves its opening (the host's `next` during the lead-in).
 */
export function scheduleQuestion(state: GameState, slot: Slot, now: number): Outcome {
  const c = state.clock;
  const refused = slotError(state, slot);
  if (refused) return fail("invalid_request", refused);
  if (c.phase === "finished") return fail("game_finished", "This game has finished.");
  if (slot.index < c.index || (slot.index === c.index && c.phase !== "ready")) return { ok: true, effects: [] };
  const effects: Effect[] = [];
  // The question before is still open here (the coordinator's close never arrived): it ends now, as it did elsewhere.
  if (c.phase === "question" && slot.index > c.index) effects.push(...settle(state, now));
  if (slot.index === c.index) {
    c.opensAt = slot.opensAt;
    c.startedAt = slot.opensAt;
  }
  c.slot = slot.index === c.index ? { ...slot, readyAt: null } : slot;
  effects.push({ type: "saveClock" });
  const due = shardTick(state, now);
  return due.ok ? { ok: true, effects: [...effects, ...due.effects] } : due;
}

/** The shard's alarm: whatever is due at `now`, in order (expiry, the lead-in, the choices, the deadline). */
export function shardTick(state: GameState, now: number): Outcome {
  const c = state.clock;
  const effects: Effect[] = [];
  for (let guard = 0; guard < 8; guard++) {
    if (now >= expiresAt(state)) {
      if (c.phase === "finished" || c.phase === "lobby") {
        effects.push({ type: "log", event: "game_expired", data: { phase: c.phase } }, { type: "destroy" });
        return { ok: true, effects };
      }
      // The coordinator is gone (nothing happened for the idle time): the shard ends the game for its players.
      if (c.phase === "question") effects.push(...settle(state, now));
      effects.push(...finishShard(state, gameOverPayload(state), now));
      continue;
    }
    if (c.phase === "question" && c.deadline !== null && now >= c.deadline) {
      effects.push(...settle(state, now));
      continue;
    }
    const slot = c.slot;
    if (slot && slot.index > c.index && now >= (slot.readyAt ?? slot.opensAt)) {
      effects.push(...begin(state, slot, now));
      continue;
    }
    if (slot && slot.index === c.index && c.phase === "ready" && now >= slot.opensAt) {
      effects.push(...openChoices(state, slot, now));
      continue;
    }
    break;
  }
  return { ok: true, effects };
}

/** Question `slot.index` comes up: its lead-in when it has one still to run, else straight to its choices. */
function begin(state: GameState, slot: Slot, now: number): Effect[] {
  const c = state.clock;
  c.index = slot.index;
  c.revealEndsAt = null;
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.lastActivityAt = now;
  state.answers = new Map();
  state.lastReveal = null;
  if (slot.readyAt === null || now >= slot.opensAt) return openChoices(state, slot, now);
  c.phase = "ready";
  c.opensAt = slot.opensAt;
  c.startedAt = slot.opensAt;
  c.deadline = null;
  // The lead-in's instant has passed: only the opening is left to wait for.
  c.slot = { ...slot, readyAt: null };
  state.waitingFor = 0;
  const payload = readyPayload(state) as ReadyPayload;
  return [{ type: "saveClock" }, { type: "send", to: "all", message: { type: "ready", serverTime: now, ...payload } }];
}

/** The choices open: points count from the scheduled opening, whenever this alarm ran, up to the shared deadline. */
function openChoices(state: GameState, slot: Slot, now: number): Effect[] {
  return choicesOpen(state, now, slot.opensAt, slot.deadline);
}

/**
 * Settles the open question here (points, streaks) with the engine's own `settleQuestion`; nothing is sent until the
 * coordinator's merged reveal arrives. The standings shown stay those of the last reveal until then.
 */
function settle(state: GameState, now: number): Effect[] {
  const c = state.clock;
  const { leaderboard, scoredCount } = state;
  settleQuestion(state, c.index, state.answers);
  state.leaderboard = leaderboard;
  state.scoredCount = scoredCount;
  c.phase = "reveal";
  c.deadline = null;
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.revealEndsAt = null;
  c.lastActivityAt = now;
  state.lastReveal = null;
  state.waitingFor = 0;
  state.restoredWait = null;
  return [{ type: "saveClock" }];
}

/**
 * The coordinator closes question `index` at `at` (its deadline, everyone answered, or the host's `next`) and asks
 * for this shard's summary. Closing what is already closed only summarises again. A shard that never got the
 * question's schedule settles it as unanswered, as a single game settles a player who did not answer.
 */
export function closeForCoordinator(
  state: GameState,
  index: number,
  now: number,
  early = false,
): { ok: true; effects: Effect[]; summary: ShardSummary } | { ok: false; error: { code: string; message: string } } {
  const c = state.clock;
  // An early close (everyone answered, as reported) holds only if it still does here, now.
  if (early && index === c.index && c.phase === "question" && (state.waitingFor > 0 || state.restoredWait)) {
    return { ok: false, error: { code: "still_waiting", message: "Players here have not answered yet." } };
  }
  const shard = state.settings.shard?.index ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= state.questions.length) {
    return { ok: false, error: { code: "invalid_request", message: `No question ${index + 1} in this game.` } };
  }
  if (c.phase === "finished" || index < c.index || (index === c.index && c.phase === "ready")) {
    return { ok: false, error: { code: "wrong_phase", message: `Question ${index + 1} cannot be closed here now.` } };
  }
  const effects: Effect[] = [];
  if (index === c.index && c.phase === "question") {
    effects.push(...settle(state, now));
  } else if (index > c.index) {
    // Missed schedule: the question happened without this shard's players.
    if (c.phase === "question") effects.push(...settle(state, now));
    c.index = index;
    c.slot = null;
    state.answers = new Map();
    effects.push(...settle(state, now));
  }
  return { ok: true, effects, summary: summarize(state, shard, index) };
}

/**
 * The merged reveal: every player of the question gets its exact rank in the whole game from the merged scores, the
 * standings become the game's top 10, and each phone gets the reveal with its own figures. `silent`: the game is
 * ending (the host's `end` during a question), so only the ranks are set, as a single game does.
 */
export function applyReveal(state: GameState, merged: MergedRound, nextAt: number | null, now: number, silent = false) {
  const c = state.clock;
  if (c.index !== merged.index || c.phase !== "reveal" || state.lastReveal?.index === merged.index) {
    return { ok: true as const, effects: [] as Effect[] };
  }
  const rank = rankTable(merged.scores);
  for (const p of activePlayers(state)) {
    if (p.firstQuestion > merged.index) continue;
    p.rank = rank(p.score);
    if (p.lastResult) p.lastResult.rank = p.rank;
  }
  state.scoredCount = merged.scoredCount;
  state.leaderboard = merged.playersLeaderboard;
  state.lastReveal = { ...merged.reveal, leaderboard: merged.playersLeaderboard, nextAt };
  if (silent) return { ok: true as const, effects: [] as Effect[] };
  const { leaderboard: _top, ...forPlayers } = state.lastReveal;
  const you = (playerId: string) => state.players.get(playerId)?.lastResult ?? undefined;
  const effects: Effect[] = [
    { type: "sendEach", to: "players", message: { type: "reveal", serverTime: now, ...forPlayers }, you },
  ];
  return { ok: true as const, effects };
}

/** The game is over: each phone gets the game's podium and top 10 (from the coordinator) with its own rank. */
export function finishShard(state: GameState, over: GameOverPayload, now: number): Effect[] {
  const c = state.clock;
  if (c.phase === "finished") return [];
  stopClock(c, now);
  state.answers = new Map();
  state.lastReveal = null;
  state.gameOver = over;
  const you = (playerId: string) => {
    const p = state.players.get(playerId);
    return p && !p.kicked ? { rank: rankOf(state, p), score: p.score } : undefined;
  };
  return [
    { type: "saveClock" },
    { type: "sendEach", to: "players", message: { type: "gameOver", serverTime: now, ...over }, you },
  ];
}

/**
 * After a rebuild from storage: the ranks of the last reveal merged over the whole game (the engine's replay can only
 * rank this shard's players among themselves). `rounds` are the merged reveals this shard received, by question.
 */
export function restoreMergedRanks(
  state: GameState,
  rounds: ReadonlyMap<number, MergedRound>,
  gameOver: GameOverPayload | null,
): void {
  const c = state.clock;
  const settled = c.phase === "question" || c.phase === "ready" ? c.index - 1 : c.index;
  if (settled < 0) return;
  const last = rounds.get(settled);
  const before = rounds.get(settled - 1);
  const rankNow = last ? rankTable(last.scores) : null;
  const rankBefore = before ? rankTable(before.scores) : null;
  for (const p of activePlayers(state)) {
    if (p.firstQuestion > settled) continue;
    const points = p.lastResult?.points ?? 0;
    if (rankBefore && p.firstQuestion <= settled - 1) p.previousRank = rankBefore(p.score - points);
    if (rankNow) {
      p.rank = rankNow(p.score);
      if (p.lastResult) p.lastResult.rank = p.rank;
    }
  }
  const shown = last ?? before;
  if (shown) {
    state.scoredCount = shown.scoredCount;
    state.leaderboard = shown.playersLeaderboard;
  }
  state.lastReveal =
    c.phase === "reveal" && last ? { ...last.reveal, leaderboard: last.playersLeaderboard, nextAt: null } : null;
  if (c.phase === "finished" && gameOver) state.gameOver = gameOver;
}

/** The coordinator paused the game at `at` with `remainingMs` left on what was counting down. */
export interface PauseCall {
  index: number;
  at: number;
  remainingMs: number;
}

/** The coordinator resumed it: the question's new deadline and opening, the lead-in's opening, the reveal's end. */
export interface ResumeCall {
  index: number;
  deadline: number | null;
  startedAt: number;
  opensAt: number | null;
  nextAt: number | null;
}

/** Pauses this shard as the coordinator did: answers wait (`game_paused`), nothing opens or closes meanwhile. */
export function pauseShard(state: GameState, call: PauseCall): Outcome {
  const c = state.clock;
  if (call.index !== c.index || c.pausedAt !== null || c.phase === "lobby" || c.phase === "finished") {
    return { ok: true, effects: [] };
  }
  c.pausedAt = call.at;
  c.pausedRemainingMs = Math.max(0, call.remainingMs);
  if (c.phase === "question") c.deadline = null;
  if (c.phase === "ready") {
    c.opensAt = null;
    c.slot = null;
  }
  if (c.phase === "reveal" && state.lastReveal) state.lastReveal.nextAt = null;
  return {
    ok: true,
    effects: [
      { type: "saveClock" },
      {
        type: "send",
        to: "all",
        message: { type: "paused", serverTime: call.at, phase: c.phase, remainingMs: c.pausedRemainingMs },
      },
    ],
  };
}

/** Resumes this shard with the coordinator's new instants (the same everywhere). */
export function resumeShard(state: GameState, call: ResumeCall, now: number): Outcome {
  const c = state.clock;
  if (call.index !== c.index || c.pausedAt === null) return { ok: true, effects: [] };
  if (c.phase === "question") {
    c.startedAt = call.startedAt;
    c.deadline = call.deadline;
  } else if (c.phase === "ready" && call.opensAt !== null) {
    const q = state.questions[c.index];
    c.opensAt = call.opensAt;
    c.startedAt = call.opensAt;
    c.slot = { index: c.index, readyAt: null, opensAt: call.opensAt, deadline: call.opensAt + (q?.durationMs ?? 0) };
  } else if (c.phase === "reveal" && state.lastReveal) {
    state.lastReveal.nextAt = call.nextAt;
  }
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.lastActivityAt = now;
  return {
    ok: true,
    effects: [
      { type: "saveClock" },
      { type: "send", to: "all", message: resumedMessage(c, now, c.phase === "reveal" ? call.nextAt : null) },
    ],
  };
}
