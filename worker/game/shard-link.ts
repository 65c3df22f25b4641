/**
 * A shard's side of a big game (docs/scaling.md), as the room carries it out: the names this shard owns for the whole
 * game, joins that reserve their name at its owner shard first, and the coalesced reports to the coordinator (host
 * lobby and progress, early close), whose answer is the game's totals for the players' lobby.
 */
import type { LobbyPayload } from "../protocol/values";
import { LIMITS } from "../protocol/values";
import { isOffensive, nameKey, randomName } from "./names";
import type { GameRoom } from "./room";
import { shardOf } from "./shard-key";
import type { GameTotals, ShardReport } from "./shard-rpc";
import type { ShardStore } from "./shard-store";
import { activePlayers, connectedCount, type GameState, isConnected, playerCount } from "./state";

export interface ShardRoom {
  game(): GameState | null;
  coordinator(): DurableObjectStub<GameRoom>;
  shard(index: number): DurableObjectStub<GameRoom>;
  store: ShardStore;
  log(event: string, data?: Record<string, unknown>): void;
}

export type Reservation = { ok: true; name: string } | { ok: false; code: "name_taken"; message: string };

export class ShardSide {
  /** Look-alike keys of names this shard owns for the whole game, with the player holding each. */
  private readonly owned: Map<string, string>;
  private totals: GameTotals | null = null;
  private reporting: Promise<void> | null = null;
  private reportAgain = false;
  private reportQueued = false;
  private lobbyChanged = true;

  constructor(
    private readonly room: ShardRoom,
    readonly index: number,
    readonly count: number,
  ) {
    this.owned = room.store.ownedNames();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Names.

  /** Reserves a name's key for `playerId` at this shard, its owner: false when another player holds it. */
  reserve(key: string, playerId: string): boolean {
    const holder = this.owned.get(key);
    if (holder !== undefined && holder !== playerId) return false;
    if (holder === undefined) {
      this.owned.set(key, playerId);
      this.room.store.ownName(key, playerId);
    }
    return true;
  }

  /** Frees a name's key, if `playerId` holds it (a kick, or a join refused after the reservation). */
  release(key: string, playerId: string): void {
    if (this.owned.get(key) !== playerId) return;
    this.owned.delete(key);
    this.room.store.releaseName(key);
  }

  private async reserveAt(key: string, playerId: string): Promise<boolean> {
    const owner = shardOf(key, this.count);
    if (owner === this.index) return this.reserve(key, playerId);
    return this.room.shard(owner).reserveName(key, playerId);
  }

  async releaseAt(name: string, playerId: string): Promise<void> {
    const key = nameKey(name);
    const owner = shardOf(key, this.count);
    if (owner === this.index) this.release(key, playerId);
    else await this.room.shard(owner).releaseName(key, playerId);
  }

  /**
   * Reserves the joining player's name across the game before the engine admits it: the given name, or a random one
   * not taken anywhere. A name the nickname filter refuses is left to the engine, which says so, unreserved.
   */
  async reserveName(game: GameState, name: string | null, playerId: string): Promise<Reservation> {
    if (name !== null) {
      if (game.settings.nameFilter !== false && isOffensive(name)) return { ok: true, name };
      if (await this.reserveAt(nameKey(name), playerId)) return { ok: true, name };
      return { ok: false, code: "name_taken", message: `The name "${name}" is already taken in this game.` };
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const random = randomName(Math.random, (n) => game.nameKeys.has(nameKey(n)));
      if (await this.reserveAt(nameKey(random), playerId)) return { ok: true, name: random };
    }
    return { ok: false, code: "name_taken", message: "Could not find a free name; please choose one." };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reports to the coordinator.

  /** Players' lobby: the game's counts (the coordinator's last answer), this shard's newest names. */
  playersLobby(payload: LobbyPayload): LobbyPayload {
    if (!this.totals) return payload;
    return {
      ...payload,
      playerCount: Math.max(payload.playerCount, this.totals.playerCount),
      connectedCount: Math.max(payload.connectedCount, this.totals.connectedCount),
    };
  }

  /**
   * The coalescer says a view changed: report. Its lobby and progress updates of one flush make one call; one call
   * is in flight at a time, each with the newest figures.
   */
  report(lobby: boolean): void {
    if (lobby) this.lobbyChanged = true;
    if (this.reportQueued) return;
    this.reportQueued = true;
    queueMicrotask(() => {
      this.reportQueued = false;
      this.reportNow();
    });
  }

  private reportNow(): void {
    if (this.reporting) {
      this.reportAgain = true;
      return;
    }
    this.reporting = this.send().finally(() => {
      this.reporting = null;
      if (this.reportAgain) {
        this.reportAgain = false;
        this.reportNow();
      }
    });
  }

  private async send(): Promise<void> {
    const game = this.room.game();
    if (!game) return;
    const c = game.clock;
    const withNames = this.lobbyChanged;
    this.lobbyChanged = false;
    const report: ShardReport = {
      shard: this.index,
      index: c.index,
      phase: c.phase,
      players: playerCount(game),
      connected: connectedCount(game),
      answered: game.answers.size,
      waiting: c.phase === "question" ? game.waitingFor + (game.restoredWait?.size ?? 0) : 0,
      ...(withNames
        ? {
            // The host's lobby lists the game's newest 400: this shard's share of them, with room for an uneven
            // spread (ids hash evenly), rather than 400 names from every shard five times a second.
            newest: activePlayers(game)
              .slice(-Math.min(LIMITS.lobbyHostNames, Math.ceil(LIMITS.lobbyHostNames / this.count) + 20))
              .map((p) => ({
                id: p.id,
                name: p.name,
                score: p.score,
                connected: isConnected(game, p.id),
                joinedAt: p.joinedAt,
              })),
          }
        : {}),
    };
    try {
      const totals = await this.room.coordinator().shardReport(report);
      if ("playerCount" in totals) this.totals = totals;
    } catch (err) {
      if (withNames) this.lobbyChanged = true;
      this.room.log("report_failed", { shard: this.index, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
