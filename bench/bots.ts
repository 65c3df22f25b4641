/**
 * A bot process: plays its share of the players of every game, exactly as docs/protocol.md describes a client.
 *
 * Each bot joins over HTTP, opens the game's WebSocket, says hello, and then answers each question after a think
 * time drawn from the answer window, right with the configured probability. Some bots drop their socket once in
 * the middle of a question and come back with the same token. Each bot keeps a ledger of its game (what it sent,
 * what was acknowledged, what each reveal and snapshot told it) that checks.ts judges after the run; only what
 * needs the live stream is checked here (message order, identities, framing). Latencies are measured on this
 * machine's clock, which the local server shares.
 *
 * When the server goes away (`--chaos` kills it), a bot does what a phone does: a socket that drops is reopened on
 * the web client's own back-off schedule (web/src/lib/reconnect.ts) and says hello with the same token; a join whose
 * request failed is tried again under the same name, and under another one if that name turns out to be taken by
 * the lost try itself; an answer the reconnect snapshot does not show is sent again while the question is open.
 * Every close and failed request is kept with its time, for the run to tell what a restart caused from an error.
 */
import http from "node:http";
import https from "node:https";
import WebSocket from "ws";
import { RECONNECT, reconnectDelay, reconnectOptions } from "../web/src/lib/reconnect.ts";
import type { QuestionPayload, ServerMessage, ServerMessageOf } from "../worker/protocol/values.ts";
import { CLOSE_CODES } from "../worker/protocol/values.ts";
import type { BotLedger, Incident, Rejoin, RevealedResult } from "./checks.ts";
import type { TimedBot } from "./fairness.ts";
import type {
  BotResult,
  FromBots,
  GameAssignment,
  Progress,
  QuestionTally,
  ToBots,
  TrafficCounts,
  Watch,
} from "./ipc.ts";
import { openTimeout } from "./open-timeout.ts";
import { type BenchConfig, epochNow, seededRandom, sleep } from "./workload.ts";

const STREAM_PROBLEMS_KEPT = 50;

/** Closes after which a phone stops for good (web/src/lib/connection.ts): no retry can fix them. */
const FATAL_CLOSES = new Set<number>([
  CLOSE_CODES.invalidToken,
  CLOSE_CODES.kicked,
  CLOSE_CODES.gameGone,
  CLOSE_CODES.protocolError,
]);

/** How often a join is tried after failed requests before the bot gives up (about two minutes of back-off). */
const JOIN_TRIES = 25;

/** The error code of a failed request or socket ("ECONNREFUSED"), or its message. */
function errorCode(err: unknown): string {
  const e = err as Error & { code?: string };
  return e.code ?? e.message;
}

function send(message: FromBots): void {
  process.send?.(message);
}

interface Plan {
  skip: boolean;
  thinkMs: number;
  right: boolean;
  /** Which wrong choice (0..n-2) a wrong answer picks. */
  wrongPick: number;
}

interface OpenQuestion {
  index: number;
  correctIndex: number;
  choiceCount: number;
}

interface JsonResponse {
  status: number;
  body: unknown;
  retryAfter: string | undefined;
}

/**
 * POSTs JSON over keep-alive connections with Node's own HTTP client: a bot process makes thousands of joins, and
 * this costs the load generator well under half the CPU of `fetch`, leaving the shared cores to the server.
 */
class JsonClient {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(maxSockets: number) {
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets }),
      https: new https.Agent({ keepAlive: true, maxSockets }),
    };
  }

  /** Requests sent again at once after a reset on a reused keep-alive connection (see Bot.join). */
  retried = 0;

  /** POSTs `payload` as JSON; a failed request rejects with the error (`reusedSocket` set on a reused connection). */
  postJson(url: string, payload: unknown): Promise<JsonResponse> {
    const data = JSON.stringify(payload);
    const target = new URL(url);
    const secure = target.protocol === "https:";
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        target,
        {
          method: "POST",
          agent: secure ? this.agents.https : this.agents.http,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let body: unknown = null;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              body = { error: { code: `not JSON: ${text.slice(0, 60)}` } };
            }
            const retry = res.headers["retry-after"];
            resolve({ status: res.statusCode ?? 0, body, retryAfter: Array.isArray(retry) ? retry[0] : retry });
          });
        },
      );
      req.on("error", (err: Error & { code?: string; reusedSocket?: boolean }) => {
        if (err.code === "ECONNRESET" && req.reusedSocket) err.reusedSocket = true;
        reject(err);
      });
      req.end(data);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

class Run {
  readonly progress: Progress = { joined: 0, ready: 0, answersSent: 0, acked: 0, reveals: 0, finished: 0 };
  readonly samples = {
    join: [] as number[],
    connect: [] as number[],
    ack: [] as number[],
    questionFanout: [] as number[],
    revealFanout: [] as number[],
    gameOverFanout: [] as number[],
    reconnect: [] as number[],
  };
  readonly traffic = { lobby: {} as Record<string, TrafficCounts>, game: {} as Record<string, TrafficCounts> };
  readonly counters = {
    answersSent: 0,
    acked: 0,
    reconnects: 0,
    skipped: 0,
    rateLimited: 0,
    revealsMissed: 0,
    joinRetries: 0,
    answersResent: 0,
  };
  readonly errors = { server: {} as Record<string, number>, http: {} as Record<string, number> };
  /** Per kill: the bots it cut off that are not back yet. */
  private readonly awaitedBack = new Map<number, Set<Bot>>();
  readonly streamProblems = { count: 0, kept: [] as string[] };
  readonly tallies: QuestionTally[][];
  readonly bots: Bot[] = [];
  readonly http: JsonClient;

  readonly proc: number;
  readonly url: string;
  readonly config: BenchConfig;
  readonly games: GameAssignment[];
  readonly watch: Watch;

  constructor(proc: number, url: string, config: BenchConfig, games: GameAssignment[], watch: Watch) {
    this.proc = proc;
    this.url = url;
    this.config = config;
    this.games = games;
    this.watch = watch;
    this.http = new JsonClient(Math.max(1, Math.ceil(config.joinConcurrency / config.procs)));
    this.tallies = games.map((g) => g.questions.map(() => ({ reveal: null, revealDiffers: false, received: [] })));
    for (const g of games) {
      for (const n of g.bots) this.bots.push(new Bot(this, g, n));
    }
  }

  /** Something wrong in the message stream itself; everything else goes into the bots' ledgers. */
  streamProblem(text: string): void {
    this.streamProblems.count++;
    if (this.streamProblems.kept.length < STREAM_PROBLEMS_KEPT) this.streamProblems.kept.push(text);
  }

  count(bucket: Record<string, number>, key: string | number): void {
    bucket[key] = (bucket[key] ?? 0) + 1;
  }

  /** workerd was killed: every bot that had started joining and is still playing has lost its connection. */
  killed(kill: number): void {
    const cut = new Set<Bot>();
    for (const bot of this.bots) {
      if (bot.cutOff(kill)) cut.add(bot);
    }
    this.awaitedBack.set(kill, cut);
    this.checkBack(kill);
  }

  /** A bot was welcomed: it is back from every kill that cut it off. */
  welcomedBack(bot: Bot): void {
    for (const [kill, waiting] of this.awaitedBack) {
      if (waiting.delete(bot)) this.checkBack(kill);
    }
  }

  private checkBack(kill: number): void {
    const waiting = this.awaitedBack.get(kill);
    if (waiting && waiting.size === 0) {
      this.awaitedBack.delete(kill);
      send({ type: "back", proc: this.proc, kill });
    }
  }

  account(inGame: boolean, type: string, bytes: number): void {
    const table = inGame ? this.traffic.game : this.traffic.lobby;
    const row = table[type] ?? { messages: 0, bytes: 0 };
    row.messages++;
    row.bytes += bytes;
    table[type] = row;
  }
}

class Bot {
  /** Its player name: "bot 0-17", or a new one after a join whose reply was lost took the first. */
  name: string;
  readonly plans: Plan[];
  /** The question during which this bot drops its socket once, or -1. */
  readonly dropAt: number;
  readonly dropAfterMs: number;
  readonly reconnectDelayMs: number;
  /** Its first retry delay after a drop, drawn as a phone draws its own (web/src/lib/reconnect.ts). */
  readonly retryDelayMs: number;
  /** Simulated one-way network delay (--latency), added to everything this bot sends and receives. */
  readonly oneWayMs: number;
  /** Whether it echoes the server's round-trip probes as the web app does (fair timing); see fairness.ts. */
  readonly echoes: boolean;
  token = "";
  ws: WebSocket | null = null;
  connected = false;
  /** Welcomed on the socket it has now: only then does a phone let its player answer (web/src/lib/connection.ts). */
  live = false;
  welcomed = false;
  dropping = false;
  inGame = false;
  done = false;
  /** A close that no retry can fix (kicked, bad token, game gone): the bot stops, as a phone does. */
  stopped = false;
  /** The join has begun: from here on a kill cuts this bot off. */
  joinStarted = false;
  nextIndex = 0;
  current: OpenQuestion | null = null;
  /** The question whose answer came due while the socket was down; sent after the reconnect if still open. */
  pendingAnswer: number | null = null;
  dropPending = false;
  /** What this bot sent and was told, for checks.ts; the answers in it are this bot's one answer per question. */
  readonly ledger: BotLedger;
  /** Epoch ms at which each answer last went out on the wire (for the ack latency). */
  private readonly sentAt = new Map<number, number>();
  readonly revealed = new Set<number>();
  private welcomeWaiter: ((ok: boolean) => void) | null = null;
  private answerTimer: ReturnType<typeof setTimeout> | null = null;
  /** Connection attempts since the last one that stayed up (partysocket's retry count: it sets the back-off). */
  private retries = -1;
  private uptimeTimer: ReturnType<typeof setTimeout> | null = null;
  /** A reconnect loop is running. */
  private reconnecting = false;

  readonly run: Run;
  readonly game: GameAssignment;
  readonly number: number;

  constructor(run: Run, game: GameAssignment, number: number) {
    this.run = run;
    this.game = game;
    this.number = number;
    const cfg = run.config;
    const random = seededRandom(cfg.seed * 1_000_003 + game.game * 100_003 + number);
    this.name = `bot ${game.game}-${number}`;
    this.plans = game.questions.map(() => ({
      skip: random() < cfg.never,
      thinkMs: random() * cfg.answerWindowMs,
      right: random() < cfg.right,
      wrongPick: random(),
    }));
    this.dropAt = random() < cfg.reconnect ? Math.floor(random() * game.questions.length) : -1;
    this.dropAfterMs = random() * 300;
    this.reconnectDelayMs = 50 + random() * 200;
    this.retryDelayMs = reconnectOptions(random()).minReconnectionDelay;
    // A generator of its own, so the plans above are the same with or without --latency.
    const latency = cfg.latency;
    const net = seededRandom(cfg.seed * 7_919 + game.game * 100_003 + number + 17);
    this.oneWayMs = latency ? Math.round(latency.min + net() * (latency.max - latency.min)) : 0;
    this.echoes = !latency || number % 2 === 0;
    this.ledger = {
      game: game.game,
      name: this.name,
      playerId: "",
      answers: game.questions.map(() => null),
      reveals: game.questions.map(() => null),
      rejoins: [],
      finished: false,
      finalScore: null,
      joins: [],
      lostJoins: [],
      cutOffs: [],
      missed: [],
      incidents: [],
    };
  }

  private incident(kind: Incident["kind"], what: string | number): void {
    this.ledger.incidents.push({ at: epochNow(), kind, what: String(what) });
  }

  private get tag(): string {
    return `game ${this.game.game} ${this.name}`;
  }

  /**
   * Joins over HTTP, then connects. A request that fails (the server is down, or died with it in flight) is tried
   * again after the phone's back-off, under the same name: a person taps Join again. Whether a request that failed
   * after it went out was stored, neither side can know; if it was, the retry finds the name taken, and the person
   * picks another name (the lost join stays in the game as a player who never connects: counted, not an error).
   */
  async join(): Promise<boolean> {
    this.joinStarted = true;
    const url = `${this.run.url}/api/games/${this.game.code}/players`;
    /** A try under the current name may have been stored without its reply reaching the bot. */
    let unsure = false;
    let failures = 0;
    let limited = 0;
    let resentAtOnce = false;
    for (;;) {
      const started = performance.now();
      const at = epochNow();
      let res: JsonResponse;
      try {
        res = await this.run.http.postJson(url, { name: this.name });
      } catch (err) {
        const code = errorCode(err);
        this.ledger.joins.push({ name: this.name, at, endedAt: epochNow(), result: code });
        // A refused connection never reached the server; any other failure may have come after it stored the join.
        if (code !== "ECONNREFUSED") unsure = true;
        if ((err as { reusedSocket?: boolean }).reusedSocket && !resentAtOnce) {
          // A keep-alive connection the server closed just as the request went out on it: like browsers, the bot
          // sends it once more at once on a fresh connection.
          this.run.http.retried++;
          resentAtOnce = true;
          continue;
        }
        this.incident("http", `join: ${code}`);
        if (++failures >= JOIN_TRIES || this.stopped) return this.giveUp();
        this.run.counters.joinRetries++;
        await sleep(reconnectDelay(failures, this.retryDelayMs));
        continue;
      }
      const body = res.body as { playerId?: string; playerToken?: string; error?: { code: string } } | null;
      this.ledger.joins.push({ name: this.name, at, endedAt: epochNow(), result: String(res.status) });
      if (res.status === 429 && ++limited < 30) {
        // Only against a server whose join limit the bench could not raise (an external --url).
        this.run.counters.rateLimited++;
        await sleep(Number(res.retryAfter ?? "1") * 1000);
        continue;
      }
      if (res.status === 409 && body?.error?.code === "name_taken" && unsure) {
        this.ledger.lostJoins.push(this.name);
        this.name = `bot ${this.game.game}-${this.number} again${this.ledger.lostJoins.length > 1 ? ` ${this.ledger.lostJoins.length}` : ""}`;
        this.ledger.name = this.name;
        unsure = false;
        continue;
      }
      if (res.status !== 201 || !body?.playerId || !body.playerToken) {
        const why = res.status === 429 ? "429 (gave up after 30 tries)" : `${res.status} ${body?.error?.code ?? ""}`;
        this.run.count(this.run.errors.http, why.trim());
        return this.giveUp();
      }
      this.run.samples.join.push(performance.now() - started);
      this.ledger.playerId = body.playerId;
      this.token = body.playerToken;
      this.run.progress.joined++;
      if (this.run.watch.joins) send({ type: "joined", proc: this.run.proc });
      const connectStarted = performance.now();
      const ok = (await this.connect()) || (await this.reconnect(false));
      if (ok) this.run.samples.connect.push(performance.now() - connectStarted);
      return ok;
    }
  }

  private giveUp(): false {
    this.stopped = true;
    this.run.welcomedBack(this);
    return false;
  }

  /** Opens a socket and says hello; resolves true on `welcome`, false if the socket closes (or never opens) first. */
  connect(): Promise<boolean> {
    // The player's id in the URL routes the socket to its shard in a sharded game (docs/scaling.md).
    const wsUrl = `${this.run.url.replace(/^http/, "ws")}/api/games/${this.game.code}/ws?player=${this.ledger.playerId}`;
    this.retries++;
    return new Promise<boolean>((resolve) => {
      this.welcomeWaiter = resolve;
      const ws = new WebSocket(wsUrl, { perMessageDeflate: this.run.config.deflate });
      this.ws = ws;
      // As the phone does: an attempt that has not opened in time is dropped and tried again.
      const timeout = openTimeout(ws);
      ws.on("open", () => {
        timeout.clear();
        this.connected = true;
        this.uptimeTimer = setTimeout(() => {
          this.retries = 0;
        }, RECONNECT.minUptime);
        this.transmit(ws, JSON.stringify({ type: "hello", token: this.token }));
      });
      ws.on("message", (data: Buffer) => {
        // Latencies are measured on arrival; the bot itself hears of it one network delay later.
        const received = epochNow();
        if (this.oneWayMs > 0) setTimeout(() => this.onMessage(data, received), this.oneWayMs);
        else this.onMessage(data, received);
      });
      ws.on("error", (err: Error & { code?: string }) => {
        this.incident("socket", timeout.timedOut ? "ETIMEDOUT" : errorCode(err));
      });
      ws.on("close", (code: number) => {
        timeout.clear();
        this.onClose(ws, code, timeout.timedOut);
      });
    });
  }

  /**
   * Connects again with the same token until welcomed, on the phone's back-off schedule; `voluntary` (the bench's
   * own drop) waits this bot's short reconnect delay first. False only if the bot stopped for good.
   */
  private async reconnect(voluntary: boolean): Promise<boolean> {
    if (this.reconnecting) return false;
    this.reconnecting = true;
    const started = performance.now();
    try {
      let first = true;
      while (!this.done && !this.stopped) {
        await sleep(voluntary && first ? this.reconnectDelayMs : reconnectDelay(this.retries + 1, this.retryDelayMs));
        first = false;
        if (this.done || this.stopped) break;
        if (await this.connect()) {
          if (voluntary) this.run.samples.reconnect.push(performance.now() - started);
          return true;
        }
      }
      return false;
    } finally {
      this.reconnecting = false;
    }
  }

  /** `timedOut`: the attempt was dropped for not opening in time (already noted as the socket's ETIMEDOUT). */
  private onClose(ws: WebSocket, code: number, timedOut = false): void {
    if (ws !== this.ws) return;
    this.connected = false;
    this.live = false;
    this.ws = null;
    if (this.uptimeTimer) clearTimeout(this.uptimeTimer);
    this.uptimeTimer = null;
    const waiter = this.welcomeWaiter;
    this.welcomeWaiter = null;
    if (this.dropping) {
      waiter?.(false);
      return;
    }
    if (this.done) return;
    if (!timedOut) this.incident("close", code);
    if (FATAL_CLOSES.has(code)) {
      this.run.streamProblem(`${this.tag}: socket closed for good (${code}) before the game ended`);
      this.giveUp();
    }
    // A connection attempt that failed: its own loop tries again. A socket that dropped: this starts one.
    if (waiter) waiter(false);
    else if (!this.stopped) void this.reconnect(false);
  }

  /** Kill `kill` cut this bot off if it had begun to join and is still playing. */
  cutOff(kill: number): boolean {
    if (!this.joinStarted || this.done || this.stopped) return false;
    this.ledger.cutOffs.push({ kill, backAt: null });
    return true;
  }

  /** Sends a frame one network delay from now (on the same socket, if it is still open then). */
  private transmit(ws: WebSocket, text: string, sent?: () => void): void {
    const go = () => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(text);
      sent?.();
    };
    if (this.oneWayMs > 0) setTimeout(go, this.oneWayMs);
    else go();
  }

  /** Fair timing: a `welcome`'s or a `reveal`'s serverTime is echoed at once (docs/protocol.md). */
  private echo(serverTime: number): void {
    if (this.echoes && this.ws) this.transmit(this.ws, JSON.stringify({ type: "pong", serverTime }));
  }

  private onMessage(data: Buffer, received: number): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data.toString("utf8")) as ServerMessage;
    } catch {
      this.run.streamProblem(`${this.tag}: a message that is not JSON`);
      return;
    }
    if (msg.type === "question") this.inGame = true;
    this.run.account(this.inGame, msg.type, data.length);
    switch (msg.type) {
      case "welcome":
        this.echo(msg.serverTime);
        this.onWelcome(msg, received);
        break;
      case "question":
        this.onQuestion(msg, received);
        break;
      case "answered":
        this.onAnswered(msg, received);
        break;
      case "reveal":
        this.echo(msg.serverTime);
        this.run.samples.revealFanout.push(received - msg.serverTime);
        this.onReveal(msg);
        break;
      case "gameOver":
        this.run.samples.gameOverFanout.push(received - msg.serverTime);
        this.onGameOver(msg);
        break;
      case "error":
        this.run.count(this.run.errors.server, msg.code);
        this.run.streamProblem(`${this.tag}: server error ${msg.code}: ${msg.message}`);
        break;
      default:
        break;
    }
  }

  private onWelcome(msg: ServerMessageOf<"welcome">, received: number): void {
    if (msg.role !== "player" || msg.playerId !== this.ledger.playerId) {
      this.run.streamProblem(
        `${this.tag}: welcome for ${msg.role} ${msg.playerId}, expected player ${this.ledger.playerId}`,
      );
    }
    const waiter = this.welcomeWaiter;
    this.welcomeWaiter = null;
    this.live = true;
    for (const cut of this.ledger.cutOffs) cut.backAt ??= received;
    this.run.welcomedBack(this);
    if (!this.welcomed) {
      this.welcomed = true;
      this.run.progress.ready++;
      waiter?.(true);
      return;
    }
    // A reconnect. Questions may have closed (even opened and closed) while this bot was away; it settles those
    // from its own answers (checks.ts), and the snapshot must then carry exactly the score that gives.
    this.run.counters.reconnects++;
    this.dropping = false;
    const you = msg.you;
    const game = msg.game;
    const total = this.game.questions.length;
    // In a lead-in (--read-seconds) the snapshot has the coming question's text but not the question itself.
    const at = game.question?.index ?? game.ready?.index ?? -1;
    const closedThrough =
      game.phase === "finished"
        ? total - 1
        : game.phase === "reveal"
          ? at
          : game.phase === "question" || game.phase === "ready"
            ? at - 1
            : -1;
    for (let i = 0; i <= closedThrough; i++) {
      if (this.revealed.has(i)) continue;
      if (i === at && game.phase === "reveal" && game.reveal && you?.result) {
        this.onReveal({ type: "reveal", serverTime: msg.serverTime, ...game.reveal, you: you.result }, true);
      } else {
        this.settleUnseen(i);
      }
    }
    // Questions that opened and closed while it was away will never reach it: the next to come is the one after.
    this.nextIndex = Math.max(this.nextIndex, closedThrough + 1);
    let open: Rejoin["open"] = null;
    let resend = false;
    if (game.phase === "question" && game.question) {
      if (at >= this.nextIndex) {
        this.adoptQuestion(game.question, msg.serverTime);
      } else if (this.current?.index === at) {
        const sent = this.ledger.answers[at];
        const answer = you?.answer ?? null;
        open = { index: at, answer, sent: sent ? sent.choice : null, acked: (sent?.acks ?? 0) > 0 };
        // An answer that went out and was never acknowledged, which the server does not have: the restart lost it,
        // and the phone shows the question unanswered; the player taps the same choice again.
        resend = sent !== null && sent !== undefined && sent.acks === 0 && answer === null;
      }
    } else {
      this.pendingAnswer = null;
    }
    this.ledger.rejoins.push({ closedThrough, score: you ? you.score : null, open });
    waiter?.(true);
    if (game.phase === "finished" && you) this.finish(you.score);
    if (resend) this.sendAgain(at);
    else if (this.pendingAnswer === at && game.phase === "question" && this.current?.index === at) {
      this.sendAnswer();
    }
    this.pendingAnswer = null;
  }

  /** A question that closed while this bot was away: checks.ts settles it from the bot's own answer, if any. */
  private settleUnseen(index: number): void {
    this.closed(index);
    this.run.counters.revealsMissed++;
    this.ledger.reveals[index] = "away";
  }

  /** Question `index` is closed for this bot: an answer it meant to give and never sent is missed. */
  private closed(index: number): void {
    this.revealed.add(index);
    if (!this.plans[index]?.skip && !this.ledger.answers[index]) this.ledger.missed.push(index);
  }

  /** A question that opened while this bot was away, learnt from the reconnect snapshot. */
  private adoptQuestion(q: QuestionPayload, serverTime: number): void {
    this.nextIndex = q.index + 1;
    this.start(q, Math.max(0, serverTime - q.startedAt));
  }

  private onQuestion(msg: ServerMessageOf<"question">, received: number): void {
    this.run.samples.questionFanout.push(received - msg.serverTime);
    const tally = this.run.tallies[this.game.game]?.[msg.index];
    tally?.received.push(received);
    if (msg.index !== this.nextIndex) {
      this.run.streamProblem(`${this.tag}: got question ${msg.index}, expected ${this.nextIndex}`);
    }
    this.nextIndex = msg.index + 1;
    this.start(msg, 0);
    if (this.dropAt === msg.index) setTimeout(() => this.drop(), this.dropAfterMs);
  }

  /** Takes up a question `elapsedMs` after it opened: finds the correct choice by its text, plans the answer. */
  private start(q: QuestionPayload, elapsedMs: number): void {
    const authored = this.game.questions[q.index];
    if (!authored || q.text !== authored.text || !q.choices) {
      this.run.streamProblem(`${this.tag}: question ${q.index} is not the one the host created`);
      return;
    }
    const correctText = authored.choices[authored.correct];
    const correctIndex = q.choices.indexOf(correctText as string);
    if (correctIndex < 0) this.run.streamProblem(`${this.tag}: question ${q.index} lost its correct choice`);
    this.current = { index: q.index, correctIndex, choiceCount: q.choices.length };
    this.pendingAnswer = null;
    const plan = this.plans[q.index] as Plan;
    if (plan.skip) this.run.counters.skipped++;
    else this.answerTimer = setTimeout(() => this.sendAnswer(), Math.max(0, plan.thinkMs - elapsedMs));
  }

  private sendAnswer(): void {
    this.answerTimer = null;
    const q = this.current;
    // One answer per question: a bot that already sent one never sends another.
    if (!q || this.ledger.answers[q.index]) return;
    if (!this.live || this.dropping || !this.ws) {
      this.pendingAnswer = q.index;
      return;
    }
    const plan = this.plans[q.index] as Plan;
    let choice = q.correctIndex;
    if (!plan.right) {
      const wrong = Math.floor(plan.wrongPick * (q.choiceCount - 1));
      choice = wrong >= q.correctIndex ? wrong + 1 : wrong;
    }
    this.ledger.answers[q.index] = {
      choice,
      correct: choice === q.correctIndex,
      acks: 0,
      elapsedMs: null,
      sentAt: [],
      ackedAt: null,
    };
    this.run.counters.answersSent++;
    this.run.progress.answersSent++;
    this.transmitAnswer(q.index);
  }

  /** The same answer once more, after a restart lost it (the snapshot shows none). */
  private sendAgain(index: number): void {
    this.run.counters.answersResent++;
    this.transmitAnswer(index);
  }

  /** Sends the answer recorded for question `index`; the ledger notes each time it goes out on the wire. */
  private transmitAnswer(index: number): void {
    const sent = this.ledger.answers[index];
    if (!sent || !this.ws) return;
    this.transmit(this.ws, JSON.stringify({ type: "answer", index, choice: sent.choice }), () => {
      const at = epochNow();
      sent.sentAt.push(at);
      this.sentAt.set(index, at);
    });
  }

  private onAnswered(msg: ServerMessageOf<"answered">, received: number): void {
    const sent = this.ledger.answers[msg.index];
    if (!sent) {
      this.run.streamProblem(`${this.tag}: ack for question ${msg.index}, which it did not answer`);
      return;
    }
    // A second ack is counted in the ledger (checks.ts names it) and measured no further.
    if (sent.acks++ > 0) return;
    sent.elapsedMs = msg.elapsedMs;
    sent.ackedAt = received;
    this.run.samples.ack.push(received - (this.sentAt.get(msg.index) ?? Number.NaN));
    this.run.counters.acked++;
    this.run.progress.acked++;
    if (this.game.game === 0 && this.run.watch.acks.includes(msg.index)) {
      send({ type: "acked", proc: this.run.proc, index: msg.index });
    }
    if (msg.choice !== sent.choice) {
      this.run.streamProblem(`${this.tag}: ack choice ${JSON.stringify(msg.choice)}, sent ${sent.choice}`);
    }
    // The reveal judged the answer as unacknowledged; the ledger alone would no longer show that.
    if (this.revealed.has(msg.index)) {
      this.run.streamProblem(`${this.tag}: ack for question ${msg.index} after its reveal`);
    }
    if (this.dropPending) {
      this.dropPending = false;
      this.drop();
    }
  }

  /** `fromSnapshot`: the reveal was missed while reconnecting and read from the welcome snapshot instead. */
  private onReveal(msg: ServerMessageOf<"reveal">, fromSnapshot = false): void {
    const index = msg.index;
    if (this.revealed.has(index)) {
      this.run.streamProblem(`${this.tag}: second reveal of question ${index}`);
      return;
    }
    this.closed(index);
    if (fromSnapshot) this.run.counters.revealsMissed++;
    if (this.answerTimer) {
      clearTimeout(this.answerTimer);
      this.answerTimer = null;
    }
    this.pendingAnswer = null;
    this.run.progress.reveals++;
    const tally = this.run.tallies[this.game.game]?.[index];
    if (tally) {
      const seen = { counts: msg.counts, answered: msg.answered, correctCount: msg.correctCount };
      if (!tally.reveal) tally.reveal = seen;
      else if (JSON.stringify(tally.reveal) !== JSON.stringify(seen)) tally.revealDiffers = true;
    }
    const you = msg.you;
    const result: RevealedResult | null = you
      ? { answered: you.answered, correct: you.correct, points: you.points, streak: you.streak, score: you.score }
      : null;
    this.ledger.reveals[index] = { you: result };
  }

  private onGameOver(msg: ServerMessageOf<"gameOver">): void {
    if (this.done) {
      this.run.streamProblem(`${this.tag}: second gameOver`);
      return;
    }
    this.finish(msg.you?.score);
  }

  private finish(finalScore: number | undefined): void {
    this.done = true;
    this.run.progress.finished++;
    this.ledger.finished = true;
    this.ledger.finalScore = finalScore ?? null;
    if (this.run.progress.finished === this.run.bots.length) send({ type: "done", proc: this.run.proc });
  }

  /** Drops the socket (never with an answer in flight: its ack would be lost with the socket) and reconnects. */
  private drop(): void {
    const q = this.current;
    const inFlight = q ? this.ledger.answers[q.index] : null;
    if (inFlight && inFlight.acks === 0) {
      this.dropPending = true;
      return;
    }
    const ws = this.ws;
    if (!ws || this.done || !this.connected) return;
    this.dropping = true;
    ws.once("close", () => {
      // From here on a failed attempt is an incident like any other.
      this.dropping = false;
      void this.reconnect(true);
    });
    ws.close(1000, "bench reconnect");
  }

  /** Its network and its answers' think and counted times (fairness.ts); the question it dropped in is left out. */
  timing(): TimedBot {
    const answers: TimedBot["answers"] = [];
    this.ledger.answers.forEach((a, q) => {
      const plan = this.plans[q];
      if (a?.elapsedMs != null && plan && q !== this.dropAt)
        answers.push({ thinkMs: plan.thinkMs, elapsedMs: a.elapsedMs });
    });
    return { oneWayMs: this.oneWayMs, echoes: this.echoes, answers };
  }

  closeNow(): void {
    this.done = true;
    this.dropping = true;
    this.ws?.close(1000, "bench finished");
  }
}

let run: Run | null = null;
let cpuAtGo = process.cpuUsage();
let cpuAtReady = process.cpuUsage();
const cpuAtStart = process.cpuUsage();

async function joinAll(r: Run): Promise<void> {
  const perProc = Math.max(1, Math.ceil(r.config.joinConcurrency / r.config.procs));
  let next = 0;
  const worker = async () => {
    while (next < r.bots.length) {
      const bot = r.bots[next++] as Bot;
      await bot.join();
    }
  };
  await Promise.all(Array.from({ length: Math.min(perProc, r.bots.length) }, worker));
}

function result(r: Run): BotResult {
  const now = process.cpuUsage();
  const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const f = (a: number[]) => Float64Array.from(a);
  return {
    proc: r.proc,
    bots: r.bots.length,
    finished: r.progress.finished,
    cpu: {
      joinMs: ms(cpuAtReady) - ms(cpuAtGo),
      gameMs: ms(now) - ms(cpuAtReady),
      totalMs: ms(now) - ms(cpuAtStart),
    },
    samples: {
      join: f(r.samples.join),
      connect: f(r.samples.connect),
      ack: f(r.samples.ack),
      questionFanout: f(r.samples.questionFanout),
      revealFanout: f(r.samples.revealFanout),
      gameOverFanout: f(r.samples.gameOverFanout),
      reconnect: f(r.samples.reconnect),
    },
    tallies: r.tallies,
    ledgers: r.bots.map((b) => b.ledger),
    timing: r.config.latency ? r.bots.map((b) => b.timing()) : [],
    traffic: r.traffic,
    counters: { ...r.counters, httpRetries: r.http.retried },
    errors: r.errors,
    streamProblems: r.streamProblems,
  };
}

process.on("message", async (message: ToBots) => {
  try {
    switch (message.type) {
      case "init":
        run = new Run(message.proc, message.url, message.config, message.games, message.watch);
        send({ type: "initialized", proc: message.proc });
        return;
      case "go": {
        const r = run;
        if (!r) throw new Error("go before init");
        cpuAtGo = process.cpuUsage();
        const timer = setInterval(() => send({ type: "progress", proc: r.proc, progress: r.progress }), 200);
        timer.unref();
        await joinAll(r);
        cpuAtReady = process.cpuUsage();
        // Joins are over: idle keep-alive connections would only hold file descriptors on both sides.
        r.http.close();
        send({ type: "progress", proc: r.proc, progress: r.progress });
        send({ type: "ready", proc: r.proc });
        return;
      }
      case "killed":
        run?.killed(message.kill);
        return;
      case "finish": {
        const r = run;
        if (!r) throw new Error("finish before init");
        const res = result(r);
        process.send?.({ type: "result", proc: r.proc, result: res } satisfies FromBots, undefined, {}, () => {
          for (const bot of r.bots) bot.closeNow();
          r.http.close();
          // Let the closes go out, then leave; the parent also ends this process if it lingers.
          setTimeout(() => process.exit(0), 300);
        });
        return;
      }
    }
  } catch (err) {
    send({ type: "fatal", proc: run?.proc ?? -1, message: (err as Error).stack ?? String(err) });
  }
});

process.on("disconnect", () => setTimeout(() => process.exit(0), 300));
