/**
 * The host bot: creates a game with the bench's own questions (so the player bots know the answers without the
 * server telling them early), connects as host, and drives the game the way a person at the front of the room
 * would: it waits a moment (500 ms by default) before starting and before each `next` after a reveal.
 */
import WebSocket from "ws";
import type { CreateGameResponse, GameOverPayload, ServerMessage, ServerMessageOf } from "../worker/protocol/values.ts";
import { type AuthoredQuestion, type BenchConfig, epochNow, sleep } from "./workload.ts";

export class HostBot {
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
  readonly reveals: ServerMessageOf<"reveal">[] = [];
  gameOver: GameOverPayload | null = null;
  readonly errors: string[] = [];
  readonly traffic = { messages: 0, bytes: 0 };
  closeCode: number | null = null;
  private finished: (() => void) | null = null;
  private failed: ((err: Error) => void) | null = null;

  private readonly url: string;
  private readonly config: BenchConfig;
  readonly questions: AuthoredQuestion[];
  private readonly title: string;

  constructor(url: string, config: BenchConfig, questions: AuthoredQuestion[], title: string) {
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

  connect(): Promise<void> {
    const ws = new WebSocket(`${this.url.replace(/^http/, "ws")}/api/games/${this.code}/ws`, {
      perMessageDeflate: this.config.deflate,
    });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      let welcomed = false;
      ws.on("open", () => ws.send(JSON.stringify({ type: "hello", token: this.token })));
      ws.on("error", (err) => {
        this.errors.push(`host socket: ${err.message}`);
        if (!welcomed) reject(err);
      });
      ws.on("close", (code) => {
        this.closeCode = code;
        if (!welcomed) reject(new Error(`host socket closed (${code}) before welcome`));
        else if (!this.gameOver) this.failed?.(new Error(`host socket closed (${code}) during the game`));
      });
      ws.on("message", (data: Buffer) => {
        this.traffic.messages++;
        this.traffic.bytes += data.length;
        const msg = JSON.parse(data.toString("utf8")) as ServerMessage;
        if (msg.type === "welcome") {
          welcomed = true;
          if (msg.role !== "host") reject(new Error(`host token signed in as ${msg.role}`));
          else resolve();
          return;
        }
        this.onMessage(msg);
      });
    });
  }

  private onMessage(msg: ServerMessage): void {
    switch (msg.type) {
      case "ready":
        if (msg.opensAt !== null) this.opensAt[msg.index] = msg.opensAt;
        return;
      case "question":
        this.questionServerTime[msg.index] = msg.serverTime;
        this.startedAt[msg.index] = msg.startedAt;
        return;
      case "reveal":
        this.onReveal(msg);
        return;
      case "gameOver":
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

  private onReveal(msg: ServerMessageOf<"reveal">): void {
    this.reveals[msg.index] = msg;
    void sleep(this.config.hostWaitMs).then(() => this.command("next", msg.index + 1));
  }

  private command(type: "start" | "next", opensQuestion: number): void {
    if (opensQuestion < this.questions.length) this.commandAt[opensQuestion] = epochNow();
    this.ws?.send(JSON.stringify({ type }));
  }

  /** Starts the game after the host's pause and resolves when `gameOver` arrives. */
  play(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`game ${this.code} did not finish within ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
      this.finished = () => {
        clearTimeout(timer);
        resolve();
      };
      this.failed = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      void sleep(this.config.hostWaitMs).then(() => this.command("start", 0));
    });
  }

  close(): void {
    this.ws?.close(1000, "bench finished");
  }
}
