/**
 * The trivia-edge worker: a small Hono app for the HTTP API. It validates requests, picks the game's Durable Object
 * by code and calls it over RPC; WebSocket upgrades are forwarded to the object untouched so that the object
 * accepts them itself (which is what lets it hibernate). Everything else is the web app's static assets.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { categories } from "./bank";
import { settleBody } from "./body";
import { isOffensive, NAME_NOT_ALLOWED, nameKey } from "./game/names";
import { GameRoom, NO_GAME_HEADER } from "./game/room";
import { playerIdOn, randomShard, shardOf, shardsFor } from "./game/shard-key";
import type { GameSettings } from "./game/state";
import {
  ApiError,
  clientAddress,
  errorResponse,
  gameRoom,
  methodNotAllowedResponse,
  publicOrigin,
  readBody,
} from "./http";
import { drawOrRefuse } from "./library/bank";
import { libraryRoutes, quizForGame } from "./library/routes";
import { countMiss, refuseIfLimited } from "./lookup-limit";
import { CreateGameBody, JoinBody, PairBody, type QuizQuestion, type ValidCreateGameBody } from "./protocol/schemas";
import type { CreateGameResponse, ErrorCode, JoinResponse, PairResponse } from "./protocol/values";
import { quizRoutes } from "./quiz/routes";
import { shardCount, shardRoom, socketRoom } from "./shards";

export { GameRoom };

type AppEnv = { Bindings: Env };
const app = new Hono<AppEnv>();

const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  game_not_found: 404,
  name_taken: 409,
  name_not_allowed: 422,
  game_full: 409,
  game_finished: 409,
  game_locked: 423,
  invalid_request: 422,
  device_banned: 403,
  pairing_invalid: 403,
  pairing_used: 409,
  pairing_expired: 410,
};

app.onError((err) => {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message, err.extra, err.headers);
  console.log(JSON.stringify({ at: new Date().toISOString(), event: "error", message: err.message, stack: err.stack }));
  return errorResponse(500, "internal_error", "Something went wrong on our side. Please try again.");
});

// Outermost: whatever the route and the answer (a 413, a 405, a 404, a 429, an error), the rest of the request's body
// is read (bounded) before the answer goes out, so the keep-alive connection it came on stays usable (body.ts).
app.use("*", async (c, next) => {
  await next();
  await settleBody(c.req.raw);
});

// A known path called with another method: 405 with Allow, worked out from the routes below (/api/* only: the rest
// of the site is static assets).
app.use("/api/*", methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedResponse }));

app.notFound((c) =>
  errorResponse(404, "not_found", `There is nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`),
);

function numberVar(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function settingsFrom(
  env: Env,
  body: Pick<
    ValidCreateGameBody,
    "questionSeconds" | "revealSeconds" | "readSeconds" | "nameFilter" | "mode" | "closesAt" | "teams"
  >,
  shards: number,
): GameSettings {
  return {
    ...(shards > 1 ? { shards } : {}),
    ...(body.teams ? { teams: body.teams } : {}),
    ...(body.mode === "self-paced" ? { mode: "self-paced" as const, closesAt: body.closesAt } : {}),
    questionSeconds: body.questionSeconds,
    revealSeconds: body.revealSeconds,
    readSeconds: body.readSeconds,
    nameFilter: body.nameFilter,
    maxPlayers: numberVar(env.MAX_PLAYERS, 10_000),
    lobbyTtlMs: numberVar(env.LOBBY_TTL_MINUTES, 120) * 60_000,
    idleTtlMs: numberVar(env.IDLE_TTL_MINUTES, 120) * 60_000,
    resultsTtlMs: numberVar(env.RESULTS_TTL_HOURS, 24) * 3_600_000,
  };
}

function pickQuestions(body: ValidCreateGameBody): QuizQuestion[] {
  if (body.questions) return body.questions;
  return drawOrRefuse({ category: body.category, difficulty: body.difficulty }, body.questionCount, "questionCount");
}

function randomCode(): string {
  return String(100000 + ((crypto.getRandomValues(new Uint32Array(1))[0] as number) % 900000));
}

/** Where players open the game (see publicOrigin for which origin that is). */
function joinUrl(env: Env, req: Request, code: string): string {
  return `${publicOrigin(env, req)}/join/${code}`;
}

const api = new Hono<AppEnv>();

// The web app can be hosted on another origin (built with VITE_API_ORIGIN). Every credential here is a bearer token
// in a header or a message, never a cookie, so letting any origin call the API exposes nothing a server could not.
api.use(
  "*",
  cors({
    origin: "*",
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ["content-type", "authorization"],
    exposeHeaders: ["Content-Disposition", "Retry-After"],
    maxAge: 86_400,
  }),
);

api.get("/health", (c) => c.json({ ok: true }));

api.get("/categories", (c) => c.json({ categories: categories() }));

api.post("/games", async (c) => {
  const body = await readBody(c.req.raw, CreateGameBody);
  if (body.hostName && body.nameFilter && isOffensive(body.hostName)) {
    throw new ApiError(422, NAME_NOT_ALLOWED.code, NAME_NOT_ALLOWED.message, { fields: ["hostName"] });
  }
  const shards = shardsFor(body);
  if (shards > 1 && body.hostName) {
    const message = "A host who also plays is not available in a game spread over several shards (shards > 1).";
    throw new ApiError(422, "invalid_request", message, { fields: ["hostName", "shards"] });
  }
  // Team standings and assignments' own clocks live in one object's engine today (docs/scaling.md).
  if (shards > 1 && body.teams) {
    const message = "Team mode is not available in a game spread over several shards (shards > 1).";
    throw new ApiError(422, "invalid_request", message, { fields: ["teams", "shards"] });
  }
  if (shards > 1 && body.mode === "self-paced") {
    const message = "A self-paced assignment is played in one object: leave out shards (or expectedPlayers).";
    throw new ApiError(422, "invalid_request", message, { fields: ["mode", "shards"] });
  }
  // A saved quiz is copied into the game here: later edits or its deletion do not reach a created game.
  const saved = body.quizId ? await quizForGame(c.env, body.quizId) : null;
  const questions = saved?.questions ?? pickQuestions(body);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomCode();
    const result = await gameRoom(c.env, code).create({
      code,
      title: body.title ?? saved?.title,
      settings: settingsFrom(c.env, body, shards),
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
        ...(body.mode === "self-paced" ? { mode: "self-paced" as const, closesAt: body.closesAt } : {}),
      };
      return c.json(response, 201);
    }
  }
  throw new ApiError(503, "code_space_exhausted", "Could not find a free game code; please try again.");
});

api.get("/games/:code", async (c) => {
  const address = clientAddress(c.req.raw);
  refuseIfLimited(address);
  const info = await gameRoom(c.env, c.req.param("code")).info();
  if (!info) {
    await countMiss(c.env, address);
    throw new ApiError(404, "game_not_found", "No game with that code.");
  }
  return c.json(info);
});

/** Joins and pairings count against one limit per client address: a flood of either is refused the same way. */
async function refuseFlood(env: Env, req: Request): Promise<Response | null> {
  const { success } = await env.JOIN_LIMITER.limit({ key: clientAddress(req) });
  if (success) return null;
  return errorResponse(
    429,
    "rate_limited",
    "Too many join attempts from your network; wait a moment and try again.",
    {},
    { "Retry-After": "10" },
  );
}

api.post("/games/:code/players", async (c) => {
  const refused = await refuseFlood(c.env, c.req.raw);
  if (refused) return refused;
  const code = c.req.param("code");
  const stub = gameRoom(c.env, code);
  const body = await readBody(c.req.raw, JoinBody);
  // A big game: the new player's id picks its shard, and the join goes straight there (docs/scaling.md).
  const shards = await shardCount(c.env, code);
  if (shards === null) throw new ApiError(404, "game_not_found", "No game with that code.");
  // The player's shard is the one its name's look-alike key hashes to (a random one without a name), so that every
  // player who could clash with this name joins the same object; the new id is drawn to hash there (docs/scaling.md).
  const home = shards > 1 ? (body.name ? shardOf(nameKey(body.name), shards) : randomShard(shards)) : 0;
  const playerId = shards > 1 ? playerIdOn(home, shards) : undefined;
  const room = playerId ? shardRoom(c.env, code, shardOf(playerId, shards)) : stub;
  const result = await room.join(body.name ?? null, body.device ?? null, playerId);
  if (!result.ok) {
    throw new ApiError(STATUS_BY_CODE[result.error.code] ?? 409, result.error.code, result.error.message);
  }
  const response: JoinResponse = { playerId: result.playerId, playerToken: result.playerToken, name: result.name };
  return c.json(response, 201);
});

// A phone exchanges the pairing code from the host's QR for a remote seat of its own.
api.post("/games/:code/remotes", async (c) => {
  const refused = await refuseFlood(c.env, c.req.raw);
  if (refused) return refused;
  const stub = gameRoom(c.env, c.req.param("code"));
  const body = await readBody(c.req.raw, PairBody);
  const result = await stub.pairRemote(body.pairingCode, body.label);
  if (!result.ok) {
    throw new ApiError(STATUS_BY_CODE[result.error.code] ?? 409, result.error.code, result.error.message);
  }
  const response: PairResponse = { remoteId: result.remoteId, remoteToken: result.remoteToken, label: result.label };
  return c.json(response, 201);
});

api.get("/games/:code/ws", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "Connect to this endpoint with a WebSocket.");
  }
  const address = clientAddress(c.req.raw);
  refuseIfLimited(address);
  const code = c.req.param("code");
  const res = await (await socketRoom(c.env, code, new URL(c.req.url))).fetch(c.req.raw);
  // The socket of a code with no game has been told so and closed (4004); the miss counts like a lookup's.
  if (res.headers.get(NO_GAME_HEADER)) {
    await countMiss(c.env, address);
    return new Response(null, { status: res.status, webSocket: res.webSocket });
  }
  return res;
});

app.route("/api", api);
app.route("/api", quizRoutes);
app.route("/api", libraryRoutes);

export default app;
