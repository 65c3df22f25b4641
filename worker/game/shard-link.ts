/**
 * A shard's side of a big game (docs/scaling.md), as the room carries it out: the coalesced reports to the
 * coordinator (host lobby and progress, early close), whose answer is the game's totals for the players' lobby.
 */
import type { LobbyPayload } from "../protocol/values";
import { LIMITS } from "../protocol/values";
import type { GameRoom } from "./room";
import type { GameTotals, ShardReport } from "./shard-rpc";
import { activePlayers, connectedCount, type GameState, isConnected, playerCount } from "./state";

/** The longest a phone that came back between a question's close here and its reveal waits for the reveal. */
const REVEAL_WAIT_MS = 3000;

export interface ShardRoom {
  game(): GameState | null;
  coordinator(): DurableObjectStub<GameRoom>;
  log(event: string, data?: Record<string, unknown>): void;
}

export class ShardSide {
  private totals: GameTotals | null = null;
  private reporting: Promise<void> | null = null;
  private reportAgain = false;
  private reportQueued = false;
  private lobbyChanged = true;
  /** Sign-ins waiting for the reveal (the question is closed here and its figures are on their way). */
  private waiting: (() => void)[] = [];
  private waitTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly room: ShardRoom,
    readonly index: number,
    readonly count: number,
  ) {}

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
   * Runs `admit` once the reveal is here (`revealHere`), or after `REVEAL_WAIT_MS` whatever happens: a shard that
   * missed the reveal (it was rebuilding) must not keep a phone waiting.
   */
  afterReveal(admit: () => void): void {
    this.waiting.push(admit);
    this.waitTimer ??= setTimeout(() => this.revealHere(), REVEAL_WAIT_MS);
  }

  revealHere(): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    const waiting = this.waiting;
    this.waiting = [];
    for (const admit of waiting) admit();
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
