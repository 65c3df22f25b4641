/**
 * The library's HTTP API as the contract describes it (docs/protocol.md), kept in memory for component tests:
 * quizzes checked with the protocol's own Quiz schema, versions and edit tokens, 409 on a stale version, copies,
 * images recognised by their first bytes, bank draws, imports by the worker's own importers. `fetch` is stubbed.
 */

import { Quiz } from "@protocol/schemas";
import { vi } from "vitest";
import { importQuiz as importOnServer } from "../../worker/quiz/import";

export interface Call {
  method: string;
  url: string;
  body: unknown;
  auth: string | null;
  contentType: string | null;
}

interface Stored {
  quiz: Quiz;
  version: number;
  token: string;
  createdAt: string;
  updatedAt: string;
}

const PNG = [0x89, 0x50, 0x4e, 0x47];

function error(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message: `${code} (test)`, ...extra } }, { status });
}

export function fakeLibrary() {
  const quizzes = new Map<string, Stored>();
  const calls: Call[] = [];
  let n = 0;
  let clock = Date.parse("2026-06-01T10:00:00.000Z");
  const now = () => {
    clock += 60_000;
    return new Date(clock).toISOString();
  };
  const saved = (id: string) => {
    const q = quizzes.get(id) as Stored;
    return {
      id,
      title: q.quiz.title,
      questionCount: q.quiz.questions.length,
      createdAt: q.createdAt,
      updatedAt: q.updatedAt,
      version: q.version,
      quiz: q.quiz,
    };
  };
  const create = (quiz: Quiz) => {
    const id = `quiz${++n}abcdefgh`;
    const at = now();
    quizzes.set(id, { quiz, version: 1, token: `token-${n}`, createdAt: at, updatedAt: at });
    return Response.json(
      { id, editToken: `token-${n}`, url: `http://localhost:3000/quiz/${id}`, version: 1, updatedAt: at },
      { status: 201 },
    );
  };

  const handler = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const raw = init?.body;
    let body: unknown;
    if (raw instanceof Blob) body = new Uint8Array(await raw.arrayBuffer());
    else if (typeof raw === "string") body = JSON.parse(raw);
    calls.push({
      method,
      url,
      body,
      auth: headers.authorization ?? null,
      contentType: headers["content-type"] ?? null,
    });
    const path = new URL(url, "http://localhost:3000").pathname;
    const query = new URL(url, "http://localhost:3000").searchParams;
    if (path === "/api/quizzes/import" && method === "POST") {
      const { format, content, title } = body as { format: "csv"; content: string; title?: string };
      const result = importOnServer(format, content, { title });
      return result.ok ? Response.json({ quiz: result.quiz }) : error(422, "invalid_quiz", { problems: result.errors });
    }
    if (path === "/api/quizzes" && method === "POST") {
      const parsed = Quiz.safeParse(body);
      if (!parsed.success) return error(422, "invalid_quiz", { problems: parsed.error.issues.map((i) => i.message) });
      return create(parsed.data);
    }
    const copy = /^\/api\/quizzes\/([^/]+)\/copy$/.exec(path);
    if (copy?.[1] && method === "POST") {
      const from = quizzes.get(copy[1]);
      return from ? create(from.quiz) : error(404, "quiz_not_found");
    }
    const one = /^\/api\/quizzes\/([^/]+)$/.exec(path);
    if (one?.[1]) {
      const id = one[1];
      const q = quizzes.get(id);
      if (method === "GET") return q ? Response.json(saved(id)) : error(404, "quiz_not_found");
      const auth = headers.authorization;
      if (!auth?.startsWith("Bearer ")) return error(401, "edit_token_required");
      if (!q) return error(404, "quiz_not_found");
      if (auth !== `Bearer ${q.token}`) return error(403, "wrong_edit_token");
      if (method === "DELETE") {
        quizzes.delete(id);
        return new Response(null, { status: 204 });
      }
      if (method === "PUT") {
        const { version, quiz } = body as { version: number; quiz: unknown };
        if (version !== q.version) {
          return error(409, "version_conflict", { current: { version: q.version, updatedAt: q.updatedAt } });
        }
        const parsed = Quiz.safeParse(quiz);
        if (!parsed.success) return error(422, "invalid_quiz", { problems: ["question 1: text is empty"] });
        quizzes.set(id, { ...q, quiz: parsed.data, version: q.version + 1, updatedAt: now() });
        return Response.json(saved(id));
      }
    }
    if (path === "/api/images" && method === "POST") {
      const bytes = body as Uint8Array;
      if (!PNG.every((b, i) => bytes[i] === b)) return error(415, "unsupported_image_type");
      const hash = [...bytes.slice(0, 32)]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("")
        .padEnd(64, "0");
      return Response.json(
        { url: `/api/images/${hash}`, hash, contentType: "image/png", bytes: bytes.length },
        { status: 201 },
      );
    }
    if (path === "/api/bank/quiz") {
      const count = Number(query.get("count"));
      return Response.json({
        quiz: {
          title: "Question bank quiz",
          questions: Array.from({ length: count }, (_, i) => ({
            kind: "choice",
            text: `Bank question ${i + 1} (${query.get("category")})`,
            choices: ["A", "B"],
            correct: 0,
            category: query.get("category") ?? "general",
          })),
        },
      });
    }
    if (path === "/api/categories") {
      return Response.json({
        categories: [{ id: "history", label: "History", questionCount: 30, byDifficulty: { easy: 10 } }],
      });
    }
    if (path === "/api/games" && method === "POST") {
      return Response.json(
        { code: "654321", hostToken: "h.secret", joinUrl: "http://x/join/654321", questionCount: 5 },
        { status: 201 },
      );
    }
    return error(404, "not_found");
  });
  vi.stubGlobal("fetch", handler);

  /** Someone else saves the quiz (another device): its version goes up. */
  const saveElsewhere = (id: string, change: (quiz: Quiz) => Quiz) => {
    const q = quizzes.get(id) as Stored;
    quizzes.set(id, { ...q, quiz: change(q.quiz), version: q.version + 1, updatedAt: now() });
  };
  /** A quiz already in the library, kept in this device's My quizzes. */
  const seedSaved = (quiz: Quiz): { id: string; token: string } => {
    const id = `seed${++n}abcdefgh`;
    const at = now();
    quizzes.set(id, { quiz, version: 1, token: `token-${n}`, createdAt: at, updatedAt: at });
    return { id, token: `token-${n}` };
  };
  return { quizzes, calls, saveElsewhere, seedSaved };
}
