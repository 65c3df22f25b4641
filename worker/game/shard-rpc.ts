/**
 * What the coordinator and the shards of a big game (docs/scaling.md) say to each other over RPC, with the schemas
 * each side checks before acting on it: a call that does not fit is refused with a clear error and changes nothing
 * (no client can reach these calls, but a bug on one side must not corrupt the other).
 */
import { z } from "zod";
import type { PlayerListEntry, PlayerSummary, ResultsPlayer } from "../protocol/values";
import type { GameQuestion, GameSettings, Slot } from "./state";

const int = z.number().int();
const count = int.min(0);
const instant = z.number().finite();

export const SlotSchema: z.ZodType<Slot> = z
  .object({ index: count, readyAt: instant.nullable(), opensAt: instant, deadline: instant })
  .strict();

const entry = z.object({
  playerId: z.string(),
  name: z.string(),
  score: int,
  rank: int.min(1),
  previousRank: int.min(1).nullable(),
  streak: count,
});

export const MergedRoundSchema = z.object({
  index: count,
  reveal: z.object({ index: count, leaderboard: z.array(entry).optional() }).passthrough(),
  playersLeaderboard: z.array(entry).max(10),
  scores: z.array(z.tuple([int, int.min(1)])),
  scoredCount: count,
  activePlayers: count,
  shards: z.array(count),
  missing: z.array(count),
});

export const SummarySchema = z.object({
  shard: count,
  index: count,
  tally: z.union([
    z.object({ kind: z.literal("counts"), counts: z.array(count) }),
    z.object({
      kind: z.literal("typed"),
      entries: z.array(z.object({ key: z.string(), text: z.string(), count: int.min(1), correct: z.boolean() })),
    }),
    z.object({ kind: z.literal("steps"), steps: z.array(z.tuple([count, int.min(1)])) }),
  ]),
  answered: count,
  correctCount: count,
  playerCount: count,
  activePlayers: count,
  top: z.array(entry.extend({ joinedAt: instant, hidden: z.boolean() })).max(10),
  scores: z.array(z.tuple([int, int.min(1)])),
});

const newest = z.object({
  id: z.string(),
  name: z.string(),
  score: int,
  connected: z.boolean(),
  joinedAt: instant,
});

/** A shard's coalesced figures for the coordinator's host views and early close (at most 5 a second). */
export const ReportSchema = z.object({
  shard: count,
  index: int.min(-1),
  phase: z.enum(["lobby", "ready", "question", "reveal", "finished"]),
  players: count,
  connected: count,
  answered: count,
  /** Players of the open question still to answer (connected, or waited for after a rebuild). */
  waiting: count,
  /** The newest players, sent when the lobby changed (absent: unchanged since the last report). */
  newest: z.array(newest).max(400).optional(),
});
export type ShardReport = z.infer<typeof ReportSchema>;
export type NewestPlayer = PlayerSummary & { joinedAt: number };

/** The game's totals, the coordinator's answer to each report (players' lobby counts). */
export interface GameTotals {
  playerCount: number;
  connectedCount: number;
}

/** What a shard is created with: the coordinator's game as prepared (choices already shuffled), and its place. */
export interface ShardCreateInput {
  code: string;
  title?: string;
  createdAt: number;
  settings: GameSettings;
  questions: GameQuestion[];
  shard: { index: number; count: number };
}

export const PauseSchema = z.object({ index: count, at: instant, remainingMs: count }).strict();

export const ResumeSchema = z
  .object({
    index: count,
    deadline: instant.nullable(),
    startedAt: instant,
    opensAt: instant.nullable(),
    nextAt: instant.nullable(),
  })
  .strict();

export const ShardCommandSchema = z.discriminatedUnion("command", [
  z.object({ command: z.enum(["lock", "unlock"]) }).strict(),
  z.object({ command: z.literal("kick"), playerId: z.string().min(1).max(64) }).strict(),
]);

export type ShardCommandResult =
  | { ok: true; device?: string | null }
  | { ok: false; error: { code: string; message: string } };

export type ShardPlayer = PlayerListEntry & { joinedAt: number };

/** Per closed question: `[index, answered, correctCount]` (players still in the game). */
export type ShardStats = [index: number, answered: number, correctCount: number][];

/** One player's results row, with what the merge orders by. */
export interface ShardResultRow {
  player: ResultsPlayer;
  joinedAt: number;
}

/** A refusal of a call that does not fit its schema, saying where. */
export function rpcRefusal(error: z.ZodError): { ok: false; error: { code: "invalid_request"; message: string } } {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
  return { ok: false, error: { code: "invalid_request", message: `Not a valid call${where}: ${issue?.message}.` } };
}
