/**
 * How a phone reconnects when its link to the game drops (partysocket's options, used by connection.ts): the first
 * attempt at once, a retry half a second after a drop, each further one 1.6 times later, at most 8 s apart; an
 * attempt that has not opened within 6 s is dropped and retried, and the delays start over once a connection has
 * stayed up for 5 s. The bench's bots reconnect on exactly this schedule (bench/bots.ts), so that a restart in
 * `npm run bench -- --chaos` is recovered from the way players' phones recover from it.
 */
export const RECONNECT = {
  minReconnectionDelay: 500,
  maxReconnectionDelay: 8_000,
  reconnectionDelayGrowFactor: 1.6,
  connectionTimeout: 6_000,
  minUptime: 5_000,
} as const;

/**
 * The wait before connection attempt `retry` (partysocket's count: 0 for the first connection, 1 for the first
 * retry after a drop, and so on).
 */
export function reconnectDelay(retry: number): number {
  if (retry <= 0) return 0;
  const delay = RECONNECT.minReconnectionDelay * RECONNECT.reconnectionDelayGrowFactor ** (retry - 1);
  return Math.min(delay, RECONNECT.maxReconnectionDelay);
}
