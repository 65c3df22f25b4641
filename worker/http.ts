/**
 * The HTTP API's shared pieces: the one error shape, body reading and validation, the 405 body, and finding a game's
 * Durable Object by its code. Used by the game routes (index.ts) and the quiz routes (quiz/routes.ts).
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { readCappedText } from "./body";
import type { GameRoom } from "./game/room";
import { isLoopbackHost } from "./protocol/loopback";
import { type ErrorCode, LIMITS } from "./protocol/values";

/** Details an error body may carry besides its code and message. */
export interface ErrorExtra {
  fields?: string[];
  problems?: string[];
  /** version_conflict: the saved quiz's version as it now stands. */
  current?: { version: number; updatedAt: string };
}

/** Thrown by a route; the app's error handler turns it into the JSON error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }
}

export function errorResponse(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  extra: ErrorExtra = {},
  headers?: HeadersInit,
): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers });
}

/**
 * The 405 for a known path called with a method it does not take, for Hono's method-not-allowed middleware (which
 * works the methods out from the app's routes). Hono serves HEAD wherever there is a GET and lists it; `Allow` names
 * the methods the routes were written for, as it always has.
 */
export function methodNotAllowedResponse(_c: unknown, methods: string[]): Response {
  const allowed = methods.filter((m) => m !== "HEAD").join(", ");
  return errorResponse(405, "method_not_allowed", `This endpoint accepts ${allowed} only.`, {}, { Allow: allowed });
}

/** The dotted paths one issue is about. An unknown key is named itself, not the object that holds it. */
function issueFields(issue: z.ZodError["issues"][number]): string[] {
  const at = issue.path.map(String);
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => [...at, key].join("."));
  return [at.join(".") || "(body)"];
}

/**
 * Reads a JSON body of at most `maxBytes` (413 payload_too_large beyond; an empty body counts as `{}`) and validates
 * it against `schema`.
 */
export async function readBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes: number = LIMITS.bodyBytes,
): Promise<z.output<S>> {
  return validateBody(parseJsonBody(await readCappedText(req, maxBytes)), schema);
}

/** A body's JSON value; an empty body counts as `{}`, malformed JSON is a 400. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** Validates a body's value against `schema`; a 422 invalid_request names every offending field. */
export function validateBody<S extends z.ZodType>(value: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.flatMap(issueFields))];
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
      .join("; ");
    throw new ApiError(422, "invalid_request", `The request is not valid: ${detail}.`, { fields });
  }
  return parsed.data;
}

/** The bearer token of an `Authorization: Bearer <token>` header, or null when there is none or it is malformed. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S{1,200})\s*$/i.exec(header ?? "")?.[1] ?? null;
}

/** The client's address, the key of the per-address rate limits ("local" when there is none: local tools, tests). */
export function clientAddress(req: Request): string {
  return req.headers.get("CF-Connecting-IP") ?? "local";
}

/**
 * The origin links handed out point at (join links, share links): PUBLIC_ORIGIN when set, else the origin the
 * request came to. A host whose page is on a loopback address (`npm start` opened at http://localhost:8787) would
 * hand out links no phone can open, so there they use LAN_ORIGIN, this machine's address on the local network,
 * which `npm start` sets.
 */
export function publicOrigin(env: Env, req: Request): string {
  const own = new URL(req.url);
  const origin = env.PUBLIC_ORIGIN || (env.LAN_ORIGIN && isLoopbackHost(own.hostname) ? env.LAN_ORIGIN : own.origin);
  return origin.replace(/\/$/, "");
}

const CODE_PATTERN = /^\d{6}$/;

/** The Durable Object of the game with this code (a code that cannot exist is a 404 without touching any). */
export function gameRoom(env: Env, code: string): DurableObjectStub<GameRoom> {
  if (!CODE_PATTERN.test(code)) throw new ApiError(404, "game_not_found", "Game codes are six digits.");
  return env.GAME.get(env.GAME.idFromName(code));
}
