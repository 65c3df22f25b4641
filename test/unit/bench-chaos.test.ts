/**
 * `npm run bench -- --chaos N`, its pure parts: the kill schedule drawn from the seed (kill-plan.ts), and the
 * judgement of what each kill did (outages.ts and the checks that use it): answers and joins in flight at a kill,
 * connection failures a restart explains, players back in time but robbed of a question. Runs are made by hand,
 * on the clock of the fixtures below.
 */
import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { Chaos } from "../../bench/chaos";
import {
  type BotLedger,
  checkRun,
  type KillOutcome,
  type RunRecord,
  type SentAnswer,
  type StoredAnswer,
} from "../../bench/checks";
import type { BotFleet } from "../../bench/fleet";
import type { HostBot } from "../../bench/host";
import { describeKill, KILL_PHASES, killCapacity, landedOff, type PlannedKill, planKills } from "../../bench/kill-plan";
import { judgeAnswers, judgeJoins, lostToRestart, type Outage, recovery, sortIncidents } from "../../bench/outages";
import type { ServerUnderTest } from "../../bench/under-test";
import { epochNow } from "../../bench/workload";

const WORKLOAD = { players: 1000, questions: 5, answerWindowMs: 2000, hostWaitMs: 500 };

describe("the kill schedule", () => {
  it("is the same for the same seed and another for another seed", () => {
    expect(planKills(5, 7, WORKLOAD)).toEqual(planKills(5, 7, WORKLOAD));
    const plans = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(planKills(5, seed, WORKLOAD))));
    expect(plans.size).toBeGreaterThan(15);
  });

  it("covers every phase before any repeats, joins at most once, and gives each kill in the game a question of its own", () => {
    for (let seed = 0; seed < 300; seed++) {
      for (const count of [1, 2, 3, 4, 5, 6]) {
        const plan = planKills(count, seed, WORKLOAD);
        const phases = plan.map((k) => k.phase);
        expect(plan).toHaveLength(count);
        expect(new Set(phases).size).toBe(Math.min(count, KILL_PHASES.length));
        expect(phases.filter((p) => p === "join").length).toBeLessThanOrEqual(1);
        // In the order of the game: the join first, then by question, each question once.
        const questions = plan.flatMap((k) => (k.phase === "join" ? [] : [k.question]));
        expect(phases.indexOf("join")).toBeLessThanOrEqual(0);
        expect(questions).toEqual([...new Set(questions)].sort((a, b) => a - b));
        for (const k of plan) expect(within(k)).toBe(true);
      }
    }
  });

  it("always kills during the joins when there are more kills than questions", () => {
    for (let seed = 0; seed < 100; seed++) {
      const plan = planKills(2, seed, { ...WORKLOAD, questions: 1 });
      expect(plan.map((k) => k.phase)[0]).toBe("join");
      expect(plan[1]).toMatchObject({ question: 0 });
    }
  });

  it("holds one kill while players join and one per question, no more", () => {
    expect(killCapacity(5)).toBe(6);
    expect(planKills(0, 1, WORKLOAD)).toEqual([]);
    expect(() => planKills(7, 1, WORKLOAD)).toThrow(/7 kills do not fit 5 questions \(at most 6\)/);
  });

  it("says what each kill is, in words, and whether it landed where planned", () => {
    expect(describeKill({ phase: "join", joinedShare: 0.333 })).toBe("during joins, at 33 % joined");
    expect(describeKill({ phase: "question", question: 2, delayMs: 420 })).toBe(
      "mid-question 3, 420 ms after it opened",
    );
    expect(describeKill({ phase: "ack", question: 0, afterAcks: 27 })).toBe("question 1, right after ack 27");
    expect(describeKill({ phase: "reveal", question: 4, delayMs: 9 })).toBe("mid-reveal 5, 9 ms after it arrived");
    const hit = { joined: 1000, acked: 30 };
    expect(landedOff({ phase: "ack", question: 0, afterAcks: 27 }, { ...hit, phase: "question", question: 0 })).toBe(
      null,
    );
    expect(landedOff({ phase: "reveal", question: 1, delayMs: 9 }, { ...hit, phase: "question", question: 2 })).toBe(
      "came in question 3",
    );
    expect(landedOff({ phase: "join", joinedShare: 0.5 }, { ...hit, phase: "lobby", question: null })).toBe(
      "came in lobby, after the joins",
    );
  });
});

/** Whether a planned kill's moment lies where the plan promises: early in the answer window, the host's pause. */
function within(k: PlannedKill): boolean {
  switch (k.phase) {
    case "join":
      return k.joinedShare >= 0.2 && k.joinedShare <= 0.7;
    case "question":
      return k.delayMs >= 100 && k.delayMs <= 1000 && k.question < WORKLOAD.questions;
    case "ack":
      return k.afterAcks >= 1 && k.afterAcks <= 100;
    case "reveal":
      return k.delayMs >= 0 && k.delayMs <= 300;
  }
}

// A 20-second question 0 opens at T; the server is killed at KILL, listens again 300 ms later, and has everyone
// back 1.5 s after the kill.
const T = 5_000_000;
const KILL = T + 1000;
const OUTAGE: Outage = { at: KILL, upAt: KILL + 300, backAt: KILL + 1500 };

const sent = (choice: number, at: number[], ack?: { at: number; elapsedMs: number }): SentAnswer => ({
  choice,
  correct: choice === 0,
  acks: ack ? 1 : 0,
  elapsedMs: ack?.elapsedMs ?? null,
  sentAt: at,
  ackedAt: ack?.at ?? null,
});

const row = (playerId: string, choice: number, receivedAt: number, points = 0): StoredAnswer => ({
  question: 0,
  playerId,
  choice,
  receivedAt,
  elapsedMs: receivedAt - T,
  points,
});

function ledger(name: string, answer: SentAnswer | null, more: Partial<BotLedger> = {}): BotLedger {
  return {
    game: 0,
    name,
    playerId: name,
    answers: [answer],
    reveals: [null],
    rejoins: [],
    finished: true,
    finalScore: 0,
    joins: [],
    lostJoins: [],
    cutOffs: [{ kill: 0, backAt: KILL + 900 }],
    missed: [],
    incidents: [],
    ...more,
  };
}

describe("what was in flight at a kill", () => {
  it("calls an answer in flight kept when its row is there, refused when not, and counts one sent again", () => {
    const kept = judgeAnswers(ledger("a", sent(0, [KILL - 20])), new Map([[0, row("a", 0, KILL - 15)]]), [OUTAGE]);
    expect(kept.fates).toEqual(["kept"]);
    expect(kept.perKill[0]).toMatchObject({ inFlight: 1, kept: 1, keptAcked: 0, refused: 0 });
    expect([...kept.unexplained, ...kept.storage]).toEqual([]);

    const refused = judgeAnswers(ledger("b", sent(2, [KILL - 20])), new Map(), [OUTAGE]);
    expect(refused.fates).toEqual(["refused"]);
    expect(refused.perKill[0]).toMatchObject({ inFlight: 1, kept: 0, refused: 1, resentAcked: 0 });

    // Refused, then sent again after the reconnect and acknowledged: stored from the second send.
    const again = sent(1, [KILL - 20, KILL + 950], { at: KILL + 960, elapsedMs: 1955 });
    const resent = judgeAnswers(ledger("c", again), new Map([[0, row("c", 1, KILL + 955)]]), [OUTAGE]);
    expect(resent.fates).toEqual(["acked"]);
    expect(resent.perKill[0]).toMatchObject({ inFlight: 1, refused: 1, resentAcked: 1 });
    expect([...resent.unexplained, ...resent.storage]).toEqual([]);

    // The ack was on its way when the server died: kept, and acknowledged after the kill.
    const late = sent(0, [KILL - 5], { at: KILL + 1, elapsedMs: 996 });
    const lateAck = judgeAnswers(ledger("d", late), new Map([[0, row("d", 0, KILL - 4)]]), [OUTAGE]);
    expect(lateAck.perKill[0]).toMatchObject({ inFlight: 1, kept: 1, keptAcked: 1 });
  });

  it("counts an answer sent into a dead connection, and blames nothing on a kill that did not happen then", () => {
    const into = judgeAnswers(ledger("e", sent(3, [KILL + 2])), new Map(), [OUTAGE]);
    expect(into.perKill[0]).toMatchObject({ inFlight: 0, sentIntoOutage: 1 });
    expect(into.unexplained).toEqual([]);

    const lost = judgeAnswers(ledger("f", sent(3, [T + 100])), new Map(), []);
    expect(lost.unexplained).toEqual(["game 0 f: answer to question 0 was never acknowledged"]);
    const resentForNothing = sent(3, [T + 100, T + 200], { at: T + 210, elapsedMs: 200 });
    expect(
      judgeAnswers(ledger("g", resentForNothing), new Map([[0, row("g", 3, T + 200)]]), [OUTAGE]).unexplained,
    ).toEqual(["game 0 g: answer to question 0 sent again, with no kill to lose it"]);
  });

  it("holds every acknowledged answer to its row, and every row to an answer the bot sent", () => {
    const ackedAt = { at: T + 502, elapsedMs: 500 };
    const missing = judgeAnswers(ledger("h", sent(0, [T + 500], ackedAt)), new Map(), [OUTAGE]);
    expect(missing.storage).toEqual(["game 0 h: acknowledged answer to question 0 not stored"]);

    const moved = judgeAnswers(ledger("i", sent(0, [T + 500], ackedAt)), new Map([[0, row("i", 2, T + 700)]]), []);
    expect(moved.storage).toEqual([
      "game 0 i: answer to question 0 stored as 2, sent 0",
      "game 0 i: answer to question 0 stored at 700 ms, acknowledged at 500 ms",
    ]);

    const phantom = judgeAnswers(ledger("j", null), new Map([[0, row("j", 1, T + 300)]]), []);
    expect(phantom.storage).toEqual(["game 0 j: answer to question 0 stored, but the bot sent none"]);

    // Kept with a time at which the bot never sent it (after the kill): the row is not this answer's.
    const late = judgeAnswers(ledger("k", sent(0, [KILL - 20])), new Map([[0, row("k", 0, KILL + 400)]]), [OUTAGE]);
    expect(late.unexplained).toEqual([
      "game 0 k: answer to question 0 kept at kill 1 with a time the bot never sent it at",
    ]);

    // Sent again because the snapshot showed none, yet stored from before the kill: the snapshot lied.
    const twice = sent(0, [KILL - 20, KILL + 950]);
    expect(judgeAnswers(ledger("l", twice), new Map([[0, row("l", 0, KILL - 15)]]), [OUTAGE]).unexplained).toEqual([
      "game 0 l: answer to question 0 was stored before kill 1, but the reconnect snapshot showed none",
    ]);
  });

  it("tells a join stored with its reply lost from one the kill refused", () => {
    const tries = (second: string) => [
      { name: "m", at: KILL - 30, endedAt: KILL + 2, result: "ECONNRESET" },
      { name: "m", at: KILL + 400, endedAt: KILL + 401, result: "ECONNREFUSED" },
      { name: "m", at: KILL + 900, endedAt: KILL + 930, result: second },
    ];
    expect(judgeJoins(ledger("m", null, { joins: tries("409") }), [OUTAGE])).toEqual([
      { inFlight: 1, storedReplyLost: 1, notStored: 0 },
    ]);
    expect(judgeJoins(ledger("m", null, { joins: tries("201") }), [OUTAGE])).toEqual([
      { inFlight: 1, storedReplyLost: 0, notStored: 1 },
    ]);
  });
});

describe("connection failures and the way back", () => {
  it("counts what a restart explains for the kill until the client is back, and anything else as an error", () => {
    const client = {
      incidents: [
        { at: KILL + 1, kind: "close" as const, what: "1006" },
        { at: KILL + 500, kind: "socket" as const, what: "Unexpected server response: 429" },
        { at: KILL + 600, kind: "socket" as const, what: "Unexpected server response: 500" },
        { at: KILL + 2000, kind: "close" as const, what: "1006" },
        { at: T, kind: "close" as const, what: "1011" },
      ],
      backAt: () => KILL + 900,
    };
    const { perKill, errors } = sortIncidents([client], [OUTAGE]);
    expect(perKill).toEqual([{ "close 1006": 1, "socket Unexpected server response: 429": 1 }]);
    expect(errors.map((e) => `${e.kind} ${e.what}`)).toEqual([
      "socket Unexpected server response: 500",
      "close 1006",
      "close 1011",
    ]);
  });

  it("measures each player's and host's way back from the kill", () => {
    const bots = [200, 800, 1400].map((ms, i) => ledger(`n${i}`, null, { cutOffs: [{ kill: 0, backAt: KILL + ms }] }));
    bots.push(ledger("never", null, { cutOffs: [{ kill: 0, backAt: null }] }));
    const host = { code: "X", reveals: [], gameOver: null, opened: [], welcomes: [T - 100, KILL + 700], incidents: [] };
    const [back] = recovery(bots, [host], [OUTAGE]);
    expect(back).toMatchObject({ cutOff: 4, back: 3, hostsBackMs: [700] });
    expect(back?.reconnectMs).toMatchObject({ count: 3, p50: 800, max: 1400 });
  });

  it("finds players who were back before the deadline and still lost the question to the restart", () => {
    const host = {
      code: "X",
      reveals: [{ counts: [1, 0, 0, 0], answered: 1, correctCount: 1, playerCount: 3, serverTime: KILL + 700 }],
      gameOver: null,
      opened: [{ startedAt: T, deadline: T + 20_000 }],
      welcomes: [],
      incidents: [],
    };
    const missed = ledger("o", null, { missed: [0] });
    const refused = ledger("p", sent(1, [KILL - 10]));
    const answered = ledger("q", sent(0, [KILL + 650], { at: KILL + 655, elapsedMs: 1650 }));
    const lateBack = ledger("r", null, { missed: [0], cutOffs: [{ kill: 0, backAt: T + 25_000 }] });
    const fates = new Map<BotLedger, ("acked" | "kept" | "refused" | null)[]>([
      [missed, [null]],
      [refused, ["refused"]],
      [answered, ["acked"]],
      [lateBack, [null]],
    ]);
    expect(lostToRestart(0, host, [missed, refused, answered, lateBack], fates, [OUTAGE])).toEqual([
      "game 0 q0: closed before 2 players cut off by kill 1 got their answer in, though back before its deadline (o, p)",
    ]);
    // The same players in a question that was already closed when the server died lost nothing to it.
    const closedBefore = {
      ...host,
      reveals: [{ ...(host.reveals[0] as (typeof host.reveals)[0]), serverTime: KILL - 1 }],
    };
    expect(lostToRestart(0, closedBefore, [missed, refused], fates, [OUTAGE])).toEqual([]);
  });
});

describe("a chaos run's checks", () => {
  /**
   * Two players and a ghost: bot 0-0 answered right 300 ms in and was acknowledged; bot 0-1's join was stored while
   * its reply was lost (it joined again as "bot 0-1 again"), and its right answer 980 ms in was in flight at the kill
   * and kept (its row is there, no ack came). The question closed at its deadline.
   */
  function chaosRun(): RunRecord {
    const kill: KillOutcome = { ...OUTAGE, planned: "mid-question 1, 1000 ms after it opened", off: null };
    const you = (points: number) => ({ you: { answered: true, correct: true, points, streak: 1, score: points } });
    const first = ledger("bot 0-0", sent(0, [T + 300], { at: T + 302, elapsedMs: 300 }), {
      playerId: "p0",
      reveals: [you(1000)],
      finalScore: 1000,
    });
    const second = ledger("bot 0-1 again", sent(0, [KILL - 20]), {
      playerId: "p1",
      reveals: [you(976)],
      finalScore: 976,
      lostJoins: ["bot 0-1"],
      rejoins: [{ closedThrough: -1, score: 0, open: { index: 0, answer: 0, sent: 0, acked: false } }],
      incidents: [{ at: KILL + 1, kind: "close", what: "1006" }],
    });
    const figures = { counts: [2, 0, 0, 0], answered: 2, correctCount: 2 };
    return {
      plan: { players: 2, games: 1, procs: 1, choices: [4], questionMs: 20_000 },
      fleet: { fatal: null, reported: 1, allDone: true },
      bots: [first, second],
      revealViews: [[[{ reveal: { ...figures }, revealDiffers: false }]]],
      streamProblems: { count: 0, kept: [] },
      hosts: [
        {
          code: "ABCDEF",
          reveals: [{ ...figures, playerCount: 3, serverTime: T + 20_000 }],
          gameOver: {
            playerCount: 3,
            leaderboard: [
              { playerId: "p0", name: "bot 0-0", score: 1000 },
              { playerId: "p1", name: "bot 0-1 again", score: 976 },
              { playerId: "ghost", name: "bot 0-1", score: 0 },
            ],
          },
          opened: [{ startedAt: T, deadline: T + 20_000 }],
          welcomes: [T - 5000, KILL + 800],
          incidents: [],
        },
      ],
      hostFailures: [],
      errors: { server: {}, http: {}, closeCodes: {}, socket: {}, host: [] },
      stored: [
        {
          code: "ABCDEF",
          players: 3,
          playerNames: ["bot 0-0", "bot 0-1", "bot 0-1 again"],
          answers: 2,
          answersByQuestion: { 0: 2 },
          pointsByPlayer: new Map([
            ["p0", 1000],
            ["p1", 976],
          ]),
          answerRows: [row("p0", 0, T + 300, 1000), row("p1", 0, KILL - 20, 976)],
        },
      ],
      kills: [kill],
    };
  }

  it("pass a run where an answer was kept without its ack and a join was stored without its reply", () => {
    const result = checkRun(chaosRun());
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.map((c) => c.name).slice(-2)).toEqual([
      "every kill came as planned, and every player and host came back",
      "no player lost a question to a restart",
    ]);
    expect(result.checks.find((c) => c.name === "every answer acknowledged exactly once")?.detail).toBe(
      "2 sent, 1 acked; 1 in flight at a kill: 1 kept, 0 refused",
    );
    expect(result.checks.find((c) => c.name === "every player joined")?.detail).toMatch(
      /1 joins stored with their reply lost/,
    );
  });

  it("fail a kept answer the reveal does not count, or a ghost the storage lacks", () => {
    const run = chaosRun();
    // A server that stored the answer and left it out of the reveal (and of the player's score).
    const host = run.hosts[0];
    if (host?.reveals[0]) Object.assign(host.reveals[0], { counts: [1, 0, 0, 0], answered: 1, correctCount: 1 });
    expect(checkRun(run).mismatches).toContain("game 0 q0: reveal counts [1,0,0,0], bots' acked answers [2,0,0,0]");

    const ghostless = chaosRun();
    const stored = ghostless.stored?.[0];
    if (stored) Object.assign(stored, { players: 2, playerNames: ["bot 0-0", "bot 0-1 again"] });
    expect(checkRun(ghostless).mismatches).toEqual([
      "game 0: 2 player rows, expected 3",
      "game 0: no player row named bot 0-1",
    ]);
  });

  it("fail a kill that came off its plan or after which someone never came back", () => {
    const run = chaosRun();
    const [kill] = run.kills;
    if (kill) Object.assign(kill, { off: "came in reveal 1" });
    const next: KillOutcome = { at: T + 30_000, upAt: T + 30_300, backAt: null, planned: "mid-reveal 1", off: null };
    run.kills.push(next);
    const result = checkRun(run);
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([
      "kill 1 (mid-question 1, 1000 ms after it opened): came in reveal 1",
      "kill 2 (mid-reveal 1): not every player and host came back",
    ]);
  });
});

describe("a kill as the run goes", () => {
  /** A host as Chaos follows it: its game's phase, its welcomes, and events for each. */
  function fakeHost(over: boolean) {
    return Object.assign(new EventEmitter(), {
      phase: over ? "finished" : "reveal",
      index: 4,
      gameOver: over ? { leaderboard: [] } : null,
      welcomedAt: epochNow() - 5_000,
      questionReceivedAt: [] as number[],
      revealReceivedAt: [0, 0, 0, 0, epochNow() - 10],
    });
  }

  /** A run of fakes: `botsBack` says when the bots a kill cut off are back (the fleet's answer). */
  function chaosOver(plan: PlannedKill[], hosts: ReturnType<typeof fakeHost>[], botsBack: Promise<boolean>) {
    const fleet = Object.assign(new EventEmitter(), {
      timeline: [{ phase: "playing", at: 0 }],
      killed: () => botsBack,
    });
    const server = {
      kill: () => ({ at: epochNow(), pid: 100, restarted: Promise.resolve({ at: epochNow() + 1, pid: 101 }) }),
    };
    return new Chaos(plan, {
      server: server as unknown as ServerUnderTest,
      fleet: fleet as unknown as BotFleet,
      hosts: hosts as unknown as HostBot[],
      totalPlayers: 40,
      say: () => {},
    });
  }

  it("waits for the hosts whose game was still on, not for one already on its podium (many games at once)", async () => {
    const playing = fakeHost(false);
    const finished = fakeHost(true);
    const chaos = chaosOver([{ phase: "reveal", question: 4, delayMs: 0 }], [playing, finished], Promise.resolve(true));
    chaos.start();
    await vi.waitFor(() => expect(chaos.kills[0]?.newPid).toBe(101));
    // The game still in its last reveal has its host back; the finished game's host has nothing to come back to.
    playing.welcomedAt = epochNow() + 1;
    playing.emit("welcome");
    await vi.waitFor(() => expect(chaos.kills[0]?.backAt).not.toBeNull());
    await chaos.stop();
    expect(chaos.kills[0]).toMatchObject({ off: null, pid: 100, newPid: 101 });
  });

  it("holds the game's start until the players a kill during the joins cut off are back", async () => {
    const host = fakeHost(false);
    let botsBack = (_: boolean) => {};
    const chaos = chaosOver(
      [{ phase: "join", joinedShare: 0 }],
      [host],
      new Promise<boolean>((resolve) => {
        botsBack = resolve;
      }),
    );
    chaos.start();
    await vi.waitFor(() => expect(chaos.kills[0]?.newPid).toBe(101));
    host.welcomedAt = epochNow() + 1;
    host.emit("welcome");
    let settled = false;
    void chaos.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Every player has joined once, the host is back, but bots the kill cut off are still reconnecting.
    expect(settled).toBe(false);
    botsBack(true);
    await vi.waitFor(() => expect(settled).toBe(true));
    expect(chaos.kills[0]?.backAt).not.toBeNull();
    await chaos.stop();
  });
});
