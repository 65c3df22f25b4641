/**
 * The run's correctness, judged after the run from plain data: what each bot sent, had acknowledged and was told
 * (its ledger), what the bot processes saw of each reveal, what each host saw, and what the server stored. No I/O,
 * no clock: the same records always give the same verdict, so every check has unit tests of its own
 * (test/unit/bench-checks.test.ts), and other ways of running the bench (a restarted server, shards, delayed
 * players) only have to produce the same records.
 *
 * The scoring rule is written here from docs/protocol.md, not imported from the worker, so that a bug in the
 * server's arithmetic shows up as a mismatch instead of being reproduced on both sides.
 */

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

/** What one bot sent for one question, and what came back for it. */
export interface SentAnswer {
  /** Position of the chosen choice, in the order the server sent the choices. */
  choice: number;
  correct: boolean;
  /** How many `answered` messages came back for it (exactly one is right). */
  acks: number;
  /** The `elapsedMs` of the first acknowledgement; null before it. */
  elapsedMs: number | null;
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
  /** When the bot came back into a question it had already seen open: the answer the snapshot shows, and the choice the bot had acknowledged (null: none). */
  open: { index: number; answer: number | number[] | string | null; acked: number | null } | null;
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
  /** Per question: the host's reveal, if it came. */
  reveals: readonly ((RevealFigures & { playerCount: number }) | undefined)[];
  gameOver: { playerCount: number; leaderboard: readonly { playerId: string; name: string; score: number }[] } | null;
}

/** What the server stored for one game (read from its SQLite file after the run). */
export interface StoredGame {
  code: string;
  /** Player rows. */
  players: number;
  /** Answer rows. */
  answers: number;
  answersByQuestion: Record<number, number>;
  /** Sum of stored answer points, by player id. */
  pointsByPlayer: Map<string, number>;
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
  check(
    "every player joined",
    joined === total && Object.keys(errors.http).length === 0,
    `${total} expected; HTTP errors ${JSON.stringify(errors.http)}${missing.length ? `; not joined: ${named(missing)}` : ""}`,
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

  const verdicts = run.bots.map((b) => judgeBot(b, plan.questionMs));
  const ackProblems = verdicts.flatMap((v) => v.ackProblems);
  const sent = verdicts.reduce((n, v) => n + v.sent, 0);
  const acked = verdicts.reduce((n, v) => n + v.acked, 0);
  check(
    "every answer acknowledged exactly once",
    sent === acked && ackProblems.length === 0,
    `${sent} sent, ${acked} acked`,
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
  const scoreProblems: string[] = [];
  run.hosts.forEach((host, g) => {
    const bots = run.bots.filter((b) => b.game === g);
    const views = run.revealViews.map((proc) => proc[g] ?? []);
    revealProblems.push(...checkReveals(g, host, bots, views, plan));
    scoreProblems.push(...checkLeaderboard(g, host, bots, scores, plan.players));
    if (run.stored) scoreProblems.push(...checkStored(g, host.code, bots, scores, run.stored, plan));
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

  const all = [...run.streamProblems.kept, ...ackProblems, ...scoringProblems, ...revealProblems, ...scoreProblems];
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

/**
 * Replays one bot's game in question order: each reveal's `you` against the published scoring applied to the bot's
 * own acknowledged answer, each reconnect's snapshot against the points so far, and the final score against the sum.
 */
function judgeBot(bot: BotLedger, questionMs: number): BotVerdict {
  const tag = `game ${bot.game} ${bot.name}`;
  const verdict: BotVerdict = { sent: 0, acked: 0, ackProblems: [], scoringProblems: [], score: 0 };
  bot.answers.forEach((a, q) => {
    if (!a) return;
    verdict.sent++;
    if (a.acks > 0) verdict.acked++;
    if (a.acks === 0) verdict.ackProblems.push(`${tag}: answer to question ${q} was never acknowledged`);
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
      const answered = a !== null && a !== undefined && a.acks > 0;
      const correct = answered && a.correct;
      const expected = expectedPoints(correct, a?.elapsedMs ?? 0, questionMs, streak);
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
    const open = rejoin.open;
    if (open && open.answer !== open.acked) {
      verdict.scoringProblems.push(
        `${tag}: reconnect welcome answer to question ${open.index} ${JSON.stringify(open.answer)}, expected ${open.acked}`,
      );
    }
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

/** Each reveal the same for every receiver, and equal to the answers the game's bots had acknowledged. */
function checkReveals(
  g: number,
  host: HostRecord,
  bots: BotLedger[],
  views: RevealView[][],
  plan: RunRecord["plan"],
): string[] {
  const problems: string[] = [];
  plan.choices.forEach((choices, q) => {
    const acked = new Array<number>(choices).fill(0);
    let ackedCorrect = 0;
    let seen = 0;
    for (const b of bots) {
      const a = b.answers[q];
      if (a && a.acks > 0) {
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
    if (hr.playerCount !== plan.players) {
      problems.push(`game ${g} q${q}: reveal playerCount ${hr.playerCount}, expected ${plan.players}`);
    }
    if (seen !== plan.players)
      problems.push(`game ${g} q${q}: ${seen} of ${plan.players} players accounted for the reveal`);
  });
  return problems;
}

/** The final leaderboard against the bots' own sums of their revealed points. */
function checkLeaderboard(
  g: number,
  host: HostRecord,
  bots: BotLedger[],
  scores: Map<string, number>,
  players: number,
): string[] {
  const over = host.gameOver;
  if (!over) return [];
  const problems: string[] = [];
  if (over.playerCount !== players)
    problems.push(`game ${g}: gameOver playerCount ${over.playerCount}, expected ${players}`);
  for (const e of over.leaderboard) {
    const own = scores.get(e.playerId);
    if (own !== e.score) problems.push(`game ${g}: leaderboard ${e.name} ${e.score}, sum of its reveals ${own}`);
  }
  const best = Math.max(0, ...bots.map((b) => scores.get(b.playerId) ?? 0));
  if ((over.leaderboard[0]?.score ?? 0) !== best) {
    problems.push(`game ${g}: top score ${over.leaderboard[0]?.score}, best bot ${best}`);
  }
  return problems;
}

/** What the game's object stored: one player row per bot, one answer row per acknowledged answer, the points revealed. */
function checkStored(
  g: number,
  code: string,
  bots: BotLedger[],
  scores: Map<string, number>,
  stored: StoredGame[],
  plan: RunRecord["plan"],
): string[] {
  const st = stored.find((x) => x.code === code);
  if (!st) return [`game ${g}: no stored game ${code} found`];
  const problems: string[] = [];
  if (st.players !== plan.players) problems.push(`game ${g}: ${st.players} player rows, expected ${plan.players}`);
  let ackedTotal = 0;
  plan.choices.forEach((_, q) => {
    let n = 0;
    for (const b of bots) if ((b.answers[q]?.acks ?? 0) > 0) n++;
    ackedTotal += n;
    const rows = st.answersByQuestion[q] ?? 0;
    if (rows !== n) problems.push(`game ${g} q${q}: ${rows} answer rows stored, ${n} acked`);
  });
  if (st.answers !== ackedTotal) problems.push(`game ${g}: ${st.answers} answer rows, ${ackedTotal} acked`);
  const wrong: string[] = [];
  for (const b of bots) {
    const own = scores.get(b.playerId);
    if (own === undefined) continue;
    const points = st.pointsByPlayer.get(b.playerId) ?? 0;
    if (points !== own) wrong.push(`${b.name} stored ${points}, revealed ${own}`);
  }
  if (wrong.length) {
    problems.push(
      `game ${g}: ${wrong.length} players' stored points differ from the sum of their reveals (${wrong.slice(0, NAMED_IN_DETAIL).join(", ")})`,
    );
  }
  return problems;
}
