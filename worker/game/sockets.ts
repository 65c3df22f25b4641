/**
 * The room's sockets: every open WebSocket with what it remembers across hibernation (its attachment), indexed by
 * player, with the sockets that have not said hello kept apart. Also the few ways of writing to them: one socket, a
 * socket's error, or an audience, serialized once.
 *
 * It keeps its own maps rather than asking the runtime (getWebSockets, deserializeAttachment) on every broadcast:
 * at thousands of sockets that lookup is what a broadcast would cost. It knows nothing of the game; the room tells
 * it who is who.
 */
import type { ErrorCode, Role, ServerMessage } from "../protocol/values";
import type { Audience } from "./engine";
import type { RoundTrips } from "./fair-timing";

/**
 * What each socket remembers across hibernation (its attachment). A socket that has not said hello keeps the client
 * address it came from, for the per-address cap on such sockets; a remote's socket names its remote. A signed-in
 * socket keeps when its welcome went out and its round-trip samples (fair-timing.ts): a measure of this connection,
 * so kept with it and never stored.
 */
export type Attachment =
  | { role: "pending"; openedAt: number; address?: string }
  | { role: Role; playerId: string | null; remoteId?: string; welcomeAt?: number; trips?: RoundTrips };

export class SocketRegistry {
  /** Every open socket with its attachment, kept in memory so a broadcast never deserializes attachments. */
  private readonly sockets = new Map<WebSocket, Attachment>();
  private readonly byPlayer = new Map<string, Set<WebSocket>>();
  /** Sockets that have not said hello yet, in the order they opened, so the hello deadline never scans them all. */
  private readonly pending = new Map<WebSocket, number>();
  /** How many of those each client address holds. */
  private readonly pendingByAddress = new Map<string, number>();

  /** Registers a socket under its attachment (again, when it has signed in: it moves to its new role). */
  track(ws: WebSocket, att: Attachment): void {
    this.untrack(ws);
    this.sockets.set(ws, att);
    if (att.role === "pending") {
      this.pending.set(ws, att.openedAt);
      if (att.address) this.pendingByAddress.set(att.address, (this.pendingByAddress.get(att.address) ?? 0) + 1);
    } else if (att.playerId) {
      const set = this.byPlayer.get(att.playerId) ?? new Set<WebSocket>();
      this.byPlayer.set(att.playerId, set);
      set.add(ws);
    }
  }

  /** Forgets a socket; returns what it was registered as (undefined when it was not). */
  untrack(ws: WebSocket): Attachment | undefined {
    const att = this.sockets.get(ws);
    if (!att) return undefined;
    this.sockets.delete(ws);
    this.pending.delete(ws);
    if (att.role === "pending" && att.address) {
      const left = (this.pendingByAddress.get(att.address) ?? 1) - 1;
      if (left > 0) this.pendingByAddress.set(att.address, left);
      else this.pendingByAddress.delete(att.address);
    }
    if (att.role !== "pending" && att.playerId) {
      const set = this.byPlayer.get(att.playerId);
      set?.delete(ws);
      if (set?.size === 0) this.byPlayer.delete(att.playerId);
    }
    return att;
  }

  attachment(ws: WebSocket): Attachment | undefined {
    return this.sockets.get(ws);
  }

  /** The open sockets of one player (a copy: the caller may close and untrack them). */
  ofPlayer(playerId: string): WebSocket[] {
    return [...(this.byPlayer.get(playerId) ?? [])];
  }

  /** The open sockets of one remote (a copy). Remotes are few, so they are found by looking. */
  ofRemote(remoteId: string): WebSocket[] {
    return [...this.sockets].flatMap(([ws, att]) => (att.role === "remote" && att.remoteId === remoteId ? [ws] : []));
  }

  /** Every open socket (a copy). */
  all(): WebSocket[] {
    return [...this.sockets.keys()];
  }

  /** When the oldest socket still waiting for its hello opened, or null when none is waiting. */
  oldestPending(): number | null {
    // Sockets are added in the order they open, so the first pending one is the oldest.
    const oldest = this.pending.values().next();
    return oldest.done ? null : oldest.value;
  }

  /** How many sockets are waiting for their hello: in all, and from `address`. */
  pendingCount(address: string): { total: number; fromAddress: number } {
    return { total: this.pending.size, fromAddress: this.pendingByAddress.get(address) ?? 0 };
  }

  /** The sockets still waiting for their hello that opened at or before `cutoff`. */
  pendingOpenedBy(cutoff: number): WebSocket[] {
    return [...this.pending].filter(([, openedAt]) => openedAt <= cutoff).map(([ws]) => ws);
  }

  clear(): void {
    this.sockets.clear();
    this.pending.clear();
    this.pendingByAddress.clear();
    this.byPlayer.clear();
  }

  /**
   * Calls `send` for every signed-in socket in the audience, with the player it belongs to (null: a host who does not
   * play, or a remote). The "host" audience is the host's seats: its own screen and every remote.
   */
  eachRecipient(to: Audience, send: (ws: WebSocket, playerId: string | null) => void): void {
    if (typeof to === "object") {
      for (const ws of this.byPlayer.get(to.player) ?? []) send(ws, to.player);
      return;
    }
    for (const [ws, att] of this.sockets) {
      if (att.role === "pending") continue;
      const hostSeat = att.role !== "player";
      if (to === "all" || (to === "host") === hostSeat) send(ws, att.playerId);
    }
  }

  /** Sends one message to the audience, serialized once. */
  broadcast(to: Audience, message: ServerMessage): void {
    const text = JSON.stringify(message);
    this.eachRecipient(to, (ws) => sendRaw(ws, text));
  }

  /** Serializes the shared message once; each player's own part is spliced onto the end of that string. */
  sendEach(to: Audience, message: ServerMessage, you: (playerId: string) => object | undefined): void {
    const shared = JSON.stringify(message);
    const prefix = `${shared.slice(0, -1)},"you":`;
    this.eachRecipient(to, (ws, playerId) => {
      const own = playerId ? you(playerId) : undefined;
      sendRaw(ws, own ? `${prefix}${JSON.stringify(own)}}` : shared);
    });
  }
}

export function send(ws: WebSocket, message: ServerMessage): void {
  sendRaw(ws, JSON.stringify(message));
}

export function sendError(ws: WebSocket, code: ErrorCode, message: string): void {
  send(ws, { type: "error", code, message });
}

function sendRaw(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch {
    // The socket closed under us; its close event will tidy up.
  }
}
