/**
 * Host, player and remote tokens and pairing codes: 128 random bits, shown to their owner once and stored only as a
 * SHA-256 hash.
 *
 * A player token names its player (`p.<playerId>.<secret>`) and a remote's its remote (`r.<remoteId>.<secret>`), so
 * the room can find the one hash to compare without scanning; the host token is `h.<secret>`. Hashes are compared in
 * constant time.
 */

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A short random id for a player or a remote (72 bits: unguessable is the token's job, unique is this one's). */
export function newPlayerId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(9)));
}

export function newHostToken(): string {
  return `h.${randomSecret()}`;
}

export function newPlayerToken(playerId: string): string {
  return `p.${playerId}.${randomSecret()}`;
}

export function newRemoteToken(remoteId: string): string {
  return `r.${remoteId}.${randomSecret()}`;
}

/** What the host's pairing QR holds: exchanged once for a remote's own token, never the host's. */
export function newPairingCode(): string {
  return randomSecret();
}

export type ParsedToken =
  | { role: "host" }
  | { role: "player"; playerId: string }
  | { role: "remote"; remoteId: string };

export function parseToken(token: string): ParsedToken | null {
  if (/^h\.[A-Za-z0-9_-]{22}$/.test(token)) return { role: "host" };
  const m = /^([pr])\.([A-Za-z0-9_-]{12})\.[A-Za-z0-9_-]{22}$/.exec(token);
  if (!m) return null;
  return m[1] === "p" ? { role: "player", playerId: m[2] as string } : { role: "remote", remoteId: m[2] as string };
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(token));
  return base64url(new Uint8Array(digest));
}

/** Compares two hashes without leaking, through timing, how much of them matched. */
export function sameHash(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.byteLength !== y.byteLength) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}
