/**
 * Saved quizzes' ids and edit tokens.
 *
 * An id is the whole of a share link's secret-free part: 72 random bits (12 URL-safe characters), so ids cannot be
 * listed or guessed, and anyone given one may read and copy the quiz. The edit token is the author's key: 128 random
 * bits, shown once at creation, kept only as its SHA-256 and compared in constant time (as the games' tokens are).
 */
import { base64url, hashToken, sameHash } from "../game/tokens";

const ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;

export function newQuizId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(9)));
}

/** Whether `id` could be a quiz id at all; anything else is a 404 without asking the database. */
export function isQuizId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function newEditToken(): string {
  return `e.${base64url(crypto.getRandomValues(new Uint8Array(16)))}`;
}

export { hashToken as hashEditToken };

/** Whether `token` is the one whose hash is `storedHash`. */
export async function editTokenMatches(token: string, storedHash: string): Promise<boolean> {
  return sameHash(await hashToken(token), storedHash);
}
