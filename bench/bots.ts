/**
 * A bot process: plays its share of the players of every game, exactly as docs/protocol.md describes a client.
 *
 * Each bot joins over HTTP, opens the game's WebSocket, says hello, and then answers each question after a think
 * time drawn from the answer window, right with the configured probability. Some bots drop their socket once in
 * the middle of a question and come back with the same token. Every message is checked as it arrives: one ack per
 * answer, a reveal whose `you` matches the published scoring applied to the bot's own answers, a final score equal
 * to the sum of the revealed points. Latencies are measured on this machine's clock, which the local server shares.
 */
import http from "node:http";
import https from "node:https";
import WebSocket from "ws";
import type { QuestionPayload, ServerMessage, ServerMessageOf } from "../worker/protocol/values.ts";
import type { BotResult, FromBots, GameAssignment, Progress, QuestionTally, ToBots, TrafficCounts } from "./ipc.ts";
import { type BenchConfig, epochNow, expectedPoints, seededRandom, sleep } from "./workload.ts";

const MAX_MISMATCHES_KEPT = 50;

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

interface SentAnswer {
  choice: number;
  correct: boolean;
  at: number;
  acked: boolean;
  elapsedMs: number;
}

interface OpenQuestion {
  index: number;
  durationMs: number;
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

  /**
   * A keep-alive connection the server closed just as a request went out on it fails with ECONNRESET before any
   * response; like browsers, that request is sent once more on a fresh connection (a join that had in fact been
   * taken would come back 409 name_taken, since every bot's name is unique).
   */
  async postJson(url: string, payload: unknown): Promise<JsonResponse> {
    try {
      return await this.post(url, payload);
    } catch (err) {
      if ((err as Error & { code?: string; reusedSocket?: boolean }).reusedSocket) {
        this.retried++;
        return this.post(url, payload);
      }
      throw err;
    }
  }

  /** Requests sent again after a reset on a reused keep-alive connection. */
  retried = 0;

  private post(url: string, payload: unknown): Promise<JsonResponse> {
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
  readonly counters = { answersSent: 0, acked: 0, reconnects: 0, skipped: 0, rateLimited: 0, revealsMissed: 0 };
  readonly errors = {
    server: {} as Record<string, number>,
    http: {} as Record<string, number>,
    closeCodes: {} as Record<string, number>,
    socket: {} as Record<string, number>,
  };
  mismatchCount = 0;
  readonly mismatches: string[] = [];
  readonly tallies: QuestionTally[][];
  readonly bots: Bot[] = [];
  readonly http: JsonClient;

  readonly proc: number;
  readonly url: string;
  readonly config: BenchConfig;
  readonly games: GameAssignment[];

  constructor(proc: number, url: string, config: BenchConfig, games: GameAssignment[]) {
    this.proc = proc;
    this.url = url;
    this.config = config;
    this.games = games;
    this.http = new JsonClient(Math.max(1, Math.ceil(config.joinConcurrency / config.procs)));
    this.tallies = games.map((g) =>
      g.questions.map((q) => ({
        ackedByChoice: new Array<number>(q.choices.length).fill(0),
        ackedCorrect: 0,
        reveal: null,
        revealsSeen: 0,
        revealDiffers: false,
        received: [],
      })),
    );
    for (const g of games) {
      for (const n of g.bots) this.bots.push(new Bot(this, g, n));
    }
  }

  mismatch(text: string): void {
    this.mismatchCount++;
    if (this.mismatches.length < MAX_MISMATCHES_KEPT) this.mismatches.push(text);
  }

  count(bucket: Record<string, number>, key: string | number): void {
    bucket[key] = (bucket[key] ?? 0) + 1;
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
  readonly name: string;
  readonly plans: Plan[];
  /** The question during which this bot drops its socket once, or -1. */
  readonly dropAt: number;
  readonly dropAfterMs: number;
  readonly reconnectDelayMs: number;
  playerId = "";
  token = "";
  ws: WebSocket | null = null;
  connected = false;
  welcomed = false;
  dropping = false;
  inGame = false;
  done = false;
  nextIndex = 0;
  current: OpenQuestion | null = null;
  /** The question whose answer came due while the socket was down; sent after the reconnect if still open. */
  pendingAnswer: number | null = null;
  dropPending = false;
  readonly sent = new Map<number, SentAnswer>();
  readonly revealed = new Set<number>();
  score = 0;
  streak = 0;
  private welcomeWaiter: ((ok: boolean) => void) | null = null;
  private answerTimer: ReturnType<typeof setTimeout> | null = null;

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
  }

  private get tag(): string {
    return `game ${this.game.game} ${this.name}`;
  }

  async join(): Promise<boolean> {
    const url = `${this.run.url}/api/games/${this.game.code}/players`;
    for (let attempt = 0; attempt < 30; attempt++) {
      const started = performance.now();
      let res: JsonResponse;
      try {
        res = await this.run.http.postJson(url, { name: this.name });
      } catch (err) {
        this.run.count(
          this.run.errors.http,
          `request: ${(err as Error & { code?: string }).code ?? (err as Error).message}`,
        );
        return false;
      }
      if (res.status === 429) {
        // Only against a server whose join limit the bench could not raise (an external --url).
        this.run.counters.rateLimited++;
        await sleep(Number(res.retryAfter ?? "1") * 1000);
        continue;
      }
      const body = res.body as { playerId?: string; playerToken?: string; error?: { code: string } } | null;
      if (res.status !== 201 || !body?.playerId || !body.playerToken) {
        this.run.count(this.run.errors.http, `${res.status} ${body?.error?.code ?? ""}`.trim());
        return false;
      }
      this.run.samples.join.push(performance.now() - started);
      this.playerId = body.playerId;
      this.token = body.playerToken;
      this.run.progress.joined++;
      const connectStarted = performance.now();
      const ok = await this.connect();
      if (ok) this.run.samples.connect.push(performance.now() - connectStarted);
      return ok;
    }
    this.run.count(this.run.errors.http, "429 (gave up after 30 tries)");
    return false;
  }

  /** Opens a socket and says hello; resolves true on `welcome`, false if the socket closes first. */
  connect(): Promise<boolean> {
    const wsUrl = `${this.run.url.replace(/^http/, "ws")}/api/games/${this.game.code}/ws`;
    return new Promise<boolean>((resolve) => {
      this.welcomeWaiter = resolve;
      const ws = new WebSocket(wsUrl, { perMessageDeflate: this.run.config.deflate });
      this.ws = ws;
      ws.on("open", () => {
        this.connected = true;
        ws.send(JSON.stringify({ type: "hello", token: this.token }));
      });
      ws.on("message", (data: Buffer) => this.onMessage(data));
      ws.on("error", (err: Error & { code?: string }) => {
        this.run.count(this.run.errors.socket, err.code ?? err.message);
      });
      ws.on("close", (code: number) => this.onClose(ws, code));
    });
  }

  private onClose(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return;
    this.connected = false;
    this.ws = null;
    const waiter = this.welcomeWaiter;
    this.welcomeWaiter = null;
    if (this.dropping) return;
    this.run.count(this.run.errors.closeCodes, code);
    if (!this.done) this.run.mismatch(`${this.tag}: socket closed (${code}) before the game ended`);
    waiter?.(false);
  }

  private onMessage(data: Buffer): void {
    const received = epochNow();
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data.toString("utf8")) as ServerMessage;
    } catch {
      this.run.mismatch(`${this.tag}: a message that is not JSON`);
      return;
    }
    if (msg.type === "question") this.inGame = true;
    this.run.account(this.inGame, msg.type, data.length);
    switch (msg.type) {
      case "welcome":
        this.onWelcome(msg);
        break;
      case "question":
        this.onQuestion(msg, received);
        break;
      case "answered":
        this.onAnswered(msg);
        break;
      case "reveal":
        this.run.samples.revealFanout.push(received - msg.serverTime);
        this.onReveal(msg);
        break;
      case "gameOver":
        this.run.samples.gameOverFanout.push(received - msg.serverTime);
        this.onGameOver(msg);
        break;
      case "error":
        this.run.count(this.run.errors.server, msg.code);
        this.run.mismatch(`${this.tag}: server error ${msg.code}: ${msg.message}`);
        break;
      default:
        break;
    }
  }

  private onWelcome(msg: ServerMessageOf<"welcome">): void {
    if (msg.role !== "player" || msg.playerId !== this.playerId) {
      this.run.mismatch(`${this.tag}: welcome for ${msg.role} ${msg.playerId}, expected player ${this.playerId}`);
    }
    const waiter = this.welcomeWaiter;
    this.welcomeWaiter = null;
    if (!this.welcomed) {
      this.welcomed = true;
      this.run.progress.ready++;
      waiter?.(true);
      return;
    }
    // A reconnect. Questions may have closed (even opened and closed) while this bot was away; it settles those
    // from its own answers, and the snapshot must then carry exactly the score that gives.
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
    if (!you) this.run.mismatch(`${this.tag}: reconnect welcome without "you"`);
    else if (you.score !== this.score) {
      this.run.mismatch(`${this.tag}: reconnect welcome score ${you.score}, sum of its points ${this.score}`);
    }
    if (game.phase === "question" && game.question) {
      if (at >= this.nextIndex) {
        this.adoptQuestion(game.question, msg.serverTime);
      } else if (this.current?.index === at) {
        const sent = this.sent.get(at);
        const expected = sent?.acked ? sent.choice : null;
        if ((you?.answer ?? null) !== expected) {
          this.run.mismatch(`${this.tag}: reconnect welcome answer ${you?.answer}, expected ${expected}`);
        }
      }
    } else {
      this.pendingAnswer = null;
    }
    waiter?.(true);
    if (game.phase === "finished" && you) this.finish(you.score);
    if (this.pendingAnswer === at && game.phase === "question" && this.current?.index === at) {
      this.sendAnswer();
    }
    this.pendingAnswer = null;
  }

  /** A question that closed while this bot was away: its result follows from the bot's own answer, if any. */
  private settleUnseen(index: number): void {
    this.revealed.add(index);
    this.run.counters.revealsMissed++;
    const tally = this.run.tallies[this.game.game]?.[index];
    if (tally) tally.revealsSeen++;
    const sent = this.sent.get(index);
    if (sent && !sent.acked) this.run.mismatch(`${this.tag}: answer to question ${index} was never acknowledged`);
    const answered = sent?.acked === true;
    const expected = expectedPoints(
      answered && sent.correct,
      sent?.elapsedMs ?? 0,
      this.run.config.seconds * 1000,
      this.streak,
    );
    this.score += expected.points;
    this.streak = expected.streak;
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
      this.run.mismatch(`${this.tag}: got question ${msg.index}, expected ${this.nextIndex}`);
    }
    this.nextIndex = msg.index + 1;
    this.start(msg, 0);
    if (this.dropAt === msg.index) setTimeout(() => this.drop(), this.dropAfterMs);
  }

  /** Takes up a question `elapsedMs` after it opened: finds the correct choice by its text, plans the answer. */
  private start(q: QuestionPayload, elapsedMs: number): void {
    const authored = this.game.questions[q.index];
    if (!authored || q.text !== authored.text || !q.choices) {
      this.run.mismatch(`${this.tag}: question ${q.index} is not the one the host created`);
      return;
    }
    const correctText = authored.choices[authored.correct];
    const correctIndex = q.choices.indexOf(correctText as string);
    if (correctIndex < 0) this.run.mismatch(`${this.tag}: question ${q.index} lost its correct choice`);
    this.current = { index: q.index, durationMs: q.durationMs, correctIndex, choiceCount: q.choices.length };
    this.pendingAnswer = null;
    const plan = this.plans[q.index] as Plan;
    if (plan.skip) this.run.counters.skipped++;
    else this.answerTimer = setTimeout(() => this.sendAnswer(), Math.max(0, plan.thinkMs - elapsedMs));
  }

  private sendAnswer(): void {
    this.answerTimer = null;
    const q = this.current;
    // One answer per question: a bot that already sent one never sends another.
    if (!q || this.sent.has(q.index)) return;
    if (!this.connected || this.dropping || !this.ws) {
      this.pendingAnswer = q.index;
      return;
    }
    const plan = this.plans[q.index] as Plan;
    let choice = q.correctIndex;
    if (!plan.right) {
      const wrong = Math.floor(plan.wrongPick * (q.choiceCount - 1));
      choice = wrong >= q.correctIndex ? wrong + 1 : wrong;
    }
    this.sent.set(q.index, {
      choice,
      correct: choice === q.correctIndex,
      at: performance.now(),
      acked: false,
      elapsedMs: 0,
    });
    this.run.counters.answersSent++;
    this.run.progress.answersSent++;
    this.ws.send(JSON.stringify({ type: "answer", index: q.index, choice }));
  }

  private onAnswered(msg: ServerMessageOf<"answered">): void {
    const sent = this.sent.get(msg.index);
    if (!sent) {
      this.run.mismatch(`${this.tag}: ack for question ${msg.index}, which it did not answer`);
      return;
    }
    if (sent.acked) {
      this.run.mismatch(`${this.tag}: second ack for question ${msg.index}`);
      return;
    }
    sent.acked = true;
    sent.elapsedMs = msg.elapsedMs;
    this.run.samples.ack.push(performance.now() - sent.at);
    this.run.counters.acked++;
    this.run.progress.acked++;
    if (msg.choice !== sent.choice) {
      this.run.mismatch(`${this.tag}: ack choice ${JSON.stringify(msg.choice)}, sent ${sent.choice}`);
    }
    const tally = this.run.tallies[this.game.game]?.[msg.index];
    if (tally) {
      tally.ackedByChoice[sent.choice] = (tally.ackedByChoice[sent.choice] ?? 0) + 1;
      if (sent.correct) tally.ackedCorrect++;
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
      this.run.mismatch(`${this.tag}: second reveal of question ${index}`);
      return;
    }
    this.revealed.add(index);
    if (fromSnapshot) this.run.counters.revealsMissed++;
    if (this.answerTimer) {
      clearTimeout(this.answerTimer);
      this.answerTimer = null;
    }
    this.pendingAnswer = null;
    this.run.progress.reveals++;
    const tally = this.run.tallies[this.game.game]?.[index];
    if (tally) {
      tally.revealsSeen++;
      const seen = { counts: msg.counts, answered: msg.answered, correctCount: msg.correctCount };
      if (!tally.reveal) tally.reveal = seen;
      else if (JSON.stringify(tally.reveal) !== JSON.stringify(seen)) tally.revealDiffers = true;
    }
    const sent = this.sent.get(index);
    if (sent && !sent.acked) this.run.mismatch(`${this.tag}: answer to question ${index} was never acknowledged`);
    const answered = sent?.acked === true;
    const durationMs = this.current?.index === index ? this.current.durationMs : this.run.config.seconds * 1000;
    const expected = expectedPoints(answered && sent.correct, sent?.elapsedMs ?? 0, durationMs, this.streak);
    const you = msg.you;
    if (!you) {
      this.run.mismatch(`${this.tag}: reveal ${index} without "you"`);
      return;
    }
    if (
      you.answered !== answered ||
      you.correct !== (answered && sent.correct) ||
      you.points !== expected.points ||
      you.streak !== expected.streak ||
      you.score !== this.score + you.points
    ) {
      this.run.mismatch(
        `${this.tag}: reveal ${index} says ${JSON.stringify(you)}; expected answered=${answered} points=${expected.points} streak=${expected.streak} score=${this.score + expected.points}`,
      );
    }
    this.score += you.points;
    this.streak = expected.streak;
  }

  private onGameOver(msg: ServerMessageOf<"gameOver">): void {
    if (this.done) {
      this.run.mismatch(`${this.tag}: second gameOver`);
      return;
    }
    this.finish(msg.you?.score);
  }

  private finish(finalScore: number | undefined): void {
    this.done = true;
    this.run.progress.finished++;
    if (finalScore !== this.score) {
      this.run.mismatch(`${this.tag}: final score ${finalScore}, sum of revealed points ${this.score}`);
    }
    if (this.revealed.size !== this.game.questions.length) {
      this.run.mismatch(`${this.tag}: saw ${this.revealed.size} reveals of ${this.game.questions.length}`);
    }
    if (this.run.progress.finished === this.run.bots.length) send({ type: "done", proc: this.run.proc });
  }

  /** Drops the socket (never with an answer in flight: its ack would be lost with the socket) and reconnects. */
  private drop(): void {
    const q = this.current;
    const inFlight = q ? this.sent.get(q.index) : undefined;
    if (inFlight && !inFlight.acked) {
      this.dropPending = true;
      return;
    }
    const ws = this.ws;
    if (!ws || this.done) return;
    this.dropping = true;
    const started = performance.now();
    ws.once("close", async () => {
      await sleep(this.reconnectDelayMs);
      const ok = await this.connect();
      if (ok) this.run.samples.reconnect.push(performance.now() - started);
    });
    ws.close(1000, "bench reconnect");
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
    scores: r.games.map((g) =>
      r.bots.filter((b) => b.game === g && b.playerId).map((b) => ({ playerId: b.playerId, score: b.score })),
    ),
    traffic: r.traffic,
    counters: { ...r.counters, httpRetries: r.http.retried },
    errors: r.errors,
    mismatchCount: r.mismatchCount,
    mismatches: r.mismatches,
  };
}

process.on("message", async (message: ToBots) => {
  try {
    switch (message.type) {
      case "init":
        run = new Run(message.proc, message.url, message.config, message.games);
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
