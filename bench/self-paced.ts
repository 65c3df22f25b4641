/**
 * `npm run bench -- self-paced [--players N] [--questions N] [--spread MS] [--window MS]`: what a self-paced
 * assignment costs the server when its players all play at once, each on their own clock.
 *
 * Starts the same server as the game bench (the production bundle in workerd, direct socket), creates an assignment,
 * joins the players, then starts them at random times over `--spread` ms: each sends `next`, answers its question
 * after a random think time in [0, `--window`), waits for its own reveal and goes on, until its game over. Nobody
 * waits for anyone, so every answer's reveal and every `next`'s question is one player's own round trip, and the
 * object's work is spread over the run rather than gathered at one instant. Reports the latency of those round trips,
 * workerd's CPU per player-question, what each player and the host received, and checks every player's final score
 * equals the sum of their reveals' points and the host saw everyone finish.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { ROOT, sampleProcess } from "./proc.ts";
import { startLocalServer } from "./server.ts";
import { summarize } from "./stats.ts";
import { makeQuestions, sleep } from "./workload.ts";

type Msg = { type: string; [key: string]: unknown };

interface PlayerRun {
  answerToReveal: number[];
  nextToQuestion: number[];
  messages: number;
  bytes: number;
  points: number;
  finalScore: number | null;
  reconnects: number;
}

function intFlag(value: string | undefined, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      players: { type: "string", default: "1000" },
      questions: { type: "string", default: "5" },
      spread: { type: "string", default: "10000" },
      window: { type: "string", default: "3000" },
      checkout: { type: "string", default: ROOT },
    },
  });
  const players = intFlag(values.players, "players", 1, 10_000);
  const questionCount = intFlag(values.questions, "questions", 1, 50);
  const spread = intFlag(values.spread, "spread", 0, 600_000);
  const window = intFlag(values.window, "window", 0, 60_000);
  const loadBefore = os.loadavg()[0] ?? 0;
  const server = await startLocalServer({
    rateLimit: 1_000_000_000,
    inspect: false,
    checkout: values.checkout as string,
  });
  try {
    const url = server.url;
    const ws = url.replace(/^http/, "ws");
    const questions = makeQuestions(questionCount);
    const created = (await (
      await fetch(`${url}/api/games`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          mode: "self-paced",
          closesAt: Date.now() + 24 * 3_600_000,
          questionSeconds: 30,
          questions: questions.map((q) => ({ kind: "choice", text: q.text, choices: q.choices, correct: q.correct })),
        }),
      })
    ).json()) as { code: string; hostToken: string };
    const { code } = created;

    // The host watches, as the assignment's screen does.
    const host = new WebSocket(`${ws}/api/games/${code}/ws`);
    const hostSeen = { messages: 0, bytes: 0, finished: 0 };
    host.addEventListener("message", (e) => {
      hostSeen.messages++;
      hostSeen.bytes += String(e.data).length;
      const m = JSON.parse(String(e.data)) as Msg;
      if (m.type === "assignment") hostSeen.finished = Number(m.finished);
    });
    await new Promise((ok) => host.addEventListener("open", ok));
    host.send(JSON.stringify({ type: "hello", token: created.hostToken }));

    const joinStart = performance.now();
    const tokens: string[] = [];
    for (let i = 0; i < players; i += 16) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(16, players - i) }, async (_, k) => {
          const res = await fetch(`${url}/api/games/${code}/players`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ name: `Bot ${i + k + 1}` }),
          });
          if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
          return ((await res.json()) as { playerToken: string }).playerToken;
        }),
      );
      tokens.push(...batch);
    }
    const joinMs = performance.now() - joinStart;

    const cpuBefore = sampleProcess(server.pid)?.cpuMs ?? 0;
    const playStart = performance.now();
    const runs = await Promise.all(tokens.map((token) => play(ws, code, token, spread, window)));
    const playMs = performance.now() - playStart;
    const cpuMs = (sampleProcess(server.pid)?.cpuMs ?? 0) - cpuBefore;
    for (let i = 0; i < 50 && hostSeen.finished < players; i++) await sleep(100);
    host.close();

    const pq = players * questionCount;
    const reveal = summarize(Float64Array.from(runs.flatMap((r) => r.answerToReveal)));
    const question = summarize(Float64Array.from(runs.flatMap((r) => r.nextToQuestion)));
    const messages = runs.reduce((s, r) => s + r.messages, 0);
    const bytes = runs.reduce((s, r) => s + r.bytes, 0);
    const mismatches = runs.filter((r) => r.finalScore !== r.points).length;
    const lines = [
      `self-paced assignment: ${players} players × ${questionCount} questions, starts spread over ${spread} ms, think time [0, ${window}) ms`,
      `load average ${loadBefore.toFixed(2)} before, ${(os.loadavg()[0] ?? 0).toFixed(2)} after`,
      `all joined               ${(joinMs / 1000).toFixed(2)} s`,
      `played                   ${(playMs / 1000).toFixed(2)} s`,
      `answer → own reveal      p50 ${reveal.p50.toFixed(1)} / p99 ${reveal.p99.toFixed(1)} ms (${reveal.count} answers)`,
      `next → own question      p50 ${question.p50.toFixed(1)} / p99 ${question.p99.toFixed(1)} ms`,
      `workerd CPU              ${(cpuMs / pq).toFixed(3)} ms per player-question (${(cpuMs / 1000).toFixed(2)} s in all)`,
      `per player-question      ${(messages / pq).toFixed(3)} messages, ${(bytes / pq).toFixed(1)} bytes received`,
      `host received            ${hostSeen.messages} messages, ${(hostSeen.bytes / 1024).toFixed(1)} KB; saw ${hostSeen.finished} of ${players} finish`,
      `score mismatches         ${mismatches}; sockets opened again ${runs.reduce((n, r) => n + r.reconnects, 0)}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    if (server.logs.errors.length) process.stdout.write(`server errors:\n${server.logs.errors.join("\n")}\n`);
    if (mismatches > 0 || hostSeen.finished !== players || server.logs.errors.length) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

/**
 * One player: waits its turn, then plays every question on its own clock. A socket refused or dropped (a busy
 * machine's 429 while many sockets wait to say hello) is opened again after a moment, as the web app does, and the
 * player carries on from where the welcome says it is.
 */
async function play(ws: string, code: string, token: string, spread: number, window: number): Promise<PlayerRun> {
  await sleep(Math.random() * spread);
  const run: PlayerRun = {
    answerToReveal: [],
    nextToQuestion: [],
    messages: 0,
    bytes: 0,
    points: 0,
    finalScore: null,
    reconnects: 0,
  };
  for (let attempt = 0; run.finalScore === null; attempt++) {
    if (attempt > 0) {
      run.reconnects++;
      if (attempt > 20) throw new Error("a player could not stay connected");
      await sleep(500 + Math.random() * 1000);
    }
    await session(ws, code, token, window, run);
  }
  return run;
}

/** One socket's life: plays until the game over (resolves) or the socket fails (resolves, to be opened again). */
function session(ws: string, code: string, token: string, window: number, run: PlayerRun): Promise<void> {
  return new Promise<void>((done, fail) => {
    const socket = new WebSocket(`${ws}/api/games/${code}/ws`);
    let sentAt = 0;
    let answerTimer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      sentAt = performance.now();
      socket.send(JSON.stringify({ type: "next" }));
    };
    const answer = (index: number, choices: number) => {
      answerTimer = setTimeout(() => {
        sentAt = performance.now();
        socket.send(JSON.stringify({ type: "answer", index, choice: Math.floor(Math.random() * choices) }));
      }, Math.random() * window);
    };
    const gone = () => {
      clearTimeout(answerTimer);
      done();
    };
    socket.addEventListener("error", gone);
    socket.addEventListener("close", gone);
    socket.addEventListener("message", (e) => {
      const text = String(e.data);
      const m = JSON.parse(text) as Msg;
      // Traffic is counted from the first question on, as the game bench counts it.
      if (m.type !== "welcome") {
        run.messages++;
        run.bytes += text.length;
      }
      switch (m.type) {
        case "welcome": {
          const game = m.game as { phase: string; question: { index: number; choices: string[] } | null };
          if (game.phase === "lobby" || game.phase === "reveal") next();
          else if (game.phase === "question" && game.question)
            answer(game.question.index, game.question.choices.length);
          break;
        }
        case "question":
          run.nextToQuestion.push(performance.now() - sentAt);
          answer(Number(m.index), (m.choices as string[]).length);
          break;
        case "reveal":
          if ((m.you as { answered: boolean }).answered) run.answerToReveal.push(performance.now() - sentAt);
          run.points += Number((m.you as { points: number }).points);
          next();
          break;
        case "gameOver":
          run.finalScore = Number((m.you as { score: number }).score);
          socket.close();
          break;
        case "error":
          // A refused answer or move (its question ran out meanwhile) is not a failure; anything else is.
          if (m.code !== "question_closed" && m.code !== "wrong_phase") fail(new Error(`${m.code}: ${m.message}`));
          break;
      }
    });
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "hello", token })));
  });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
