/**
 * The game's SQLite storage inside its Durable Object: the SQL schema and the few statements the room runs.
 *
 * One row per player and one row per answer, written as they happen; the game row is written once at creation and
 * its small `clock` column again on each phase change. Nothing rewrites the whole game per event. On wake the room
 * reads everything back with `load()` and the engine rebuilds its state from it.
 */
import type { StoredGame } from "./restore";
import type { Answer, GameBasics, GameClock, Player } from "./state";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS game (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  title TEXT,
  created_at INTEGER NOT NULL,
  settings TEXT NOT NULL,
  questions TEXT NOT NULL,
  host_hash TEXT NOT NULL,
  host_player_id TEXT,
  clock TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS players (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT,
  joined_at INTEGER NOT NULL,
  first_question INTEGER NOT NULL,
  -- 0 while playing; once kicked, 1 + the first question the player no longer took part in.
  kicked INTEGER NOT NULL DEFAULT 0
);
-- WITHOUT ROWID: the key is the only index, so an answer writes one row rather than a row plus an index entry.
CREATE TABLE IF NOT EXISTS answers (
  question INTEGER NOT NULL,
  player_id TEXT NOT NULL,
  choice TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  elapsed_ms INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (question, player_id)
) WITHOUT ROWID;
`;

export interface StoredCredentials {
  hostHash: string;
  /** Token hash by player id (the host's own player has none: it signs in with the host token). */
  playerHashes: Map<string, string>;
}

type Row = Record<string, SqlStorageValue>;

function answerFromRow(a: Row): Answer {
  return {
    index: Number(a.question),
    playerId: String(a.player_id),
    choice: JSON.parse(String(a.choice)),
    receivedAt: Number(a.received_at),
    elapsedMs: Number(a.elapsed_ms),
    correct: a.correct === 1,
    points: Number(a.points),
  };
}

export class GameStore {
  /**
   * Creates nothing: an object is asked about codes that have no game (lookups, results, sockets, a join with a
   * wrong code), and creating tables then would leave storage behind for every code anyone ever tried.
   */
  constructor(private readonly sql: SqlStorage) {}

  /** Creates the tables, when a game is created (again after an expired game deleted everything). */
  ensureSchema(): void {
    this.sql.exec(SCHEMA);
  }

  /** Whether this object holds a game's tables (a read: it writes nothing, and creates no database). */
  private hasTables(): boolean {
    return this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'game'").toArray().length > 0;
  }

  createGame(game: GameBasics & { hostHash: string }): void {
    this.sql.exec(
      "INSERT INTO game (id, code, title, created_at, settings, questions, host_hash, host_player_id, clock) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
      game.code,
      game.title ?? null,
      game.createdAt,
      JSON.stringify(game.settings),
      JSON.stringify(game.questions),
      game.hostHash,
      game.hostPlayerId,
      JSON.stringify(game.clock),
    );
  }

  saveClock(clock: GameClock): void {
    this.sql.exec("UPDATE game SET clock = ? WHERE id = 1", JSON.stringify(clock));
  }

  insertPlayer(player: Player, tokenHash: string | null): void {
    this.sql.exec(
      "INSERT INTO players (id, name, token_hash, joined_at, first_question, kicked) VALUES (?, ?, ?, ?, ?, 0)",
      player.id,
      player.name,
      tokenHash,
      player.joinedAt,
      player.firstQuestion,
    );
  }

  /** `fromQuestion` lets a rebuild replay the questions before the kick with the player still in them. */
  kickPlayer(playerId: string, fromQuestion: number): void {
    this.sql.exec("UPDATE players SET kicked = ? WHERE id = ?", fromQuestion + 1, playerId);
  }

  insertAnswer(a: Answer): void {
    this.sql.exec(
      "INSERT INTO answers (question, player_id, choice, received_at, elapsed_ms, correct, points) VALUES (?, ?, ?, ?, ?, ?, ?)",
      a.index,
      a.playerId,
      JSON.stringify(a.choice),
      a.receivedAt,
      a.elapsedMs,
      a.correct ? 1 : 0,
      a.points,
    );
  }

  /** Everything needed to rebuild the game, or null when this object holds no game. */
  load(): { game: StoredGame; credentials: StoredCredentials } | null {
    if (!this.hasTables()) return null;
    const row = this.sql.exec<Row>("SELECT * FROM game WHERE id = 1").toArray()[0];
    if (!row) return null;
    const playerHashes = new Map<string, string>();
    const players = this.sql
      .exec<Row>(
        "SELECT id, name, token_hash, joined_at, first_question, kicked FROM players ORDER BY joined_at, rowid",
      )
      .toArray()
      .map((p) => {
        if (typeof p.token_hash === "string") playerHashes.set(String(p.id), p.token_hash);
        return {
          id: String(p.id),
          name: String(p.name),
          joinedAt: Number(p.joined_at),
          firstQuestion: Number(p.first_question),
          kicked: Number(p.kicked) > 0,
          kickedFrom: Math.max(0, Number(p.kicked) - 1),
        };
      });
    const answers = this.sql
      .exec<Row>("SELECT * FROM answers ORDER BY question, received_at")
      .toArray()
      .map(answerFromRow);
    return {
      game: {
        code: String(row.code),
        title: typeof row.title === "string" ? row.title : undefined,
        createdAt: Number(row.created_at),
        settings: JSON.parse(String(row.settings)),
        questions: JSON.parse(String(row.questions)),
        hostPlayerId: typeof row.host_player_id === "string" ? row.host_player_id : null,
        clock: JSON.parse(String(row.clock)),
        players,
        answers,
      },
      credentials: { hostHash: String(row.host_hash), playerHashes },
    };
  }

  /** How many players still in the game answered each of the first `closed` questions, and how many were right. */
  questionStats(closed: number): Map<number, { answered: number; correctCount: number }> {
    const stats = new Map<number, { answered: number; correctCount: number }>();
    const rows = this.sql.exec<Row>(
      `SELECT a.question AS question, COUNT(*) AS answered, SUM(a.correct) AS correct
         FROM answers a JOIN players p ON p.id = a.player_id
        WHERE a.question < ? AND p.kicked = 0
        GROUP BY a.question`,
      closed,
    );
    for (const r of rows)
      stats.set(Number(r.question), { answered: Number(r.answered), correctCount: Number(r.correct) });
    return stats;
  }

  /** These players' answers to the first `closed` questions, by player and question (the open one's stay private). */
  answersOf(playerIds: readonly string[], closed: number): Map<string, Map<number, Answer>> {
    const out = new Map<string, Map<number, Answer>>();
    // SQLite in a Durable Object binds at most 100 parameters a statement.
    for (let i = 0; i < playerIds.length; i += 90) {
      const ids = playerIds.slice(i, i + 90);
      const rows = this.sql.exec<Row>(
        `SELECT * FROM answers WHERE question < ? AND player_id IN (${ids.map(() => "?").join(",")})`,
        closed,
        ...ids,
      );
      for (const row of rows) {
        const a = answerFromRow(row);
        const own = out.get(a.playerId) ?? new Map<number, Answer>();
        out.set(a.playerId, own);
        own.set(a.index, a);
      }
    }
    return out;
  }
}
