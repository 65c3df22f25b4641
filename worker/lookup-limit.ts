/**
 * Looking up codes that have no game is rate-limited per client address (LOOKUP_LIMITER): game info, results and
 * socket upgrades. Only misses count, so a lecture hall behind one school NAT address can look up, reconnect to and
 * download its own game as often as it needs; a script walking the 900,000 codes gets a handful of misses a minute.
 *
 * Once an address is over its limit, every lookup from it is refused (429) for a few seconds before any game's
 * object is asked, hits included: answering hits while refusing misses would tell a walker which codes are live, and
 * refusing early keeps it from waking objects at all. The refusal is remembered by this isolate (bounded); the
 * binding keeps the count across isolates.
 */
import { ApiError } from "./http";

/** How long an address over its limit is refused before the binding is asked again. */
const REFUSE_MS = 10_000;
/** At most this many refused addresses are remembered by one isolate. */
const MAX_REMEMBERED = 10_000;

const refusedUntil = new Map<string, number>();

function refusal(): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    "Too many lookups of game codes that do not exist from your network; check the code and try again in a moment.",
    {},
    { "Retry-After": String(REFUSE_MS / 1000) },
  );
}

/** Throws 429 when `address` went over its limit of misses a moment ago. */
export function refuseIfLimited(address: string): void {
  const until = refusedUntil.get(address);
  if (until === undefined) return;
  if (Date.now() < until) throw refusal();
  refusedUntil.delete(address);
}

/** Counts a lookup that found no game; throws 429 (and remembers the address) once the address is over its limit. */
export async function countMiss(env: Env, address: string): Promise<void> {
  const { success } = await env.LOOKUP_LIMITER.limit({ key: address });
  if (success) return;
  if (refusedUntil.size >= MAX_REMEMBERED) {
    const now = Date.now();
    for (const [key, until] of refusedUntil) if (until <= now) refusedUntil.delete(key);
    if (refusedUntil.size >= MAX_REMEMBERED) refusedUntil.clear();
  }
  refusedUntil.set(address, Date.now() + REFUSE_MS);
  throw refusal();
}
