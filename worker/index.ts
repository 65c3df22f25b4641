/**
 * The trivia-edge worker: a small Hono app for the HTTP API. It validates requests, picks the game's Durable Object
 * by code and calls it over RPC; WebSocket upgrades are forwarded to the object untouched so that the object
 * accepts them itself (which is what lets it hibernate). Everything else is the web app's static assets.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { categories, draw, hasCategory } from "./bank";
import type { GameSettings } from "./game/engine";
import { GameRoom } from "./game/room";
import { ApiError, errorResponse, gameRoom, methodNotAllowed, readBody } from "./http";
import { isLoopbackHost } from "./loopback";
import {
  CreateGameBody,
  type CreateGameResponse,
  type ErrorCode,
  JoinBody,
  type JoinResponse,
  LIMITS,
  type QuizQuestion,
  type ValidCreateGameBody,
} from "./protocol";
import { quizRoutes } from "./quiz/routes";

export { GameRoom };

type AppEnv = { Bindings: Env };
const app = new Hono<AppEnv>();

const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  game_not_found: 404,
  name_taken: 409,
  game_full: 409,
  game_finished: 409,
  game_locked: 423,
  invalid_request: 422,
  invalid_name: 422,
};

app.onError((err) => {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message, err.extra, err.headers);
  console.log(JSON.stringify({ at: new Date().toISOString(), event: "error", message: err.message, stack: err.stack }));
  return errorResponse(500, "internal_error", "Something went wrong on our side. Please try again.");
});

app.notFound((c) =>
  errorResponse(404, "not_found", `There is nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`),
);

const limitBody = bodyLimit({
  maxSize: LIMITS.bodyBytes,
  onError: () =>
    errorResponse(413, "payload_too_large", `Request bodies are limited to ${LIMITS.bodyBytes / 1024} KB.`),
});

function numberVar(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function settingsFrom(env: Env, body: { questionSeconds: number; revealSeconds: number }): GameSettings {
  return {
    questionSeconds: body.questionSeconds,
    revealSeconds: body.revealSeconds,
    maxPlayers: numberVar(env.MAX_PLAYERS, 10_000),
    lobbyTtlMs: numberVar(env.LOBBY_TTL_MINUTES, 120) * 60_000,
    idleTtlMs: numberVar(env.IDLE_TTL_MINUTES, 120) * 60_000,
    resultsTtlMs: numberVar(env.RESULTS_TTL_HOURS, 24) * 3_600_000,
  };
}

function pickQuestions(body: ValidCreateGameBody): QuizQuestion[] {
  if (body.questions) return body.questions;
  if (body.category && !hasCategory(body.category)) {
    throw new ApiError(422, "unknown_category", `There is no category "${body.category}". See GET /api/categories.`, {
      fields: ["category"],
    });
  }
  const drawn = draw({ category: body.category, difficulty: body.difficulty }, body.questionCount, Math.random);
  if (drawn.length < body.questionCount) {
    throw new ApiError(
      422,
      "not_enough_questions",
      `Only ${drawn.length} questions match; ask for ${drawn.length} or fewer.`,
      { fields: ["questionCount"] },
    );
  }
  return drawn;
}

function randomCode(): string {
  return String(100000 + ((crypto.getRandomValues(new Uint32Array(1))[0] as number) % 900000));
}

/**
 * Where players open the game: PUBLIC_ORIGIN when set, else the origin the host's request came to. A host whose
 * page is on a loopback address (`npm start` opened at http://localhost:8787) would hand out a link no phone can
 * open, so there the link uses LAN_ORIGIN, this machine's address on the local network, which `npm start` sets.
 */
function joinUrl(env: Env, req: Request, code: string): string {
  const own = new URL(req.url);
  const origin = env.PUBLIC_ORIGIN || (env.LAN_ORIGIN && isLoopbackHost(own.hostname) ? env.LAN_ORIGIN : own.origin);
  return `${origin.replace(/\/$/, "")}/join/${code}`;
}

const api = new Hono<AppEnv>();

// The web app can be hosted on another origin (built with VITE_API_ORIGIN). Every credential here is a bearer token
// in a header or a message, never a cookie, so letting any origin call the API exposes nothing a server could not.
api.use(
  "*",
  cors({
    origin: "*",
    allowMethods: ["GET", "POST"],
    allowHeaders: ["content-type", "authorization"],
    exposeHeaders: ["Content-Disposition"],
    maxAge: 86_400,
  }),
);

api.get("/health", (c) => c.json({ ok: true }));
api.all("/health", methodNotAllowed("GET"));

api.get("/categories", (c) => c.json({ categories: categories() }));
api.all("/categories", methodNotAllowed("GET"));

api.post("/games", limitBody, async (c) => {
  const body = await readBody(c.req.raw, CreateGameBody);
  const questions = pickQuestions(body);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomCode();
    const result = await gameRoom(c.env, code).create({
      code,
      title: body.title,
      settings: settingsFrom(c.env, body),
      questions,
      hostName: body.hostName ?? null,
    });
    if (result.ok) {
      const response: CreateGameResponse = {
        code,
        hostToken: result.hostToken,
        joinUrl: joinUrl(c.env, c.req.raw, code),
        questionCount: result.questionCount,
        ...(result.hostPlayerId ? { hostPlayerId: result.hostPlayerId } : {}),
      };
      return c.json(response, 201);
    }
  }
  throw new ApiError(503, "code_space_exhausted", "Could not find a free game code; please try again.");
});
api.all("/games", methodNotAllowed("POST"));

api.get("/games/:code", async (c) => {
  const info = await gameRoom(c.env, c.req.param("code")).info();
  if (!info) throw new ApiError(404, "game_not_found", "No game with that code.");
  return c.json(info);
});
api.all("/games/:code", methodNotAllowed("GET"));

api.post("/games/:code/players", limitBody, async (c) => {
  const ip = c.req.header("CF-Connecting-IP") ?? "local";
  const { success } = await c.env.JOIN_LIMITER.limit({ key: ip });
  if (!success) {
    return errorResponse(
      429,
      "rate_limited",
      "Too many join attempts from your network; wait a moment and try again.",
      {},
      {
        "Retry-After": "10",
      },
    );
  }
  const stub = gameRoom(c.env, c.req.param("code"));
  const body = await readBody(c.req.raw, JoinBody);
  const result = await stub.join(body.name ?? null);
  if (!result.ok) {
    throw new ApiError(STATUS_BY_CODE[result.error.code] ?? 409, result.error.code, result.error.message);
  }
  const response: JoinResponse = { playerId: result.playerId, playerToken: result.playerToken, name: result.name };
  return c.json(response, 201);
});
api.all("/games/:code/players", methodNotAllowed("POST"));

api.get("/games/:code/ws", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "Connect to this endpoint with a WebSocket.");
  }
  return gameRoom(c.env, c.req.param("code")).fetch(c.req.raw);
});
api.all("/games/:code/ws", methodNotAllowed("GET"));

app.route("/api", api);
app.route("/api", quizRoutes);

export default app;
