/**
 * The coordinator of a big game (docs/scaling.md): the game's own object when its players are spread over shards.
 * It holds the host's seats, the questions, the clock and the merged standings; it never holds a player. Per question
 * it tells every shard when the question opens and closes (one schedule ahead of time), asks each for its summary
 * once the question is closed, merges them (merge.ts) and sends the host the reveal and every shard the merged
 * figures: three calls per shard per question, whatever the number of players.
 */
import type { HostCommand } from "../protocol/schemas";
import type {
  GameInfo,
  GameOverPayload,
  GameSnapshot,
  LobbyPayload,
  PlayerListEntry,
  QuestionPayload,
  ReadyPayload,
  ServerMessage,
} from "../protocol/values";
import { LIMITS } from "../protocol/values";
import type { Effect, EngineError } from "./engine";
import { type MergedRound, mergeRound, type ShardSummary } from "./merge";
import { type QuestionStats, type ResultsHead, resultsHead } from "./results";
import type { GameRoom } from "./room";
import { shardOf } from "./shard-key";
import {
  type GameTotals,
  type NewestPlayer,
  ReportSchema,
  type ShardCommandResult,
  type ShardPlayer,
  type ShardReport,
  type ShardResultRow,
  type ShardStats,
  SummarySchema,
} from "./shard-rpc";
import type { ShardStore } from "./shard-store";
import { countdownEnd, expiresAt, type GameQuestion, type GameState, resumeClock, type Slot, stopClock } from "./state";
import { questionPayload, readyPayload, resumedMessage, snapshot } from "./views";

/** Players per page of results asked of a shard at a time. */
const RESULTS_PAGE = 250;

function byResultStanding(a: ShardResultRow, b: ShardResultRow): number {
  return b.player.score - a.player.score || a.joinedAt - b.joinedAt || (a.player.playerId < b.player.playerId ? -1 : 1);
}

/** How far ahead of a question's instants its schedule goes out, so every shard has it before it is due. */
export const SCHEDULE_LEAD_MS = 250;
/** How soon a shard that was still waiting for a player at an early close is asked again. */
const EARLY_RETRY_MS = 250;
/** How long the coordinator waits for a shard's summary before revealing without it. */
export const SUMMARY_WAIT_MS = 3000;

/** What the coordinator needs of the room it lives in. */
export interface CoordinatorRoom {
  game(): GameState | null;
  shard(index: number): DurableObjectStub<GameRoom>;
  /** Carries out engine effects (saveClock, sends to the host's seats, logs, destroy). */
  run(effects: Effect[]): void;
  scheduleAlarm(): Promise<void>;
  viewChanged(view: "lobby" | "progress"): void;
  log(event: string, data?: Record<string, unknown>): void;
  store: ShardStore;
}

const refuse = (code: EngineError["code"], message: string): EngineError => ({ code, message });

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/** Commands a sharded game does not offer yet, with why (docs/scaling.md "Missing"). */
const NOT_YET: Partial<Record<HostCommand, string>> = {
  hideName: "Hiding names",
  unhideName: "Hiding names",
  hideAnswer: "Hiding answers",
  unhideAnswer: "Hiding answers",
};

export class Coordinator {
  private readonly reports = new Map<number, ShardReport>();
  private readonly newest = new Map<number, NewestPlayer[]>();
  private closing: Promise<void> | null = null;
  /** The close under way must not wait any longer (the deadline, the host's `next` or `end`). */
  private forceClose = false;
  private lastRound: MergedRound | null;
  /** What this round cost the coordinator so far (logged with each reveal: docs/scaling.md's figures). */
  private work = { calls: 0, reports: 0 };

  constructor(
    private readonly room: CoordinatorRoom,
    readonly count: number,
    lastRound: MergedRound | null,
  ) {
    this.lastRound = lastRound;
  }

  /** Calls every shard at once; a shard that fails is logged and counts as no answer (null). */
  private all(call: (stub: DurableObjectStub<GameRoom>, k: number) => Promise<unknown>): Promise<unknown[]> {
    this.work.calls += this.count;
    return Promise.all(
      Array.from({ length: this.count }, (_, k) =>
        Promise.resolve(call(this.room.shard(k), k)).catch((err: unknown) => {
          this.room.log("shard_call_failed", { shard: k, message: err instanceof Error ? err.message : String(err) });
          return null;
        }),
      ),
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Views.

  totals(): GameTotals {
    let playerCount = 0;
    let connectedCount = 0;
    for (const r of this.reports.values()) {
      playerCount += r.players;
      connectedCount += r.connected;
    }
    return { playerCount, connectedCount };
  }

  hostLobby(game: GameState): LobbyPayload {
    const { playerCount, connectedCount } = this.totals();
    const players = [...this.newest.values()]
      .flat()
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .slice(-LIMITS.lobbyHostNames)
      .map(({ joinedAt: _j, ...p }) => p);
    return { playerCount, connectedCount, locked: game.clock.locked, players };
  }

  private answeredNow(game: GameState): number {
    let answered = 0;
    for (const r of this.reports.values())
      if (r.index === game.clock.index && r.phase === "question") answered += r.answered;
    return answered;
  }

  progress(game: GameState): ServerMessage | null {
    if (game.clock.phase !== "question") return null;
    return {
      type: "progress",
      index: game.clock.index,
      answered: this.answeredNow(game),
      connected: this.totals().connectedCount,
    };
  }

  snapshot(game: GameState): GameSnapshot {
    const base = snapshot(game, "host");
    const progress = this.progress(game);
    return {
      ...base,
      lobby: this.hostLobby(game),
      ...(progress?.type === "progress"
        ? { progress: { index: progress.index, answered: progress.answered, connected: progress.connected } }
        : {}),
    };
  }

  info(game: GameState): GameInfo {
    const c = game.clock;
    return {
      code: game.code,
      phase: c.phase,
      playerCount: this.totals().playerCount,
      questionCount: game.questions.length,
      joinable: c.phase !== "finished" && !c.locked,
      locked: c.locked,
      ...(game.title ? { title: game.title } : {}),
    };
  }

  /** Every player of the game for the host's list, asked of the shards on request (in the order they joined). */
  async players(): Promise<PlayerListEntry[]> {
    const lists = (await this.all((s) => s.shardPlayers())) as (ShardPlayer[] | null)[];
    return lists
      .flatMap((l) => l ?? [])
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map(({ joinedAt: _j, ...p }) => p);
  }

  /** The results' head: the closed questions with how many answered each and were right, summed over the shards. */
  async resultsHead(game: GameState, played: number, now: number): Promise<ResultsHead> {
    const replies = (await this.all((s) => s.shardStats(played))) as (ShardStats | null)[];
    const stats: QuestionStats = new Map();
    for (const rows of replies) {
      for (const [index, answered, correctCount] of rows ?? []) {
        const sum = stats.get(index) ?? { answered: 0, correctCount: 0 };
        stats.set(index, { answered: sum.answered + answered, correctCount: sum.correctCount + correctCount });
      }
    }
    return resultsHead(game, stats, now);
  }

  /**
   * The players' results as JSON lines in the game's standings order: each shard's own standings, a page at a time,
   * merged (score, then who joined first), with competition ranks over the whole game.
   */
  resultsPlayers(played: number): ReadableStream<Uint8Array> {
    const utf8 = new TextEncoder();
    const pages = Array.from({ length: this.count }, () => ({ rows: [] as ShardResultRow[], offset: 0, done: false }));
    let position = 0;
    let last: { score: number; rank: number } | null = null;
    const fill = async () => {
      await Promise.all(
        pages.map(async (page, k) => {
          if (page.done || page.rows.length > 0) return;
          const rows = (await this.room.shard(k).shardResults(played, page.offset, RESULTS_PAGE)) as ShardResultRow[];
          page.offset += rows.length;
          page.rows = rows;
          if (rows.length < RESULTS_PAGE) page.done = true;
        }),
      );
    };
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const lines: string[] = [];
        try {
          while (lines.length < RESULTS_PAGE) {
            await fill();
            let best: (typeof pages)[number] | null = null;
            for (const page of pages) {
              const head = page.rows[0];
              const top = best?.rows[0];
              if (head && (!top || byResultStanding(head, top) < 0)) best = page;
            }
            const row = best?.rows.shift();
            if (!row) break;
            position++;
            const rank: number = last && last.score === row.player.score ? last.rank : position;
            last = { score: row.player.score, rank };
            lines.push(`${JSON.stringify({ ...row.player, rank })}\n`);
          }
        } catch (err) {
          return controller.error(err);
        }
        if (lines.length === 0) return controller.close();
        controller.enqueue(utf8.encode(lines.join("")));
      },
    });
  }

  /** A shard's coalesced figures; answered with the game's totals (its players' lobby counts). */
  report(input: unknown): GameTotals | { error: string } {
    const parsed = ReportSchema.safeParse(input);
    if (!parsed.success || parsed.data.shard >= this.count) return { error: "invalid_request" };
    const r = parsed.data;
    this.work.reports++;
    this.reports.set(r.shard, r);
    if (r.newest) {
      this.newest.set(r.shard, r.newest);
      this.room.viewChanged("lobby");
    }
    this.room.viewChanged("progress");
    const game = this.room.game();
    if (game) this.closeIfEveryoneAnswered(game);
    return this.totals();
  }

  /** As a single game closes once every connected player has answered: every shard says nobody is left to wait for. */
  private closeIfEveryoneAnswered(game: GameState): void {
    const c = game.clock;
    if (c.phase !== "question" || c.pausedAt !== null || this.reports.size < this.count) return;
    const current = [...this.reports.values()].filter((r) => r.index === c.index && r.phase === "question");
    if (current.length < this.count || current.some((r) => r.waiting > 0)) return;
    if (this.answeredNow(game) === 0) return;
    void this.closeRound(c.index, false, true);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The host's commands.

  async command(command: HostCommand, playerId: string | undefined): Promise<EngineError | null> {
    const game = this.room.game();
    if (!game) return refuse("game_expired", "This game is over and its data is gone.");
    const c = game.clock;
    const now = Date.now();
    const notYet = NOT_YET[command];
    if (notYet) return refuse("wrong_phase", `${notYet} is not available yet in a game spread over several shards.`);
    if (c.phase === "finished" && command !== "kick") return refuse("game_finished", "This game has finished.");
    switch (command) {
      case "start":
        if (c.phase !== "lobby") return refuse("wrong_phase", "The game has already started.");
        if (this.totals().playerCount === 0) return refuse("no_players", "Wait for at least one player to join.");
        this.room.run([{ type: "log", event: "game_started", data: { players: this.totals().playerCount } }]);
        await this.openRound(game, 0, now);
        return null;
      case "next":
        if (c.phase === "ready") {
          await this.openNow(game, now);
          return null;
        }
        if (c.phase === "question") {
          await this.closeRound(c.index, false);
          return null;
        }
        if (c.phase === "reveal") {
          await this.advance(game, now);
          return null;
        }
        return refuse("wrong_phase", "Start the game first.");
      case "end":
        if (c.phase === "question") await this.closeRound(c.index, true);
        else await this.finish(game, now, "ended_by_host");
        return null;
      case "lock":
      case "unlock": {
        const locked = command === "lock";
        if (c.locked !== locked) {
          c.locked = locked;
          this.room.run([{ type: "saveClock" }]);
          await this.all((s) => s.shardCommand({ command }));
          this.room.viewChanged("lobby");
        }
        this.room.run([{ type: "send", to: "host", message: { type: "locked", locked } }]);
        return null;
      }
      case "pause":
        return this.pause(game, now);
      case "resume":
        return this.resume(game, now);
      case "kick": {
        if (!playerId) return refuse("player_not_found", "No such player in this game.");
        const stub = this.room.shard(shardOf(playerId, this.count));
        const result = (await stub.shardCommand({ command: "kick", playerId })) as ShardCommandResult;
        if (!result.ok) return refuse(result.error.code as EngineError["code"], result.error.message);
        // The kicked device stays out of the whole game, whichever shard its next join would land on.
        const device = result.device;
        if (device) await this.all((s) => s.shardBanDevice(device));
        this.room.run([{ type: "log", event: "player_kicked", data: { playerId } }]);
        return null;
      }
      default:
        return refuse("invalid_request", "Unknown command.");
    }
  }

  /** Stops what is counting down, here and on every shard (answers wait, nothing opens or closes). */
  private async pause(game: GameState, now: number): Promise<EngineError | null> {
    const c = game.clock;
    if (c.pausedAt !== null) return refuse("game_paused", "The game is already paused.");
    const running = countdownEnd(c);
    if (running === null) return refuse("wrong_phase", "Nothing is counting down to pause.");
    // Within a schedule's lead the shards may not have shown the question yet: nothing to pause there.
    const shownAt =
      c.phase === "question" ? c.startedAt : c.phase === "ready" ? running - game.settings.readSeconds * 1000 : 0;
    if (now < shownAt) return refuse("wrong_phase", "The question is about to show; pause once it has.");
    const remainingMs = Math.max(0, running - now);
    c.pausedAt = now;
    c.pausedRemainingMs = remainingMs;
    if (c.phase === "question") c.deadline = null;
    else if (c.phase === "ready") c.opensAt = null;
    else c.revealEndsAt = null;
    if (c.phase === "reveal" && game.lastReveal) game.lastReveal.nextAt = null;
    this.room.run([
      { type: "saveClock" },
      { type: "send", to: "host", message: { type: "paused", serverTime: now, phase: c.phase, remainingMs } },
    ]);
    await this.all((s) => s.shardPause({ index: c.index, at: now, remainingMs }));
    return null;
  }

  /** Starts the countdown again from where it stopped, with the same new instants on every shard. */
  private async resume(game: GameState, now: number): Promise<EngineError | null> {
    const c = game.clock;
    if (c.pausedAt === null || c.pausedRemainingMs === null) return refuse("wrong_phase", "The game is not paused.");
    // A schedule's lead, so every shard has the new instants before they are due.
    resumeClock(game, now + SCHEDULE_LEAD_MS, now);
    const message = resumedMessage(c, now);
    this.room.run([{ type: "saveClock" }, { type: "send", to: "host", message }]);
    await this.all((s) =>
      s.shardResume({
        index: c.index,
        deadline: c.deadline,
        startedAt: c.startedAt,
        opensAt: c.opensAt,
        nextAt: c.revealEndsAt,
      }),
    );
    await this.room.scheduleAlarm();
    this.closeIfEveryoneAnswered(game);
    return null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // The clock.

  /** Question `index` comes up: its instants are picked here, a little ahead, and every shard is told them. */
  private async openRound(game: GameState, index: number, now: number): Promise<void> {
    const c = game.clock;
    const q = game.questions[index] as GameQuestion;
    const readMs = game.settings.readSeconds * 1000;
    const opensAt = now + SCHEDULE_LEAD_MS + readMs;
    const slot: Slot = {
      index,
      readyAt: readMs > 0 ? now + SCHEDULE_LEAD_MS : null,
      opensAt,
      deadline: opensAt + q.durationMs,
    };
    c.index = index;
    c.revealEndsAt = null;
    c.pausedAt = null;
    c.pausedRemainingMs = null;
    c.lastActivityAt = now;
    game.lastReveal = null;
    const effects: Effect[] = [{ type: "saveClock" }];
    if (readMs > 0) {
      c.phase = "ready";
      c.opensAt = opensAt;
      c.startedAt = opensAt;
      c.deadline = null;
      const payload = readyPayload(game) as ReadyPayload;
      effects.push({ type: "send", to: "host", message: { type: "ready", serverTime: now, ...payload } });
    } else {
      effects.push(...this.openChoices(game, slot, now));
    }
    this.room.run(effects);
    await this.all((s) => s.shardSchedule(slot));
    await this.room.scheduleAlarm();
  }

  private openChoices(game: GameState, slot: Pick<Slot, "opensAt" | "deadline">, now: number): Effect[] {
    const c = game.clock;
    c.phase = "question";
    c.startedAt = slot.opensAt;
    c.opensAt = null;
    c.deadline = slot.deadline;
    c.lastActivityAt = now;
    const payload = questionPayload(game) as QuestionPayload;
    return [
      { type: "saveClock" },
      { type: "send", to: "host", message: { type: "question", serverTime: now, ...payload } },
    ];
  }

  /** The host's `next` during the lead-in: the choices open (a lead ahead) everywhere. */
  private async openNow(game: GameState, now: number): Promise<void> {
    const q = game.questions[game.clock.index] as GameQuestion;
    const opensAt = now + SCHEDULE_LEAD_MS;
    const slot: Slot = { index: game.clock.index, readyAt: null, opensAt, deadline: opensAt + q.durationMs };
    this.room.run(this.openChoices(game, slot, now));
    await this.all((s) => s.shardSchedule(slot));
    await this.room.scheduleAlarm();
  }

  /** The coordinator's alarm: whatever is due, in order; closing a question waits for the shards' summaries. */
  async tick(): Promise<void> {
    for (let guard = 0; guard < 4; guard++) {
      const game = this.room.game();
      if (!game) return;
      const c = game.clock;
      const now = Date.now();
      if (now >= expiresAt(game)) {
        if (c.phase === "finished" || c.phase === "lobby") {
          this.room.run([{ type: "log", event: "game_expired", data: { phase: c.phase } }, { type: "destroy" }]);
          return;
        }
        if (c.phase === "question") await this.closeRound(c.index, true);
        else await this.finish(game, now, "idle");
        continue;
      }
      if (c.phase === "ready" && c.opensAt !== null && now >= c.opensAt) {
        const q = game.questions[c.index] as GameQuestion;
        this.room.run(this.openChoices(game, { opensAt: c.opensAt, deadline: c.opensAt + q.durationMs }, now));
        continue;
      }
      if (c.phase === "question" && c.deadline !== null && now >= c.deadline) {
        await this.closeRound(c.index, false);
        continue;
      }
      if (c.phase === "reveal" && c.revealEndsAt !== null && now >= c.revealEndsAt) {
        await this.advance(game, now);
        continue;
      }
      return;
    }
  }

  /**
   * Closes question `index` everywhere and reveals it: every shard settles it and sends its summary; the shards that
   * answer within `SUMMARY_WAIT_MS` are merged, the host gets the reveal and every shard the merged figures. Calls
   * while it runs wait for the same close. `ending`: the host ended the game during the question.
   *
   * `early`: everyone answered, as the shards last reported. Each shard then closes only if that still holds when the
   * call arrives (a player may have come back meanwhile): checked there, atomically, as a single game checks it. A
   * shard still waiting is asked again shortly, until it is done, the deadline passes or the host says `next`.
   */
  closeRound(index: number, ending: boolean, early = false): Promise<void> {
    if (!early) this.forceClose = true;
    this.closing ??= this.close(index, ending, early).finally(() => {
      this.closing = null;
      this.forceClose = false;
    });
    return this.closing;
  }

  private async close(index: number, ending: boolean, early: boolean): Promise<void> {
    this.forceClose = !early;
    const summaries: ShardSummary[] = [];
    const pending = new Set(Array.from({ length: this.count }, (_, k) => k));
    while (pending.size > 0) {
      const force = this.forceClose;
      this.work.calls += pending.size;
      const asked = await Promise.all(
        [...pending].map(async (k) => {
          const call = Promise.resolve(this.room.shard(k).shardClose(index, !force));
          return [
            k,
            await within(call as Promise<{ summary?: unknown; error?: { code: string } }>, SUMMARY_WAIT_MS),
          ] as const;
        }),
      );
      for (const [k, reply] of asked) {
        if (reply?.error?.code === "still_waiting" && !force) continue;
        pending.delete(k);
        const parsed = reply && "summary" in reply ? SummarySchema.safeParse(reply.summary) : null;
        if (parsed?.success && parsed.data.shard === k && parsed.data.index === index) summaries.push(parsed.data);
      }
      const now = this.room.game();
      if (!now || now.clock.index !== index || now.clock.phase !== "question") return;
      if (pending.size === 0) break;
      // Some shards wait for players who came back: ask again soon; at the deadline they close whatever happens.
      await new Promise((resolve) => setTimeout(resolve, EARLY_RETRY_MS));
      if (Date.now() >= (now.clock.deadline ?? 0)) this.forceClose = true;
    }
    const game = this.room.game();
    if (!game || game.clock.index !== index || game.clock.phase !== "question") return;
    summaries.sort((a, b) => a.shard - b.shard);
    const q = game.questions[index] as GameQuestion;
    const merged = mergeRound(q, index, game.questions.length, summaries, this.count);
    if (merged.missing.length > 0) {
      this.room.log("reveal_partial", { index, missing: merged.missing, shards: this.count });
    }
    // This round's calls to the shards (schedule, close, and the reveal below) and reports from them.
    this.room.log("round_closed", {
      index,
      shards: this.count,
      calls: this.work.calls + this.count,
      reports: this.work.reports,
      summaryBytes: JSON.stringify(summaries).length,
      scoreEntries: merged.scores.length,
    });
    this.work = { calls: -this.count, reports: 0 };
    const now = Date.now();
    const c = game.clock;
    c.phase = "reveal";
    c.deadline = null;
    c.lastActivityAt = now;
    c.revealEndsAt = !ending && game.settings.revealSeconds > 0 ? now + game.settings.revealSeconds * 1000 : null;
    merged.reveal.nextAt = c.revealEndsAt;
    game.lastReveal = merged.reveal;
    game.leaderboard = merged.reveal.leaderboard ?? [];
    this.lastRound = merged;
    this.room.store.saveRound(merged);
    const effects: Effect[] = [{ type: "saveClock" }];
    if (!ending)
      effects.push({ type: "send", to: "host", message: { type: "reveal", serverTime: now, ...merged.reveal } });
    this.room.run(effects);
    await this.all((s) => s.shardReveal(merged, c.revealEndsAt, ending));
    if (ending) await this.finish(game, now, "ended_by_host");
    await this.room.scheduleAlarm();
  }

  private async advance(game: GameState, now: number): Promise<void> {
    const next = game.clock.index + 1;
    if (next < game.questions.length) await this.openRound(game, next, now);
    else await this.finish(game, now, "completed");
  }

  /** The end: the podium and top 10 of the last merged reveal for the host, and for every shard's players. */
  private async finish(game: GameState, now: number, reason: string): Promise<void> {
    const c = game.clock;
    if (c.phase === "finished") return;
    stopClock(c, now);
    game.lastReveal = null;
    const round = this.lastRound;
    const leaderboard = round?.reveal.leaderboard ?? [];
    const over: GameOverPayload = {
      podium: leaderboard.filter((e) => e.rank <= 3 && e.score > 0),
      leaderboard,
      playerCount: Math.max(round?.activePlayers ?? 0, this.totals().playerCount),
      questionCount: game.questions.length,
    };
    const masked = round?.playersLeaderboard ?? [];
    const forPlayers: GameOverPayload = {
      ...over,
      podium: masked.filter((e) => e.rank <= 3 && e.score > 0),
      leaderboard: masked,
    };
    game.gameOver = over;
    this.room.store.saveGameOver(over);
    this.room.run([
      { type: "saveClock" },
      { type: "send", to: "host", message: { type: "gameOver", serverTime: now, ...over } },
      { type: "log", event: "game_finished", data: { reason, players: over.playerCount } },
    ]);
    await this.all((s) => s.shardFinish(forPlayers));
    await this.room.scheduleAlarm();
  }
}
