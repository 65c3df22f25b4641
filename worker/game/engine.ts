/**
 * The rules of a trivia-edge game, as a deterministic engine: `apply(state, event, { now, random })` returns the
 * effects the Durable Object must carry out (messages to send, rows to write, sockets to close, lines to log).
 *
 * Nothing here does I/O or reads a clock: time and randomness come in as arguments, so tests can replay any
 * sequence exactly. The engine changes the state object it is given in place (copying a 10,000-player map on every
 * answer would make an answer cost O(players)); an event that is refused returns an error and leaves the state
 * exactly as it was, because every check runs before the first change.
 *
 * This file is the rulebook: events, phase changes, closing and settling a question, finishing. Beside it: the state
 * and its queries (state.ts), answer matching and points (scoring.ts), what each side is sent (views.ts) and
 * rebuilding from storage (restore.ts).
 */
import type { HostCommand, QuizQuestion } from "../protocol/schemas";
import {
  type AnswerChoice,
  type CorrectAnswer,
  type ErrorCode,
  type LeaderboardEntry,
  LIMITS,
  type QuestionPayload,
  type ReadyPayload,
  type RevealPayload,
  type ServerMessage,
} from "../protocol/values";
import { isOffensive, NAME_NOT_ALLOWED, nameKey, randomName } from "./names";
import { competitionRanks, normaliseTyped, scoreMissed, takeAnswer } from "./scoring";
import { applySelfPaced, type Progress, startSelfPaced } from "./self-paced";
import {
  type Answer,
  activePlayers,
  addPlayer,
  answerKey,
  byStanding,
  connectedCount,
  countdownEnd,
  emptyState,
  expiresAt,
  firstQuestionFor,
  type GameQuestion,
  type GameSettings,
  type GameState,
  isConnected,
  lobbyClock,
  type Player,
  playerCount,
  rankOf,
  resumeClock,
  stopClock,
} from "./state";
import { tallyFor } from "./tally";
import { joinTeam, moveTeam, settleTeams, teamStandings, yourTeam } from "./teams";
import {
  gameOverForPlayers,
  gameOverPayload,
  leaderboardEntry,
  moderationState,
  questionPayload,
  readyPayload,
  resumedMessage,
} from "./views";

// ---------------------------------------------------------------------------------------------------------------
// Events and effects.

export type GameEvent =
  | { type: "join"; playerId: string; name: string | null; device?: string | null }
  /** `restored`: a socket that stayed open while the object slept, re-attached on wake (nothing can be sent yet). */
  | { type: "connect"; playerId: string; restored?: boolean }
  | { type: "disconnect"; playerId: string }
  /**
   * `rttMs`: the round trip the room measured on the socket the answer came on (fair-timing.ts); absent or null: none
   * measured, and the answer is timed from the open to its arrival, as a client that never echoes is.
   */
  | { type: "answer"; playerId: string; index: number; choice: AnswerChoice; rttMs?: number | null }
  /**
   * A host's command; `playerId` names whom a kick, a hidden name or a team move is about, `index` and `text` a typed
   * answer, `team` where a player moves.
   */
  | { type: "command"; command: HostCommand; playerId?: string; index?: number; text?: string; team?: number }
  /** A player moves on by themselves: the next question of a self-paced assignment (self-paced.ts). */
  | { type: "advance"; playerId: string }
  | { type: "tick" };

export type Audience = "all" | "host" | "players" | { player: string };

export type Effect =
  | { type: "send"; to: Audience; message: ServerMessage }
  /** One message to every socket; each socket that belongs to a player gets its own `you` merged in. */
  | { type: "sendEach"; to: Audience; message: ServerMessage; you: (playerId: string) => object | undefined }
  | { type: "viewChanged"; view: "lobby" | "progress" }
  | { type: "savePlayer"; player: Player }
  | { type: "saveAnswer"; answer: Answer }
  /** `fromQuestion`: the first question the player no longer takes part in (what `restore` needs to replay). */
  | { type: "saveKick"; playerId: string; fromQuestion: number }
  | { type: "saveClock" }
  | { type: "saveHiddenName"; playerId: string; hidden: boolean }
  | { type: "saveHiddenAnswer"; index: number; key: string; text: string; hidden: boolean }
  | { type: "saveTeam"; playerId: string; team: number }
  /** A self-paced player's progress row (self-paced.ts). */
  | { type: "saveProgress"; progress: Progress }
  | { type: "closePlayer"; playerId: string; code: number; reason: string }
  | { type: "destroy" }
  | { type: "log"; event: string; data?: Record<string, unknown> };

export interface EngineError {
  code: ErrorCode;
  message: string;
}

export type Outcome = { ok: true; effects: Effect[] } | { ok: false; error: EngineError };

/**
 * What an event takes from the world besides its own fields: the time it happens and a random source. The engine
 * never reads a clock or rolls dice itself, so a test can replay any sequence exactly. (Not named like the Durable
 * Object's `ctx`, which the room holds beside it.)
 */
export interface EngineInput {
  now: number;
  random: () => number;
}

const fail = (code: ErrorCode, message: string): Outcome => ({ ok: false, error: { code, message } });

// ---------------------------------------------------------------------------------------------------------------
// Creating a game.

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Turns an authored question into the game's form, shuffling its choices (truefalse keeps True, False). An order
 * question's items are shuffled too, never into the right order: a player who only confirms what is shown must not
 * score.
 */
export function prepareQuestion(q: QuizQuestion, defaultSeconds: number, random: () => number): GameQuestion {
  const common = {
    kind: q.kind,
    text: q.text,
    durationMs: (q.seconds ?? defaultSeconds) * 1000,
    double: q.double ?? false,
    explanation: q.explanation,
    image: q.image,
    category: q.category,
    accepted: [] as string[],
  };
  switch (q.kind) {
    case "truefalse":
      return { ...common, choices: ["True", "False"], correct: [q.correct ? 0 : 1] };
    case "type":
      return { ...common, choices: [], correct: [], accepted: q.accepted };
    case "poll":
      return { ...common, choices: shuffled(q.choices, random), correct: [] };
    case "slider": {
      const { min, max, step, correct, tolerance, unit } = q;
      return {
        ...common,
        choices: [],
        correct: [],
        slider: { min, max, step, correct, tolerance, ...(unit ? { unit } : {}) },
      };
    }
    case "order": {
      // shown[at] is the authored (right) position of the item shown at `at`.
      let shown = shuffled(
        q.items.map((_, i) => i),
        random,
      );
      if (shown.every((right, at) => right === at)) shown = [...shown.slice(1), shown[0] as number];
      return {
        ...common,
        choices: shown.map((i) => q.items[i] as string),
        correct: q.items.map((_, i) => shown.indexOf(i)),
      };
    }
    case "choice":
    case "multi": {
      const correctSet = new Set(q.kind === "choice" ? [q.correct] : q.correct);
      const order = shuffled(
        q.choices.map((text, i) => ({ text, right: correctSet.has(i) })),
        random,
      );
      return {
        ...common,
        choices: order.map((c) => c.text),
        correct: order.flatMap((c, i) => (c.right ? [i] : [])),
      };
    }
  }
}

export function createGame(input: {
  code: string;
  title?: string;
  settings: GameSettings;
  questions: QuizQuestion[];
  host: { playerId: string; name: string } | null;
  now: number;
  random: () => number;
}): GameState {
  const { now } = input;
  const state = emptyState({
    code: input.code,
    title: input.title,
    createdAt: now,
    settings: input.settings,
    questions: input.questions.map((q) => prepareQuestion(q, input.settings.questionSeconds, input.random)),
    hostPlayerId: input.host?.playerId ?? null,
    clock: lobbyClock(now),
  });
  if (input.host) joinTeam(state, addPlayer(state, input.host.playerId, input.host.name, now, 0));
  if (input.settings.mode === "self-paced") state.selfPaced = startSelfPaced(state.settings);
  return state;
}

/** Why nobody new may join right now, or null when they may. */
export function joinability(state: GameState): EngineError | null {
  if (state.clock.phase === "finished") return { code: "game_finished", message: "This game has finished." };
  if (state.clock.locked) return { code: "game_locked", message: "The host has locked this game." };
  if (playerCount(state) >= state.settings.maxPlayers) {
    return { code: "game_full", message: `This game is full (${state.settings.maxPlayers} players).` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Applying events.

export function apply(state: GameState, event: GameEvent, input: EngineInput): Outcome {
  // An assignment has rules of its own (self-paced.ts), and hands back what it shares with a live game.
  if (state.selfPaced)
    return applySelfPaced(state, state.selfPaced, event, input, () => applyLive(state, event, input));
  return applyLive(state, event, input);
}

function applyLive(state: GameState, event: GameEvent, input: EngineInput): Outcome {
  switch (event.type) {
    case "join":
      return join(state, event.playerId, event.name, event.device ?? null, input);
    case "connect":
      return connect(state, event.playerId);
    case "disconnect":
      return disconnect(state, event.playerId, input.now);
    case "answer":
      return answer(state, event, input.now);
    case "command":
      return command(state, event, input.now);
    case "tick":
      return tick(state, input.now);
    case "advance":
      return fail("not_host", "Only the host moves a live game on.");
  }
}

function join(
  state: GameState,
  playerId: string,
  name: string | null,
  device: string | null,
  input: EngineInput,
): Outcome {
  // Said first: whatever else stands in the way, this device will never get back in.
  if (device !== null && state.bannedDevices.has(device)) {
    return fail("device_banned", "The host removed this device from the game, so it cannot join it again.");
  }
  const refused = joinability(state);
  if (refused) return { ok: false, error: refused };
  if (state.players.has(playerId)) return fail("invalid_request", "That player id is already in use.");
  if (name !== null && state.settings.nameFilter !== false && isOffensive(name)) {
    return fail(NAME_NOT_ALLOWED.code, NAME_NOT_ALLOWED.message);
  }
  if (name !== null && state.nameKeys.has(nameKey(name))) {
    return fail("name_taken", `The name "${name}" is already taken in this game.`);
  }
  const finalName = name ?? randomName(input.random, (n) => state.nameKeys.has(nameKey(n)));
  const player = addPlayer(state, playerId, finalName, input.now, firstQuestionFor(state.clock), device);
  joinTeam(state, player);
  return {
    ok: true,
    effects: [
      { type: "savePlayer", player },
      { type: "viewChanged", view: "lobby" },
    ],
  };
}

function connect(state: GameState, playerId: string): Outcome {
  const player = state.players.get(playerId);
  if (!player || player.kicked) return fail("player_not_found", "No such player in this game.");
  const before = state.connections.get(playerId) ?? 0;
  state.connections.set(playerId, before + 1);
  if (before === 0 && state.clock.phase === "question" && !state.answers.has(playerId)) state.waitingFor++;
  stopWaitingAfterRestore(state, playerId);
  return {
    ok: true,
    effects: [
      { type: "viewChanged", view: "lobby" },
      { type: "viewChanged", view: "progress" },
    ],
  };
}

function disconnect(state: GameState, playerId: string, now: number): Outcome {
  const before = state.connections.get(playerId) ?? 0;
  if (before === 0) return { ok: true, effects: [] };
  if (before === 1) state.connections.delete(playerId);
  else state.connections.set(playerId, before - 1);
  const effects: Effect[] = [
    { type: "viewChanged", view: "lobby" },
    { type: "viewChanged", view: "progress" },
  ];
  const player = state.players.get(playerId);
  if (before === 1 && player && !player.kicked && state.clock.phase === "question" && !state.answers.has(playerId)) {
    state.waitingFor--;
    effects.push(...closeIfEveryoneAnswered(state, now));
  }
  return { ok: true, effects };
}

function answer(state: GameState, event: Extract<GameEvent, { type: "answer" }>, now: number): Outcome {
  const { playerId, index, choice } = event;
  const c = state.clock;
  const player = state.players.get(playerId);
  if (!player || player.kicked) return fail("not_player", "Only players can answer.");
  if (c.phase === "ready" && index === c.index) {
    return fail("question_not_open", `Question ${index + 1} has not opened yet: answer once its choices show.`);
  }
  if (c.phase !== "question") {
    return index === c.index || index < c.index
      ? fail("question_closed", `Question ${index + 1} is closed.`)
      : fail("wrong_question", `Question ${index + 1} is not open.`);
  }
  if (index !== c.index) {
    return index < c.index
      ? fail("question_closed", `Question ${index + 1} is closed; question ${c.index + 1} is open.`)
      : fail("wrong_question", `Question ${index + 1} is not open; question ${c.index + 1} is.`);
  }
  if (c.pausedAt !== null) return fail("game_paused", "The game is paused; answer when it resumes.");
  if (c.deadline !== null && now > c.deadline) return fail("question_closed", `Question ${index + 1} is closed.`);
  if (state.answers.has(playerId)) return fail("already_answered", "You have already answered this question.");
  const q = state.questions[index] as GameQuestion;
  const taken = takeAnswer(q, {
    playerId,
    index,
    choice,
    now,
    startedAt: c.startedAt,
    streakBefore: player.streak,
    rttMs: event.rttMs,
  });
  if ("error" in taken) return fail("invalid_answer", taken.error);
  const stored = taken.answer;
  state.answers.set(playerId, stored);
  if (isConnected(state, playerId)) state.waitingFor--;
  stopWaitingAfterRestore(state, playerId);
  return {
    ok: true,
    effects: [
      ...answerKept(stored, now),
      { type: "viewChanged", view: "progress" },
      ...closeIfEveryoneAnswered(state, now),
    ],
  };
}

/** An answer taken: stored, then acknowledged to its player with the choice and time it counted at. */
export function answerKept(stored: Answer, now: number): Effect[] {
  const { playerId, index, choice, elapsedMs } = stored;
  return [
    { type: "saveAnswer", answer: stored },
    {
      type: "send",
      to: { player: playerId },
      message: { type: "answered", index, choice, elapsedMs, serverTime: now },
    },
  ];
}

/** A player waited for since a restore (GameState.restoredWait) answered, came back or left the game. */
function stopWaitingAfterRestore(state: GameState, playerId: string): void {
  if (!state.restoredWait?.delete(playerId)) return;
  if (state.restoredWait.size === 0) state.restoredWait = null;
}

function closeIfEveryoneAnswered(state: GameState, now: number): Effect[] {
  // A shard of a big game closes when the coordinator says: everyone here answering is not everyone (shard-rules.ts).
  if (state.settings.shard) return [];
  if (state.clock.phase !== "question" || state.clock.pausedAt !== null) return [];
  if (state.waitingFor > 0 || state.restoredWait !== null || state.answers.size === 0) return [];
  return closeQuestion(state, now);
}

/** Commands that still make sense once the game is over: the results stay on screen and in the download. */
const AFTER_THE_END = new Set<HostCommand>(["kick", "hideName", "unhideName", "unhideAnswer"]);

function command(state: GameState, event: Extract<GameEvent, { type: "command" }>, now: number): Outcome {
  const c = state.clock;
  const cmd = event.command;
  if (c.phase === "finished" && !AFTER_THE_END.has(cmd)) return fail("game_finished", "This game has finished.");
  switch (cmd) {
    case "start":
      if (c.phase !== "lobby") return fail("wrong_phase", "The game has already started.");
      if (playerCount(state) === 0) return fail("no_players", "Wait for at least one player to join.");
      return {
        ok: true,
        effects: [
          { type: "log", event: "game_started", data: { players: playerCount(state) } },
          ...openQuestion(state, 0, now),
        ],
      };
    case "next":
      // In the lead-in, `next` opens the choices at once; in a question it closes it; in a reveal it moves on.
      if (c.phase === "ready") return { ok: true, effects: openChoices(state, now) };
      if (c.phase === "question") return { ok: true, effects: closeQuestion(state, now) };
      if (c.phase === "reveal") return { ok: true, effects: advance(state, now) };
      return fail("wrong_phase", "Start the game first.");
    case "pause": {
      if (c.pausedAt !== null) return fail("game_paused", "The game is already paused.");
      const running = countdownEnd(c);
      if (running === null) return fail("wrong_phase", "Nothing is counting down to pause.");
      c.pausedAt = now;
      c.pausedRemainingMs = Math.max(0, running - now);
      if (c.phase === "question") c.deadline = null;
      else if (c.phase === "ready") c.opensAt = null;
      else c.revealEndsAt = null;
      // A client that (re)connects during the pause must not count down to the old time.
      if (c.phase === "reveal" && state.lastReveal) state.lastReveal.nextAt = null;
      return {
        ok: true,
        effects: [
          { type: "saveClock" },
          {
            type: "send",
            to: "all",
            message: { type: "paused", serverTime: now, phase: c.phase, remainingMs: c.pausedRemainingMs },
          },
        ],
      };
    }
    case "resume": {
      if (c.pausedAt === null || c.pausedRemainingMs === null) return fail("wrong_phase", "The game is not paused.");
      resumeClock(state, now, now);
      const effects: Effect[] = [{ type: "saveClock" }, { type: "send", to: "all", message: resumedMessage(c, now) }];
      return { ok: true, effects: [...effects, ...closeIfEveryoneAnswered(state, now)] };
    }
    case "lock":
    case "unlock": {
      const locked = cmd === "lock";
      if (c.locked === locked)
        return { ok: true, effects: [{ type: "send", to: "host", message: { type: "locked", locked } }] };
      c.locked = locked;
      return {
        ok: true,
        effects: [
          { type: "saveClock" },
          { type: "send", to: "all", message: { type: "locked", locked } },
          { type: "viewChanged", view: "lobby" },
        ],
      };
    }
    case "kick":
      return kick(state, event.playerId, now);
    case "hideName":
    case "unhideName":
      return hideName(state, event.playerId, cmd === "hideName");
    case "hideAnswer":
    case "unhideAnswer":
      return hideAnswer(state, event.index ?? -1, event.text ?? "", cmd === "hideAnswer");
    case "moveTeam":
      return moveTeam(state, event.playerId, event.team);
    case "end":
      return {
        ok: true,
        effects: [
          ...(c.phase === "question" ? closeQuestion(state, now, true) : []),
          ...finish(state, now, "ended_by_host"),
        ],
      };
  }
}

function kick(state: GameState, playerId: string | undefined, now: number): Outcome {
  const player = playerId ? state.players.get(playerId) : undefined;
  if (!player || player.kicked) return fail("player_not_found", "No such player in this game.");
  if (player.id === state.hostPlayerId) return fail("invalid_request", "The host cannot kick themselves.");
  const wasWaiting = state.clock.phase === "question" && isConnected(state, player.id) && !state.answers.has(player.id);
  const fromQuestion = firstQuestionFor(state.clock);
  player.kicked = true;
  // The seat's device is kept out too, not only its token: "join again under a new name" does not work.
  if (player.device !== null) state.bannedDevices.add(player.device);
  const wasHidden = state.hiddenPlayers.delete(player.id);
  if (player.score > 0) state.scoredCount--;
  state.nameKeys.delete(nameKey(player.name));
  state.answers.delete(player.id);
  state.connections.delete(player.id);
  state.recentNames = state.recentNames.filter((n) => n !== player.name);
  rankAfterKick(state, [player]);
  if (wasWaiting) state.waitingFor--;
  stopWaitingAfterRestore(state, player.id);
  // The results stay readable after the game; they no longer list the removed player (as a rebuilt game would not).
  if (state.clock.phase === "finished") state.gameOver = gameOverPayload(state);
  return {
    ok: true,
    effects: [
      { type: "saveKick", playerId: player.id, fromQuestion },
      { type: "closePlayer", playerId: player.id, code: 4003, reason: "kicked" },
      { type: "viewChanged", view: "lobby" },
      { type: "viewChanged", view: "progress" },
      { type: "log", event: "player_kicked", data: { playerId: player.id } },
      ...(wasHidden ? [moderationMessage(state)] : []),
      ...closeIfEveryoneAnswered(state, now),
    ],
  };
}

/**
 * Hides a name from the big screen or shows it again. The host's seats keep getting the name (with the moderation
 * state saying it is hidden); players' screens get a placeholder, and the lobby's newest names leave it out.
 */
function hideName(state: GameState, playerId: string | undefined, hidden: boolean): Outcome {
  const player = playerId ? state.players.get(playerId) : undefined;
  if (!player || player.kicked) return fail("player_not_found", "No such player in this game.");
  if (state.hiddenPlayers.has(player.id) === hidden) return { ok: true, effects: [moderationMessage(state)] };
  if (hidden) state.hiddenPlayers.add(player.id);
  else state.hiddenPlayers.delete(player.id);
  return {
    ok: true,
    effects: [
      { type: "saveHiddenName", playerId: player.id, hidden },
      moderationMessage(state),
      { type: "viewChanged", view: "lobby" },
    ],
  };
}

/**
 * Hides a typed answer of the reveal on screen (or shows it again). It is matched as answers are (case, accents,
 * spacing), so every spelling of it goes; the results keep it as typed.
 */
function hideAnswer(state: GameState, index: number, text: string, hidden: boolean): Outcome {
  const key = answerKey(index, normaliseTyped(text));
  if (!hidden) {
    const shown = state.hiddenAnswers.get(key);
    if (!shown) return { ok: true, effects: [moderationMessage(state)] };
    state.hiddenAnswers.delete(key);
    return {
      ok: true,
      effects: [{ type: "saveHiddenAnswer", index, key, text: shown.text, hidden: false }, moderationMessage(state)],
    };
  }
  const reveal = state.lastReveal;
  const onScreen =
    state.clock.phase === "reveal" && reveal?.index === index
      ? reveal.typed?.find((t) => normaliseTyped(t.text) === normaliseTyped(text))
      : undefined;
  if (!onScreen)
    return fail("answer_not_found", `No typed answer "${text}" is on the screen for question ${index + 1}.`);
  if (state.hiddenAnswers.has(key)) return { ok: true, effects: [moderationMessage(state)] };
  state.hiddenAnswers.set(key, { index, text: onScreen.text });
  return {
    ok: true,
    effects: [{ type: "saveHiddenAnswer", index, key, text: onScreen.text, hidden: true }, moderationMessage(state)],
  };
}

function moderationMessage(state: GameState): Effect {
  return { type: "send", to: "host", message: { type: "moderation", ...moderationState(state) } };
}

function tick(state: GameState, now: number): Outcome {
  const effects: Effect[] = [];
  const c = state.clock;
  // Handle everything that is due, in order; each step reads the state left by the last, so a late or repeated
  // alarm does exactly what is still owed and nothing else.
  for (let guard = 0; guard < state.questions.length * 2 + 4; guard++) {
    if (now >= expiresAt(state)) {
      if (c.phase === "finished" || c.phase === "lobby") {
        effects.push({ type: "log", event: "game_expired", data: { phase: c.phase } }, { type: "destroy" });
        return { ok: true, effects };
      }
      effects.push(...(c.phase === "question" ? closeQuestion(state, now, true) : []), ...finish(state, now, "idle"));
      continue;
    }
    if (c.phase === "ready" && c.opensAt !== null && now >= c.opensAt) {
      effects.push(...openChoices(state, now));
      continue;
    }
    if (c.phase === "question" && c.deadline !== null && now >= c.deadline) {
      effects.push(...closeQuestion(state, now));
      continue;
    }
    if (c.phase === "reveal" && c.revealEndsAt !== null && now >= c.revealEndsAt) {
      effects.push(...advance(state, now));
      continue;
    }
    break;
  }
  return { ok: true, effects };
}

// ---------------------------------------------------------------------------------------------------------------
// Phase changes: the only steps that cost O(players).

/**
 * Question `index` comes up: with a lead-in (`readSeconds` > 0) its text goes out alone (`ready`) and the alarm opens
 * its choices at `opensAt`; without one, its choices open now, exactly as games have always started a question.
 */
function openQuestion(state: GameState, index: number, now: number): Effect[] {
  const c = state.clock;
  c.index = index;
  c.revealEndsAt = null;
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.lastActivityAt = now;
  state.answers = new Map();
  state.lastReveal = null;
  const readMs = state.settings.readSeconds * 1000;
  if (readMs <= 0) return openChoices(state, now);
  c.phase = "ready";
  c.opensAt = now + readMs;
  c.startedAt = c.opensAt;
  c.deadline = null;
  state.waitingFor = 0;
  const payload = readyPayload(state) as ReadyPayload;
  return [{ type: "saveClock" }, { type: "send", to: "all", message: { type: "ready", serverTime: now, ...payload } }];
}

/**
 * The current question's choices open: now, which is when its time limit and its points start counting. Called when
 * the lead-in's alarm fires (late or not: nobody could answer before this message), on the host's `next` during the
 * lead-in, and straight from `openQuestion` when there is no lead-in.
 */
function openChoices(state: GameState, now: number): Effect[] {
  const q = state.questions[state.clock.index] as GameQuestion;
  return choicesOpen(state, now, now, now + q.durationMs);
}

/**
 * The choices open with points counted from `startedAt` until `deadline`: now, for one object; at the instants the
 * coordinator scheduled, for a shard (shard-rules.ts), whenever its alarm ran.
 */
export function choicesOpen(state: GameState, now: number, startedAt: number, deadline: number): Effect[] {
  const c = state.clock;
  c.phase = "question";
  c.startedAt = startedAt;
  c.opensAt = null;
  c.deadline = deadline;
  c.lastActivityAt = now;
  if (c.slot) c.slot = null;
  state.waitingFor = connectedCount(state);
  state.restoredWait = null;
  const payload = questionPayload(state) as QuestionPayload;
  return [
    { type: "saveClock" },
    { type: "send", to: "all", message: { type: "question", serverTime: now, ...payload } },
    { type: "viewChanged", view: "progress" },
  ];
}

/**
 * Scores the closed question for every player and computes ranks. Shared by the live game and by rebuilding from
 * storage, so a rebuilt object holds exactly the figures the live one had.
 */
export function settleQuestion(state: GameState, index: number, answers: Map<string, Answer>): RevealPayload {
  const q = state.questions[index] as GameQuestion;
  const tally = tallyFor(q);
  let correctCount = 0;
  const players = activePlayers(state).filter((p) => p.firstQuestion <= index);
  for (const p of players) {
    const a = answers.get(p.id);
    if (a) tally.add(a);
    const scored = a
      ? { correct: a.correct, points: a.points, streak: q.kind === "poll" ? p.streak : a.correct ? p.streak + 1 : 0 }
      : scoreMissed(q, p.streak);
    if (scored.correct) correctCount++;
    p.score += scored.points;
    p.streak = scored.streak;
    p.lastResult = {
      answered: a !== undefined,
      correct: scored.correct,
      points: scored.points,
      streak: p.streak,
      score: p.score,
      rank: 0,
    };
  }
  state.leaderboard = rankPlayers(state, players);
  settleTeams(state, q, players);
  const teams = teamStandings(state, index);
  return {
    index,
    total: state.questions.length,
    kind: q.kind,
    correct: correctAnswer(q),
    ...tally.result(),
    answered: answers.size,
    correctCount,
    ...(q.explanation ? { explanation: q.explanation } : {}),
    leaderboard: state.leaderboard,
    playerCount: players.length,
    nextAt: null,
    isLast: index === state.questions.length - 1,
    ...(teams ? { teams } : {}),
  };
}

export function correctAnswer(q: GameQuestion): CorrectAnswer {
  if (q.kind === "type") return { choices: [], accepted: q.accepted };
  if (q.slider) return { choices: [], value: q.slider.correct, tolerance: q.slider.tolerance };
  return { choices: q.correct };
}

/** Sorts players by score (earlier joiners first among equals), sets each rank, returns the top of the table. */
function rankPlayers(state: GameState, players: Player[]): LeaderboardEntry[] {
  state.scoredCount = players.filter((p) => p.score > 0).length;
  for (const p of players) p.previousRank = p.rank;
  return placeInOrder(players);
}

function placeInOrder(players: Player[]): LeaderboardEntry[] {
  const sorted = [...players].sort(byStanding);
  const ranks = competitionRanks(sorted.map((p) => p.score));
  sorted.forEach((p, i) => {
    p.rank = ranks[i] as number;
    if (p.lastResult) p.lastResult.rank = p.rank;
  });
  return sorted.slice(0, LIMITS.leaderboardSize).map(leaderboardEntry);
}

/**
 * Ranks the players of the last reveal again once one of them has left (a kick), so the table starts at 1st and the
 * places the removed player held move up; the previous ranks stay those of the reveal before. Shared with rebuilding
 * from storage, which ends with it too.
 */
export function rankAfterKick(state: GameState, removed: readonly Player[]): void {
  // The removed keep their score (the results leave them out) but hold no place any more.
  for (const p of removed) {
    p.rank = null;
    p.previousRank = null;
    p.lastResult = null;
  }
  // A shard ranks nobody by itself: the game's ranks come merged from the coordinator at the next reveal.
  if (state.settings.shard) return;
  state.leaderboard = placeInOrder(activePlayers(state).filter((p) => p.rank !== null));
  if (state.lastReveal) state.lastReveal.leaderboard = state.leaderboard;
  // Team scores stand (the removed player's past points stay in them); only the member counts change.
  if (state.lastReveal?.teams) state.lastReveal.teams = teamStandings(state, state.lastReveal.index);
}

function closeQuestion(state: GameState, now: number, silent = false): Effect[] {
  const c = state.clock;
  const reveal = settleQuestion(state, c.index, state.answers);
  c.phase = "reveal";
  c.deadline = null;
  c.pausedAt = null;
  c.pausedRemainingMs = null;
  c.lastActivityAt = now;
  c.revealEndsAt = state.settings.revealSeconds > 0 ? now + state.settings.revealSeconds * 1000 : null;
  reveal.nextAt = c.revealEndsAt;
  state.lastReveal = reveal;
  // Nobody is waited for once the question is closed (and a game rebuilt from storage starts from 0 here too).
  state.waitingFor = 0;
  state.restoredWait = null;
  const effects: Effect[] = [{ type: "saveClock" }];
  if (!silent) {
    const you = state.teams
      ? (playerId: string) => withTeam(state, playerId)
      : (playerId: string) => state.players.get(playerId)?.lastResult ?? undefined;
    const { leaderboard, teams, ...forPlayers } = reveal;
    // The top 10 (and the teams) are for the big screen; a phone shows its own figures (`you`, with its team's
    // place), which keeps a reveal under 1 KB.
    effects.push(
      { type: "sendEach", to: "host", message: { type: "reveal", serverTime: now, ...reveal }, you },
      { type: "sendEach", to: "players", message: { type: "reveal", serverTime: now, ...forPlayers }, you },
    );
  }
  return effects;
}

/** A player's result with its team's place (team games). */
function withTeam(state: GameState, playerId: string): object | undefined {
  const p = state.players.get(playerId);
  if (!p?.lastResult) return undefined;
  const team = yourTeam(state, p);
  return team ? { ...p.lastResult, team } : p.lastResult;
}

function advance(state: GameState, now: number): Effect[] {
  const next = state.clock.index + 1;
  return next < state.questions.length ? openQuestion(state, next, now) : finish(state, now, "completed");
}

function finish(state: GameState, now: number, reason: string): Effect[] {
  // A question still in its lead-in never opened: it was not played (nobody could answer it).
  stopClock(state.clock, now);
  state.answers = new Map();
  state.lastReveal = null;
  state.gameOver = gameOverPayload(state);
  const you = (playerId: string) => {
    const p = state.players.get(playerId);
    if (!p || p.kicked) return undefined;
    const team = yourTeam(state, p);
    return { rank: rankOf(state, p), score: p.score, ...(team ? { team } : {}) };
  };
  const { teams: _teams, ...forPlayers } = gameOverForPlayers(state, state.gameOver);
  // One message for everyone, unless a hidden name stands in it: then players get theirs with the placeholder. In
  // team games the teams' table is the big screen's (a phone has its team's place in `you`), so the message to
  // thousands of phones stays the size it is in any game.
  const sends: Effect[] =
    !state.teams && forPlayers.podium === state.gameOver.podium && forPlayers.leaderboard === state.gameOver.leaderboard
      ? [{ type: "sendEach", to: "all", message: { type: "gameOver", serverTime: now, ...state.gameOver }, you }]
      : [
          { type: "sendEach", to: "host", message: { type: "gameOver", serverTime: now, ...state.gameOver }, you },
          { type: "sendEach", to: "players", message: { type: "gameOver", serverTime: now, ...forPlayers }, you },
        ];
  return [
    { type: "saveClock" },
    ...sends,
    { type: "log", event: "game_finished", data: { reason, players: state.gameOver.playerCount } },
  ];
}
