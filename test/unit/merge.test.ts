/**
 * The pure merge of a sharded game's reveal (worker/game/merge.ts, tally.ts `mergeTallies`): whatever way the players
 * are spread over the shards, the merged ranks, top 10 and counts are those of one object holding everyone.
 */
import { describe, expect, it } from "vitest";
import { mergeRound, mergeScores, rankTable, type ShardSummary, type TopEntry } from "../../worker/game/merge";
import { competitionRanks } from "../../worker/game/scoring";
import type { Answer, GameQuestion } from "../../worker/game/state";
import { mergeTallies, tallyFor } from "../../worker/game/tally";
import { seededRandom } from "./harness";

interface Someone {
  id: string;
  score: number;
  joinedAt: number;
}

const CHOICE: GameQuestion = {
  kind: "choice",
  text: "Pick",
  choices: ["a", "b", "c", "d"],
  correct: [2],
  accepted: [],
  durationMs: 20_000,
  double: false,
};

/** What a shard with these players would report (scores and top 10; the tally is checked apart). */
function summaryOf(shard: number, players: Someone[]): ShardSummary {
  const sorted = [...players].sort((a, b) => b.score - a.score || a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  const counts = new Map<number, number>();
  for (const p of players) counts.set(p.score, (counts.get(p.score) ?? 0) + 1);
  const top: TopEntry[] = sorted.slice(0, 10).map((p) => ({
    playerId: p.id,
    name: p.id,
    score: p.score,
    rank: 0,
    previousRank: null,
    streak: 0,
    joinedAt: p.joinedAt,
    hidden: p.id === "p3",
  }));
  return {
    shard,
    index: 0,
    tally: { kind: "counts", counts: [0, 0, players.length, 0] },
    answered: players.length,
    correctCount: players.length,
    playerCount: players.length,
    activePlayers: players.length,
    top,
    scores: [...counts].sort((a, b) => b[0] - a[0]),
  };
}

function everyone(n: number, random: () => number): Someone[] {
  // Scores from a small set, so ties are many (the case exact ranks are about).
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    score: Math.floor(random() * 12) * 250,
    joinedAt: 1000 + Math.floor(random() * 50),
  }));
}

describe("merging shard summaries", () => {
  it("ranks every player exactly as one object would, for any spread over any number of shards", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const players = everyone(1 + Math.floor(random() * 300), random);
      const shards = 1 + Math.floor(random() * 9);
      const parts = Array.from({ length: shards }, () => [] as Someone[]);
      for (const p of players) parts[Math.floor(random() * shards)]?.push(p);
      const merged = mergeRound(
        CHOICE,
        0,
        3,
        parts.map((part, k) => summaryOf(k, part)),
        shards,
      );
      // One object: sort everyone, competition ranks.
      const sorted = [...players].sort(
        (a, b) => b.score - a.score || a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1),
      );
      const ranks = competitionRanks(sorted.map((p) => p.score));
      const rank = rankTable(merged.scores);
      sorted.forEach((p, i) => {
        expect(rank(p.score)).toBe(ranks[i]);
      });
      expect(merged.reveal.leaderboard?.map((e) => [e.playerId, e.rank])).toEqual(
        sorted.slice(0, 10).map((p, i) => [p.id, ranks[i]]),
      );
      expect(merged.reveal.playerCount).toBe(players.length);
      expect(merged.scoredCount).toBe(players.filter((p) => p.score > 0).length);
      expect(merged.reveal.counts).toEqual([0, 0, players.length, 0]);
      expect(merged.missing).toEqual([]);
    }
  });

  it("ranks a score the list does not hold between its neighbours, and everyone first in an empty game", () => {
    const rank = rankTable([
      [900, 2],
      [500, 3],
      [0, 4],
    ]);
    expect([rank(1000), rank(900), rank(700), rank(500), rank(100), rank(0), rank(-1)]).toEqual([1, 1, 3, 3, 6, 6, 10]);
    expect(rankTable([])(0)).toBe(1);
    expect(
      mergeScores([
        [
          [5, 1],
          [1, 2],
        ],
        [
          [3, 1],
          [1, 1],
        ],
      ]),
    ).toEqual([
      [5, 1],
      [3, 1],
      [1, 3],
    ]);
  });

  it("names the shards that did not answer, and hides hidden names from players only", () => {
    const merged = mergeRound(CHOICE, 0, 1, [summaryOf(0, [{ id: "p3", score: 900, joinedAt: 1 }])], 3);
    expect(merged.shards).toEqual([0]);
    expect(merged.missing).toEqual([1, 2]);
    expect(merged.reveal.isLast).toBe(true);
    expect(merged.reveal.leaderboard?.[0]?.name).toBe("p3");
    expect(merged.playersLeaderboard[0]?.name).not.toBe("p3");
  });
});

describe("merging tallies", () => {
  const answer = (choice: Answer["choice"], correct = false): Answer => ({
    playerId: "x",
    index: 0,
    choice,
    receivedAt: 0,
    elapsedMs: 0,
    correct,
    points: 0,
  });

  function splitAndMerge(q: GameQuestion, answers: Answer[], shards: number) {
    const whole = tallyFor(q);
    const parts = Array.from({ length: shards }, () => tallyFor(q));
    answers.forEach((a, i) => {
      whole.add(a);
      parts[i % shards]?.add(a);
    });
    return {
      whole: whole.result(),
      merged: mergeTallies(
        q,
        parts.map((t) => t.raw()),
      ),
    };
  }

  it("adds up choice counts, multi sets and order placements", () => {
    const multi: GameQuestion = { ...CHOICE, kind: "multi", correct: [0, 2] };
    const { whole, merged } = splitAndMerge(
      multi,
      [answer([0, 2]), answer([1]), answer([0]), answer([3, 2]), answer([0, 1, 2])],
      3,
    );
    expect(merged).toEqual(whole);
    const order: GameQuestion = { ...CHOICE, kind: "order", correct: [2, 0, 1, 3] };
    const placed = splitAndMerge(order, [answer([2, 0, 1, 3]), answer([0, 1, 2, 3]), answer([2, 1, 0, 3])], 2);
    expect(placed.merged).toEqual(placed.whole);
  });

  it("finds a slider's median and bars over every shard's guesses", () => {
    const slider: GameQuestion = {
      ...CHOICE,
      kind: "slider",
      choices: [],
      correct: [],
      slider: { min: 0, max: 1000, step: 1, correct: 343, tolerance: 10 },
    };
    const random = seededRandom(7);
    const guesses = Array.from({ length: 101 }, () => answer(Math.floor(random() * 1001)));
    const { whole, merged } = splitAndMerge(slider, guesses, 4);
    expect(merged).toEqual(whole);
    expect(merged.histogram?.median).not.toBeNull();
  });

  it("counts typed answers by their normalised form across shards", () => {
    const typed: GameQuestion = { ...CHOICE, kind: "type", choices: [], correct: [], accepted: ["Lima"] };
    const words = ["Lima", "lima", " LIMA ", "Cusco", "cusco", "Quito", "Lima", "Bogotá", "bogota"];
    const { whole, merged } = splitAndMerge(
      typed,
      words.map((w) => answer(w, w.trim().toLowerCase() === "lima")),
      3,
    );
    const counted = (r: typeof whole) =>
      Object.fromEntries((r.typed ?? []).map((t) => [t.text.trim().toLowerCase(), t.count]));
    expect(counted(merged)).toEqual(counted(whole));
    expect(merged.typed?.[0]).toMatchObject({ count: 4, correct: true });
  });
});
