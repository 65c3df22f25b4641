/**
 * Fair timing: points count the time a player took, not the time their network took.
 *
 * The server times an answer from the question's open (`startedAt`) to the answer's arrival. A player on a slow
 * network loses both trips in that time: the question's way out to the phone and the answer's way back. Each
 * connection's round-trip time is measured (the client echoes the `serverTime` of its `welcome` and of each `reveal`
 * at once: docs/protocol.md, "Fair timing"), and the answer's time is counted from when the question reached the
 * player: the server's elapsed time minus the connection's round trip (its way out and the answer's way back), never
 * below 0 and never above the time limit.
 *
 * Lying cannot pay beyond a bound. A client can only make its round trip look longer (by holding its echoes back),
 * never shorter than it is, and the credit is capped at `RTT_CAP_MS`: so an answer's counted time is never less than
 * the server's elapsed time minus the round trip the server measured, nor less than the server's elapsed time minus
 * `RTT_CAP_MS`. A client that echoes nothing is timed as before (no credit).
 *
 * Pure functions: the room keeps each socket's samples, the engine applies the rule (engine.ts `answer`).
 */

/** The most an answer is credited for its network: a round trip this long (a slow 3G phone; a satellite link). */
export const RTT_CAP_MS = 1_000;
/** Round-trip samples kept per connection; the smallest of them is the connection's round trip. */
export const RTT_SAMPLES = 5;

/**
 * The answer time that counts for points, from the server's elapsed time (open to arrival), the connection's
 * measured round trip (null or 0: none measured, today's rule) and the question's time limit.
 * Always within [serverElapsed − rtt, limit] (and never below 0); non-decreasing in `serverElapsedMs`,
 * non-increasing in `rttMs`; with no round trip known, today's rule: the elapsed time itself (an answer is only taken
 * up to the deadline, so that is within the limit; it is clamped to [0, limit] all the same).
 */
export function countedElapsed(serverElapsedMs: number, rttMs: number | null | undefined, limitMs: number): number {
  const credit = rttMs && rttMs > 0 ? Math.min(rttMs, RTT_CAP_MS) : 0;
  return Math.min(limitMs, Math.max(0, serverElapsedMs - credit));
}

/** A connection's round-trip samples (newest last) and the probe time its newest one answered. */
export interface RoundTrips {
  samples: number[];
  /** The `serverTime` the newest accepted echo carried: each probe counts once, and never an older one. */
  lastProbe: number;
}

/**
 * Takes an echo of probe `probeAt` arriving at `now`: the new record, or null when it does not count (a probe
 * already answered or older than one that was, or a time in the future).
 */
export function recordEcho(trips: RoundTrips | undefined, probeAt: number, now: number): RoundTrips | null {
  if (probeAt > now) return null;
  if (trips && probeAt <= trips.lastProbe) return null;
  const samples = [...(trips?.samples ?? []), now - probeAt].slice(-RTT_SAMPLES);
  return { samples, lastProbe: probeAt };
}

/**
 * The connection's round trip: the smallest recent sample, or null before any. Delays that are not the path's own
 * (a busy server handling a burst of echoes, a busy phone, a radio waking up, a retransmission) only ever add to a
 * sample, so the smallest of the last few is the best estimate of what the question's trip out and the answer's trip
 * back cost; an average would carry one slow moment into every answer after it, and give a client that holds back
 * an echo now and then a share of that. A lasting change (a phone switching cells) is adopted after a few samples.
 */
export function roundTrip(trips: RoundTrips | undefined): number | null {
  return trips?.samples.length ? Math.min(...trips.samples) : null;
}
