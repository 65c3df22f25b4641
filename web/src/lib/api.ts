/**
 * HTTP calls to the game API. The API normally lives on the site's own origin; a build with VITE_API_ORIGIN set
 * (e.g. https://trivia.example.workers.dev) talks to that origin instead, so the site can be hosted anywhere.
 */
import type { CreateGameBody } from "@protocol/schemas";
import type {
  CategoryInfo,
  CreateGameResponse,
  ErrorCode,
  GameInfo,
  JoinResponse,
  PairResponse,
} from "@protocol/values";
import { messageFor } from "./errors";
import { deviceId } from "./storage";

export const API_ORIGIN: string = (import.meta.env.VITE_API_ORIGIN ?? "").replace(/\/+$/, "");

export function apiUrl(path: string): string {
  return `${API_ORIGIN}/api${path}`;
}

/**
 * Where the browser loads a question's image from. An image uploaded to the API is named by a root-relative path
 * (`/api/images/<hash>`), which lives on the API's origin: not this page's when the site is hosted apart from it.
 */
export function imageUrl(src: string): string {
  return src.startsWith("/") && !src.startsWith("//") ? `${API_ORIGIN}${src}` : src;
}

/**
 * The WebSocket URL of a game, on the API's origin. A player's socket names the player (the id its token carries),
 * so that in a game spread over several shards it goes straight to the player's shard (docs/scaling.md).
 */
export function socketUrl(code: string, token?: string): string {
  const base = API_ORIGIN || window.location.origin;
  const player = token ? /^p\.([A-Za-z0-9_-]{12})\./.exec(token)?.[1] : undefined;
  const query = player ? `?player=${player}` : "";
  return `${base.replace(/^http/, "ws")}/api/games/${encodeURIComponent(code)}/ws${query}`;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network_error" | "unexpected_response",
    message: string,
    readonly status: number,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

/** One call to the API; network failures become an ApiError. */
export async function send(path: string, options: RequestInit & { token?: string } = {}): Promise<Response> {
  const { token, ...init } = options;
  const headers: Record<string, string> = {};
  if (init.body) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(apiUrl(path), { ...init, headers });
  } catch {
    throw new ApiError("network_error", messageFor("network_error"), 0);
  }
}

/** The ApiError a non-2xx answer stands for. */
export async function failure(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: reported as unexpected below.
  }
  const error = (body as { error?: { code?: ErrorCode; message?: string; fields?: string[] } } | null)?.error;
  if (error?.code)
    return new ApiError(error.code, messageFor(error.code, error.message), response.status, error.fields ?? []);
  return new ApiError("unexpected_response", messageFor("unexpected_response"), response.status);
}

export async function request<T>(path: string, init?: RequestInit & { token?: string }): Promise<T> {
  const response = await send(path, init);
  if (!response.ok) throw await failure(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError("unexpected_response", messageFor("unexpected_response"), response.status);
  }
}

export function fetchCategories(): Promise<CategoryInfo[]> {
  return request<{ categories: CategoryInfo[] }>("/categories").then((r) => r.categories);
}

export function createGame(body: CreateGameBody): Promise<CreateGameResponse> {
  return request("/games", { method: "POST", body: JSON.stringify(body) });
}

export function gameInfo(code: string): Promise<GameInfo> {
  return request(`/games/${encodeURIComponent(code)}`);
}

/** Joins with this browser's device id, which a kick bans from the game. */
export function joinGame(code: string, name: string | null): Promise<JoinResponse> {
  const device = deviceId();
  return request(`/games/${encodeURIComponent(code)}/players`, {
    method: "POST",
    body: JSON.stringify({ ...(name ? { name } : {}), ...(device ? { device } : {}) }),
  });
}

/** Exchanges the pairing code from the host's QR for this phone's own remote seat. */
export function pairRemote(code: string, pairingCode: string, label: string): Promise<PairResponse> {
  return request(`/games/${encodeURIComponent(code)}/remotes`, {
    method: "POST",
    body: JSON.stringify({ pairingCode, label }),
  });
}

/** Pulls a six-digit game code out of whatever was typed or pasted: the code itself or a join link. */
export function extractCode(input: string): string | null {
  const fromLink = /\/join\/(\d{6})(?:\D|$)/.exec(input);
  if (fromLink?.[1]) return fromLink[1];
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
