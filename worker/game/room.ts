/**
 * GameRoom: the Durable Object that is one game.
 *
 * It is a thin shell around the engine. It owns the game's WebSockets (hibernation API: an idle game costs nothing
 * and its sockets stay open while the object sleeps), its SQLite storage and its single alarm. Every input (an HTTP
 * call forwarded by the worker, a socket frame, a closed socket, the alarm) becomes one engine event; the room then
 * carries out the effects the engine returns, always writing before it sends, so the platform's output gate holds
 * every acknowledgement until the write behind it is durable.
 *
 * The mechanisms it uses are parts of their own: the socket registry (sockets.ts), the write batch (write-batch.ts)
 * and the coalescing of lobby and progress updates (coalescer.ts). This file is the glue: the RPC methods the worker
 * calls, the WebSocket handlers, the alarm, and carrying out the engine's effects.
 */
import { DurableObject } from "cloudflare:workers";
import { clientAddress, errorResponse } from "../http";
import { ClientMessage, type HostMessage, type QuizQuestion } from "../protocol/schemas";
import {
  CLOSE_CODES,
  type ErrorCode,
  type GameInfo,
  type GameOverPayload,
  HELLO_TIMEOUT_MS,
  LIMITS,
  type PairResponse,
  type Role,
} from "../protocol/values";
import { MessageBudget } from "./budget";
import { Coalescer } from "./coalescer";
import { Coordinator } from "./coordinator";
import {
  apply,
  createGame,
  type Effect,
  type EngineError,
  type EngineInput,
  type GameEvent,
  joinability,
} from "./engine";
import { recordEcho, roundTrip } from "./fair-timing";
import type { MergedRound } from "./merge";
import { nameKey, randomName } from "./names";
import { Remotes } from "./remotes";
import { restore } from "./restore";
import { questionsPlayed, type ResultsHead, resultsHead, resultsPlayer, type Standing, standings } from "./results";
import { isClosed } from "./self-paced";
import { assignmentMessage, assignmentPlayerList, assignmentSnapshot, assignmentYou } from "./self-paced-views";
import { PLAYER_ID_PATTERN, shardObjectName, shardOf } from "./shard-key";
import { ShardSide } from "./shard-link";
import {
  MergedRoundSchema,
  PauseSchema,
  ResumeSchema,
  rpcRefusal,
  type ShardCommandResult,
  ShardCommandSchema,
  type ShardCreateInput,
  type ShardPlayer,
  type ShardResultRow,
  type ShardStats,
  SlotSchema,
} from "./shard-rpc";
import {
  applyReveal,
  closeForCoordinator,
  finishShard,
  pauseShard,
  restoreMergedRanks,
  resumeShard,
  scheduleQuestion,
  shardTick,
} from "./shard-rules";
import { ShardStore } from "./shard-store";
import { type Attachment, SocketRegistry, send, sendError } from "./sockets";
import { emptyState, type GameSettings, type GameState, lobbyClock, nextWake, playerCount } from "./state";
import { GameStore } from "./store";
import { hashToken, newHostToken, newPlayerId, newPlayerToken, type ParsedToken, parseToken, sameHash } from "./tokens";
import { lobbyPayload, playerList, progressMessage, snapshot, youState } from "./views";
import { WriteBatch } from "./write-batch";

export interface CreateRoomInput {
  code: string;
  title?: string;
  settings: GameSettings;
  questions: QuizQuestion[];
  hostName: string | null;
}

export type CreateRoomResult =
  | { ok: true; hostToken: string; hostPlayerId: string | null; questionCount: number }
  | { ok: false; reason: "exists" };

export type JoinRoomResult =
  | { ok: true; playerId: string; playerToken: string; name: string }
  | { ok: false; error: EngineError | { code: "game_not_found"; message: string } };

export type PairRoomResult =
  | ({ ok: true } & PairResponse)
  | {
      ok: false;
      error: {
        code: "game_not_found" | "game_finished" | "pairing_invalid" | "pairing_used" | "pairing_expired";
        message: string;
      };
    };

/**
 * The results: the head (the game and its closed questions) at once, the players as a stream of JSON lines in
 * standings order, read from storage a page at a time (results.ts `resultsBody` writes them out as JSON or CSV).
 */
export type RoomResults =
  | { ok: true; head: ResultsHead; players: ReadableStream<Uint8Array> }
  | { ok: false; code: "game_not_found" | "wrong_host_token" };

/** Players per page of results: a page's answers are what the object holds at once (10,000 × 50 in one go: ~110 MB). */
const RESULTS_PAGE = 250;

/** Set on the 101 answering a socket for a code that has no game, so the worker counts the miss (lookup-limit.ts). */
export const NO_GAME_HEADER = "X-Trivia-No-Game";

const utf8 = new TextEncoder();

/**
 * Whether a frame is over the message limit, which counts bytes (UTF-8 for text). A UTF-16 unit is 1 to 3 UTF-8
 * bytes, so only a string between a third of the limit and the limit needs encoding to know; ordinary messages don't.
 */
function tooLarge(data: string | ArrayBuffer): boolean {
  if (typeof data !== "string") return data.byteLength > LIMITS.messageBytes;
  if (data.length * 3 <= LIMITS.messageBytes) return false;
  return data.length > LIMITS.messageBytes || utf8.encode(data).byteLength > LIMITS.messageBytes;
}

/** Effects that write a row. */
const WRITES = new Set<Effect["type"]>([
  "savePlayer",
  "saveAnswer",
  "saveKick",
  "saveClock",
  "saveHiddenName",
  "saveHiddenAnswer",
  "saveTeam",
  "saveProgress",
]);
/**
 * Effects that may wait for a shared commit: new rows, and messages that change no phase. A self-paced player's
 * progress row is one player's own phase, told to that player only, so it batches like an answer.
 */
const BATCHABLE = new Set<Effect["type"]>(["savePlayer", "saveAnswer", "saveProgress", "send", "viewChanged", "log"]);

export class GameRoom extends DurableObject<Env> {
  private readonly store: GameStore;
  private game: GameState | null = null;
  private hostHash = "";
  private playerHashes = new Map<string, string>();
  private readonly sockets = new SocketRegistry();
  /** Phones paired as the host's remote, and the pairing code on the host's screen. */
  private readonly remotes: Remotes;
  /** Rows written together, answers and joins above all, with their acks and replies after the commit. */
  private readonly writes: WriteBatch;
  private readonly updates: Coalescer;
  private alarmAt: number | null = null;
  private readonly helloInFlight = new WeakSet<WebSocket>();
  /** Each socket's message budget (budget.ts). */
  private readonly budget = new MessageBudget();
  /** The serverTime of the latest reveal sent: a probe any socket may echo (fair timing; lost on a restart, harmlessly). */
  private revealAt: number | null = null;
  /** A big game (docs/scaling.md): what this object keeps as its coordinator or as one of its shards. */
  private readonly shardStore: ShardStore;
  private coordinator: Coordinator | null = null;
  private shardSide: ShardSide | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new GameStore(ctx.storage.sql);
    this.shardStore = new ShardStore(ctx.storage.sql);
    this.remotes = new Remotes(this.store);
    this.writes = new WriteBatch((writes) => ctx.storage.transactionSync(writes));
    this.updates = new Coalescer({
      beforeSend: () => this.writes.flush(),
      hostLobby: () => {
        if (this.shardSide) return this.shardSide.report(true);
        const lobby = this.game && (this.coordinator?.hostLobby(this.game) ?? lobbyPayload(this.game, "host"));
        if (lobby) this.sockets.broadcast("host", { type: "lobby", ...lobby });
      },
      hostProgress: () => {
        if (this.shardSide) return this.shardSide.report(false);
        const progress =
          this.game &&
          (this.coordinator?.progress(this.game) ??
            (this.game.selfPaced ? assignmentMessage(this.game) : progressMessage(this.game)));
        if (progress) this.sockets.broadcast("host", progress);
      },
      // An assignment stays in the lobby while it is open, but its players are each on their own questions.
      playersInLobby: () => this.game?.clock.phase === "lobby" && !this.game.selfPaced,
      playersLobby: () => {
        if (!this.game) return;
        const lobby = lobbyPayload(this.game, "player");
        this.sockets.broadcast("players", { type: "lobby", ...(this.shardSide?.playersLobby(lobby) ?? lobby) });
      },
    });
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.blockConcurrencyWhile(async () => this.load());
  }

  /** Rebuilds the game from storage and re-attaches the sockets that stayed open while the object slept. */
  private async load(): Promise<void> {
    const loaded = this.store.load();
    if (loaded) {
      this.game = restore(loaded.game);
      this.hostHash = loaded.credentials.hostHash;
      this.playerHashes = loaded.credentials.playerHashes;
      this.becomeSharded(this.game);
    }
    for (const ws of this.ctx.getWebSockets()) {
      const att = ws.deserializeAttachment() as Attachment | null;
      if (!att) continue;
      this.sockets.track(ws, att);
      if (att.role !== "pending" && att.playerId && this.game) {
        apply(this.game, { type: "connect", playerId: att.playerId, restored: true }, this.engineInput());
      }
    }
    this.alarmAt = await this.ctx.storage.getAlarm();
  }

  private engineInput(): EngineInput {
    return { now: Date.now(), random: Math.random };
  }

  private log(event: string, data: Record<string, unknown> = {}): void {
    console.log(JSON.stringify({ at: new Date().toISOString(), event, code: this.game?.code, ...data }));
  }

  // -------------------------------------------------------------------------------------------------------------
  // RPC from the worker.

  async create(input: CreateRoomInput): Promise<CreateRoomResult> {
    if (this.game) return { ok: false, reason: "exists" };
    const now = Date.now();
    const hostToken = newHostToken();
    const hostPlayerId = input.hostName ? newPlayerId() : null;
    const game = createGame({
      code: input.code,
      title: input.title,
      settings: input.settings,
      questions: input.questions,
      host: hostPlayerId && input.hostName ? { playerId: hostPlayerId, name: input.hostName } : null,
      now,
      random: Math.random,
    });
    this.hostHash = await hashToken(hostToken);
    // Another create for the same code may have run while we hashed.
    if (this.game) return { ok: false, reason: "exists" };
    this.store.ensureSchema();
    this.store.createGame({ ...game, hostHash: this.hostHash, clock: game.clock });
    for (const p of game.players.values()) this.store.insertPlayer(p, null);
    this.game = game;
    if ((input.settings.shards ?? 1) > 1) await this.createShards(game);
    this.log("game_created", {
      questions: game.questions.length,
      questionSeconds: input.settings.questionSeconds,
      revealSeconds: input.settings.revealSeconds,
      ...(input.settings.teams ? { teams: input.settings.teams } : {}),
      hostPlays: hostPlayerId !== null,
    });
    await this.scheduleAlarm();
    return { ok: true, hostToken, hostPlayerId, questionCount: game.questions.length };
  }

  async info(): Promise<GameInfo | null> {
    const g = this.game;
    if (!g) return null;
    if (this.coordinator) return this.coordinator.info(g);
    return {
      code: g.code,
      phase: g.clock.phase,
      playerCount: playerCount(g),
      questionCount: g.questions.length,
      joinable: joinability(g) === null && !(g.selfPaced && isClosed(g, g.selfPaced, Date.now())),
      locked: g.clock.locked,
      ...(g.title ? { title: g.title } : {}),
      ...(g.selfPaced ? { mode: "self-paced" as const, closesAt: g.selfPaced.closesAt } : {}),
    };
  }

  /**
   * A new player; `device` is the joining device's id, which a kick bans from the game. In a big game the worker
   * picks the player's id (`shardId`), which chose this shard: the one that owns the player's name.
   */
  async join(name: string | null, device: string | null = null, shardId?: string): Promise<JoinRoomResult> {
    if (!this.game) return { ok: false, error: { code: "game_not_found", message: "No game with that code." } };
    const sharded = this.shardedJoin(this.game, name, shardId);
    if (!sharded.ok) return sharded;
    const playerId = sharded.playerId;
    const playerToken = newPlayerToken(playerId);
    const hash = await hashToken(playerToken);
    this.playerHashes.set(playerId, hash);
    const outcome = this.dispatch({ type: "join", playerId, name: sharded.name, device });
    if (!outcome.ok) {
      this.playerHashes.delete(playerId);
      return { ok: false, error: outcome.error };
    }
    // The reply leaves after the batch holding this player's row is written (the output gate then holds it until
    // that write is durable), so a token is never handed out for a player storage does not have.
    await this.writes.written();
    const player = this.game?.players.get(playerId);
    return { ok: true, playerId, playerToken, name: player?.name ?? "" };
  }

  /** A phone exchanges the pairing code from the host's QR for a remote seat of its own (once per code). */
  async pairRemote(pairingCode: string, label: string | undefined): Promise<PairRoomResult> {
    if (!this.game) return { ok: false, error: { code: "game_not_found", message: "No game with that code." } };
    if (this.game.clock.phase === "finished") {
      return { ok: false, error: { code: "game_finished", message: "This game has finished." } };
    }
    const outcome = await this.remotes.pair(pairingCode, label, Date.now());
    if (!outcome.ok) return { ok: false, error: { code: outcome.code, message: outcome.message } };
    const remote = this.remoteSummaries().find((r) => r.id === outcome.remote.id);
    if (remote) this.sockets.broadcast("host", { type: "paired", remote });
    this.sendRemotes();
    this.log("remote_paired", { remoteId: outcome.remote.id });
    return { ok: true, remoteId: outcome.remote.id, remoteToken: outcome.remoteToken, label: outcome.remote.label };
  }

  /** The results so far, for the host only (GET /api/games/:code/results); the open question is left out. */
  async results(hostToken: string): Promise<RoomResults> {
    if (!this.game) return { ok: false, code: "game_not_found" };
    const who = await this.identify(hostToken);
    const game = this.game;
    if (!game) return { ok: false, code: "game_not_found" };
    if (who?.role !== "host") return { ok: false, code: "wrong_host_token" };
    const played = questionsPlayed(game);
    if (this.coordinator) {
      const head = await this.coordinator.resultsHead(game, played, Date.now());
      return { ok: true, head, players: this.coordinator.resultsPlayers(played) };
    }
    // The standings are taken now (ids, scores, ranks: small), so the pages agree whatever happens meanwhile.
    const ranked = standings(game);
    const head = resultsHead(game, this.store.questionStats(played), Date.now());
    return { ok: true, head, players: this.resultsPages(game, ranked, played) };
  }

  /** The players' results as JSON lines, one page of players per pull: the game is served between pages. */
  private resultsPages(game: GameState, ranked: Standing[], played: number): ReadableStream<Uint8Array> {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull: (controller) => {
        const page = ranked.slice(at, at + RESULTS_PAGE);
        at += page.length;
        if (page.length === 0) return controller.close();
        try {
          const answers = this.store.answersOf(
            page.map((s) => s.player.id),
            played,
          );
          const lines = page.map(
            (s) => `${JSON.stringify(resultsPlayer(game, s, answers.get(s.player.id) ?? new Map(), played))}\n`,
          );
          controller.enqueue(utf8.encode(lines.join("")));
        } catch (err) {
          // The game expired (and its storage went) while its results were being read.
          controller.error(err);
        }
      },
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // WebSockets.

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json(
        { error: { code: "upgrade_required", message: "This endpoint speaks WebSocket only." } },
        { status: 426 },
      );
    }
    // Sockets that have not said hello cost the object until they do (or time out): capped per game and per address.
    const address = clientAddress(request);
    const waiting = this.sockets.pendingCount(address);
    const cap = LIMITS.pendingSockets;
    if (this.game && (waiting.total >= cap.perGame || waiting.fromAddress >= cap.perAddress)) {
      const message = "Too many connections are waiting to sign in to this game; try again in a moment.";
      return errorResponse(429, "too_many_connections", message, {}, { "Retry-After": "5" });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    if (!this.game) {
      sendError(server, "game_not_found", "No game with that code.");
      server.close(CLOSE_CODES.gameGone, "game_not_found");
      return new Response(null, { status: 101, webSocket: client, headers: { [NO_GAME_HEADER]: "1" } });
    }
    const att: Attachment = { role: "pending", openedAt: Date.now(), address };
    server.serializeAttachment(att);
    this.sockets.track(server, att);
    await this.scheduleAlarm();
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Not `async`: a frame that is dropped (its socket is gone or over its budget) returns at once, without even a
   * promise. The runtime dispatches every frame a socket sends, closed or not, so this path is what a flood costs.
   */
  override webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> | undefined {
    const att = this.sockets.attachment(ws);
    if (!att) return;
    // Before anything is decoded or parsed: a flood costs a map lookup per frame, not a parse and a reply.
    const verdict = this.budget.take(ws);
    if (verdict !== "ok") {
      if (verdict === "flood") {
        const { burst, perSecond } = LIMITS.messageBudget;
        const why = `Too many messages (at most ${burst} at once, then ${perSecond} a second).`;
        this.closeWithError(ws, "too_many_messages", why, CLOSE_CODES.flooding);
      }
      return;
    }
    return this.handleMessage(ws, att, data);
  }

  private async handleMessage(ws: WebSocket, att: Attachment, data: string | ArrayBuffer): Promise<void> {
    if (tooLarge(data)) {
      return this.refuseMessage(ws, att, "message_too_large", `Messages are limited to ${LIMITS.messageBytes} bytes.`);
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
    } catch {
      return this.refuseMessage(ws, att, "invalid_message", "Messages must be JSON objects with a type.");
    }
    const parsed = ClientMessage.safeParse(parsedJson);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
      const message = `Not a valid message${where}: ${issue?.message ?? "unknown"}.`;
      return this.refuseMessage(ws, att, "invalid_message", message);
    }
    const msg = parsed.data;
    if (att.role === "pending") {
      if (msg.type !== "hello") {
        return this.refuseMessage(ws, att, "hello_required", 'Send {"type":"hello","token":...} first.');
      }
      return this.hello(ws, msg.token);
    }
    switch (msg.type) {
      case "hello":
        return this.reply(ws, "already_authenticated", "This connection has already said hello.");
      case "answer":
        if (!att.playerId) {
          const why = att.role === "remote" ? "A remote cannot answer." : "The host is not playing in this game.";
          return this.reply(ws, "not_player", why);
        }
        return this.dispatchFrom(ws, {
          type: "answer",
          playerId: att.playerId,
          index: msg.index,
          choice: msg.choice,
          rttMs: roundTrip(att.trips),
        });
      case "pong":
        return this.echo(ws, att, msg.serverTime);
      default:
        // In an assignment a player moves on by themselves: their `next` is their own next question.
        if (att.role === "player" && msg.type === "next" && this.game?.selfPaced && att.playerId) {
          return this.dispatchFrom(ws, { type: "advance", playerId: att.playerId });
        }
        if (att.role === "player") return this.reply(ws, "not_host", "Only the host can do that.");
        return this.hostMessage(ws, att.role, msg);
    }
  }

  /**
   * Fair timing: an echo of a probe this socket was sent (its welcome, or the latest reveal) is a round-trip sample,
   * kept with the socket (fair-timing.ts). An echo of anything else, or of a probe already answered, is not counted
   * and not answered: it is a measurement, and a late echo of an old probe is what an honest slow phone sends too.
   */
  private echo(ws: WebSocket, att: Extract<Attachment, { playerId: string | null }>, probeAt: number): void {
    if (probeAt !== att.welcomeAt && probeAt !== this.revealAt) return;
    const trips = recordEcho(att.trips, probeAt, Date.now());
    if (!trips) return;
    // In place: the registry holds this object (re-tracking would move the socket in the broadcast order).
    att.trips = trips;
    ws.serializeAttachment(att);
  }

  /** A message from one of the host's seats: the host's own screen or a remote. */
  private async hostMessage(ws: WebSocket, role: Role, msg: HostMessage): Promise<void> {
    const game = this.game;
    if (!game) return;
    switch (msg.type) {
      case "players": {
        // Rows queued for writing first: the list never names a player storage does not have yet.
        this.writes.flush();
        const players = this.coordinator
          ? await this.coordinator.players()
          : game.selfPaced
            ? assignmentPlayerList(game, game.selfPaced)
            : playerList(game);
        return send(ws, { type: "players", players, serverTime: Date.now() });
      }
      case "pair":
      case "cancelPairing":
      case "revokeRemote":
        if (role !== "host") {
          return this.reply(ws, "remote_not_allowed", "Only the host's own screen can pair or revoke remotes.");
        }
        return this.remoteCommand(ws, msg);
      default:
        if (this.coordinator) {
          const refused = await this.coordinator.command(msg.type, "playerId" in msg ? msg.playerId : undefined);
          if (refused) this.reply(ws, refused.code, refused.message);
          return;
        }
        return this.dispatchFrom(ws, {
          type: "command",
          command: msg.type,
          ...("playerId" in msg ? { playerId: msg.playerId } : {}),
          ...("index" in msg ? { index: msg.index, text: msg.text } : {}),
          ...("team" in msg ? { team: msg.team } : {}),
        });
    }
  }

  private async remoteCommand(
    ws: WebSocket,
    msg: Extract<HostMessage, { type: "pair" | "cancelPairing" | "revokeRemote" }>,
  ): Promise<void> {
    if (msg.type === "cancelPairing") return this.remotes.cancelPairing();
    if (msg.type === "pair") {
      if (this.game?.clock.phase === "finished") return this.reply(ws, "game_finished", "This game has finished.");
      const now = Date.now();
      const { pairingCode, expiresAt } = await this.remotes.startPairing(now);
      return send(ws, { type: "pairing", pairingCode, expiresAt, serverTime: now });
    }
    if (!this.remotes.revoke(msg.remoteId)) return this.reply(ws, "remote_not_found", "No such remote in this game.");
    for (const remote of this.sockets.ofRemote(msg.remoteId)) {
      this.closeWithError(remote, "remote_revoked", "The host revoked this remote.", CLOSE_CODES.remoteRevoked);
    }
    this.sendRemotes();
    this.log("remote_revoked", { remoteId: msg.remoteId });
  }

  /** The live remotes, each with whether a socket of it is open. */
  private remoteSummaries() {
    return this.remotes.summaries((id) => this.sockets.ofRemote(id).length > 0);
  }

  /** The host's seats get the list of live remotes whenever it changes (paired, revoked, connected, gone). */
  private sendRemotes(): void {
    this.sockets.broadcast("host", { type: "remotes", remotes: this.remoteSummaries() });
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.socketGone(ws);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "bye");
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  private async hello(ws: WebSocket, token: string): Promise<void> {
    // Hashing yields to other events: a second hello on the same socket must not sign it in twice.
    if (this.helloInFlight.has(ws)) return this.reply(ws, "already_authenticated", "Hello already received.");
    this.helloInFlight.add(ws);
    const who = await this.identify(token);
    this.helloInFlight.delete(ws);
    const game = this.game;
    // The socket may have closed (or the game expired) while we hashed.
    if (!game || !this.sockets.attachment(ws)) return;
    if (!who) {
      return this.closeWithError(
        ws,
        "invalid_token",
        "That token does not belong to this game.",
        CLOSE_CODES.invalidToken,
      );
    }
    if (who.role === "player" && game.players.get(who.playerId)?.kicked) {
      return this.closeWithError(ws, "kicked", "The host removed you from this game.", CLOSE_CODES.kicked);
    }
    if (who.role === "remote" && who.revoked) {
      return this.closeWithError(ws, "remote_revoked", "The host revoked this remote.", CLOSE_CODES.remoteRevoked);
    }
    // A shard that has closed the question and awaits the game's reveal signs the phone in once the reveal is here,
    // so that it comes back to the reveal (with its own figures), as it would in a single game.
    if (this.shardSide && game.clock.phase === "reveal" && !game.lastReveal) {
      return this.shardSide.afterReveal(() => {
        if (this.game && this.sockets.attachment(ws)?.role === "pending") this.admit(ws, this.game, who);
      });
    }
    this.admit(ws, game, who);
  }

  /** Signs a socket in as `who` and sends its welcome. */
  private admit(ws: WebSocket, game: GameState, who: ParsedToken): void {
    const role: Role = who.role;
    const playerId = who.role === "host" ? game.hostPlayerId : who.role === "player" ? who.playerId : null;
    const now = Date.now();
    // The welcome's serverTime is this socket's first round-trip probe (fair timing).
    const att: Attachment =
      who.role === "remote"
        ? { role, playerId, remoteId: who.remoteId, welcomeAt: now }
        : { role, playerId, welcomeAt: now };
    ws.serializeAttachment(att);
    this.sockets.track(ws, att);
    if (playerId) this.dispatch({ type: "connect", playerId });
    const name = playerId
      ? (game.players.get(playerId)?.name ?? null)
      : who.role === "remote"
        ? this.remotes.label(who.remoteId)
        : null;
    this.writes.flush();
    const remotes = role === "player" ? [] : this.remoteSummaries();
    send(ws, {
      type: "welcome",
      role,
      playerId,
      name,
      serverTime: now,
      game: {
        ...(game.selfPaced ? assignmentSnapshot(game, game.selfPaced, role, playerId) : this.snapshotFor(game, role)),
        ...(remotes.length ? { remotes } : {}),
      },
      you: !playerId ? null : game.selfPaced ? assignmentYou(game, game.selfPaced, playerId) : youState(game, playerId),
    });
    // One player's sockets are capped (each gets every broadcast): the newest is the one in use, the oldest goes.
    const seats = playerId ? this.sockets.ofPlayer(playerId) : [];
    for (const old of seats.slice(0, Math.max(0, seats.length - LIMITS.socketsPerPlayer))) {
      const why = `This seat is open on more than ${LIMITS.socketsPerPlayer} screens; the oldest was closed.`;
      this.closeWithError(old, "too_many_sockets", why, CLOSE_CODES.replaced);
    }
    if (who.role === "remote") this.sendRemotes();
  }

  /**
   * Whose token this is: the host's, a player's (kicked or not), a remote's (revoked or not), or nobody's. Compared
   * by hash in constant time.
   */
  private async identify(token: string): Promise<(ParsedToken & { revoked?: boolean }) | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const hash = await hashToken(token);
    if (parsed.role === "remote") {
      const state = this.remotes.check(parsed.remoteId, hash);
      return state === null ? null : { ...parsed, revoked: state === "revoked" };
    }
    const stored = parsed.role === "host" ? this.hostHash : this.playerHashes.get(parsed.playerId);
    return stored && sameHash(hash, stored) ? parsed : null;
  }

  /** Says why, then closes the socket with `closeCode` and forgets it. */
  private closeWithError(ws: WebSocket, code: ErrorCode, message: string, closeCode: number): void {
    sendError(ws, code, message);
    ws.close(closeCode, code);
    this.socketGone(ws);
  }

  /** Runs a socket's event; a refusal goes back to that socket only and changes nothing. */
  private async dispatchFrom(ws: WebSocket, event: GameEvent): Promise<void> {
    const outcome = this.dispatch(event);
    if (!outcome.ok) {
      this.writes.flush();
      this.reply(ws, outcome.error.code, outcome.error.message);
    }
    await this.scheduleAlarm();
  }

  /** A bad frame: before hello it closes the socket (a client that cannot say hello cannot play); after, it is reported. */
  private refuseMessage(ws: WebSocket, att: Attachment, code: ErrorCode, message: string): void {
    if (att.role === "pending") this.closeWithError(ws, code, message, CLOSE_CODES.protocolError);
    else this.reply(ws, code, message);
  }

  /** An error for one socket's refused message; a socket that keeps getting refused gets a few, then silence. */
  private reply(ws: WebSocket, code: ErrorCode, message: string): void {
    if (this.budget.mayReply(ws)) sendError(ws, code, message);
  }

  /** Forgets a socket that closed or is being closed; its player is one socket less connected. */
  private socketGone(ws: WebSocket): void {
    const att = this.sockets.untrack(ws);
    if (att && att.role !== "pending" && att.playerId && this.game) {
      this.dispatch({ type: "disconnect", playerId: att.playerId });
      void this.scheduleAlarm();
    }
    if (att?.role === "remote" && this.game) this.sendRemotes();
  }

  // -------------------------------------------------------------------------------------------------------------
  // The alarm: every deadline (question, reveal, hello, expiry) is checked here against stored state.

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const now = Date.now();
    for (const ws of this.sockets.pendingOpenedBy(now - HELLO_TIMEOUT_MS)) {
      this.closeWithError(
        ws,
        "hello_timeout",
        `No hello within ${HELLO_TIMEOUT_MS / 1000} seconds.`,
        CLOSE_CODES.helloTimeout,
      );
    }
    if (this.coordinator) await this.coordinator.tick();
    else if (this.game) this.dispatch({ type: "tick" });
    await this.scheduleAlarm();
  }

  /** Sets the alarm to the earliest thing due when that is earlier than the alarm already set. */
  private async scheduleAlarm(): Promise<void> {
    let wake = this.game ? nextWake(this.game) : Number.POSITIVE_INFINITY;
    const oldestPending = this.sockets.oldestPending();
    if (oldestPending !== null) wake = Math.min(wake, oldestPending + HELLO_TIMEOUT_MS);
    if (!Number.isFinite(wake)) {
      if (this.alarmAt !== null) {
        this.alarmAt = null;
        await this.ctx.storage.deleteAlarm();
      }
      return;
    }
    // Only ever move the alarm earlier. An alarm left earlier than needed costs one wake-up that finds nothing due
    // (the handler re-checks everything and sets the next one); moving it later on every socket that opens or says
    // hello cost a storage write per connection.
    if (this.alarmAt !== null && this.alarmAt <= wake) return;
    this.alarmAt = wake;
    await this.ctx.storage.setAlarm(wake);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Carrying out the engine's effects.

  private dispatch(event: GameEvent) {
    const game = this.game;
    if (!game)
      return {
        ok: false as const,
        error: { code: "game_expired" as const, message: "This game is over and its data is gone." },
      };
    const input = this.engineInput();
    // A shard's clock follows the coordinator's schedule (shard-rules.ts); everything else is the engine's.
    const outcome =
      event.type === "tick" && game.settings.shard ? shardTick(game, input.now) : apply(game, event, input);
    if (outcome.ok) {
      try {
        this.carryOut(outcome.effects, input.now);
      } catch (err) {
        this.log("error", { message: err instanceof Error ? err.message : String(err), event: event.type });
        throw err;
      }
    }
    return outcome;
  }

  /**
   * Writes, then tells. An event that only adds rows and talks to single sockets (an answer and its ack, a join)
   * joins the open batch: its rows are committed together with every row that arrives before the batch's timer fires,
   * and its messages go out after that commit (the output gate holds them until it is durable). Anything else (a phase
   * change, a kick, a lock) commits the open batch first, so nothing it sends can overtake an earlier acknowledgement.
   */
  private carryOut(effects: Effect[], now: number): void {
    const writes = effects.filter((e) => WRITES.has(e.type));
    if (writes.length > 0 && effects.every((e) => BATCHABLE.has(e.type))) {
      const rest = effects.filter((e) => !WRITES.has(e.type));
      this.writes.add(
        () => this.run(writes, now),
        () => this.run(rest, now),
      );
    } else {
      // Nothing to write (a connect: nothing to wait for), or a phase change that must follow every earlier write.
      if (writes.length > 0) this.writes.flush();
      this.run(effects, now);
    }
  }

  private run(effects: Effect[], now: number): void {
    for (const effect of effects) {
      switch (effect.type) {
        case "saveClock":
          if (this.game) this.store.saveClock(this.game.clock);
          break;
        case "savePlayer":
          this.store.insertPlayer(effect.player, this.playerHashes.get(effect.player.id) ?? null);
          break;
        case "saveAnswer":
          this.store.insertAnswer(effect.answer);
          break;
        case "saveKick":
          this.store.kickPlayer(effect.playerId, effect.fromQuestion);
          break;
        case "saveHiddenName":
          this.store.hidePlayer(effect.playerId, effect.hidden);
          break;
        case "saveHiddenAnswer":
          this.store.hideAnswer(effect.key, effect.index, effect.text, effect.hidden);
          break;
        case "saveTeam":
          this.store.setTeam(effect.playerId, effect.team);
          break;
        case "saveProgress":
          this.store.saveProgress(effect.progress);
          break;
        case "send":
          this.sockets.broadcast(effect.to, effect.message);
          break;
        case "sendEach":
          // A reveal's serverTime is a round-trip probe: clients echo it at once (fair timing).
          if (effect.message.type === "reveal") this.revealAt = effect.message.serverTime;
          this.sockets.sendEach(effect.to, effect.message, effect.you);
          break;
        case "viewChanged":
          this.updates.changed(effect.view);
          break;
        case "closePlayer":
          // The engine has already let the player go: these sockets are forgotten without a disconnect event.
          for (const ws of this.sockets.ofPlayer(effect.playerId)) {
            sendError(ws, "kicked", "The host removed you from this game.");
            ws.close(effect.code, effect.reason);
            this.sockets.untrack(ws);
          }
          break;
        case "destroy":
          this.destroy();
          return;
        case "log":
          this.log(effect.event, { ...effect.data, now });
          break;
      }
    }
  }

  /** Expiry: say goodbye, close every socket and delete everything this object stored. */
  private destroy(): void {
    for (const ws of this.sockets.all()) {
      sendError(ws, "game_expired", "This game is over and its data has been deleted.");
      try {
        ws.close(CLOSE_CODES.gameGone, "game_expired");
      } catch {
        // Already closed.
      }
    }
    this.sockets.clear();
    this.game = null;
    this.remotes.clear();
    this.playerHashes.clear();
    this.hostHash = "";
    this.updates.cancel();
    this.writes.discard();
    this.coordinator = null;
    this.shardSide = null;
    // Nothing is left behind: no tables, no alarm (deleteAll takes the alarm too on current runtimes; saying so
    // costs nothing and does not depend on a compatibility date).
    this.alarmAt = null;
    void this.ctx.storage.deleteAlarm();
    void this.ctx.storage.deleteAll();
  }

  // -------------------------------------------------------------------------------------------------------------
  // A big game over several objects (docs/scaling.md): this object as its coordinator or as one of its shards. The
  // calls below come from the worker and from the game's other objects, never from a client; each checks its input
  // before acting, so a bad call is refused and changes nothing.

  private shardStub(index: number): DurableObjectStub<GameRoom> {
    const code = this.game?.code ?? "";
    return this.env.GAME.get(this.env.GAME.idFromName(shardObjectName(code, index)));
  }

  /** Sets up the coordinator or the shard side of a big game from its settings (nothing for a single object). */
  private becomeSharded(game: GameState): void {
    const { shards, shard } = game.settings;
    const room = {
      game: () => this.game,
      shard: (k: number) => this.shardStub(k),
      store: this.shardStore,
      log: (event: string, data?: Record<string, unknown>) => this.log(event, data),
    };
    if (shards !== undefined && shards > 1) {
      const { rounds, gameOver } = this.shardStore.load();
      const last = rounds.size > 0 ? (rounds.get(Math.max(...rounds.keys())) as MergedRound) : null;
      if (last) {
        game.leaderboard = last.reveal.leaderboard ?? [];
        const shown = game.clock.phase === "reveal" && last.index === game.clock.index;
        game.lastReveal = shown ? { ...last.reveal, nextAt: game.clock.revealEndsAt } : null;
      }
      if (game.clock.phase === "finished" && gameOver) game.gameOver = gameOver;
      this.coordinator = new Coordinator(
        {
          ...room,
          run: (effects) => this.carryOut(effects, Date.now()),
          scheduleAlarm: () => this.scheduleAlarm(),
          viewChanged: (view) => this.updates.changed(view),
        },
        shards,
        last,
      );
    } else if (shard) {
      const { rounds, gameOver } = this.shardStore.load();
      restoreMergedRanks(game, rounds, gameOver);
      for (const device of this.shardStore.bannedDevices()) game.bannedDevices.add(device);
      this.shardSide = new ShardSide(
        { ...room, coordinator: () => this.env.GAME.get(this.env.GAME.idFromName(game.code)) },
        shard.index,
        shard.count,
      );
    }
  }

  /** The coordinator creates its shards, each with the game as prepared here (the same shuffled choices). */
  private async createShards(game: GameState): Promise<void> {
    const count = game.settings.shards ?? 1;
    this.shardStore.ensureSchema();
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        this.shardStub(index).shardCreate({
          code: game.code,
          ...(game.title ? { title: game.title } : {}),
          createdAt: game.createdAt,
          settings: { ...game.settings, shards: undefined, shard: { index, count } },
          questions: game.questions,
          shard: { index, count },
        }),
      ),
    );
    this.becomeSharded(game);
  }

  /** The snapshot a signing-in seat gets: in a big game, the host's lobby and progress are the whole game's. */
  private snapshotFor(game: GameState, role: Role) {
    if (this.coordinator && role !== "player") return this.coordinator.snapshot(game);
    const base = snapshot(game, role);
    return this.shardSide ? { ...base, lobby: this.shardSide.playersLobby(base.lobby) } : base;
  }

  /**
   * The player id and name a join goes ahead with. In a shard: the worker's id, which hashes here, and a name this
   * shard owns (docs/scaling.md): every player whose name has the same look-alike key joins here, so the engine's own
   * check keeps names unique across the whole game.
   */
  private shardedJoin(
    game: GameState,
    name: string | null,
    shardId: string | undefined,
  ): { ok: true; playerId: string; name: string | null } | Extract<JoinRoomResult, { ok: false }> {
    if (this.coordinator) {
      const message = "This game's players join through its shards; the worker routes joins there.";
      return { ok: false, error: { code: "invalid_request", message } };
    }
    if (!this.shardSide) return { ok: true, playerId: newPlayerId(), name };
    if (
      !shardId ||
      !PLAYER_ID_PATTERN.test(shardId) ||
      shardOf(shardId, this.shardSide.count) !== this.shardSide.index
    ) {
      return {
        ok: false,
        error: { code: "invalid_request", message: "That player id does not belong to this shard." },
      };
    }
    const { index, count } = this.shardSide;
    if (name !== null && shardOf(nameKey(name), count) !== index) {
      return { ok: false, error: { code: "invalid_request", message: "That name belongs to another shard." } };
    }
    // Without a name: a friendly one this shard owns (checking the owner first costs a hash; the filter, more).
    const owned = (n: string) => shardOf(nameKey(n), count) === index;
    return {
      ok: true,
      playerId: shardId,
      name: name ?? randomName(Math.random, (n) => !owned(n) || game.nameKeys.has(nameKey(n))),
    };
  }

  /** How many shards this game has (1: a single object), or null when there is no game: cached by the worker. */
  async topology(): Promise<{ shards: number } | null> {
    return this.game ? { shards: this.game.settings.shards ?? 1 } : null;
  }

  /** Creates this shard's copy of the game (questions, settings); a shard left from an expired game is replaced. */
  async shardCreate(input: ShardCreateInput): Promise<boolean> {
    if (this.game && this.game.createdAt === input.createdAt) return true;
    if (this.game) this.destroy();
    const game = emptyState({
      code: input.code,
      title: input.title,
      createdAt: input.createdAt,
      settings: { ...input.settings, shard: input.shard },
      questions: input.questions,
      hostPlayerId: null,
      clock: lobbyClock(input.createdAt),
    });
    this.store.ensureSchema();
    this.shardStore.ensureSchema();
    // A shard has no host: no host token signs in here.
    this.store.createGame({ ...game, hostHash: "-" });
    this.game = game;
    this.becomeSharded(game);
    await this.scheduleAlarm();
    return true;
  }

  /** Carries out a shard rule's effects (writes first) and sets the alarm for what is due next. */
  private async carryShard(effects: Effect[]): Promise<void> {
    this.carryOut(effects, Date.now());
    await this.scheduleAlarm();
  }

  async shardSchedule(input: unknown): Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }> {
    const parsed = SlotSchema.safeParse(input);
    if (!parsed.success) return rpcRefusal(parsed.error);
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const outcome = scheduleQuestion(this.game, parsed.data, Date.now());
    if (!outcome.ok) return outcome;
    await this.carryShard(outcome.effects);
    return { ok: true };
  }

  /** Closes question `index` here and returns this shard's summary; `early`: only if nobody here is waited for. */
  async shardClose(index: number, early = false) {
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const outcome = closeForCoordinator(this.game, index, Date.now(), early === true);
    if (!outcome.ok) return outcome;
    await this.carryShard(outcome.effects);
    return { ok: true, summary: outcome.summary };
  }

  async shardReveal(input: unknown, nextAt: number | null, silent: boolean) {
    const parsed = MergedRoundSchema.safeParse(input);
    if (!parsed.success) return rpcRefusal(parsed.error);
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const merged = parsed.data as unknown as MergedRound;
    const outcome = applyReveal(
      this.game,
      merged,
      typeof nextAt === "number" ? nextAt : null,
      Date.now(),
      silent === true,
    );
    if (this.game.lastReveal?.index === merged.index) this.shardStore.saveRound(merged);
    await this.carryShard(outcome.effects);
    this.admitWaiting();
    return { ok: true };
  }

  async shardPause(input: unknown) {
    const parsed = PauseSchema.safeParse(input);
    if (!parsed.success) return rpcRefusal(parsed.error);
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const outcome = pauseShard(this.game, parsed.data);
    if (outcome.ok) await this.carryShard(outcome.effects);
    return { ok: true };
  }

  async shardResume(input: unknown) {
    const parsed = ResumeSchema.safeParse(input);
    if (!parsed.success) return rpcRefusal(parsed.error);
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const outcome = resumeShard(this.game, parsed.data, Date.now());
    if (outcome.ok) await this.carryShard(outcome.effects);
    return { ok: true };
  }

  /** Signs in the phones that came back while this shard awaited the reveal (shard-link.ts `afterReveal`). */
  private admitWaiting(): void {
    this.shardSide?.revealHere();
  }

  async shardFinish(over: GameOverPayload) {
    if (!this.game || !this.shardSide)
      return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    if (!over || !Array.isArray(over.leaderboard) || !Array.isArray(over.podium)) {
      return { ok: false, error: { code: "invalid_request", message: "Not a valid game-over message." } };
    }
    this.shardStore.saveGameOver(over);
    await this.carryShard(finishShard(this.game, over, Date.now()));
    this.admitWaiting();
    return { ok: true };
  }

  /** A host's command the coordinator passes on: lock and unlock (every shard), a kick (the player's shard). */
  async shardCommand(input: unknown): Promise<ShardCommandResult> {
    const parsed = ShardCommandSchema.safeParse(input);
    if (!parsed.success) return rpcRefusal(parsed.error);
    const game = this.game;
    if (!game || !this.shardSide) return { ok: false, error: { code: "game_not_found", message: "No shard here." } };
    const cmd = parsed.data;
    const device = cmd.command === "kick" ? game.players.get(cmd.playerId)?.device : undefined;
    const outcome = this.dispatch({
      type: "command",
      command: cmd.command,
      ...(cmd.command === "kick" ? { playerId: cmd.playerId } : {}),
    });
    if (!outcome.ok) return { ok: false, error: outcome.error };
    await this.scheduleAlarm();
    return { ok: true, device: device ?? null };
  }

  async shardBanDevice(device: string): Promise<void> {
    if (!this.game || !this.shardSide || typeof device !== "string" || device.length > 64) return;
    this.game.bannedDevices.add(device);
    this.shardStore.banDevice(device);
  }

  async shardPlayers(): Promise<ShardPlayer[]> {
    const game = this.game;
    if (!game || !this.shardSide) return [];
    this.writes.flush();
    const joined = new Map([...game.players.values()].map((p) => [p.id, p.joinedAt]));
    return playerList(game).map((p) => ({ ...p, joinedAt: joined.get(p.id) ?? 0 }));
  }

  /** How many of this shard's players answered each closed question, and how many were right. */
  async shardStats(played: number): Promise<ShardStats> {
    if (!this.game || !this.shardSide || !Number.isInteger(played) || played < 0) return [];
    this.writes.flush();
    return [...this.store.questionStats(Math.min(played, this.game.questions.length))].map(([index, s]) => [
      index,
      s.answered,
      s.correctCount,
    ]);
  }

  /** A page of this shard's results in its standings order (the coordinator merges the shards' pages). */
  async shardResults(played: number, offset: number, limit: number): Promise<ShardResultRow[]> {
    const game = this.game;
    if (!game || !this.shardSide || ![played, offset, limit].every((n) => Number.isInteger(n) && n >= 0)) return [];
    this.writes.flush();
    const closed = Math.min(played, game.questions.length);
    const page = standings(game).slice(offset, offset + Math.min(limit, RESULTS_PAGE));
    const answers = this.store.answersOf(
      page.map((s) => s.player.id),
      closed,
    );
    return page.map((s) => ({
      player: resultsPlayer(game, s, answers.get(s.player.id) ?? new Map(), closed),
      joinedAt: s.player.joinedAt,
    }));
  }

  async shardReport(input: unknown) {
    if (!this.coordinator) return { error: "not_a_coordinator" };
    return this.coordinator.report(input);
  }
}
