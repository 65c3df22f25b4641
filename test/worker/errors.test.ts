/**
 * An API request never gets a stack trace or an HTML page back, whatever breaks: an exception nobody expected inside
 * a route is logged (with its stack, for the operator) and answered with the API's JSON error shape.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";

describe("an unexpected exception in a route", () => {
  it("answers 500 with the JSON error shape and no stack, and logs the stack", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    // A Durable Object namespace that throws stands in for any bug or platform failure inside a route.
    const broken = {
      ...env,
      GAME: {
        idFromName() {
          throw new TypeError("namespace unavailable");
        },
      } as unknown as Env["GAME"],
    };
    const res = await worker.fetch(
      new Request("http://localhost:8787/api/games/123456"),
      broken,
      createExecutionContext(),
    );
    const lines = log.mock.calls.map((args) => String(args[0]));
    log.mockRestore();
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side. Please try again." },
    });
    expect(text).not.toMatch(/namespace unavailable|\bat .*:\d+|\.ts\b/);
    const logged = lines.find((line) => line.includes('"event":"error"'));
    expect(logged).toBeDefined();
    expect(JSON.parse(logged ?? "{}")).toMatchObject({ event: "error", message: "namespace unavailable" });
    expect(JSON.parse(logged ?? "{}").stack).toMatch(/TypeError: namespace unavailable/);
  });
});
