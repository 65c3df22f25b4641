/**
 * What each kill of `--chaos` did, judged after the run from plain data: the bots' ledgers, the hosts' records,
 * the rows the server stored and when each kill happened. No I/O, no clock (test/unit/bench-chaos.test.ts).
 *
 * The rules are what a client and the server can know. An acknowledged answer is a promise: it must be stored, with
 * the choice and time the ack gave. An answer that was in flight when the server died (sent, not yet acknowledged)
 * may have been stored or not: "kept" if its row is there, "refused" if not; a refused one the player sends again
 * while the question is still open is then acknowledged like any other. A join whose reply was lost may have been
 * stored too; the player finds its name taken on retrying and joins under another. Connection failures between a
 * kill and a player's return are what a restart costs its players, counted per kill; any other is an error. And a
 * restart must not cost anyone a question: a player cut off mid-question who came back before its deadline must
 * still get its answer in.
 */
import type { BotLedger, HostRecord, Incident, RunRecord, SentAnswer, StoredAnswer } from "./checks.ts";
import { type Summary, summarize } from "./stats.ts";

/** A kill as the judgement needs it (epoch ms): when workerd died, listened again, and had everyone back. */
export interface Outage {
  at: number;
  /** null: workerd never came back. */
  upAt: number | null;
  /** null: not every bot and host came back. */
  backAt: number | null;
}

/** What became of the answers that were in flight at one kill. */
export interface AnswersAtKill {
  /** Sent before the kill and not acknowledged by then. */
  inFlight: number;
  /** Of them, stored: their row is there (acknowledged after the kill, from the dying server's last writes, or not at all). */
  kept: number;
  /** Of the kept, those whose acknowledgement still arrived after the kill. */
  keptAcked: number;
  /** Of them, not stored: the restart lost them. */
  refused: number;
  /** Of the refused, sent again after the reconnect and acknowledged. */
  resentAcked: number;
  /** Sent after the kill on a connection that was already dead (never stored). */
  sentIntoOutage: number;
}

/** What became of the joins in flight at one kill. */
export interface JoinsAtKill {
  inFlight: number;
  /** Stored though the reply was lost: the retry found the name taken. */
  storedReplyLost: number;
  /** Not stored: the retry under the same name joined. */
  notStored: number;
}

/** Everything one kill did to the players. */
export interface KillEffects {
  /** Bots it cut off, and how many of them were welcomed back. */
  cutOff: number;
  back: number;
  /** Kill → each cut-off bot's first welcome after it, ms. */
  reconnectMs: Summary;
  /** Kill → each host's first welcome after it, ms (null: not back). */
  hostsBackMs: (number | null)[];
  answers: AnswersAtKill;
  joins: JoinsAtKill;
  /** The connection failures players went through before they were back, by kind ("close 1006": 1000). */
  incidents: Record<string, number>;
}

/** Connection failures that a server going away explains; anything else is an error even during a restart. */
const EXPECTED =
  /^(close (1005|1006)|socket (ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|Unexpected server response: 429)|http join: (ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up))$/;

/** Tolerance between the bots' clock readings and workerd's `Date.now()` (same machine), ms. */
const CLOCK_SLACK_MS = 50;

export const noAnswersAtKill = (): AnswersAtKill => ({
  inFlight: 0,
  kept: 0,
  keptAcked: 0,
  refused: 0,
  resentAcked: 0,
  sentIntoOutage: 0,
});

/** The end of a kill's outage for one client: its own return if known, else everyone's, else workerd's. */
const outageEnd = (o: Outage, back: number | null | undefined) => back ?? o.backAt ?? o.upAt ?? o.at;

/** The kill a moment falls in (between the kill and `end` of it), or -1. */
function outageAt(outages: readonly Outage[], at: number, end: (o: Outage, k: number) => number): number {
  return outages.findIndex((o, k) => o.at <= at && at <= end(o, k));
}

/** The kill that happened while a send was pending (from `sent` until `until`), or -1. */
const killDuring = (outages: readonly Outage[], sent: number, until: number) =>
  outages.findIndex((o) => sent <= o.at && o.at < until);

/** What became of one answer: acknowledged, stored without an acknowledgement, or not stored. */
export type Fate = "acked" | "kept" | "refused";

/**
 * One bot's answers against what was stored (`rows`: this player's stored answers, by question): each answer's
 * fate, what was in flight at each kill and what became of it, and every broken promise: answers neither
 * acknowledged nor in flight at a kill (`unexplained`), and acknowledged answers storage lacks or holds otherwise,
 * rows the bot never sent (`storage`).
 */
export function judgeAnswers(
  bot: BotLedger,
  rows: ReadonlyMap<number, StoredAnswer>,
  outages: readonly Outage[],
): { fates: (Fate | null)[]; perKill: AnswersAtKill[]; unexplained: string[]; storage: string[] } {
  const tag = `game ${bot.game} ${bot.name}`;
  const perKill = outages.map(noAnswersAtKill);
  const unexplained: string[] = [];
  const storage: string[] = [];
  const fates = bot.answers.map((a, q): Fate | null => {
    const row = rows.get(q);
    if (!a) {
      if (row) storage.push(`${tag}: answer to question ${q} stored, but the bot sent none`);
      return null;
    }
    const fate = a.acks > 0 ? "acked" : row ? "kept" : "refused";
    if (row && row.choice !== a.choice) {
      storage.push(`${tag}: answer to question ${q} stored as ${JSON.stringify(row.choice)}, sent ${a.choice}`);
    }
    if (fate === "acked" && !row) storage.push(`${tag}: acknowledged answer to question ${q} not stored`);
    if (fate === "acked" && row && row.elapsedMs !== a.elapsedMs) {
      storage.push(`${tag}: answer to question ${q} stored at ${row.elapsedMs} ms, acknowledged at ${a.elapsedMs} ms`);
    }
    judgeSends(a, q, fate, row, outages, perKill, (p) => unexplained.push(`${tag}: ${p}`));
    return fate;
  });
  return { fates, perKill, unexplained, storage };
}

/** Each time one answer went out: in flight at a kill (and what became of it), sent into an outage, or normal. */
function judgeSends(
  a: SentAnswer,
  q: number,
  fate: Fate,
  row: StoredAnswer | undefined,
  outages: readonly Outage[],
  perKill: AnswersAtKill[],
  problem: (text: string) => void,
): void {
  const last = a.sentAt.length - 1;
  a.sentAt.forEach((sent, j) => {
    const until = j < last ? (a.sentAt[j + 1] as number) : (a.ackedAt ?? Number.POSITIVE_INFINITY);
    const k = killDuring(outages, sent, until);
    const tally = perKill[k];
    if (k >= 0 && tally) {
      const kill = outages[k] as Outage;
      tally.inFlight++;
      if (j < last) {
        // The bot sends an answer again only when the reconnect snapshot showed none: it must not have been stored.
        tally.refused++;
        if (fate === "acked") tally.resentAcked++;
        if (row && row.receivedAt <= kill.at + CLOCK_SLACK_MS) {
          problem(`answer to question ${q} was stored before kill ${k + 1}, but the reconnect snapshot showed none`);
        }
      } else if (fate === "refused") {
        tally.refused++;
      } else {
        tally.kept++;
        if (fate === "acked") tally.keptAcked++;
        else if (row && (row.receivedAt < sent - CLOCK_SLACK_MS || row.receivedAt > kill.at + CLOCK_SLACK_MS)) {
          problem(`answer to question ${q} kept at kill ${k + 1} with a time the bot never sent it at`);
        }
      }
      return;
    }
    if (j === last && fate === "acked") return;
    const into = outageAt(outages, sent, (o) => outageEnd(o, null));
    const intoTally = perKill[into];
    if (intoTally) {
      intoTally.sentIntoOutage++;
      return;
    }
    problem(
      j < last
        ? `answer to question ${q} sent again, with no kill to lose it`
        : `answer to question ${q} was never acknowledged`,
    );
  });
}

/** Each bot's answers judged against storage and the kills (or, with nothing stored to read, against the acks). */
export interface AnswerVerdicts {
  fates: Map<BotLedger, (Fate | null)[]>;
  /** The stored rows of each bot's answers, by question (for the time of an answer kept without its ack). */
  rows: Map<BotLedger, Map<number, StoredAnswer>>;
  /** Answers that went out and were neither acknowledged nor in flight at a kill. */
  unexplained: string[];
  /** Acknowledged answers storage lacks or holds differently, rows no bot sent. */
  storage: string[];
  /** Per kill, what was in flight. */
  perKill: AnswersAtKill[];
}

export function judgeAllAnswers(run: RunRecord): AnswerVerdicts {
  const verdicts: AnswerVerdicts = {
    fates: new Map(),
    rows: new Map(),
    unexplained: [],
    storage: [],
    perKill: run.kills.map(() => noAnswersAtKill()),
  };
  // Each game's stored answers by player and question; null where nothing stored could be read.
  const rowsByGame = run.hosts.map((host) => {
    const stored = run.stored?.find((x) => x.code === host.code);
    if (!stored) return null;
    const byPlayer = new Map<string, Map<number, StoredAnswer>>();
    for (const row of stored.answerRows) {
      const own = byPlayer.get(row.playerId) ?? new Map<number, StoredAnswer>();
      own.set(row.question, row);
      byPlayer.set(row.playerId, own);
    }
    return byPlayer;
  });
  for (const bot of run.bots) {
    const byPlayer = rowsByGame[bot.game];
    if (!byPlayer) {
      // Nothing stored to read (an external server, or a game storage lacks): an answer counts once acknowledged.
      bot.answers.forEach((a, q) => {
        if (a && a.acks === 0) {
          verdicts.unexplained.push(`game ${bot.game} ${bot.name}: answer to question ${q} was never acknowledged`);
        }
      });
      verdicts.fates.set(
        bot,
        bot.answers.map((a) => (a ? (a.acks > 0 ? "acked" : "refused") : null)),
      );
      continue;
    }
    const rows = byPlayer.get(bot.playerId) ?? new Map<number, StoredAnswer>();
    const judged = judgeAnswers(bot, rows, run.kills);
    verdicts.fates.set(bot, judged.fates);
    verdicts.rows.set(bot, rows);
    verdicts.unexplained.push(...judged.unexplained);
    verdicts.storage.push(...judged.storage);
    judged.perKill.forEach((tally, k) => {
      const sum = verdicts.perKill[k];
      if (sum) for (const key of Object.keys(sum) as (keyof AnswersAtKill)[]) sum[key] += tally[key];
    });
  }
  return verdicts;
}

/** One bot's joins: which were in flight at a kill and whether they were stored; lost joins the storage lacks. */
export function judgeJoins(bot: BotLedger, outages: readonly Outage[]): JoinsAtKill[] {
  const perKill = outages.map(() => ({ inFlight: 0, storedReplyLost: 0, notStored: 0 }));
  bot.joins.forEach((attempt, i) => {
    if (/^\d+$/.test(attempt.result)) return;
    const tally = perKill[killDuring(outages, attempt.at, attempt.endedAt + 1)];
    if (!tally) return;
    tally.inFlight++;
    // The next try under the same name that got an answer says whether this one was stored.
    const answered = bot.joins.slice(i + 1).find((a) => a.name === attempt.name && /^\d+$/.test(a.result));
    if (answered?.result === "409") tally.storedReplyLost++;
    else if (answered?.result === "201") tally.notStored++;
  });
  return perKill;
}

/**
 * Connection failures sorted into what a kill explains (counted per kill, by kind) and errors: a failure counts
 * for a kill when it happened between the kill and the client's own return, and is of a kind a server going away
 * causes.
 */
export function sortIncidents(
  clients: readonly { incidents: readonly Incident[]; backAt: (kill: number) => number | null }[],
  outages: readonly Outage[],
): { perKill: Record<string, number>[]; errors: Incident[] } {
  const perKill = outages.map(() => ({}) as Record<string, number>);
  const errors: Incident[] = [];
  for (const client of clients) {
    for (const incident of client.incidents) {
      const key = `${incident.kind} ${incident.what}`;
      const k = outageAt(outages, incident.at, (o, kill) => outageEnd(o, client.backAt(kill)));
      const counts = perKill[k];
      if (counts && EXPECTED.test(key)) counts[key] = (counts[key] ?? 0) + 1;
      else errors.push(incident);
    }
  }
  return { perKill, errors };
}

/** The players the kill cut off, how many came back and how fast; the hosts' return. */
export function recovery(
  bots: readonly BotLedger[],
  hosts: readonly HostRecord[],
  outages: readonly Outage[],
): Pick<KillEffects, "cutOff" | "back" | "reconnectMs" | "hostsBackMs">[] {
  return outages.map((o, k) => {
    const cuts = bots.flatMap((b) => b.cutOffs.filter((c) => c.kill === k));
    const back = cuts.flatMap((c) => (c.backAt === null ? [] : [c.backAt - o.at]));
    return {
      cutOff: cuts.length,
      back: back.length,
      reconnectMs: summarize(back),
      hostsBackMs: hosts.map((h) => {
        const first = h.welcomes.find((w) => w > o.at);
        return first === undefined ? null : Math.round(first - o.at);
      }),
    };
  });
}

/**
 * Players who lost a question to a restart: cut off by a kill while the question was open, back before its
 * deadline, and still without their answer in (never sent because the question had closed, or lost in flight and
 * not taken again). The server must give a player cut off by a restart a fair chance to come back.
 */
export function lostToRestart(
  game: number,
  host: HostRecord,
  bots: readonly BotLedger[],
  fates: ReadonlyMap<BotLedger, readonly (Fate | null)[]>,
  outages: readonly Outage[],
): string[] {
  const problems: string[] = [];
  outages.forEach((o, k) => {
    const q = host.opened.findIndex(
      (open, i) => open !== undefined && open.startedAt <= o.at && (host.reveals[i]?.serverTime ?? Infinity) > o.at,
    );
    const deadline = host.opened[q]?.deadline;
    if (q < 0 || deadline === null || deadline === undefined) return;
    const lost: string[] = [];
    for (const bot of bots) {
      const cut = bot.cutOffs.find((c) => c.kill === k);
      if (!cut || cut.backAt === null || cut.backAt >= deadline) continue;
      if (bot.missed.includes(q) || fates.get(bot)?.[q] === "refused") lost.push(bot.name);
    }
    if (lost.length) {
      problems.push(
        `game ${game} q${q}: closed before ${lost.length} players cut off by kill ${k + 1} got their answer in, though back before its deadline (${lost.slice(0, 5).join(", ")})`,
      );
    }
  });
  return problems;
}

/** Everything each kill did to the players, for the report; `incidents` are the per-kill counts of sortIncidents. */
export function killEffects(run: RunRecord, incidents: readonly Record<string, number>[]): KillEffects[] {
  const answers = judgeAllAnswers(run).perKill;
  const joins = run.kills.map(() => ({ inFlight: 0, storedReplyLost: 0, notStored: 0 }));
  for (const bot of run.bots) {
    judgeJoins(bot, run.kills).forEach((t, k) => {
      const sum = joins[k];
      if (!sum) return;
      sum.inFlight += t.inFlight;
      sum.storedReplyLost += t.storedReplyLost;
      sum.notStored += t.notStored;
    });
  }
  return recovery(run.bots, run.hosts, run.kills).map((back, k) => ({
    ...back,
    answers: answers[k] ?? noAnswersAtKill(),
    joins: joins[k] ?? { inFlight: 0, storedReplyLost: 0, notStored: 0 },
    incidents: incidents[k] ?? {},
  }));
}
