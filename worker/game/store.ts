/**
 * The game's SQLite storage inside its Durable Object: the SQL schema and the few statements the room runs.
 *
 * One row per player and one row per answer, written as they happen; the game row is written once at creation and
 * its small `clock` column again on each phase change. Nothing rewrites the whole game per event. On wake the room
 * reads everything back with `load()` and the engine rebuilds its state from it.
 */
import type { StoredGame } from "./restore";
import type { Progress } from "./self-paced";
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
  kicked INTEGER NOT NULL DEFAULT 0,
  -- The device id the player joined with (a kick bans it); 1 when the host hid the name from the big screen.
  device TEXT,
  hidden INTEGER NOT NULL DEFAULT 0,
  -- Team games: the player's team (an index into TEAMS); NULL without teams.
  team INTEGER
);
-- Typed answers the host hid from the big screen: the question, the answer as matching normalises it, as shown.
CREATE TABLE IF NOT EXISTS hidden_answers (
  key TEXT PRIMARY KEY,
  question INTEGER NOT NULL,
  text TEXT NOT NULL
) WITHOUT ROWID;
-- Phones paired as the host's remote control: each with its own token (only its hash here); revoked ones stay, dead.
CREATE TABLE IF NOT EXISTS remotes (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  paired_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
-- The pairing code the host's screen shows (at most one at a time), by its hash; single use, short-lived.
CREATE TABLE IF NOT EXISTS pairings (
  code_hash TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
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
-- Self-paced assignments: where each player stands (self-paced.ts Progress), one row per player who started,
-- rewritten as they move on. Empty in a live game.
CREATE TABLE IF NOT EXISTS progress (
  player_id TEXT PRIMARY KEY,
  phase TEXT NOT NULL,
  question INTEGER NOT NULL,
  opens_at INTEGER,
  started_at INTEGER NOT NULL,
  deadline INTEGER,
  first_at INTEGER,
  finished_at INTEGER,
  result TEXT
) WITHOUT ROWID;
`;

/** Columns added to a table after games were first stored with it: a game stored before gets them on wake. */
const ADDED_COLUMNS: { table: string; column: string; definition: string }[] = [
  { table: "players", column: "device", definition: "TEXT" },
  { table: "players", column: "hidden", definition: "INTEGER NOT NULL DEFAULT 0" },
  { table: "players", column: "team", definition: "INTEGER" },
];

export interface StoredCredentials {
  hostHash: string;
  /** Token hash by player id (the host's own player has none: it signs in with the host token). */
  playerHashes: Map<string, string>;
}

export interface StoredRemote {
  id: string;
  label: string;
  tokenHash: string;
  pairedAt: number;
  revoked: boolean;
}

export interface StoredPairing {
  codeHash: string;
  expiresAt: number;
  usedAt: number | null;
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

  /**
   * Creates the tables, when a game is created (again after an expired game deleted everything). A game stored before
   * a column existed gets it added (SQLite's ADD COLUMN only writes the schema, not the rows).
   */
  ensureSchema(): void {
    this.schemaChecked = true;
    this.sql.exec(SCHEMA);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const has = this.sql.exec("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", table, column).toArray();
      if (has.length === 0) this.sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }

  /** Whether this object holds a game's tables (a read: it writes nothing, and creates no database). */
  private hasTables(): boolean {
    return this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'game'").toArray().length > 0;
  }

  private schemaChecked = false;

  /**
   * Whether this object holds a game. The first time it does, a game stored by an older version gets the tables and
   * columns added since, before anything reads them (an object without a game gets nothing: it stores nothing).
   */
  private holdsGame(): boolean {
    if (!this.hasTables()) return false;
    if (!this.schemaChecked) this.ensureSchema();
    return true;
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
      "INSERT INTO players (id, name, token_hash, joined_at, first_question, kicked, device, team) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
      player.id,
      player.name,
      tokenHash,
      player.joinedAt,
      player.firstQuestion,
      player.device,
      player.team,
    );
  }

  /** Team games: the host moved a player to another team (in the lobby). */
  setTeam(playerId: string, team: number): void {
    this.sql.exec("UPDATE players SET team = ? WHERE id = ?", team, playerId);
  }

  hidePlayer(playerId: string, hidden: boolean): void {
    this.sql.exec("UPDATE players SET hidden = ? WHERE id = ?", hidden ? 1 : 0, playerId);
  }

  hideAnswer(key: string, index: number, text: string, hidden: boolean): void {
    if (hidden)
      this.sql.exec("INSERT OR REPLACE INTO hidden_answers (key, question, text) VALUES (?, ?, ?)", key, index, text);
    else this.sql.exec("DELETE FROM hidden_answers WHERE key = ?", key);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Remotes and their pairing codes.

  remotes(): StoredRemote[] {
    // Asked when the object starts, before it knows whether it holds a game (and its tables) at all.
    if (!this.holdsGame()) return [];
    return this.sql
      .exec<Row>("SELECT id, label, token_hash, paired_at, revoked FROM remotes ORDER BY paired_at, id")
      .toArray()
      .map((r) => ({
        id: String(r.id),
        label: String(r.label),
        tokenHash: String(r.token_hash),
        pairedAt: Number(r.paired_at),
        revoked: Number(r.revoked) === 1,
      }));
  }

  insertRemote(remote: StoredRemote): void {
    this.sql.exec(
      "INSERT INTO remotes (id, label, token_hash, paired_at, revoked) VALUES (?, ?, ?, ?, 0)",
      remote.id,
      remote.label,
      remote.tokenHash,
      remote.pairedAt,
    );
  }

  revokeRemote(id: string): void {
    this.sql.exec("UPDATE remotes SET revoked = 1 WHERE id = ?", id);
  }

  /** The one pairing code there is (a new one replaces the last, used or not), or null. */
  pairing(): StoredPairing | null {
    const row = this.sql.exec<Row>("SELECT code_hash, expires_at, used_at FROM pairings").toArray()[0];
    if (!row) return null;
    return {
      codeHash: String(row.code_hash),
      expiresAt: Number(row.expires_at),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    };
  }

  replacePairing(pairing: StoredPairing | null): void {
    this.sql.exec("DELETE FROM pairings");
    if (pairing) {
      this.sql.exec(
        "INSERT INTO pairings (code_hash, expires_at, used_at) VALUES (?, ?, ?)",
        pairing.codeHash,
        pairing.expiresAt,
        pairing.usedAt,
      );
    }
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

  saveProgress(p: Progress): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO progress (player_id, phase, question, opens_at, started_at, deadline, first_at, finished_at, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      p.playerId,
      p.phase,
      p.index,
      p.opensAt,
      p.startedAt,
      p.deadline,
      p.firstAt,
      p.finishedAt,
      p.result ? JSON.stringify(p.result) : null,
    );
  }

  private progressRows(): Progress[] {
    const orNull = (v: SqlStorageValue | undefined) => (v === null || v === undefined ? null : Number(v));
    return this.sql
      .exec<Row>("SELECT * FROM progress")
      .toArray()
      .map((r) => ({
        playerId: String(r.player_id),
        phase: String(r.phase) as Progress["phase"],
        index: Number(r.question),
        opensAt: orNull(r.opens_at),
        startedAt: Number(r.started_at),
        deadline: orNull(r.deadline),
        firstAt: orNull(r.first_at),
        finishedAt: orNull(r.finished_at),
        result: typeof r.result === "string" ? JSON.parse(r.result) : null,
        answer: null,
      }));
  }

  /** Everything needed to rebuild the game, or null when this object holds no game. */
  load(): { game: StoredGame; credentials: StoredCredentials } | null {
    if (!this.holdsGame()) return null;
    const row = this.sql.exec<Row>("SELECT * FROM game WHERE id = 1").toArray()[0];
    if (!row) return null;
    const playerHashes = new Map<string, string>();
    const players = this.sql
      .exec<Row>(
        "SELECT id, name, token_hash, joined_at, first_question, kicked, device, hidden, team FROM players ORDER BY joined_at, rowid",
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
          device: typeof p.device === "string" ? p.device : null,
          hidden: Number(p.hidden) === 1,
          team: typeof p.team === "number" ? p.team : null,
        };
      });
    const hiddenAnswers = this.sql
      .exec<Row>("SELECT key, question, text FROM hidden_answers")
      .toArray()
      .map((h) => ({ key: String(h.key), index: Number(h.question), text: String(h.text) }));
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
        hiddenAnswers,
        progress: this.progressRows(),
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
