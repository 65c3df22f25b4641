/**
 * Requests answered without reading their body (over the size limit, a wrong method, an early 404, a rate limit)
 * leave the keep-alive connection they came on healthy (issue 12, finding 2): every request below goes over ONE
 * connection to the production bundle in workerd, and each gets its documented status and JSON error. Before the
 * worker read such bodies, workerd reset the connection and every later request on it failed (ECONNRESET).
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalServer } from "../../bench/server.ts";
import { startServer, stopServer } from "./server.ts";

let server: LocalServer | undefined;

beforeAll(async () => {
  // Rate limits as wrangler.toml has them: the upload limit (60 a minute) is reached below.
  server = await startServer({ rateLimit: 60 });
});

afterAll(async () => {
  await stopServer(server);
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The local port of the connection it came back on (one connection: always the same). */
  port: number;
  reused: boolean;
}

/** One keep-alive connection at most: every request waits for it and goes over it. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) {
  const url = new URL(path, server?.url);
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            port: ((req.socket as Socket).address() as AddressInfo).port,
            reused: req.reusedSocket,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function errorCode(reply: Reply): string {
  return (JSON.parse(reply.body) as { error: { code: string } }).error.code;
}

const KB = 1024;

describe("one keep-alive connection", () => {
  it("stays healthy through requests answered without reading their bodies", async () => {
    const first = await request("GET", "/api/health");
    expect(first.status).toBe(200);
    const replies: [string, Reply][] = [];
    const step = async (what: string, reply: Promise<Reply>) => {
      const r = await reply;
      replies.push([what, r]);
      // Every answer came back on the same connection, and the one after it is served.
      expect(r.port, what).toBe(first.port);
      expect(r.reused, what).toBe(true);
      const health = await request("GET", "/api/health");
      expect(health.status, `after ${what}`).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ ok: true });
      expect(health.port, `after ${what}`).toBe(first.port);
      return r;
    };

    const big = Buffer.alloc(300 * KB, "x");
    const over = await step("POST /api/games over 256 KB", request("POST", "/api/games", big));
    expect(over.status).toBe(413);
    expect(errorCode(over)).toBe("payload_too_large");

    const join = await step("join over 256 KB", request("POST", "/api/games/123456/players", big));
    expect(join.status).toBe(413);

    const wrongMethod = await step("PUT /api/games with a body", request("PUT", "/api/games", "{}".padEnd(20 * KB)));
    expect(wrongMethod.status).toBe(405);
    expect(errorCode(wrongMethod)).toBe("method_not_allowed");
    expect(wrongMethod.headers.allow).toBe("POST");

    const malformedCode = await step(
      "join with a malformed code",
      request("POST", "/api/games/nope/players", JSON.stringify({ name: "Ada" }).padEnd(50 * KB)),
    );
    expect(malformedCode.status).toBe(404);
    expect(errorCode(malformedCode)).toBe("game_not_found");

    const malformedId = await step(
      "PUT /api/quizzes/<malformed id>",
      request("PUT", "/api/quizzes/nope", "{}".padEnd(50 * KB), { Authorization: "Bearer e.x" }),
    );
    expect(malformedId.status).toBe(404);
    expect(errorCode(malformedId)).toBe("quiz_not_found");

    const unknownPath = await step("POST to an unknown path", request("POST", "/api/nothing-here", big));
    expect(unknownPath.status).toBe(404);
    expect(errorCode(unknownPath)).toBe("not_found");

    const importTooBig = await step(
      "import over 1 MB",
      request("POST", "/api/quizzes/import", Buffer.alloc(1100 * KB)),
    );
    expect(importTooBig.status).toBe(413);
    expect(errorCode(importTooBig)).toBe("payload_too_large");

    const image = await step("image over 2 MB", request("POST", "/api/images", Buffer.alloc(2100 * KB)));
    expect(image.status).toBe(413);
    expect(errorCode(image)).toBe("image_too_large");

    // The upload limit (60 a minute per address): every quiz saved counts (these are refused as invalid), then 429
    // is answered before the body is read.
    let limited: Reply | null = null;
    for (let i = 0; i < 70 && !limited; i++) {
      const r = await request("POST", "/api/quizzes", "{}".padEnd(10 * KB));
      expect(r.port).toBe(first.port);
      if (r.status === 429) limited = r;
      else expect(errorCode(r)).toBe("invalid_quiz");
    }
    expect(limited).not.toBeNull();
    const rateLimited = await step("a rate-limited upload", Promise.resolve(limited as Reply));
    expect(errorCode(rateLimited)).toBe("rate_limited");

    // And an ordinary request on the same connection still does what it always did.
    const created = await request("POST", "/api/games", JSON.stringify({ questionCount: 1 }));
    expect(created.status).toBe(201);
    expect(created.port).toBe(first.port);
    expect(replies.length).toBe(9);
  });
});
