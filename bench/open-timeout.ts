/**
 * A connection attempt that has not opened within the phone's connection timeout (web/src/lib/reconnect.ts) is
 * dropped and tried again, as partysocket does. ws reports its own terminate as "closed before the connection was
 * established" and then a close 1006; the bots and the host note the two as one incident, a socket ETIMEDOUT.
 */
import type WebSocket from "ws";
import { RECONNECT } from "../web/src/lib/reconnect.ts";

export interface OpenTimeout {
  /** The attempt was dropped for not opening in time. */
  readonly timedOut: boolean;
  /** It opened or closed: no more timeout. */
  clear(): void;
}

export function openTimeout(ws: WebSocket): OpenTimeout {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ws.terminate();
  }, RECONNECT.connectionTimeout);
  return {
    get timedOut() {
      return timedOut;
    },
    clear: () => clearTimeout(timer),
  };
}
