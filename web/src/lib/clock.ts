/**
 * The server's clock as seen from here. Every timed message carries `serverTime`; the offset is taken from the
 * freshest samples. A sample is `serverTime − arrival`, which is the true offset minus the message's travel time,
 * so the largest recent sample is the closest to the truth.
 */
export class ServerClock {
  private samples: number[] = [];

  constructor(private readonly now: () => number = () => Date.now()) {}

  sample(serverTime: number): void {
    this.samples.push(serverTime - this.now());
    if (this.samples.length > 8) this.samples.shift();
  }

  get offset(): number {
    return this.samples.length ? Math.max(...this.samples) : 0;
  }

  /** Server epoch ms now. */
  serverNow(): number {
    return this.now() + this.offset;
  }

  /** Milliseconds left until a server deadline, never negative. */
  remaining(deadline: number): number {
    return Math.max(0, deadline - this.serverNow());
  }
}
