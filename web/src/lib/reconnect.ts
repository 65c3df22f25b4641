/**
 * How a phone reconnects when its link to the game drops (partysocket's options, used by connection.ts): the first
 * attempt at once, a retry about half a second after a drop, each further one 1.6 times later, at most 8 s apart;
 * an attempt that has not opened within 6 s is dropped and retried, and the delays start over once a connection has
 * stayed up for 5 s. Each phone draws its own first delay between 250 and 750 ms: when the server restarts, every
 * phone loses its connection at the same instant, and identical delays would bring them all back at the same
 * instants too, each wave bigger than the server lets in at once. The bench's bots reconnect on exactly this
 * schedule (bench/bots.ts), so that a restart in `npm run bench -- --chaos` is recovered from as phones recover.
 */
export const RECONNECT = {
  minReconnectionDelay: 500,
  maxReconnectionDelay: 8_000,
  reconnectionDelayGrowFactor: 1.6,
  connectionTimeout: 6_000,
  minUptime: 5_000,
} as const;

/** How far a phone's first retry delay lies from the average, either way (ms). */
const SPREAD_MS = 250;

/** One phone's options: RECONNECT with a first retry delay of its own (`random` in [0, 1) picks it). */
export function reconnectOptions(random: number) {
  const own = RECONNECT.minReconnectionDelay - SPREAD_MS + Math.round(random * 2 * SPREAD_MS);
  return { ...RECONNECT, minReconnectionDelay: own };
}

/**
 * The wait before connection attempt `retry` (partysocket's count: 0 for the first connection, 1 for the first
 * retry after a drop, and so on), for a phone whose first retry delay is `minDelay`.
 */
export function reconnectDelay(retry: number, minDelay: number = RECONNECT.minReconnectionDelay): number {
  if (retry <= 0) return 0;
  const delay = minDelay * RECONNECT.reconnectionDelayGrowFactor ** (retry - 1);
  return Math.min(delay, RECONNECT.maxReconnectionDelay);
}
