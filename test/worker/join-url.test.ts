/**
 * The join link a new game hands out (`joinUrl`, which the lobby shows and puts in its QR code): phones must be able
 * to open it. `npm start` tells the worker this machine's LAN origin (LAN_ORIGIN); a host on a loopback address gets
 * that instead of an address only the host's own computer can open. PUBLIC_ORIGIN, when set, always wins.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { CreateGameResponse } from "@protocol/values";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";

const LAN = "http://192.168.1.20:8787";

async function joinUrlFor(pageOrigin: string, vars: Partial<Env>): Promise<string> {
  const request = new Request(`${pageOrigin}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ questionCount: 1 }),
  });
  const res = await worker.fetch(request, { ...env, ...vars }, createExecutionContext());
  expect(res.status).toBe(201);
  const body = (await res.json()) as CreateGameResponse;
  expect(body.joinUrl.endsWith(`/join/${body.code}`)).toBe(true);
  return body.joinUrl.slice(0, -`/join/${body.code}`.length);
}

describe("joinUrl", () => {
  it.each([
    "http://localhost:8787",
    "http://127.0.0.1:8787",
    "http://[::1]:8787",
    "http://127.0.1.1:8787",
    "http://trivia.localhost:8787",
  ])("uses the LAN origin when the host's page is on %s", async (page) => {
    expect(await joinUrlFor(page, { LAN_ORIGIN: LAN, PUBLIC_ORIGIN: "" })).toBe(LAN);
  });

  it.each([
    "http://192.168.1.20:8787",
    "http://10.0.0.7:8787",
    "https://trivia.example",
    "http://localhost.example:8787",
    "http://127.0.0.1.example:8787",
  ])("keeps the origin the host used when it is not a loopback address: %s", async (page) => {
    expect(await joinUrlFor(page, { LAN_ORIGIN: LAN, PUBLIC_ORIGIN: "" })).toBe(page);
  });

  it("keeps the loopback origin when there is no LAN origin (the lobby then warns that phones cannot open it)", async () => {
    expect(await joinUrlFor("http://localhost:8787", { LAN_ORIGIN: "", PUBLIC_ORIGIN: "" })).toBe(
      "http://localhost:8787",
    );
  });

  it("uses PUBLIC_ORIGIN whenever it is set, on loopback pages too", async () => {
    const vars = { LAN_ORIGIN: LAN, PUBLIC_ORIGIN: "https://quiz.example.org/" };
    expect(await joinUrlFor("http://localhost:8787", vars)).toBe("https://quiz.example.org");
    expect(await joinUrlFor("http://192.168.1.20:8787", vars)).toBe("https://quiz.example.org");
  });
});
