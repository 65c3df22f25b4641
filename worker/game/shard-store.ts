/**
 * What the objects of a big game (docs/scaling.md) keep besides a game's own tables (store.ts): the merged reveals
 * and the game-over message (coordinator and shards: so a rebuilt object shows the game's ranks, not its own), and
 * devices the host banned anywhere in the game.
 * Created only in the objects of sharded games, when the game is created there.
 */
import type { GameOverPayload } from "../protocol/values";
import type { MergedRound } from "./merge";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sharded_rounds (question INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sharded_over (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS banned_devices (device TEXT PRIMARY KEY) WITHOUT ROWID;
`;

type Row = Record<string, SqlStorageValue>;

export class ShardStore {
  constructor(private readonly sql: SqlStorage) {}

  ensureSchema(): void {
    this.sql.exec(SCHEMA);
  }

  private has(): boolean {
    return (
      this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sharded_rounds'").toArray().length > 0
    );
  }

  saveRound(round: MergedRound): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO sharded_rounds (question, body) VALUES (?, ?)",
      round.index,
      JSON.stringify(round),
    );
  }

  saveGameOver(over: GameOverPayload): void {
    this.sql.exec("INSERT OR REPLACE INTO sharded_over (id, body) VALUES (1, ?)", JSON.stringify(over));
  }

  /** The last two merged reveals (what a rebuild needs for ranks and previous ranks) and the game-over message. */
  load(): { rounds: Map<number, MergedRound>; gameOver: GameOverPayload | null } {
    const rounds = new Map<number, MergedRound>();
    if (!this.has()) return { rounds, gameOver: null };
    for (const r of this.sql.exec<Row>("SELECT body FROM sharded_rounds ORDER BY question DESC LIMIT 2")) {
      const round = JSON.parse(String(r.body)) as MergedRound;
      rounds.set(round.index, round);
    }
    const over = this.sql.exec<Row>("SELECT body FROM sharded_over").toArray()[0];
    return { rounds, gameOver: over ? (JSON.parse(String(over.body)) as GameOverPayload) : null };
  }

  bannedDevices(): string[] {
    if (!this.has()) return [];
    return this.sql
      .exec<Row>("SELECT device FROM banned_devices")
      .toArray()
      .map((r) => String(r.device));
  }

  banDevice(device: string): void {
    this.sql.exec("INSERT OR IGNORE INTO banned_devices (device) VALUES (?)", device);
  }
}
