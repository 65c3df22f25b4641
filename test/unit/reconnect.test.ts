import ReconnectingWebSocket from "partysocket/ws";
import { describe, expect, it } from "vitest";
import { RECONNECT, reconnectDelay, reconnectOptions } from "../../web/src/lib/reconnect.ts";

describe("a phone's reconnect schedule", () => {
  it("draws each phone's first retry delay between 250 and 750 ms, keeping every other option", () => {
    expect(reconnectOptions(0).minReconnectionDelay).toBe(250);
    expect(reconnectOptions(0.5).minReconnectionDelay).toBe(500);
    expect(reconnectOptions(0.999_999).minReconnectionDelay).toBe(750);
    const { minReconnectionDelay: _, ...rest } = reconnectOptions(0.3);
    const { minReconnectionDelay: __, ...expected } = RECONNECT;
    expect(rest).toEqual(expected);
  });

  it("spreads a crowd's first retries instead of bringing them back in one wave", () => {
    // 1,000 phones cut off by the same restart: their first retries land across the whole half second.
    let seed = 1;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const firsts = Array.from({ length: 1_000 }, () =>
      reconnectDelay(1, reconnectOptions(random()).minReconnectionDelay),
    );
    const buckets = new Map<number, number>();
    for (const ms of firsts) {
      const slice = Math.min(9, Math.floor((ms - 250) / 50));
      buckets.set(slice, (buckets.get(slice) ?? 0) + 1);
    }
    expect(Math.min(...firsts)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...firsts)).toBeLessThanOrEqual(750);
    // Ten 50 ms slices, none holding more than twice its share.
    expect(buckets.size).toBeGreaterThanOrEqual(10);
    expect(Math.max(...buckets.values())).toBeLessThan(200);
  });

  it("connects at once, then waits the phone's own delay growing 1.6 times per retry, at most 8 s", () => {
    expect(reconnectDelay(0, 300)).toBe(0);
    expect(reconnectDelay(1, 300)).toBe(300);
    expect(reconnectDelay(2, 300)).toBeCloseTo(480);
    expect(reconnectDelay(3, 300)).toBeCloseTo(768);
    expect(reconnectDelay(30, 300)).toBe(8_000);
    // Without a delay of its own, the average phone's.
    expect(reconnectDelay(1)).toBe(500);
  });

  it("is partysocket's own schedule for the same options (what a phone really waits)", () => {
    const options = reconnectOptions(0.2);
    // Never connects (startClosed); only its delay arithmetic is asked.
    const socket = new ReconnectingWebSocket("ws://127.0.0.1:9/", undefined, { ...options, startClosed: true });
    const internal = socket as unknown as { _retryCount: number; _getNextDelay(): number };
    for (let retry = 0; retry <= 12; retry++) {
      internal._retryCount = retry;
      expect(reconnectDelay(retry, options.minReconnectionDelay)).toBeCloseTo(internal._getNextDelay());
    }
  });
});
