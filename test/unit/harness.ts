/**
 * A test harness around the pure engine: a fake clock, a seeded random source, and an in-memory copy of the rows the
 * Durable Object would write (driven by the same effects the room carries out), so a test can rebuild the game from
 * "storage" with `restore()` and compare it with the live state.
 */

import type { HostCommand, QuizQuestion } from "@protocol/schemas";
import type { AnswerChoice } from "@protocol/values";
import { apply, createGame, type Effect, type GameEvent, type Outcome } from "../../worker/game/engine";
import type { StoredGame } from "../../worker/game/restore";
import type { Progress } from "../../worker/game/self-paced";
import type { Answer, GameSettings, GameState } from "../../worker/game/state";

/** mulberry32: a tiny seeded generator, so a failing run can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const T0 = Date.UTC(2030, 0, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const DEFAULT_SETTINGS: GameSettings = {
  questionSeconds: 20,
  revealSeconds: 5,
  readSeconds: 0,
  maxPlayers: 10_000,
  lobbyTtlMs: 2 * HOUR,
  idleTtlMs: 2 * HOUR,
  resultsTtlMs: 24 * HOUR,
};

/** `n` choice questions whose correct answer is the text "right" among three wrong ones. */
export function choiceQuestions(n: number, extra: Partial<QuizQuestion> = {}): QuizQuestion[] {
  return Array.from(
    { length: n },
    (_, i) =>
      ({
        kind: "choice",
        text: `Question ${i + 1}?`,
        choices: ["wrong a", "right", "wrong b", "wrong c"],
        correct: 1,
        ...extra,
      }) as QuizQuestion,
  );
}

/** The rows a GameStore would hold, kept up to date from the effects exactly as GameRoom.run writes them. */
export class MemoryStore {
  private readonly base: Pick<StoredGame, "code" | "title" | "createdAt" | "settings" | "questions" | "hostPlayerId">;
  private clock: string;
  private readonly players = new Map<string, StoredGame["players"][number]>();
  private readonly answers = new Map<string, Answer>();
  private readonly hiddenAnswers = new Map<string, { key: string; index: number; text: string }>();
  /** Self-paced progress rows, by player (the table's primary key): a later save replaces the row. */
  private readonly progress = new Map<string, Progress>();
  destroyed = false;

  constructor(state: GameState) {
    // The room stores these as JSON; the round trip drops `undefined` fields just like SQLite does.
    this.base = JSON.parse(
      JSON.stringify({
        code: state.code,
        title: state.title,
        createdAt: state.createdAt,
        settings: state.settings,
        questions: state.questions,
        hostPlayerId: state.hostPlayerId,
      }),
    );
    this.clock = JSON.stringify(state.clock);
    for (const p of state.players.values()) this.savePlayer(p);
  }

  private savePlayer(p: {
    id: string;
    name: string;
    joinedAt: number;
    firstQuestion: number;
    device: string | null;
    team: number | null;
  }) {
    if (this.players.has(p.id)) throw new Error(`player ${p.id} inserted twice`);
    this.players.set(p.id, {
      id: p.id,
      name: p.name,
      joinedAt: p.joinedAt,
      firstQuestion: p.firstQuestion,
      kicked: false,
      device: p.device,
      hidden: false,
      team: p.team,
    });
  }

  write(state: GameState | null, effects: readonly Effect[]): void {
    for (const e of effects) {
      switch (e.type) {
        case "saveClock":
          if (state) this.clock = JSON.stringify(state.clock);
          break;
        case "savePlayer":
          this.savePlayer(e.player);
          break;
        case "saveAnswer": {
          const key = `${e.answer.index}:${e.answer.playerId}`;
          // The answers table's primary key is (question, player_id): a second row would fail the INSERT.
          if (this.answers.has(key)) throw new Error(`answer ${key} inserted twice`);
          this.answers.set(key, JSON.parse(JSON.stringify(e.answer)));
          break;
        }
        case "saveKick": {
          const row = this.players.get(e.playerId);
          if (!row) throw new Error(`kick of unknown player ${e.playerId}`);
          row.kicked = true;
          row.kickedFrom = e.fromQuestion;
          break;
        }
        case "saveHiddenName": {
          const row = this.players.get(e.playerId);
          if (!row) throw new Error(`hiding unknown player ${e.playerId}`);
          row.hidden = e.hidden;
          break;
        }
        case "saveTeam": {
          const row = this.players.get(e.playerId);
          if (!row) throw new Error(`moving unknown player ${e.playerId}`);
          row.team = e.team;
          break;
        }
        case "saveHiddenAnswer":
          if (e.hidden) this.hiddenAnswers.set(e.key, { key: e.key, index: e.index, text: e.text });
          else this.hiddenAnswers.delete(e.key);
          break;
        case "saveProgress":
          // As SQLite keeps it: the row's columns (the answer is read back from the answers table).
          this.progress.set(e.progress.playerId, JSON.parse(JSON.stringify({ ...e.progress, answer: null })));
          break;
        case "destroy":
          this.destroyed = true;
          break;
        default:
          break;
      }
    }
  }

  stored(): StoredGame {
    return JSON.parse(
      JSON.stringify({
        ...this.base,
        clock: JSON.parse(this.clock),
        players: [...this.players.values()],
        answers: [...this.answers.values()].sort((a, b) => a.index - b.index || a.receivedAt - b.receivedAt),
        hiddenAnswers: [...this.hiddenAnswers.values()],
        progress: [...this.progress.values()],
      }),
    );
  }

  answerRows(): Answer[] {
    return [...this.answers.values()];
  }
}

/** A game driven by hand: every event goes through `apply` at the sim's current time and is written to the store. */
export class Sim {
  now: number;
  readonly random: () => number;
  readonly state: GameState;
  readonly store: MemoryStore;
  /** Every effect returned so far, in order. */
  readonly log: Effect[] = [];
  private nextId = 1;

  constructor(
    opts: {
      questions?: QuizQuestion[];
      settings?: Partial<GameSettings>;
      host?: string | null;
      now?: number;
      seed?: number;
      title?: string;
    } = {},
  ) {
    this.now = opts.now ?? T0;
    this.random = seededRandom(opts.seed ?? 1);
    this.state = createGame({
      code: "123456",
      title: opts.title,
      settings: { ...DEFAULT_SETTINGS, ...opts.settings },
      questions: opts.questions ?? choiceQuestions(3),
      host: opts.host ? { playerId: "host", name: opts.host } : null,
      now: this.now,
      random: this.random,
    });
    this.store = new MemoryStore(this.state);
  }

  apply(event: GameEvent): Outcome {
    const outcome = apply(this.state, event, { now: this.now, random: this.random });
    if (outcome.ok) {
      this.log.push(...outcome.effects);
      this.store.write(this.state, outcome.effects);
    }
    return outcome;
  }

  /** Applies an event that must succeed and returns its effects. */
  ok(event: GameEvent): Effect[] {
    const outcome = this.apply(event);
    if (!outcome.ok) throw new Error(`${event.type} refused: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.effects;
  }

  /** Joins (from `device`, when given) and connects a player; returns its id. */
  player(name: string | null = null, connect = true, device: string | null = null): string {
    const id = `p${this.nextId++}`;
    this.ok({ type: "join", playerId: id, name, device });
    if (connect) this.ok({ type: "connect", playerId: id });
    return id;
  }

  cmd(command: HostCommand, playerId?: string): Outcome {
    return this.apply({ type: "command", command, ...(playerId ? { playerId } : {}) });
  }

  answer(playerId: string, choice: AnswerChoice, index = this.state.clock.index): Outcome {
    return this.apply({ type: "answer", playerId, index, choice });
  }

  /** An answer to the open question that must be accepted; returns its effects. */
  give(playerId: string, choice: AnswerChoice): Effect[] {
    return this.ok({ type: "answer", playerId, index: this.state.clock.index, choice });
  }

  /** The index of the correct choice of question `index` as the game shuffled it. */
  correct(index = this.state.clock.index): number {
    return this.state.questions[index]?.correct[0] as number;
  }

  /** Some wrong choice of question `index`. */
  wrong(index = this.state.clock.index): number {
    const q = this.state.questions[index];
    if (!q) throw new Error(`no question ${index}`);
    return q.choices.findIndex((_, i) => !q.correct.includes(i));
  }

  at(ms: number): this {
    this.now = ms;
    return this;
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  tick(): Effect[] {
    return this.ok({ type: "tick" });
  }
}

/** Messages of one type among some effects (sent to anyone). */
export function sent<T extends string>(effects: readonly Effect[], type: T) {
  return effects.flatMap((e) =>
    (e.type === "send" || e.type === "sendEach") && e.message.type === type ? [e.message] : [],
  );
}

function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(String).sort();
  if (value instanceof Map) {
    return [...value.entries()]
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
      .map(([k, v]) => [k, plain(v)]);
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

/**
 * A deep, order-independent copy of everything the engine holds, for "nothing changed" and "rebuilt equals live"
 * comparisons. Maps become sorted entry lists; `undefined` fields are dropped (storage drops them too).
 */
export function structural(state: GameState): Record<string, unknown> {
  return plain(state) as Record<string, unknown>;
}

/**
 * What a game rebuilt from storage must reproduce: everything except the lobby's newest-names list, which is display
 * only and depends on the order of joins and kicks that storage does not keep, and `restoredWait`, which only a
 * rebuild sets (the players a restart may have cut off, waited for before an early close). Socket counts are
 * compared after the open sockets are re-attached, as the room does on wake.
 */
export function durable(state: GameState): Record<string, unknown> {
  const s = structural(state);
  delete s.recentNames;
  delete s.restoredWait;
  return s;
}
