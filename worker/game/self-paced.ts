/**
 * Self-paced assignments (homework): the rules of a game in which each player plays alone, on their own clock, until
 * the assignment closes at `closesAt`.
 *
 * The game's own clock stays in the lobby while the assignment is open and goes to `finished` when it closes; each
 * player has a `Progress` of their own, shaped like the game's clock (phase, question, when it opened, its deadline),
 * so the live game's payloads (views.ts) describe it unchanged. A player moves from question to question with
 * `advance` (the phone's "Next"), each question with the same time limit, lead-in and points as in a live game; their
 * answer closes the question for them at once, and the reveal is theirs alone. Deadlines are absolute and stored:
 * a player who leaves mid-question finds the question as its clock left it (still open, or closed and unanswered).
 *
 * Like engine.ts, nothing here does I/O or reads a clock. `applySelfPaced` takes every event of an assignment and
 * hands back to the live rules (`live`) what the two share: joining, sockets, kicks, hiding names, locking.
 */
import type { AnswerChoice, ErrorCode, GameOverPayload, LeaderboardEntry, PlayerResult } from "../protocol/values";
import { LIMITS } from "../protocol/values";
import { answerKept, type Effect, type EngineInput, type GameEvent, type Outcome } from "./engine";
import { competitionRanks, scoreMissed, takeAnswer } from "./scoring";
import {
  type Answer,
  activePlayers,
  byStanding,
  expiresAt,
  type GameQuestion,
  type GameSettings,
  type GameState,
  type Player,
} from "./state";
import { type Tally, tallyFor } from "./tally";
import { gameOverForPlayers, leaderboardEntry, questionPayload, readyPayload } from "./views";

/** Where one player stands in an assignment. */
export interface Progress {
  playerId: string;
  /** `lobby`: not started; `ready`: the lead-in of `index`; `question`: it is open; `reveal`: done, its result shown. */
  phase: "lobby" | "ready" | "question" | "reveal" | "finished";
  /** The player's current question; -1 before the first. */
  index: number;
  /** When the current question's choices open (in its lead-in), else null. */
  opensAt: number | null;
  /** When the current question's choices opened (speed counts from here). */
  startedAt: number;
  /** When the open question closes for this player (at the latest when the assignment does), else null. */
  deadline: number | null;
  /** When the player opened their first question. */
  firstAt: number | null;
  /** When the player finished the last question. */
  finishedAt: number | null;
  /** The current question's result, once it is closed for this player. */
  result: PlayerResult | null;
  /** The answer given to the current question, if any. */
  answer: AnswerChoice | null;
}

/** How a question has gone so far, over everyone who has done it. */
interface QuestionCounts {
  answered: number;
  correct: number;
}

export interface SelfPacedState {
  closesAt: number;
  progress: Map<string, Progress>;
  /** Players whose lead-in or question is running, with when it is due (the alarm wakes for the earliest). */
  due: Map<string, number>;
  counts: QuestionCounts[];
}

/**
 * Per assignment and question: the answers so far, counted as a reveal shows them. Kept beside the state rather than
 * in it (a tally holds its counts in closures): derived from the answers, and rebuilt from them on wake.
 */
const TALLIES = new WeakMap<SelfPacedState, Map<number, Tally>>();

function talliesOf(sp: SelfPacedState): Map<number, Tally> {
  let tallies = TALLIES.get(sp);
  if (!tallies) {
    tallies = new Map();
    TALLIES.set(sp, tallies);
  }
  return tallies;
}

export function startSelfPaced(settings: GameSettings): SelfPacedState {
  return {
    closesAt: settings.closesAt ?? 0,
    progress: new Map(),
    due: new Map(),
    counts: [],
  };
}

export function newProgress(playerId: string): Progress {
  return {
    playerId,
    phase: "lobby",
    index: -1,
    opensAt: null,
    startedAt: 0,
    deadline: null,
    firstAt: null,
    finishedAt: null,
    result: null,
    answer: null,
  };
}

const fail = (code: ErrorCode, message: string): Outcome => ({ ok: false, error: { code, message } });

/** Whether the assignment takes nothing more: closed by the host, or its closing time has come (alarm or not). */
export function isClosed(state: GameState, sp: SelfPacedState, now: number): boolean {
  return state.clock.phase === "finished" || now >= sp.closesAt;
}

function closedError(sp: SelfPacedState): Outcome {
  return fail("assignment_closed", `This assignment closed at ${new Date(sp.closesAt).toISOString()}.`);
}

/** Commands of a live game that have no meaning in an assignment, where every player moves on by themselves. */
const LIVE_ONLY = new Set(["start", "next", "pause", "resume"]);

export function applySelfPaced(
  state: GameState,
  sp: SelfPacedState,
  event: GameEvent,
  input: EngineInput,
  live: () => Outcome,
): Outcome {
  const { now } = input;
  switch (event.type) {
    case "join":
      return isClosed(state, sp, now) ? closedError(sp) : live();
    case "connect": {
      const outcome = live();
      if (!outcome.ok) return outcome;
      // Whatever ran out while the player was away (the alarm may be late) is settled before they see anything. Not
      // for a socket re-attached on wake, whose effects are not carried out: the alarm then settles it, and says so.
      const p = event.restored ? undefined : sp.progress.get(event.playerId);
      const caught = p && state.clock.phase !== "finished" ? catchUp(state, sp, p, now) : [];
      return { ok: true, effects: [...caught, ...outcome.effects] };
    }
    case "answer":
      return answer(state, sp, event, now);
    case "advance":
      return advance(state, sp, event.playerId, now);
    case "tick":
      return tick(state, sp, now);
    case "command": {
      if (LIVE_ONLY.has(event.command)) {
        if (state.clock.phase === "finished") return live();
        return fail("self_paced", "This is a self-paced assignment: each player moves on by themselves.");
      }
      if (event.command === "end") return state.clock.phase === "finished" ? live() : close(state, sp, now, "host");
      const outcome = live();
      if (outcome.ok && event.command === "kick" && event.playerId) {
        sp.progress.delete(event.playerId);
        sp.due.delete(event.playerId);
        if (state.clock.phase === "finished") state.gameOver = finishersGameOver(state, sp);
      }
      return outcome;
    }
    default:
      return live();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One player's way through the questions.

function answer(
  state: GameState,
  sp: SelfPacedState,
  event: Extract<GameEvent, { type: "answer" }>,
  now: number,
): Outcome {
  const { playerId, index, choice, rttMs } = event;
  const player = state.players.get(playerId);
  if (!player || player.kicked) return fail("not_player", "Only players can answer.");
  if (isClosed(state, sp, now)) return closedError(sp);
  const p = sp.progress.get(playerId);
  if (!p || p.phase === "lobby") return fail("wrong_question", `Question ${index + 1} is not open: start first.`);
  if (p.phase === "ready" && index === p.index) {
    return fail("question_not_open", `Question ${index + 1} has not opened yet: answer once its choices show.`);
  }
  const open = p.phase === "question" && index === p.index;
  if (!open) {
    return index <= p.index
      ? fail("question_closed", `Question ${index + 1} is closed.`)
      : fail("wrong_question", `Question ${index + 1} is not open.`);
  }
  if (p.deadline !== null && now > p.deadline) return fail("question_closed", `Question ${index + 1} is closed.`);
  const q = state.questions[index] as GameQuestion;
  // Timed as a live game's answer: from this player's own open, less the connection's round trip (fair-timing.ts).
  const taken = takeAnswer(q, {
    playerId,
    index,
    choice,
    now,
    startedAt: p.startedAt,
    streakBefore: player.streak,
    rttMs,
  });
  if ("error" in taken) return fail("invalid_answer", taken.error);
  const stored = taken.answer;
  return {
    ok: true,
    effects: [
      ...answerKept(stored, now),
      // The player is the only one this question waits for: it closes for them now.
      ...settle(state, sp, player, p, stored, now),
    ],
  };
}

function advance(state: GameState, sp: SelfPacedState, playerId: string, now: number): Outcome {
  const player = state.players.get(playerId);
  if (!player || player.kicked) return fail("not_player", "Only players can move on.");
  if (isClosed(state, sp, now)) return closedError(sp);
  let p = sp.progress.get(playerId);
  if (!p) {
    p = newProgress(playerId);
    sp.progress.set(playerId, p);
  }
  // A lead-in or question that ran out meanwhile moves on first, and that is what the player sees next.
  const caught = catchUp(state, sp, p, now);
  if (caught.length > 0) return { ok: true, effects: caught };
  switch (p.phase) {
    case "ready":
    case "question":
      return fail("wrong_phase", `Question ${p.index + 1} is still open: answer it, or wait for its time to run out.`);
    case "finished":
      return fail("wrong_phase", "You have done every question of this assignment.");
    default: {
      const next = p.index + 1;
      const effects =
        next < state.questions.length ? openQuestion(state, sp, p, next, now) : finishPlayer(state, sp, p, now);
      return { ok: true, effects };
    }
  }
}

/** Question `index` comes up for this player: its lead-in, or its choices at once when the game has none. */
function openQuestion(state: GameState, sp: SelfPacedState, p: Progress, index: number, now: number): Effect[] {
  p.index = index;
  p.answer = null;
  p.result = null;
  p.firstAt ??= now;
  const readMs = state.settings.readSeconds * 1000;
  if (readMs <= 0) return openChoices(state, sp, p, now, now);
  p.phase = "ready";
  p.opensAt = now + readMs;
  p.startedAt = p.opensAt;
  p.deadline = null;
  sp.due.set(p.playerId, p.opensAt);
  const ready = readyPayload(state, p);
  return [
    { type: "saveProgress", progress: p },
    ...(ready ? [send(p, { type: "ready", serverTime: now, ...ready })] : []),
    { type: "viewChanged", view: "progress" },
  ];
}

/**
 * The choices open at `at`: the end of the lead-in as it was due (a player who was away finds the question as its
 * own clock left it), or now. The deadline never passes the assignment's closing time.
 */
function openChoices(state: GameState, sp: SelfPacedState, p: Progress, at: number, now: number): Effect[] {
  const q = state.questions[p.index] as GameQuestion;
  p.phase = "question";
  p.startedAt = at;
  p.opensAt = null;
  p.deadline = Math.min(at + q.durationMs, sp.closesAt);
  sp.due.set(p.playerId, p.deadline);
  const question = questionPayload(state, p);
  return [
    { type: "saveProgress", progress: p },
    // `serverTime` is always the server's now: clients set their clock by it.
    ...(question ? [send(p, { type: "question", serverTime: now, ...question })] : []),
  ];
}

/** Whatever of this player's lead-in or question is due by `now`, in order: the choices open, then time runs out. */
function catchUp(state: GameState, sp: SelfPacedState, p: Progress, now: number): Effect[] {
  const effects: Effect[] = [];
  if (p.phase === "ready" && p.opensAt !== null && now >= p.opensAt) {
    effects.push(...openChoices(state, sp, p, p.opensAt, now));
  }
  if (p.phase === "question" && p.deadline !== null && now >= p.deadline) {
    const player = state.players.get(p.playerId);
    if (player && !player.kicked) effects.push(...settle(state, sp, player, p, null, now));
  }
  return effects;
}

/**
 * Closes the player's current question with their answer (or none): points, streak, their result and their reveal
 * (sent at `now`; a missed question closed at its deadline, whenever that is noticed).
 */
function settle(
  state: GameState,
  sp: SelfPacedState,
  player: Player,
  p: Progress,
  given: Answer | null,
  now: number,
): Effect[] {
  const q = state.questions[p.index] as GameQuestion;
  const scored = given
    ? { correct: given.correct, points: given.points, streak: streakAfter(q, player.streak, given.correct) }
    : scoreMissed(q, player.streak);
  countAnswer(state, sp, p.index, given);
  if (player.score === 0 && scored.points > 0) state.scoredCount++;
  player.score += scored.points;
  player.streak = scored.streak;
  p.phase = "reveal";
  p.deadline = null;
  p.answer = given?.choice ?? null;
  p.result = {
    answered: given !== null,
    correct: scored.correct,
    points: scored.points,
    streak: player.streak,
    score: player.score,
    rank: liveRank(state, player),
  };
  sp.due.delete(p.playerId);
  return [
    { type: "saveProgress", progress: p },
    send(p, { type: "reveal", serverTime: now, ...revealFor(state, sp, p.index), you: p.result }),
    { type: "viewChanged", view: "progress" },
  ];
}

/** The streak after a given answer: a right one adds to it, a wrong one ends it, a poll leaves it. */
export function streakAfter(q: GameQuestion, before: number, correct: boolean): number {
  return q.kind === "poll" ? before : correct ? before + 1 : 0;
}

/** Adds a closed question's answer (or its absence) to what that question's reveal shows. */
export function countAnswer(state: GameState, sp: SelfPacedState, index: number, given: Answer | null): void {
  const counts = sp.counts[index] ?? { answered: 0, correct: 0 };
  sp.counts[index] = counts;
  if (!given) return;
  counts.answered++;
  if (given.correct) counts.correct++;
  const tallies = talliesOf(sp);
  let tally = tallies.get(index);
  if (!tally) {
    tally = tallyFor(state.questions[index] as GameQuestion);
    tallies.set(index, tally);
  }
  tally.add(given);
}

/** A question's reveal for one player: the right answer, and how everyone who has done it so far answered. */
export function revealFor(state: GameState, sp: SelfPacedState, index: number) {
  const q = state.questions[index] as GameQuestion;
  const counts = sp.counts[index] ?? { answered: 0, correct: 0 };
  const tally = talliesOf(sp).get(index) ?? tallyFor(q);
  return {
    index,
    total: state.questions.length,
    kind: q.kind,
    correct:
      q.kind === "type"
        ? { choices: [], accepted: q.accepted }
        : q.slider
          ? { choices: [], value: q.slider.correct, tolerance: q.slider.tolerance }
          : { choices: q.correct },
    ...tally.result(),
    answered: counts.answered,
    correctCount: q.kind === "poll" ? 0 : counts.correct,
    ...(q.explanation ? { explanation: q.explanation } : {}),
    playerCount: activePlayers(state).length,
    nextAt: null,
    isLast: index === state.questions.length - 1,
  };
}

/** The player's place among everyone in the assignment by score so far (competition ranking). */
export function liveRank(state: GameState, player: Player): number {
  let above = 0;
  for (const other of state.players.values()) if (!other.kicked && other.score > player.score) above++;
  return above + 1;
}

/** The player has done the last question: their result and the leaderboard of those who finished. */
function finishPlayer(state: GameState, sp: SelfPacedState, p: Progress, now: number): Effect[] {
  p.phase = "finished";
  p.finishedAt = now;
  p.answer = null;
  const over = finishersGameOver(state, sp);
  const player = state.players.get(p.playerId) as Player;
  return [
    { type: "saveProgress", progress: p },
    send(p, {
      type: "gameOver",
      serverTime: now,
      ...gameOverForPlayers(state, over),
      you: { rank: finisherRank(state, sp, player), score: player.score },
      assignment: { closesAt: sp.closesAt, closed: false },
    }),
    { type: "viewChanged", view: "progress" },
  ];
}

function send(p: Progress, message: Extract<Effect, { type: "send" }>["message"]): Effect {
  return { type: "send", to: { player: p.playerId }, message };
}

// ---------------------------------------------------------------------------------------------------------------
// Those who finished, and closing.

/** Players still in the assignment who did every question. */
export function finishers(state: GameState, sp: SelfPacedState): Player[] {
  return activePlayers(state).filter((pl) => sp.progress.get(pl.id)?.phase === "finished");
}

/** A finisher's place among those who finished. */
export function finisherRank(state: GameState, sp: SelfPacedState, player: Player): number {
  let above = 0;
  for (const other of finishers(state, sp)) if (other.score > player.score) above++;
  return above + 1;
}

/** The leaderboard and podium of those who finished, shaped as a live game's game over. */
export function finishersGameOver(state: GameState, sp: SelfPacedState): GameOverPayload {
  const done = finishers(state, sp).sort(byStanding);
  const ranks = competitionRanks(done.map((pl) => pl.score));
  const leaderboard: LeaderboardEntry[] = done
    .slice(0, LIMITS.leaderboardSize)
    .map((pl, i) => ({ ...leaderboardEntry(pl), rank: ranks[i] as number, previousRank: null }));
  return {
    podium: leaderboard.filter((e) => e.rank <= 3 && e.score > 0),
    leaderboard,
    playerCount: done.length,
    questionCount: state.questions.length,
  };
}

/**
 * The assignment closes: at `closesAt` (the alarm, however late: it counts as closed then) or when the host closes
 * it early. Questions still open close unanswered with it; every player connected is told, with their own figures.
 */
function close(state: GameState, sp: SelfPacedState, now: number, by: "time" | "host"): Outcome {
  const c = state.clock;
  const at = by === "time" ? sp.closesAt : now;
  c.phase = "finished";
  c.finishedAt = at;
  c.lastActivityAt = at;
  sp.due.clear();
  state.gameOver = finishersGameOver(state, sp);
  const forPlayers = gameOverForPlayers(state, state.gameOver);
  const assignment = { closesAt: sp.closesAt, closed: true };
  const you = (playerId: string) => {
    const player = state.players.get(playerId);
    if (!player || player.kicked) return undefined;
    const finished = sp.progress.get(playerId)?.phase === "finished";
    return { rank: finished ? finisherRank(state, sp, player) : liveRank(state, player), score: player.score };
  };
  return {
    ok: true,
    effects: [
      { type: "saveClock" },
      {
        type: "sendEach",
        to: "host",
        message: { type: "gameOver", serverTime: now, ...state.gameOver, assignment },
        you,
      },
      {
        type: "sendEach",
        to: "players",
        message: { type: "gameOver", serverTime: now, ...forPlayers, assignment },
        you,
      },
      { type: "viewChanged", view: "progress" },
      {
        type: "log",
        event: "game_finished",
        data: { reason: by === "time" ? "assignment_closed" : "closed_by_host", players: activePlayers(state).length },
      },
    ],
  };
}

/**
 * The alarm: the assignment closes when its time has come; until then, every player whose lead-in or question is due
 * moves on. Decided from stored state only, so a repeated or late alarm does what is still owed and nothing else.
 */
function tick(state: GameState, sp: SelfPacedState, now: number): Outcome {
  if (state.clock.phase === "finished") {
    if (now < expiresAt(state)) return { ok: true, effects: [] };
    return {
      ok: true,
      effects: [{ type: "log", event: "game_expired", data: { phase: "finished" } }, { type: "destroy" }],
    };
  }
  if (now >= sp.closesAt) return close(state, sp, now, "time");
  const effects: Effect[] = [];
  for (const [playerId, at] of [...sp.due]) {
    const p = sp.progress.get(playerId);
    if (at <= now && p) effects.push(...catchUp(state, sp, p, now));
  }
  return { ok: true, effects };
}

/** How many questions a player has done (answered or run out): every one before the current, and it once closed. */
export function doneCount(p: Pick<Progress, "phase" | "index">): number {
  return p.phase === "reveal" || p.phase === "finished" ? p.index + 1 : Math.max(0, p.index);
}

// ---------------------------------------------------------------------------------------------------------------
// Rebuilding from storage.

/**
 * Rebuilds an assignment's progress from its stored rows (restore.ts has built the players): each player's scores
 * and streaks from their answers to the questions they have done, each question's reveal counts from every such
 * answer in the order they came, and the timers still running.
 */
export function restoreSelfPaced(state: GameState, rows: readonly Progress[], answers: readonly Answer[]): void {
  const sp = startSelfPaced(state.settings);
  state.selfPaced = sp;
  const byPlayer = new Map<string, Map<number, Answer>>();
  for (const a of answers) {
    const own = byPlayer.get(a.playerId) ?? new Map<number, Answer>();
    byPlayer.set(a.playerId, own);
    own.set(a.index, a);
  }
  const counted: Answer[] = [];
  for (const row of rows) {
    // A removed player's answers still count in the questions' reveals, as they did live; their progress is gone.
    const player = state.players.get(row.playerId);
    if (!player) continue;
    const own = byPlayer.get(row.playerId) ?? new Map<number, Answer>();
    const done = doneCount(row);
    for (let i = 0; i < done; i++) {
      const q = state.questions[i] as GameQuestion;
      const a = own.get(i);
      const scored = a
        ? { points: a.points, streak: streakAfter(q, player.streak, a.correct) }
        : scoreMissed(q, player.streak);
      player.score += scored.points;
      player.streak = scored.streak;
      if (a) counted.push(a);
      else sp.counts[i] ??= { answered: 0, correct: 0 };
    }
    if (player.kicked) continue;
    const p: Progress = { ...row, answer: row.phase === "reveal" ? (own.get(row.index)?.choice ?? null) : null };
    sp.progress.set(p.playerId, p);
    if (state.clock.phase !== "finished") {
      const due = p.phase === "ready" ? p.opensAt : p.phase === "question" ? p.deadline : null;
      if (due !== null) sp.due.set(p.playerId, due);
    }
  }
  for (const a of counted.sort((x, y) => x.receivedAt - y.receivedAt)) countAnswer(state, sp, a.index, a);
  state.scoredCount = activePlayers(state).filter((pl) => pl.score > 0).length;
  if (state.clock.phase === "finished") state.gameOver = finishersGameOver(state, sp);
}
