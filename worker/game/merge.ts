/**
 * A question's reveal over the shards of a big game (docs/scaling.md), pure: what a shard reports once it has settled
 * a question (`summarize`), how the coordinator adds the reports up (`mergeRound`), and how a shard ranks its players
 * from the merged scores (`rankTable`).
 *
 * Exact ranks without per-player lists: a player's competition rank is 1 + the number of players with a higher
 * score, so a sorted `(score, count)` list of everyone is all a shard needs to rank its own. Its length is the number
 * of distinct scores (at most the number of players, far fewer once scores bunch), and the top 10 of the whole game
 * is among the shards' own top 10s.
 */
import { HIDDEN_NAME, type LeaderboardEntry, LIMITS, type RevealPayload } from "../protocol/values";
import { correctAnswer } from "./engine";
import { activePlayers, byStanding, type GameQuestion, type GameState } from "./state";
import { mergeTallies, type RawTally, tallyFor } from "./tally";
import { leaderboardEntry } from "./views";

/** `[score, players with it]`, highest score first. */
export type ScoreCounts = [score: number, count: number][];

/** A shard's top entry: the leaderboard entry with what the merge orders and masks by. */
export interface TopEntry extends LeaderboardEntry {
  joinedAt: number;
  /** The host hid this name from the big screen. */
  hidden: boolean;
}

/** What a shard reports for a question it has settled. */
export interface ShardSummary {
  shard: number;
  index: number;
  tally: RawTally;
  answered: number;
  correctCount: number;
  /** Players who took part in the question (joined before its reveal). */
  playerCount: number;
  /** Every player still in the game on the shard (joined since included). */
  activePlayers: number;
  top: TopEntry[];
  scores: ScoreCounts;
}

/** What the coordinator makes of the summaries, and sends back to every shard. */
export interface MergedRound {
  index: number;
  /** The reveal as the host's screen gets it (top 10 with names as they are); `nextAt` is set by the coordinator. */
  reveal: RevealPayload;
  /** The top 10 as players get it: names the host hid as the placeholder. */
  playersLeaderboard: LeaderboardEntry[];
  scores: ScoreCounts;
  /** Players with more than 0 points (a newcomer's rank is this + 1). */
  scoredCount: number;
  activePlayers: number;
  /** Shards whose summaries are in it, and those that did not answer in time. */
  shards: number[];
  missing: number[];
}

function countScores(scores: Iterable<number>): ScoreCounts {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => b[0] - a[0]);
}

/** A shard's summary of question `index`, read from its state right after the engine's `settleQuestion`. */
export function summarize(state: GameState, shard: number, index: number): ShardSummary {
  const q = state.questions[index] as GameQuestion;
  const players = activePlayers(state).filter((p) => p.firstQuestion <= index);
  const tally = tallyFor(q);
  let correctCount = 0;
  for (const p of players) {
    const a = state.answers.get(p.id);
    if (a) tally.add(a);
    if (p.lastResult?.correct) correctCount++;
  }
  const top = [...players]
    .sort(byStanding)
    .slice(0, LIMITS.leaderboardSize)
    .map((p) => ({ ...leaderboardEntry(p), joinedAt: p.joinedAt, hidden: state.hiddenPlayers.has(p.id) }));
  return {
    shard,
    index,
    tally: tally.raw(),
    answered: state.answers.size,
    correctCount,
    playerCount: players.length,
    activePlayers: activePlayers(state).length,
    top,
    scores: countScores(players.map((p) => p.score)),
  };
}

/** Adds up sorted score lists into one, highest first. */
export function mergeScores(lists: readonly ScoreCounts[]): ScoreCounts {
  const counts = new Map<number, number>();
  for (const list of lists) for (const [s, n] of list) counts.set(s, (counts.get(s) ?? 0) + n);
  return [...counts].sort((a, b) => b[0] - a[0]);
}

/**
 * A player's competition rank from the merged scores: 1 + how many have a higher score. Built once per reveal
 * (O(distinct scores)); each lookup is a binary search, also for a score the list does not hold.
 */
export function rankTable(scores: ScoreCounts): (score: number) => number {
  const above: number[] = [];
  let seen = 0;
  for (const [, n] of scores) {
    above.push(seen);
    seen += n;
  }
  return (score) => {
    // The first entry whose score is not higher than `score`: everyone before it is above.
    let lo = 0;
    let hi = scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((scores[mid] as [number, number])[0] > score) lo = mid + 1;
      else hi = mid;
    }
    return 1 + (lo < scores.length ? (above[lo] as number) : seen);
  };
}

/** The same order as a single game's standings: score, then who joined first, then id. */
function byTopStanding(a: TopEntry, b: TopEntry): number {
  return b.score - a.score || a.joinedAt - b.joinedAt || (a.playerId < b.playerId ? -1 : 1);
}

/**
 * The reveal of question `index` from the summaries of the shards that answered (`expected`: every shard, to name
 * the missing ones). Equal, figure for figure, to what one object holding every player would have revealed.
 */
export function mergeRound(
  q: GameQuestion,
  index: number,
  questionCount: number,
  summaries: readonly ShardSummary[],
  expected: number,
): MergedRound {
  const scores = mergeScores(summaries.map((s) => s.scores));
  const rank = rankTable(scores);
  const top = summaries
    .flatMap((s) => s.top)
    .sort(byTopStanding)
    .slice(0, LIMITS.leaderboardSize);
  const leaderboard: LeaderboardEntry[] = top.map(({ joinedAt: _j, hidden: _h, ...e }) => ({
    ...e,
    rank: rank(e.score),
  }));
  const hidden = new Set(top.filter((e) => e.hidden).map((e) => e.playerId));
  const sum = (pick: (s: ShardSummary) => number) => summaries.reduce((n, s) => n + pick(s), 0);
  const shards = summaries.map((s) => s.shard).sort((a, b) => a - b);
  return {
    index,
    reveal: {
      index,
      total: questionCount,
      kind: q.kind,
      correct: correctAnswer(q),
      ...mergeTallies(
        q,
        summaries.map((s) => s.tally),
      ),
      answered: sum((s) => s.answered),
      correctCount: sum((s) => s.correctCount),
      ...(q.explanation ? { explanation: q.explanation } : {}),
      leaderboard,
      playerCount: sum((s) => s.playerCount),
      nextAt: null,
      isLast: index === questionCount - 1,
    },
    playersLeaderboard: leaderboard.map((e) => (hidden.has(e.playerId) ? { ...e, name: HIDDEN_NAME } : e)),
    scores,
    scoredCount: scores.reduce((n, [s, c]) => (s > 0 ? n + c : n), 0),
    activePlayers: sum((s) => s.activePlayers),
    shards,
    missing: Array.from({ length: expected }, (_, k) => k).filter((k) => !shards.includes(k)),
  };
}
