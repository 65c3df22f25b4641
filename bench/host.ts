/**
 * The host bot: creates a game with the bench's own questions (so the player bots know the answers without the
 * server telling them early), connects as host, and drives the game the way a person at the front of the room
 * would: it waits a moment (500 ms by default) before starting and before each `next` after a reveal.
 *
 * It survives a server that goes away (`--chaos`): its socket is reopened on the phone's back-off schedule
 * (web/src/lib/reconnect.ts), says hello with the host token, and the welcome snapshot tells it where the game is.
 * A command is only ever sent for the state the host last saw, once per state and connection: `next` in the
 * reveal of question q goes out once, and again only if a reconnect shows the game still in that reveal (the command
 * was lost with the server). A second `next` in the following question would close it early. And like a person
 * whose screen showed the room drop out, it waits until as many players show as connected as before its own
 * connection dropped (for at most a minute) before it moves the game on.
 */
import { EventEmitter } from "node:events";
import WebSocket from "ws";
import { RECONNECT, reconnectDelay, reconnectOptions } from "../web/src/lib/reconnect.ts";
import {
  CLOSE_CODES,
  type CreateGameResponse,
  type GameOverPayload,
  type Phase,
  type ServerMessage,
  type ServerMessageOf,
} from "../worker/protocol/values.ts";
import type { Incident } from "./checks.ts";
import { openTimeout } from "./open-timeout.ts";
import { type AuthoredQuestion, type BenchConfig, epochNow, sleep } from "./workload.ts";

/** The longest the host waits for its players to come back after its connection dropped. */
const WAIT_FOR_PLAYERS_MS = 60_000;

/** Closes no retry can fix (as for the phones, web/src/lib/connection.ts). */
const FATAL_CLOSES = new Set<number>([CLOSE_CODES.invalidToken, CLOSE_CODES.gameGone, CLOSE_CODES.protocolError]);

interface HostEvents {
  /** Question `index` reached the host (live or from a reconnect snapshot). */
  question: [index: number];
  /** The reveal of question `index` reached the host. */
  reveal: [index: number];
  /** The host was welcomed (first connection or a reconnect). */
  welcome: [];
}

export class HostBot extends EventEmitter<HostEvents> {
  code = "";
  private token = "";
  private ws: WebSocket | null = null;
  /** Epoch ms at which the host sent the command that opened each question (`start`, then `next`). */
  readonly commandAt: number[] = [];
  /** With a lead-in: when each question's choices were due to open (the `ready` message's `opensAt`). */
  readonly opensAt: number[] = [];
  /** Each question's opening as the server planned it (a sharded game's shards open at this instant). */
  readonly startedAt: number[] = [];
  /** The server's `serverTime` on each question as the host received it. */
  readonly questionServerTime: number[] = [];
  /** Epoch ms at which each question and each reveal reached the host. */
  readonly questionReceivedAt: number[] = [];
  readonly revealReceivedAt: number[] = [];
  /** When each question opened and its deadline (server epoch ms; null while paused), as the host saw it. */
  readonly opened: { startedAt: number; deadline: number | null }[] = [];
  /** Epoch ms of each welcome (the first connection and every reconnect). */
  readonly welcomes: number[] = [];
  readonly reveals: ServerMessageOf<"reveal">[] = [];
  gameOver: GameOverPayload | null = null;
  readonly errors: string[] = [];
  /** Closes and failed connection attempts, with their times (judged after the run like the bots'). */
  readonly incidents: Incident[] = [];
  readonly traffic = { messages: 0, bytes: 0 };
  /** Where the game is, as the host last saw it. */
  phase: Phase | null = null;
  index = -1;
  /** Epoch ms of the latest welcome. */
  welcomedAt = 0;
  /** Reconnects after the first welcome. */
  reconnects = 0;
  /** How many players are connected, as the host's lobby view last said. */
  private connected = 0;
  /** After its connection dropped: how many players were connected before, and since when it waits for them. */
  private waitingFor: number | null = null;
  private waitingSince = 0;
  /** Welcomed on the socket it has now: commands go out only then (a command before the hello is refused). */
  private live = false;
  private playing = false;
  private stopped = false;
  /** The state a command was last sent for on the current connection ("lobby", "reveal 3"), and its timer. */
  private commandedFor: string | null = null;
  private commandTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = -1;
  /** Its first retry delay after a drop, as a phone draws its own (web/src/lib/reconnect.ts). */
  private readonly retryDelayMs = reconnectOptions(Math.random()).minReconnectionDelay;
  private uptimeTimer: ReturnType<typeof setTimeout> | null = null;
  private finished: (() => void) | null = null;
  private failed: ((err: Error) => void) | null = null;

  private readonly url: string;
  private readonly config: BenchConfig;
  readonly questions: AuthoredQuestion[];
  private readonly title: string;

  constructor(url: string, config: BenchConfig, questions: AuthoredQuestion[], title: string) {
    super();
    this.url = url;
    this.config = config;
    this.questions = questions;
    this.title = title;
  }

  async create(): Promise<void> {
    const res = await fetch(`${this.url}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        questions: this.questions,
        questionSeconds: this.config.seconds,
        // The host advances by hand, as the workload says (it waits, then sends `next`).
        revealSeconds: 0,
        // Only when asked for: the standard workload's request stays what it always was.
        ...(this.config.readSeconds > 0 ? { readSeconds: this.config.readSeconds } : {}),
        ...(this.config.teams > 0 ? { teams: this.config.teams } : {}),
        ...(this.config.shards > 1 ? { shards: this.config.shards } : {}),
        title: this.title,
      }),
    });
    const body = (await res.json()) as CreateGameResponse & { error?: { code: string; message: string } };
    if (res.status !== 201) {
      throw new Error(`creating a game failed: ${res.status} ${body.error?.code}: ${body.error?.message}`);
    }
    this.code = body.code;
    this.token = body.hostToken;
  }

  /** Connects and says hello; rejects if the first connection fails (the game cannot be driven at all). */
  async connect(): Promise<void> {
    if (!(await this.open())) throw new Error(`host socket closed before welcome (${this.errors.at(-1) ?? ""})`);
  }

  /** One connection attempt; true once welcomed as host, false if the socket closed first. */
  private open(): Promise<boolean> {
    this.retries++;
    const ws = new WebSocket(`${this.url.replace(/^http/, "ws")}/api/games/${this.code}/ws`, {
      perMessageDeflate: this.config.deflate,
    });
    this.ws = ws;
    this.commandedFor = null;
    return new Promise((resolve) => {
      let welcomed = false;
      const timeout = openTimeout(ws);
      ws.on("open", () => {
        timeout.clear();
        this.uptimeTimer = setTimeout(() => {
          this.retries = 0;
        }, RECONNECT.minUptime);
        ws.send(JSON.stringify({ type: "hello", token: this.token }));
      });
      ws.on("error", (err: Error & { code?: string }) => {
        this.incidents.push({
          at: epochNow(),
          kind: "socket",
          what: timeout.timedOut ? "ETIMEDOUT" : (err.code ?? err.message),
        });
      });
      ws.on("close", (code) => {
        timeout.clear();
        if (this.uptimeTimer) clearTimeout(this.uptimeTimer);
        if (ws !== this.ws) return;
        this.ws = null;
        if (this.commandTimer) clearTimeout(this.commandTimer);
        this.commandTimer = null;
        this.live = false;
        if (this.stopped) return;
        if (!timeout.timedOut) this.incidents.push({ at: epochNow(), kind: "close", what: String(code) });
        if (this.waitingFor === null) {
          this.waitingFor = this.connected;
          this.waitingSince = epochNow();
          // Whoever rejoins is seen again in the lobby list; so is the wait's end, checked once a second too.
          const check = setInterval(() => {
            if (this.waitingFor === null || this.stopped) clearInterval(check);
            else this.carryOn();
          }, 1000);
          check.unref();
        }
        if (FATAL_CLOSES.has(code)) {
          this.stopped = true;
          this.failed?.(new Error(`host socket closed for good (${code})`));
        }
        if (!welcomed) resolve(false);
        else if (!this.stopped && !this.gameOver) void this.reconnect();
      });
      ws.on("message", (data: Buffer) => {
        this.traffic.messages++;
        this.traffic.bytes += data.length;
        const msg = JSON.parse(data.toString("utf8")) as ServerMessage;
        if (msg.type === "welcome") {
          welcomed = true;
          if (msg.role !== "host") {
            this.errors.push(`host token signed in as ${msg.role}`);
            resolve(false);
            return;
          }
          this.onWelcome(msg);
          resolve(true);
          return;
        }
        this.onMessage(msg);
      });
    });
  }

  /** Opens the socket again on the back-off schedule until welcomed (or the game is over). */
  private async reconnect(): Promise<void> {
    while (!this.stopped && !this.gameOver) {
      await sleep(reconnectDelay(this.retries + 1, this.retryDelayMs));
      if (this.stopped || this.gameOver) return;
      if (await this.open()) {
        this.reconnects++;
        return;
      }
    }
  }

  private onWelcome(msg: ServerMessageOf<"welcome">): void {
    this.welcomedAt = epochNow();
    this.welcomes.push(this.welcomedAt);
    const game = msg.game;
    this.live = true;
    this.seePlayers(game.lobby);
    this.phase = game.phase;
    const q = game.question;
    if (q) {
      this.index = q.index;
      this.opened[q.index] ??= { startedAt: q.startedAt, deadline: q.deadline };
      if (this.questionReceivedAt[q.index] === undefined) {
        this.questionReceivedAt[q.index] = this.welcomedAt;
        this.emit("question", q.index);
      }
    }
    // A reveal that came while the host was away (the question closed by its deadline or the last answer).
    if (game.phase === "reveal" && game.reveal && !this.reveals[game.reveal.index]) {
      this.reveals[game.reveal.index] = { type: "reveal", serverTime: msg.serverTime, ...game.reveal };
      this.revealReceivedAt[game.reveal.index] = this.welcomedAt;
      this.emit("reveal", game.reveal.index);
    }
    if (game.phase === "finished" && game.gameOver) this.gameOver = game.gameOver;
    this.emit("welcome");
    if (this.gameOver) this.finished?.();
    else this.carryOn();
  }

  private onMessage(msg: ServerMessage): void {
    switch (msg.type) {
      case "lobby":
        this.seePlayers(msg);
        if (this.waitingFor !== null) this.carryOn();
        return;
      case "ready":
        this.phase = "ready";
        this.index = msg.index;
        if (msg.opensAt !== null) this.opensAt[msg.index] = msg.opensAt;
        return;
      case "question":
        this.phase = "question";
        this.index = msg.index;
        this.questionServerTime[msg.index] = msg.serverTime;
        this.questionReceivedAt[msg.index] = epochNow();
        this.opened[msg.index] = { startedAt: msg.startedAt, deadline: msg.deadline };
        this.startedAt[msg.index] = msg.startedAt;
        this.emit("question", msg.index);
        return;
      case "reveal":
        this.phase = "reveal";
        this.index = msg.index;
        this.reveals[msg.index] = msg;
        this.revealReceivedAt[msg.index] = epochNow();
        this.emit("reveal", msg.index);
        this.carryOn();
        return;
      case "gameOver":
        this.phase = "finished";
        this.gameOver = msg;
        this.finished?.();
        return;
      case "error":
        this.errors.push(`${msg.code}: ${msg.message}`);
        return;
      default:
        return;
    }
  }

  /** The host's lobby view: how many players are connected (its list holds only the newest few hundred). */
  private seePlayers(lobby: { connectedCount: number }): void {
    this.connected = lobby.connectedCount;
  }

  /**
   * What a person at the front would do next, from the state the host last saw: start from the lobby, `next` from a
   * reveal, each after the host's pause; nothing while a question runs. Once per state and connection.
   */
  private carryOn(): void {
    if (!this.live) return;
    if (this.waitingFor !== null) {
      if (this.connected < this.waitingFor && epochNow() - this.waitingSince < WAIT_FOR_PLAYERS_MS) return;
      this.waitingFor = null;
    }
    if (!this.playing) return;
    const state = this.phase === "lobby" ? "lobby" : this.phase === "reveal" ? `reveal ${this.index}` : null;
    if (state === null || state === this.commandedFor) return;
    this.commandedFor = state;
    if (this.commandTimer) clearTimeout(this.commandTimer);
    const ws = this.ws;
    this.commandTimer = setTimeout(() => {
      this.commandTimer = null;
      if (!ws || ws !== this.ws || !this.live) return;
      const opens = this.phase === "lobby" ? 0 : this.index + 1;
      if (opens < this.questions.length) this.commandAt[opens] = epochNow();
      ws.send(JSON.stringify({ type: this.phase === "lobby" ? "start" : "next" }));
    }, this.config.hostWaitMs);
  }

  /** Starts the game after the host's pause and resolves when `gameOver` arrives. */
  play(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stopped = true;
        reject(new Error(`game ${this.code} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.finished = () => {
        clearTimeout(timer);
        resolve();
      };
      this.failed = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      this.playing = true;
      this.carryOn();
    });
  }

  close(): void {
    this.stopped = true;
    if (this.commandTimer) clearTimeout(this.commandTimer);
    this.ws?.close(1000, "bench finished");
  }
}
