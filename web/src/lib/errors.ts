/**
 * What a person reads when something goes wrong. The server's own message is precise but written for developers in
 * places; the common cases get a sentence that says what happened and what to do next.
 */
import type { ErrorCode } from "@protocol/values";

type ClientErrorCode = ErrorCode | "network_error" | "unexpected_response" | "connection_lost" | "no_session";

const MESSAGES: Partial<Record<ClientErrorCode, string>> = {
  game_not_found: "There is no game with that code. Check the six digits on the host's screen.",
  game_expired: "This game has ended and its results have been cleared.",
  game_locked: "The host has locked this game, so nobody new can join right now.",
  game_full: "This game is full.",
  game_finished: "This game is already over.",
  name_taken: "Someone in this game already has that name (or one that looks just like it). Pick another one.",
  name_not_allowed: "That nickname is not allowed in this game. Please pick another one.",
  rate_limited: "Too many join attempts from your network. Wait a few seconds and try again.",
  kicked: "The host removed you from this game.",
  too_many_sockets: "This seat is open on too many screens, so this one was closed. Reload to play here.",
  device_banned: "The host removed this device from the game, so it can't join it again.",
  question_not_open: "Not yet: the answers open in a moment.",
  remote_revoked: "The host turned this phone's remote off. Ask for a new pairing code on the big screen.",
  pairing_invalid: "That pairing code doesn't belong to this game. On the big screen, press Remote for a new one.",
  pairing_used: "That pairing code has already paired a phone. On the big screen, press Remote for a new one.",
  pairing_expired: "That pairing code has expired (they last a minute). On the big screen, press Remote for a new one.",
  remote_not_allowed: "Only the big screen can pair or revoke remotes.",
  answer_not_found: "That answer is no longer on the screen.",
  invalid_token: "This device's seat in the game is no longer valid. Join again with the code.",
  no_players: "Nobody has joined yet. Wait for at least one player before starting.",
  question_closed: "Too late: that question has closed.",
  already_answered: "You already answered this question.",
  wrong_question: "That answer was for an earlier question.",
  game_paused: "The game is paused. Wait for the host to resume.",
  network_error: "Could not reach the game server. Check your connection and try again.",
  unexpected_response: "The game server sent an unexpected answer. Please try again.",
  connection_lost: "The connection to the game was lost.",
  no_session: "This device has not joined that game yet.",
  internal_error: "Something went wrong on the server. Please try again.",
};

/** The sentence to show for an error code; the server's message is the fallback for the rarer ones. */
export function messageFor(code: ClientErrorCode, serverMessage?: string): string {
  return MESSAGES[code] ?? serverMessage ?? "Something went wrong. Please try again.";
}

/** Errors after which this socket can never work again: stop reconnecting and explain. */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  "invalid_token",
  "kicked",
  "game_not_found",
  "game_expired",
  "too_many_sockets",
  "remote_revoked",
]);
