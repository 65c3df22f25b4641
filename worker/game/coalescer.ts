/**
 * Lobby and host-progress updates, gathered. The engine says a view changed (the `viewChanged` effect) on every
 * join, connect, disconnect and answer; the room sends the host at most one lobby and one progress update every
 * 200 ms, and players at most one lobby update a second, so N joins cost O(N) messages rather than O(N²).
 */

/** How long lobby joins and host progress are gathered before one update goes out. */
const COALESCE_MS = 200;
/** Players' lobby view (a count and the newest names) changes with every join; once a second is plenty on a phone. */
const PLAYER_LOBBY_MS = 1000;

export type View = "lobby" | "progress";

/** What the coalescer asks the room to send when updates are due. */
export interface CoalescedSends {
  /** Runs before any update goes out (the room commits its write batch: no update overtakes an acknowledgement). */
  beforeSend(): void;
  hostLobby(): void;
  hostProgress(): void;
  /** Whether players still want lobby updates (only while the game is in its lobby). */
  playersInLobby(): boolean;
  playersLobby(): void;
}

export class Coalescer {
  private readonly due = new Set<View | "playerLobby">();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPlayerLobbyAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly sends: CoalescedSends) {}

  /** Notes that a view changed; an update goes out at the next tick of the coalescing timer. */
  changed(view: View): void {
    this.due.add(view);
    if (view === "lobby") this.due.add("playerLobby");
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** Forgets every pending update (the game is being deleted). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.due.clear();
  }

  /** Sends one lobby update (host: full list; players: count and newest names) and one progress update. */
  private flush(): void {
    this.timer = null;
    this.sends.beforeSend();
    if (this.due.delete("lobby")) this.sends.hostLobby();
    if (this.due.delete("progress")) this.sends.hostProgress();
    // performance.now, not Date.now: tests may freeze the game clock, and this is only pacing.
    const sincePlayerLobby = performance.now() - this.lastPlayerLobbyAt;
    if (this.due.has("playerLobby")) {
      if (!this.sends.playersInLobby()) this.due.delete("playerLobby");
      else if (sincePlayerLobby >= PLAYER_LOBBY_MS) {
        this.sends.playersLobby();
        this.lastPlayerLobbyAt = performance.now();
        this.due.delete("playerLobby");
      } else {
        // Come back at the host's pace, so its updates never wait on the players' slower one.
        this.timer = setTimeout(() => this.flush(), Math.min(COALESCE_MS, PLAYER_LOBBY_MS - sincePlayerLobby));
      }
    }
  }
}
