/**
 * Routing in a big game (docs/scaling.md): how many shards a game has (asked of its coordinator once per worker
 * isolate, then remembered: it never changes), and which object a join or a player's socket goes to. A single-object
 * game routes exactly as before.
 */
import type { GameRoom } from "./game/room";
import { PLAYER_ID_PATTERN, shardObjectName, shardOf } from "./game/shard-key";
import { gameRoom } from "./http";

/**
 * Shards per game code, as the coordinator said, for a few minutes (a code is free again once its game expired, and
 * its next game may be spread differently). Bounded: the oldest entries go first.
 */
const known = new Map<string, { shards: number; until: number }>();
const KNOWN_MAX = 10_000;
const KNOWN_MS = 5 * 60_000;

/** How many shards the game has (1: a single object); null when there is no game with that code. */
export async function shardCount(env: Env, code: string): Promise<number | null> {
  const cached = known.get(code);
  if (cached && cached.until > Date.now()) return cached.shards;
  const topology = await gameRoom(env, code).topology();
  known.delete(code);
  if (!topology) return null;
  if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value as string);
  known.set(code, { shards: topology.shards, until: Date.now() + KNOWN_MS });
  return topology.shards;
}

export function shardRoom(env: Env, code: string, index: number): DurableObjectStub<GameRoom> {
  return env.GAME.get(env.GAME.idFromName(shardObjectName(code, index)));
}

/** The object a socket goes to: a player's shard when the URL names the player (`?player=`), else the game's own. */
export async function socketRoom(env: Env, code: string, url: URL): Promise<DurableObjectStub<GameRoom>> {
  const room = gameRoom(env, code);
  const player = url.searchParams.get("player");
  if (!player || !PLAYER_ID_PATTERN.test(player)) return room;
  const count = await shardCount(env, code);
  return count !== null && count > 1 ? shardRoom(env, code, shardOf(player, count)) : room;
}
