/**
 * What a person reads when something goes wrong. The server's own message is precise but written for developers in
 * places; the common cases get a sentence that says what happened and what to do next.
 */
import type { ErrorCode } from "@protocol/values";
import { BASE_LANGUAGE, i18n, locale } from "../i18n";

type ClientErrorCode = ErrorCode | "network_error" | "unexpected_response" | "connection_lost" | "no_session";

// Keyed by error code; the studio's own codes (versions, edit tokens, pictures) are the studio's (libraryApi.ts), so
// none of them reaches a phone.
const messages = i18n("errors", {
  game_not_found: "There is no game with that code. Check the six digits on the host's screen.",
  game_expired: "This game has ended and its results have been cleared.",
  game_locked: "The host has locked this game, so nobody new can join right now.",
  game_full: "This game is full.",
  game_finished: "This game is already over.",
  assignment_closed: "This assignment has closed: its deadline has passed, or the host closed it.",
  self_paced: "This is a self-paced assignment: each player moves on by themselves.",
  name_taken: "Someone in this game already has that name (or one that looks just like it). Pick another one.",
  name_not_allowed: "That nickname is not allowed in this game. Please pick another one.",
  rate_limited: "Too many join attempts from your network. Wait a few seconds and try again.",
  kicked: "The host removed you from this game.",
  too_many_sockets: "This seat is open on too many screens, so this one was closed. Reload to play here.",
  too_many_connections: "Too many connections from your network right now. Wait a moment and try again.",
  too_many_messages: "Too many messages in a short time. Slow down a little.",
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
  unknown_category: "That category is not in the question bank.",
  not_enough_questions: "The question bank does not have that many questions for this choice. Ask for fewer.",
  code_space_exhausted: "No game code is free right now. Please try again in a minute.",
  quiz_not_found: "That quiz is no longer in the library.",
  invalid_quiz: "The quiz has problems.",
  payload_too_large: "That is too large to send. Try a smaller file.",
  wrong_host_token: "This screen is no longer the host of that game.",
  network_error: "Could not reach the game server. Check your connection and try again.",
  unexpected_response: "The game server sent an unexpected answer. Please try again.",
  connection_lost: "The connection to the game was lost.",
  no_session: "This device has not joined that game yet.",
  internal_error: "Something went wrong on the server. Please try again.",
  fallback: "Something went wrong. Please try again.",
});

type Sentences = ReturnType<typeof messages.get>;

// Codes whose server message carries specifics ("Only 15 questions match; ask for 15 or fewer."): in English the
// server's sentence is shown, in another language this general one.
const SERVER_SAYS_MORE: ReadonlySet<string> = new Set([
  "unknown_category",
  "not_enough_questions",
  "code_space_exhausted",
  "quiz_not_found",
  "invalid_quiz",
  "payload_too_large",
  "wrong_host_token",
  "too_many_connections",
  "too_many_messages",
]);

/**
 * The sentence to show for an error code, in the language on screen. A rarer code without a sentence of its own
 * shows the server's message in English (the server writes English), else a general sentence.
 */
export function messageFor(code: ClientErrorCode, serverMessage?: string): string {
  const t = messages.get();
  const english = locale.get() === BASE_LANGUAGE;
  if (english && serverMessage && SERVER_SAYS_MORE.has(code)) return serverMessage;
  const own = code in t && (code as string) !== "fallback" ? t[code as keyof Sentences] : undefined;
  if (own) return own;
  return (english ? serverMessage : undefined) ?? t.fallback;
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
