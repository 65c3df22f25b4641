/**
 * The run's correctness, judged after the run from plain data: what each bot sent, had acknowledged and was told
 * (its ledger), what the bot processes saw of each reveal, what each host saw, and what the server stored. No I/O,
 * no clock: the same records always give the same verdict, so every check has unit tests of its own
 * (test/unit/bench-checks.test.ts), and other ways of running the bench (a restarted server, shards, delayed
 * players) only have to produce the same records. With `--chaos` the run also holds its kills; what was in flight at
 * each is judged by outages.ts, and an answer counts wherever it was stored (acknowledged, or kept unacknowledged).
 *
 * The scoring rule is written here from docs/protocol.md, not imported from the worker, so that a bug in the
 * server's arithmetic shows up as a mismatch instead of being reproduced on both sides.
 */
import { type Fate, judgeAllAnswers, lostToRestart, type Outage } from "./outages.ts";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The report's correctness section. */
export interface Correctness {
  ok: boolean;
  checks: Check[];
  /** Every mismatch found (a bot's, a reveal's, a score's, a stored row's). */
  mismatchCount: number;
  /** The first 50 of them. */
  mismatches: string[];
}

/** Errors by kind: what the server sent, HTTP failures, close codes, socket errors (counts by code), the hosts' own. */
export interface ErrorCounts {
  server: Record<string, number>;
  http: Record<string, number>;
  closeCodes: Record<string, number>;
  socket: Record<string, number>;
  host: string[];
}

/**
 * Something that went wrong with a connection, when (epoch ms): a socket that closed, a socket or request that
 * failed. While a killed server restarts they are what players go through (counted per kill, outages.ts); at any
 * other time they are errors.
 */
export interface Incident {
  at: number;
  kind: "close" | "socket" | "http";
  /** The close code, or the error ("ECONNREFUSED", "Unexpected server response: 429", "join: ECONNRESET"). */
  what: string;
}

/** What one bot sent for one question, and what came back for it. */
export interface SentAnswer {
  /** Position of the chosen choice, in the order the server sent the choices. */
  choice: number;
  correct: boolean;
  /** How many `answered` messages came back for it (exactly one is right). */
  acks: number;
  /** The `elapsedMs` of the first acknowledgement; null before it. */
  elapsedMs: number | null;
  /** Epoch ms of each time it went out: more than once when a restart lost it and the bot sent it again. */
  sentAt: number[];
  /** Epoch ms of its first acknowledgement; null without one. */
  ackedAt: number | null;
}

/** A player's own figures in a reveal, as the server sent them. */
export interface RevealedResult {
  answered: boolean;
  correct: boolean;
  points: number;
  streak: number;
  score: number;
}

/** A reveal as one bot got it: live or from a reconnect snapshot (`you` null when it had none), or "away" when the question closed while the bot was reconnecting and nothing told it the result. */
export type RevealSeen = { you: RevealedResult | null } | "away";

/** A reconnect: the welcome snapshot's figures next to what the bot itself had at that moment. */
export interface Rejoin {
  /** The last question the game had closed by then (-1: none). */
  closedThrough: number;
  /** The score in the snapshot's `you`; null when the snapshot had no `you`. */
  score: number | null;
  /**
   * When the bot came back into a question it had already seen open: the answer the snapshot shows, the choice the
   * bot had sent (null: none), and whether that had been acknowledged.
   */
  open: { index: number; answer: number | number[] | string | null; sent: number | null; acked: boolean } | null;
}

/** One try at joining: under which name, when it went out and ended (epoch ms), and how: an HTTP status or a network error. */
export interface JoinAttempt {
  name: string;
  at: number;
  endedAt: number;
  result: string;
}

/** A kill that cut this bot off (it had started joining and the game was on), and when it was welcomed back. */
export interface CutOff {
  /** Position of the kill in the run (0-based). */
  kill: number;
  /** Epoch ms of its first welcome after the kill; null if it never came back. */
  backAt: number | null;
}

/** One bot's record of its game. */
export interface BotLedger {
  game: number;
  /** Its player name, unique in the game ("bot 0-17"). */
  name: string;
  /** Empty when the join failed. */
  playerId: string;
  /** Per question: the answer it sent, or null. */
  answers: (SentAnswer | null)[];
  /** Per question: the reveal it got, or null when it got none. */
  reveals: (RevealSeen | null)[];
  rejoins: Rejoin[];
  /** It got `gameOver` (or a finished snapshot). */
  finished: boolean;
  /** The score in that `gameOver`'s `you`; null when it had none. */
  finalScore: number | null;
  /** Every try at joining, in order (one, unless a restart or a reset connection made it try again). */
  joins: JoinAttempt[];
  /**
   * Names under which a join was stored while its reply was lost: the retry found the name taken, and only this bot's
   * own earlier try can have taken it (the bench's names are unique). The bot joined again under another name, as a
   * person would; the lost one stays in the game as a player who never connects.
   */
  lostJoins: string[];
  /** The kills that cut it off. */
  cutOffs: CutOff[];
  /** Questions it meant to answer whose answer never went out: the question had closed by the time it could send. */
  missed: number[];
  /** Its closes, socket errors and failed requests, in order. */
  incidents: Incident[];
}

export interface RevealFigures {
  counts: number[];
  answered: number;
  correctCount: number;
}

/** What one bot process's bots got in one question's reveal. */
export interface RevealView {
  /** The figures the first of its bots got; null when none got the reveal live. */
  reveal: RevealFigures | null;
  /** Another of its bots got different figures. */
  revealDiffers: boolean;
}

/** What one game's host saw. */
export interface HostRecord {
  code: string;
  /** Per question: the host's reveal, if it came, with the server's time (a reconnect snapshot's, if it came so). */
  reveals: readonly ((RevealFigures & { playerCount: number; serverTime: number }) | undefined)[];
  gameOver: { playerCount: number; leaderboard: readonly { playerId: string; name: string; score: number }[] } | null;
  /** Per question: when it opened and its deadline (server epoch ms; null while paused). */
  opened: readonly ({ startedAt: number; deadline: number | null } | undefined)[];
  /** Epoch ms of each welcome: the first connection and every reconnect. */
  welcomes: readonly number[];
  /** The host's closes and failed connection attempts. */
  incidents: readonly Incident[];
}

/** One stored answer row. */
export interface StoredAnswer {
  question: number;
  playerId: string;
  /** As stored (JSON): a choice's position for the bench's questions. */
  choice: unknown;
  /** Server epoch ms. */
  receivedAt: number;
  elapsedMs: number;
  points: number;
}

/** What the server stored for one game (read from its SQLite file after the run). */
export interface StoredGame {
  code: string;
  /** Player rows. */
  players: number;
  /** Every player row's name. */
  playerNames: string[];
  /** Answer rows. */
  answers: number;
  answersByQuestion: Record<number, number>;
  /** Sum of stored answer points, by player id. */
  pointsByPlayer: Map<string, number>;
  answerRows: StoredAnswer[];
}

/** One kill of --chaos, as the checks see it. */
export interface KillOutcome extends Outage {
  /** What it was planned as ("mid-question 3, 420 ms after it opened"). */
  planned: string;
  /** Why it did not come as planned (it landed in another phase, or never came); null when it did. */
  off: string | null;
}

export interface RunRecord {
  /** What the run was asked to do. */
  plan: {
    players: number;
    games: number;
    procs: number;
    /** Per question, how many choices the host created it with. */
    choices: number[];
    /** Each question's time limit, ms. */
    questionMs: number;
  };
  /** How the bot processes ended: a fatal error, how many sent results, whether all bots finished in time. */
  fleet: { fatal: string | null; reported: number; allDone: boolean };
  /** Every bot's ledger, from every process that reported. */
  bots: BotLedger[];
  /** Per process, per game, per question. */
  revealViews: RevealView[][][];
  /** Problems bots saw in the message stream itself (order, identity, framing): how many, and the first few. */
  streamProblems: { count: number; kept: string[] };
  /** Per game, in order. */
  hosts: HostRecord[];
  /** Why a host's game failed, if one did. */
  hostFailures: string[];
  errors: ErrorCounts;
  /** Null when the bench could not read storage (an external server). */
  stored: StoredGame[] | null;
  /** The kills of --chaos, in order; empty without. */
  kills: KillOutcome[];
}

/** Answers within this long of the question going out earn the full 1000 points. */
const FULL_WINDOW_MS = 500;

/** Points for one answer, with `streakBefore` correct answers in a row before it (docs/protocol.md, Scoring). */
export function expectedPoints(
  correct: boolean,
  elapsedMs: number,
  durationMs: number,
  streakBefore: number,
): { points: number; streak: number } {
  if (!correct) return { points: 0, streak: 0 };
  const streak = streakBefore + 1;
  const t = Math.min(Math.max(elapsedMs, 0), durationMs);
  const base = elapsedMs <= FULL_WINDOW_MS ? 1000 : Math.round(1000 * (1 - t / durationMs / 2));
  const bonus = streak < 2 ? 0 : Math.min(100 * (streak - 1), 500);
  return { points: base + bonus, streak };
}

/**
 * How many players a check's detail names, or problems when the mismatch list does not list them already; the
 * report keeps the first 50 mismatches.
 */
const NAMED_IN_DETAIL = 5;
const MISMATCHES_KEPT = 50;

/** Every check of a run, in the report's order, and the mismatches that failed them. */
export function checkRun(run: RunRecord): Correctness {
  const { plan, errors } = run;
  const total = plan.players * plan.games;
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const named = (problems: string[]) => problems.slice(0, NAMED_IN_DETAIL).join("; ");

  check(
    "bot processes ran to the end",
    run.fleet.fatal === null && run.fleet.reported === plan.procs,
    run.fleet.fatal ?? `${run.fleet.reported}/${plan.procs} reported`,
  );

  const missing = run.bots.filter((b) => !b.playerId).map((b) => `game ${b.game} ${b.name}`);
  const joined = run.bots.length - missing.length;
  const lostJoins = run.bots.reduce((n, b) => n + b.lostJoins.length, 0);
  check(
    "every player joined",
    joined === total && Object.keys(errors.http).length === 0,
    `${total} expected; HTTP errors ${JSON.stringify(errors.http)}${missing.length ? `; not joined: ${named(missing)}` : ""}${lostJoins ? `; ${lostJoins} joins stored with their reply lost (joined again under another name)` : ""}`,
  );

  check(
    "every host saw its game to the end",
    run.hostFailures.length === 0 && run.hosts.every((h) => h.gameOver),
    run.hostFailures.join("; ") ||
      (run.hosts.every((h) => h.gameOver)
        ? "all gameOver"
        : run.hosts.flatMap((h, g) => (h.gameOver ? [] : [`game ${g} (${h.code}): no gameOver`])).join("; ")),
  );

  const unfinished = run.bots.filter((b) => !b.finished).map((b) => `game ${b.game} ${b.name}`);
  const finished = run.bots.length - unfinished.length;
  check(
    "every player got gameOver",
    finished === total && run.fleet.allDone,
    `${finished}/${total}${unfinished.length ? `; not finished: ${named(unfinished)}` : ""}`,
  );

  const answers = judgeAllAnswers(run);
  const verdicts = run.bots.map((b) =>
    judgeBot(b, plan.questionMs, answers.fates.get(b) ?? [], answers.rows.get(b) ?? new Map()),
  );
  const ackProblems = [...answers.unexplained, ...verdicts.flatMap((v) => v.ackProblems)];
  const sent = verdicts.reduce((n, v) => n + v.sent, 0);
  const acked = verdicts.reduce((n, v) => n + v.acked, 0);
  const inFlight = answers.perKill.reduce((n, t) => n + t.inFlight, 0);
  const kept = answers.perKill.reduce((n, t) => n + t.kept, 0);
  check(
    "every answer acknowledged exactly once",
    ackProblems.length === 0 && (run.kills.length > 0 || sent === acked),
    `${sent} sent, ${acked} acked${run.kills.length ? `; ${inFlight} in flight at a kill: ${kept} kept, ${inFlight - kept} refused` : ""}`,
  );

  check(
    "no server errors, no unexpected closes",
    Object.keys(errors.server).length === 0 &&
      Object.keys(errors.closeCodes).length === 0 &&
      Object.keys(errors.socket).length === 0 &&
      errors.host.length === 0,
    JSON.stringify({ server: errors.server, closeCodes: errors.closeCodes, socket: errors.socket, host: errors.host }),
  );

  const scoringProblems = verdicts.flatMap((v) => v.scoringProblems);
  const botMismatches = run.streamProblems.count + scoringProblems.length;
  check(
    "every bot's reveals, scores and final score match its own answers",
    botMismatches === 0,
    `${botMismatches} mismatches`,
  );

  // Each player's own sum of its revealed points, by player id.
  const scores = new Map<string, number>();
  run.bots.forEach((b, i) => {
    if (b.playerId) scores.set(b.playerId, verdicts[i]?.score ?? 0);
  });
  const revealProblems: string[] = [];
  const scoreProblems: string[] = [...answers.storage];
  const lostQuestions: string[] = [];
  run.hosts.forEach((host, g) => {
    const bots = run.bots.filter((b) => b.game === g);
    const views = run.revealViews.map((proc) => proc[g] ?? []);
    const ghosts = bots.flatMap((b) => b.lostJoins);
    revealProblems.push(...checkReveals(g, host, bots, answers.fates, views, plan, ghosts.length));
    scoreProblems.push(...checkLeaderboard(g, host, bots, scores, plan.players, ghosts));
    if (run.stored) scoreProblems.push(...checkStored(g, host.code, bots, answers.fates, scores, run.stored, plan));
    lostQuestions.push(...lostToRestart(g, host, bots, answers.fates, run.kills));
  });
  check(
    "every reveal's counts equal the answers the bots had acknowledged",
    revealProblems.length === 0,
    named(revealProblems) || `${plan.games * plan.choices.length} reveals checked`,
  );
  check(
    run.stored ? "leaderboards and stored answers match the bots' own sums" : "leaderboards match the bots' own sums",
    scoreProblems.length === 0,
    named(scoreProblems) ||
      (run.stored ? "stored rows = acked answers; stored points = revealed points" : "top-10 checked"),
  );

  const killProblems = run.kills.flatMap((k, i) => {
    const which = `kill ${i + 1} (${k.planned})`;
    if (k.off) return [`${which}: ${k.off}`];
    if (k.upAt === null) return [`${which}: workerd did not come back`];
    if (k.backAt === null) return [`${which}: not every player and host came back`];
    return [];
  });
  if (run.kills.length > 0) {
    check(
      "every kill came as planned, and every player and host came back",
      killProblems.length === 0,
      named(killProblems) || `${run.kills.length} kills`,
    );
    check(
      "no player lost a question to a restart",
      lostQuestions.length === 0,
      named(lostQuestions) || "every player cut off mid-question got its answer in",
    );
  }

  const all = [
    ...run.streamProblems.kept,
    ...ackProblems,
    ...scoringProblems,
    ...revealProblems,
    ...scoreProblems,
    ...killProblems,
    ...lostQuestions,
  ];
  return {
    ok: checks.every((c) => c.ok),
    checks,
    mismatchCount: run.streamProblems.count + all.length - run.streamProblems.kept.length,
    mismatches: all.slice(0, MISMATCHES_KEPT),
  };
}

interface BotVerdict {
  sent: number;
  acked: number;
  ackProblems: string[];
  scoringProblems: string[];
  /** The sum of the points its reveals gave it (settled from its own answers where it was away). */
  score: number;
}

/** Whether an answer counts: acknowledged, or stored though its ack was lost with the server. */
const counted = (fate: Fate | null | undefined) => fate === "acked" || fate === "kept";

/**
 * Replays one bot's game in question order: each reveal's `you` against the published scoring applied to the bot's
 * own counted answer (its time from the ack, or from the stored row of an answer kept without one), each
 * reconnect's snapshot against the points so far, and the final score against the sum.
 */
function judgeBot(
  bot: BotLedger,
  questionMs: number,
  fates: readonly (Fate | null)[],
  rows: ReadonlyMap<number, StoredAnswer>,
): BotVerdict {
  const tag = `game ${bot.game} ${bot.name}`;
  const verdict: BotVerdict = { sent: 0, acked: 0, ackProblems: [], scoringProblems: [], score: 0 };
  bot.answers.forEach((a, q) => {
    if (!a) return;
    verdict.sent++;
    if (a.acks > 0) verdict.acked++;
    if (a.acks > 1) verdict.ackProblems.push(`${tag}: answer to question ${q} acknowledged ${a.acks} times`);
  });

  let streak = 0;
  let seen = 0;
  const scoreThrough: number[] = [];
  for (let q = 0; q < bot.reveals.length; q++) {
    const reveal = bot.reveals[q];
    if (reveal) {
      seen++;
      const a = bot.answers[q];
      const answered = counted(fates[q]);
      const correct = answered && a?.correct === true;
      const expected = expectedPoints(correct, a?.elapsedMs ?? rows.get(q)?.elapsedMs ?? 0, questionMs, streak);
      if (reveal === "away") {
        verdict.score += expected.points;
        streak = expected.streak;
      } else if (!reveal.you) {
        verdict.scoringProblems.push(`${tag}: reveal ${q} without "you"`);
      } else {
        const you = reveal.you;
        if (
          you.answered !== answered ||
          you.correct !== correct ||
          you.points !== expected.points ||
          you.streak !== expected.streak ||
          you.score !== verdict.score + you.points
        ) {
          verdict.scoringProblems.push(
            `${tag}: reveal ${q} says ${JSON.stringify(you)}; expected answered=${answered} points=${expected.points} streak=${expected.streak} score=${verdict.score + expected.points}`,
          );
        }
        verdict.score += you.points;
        streak = expected.streak;
      }
    }
    scoreThrough[q] = verdict.score;
  }

  for (const rejoin of bot.rejoins) {
    const expected = rejoin.closedThrough < 0 ? 0 : (scoreThrough[rejoin.closedThrough] ?? verdict.score);
    if (rejoin.score === null) verdict.scoringProblems.push(`${tag}: reconnect welcome without "you"`);
    else if (rejoin.score !== expected) {
      verdict.scoringProblems.push(`${tag}: reconnect welcome score ${rejoin.score}, sum of its points ${expected}`);
    }
    const problem = rejoinAnswerProblem(rejoin.open, fates);
    if (problem) verdict.scoringProblems.push(`${tag}: ${problem}`);
  }

  if (bot.finished) {
    if (bot.finalScore !== verdict.score) {
      verdict.scoringProblems.push(`${tag}: final score ${bot.finalScore}, sum of revealed points ${verdict.score}`);
    }
    if (seen !== bot.reveals.length)
      verdict.scoringProblems.push(`${tag}: saw ${seen} reveals of ${bot.reveals.length}`);
  }
  return verdict;
}

/**
 * The answer a reconnect snapshot shows for the open question is the one the server has: the acknowledged one; for
 * one in flight at a kill, either it (kept, and then stored) or none (refused: the bot sends it again); never another.
 */
function rejoinAnswerProblem(open: Rejoin["open"], fates: readonly (Fate | null)[]): string | null {
  if (!open || open.answer === open.sent) {
    if (open && open.answer !== null && !counted(fates[open.index])) {
      return `reconnect welcome showed its answer to question ${open.index}, which was not stored`;
    }
    return null;
  }
  if (open.answer === null && open.sent !== null && !open.acked) return null;
  const expected = open.acked || open.sent === null ? JSON.stringify(open.sent) : `${open.sent} or null`;
  return `reconnect welcome answer to question ${open.index} ${JSON.stringify(open.answer)}, expected ${expected}`;
}

/** Each reveal the same for every receiver, and equal to the answers of the game's bots that counted. */
function checkReveals(
  g: number,
  host: HostRecord,
  bots: BotLedger[],
  fates: ReadonlyMap<BotLedger, readonly (Fate | null)[]>,
  views: RevealView[][],
  plan: RunRecord["plan"],
  ghosts: number,
): string[] {
  const problems: string[] = [];
  plan.choices.forEach((choices, q) => {
    const acked = new Array<number>(choices).fill(0);
    let ackedCorrect = 0;
    let seen = 0;
    for (const b of bots) {
      const a = b.answers[q];
      if (a && counted(fates.get(b)?.[q])) {
        acked[a.choice] = (acked[a.choice] ?? 0) + 1;
        if (a.correct) ackedCorrect++;
      }
      if (b.reveals[q]) seen++;
    }
    const figures = new Set<string>();
    for (const proc of views) {
      const view = proc[q];
      if (!view) continue;
      if (view.revealDiffers) problems.push(`game ${g} q${q}: bots saw different reveal figures`);
      if (view.reveal) figures.add(JSON.stringify(view.reveal));
    }
    const hr = host.reveals[q];
    if (!hr) {
      problems.push(`game ${g} q${q}: the host got no reveal`);
      return;
    }
    figures.add(JSON.stringify({ counts: hr.counts, answered: hr.answered, correctCount: hr.correctCount }));
    const sum = acked.reduce((a, b) => a + b, 0);
    if (figures.size !== 1) problems.push(`game ${g} q${q}: reveal figures differ between receivers`);
    if (JSON.stringify(hr.counts) !== JSON.stringify(acked)) {
      problems.push(
        `game ${g} q${q}: reveal counts ${JSON.stringify(hr.counts)}, bots' acked answers ${JSON.stringify(acked)}`,
      );
    }
    if (hr.answered !== sum) problems.push(`game ${g} q${q}: reveal answered ${hr.answered}, acked ${sum}`);
    if (hr.correctCount !== ackedCorrect) {
      problems.push(`game ${g} q${q}: reveal correct ${hr.correctCount}, acked right ${ackedCorrect}`);
    }
    if (hr.playerCount !== plan.players + ghosts) {
      problems.push(`game ${g} q${q}: reveal playerCount ${hr.playerCount}, expected ${plan.players + ghosts}`);
    }
    if (seen !== plan.players)
      problems.push(`game ${g} q${q}: ${seen} of ${plan.players} players accounted for the reveal`);
  });
  return problems;
}

/**
 * The final leaderboard against the bots' own sums of their revealed points. `ghosts` are the names of joins stored
 * with their reply lost: players who never connected, at 0 points.
 */
function checkLeaderboard(
  g: number,
  host: HostRecord,
  bots: BotLedger[],
  scores: Map<string, number>,
  players: number,
  ghosts: readonly string[],
): string[] {
  const over = host.gameOver;
  if (!over) return [];
  const problems: string[] = [];
  const expected = players + ghosts.length;
  if (over.playerCount !== expected)
    problems.push(`game ${g}: gameOver playerCount ${over.playerCount}, expected ${expected}`);
  for (const e of over.leaderboard) {
    const own = scores.get(e.playerId) ?? (ghosts.includes(e.name) ? 0 : undefined);
    if (own !== e.score) problems.push(`game ${g}: leaderboard ${e.name} ${e.score}, sum of its reveals ${own}`);
  }
  const best = Math.max(0, ...bots.map((b) => scores.get(b.playerId) ?? 0));
  if ((over.leaderboard[0]?.score ?? 0) !== best) {
    problems.push(`game ${g}: top score ${over.leaderboard[0]?.score}, best bot ${best}`);
  }
  return problems;
}

/**
 * What the game's object stored: a player row per bot (and per join stored with its reply lost), an answer row per
 * counted answer, the points revealed.
 */
function checkStored(
  g: number,
  code: string,
  bots: BotLedger[],
  fates: ReadonlyMap<BotLedger, readonly (Fate | null)[]>,
  scores: Map<string, number>,
  stored: StoredGame[],
  plan: RunRecord["plan"],
): string[] {
  const st = stored.find((x) => x.code === code);
  if (!st) return [`game ${g}: no stored game ${code} found`];
  const problems: string[] = [];
  const names = [...bots.map((b) => b.name), ...bots.flatMap((b) => b.lostJoins)];
  if (st.players !== names.length) problems.push(`game ${g}: ${st.players} player rows, expected ${names.length}`);
  const storedNames = new Set(st.playerNames);
  const unstored = names.filter((n) => !storedNames.has(n));
  if (unstored.length) problems.push(`game ${g}: no player row named ${firstFew(unstored)}`);
  let countedTotal = 0;
  plan.choices.forEach((_, q) => {
    let n = 0;
    for (const b of bots) if (counted(fates.get(b)?.[q])) n++;
    countedTotal += n;
    const rows = st.answersByQuestion[q] ?? 0;
    if (rows !== n) problems.push(`game ${g} q${q}: ${rows} answer rows stored, ${n} acked`);
  });
  if (st.answers !== countedTotal) problems.push(`game ${g}: ${st.answers} answer rows, ${countedTotal} acked`);
  const wrong: string[] = [];
  for (const b of bots) {
    const own = scores.get(b.playerId);
    if (own === undefined) continue;
    const points = st.pointsByPlayer.get(b.playerId) ?? 0;
    if (points !== own) wrong.push(`${b.name} stored ${points}, revealed ${own}`);
  }
  if (wrong.length) {
    problems.push(
      `game ${g}: ${wrong.length} players' stored points differ from the sum of their reveals (${firstFew(wrong)})`,
    );
  }
  return problems;
}

const firstFew = (items: string[]) => items.slice(0, NAMED_IN_DETAIL).join(", ");
