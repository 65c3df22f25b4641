/**
 * The library through the server `npm start` runs (D1 migrations applied, vite preview in front of workerd, D1 and
 * R2 on disk): a saved quiz and an uploaded image are still there after a restart.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, startServer } from "./server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const QUIZ = { title: "Kept", questions: [{ text: "Two?", choices: ["a", "b"], correct: 1 }] };

test("a saved quiz and an uploaded image survive a restart of the server", async () => {
  const saved = await fetch(`${server.origin}/api/quizzes`, {
    method: "POST",
    body: JSON.stringify(QUIZ),
    headers: { "content-type": "application/json" },
  });
  expect(saved.status).toBe(201);
  const { id } = (await saved.json()) as { id: string };
  const image = await fetch(`${server.origin}/api/images`, { method: "POST", body: GIF });
  expect(image.status).toBe(201);
  const { url } = (await image.json()) as { url: string };
  const before = await (await fetch(`${server.origin}/api/quizzes/${id}`)).json();

  await server.stop({ keepState: true });
  server = await startServer({ port: server.port, stateDir: server.stateDir });

  const after = await fetch(`${server.origin}/api/quizzes/${id}`);
  expect(after.status).toBe(200);
  expect(await after.json()).toEqual(before);
  const served = await fetch(`${server.origin}${url}`);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/gif");
  expect(Buffer.from(await served.arrayBuffer()).equals(GIF)).toBe(true);
});
