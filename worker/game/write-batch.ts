/**
 * Write, then tell, in batches: rows queued with what must follow them (an ack, a join reply), committed in one
 * transaction, and only then the messages. The platform's output gate holds those messages until the commit is
 * durable, so an acknowledged answer is never lost.
 *
 * The batch is flushed by a zero-delay timer, so it holds whatever arrived while the object was busy: one write at
 * light load, hundreds in a burst. Each commit costs the object milliseconds; one per answer made acks queue for
 * seconds at 4,000 players (docs/performance.md). A 2 ms window measured no better and adds 2 ms to every ack.
 */
const WRITE_BATCH_MS = 0;

export class WriteBatch {
  /** Writes not yet committed, each with what follows it. */
  private queue: { write: () => void; then: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `transaction` runs its callback's writes as one commit (the Durable Object's `storage.transactionSync`). */
  constructor(private readonly transaction: (writes: () => void) => void) {}

  /** Queues `write` for the next commit and `then` for right after it. */
  add(write: () => void, then: () => void): void {
    this.queue.push({ write, then });
    this.timer ??= setTimeout(() => this.flush(), WRITE_BATCH_MS);
  }

  /** Resolves once everything queued so far has been written (at once when nothing is queued). */
  written(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.add(() => {}, resolve));
  }

  /** Writes every queued row in one transaction, then runs what follows each (the output gate holds its sends). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.transaction(() => {
      for (const w of batch) w.write();
    });
    for (const w of batch) w.then();
  }

  /** Drops everything queued without writing it (the game is being deleted). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }
}
