/**
 * The live link to one game: a reconnecting WebSocket (partysocket) that says hello with the stored token on every
 * (re)connect, folds server messages into a GameView, keeps the server clock, and stops for good on errors that
 * no retry can fix (kicked, bad token, game gone).
 */

import type { ClientMessage } from "@protocol/schemas";
import { CLOSE_CODES, type ErrorCode, type ServerMessage } from "@protocol/values";
import ReconnectingWebSocket from "partysocket/ws";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { socketUrl } from "./api";
import { ServerClock } from "./clock";
import { FATAL_CODES, messageFor } from "./errors";
import { type GameView, reduce } from "./game";
import { reconnectOptions } from "./reconnect";

export type LinkStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface Problem {
  code: string;
  message: string;
  /** Bumped for each new notice so the same error twice still shows. */
  id: number;
}

export interface GameLink {
  view: GameView | null;
  status: LinkStatus;
  /** An error that ended the connection for good. */
  fatal: Problem | null;
  /** The latest refusal of something this client asked for (shown briefly). */
  notice: Problem | null;
  clearNotice: () => void;
  send: (message: Exclude<ClientMessage, { type: "hello" }>) => boolean;
  clock: ServerClock;
}

const CLOSE_TO_CODE: Record<number, ErrorCode> = {
  [CLOSE_CODES.invalidToken]: "invalid_token",
  [CLOSE_CODES.kicked]: "kicked",
  [CLOSE_CODES.gameGone]: "game_not_found",
  [CLOSE_CODES.remoteRevoked]: "remote_revoked",
  [CLOSE_CODES.protocolError]: "invalid_message",
  [CLOSE_CODES.replaced]: "too_many_sockets",
};

const KEEPALIVE_MS = 25_000;

/**
 * Fair timing: a `welcome` and each `reveal` are the server's round-trip probes, echoed the moment they arrive so the
 * server can measure this connection's round trip and not count it against the player's answer time
 * (docs/protocol.md, "Fair timing"). Null for every other message.
 */
export function probeEcho(msg: ServerMessage): ClientMessage | null {
  return msg.type === "welcome" || msg.type === "reveal" ? { type: "pong", serverTime: msg.serverTime } : null;
}

export function useGameLink(code: string, token: string | null): GameLink {
  const clock = useMemo(() => new ServerClock(), []);
  const [view, dispatch] = useReducer(reduce, null);
  const [status, setStatus] = useState<LinkStatus>("connecting");
  const [fatal, setFatal] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<Problem | null>(null);
  const socketRef = useRef<ReconnectingWebSocket | null>(null);
  const noticeId = useRef(0);

  useEffect(() => {
    if (!token) return;
    let stopped = false;
    let welcomed = false;
    const socket = new ReconnectingWebSocket(socketUrl(code, token), undefined, {
      ...reconnectOptions(Math.random()),
      // Nothing may go out before hello; the UI disables actions while the link is down instead.
      maxEnqueuedMessages: 0,
      shouldReconnectOnClose: (event) => !(event.code in CLOSE_TO_CODE),
    });
    socketRef.current = socket;

    const stop = (problem: { code: string; message: string }) => {
      if (stopped) return;
      stopped = true;
      setFatal({ ...problem, id: ++noticeId.current });
      setStatus("closed");
      socket.close();
    };

    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "hello", token }));
    });
    socket.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string" || event.data === "pong") return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      if ("serverTime" in msg && typeof msg.serverTime === "number") clock.sample(msg.serverTime);
      const echo = probeEcho(msg);
      if (echo) socket.send(JSON.stringify(echo));
      if (msg.type === "welcome") {
        welcomed = true;
        setStatus("open");
      }
      if (msg.type === "error") {
        if (FATAL_CODES.has(msg.code)) stop({ code: msg.code, message: messageFor(msg.code, msg.message) });
        else setNotice({ code: msg.code, message: messageFor(msg.code, msg.message), id: ++noticeId.current });
        return;
      }
      dispatch(msg);
    });
    socket.addEventListener("close", (event: CloseEvent) => {
      const known = CLOSE_TO_CODE[event.code];
      if (known) {
        stop({ code: known, message: messageFor(known) });
        return;
      }
      if (!stopped) setStatus(welcomed ? "reconnecting" : "connecting");
    });

    const keepalive = window.setInterval(() => {
      if (socket.readyState === socket.OPEN) socket.send("ping");
    }, KEEPALIVE_MS);
    // Phones suspend background tabs; coming back should not wait for the back-off timer.
    const onVisible = () => {
      if (document.visibilityState === "visible" && !stopped && socket.readyState !== socket.OPEN) {
        socket.reconnect();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("online", onVisible);

    return () => {
      stopped = true;
      window.clearInterval(keepalive);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("online", onVisible);
      socket.close();
      socketRef.current = null;
    };
  }, [code, token, clock]);

  const send = useCallback((message: Exclude<ClientMessage, { type: "hello" }>) => {
    const socket = socketRef.current;
    if (!socket || socket.readyState !== socket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }, []);

  const clearNotice = useCallback(() => setNotice(null), []);

  return { view, status, fatal, notice, clearNotice, send, clock };
}
