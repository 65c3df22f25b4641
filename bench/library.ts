/**
 * `npm run bench -- library [--ops N]`: what the library's routes cost the server, one request at a time.
 *
 * Starts the same server as the game bench (the production bundle in workerd, direct socket, D1 and R2 on disk in a
 * temporary folder, the D1 migrations applied), then runs each operation `--ops` times in a row and reports its
 * latency (client send to full response) and workerd's CPU per request. Creating a game from a saved quiz is
 * measured next to creating it from the same questions given inline: the difference is what reading D1 adds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { ROOT, sampleProcess } from "./proc.ts";
import { startLocalServer } from "./server.ts";
import { summarize } from "./stats.ts";

/** A real 2×2 PNG (Chromium's encoder); padded after its end to any size, it stays a PNG to every reader. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGElEQVR4AWKSKn7x/8sWhv9MtxwlGEAAAAAA///cyhUWAAAABklEQVQDAEytBlMSOOUQAAAAAElFTkSuQmCC",
  "base64",
);

function image(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set(PNG);
  for (let i = PNG.length; i < bytes; i += 4) out[i] = (seed * 2654435761 + i) & 0xff;
  return out;
}

/** A quiz at the limits a teacher reaches: 100 four-choice questions with long texts and explanations. */
function bigQuiz(title: string) {
  return {
    title,
    questions: Array.from({ length: 100 }, (_, i) => ({
      kind: "choice",
      text: `Question ${i + 1}: ${"which of these answers is the right one for this rather long question? ".repeat(3)}`.slice(
        0,
        300,
      ),
      choices: ["First answer", "Second answer", "Third answer", "Fourth answer"].map((c) => `${c} to ${i + 1}`),
      correct: i % 4,
      explanation: "Because the answer key says so. ".repeat(8).trim(),
    })),
  };
}

interface Row {
  op: string;
  n: number;
  p50: number;
  p99: number;
  cpuMs: number;
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { ops: { type: "string", default: "200" } } });
  const ops = Number(values.ops);
  if (!Number.isInteger(ops) || ops < 10 || ops > 10_000)
    throw new Error("--ops must be a whole number from 10 to 10000.");
  const server = await startLocalServer({ rateLimit: 1_000_000_000, inspect: false, checkout: ROOT });
  try {
    const db = await server.miniflare.getD1Database("DB");
    for (const migration of await readD1Migrations(path.join(ROOT, "migrations"))) {
      await db.batch(migration.queries.map((q) => db.prepare(q)));
    }
    const url = server.url;
    const json = (method: string, body: unknown, token?: string) => ({
      method,
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const rows: Row[] = [];
    async function measure(op: string, request: (i: number) => Promise<Response>, expected: number) {
      const samples: number[] = [];
      const before = sampleProcess(server.pid)?.cpuMs ?? 0;
      for (let i = 0; i < ops; i++) {
        const started = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        samples.push(performance.now() - started);
        if (res.status !== expected) throw new Error(`${op}: expected ${expected}, got ${res.status}`);
      }
      const cpu = (sampleProcess(server.pid)?.cpuMs ?? 0) - before;
      const s = summarize(Float64Array.from(samples));
      rows.push({ op, n: ops, p50: s.p50, p99: s.p99, cpuMs: cpu / ops });
    }

    const quiz = bigQuiz("Bench quiz");
    const quizBytes = JSON.stringify(quiz).length;
    const created = (await (await fetch(`${url}/api/quizzes`, json("POST", quiz))).json()) as {
      id: string;
      editToken: string;
    };
    await measure(
      "POST /api/games, 100 questions inline",
      () => fetch(`${url}/api/games`, json("POST", { questions: quiz.questions, title: quiz.title })),
      201,
    );
    await measure(
      "POST /api/games {quizId}, 100 questions",
      () => fetch(`${url}/api/games`, json("POST", { quizId: created.id })),
      201,
    );
    await measure("POST /api/quizzes, 100 questions", () => fetch(`${url}/api/quizzes`, json("POST", quiz)), 201);
    await measure("GET /api/quizzes/:id", () => fetch(`${url}/api/quizzes/${created.id}`), 200);
    await measure(
      "PUT /api/quizzes/:id (save a change)",
      (i) =>
        fetch(
          `${url}/api/quizzes/${created.id}`,
          json("PUT", { version: i + 1, quiz: { ...quiz, title: `Bench ${i}` } }, created.editToken),
        ),
      200,
    );
    await measure(
      "POST /api/quizzes/:id/copy",
      () => fetch(`${url}/api/quizzes/${created.id}/copy`, { method: "POST" }),
      201,
    );
    await measure(
      "POST /api/images, 200 KB, new each time",
      (i) => fetch(`${url}/api/images`, { method: "POST", body: image(200 * 1024, i) }),
      201,
    );
    const same = image(200 * 1024, -1);
    await measure(
      "POST /api/images, 200 KB, already stored",
      () => fetch(`${url}/api/images`, { method: "POST", body: same }),
      201,
    );
    const stored = (await (await fetch(`${url}/api/images`, { method: "POST", body: same })).json()) as {
      url: string;
      hash: string;
    };
    await measure("GET /api/images/:hash, 200 KB", () => fetch(`${url}${stored.url}`), 200);
    await measure(
      "GET /api/images/:hash, If-None-Match",
      () => fetch(`${url}${stored.url}`, { headers: { "if-none-match": `"${stored.hash}"` } }),
      304,
    );
    await measure(
      "POST /api/images, 3 MB (refused, 413)",
      () => fetch(`${url}/api/images`, { method: "POST", body: image(3 * 1024 * 1024, 0) }),
      413,
    );

    const width = Math.max(...rows.map((r) => r.op.length));
    process.stdout.write(
      `library routes, ${ops} sequential requests each; quiz ${Math.round(quizBytes / 1024)} KB as JSON; load average ${os.loadavg()[0]?.toFixed(2)}\n` +
        `${"operation".padEnd(width)}  latency p50 / p99 (ms)  workerd CPU per request (ms)\n`,
    );
    for (const r of rows) {
      process.stdout.write(
        `${r.op.padEnd(width)}  ${`${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`.padStart(22)}  ${r.cpuMs.toFixed(2).padStart(28)}\n`,
      );
    }
    if (server.logs.errors.length) process.stdout.write(`server errors:\n${server.logs.errors.join("\n")}\n`);
  } finally {
    await server.stop();
    fs.rmSync(server.tmpDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
