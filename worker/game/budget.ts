/**
 * Each socket's message budget, so that one client cannot keep the game's object busy for everyone else.
 *
 * A token bucket per socket: `burst` frames at once, refilled at `perSecond`. Sized for any honest client: a player
 * sends a hello and a pong, then one answer and one pong a question (the pong echoes the reveal for fair timing:
 * fair-timing.ts), a host a command now and then (a burst of kicks at most), and the
 * runtime answers keep-alive pings without waking the object. A frame beyond the budget is dropped before it is
 * decoded or parsed, without a reply; each dropped frame still costs a token, so the bucket goes into debt, and a
 * socket whose debt reaches `floodFrames` is closed (CLOSE_CODES.flooding). A reconnect opens a new socket with a
 * full bucket, which is what lets an honest phone's reconnect storm through; the sockets that have not said hello
 * are capped separately (sockets.ts).
 *
 * Error replies have a smaller bucket of their own: a client that keeps sending refused messages within its budget
 * gets a few errors, then silence.
 *
 * Buckets live in memory, keyed by the socket object. After the object hibernates they start full again, which is
 * at worst one more burst; nothing about a budget is worth a storage write. Time is `performance.now()`, so tests
 * that fake the wall clock (`Date`) do not move budgets.
 */
import { LIMITS } from "../protocol/values";

interface Bucket {
  tokens: number;
  errors: number;
  /** performance.now() of the last refill. */
  at: number;
}

export type Verdict = "ok" | "drop" | "flood";

const { burst, perSecond, floodFrames } = LIMITS.messageBudget;
const errorReplies = LIMITS.errorReplies;

export class MessageBudget {
  private readonly buckets = new WeakMap<WebSocket, Bucket>();

  private bucket(ws: WebSocket): Bucket {
    let b = this.buckets.get(ws);
    if (!b) {
      b = { tokens: burst, errors: errorReplies.burst, at: performance.now() };
      this.buckets.set(ws, b);
    }
    return b;
  }

  /**
   * Refills a bucket for the time since its last refill. Done lazily, only when a bucket runs short: a bucket that
   * still has tokens would be capped at its size anyway, and an honest socket never runs short, so its frames cost
   * no clock read.
   */
  private refill(b: Bucket): void {
    const now = performance.now();
    const seconds = (now - b.at) / 1000;
    b.at = now;
    if (seconds <= 0) return;
    b.tokens = Math.min(burst, b.tokens + seconds * perSecond);
    b.errors = Math.min(errorReplies.burst, b.errors + seconds * errorReplies.perSecond);
  }

  /** Spends one frame from the socket's budget: "ok" to handle it, "drop" to ignore it, "flood" to close the socket. */
  take(ws: WebSocket): Verdict {
    const b = this.bucket(ws);
    if (b.tokens < 1) this.refill(b);
    b.tokens -= 1;
    if (b.tokens >= 0) return "ok";
    return b.tokens <= -floodFrames ? "flood" : "drop";
  }

  /** Whether an error reply to this socket may go out now (spends one when it may). */
  mayReply(ws: WebSocket): boolean {
    const b = this.bucket(ws);
    if (b.errors < 1) this.refill(b);
    if (b.errors < 1) return false;
    b.errors -= 1;
    return true;
  }
}
