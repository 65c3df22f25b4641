/**
 * The bench's correctness checks, on hand-made runs: one game of three players and two 20-second questions whose
 * figures are worked out here by hand from docs/protocol.md's scoring, then broken one fact at a time.
 */
import { describe, expect, it } from "vitest";
import { type BotLedger, checkRun, expectedPoints, type RunRecord, type StoredAnswer } from "../../bench/checks";

const CHECKS = [
  "bot processes ran to the end",
  "every player joined",
  "every host saw its game to the end",
  "every player got gameOver",
  "every answer acknowledged exactly once",
  "no server errors, no unexpected closes",
  "every bot's reveals, scores and final score match its own answers",
  "every reveal's counts equal the answers the bots had acknowledged",
  "leaderboards and stored answers match the bots' own sums",
];

/** When the two questions opened (server epoch ms, the bots' clock too). */
const OPENED = [1_000_000, 1_030_000];

/** An answer sent `elapsedMs` into question `q` and acknowledged 2 ms later. */
const acked = (q: number, choice: number, correct: boolean, elapsedMs: number) => ({
  choice,
  correct,
  acks: 1,
  elapsedMs,
  sentAt: [(OPENED[q] ?? 0) + elapsedMs],
  ackedAt: (OPENED[q] ?? 0) + elapsedMs + 2,
});

/** A ledger's parts that only a chaos run fills in. */
const calm = () => ({ joins: [], lostJoins: [], cutOffs: [], missed: [], incidents: [] });

/** The answer rows a server that stored every acknowledged answer holds, with the points its reveals gave. */
function rowsOf(bots: BotLedger[]): StoredAnswer[] {
  return bots.flatMap((b) =>
    b.answers.flatMap((a, q) => {
      const reveal = b.reveals[q];
      if (!a || a.acks === 0 || a.elapsedMs === null) return [];
      const points = reveal && reveal !== "away" ? (reveal.you?.points ?? 0) : 0;
      const receivedAt = (OPENED[q] ?? 0) + a.elapsedMs;
      return [{ question: q, playerId: b.playerId, choice: a.choice, receivedAt, elapsedMs: a.elapsedMs, points }];
    }),
  );
}

/**
 * Question 0's correct choice is at position 2, question 1's at 0.
 * - bot 0-0: right at 300 ms (1000, full-points window), right at 10 s (750 + streak bonus 100): 1850.
 * - bot 0-1: wrong, then no answer: 0.
 * - bot 0-2: right at 2 s (round(1000 × (1 − 0.1/2)) = 950), then wrong: 950.
 */
function consistentRun(): RunRecord {
  const you = (answered: boolean, correct: boolean, points: number, streak: number, score: number) => ({
    you: { answered, correct, points, streak, score },
  });
  const bots: BotLedger[] = [
    {
      game: 0,
      name: "bot 0-0",
      playerId: "p0",
      answers: [acked(0, 2, true, 300), acked(1, 0, true, 10_000)],
      reveals: [you(true, true, 1000, 1, 1000), you(true, true, 850, 2, 1850)],
      rejoins: [],
      finished: true,
      finalScore: 1850,
      ...calm(),
    },
    {
      game: 0,
      name: "bot 0-1",
      playerId: "p1",
      answers: [acked(0, 1, false, 1200), null],
      reveals: [you(true, false, 0, 0, 0), you(false, false, 0, 0, 0)],
      rejoins: [],
      finished: true,
      finalScore: 0,
      ...calm(),
    },
    {
      game: 0,
      name: "bot 0-2",
      playerId: "p2",
      answers: [acked(0, 2, true, 2000), acked(1, 3, false, 4000)],
      reveals: [you(true, true, 950, 1, 950), you(true, false, 0, 0, 950)],
      rejoins: [],
      finished: true,
      finalScore: 950,
      ...calm(),
    },
  ];
  const q0 = { counts: [0, 1, 2, 0], answered: 3, correctCount: 2 };
  const q1 = { counts: [1, 0, 0, 1], answered: 2, correctCount: 1 };
  return {
    plan: { players: 3, games: 1, procs: 1, choices: [4, 4], questionMs: 20_000 },
    fleet: { fatal: null, reported: 1, allDone: true },
    bots,
    revealViews: [
      [
        [
          { reveal: structuredClone(q0), revealDiffers: false },
          { reveal: structuredClone(q1), revealDiffers: false },
        ],
      ],
    ],
    streamProblems: { count: 0, kept: [] },
    hosts: [
      {
        code: "ABCDEF",
        reveals: [
          { ...structuredClone(q0), playerCount: 3, serverTime: (OPENED[0] ?? 0) + 4000 },
          { ...structuredClone(q1), playerCount: 3, serverTime: (OPENED[1] ?? 0) + 12_000 },
        ],
        gameOver: {
          playerCount: 3,
          leaderboard: [
            { playerId: "p0", name: "bot 0-0", score: 1850 },
            { playerId: "p2", name: "bot 0-2", score: 950 },
            { playerId: "p1", name: "bot 0-1", score: 0 },
          ],
        },
        opened: OPENED.map((startedAt) => ({ startedAt, deadline: startedAt + 20_000 })),
        welcomes: [(OPENED[0] ?? 0) - 5000],
        incidents: [],
      },
    ],
    hostFailures: [],
    errors: { server: {}, http: {}, closeCodes: {}, socket: {}, host: [] },
    stored: [
      {
        code: "ABCDEF",
        players: 3,
        playerNames: ["bot 0-0", "bot 0-1", "bot 0-2"],
        answers: 5,
        answersByQuestion: { 0: 3, 1: 2 },
        pointsByPlayer: new Map([
          ["p0", 1850],
          ["p1", 0],
          ["p2", 950],
        ]),
        answerRows: rowsOf(bots),
      },
    ],
    kills: [],
  };
}

const bot = (run: RunRecord, n: number) => run.bots[n] as BotLedger;

/** The names of the checks that failed, and every mismatch. */
function failures(run: RunRecord) {
  const result = checkRun(run);
  return {
    ok: result.ok,
    failed: result.checks.filter((c) => !c.ok).map((c) => c.name),
    detail: (name: string) => result.checks.find((c) => c.name === name)?.detail ?? "",
    mismatches: result.mismatches,
    mismatchCount: result.mismatchCount,
  };
}

describe("the bench's correctness checks", () => {
  it("pass a consistent run, every one of them", () => {
    const result = checkRun(consistentRun());
    expect(result.checks.map((c) => c.name)).toEqual(CHECKS);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, mismatchCount: 0, mismatches: [] });
    expect(result.checks.find((c) => c.name === CHECKS[4])?.detail).toBe("5 sent, 5 acked");
  });

  it("fail an answer that was never acknowledged, naming the bot and the question", () => {
    const run = consistentRun();
    const answer = bot(run, 2).answers[1];
    if (answer) Object.assign(answer, { acks: 0, elapsedMs: null, ackedAt: null });
    // What a server that lost the answer would then have revealed and stored.
    const host = run.hosts[0];
    if (host?.reveals[1]) Object.assign(host.reveals[1], { counts: [1, 0, 0, 0], answered: 1 });
    const views = run.revealViews[0]?.[0]?.[1];
    if (views) views.reveal = { counts: [1, 0, 0, 0], answered: 1, correctCount: 1 };
    Object.assign(bot(run, 2).reveals[1] ?? {}, {
      you: { answered: false, correct: false, points: 0, streak: 0, score: 950 },
    });
    const stored = run.stored?.[0];
    if (stored) {
      Object.assign(stored, { answers: 4, answersByQuestion: { 0: 3, 1: 1 } });
      stored.answerRows = stored.answerRows.filter((r) => !(r.playerId === "p2" && r.question === 1));
    }

    const f = failures(run);
    expect(f.failed).toEqual(["every answer acknowledged exactly once"]);
    expect(f.detail("every answer acknowledged exactly once")).toBe("5 sent, 4 acked");
    expect(f.mismatches).toEqual(["game 0 bot 0-2: answer to question 1 was never acknowledged"]);
  });

  it("fail an answer acknowledged twice, naming the bot and the question", () => {
    const run = consistentRun();
    const answer = bot(run, 0).answers[0];
    if (answer) answer.acks = 2;
    const f = failures(run);
    expect(f.failed).toEqual(["every answer acknowledged exactly once"]);
    expect(f.mismatches).toEqual(["game 0 bot 0-0: answer to question 0 acknowledged 2 times"]);
  });

  it("fail a reveal whose counts differ from the acknowledged answers, naming the game and the question", () => {
    const run = consistentRun();
    const reveal = run.hosts[0]?.reveals[0];
    if (reveal) reveal.counts = [0, 2, 1, 0];
    const f = failures(run);
    expect(f.failed).toEqual(["every reveal's counts equal the answers the bots had acknowledged"]);
    expect(f.mismatches).toEqual([
      "game 0 q0: reveal figures differ between receivers",
      "game 0 q0: reveal counts [0,2,1,0], bots' acked answers [0,1,2,0]",
    ]);
  });

  it("fail a reveal with the wrong answered, correct or player count, and one the bots saw differently", () => {
    const run = consistentRun();
    const reveal = run.hosts[0]?.reveals[1];
    if (reveal) Object.assign(reveal, { answered: 3, correctCount: 2, playerCount: 4 });
    const view = run.revealViews[0]?.[0]?.[1];
    if (view) view.revealDiffers = true;
    const f = failures(run);
    expect(f.failed).toEqual(["every reveal's counts equal the answers the bots had acknowledged"]);
    expect(f.mismatches).toEqual([
      "game 0 q1: bots saw different reveal figures",
      "game 0 q1: reveal figures differ between receivers",
      "game 0 q1: reveal answered 3, acked 2",
      "game 0 q1: reveal correct 2, acked right 1",
      "game 0 q1: reveal playerCount 4, expected 3",
    ]);
  });

  it("fail a reveal whose points are not the published scoring of the bot's own answer", () => {
    const run = consistentRun();
    // 10 s into a 20 s question with a streak of 2: 750 + 100; a server that forgot the streak bonus gives 750.
    Object.assign(bot(run, 0).reveals[1] ?? {}, {
      you: { answered: true, correct: true, points: 750, streak: 2, score: 1750 },
    });
    bot(run, 0).finalScore = 1750;
    const f = failures(run);
    expect(f.failed).toContain("every bot's reveals, scores and final score match its own answers");
    expect(f.mismatches[0]).toBe(
      'game 0 bot 0-0: reveal 1 says {"answered":true,"correct":true,"points":750,"streak":2,"score":1750}; expected answered=true points=850 streak=2 score=1850',
    );
  });

  it("fail a final score that is not the sum of the bot's revealed points", () => {
    const run = consistentRun();
    bot(run, 2).finalScore = 1900;
    const f = failures(run);
    expect(f.failed).toEqual(["every bot's reveals, scores and final score match its own answers"]);
    expect(f.detail("every bot's reveals, scores and final score match its own answers")).toBe("1 mismatches");
    expect(f.mismatches).toEqual(["game 0 bot 0-2: final score 1900, sum of revealed points 950"]);
  });

  it("fail a leaderboard score that is not the bot's own sum, naming the player", () => {
    const run = consistentRun();
    const entry = run.hosts[0]?.gameOver?.leaderboard[1];
    if (entry) Object.assign(entry, { score: 1950 });
    const f = failures(run);
    expect(f.failed).toEqual(["leaderboards and stored answers match the bots' own sums"]);
    expect(f.mismatches).toEqual(["game 0: leaderboard bot 0-2 1950, sum of its reveals 950"]);
  });

  it("fail a top score below the best bot's", () => {
    const run = consistentRun();
    const over = run.hosts[0]?.gameOver;
    if (over) over.leaderboard = over.leaderboard.slice(1);
    const f = failures(run);
    expect(f.failed).toEqual(["leaderboards and stored answers match the bots' own sums"]);
    expect(f.mismatches).toEqual(["game 0: top score 950, best bot 1850"]);
  });

  it("fail a stored answer row that is missing, naming the game, the question and the player whose points it held", () => {
    const run = consistentRun();
    const stored = run.stored?.[0];
    if (stored) {
      stored.answers = 4;
      stored.answersByQuestion = { 0: 3, 1: 1 };
      stored.pointsByPlayer.set("p0", 1000);
      stored.answerRows = stored.answerRows.filter((r) => !(r.playerId === "p0" && r.question === 1));
    }
    const f = failures(run);
    expect(f.failed).toEqual(["leaderboards and stored answers match the bots' own sums"]);
    expect(f.mismatches).toEqual([
      "game 0 bot 0-0: acknowledged answer to question 1 not stored",
      "game 0 q1: 1 answer rows stored, 2 acked",
      "game 0: 4 answer rows, 5 acked",
      "game 0: 1 players' stored points differ from the sum of their reveals (bot 0-0 stored 1000, revealed 1850)",
    ]);
  });

  it("fail a missing player row or a game that was never stored", () => {
    const run = consistentRun();
    if (run.stored?.[0]) run.stored[0].players = 2;
    expect(failures(run).mismatches).toEqual(["game 0: 2 player rows, expected 3"]);
    if (run.stored?.[0]) run.stored[0].code = "ZZZZZZ";
    expect(failures(run).mismatches).toEqual(["game 0: no stored game ABCDEF found"]);
  });

  it("check only the leaderboard when nothing stored could be read (an external server)", () => {
    const run = consistentRun();
    run.stored = null;
    const result = checkRun(run);
    expect(result.ok).toBe(true);
    expect(result.checks.at(-1)).toEqual({
      name: "leaderboards match the bots' own sums",
      ok: true,
      detail: "top-10 checked",
    });
  });

  it("settle a question missed while reconnecting from the bot's own answer, and check the snapshot's score", () => {
    const run = consistentRun();
    // bot 0-2 was away when question 1 closed: its wrong answer settles as 0 points, so the snapshot says 950.
    bot(run, 2).reveals[1] = "away";
    bot(run, 2).rejoins.push({ closedThrough: 1, score: 950, open: null });
    expect(failures(run).failed).toEqual([]);

    bot(run, 2).rejoins.push({ closedThrough: 0, score: 0, open: null });
    bot(run, 2).rejoins.push({ closedThrough: 1, score: null, open: null });
    bot(run, 1).rejoins.push({ closedThrough: 0, score: 0, open: { index: 1, answer: 3, sent: null, acked: false } });
    const f = failures(run);
    expect(f.failed).toEqual(["every bot's reveals, scores and final score match its own answers"]);
    expect(f.mismatches).toEqual([
      "game 0 bot 0-1: reconnect welcome answer to question 1 3, expected null",
      "game 0 bot 0-2: reconnect welcome score 0, sum of its points 950",
      'game 0 bot 0-2: reconnect welcome without "you"',
    ]);
  });

  it("fail a bot that saw too few reveals, or one without its own figures", () => {
    const run = consistentRun();
    bot(run, 1).reveals[1] = null;
    let f = failures(run);
    expect(f.failed).toEqual([
      "every bot's reveals, scores and final score match its own answers",
      "every reveal's counts equal the answers the bots had acknowledged",
    ]);
    expect(f.mismatches).toEqual([
      "game 0 bot 0-1: saw 1 reveals of 2",
      "game 0 q1: 2 of 3 players accounted for the reveal",
    ]);

    bot(run, 0).reveals[0] = { you: null };
    f = failures(run);
    expect(f.mismatches.slice(0, 3)).toEqual([
      'game 0 bot 0-0: reveal 0 without "you"',
      // Without question 0's 1000 points, question 1's score no longer adds up either.
      'game 0 bot 0-0: reveal 1 says {"answered":true,"correct":true,"points":850,"streak":2,"score":1850}; expected answered=true points=750 streak=1 score=750',
      "game 0 bot 0-0: final score 1850, sum of revealed points 850",
    ]);
  });

  it("fail players who never joined or never finished, naming them", () => {
    const run = consistentRun();
    bot(run, 1).playerId = "";
    bot(run, 2).finished = false;
    const f = failures(run);
    expect(f.failed).toContain("every player joined");
    expect(f.detail("every player joined")).toBe("3 expected; HTTP errors {}; not joined: game 0 bot 0-1");
    expect(f.detail("every player got gameOver")).toBe("2/3; not finished: game 0 bot 0-2");
  });

  it("fail a run whose bot processes or hosts did not get to the end", () => {
    const run = consistentRun();
    run.fleet = { fatal: "bot process 0 exited with code 1", reported: 0, allDone: false };
    run.hostFailures = ["game ABCDEF did not finish within 160 s"];
    const f = failures(run);
    expect(f.failed).toEqual(expect.arrayContaining([CHECKS[0], CHECKS[2], CHECKS[3]]));
    expect(f.detail(CHECKS[0] as string)).toBe("bot process 0 exited with code 1");
    expect(f.detail(CHECKS[2] as string)).toBe("game ABCDEF did not finish within 160 s");
  });

  it("fail on server errors and unexpected closes, and count problems seen in the message stream", () => {
    const run = consistentRun();
    run.errors.closeCodes = { 1006: 2 };
    run.streamProblems = { count: 60, kept: ["game 0 bot 0-1: got question 1, expected 0"] };
    const f = failures(run);
    expect(f.failed).toEqual([CHECKS[5], CHECKS[6]]);
    expect(f.detail(CHECKS[5] as string)).toBe('{"server":{},"closeCodes":{"1006":2},"socket":{},"host":[]}');
    expect(f.mismatchCount).toBe(60);
    expect(f.mismatches).toEqual(["game 0 bot 0-1: got question 1, expected 0"]);
  });
});

describe("the scoring the checks hold reveals to (docs/protocol.md)", () => {
  it("gives 1000 within the first 500 ms and 1000 × (1 − (t/T)/2) after, nothing for a wrong answer", () => {
    expect(expectedPoints(true, 500, 20_000, 0)).toEqual({ points: 1000, streak: 1 });
    expect(expectedPoints(true, 10_000, 20_000, 0)).toEqual({ points: 750, streak: 1 });
    expect(expectedPoints(true, 25_000, 20_000, 0)).toEqual({ points: 500, streak: 1 });
    expect(expectedPoints(false, 100, 20_000, 4)).toEqual({ points: 0, streak: 0 });
  });

  it("adds 100 per answer of a streak after the first, up to 500", () => {
    expect(expectedPoints(true, 0, 20_000, 1)).toEqual({ points: 1100, streak: 2 });
    expect(expectedPoints(true, 0, 20_000, 5)).toEqual({ points: 1500, streak: 6 });
    expect(expectedPoints(true, 0, 20_000, 9)).toEqual({ points: 1500, streak: 10 });
  });
});
