/**
 * Where a player and a name live in a game spread over shards (docs/scaling.md): the shard a player id or a name's
 * look-alike key hashes to, and the name of each shard's Durable Object. Pure and tiny, so the worker can route a join
 * or a socket without asking anyone.
 */
import { newPlayerId } from "./tokens";

/** FNV-1a over the string's UTF-16 units: fast, stable everywhere, and spreads random ids evenly. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shard (0 … count − 1) that holds a player id, or owns a name's key. */
export function shardOf(key: string, count: number): number {
  return count > 1 ? fnv1a(key) % count : 0;
}

/**
 * A new player id that hashes to `shard` (of `count`): drawn until one does, about `count` draws (hashing 12
 * characters is cheap; 128 shards cost well under a millisecond).
 */
export function playerIdOn(shard: number, count: number): string {
  for (;;) {
    const id = newPlayerId();
    if (shardOf(id, count) === shard) return id;
  }
}

/** A shard picked at random, for a player who joins without a name. */
export function randomShard(count: number): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] as number) % count;
}

/** The Durable Object name of shard `index` of game `code` (the coordinator is named by the code alone). */
export function shardObjectName(code: string, index: number): string {
  return `${code}/shard/${index}`;
}

/** Players per shard when the host gives `expectedPlayers` but no `shards`. */
export const PLAYERS_PER_SHARD = 2000;
export const MAX_SHARDS = 128;

/** The number of shards a game gets: the host's `shards`, else one per 2,000 expected players (at least 1). */
export function shardsFor(body: { shards?: number; expectedPlayers?: number }): number {
  if (body.shards !== undefined) return body.shards;
  if (body.expectedPlayers === undefined) return 1;
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(body.expectedPlayers / PLAYERS_PER_SHARD)));
}

/** A player id as tokens carry it (tokens.ts): what a socket URL's `?player=` must look like to be routed. */
export const PLAYER_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
