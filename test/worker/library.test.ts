/**
 * Saved quizzes (the library) through the real worker and the real local D1: create, read, save with a version,
 * delete, copy, draw from the bank; every refusal checked for its status and error, and for leaving the stored quiz
 * exactly as it was.
 */
import { describe, expect, it } from "vitest";
import { hashToken } from "../../worker/game/tokens";
import type { SavedQuiz } from "../../worker/library/types";
import { LIMITS, Quiz } from "../../worker/protocol";
import { api, apiJson, type ErrorReply, floodUntilLimited, randomIp } from "./client";
import {
  bearer,
  copyQuiz,
  deleteQuiz,
  expectError,
  expectQuizUnchanged,
  getQuiz,
  postQuiz,
  putQuiz,
  QUESTIONS,
  QUIZ,
  saveQuiz,
  storedRow,
  storedRowCount,
} from "./library-client";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The quiz as the server keeps it: validated, trimmed, `kind` filled in. */
const NORMALISED = Quiz.parse(QUIZ);

describe("saving a quiz (POST /api/quizzes)", () => {
  it("answers 201 with an unguessable id, a one-time edit token and an absolute share link", async () => {
    const res = await postQuiz({ ...QUIZ, title: "  Space and sound  " });
    expect(res.status).toBe(201);
    const { id, editToken, url, version, updatedAt } = res.body;
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(editToken).toMatch(/^e\.[A-Za-z0-9_-]{22}$/);
    expect(url).toBe(`https://trivia.test/quiz/${id}`);
    expect(version).toBe(1);
    expect(updatedAt).toMatch(ISO);
    expect(res.headers.get("location")).toBe(`/api/quizzes/${id}`);

    // D1 keeps the token's SHA-256, never the token.
    const row = await storedRow(id);
    expect(row?.edit_token_hash).toBe(await hashToken(editToken));
    expect(JSON.stringify(row)).not.toContain(editToken);

    const second = await saveQuiz();
    expect(second.id).not.toBe(id);
    expect(second.editToken).not.toBe(editToken);
  });

  it("serves it back at GET /api/quizzes/:id with its title, count, times and version", async () => {
    const saved = await saveQuiz({ title: "Kinds", questions: [{ text: " Two? ", choices: ["a", "b"], correct: 1 }] });
    const res = await getQuiz(saved.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({
      id: saved.id,
      title: "Kinds",
      questionCount: 1,
      createdAt: saved.updatedAt,
      updatedAt: saved.updatedAt,
      version: 1,
      quiz: { title: "Kinds", questions: [{ kind: "choice", text: "Two?", choices: ["a", "b"], correct: 1 }] },
    });
    expect(res.body).not.toHaveProperty("editToken");
  });

  it("lists every problem of an invalid quiz at once (422 invalid_quiz) and stores nothing", async () => {
    const rows = await storedRowCount();
    const res = await postQuiz({
      title: "",
      questions: [
        { text: "Two?", choices: ["a", "b"], correct: 1 },
        { text: "Red?", choices: ["a", "a"], correct: 3 },
        { kind: "truefalse", text: "Yes?", correct: "yes" },
        { kind: "type", text: "Img", accepted: ["x"], image: "http://example.org/a.png" },
      ],
    });
    expectError(res, 422, "invalid_quiz");
    expect((res.body.error as ErrorReply["error"] & { problems: string[] }).problems).toEqual([
      "title is empty",
      "question 2: choices must be distinct",
      "question 2: correct must be the index of one of the choices",
      'question 3: correct must be true or false, not text ("yes")',
      "question 4: image must be an https URL or an uploaded image (/api/images/<hash>)",
    ]);
    expectError(await postQuiz({}), 422, "invalid_quiz");
    const empty = await apiJson("/api/quizzes", { method: "POST", headers: { "CF-Connecting-IP": randomIp() } });
    expectError(empty, 422, "invalid_quiz");
    expect((empty.body as { error: { problems: string[] } }).error.problems).toEqual([
      "title is missing",
      "questions is missing",
    ]);
    expectError(await postQuiz([QUIZ]), 422, "invalid_quiz");
    expect(await storedRowCount()).toBe(rows);
  });

  it("refuses malformed JSON (400) and bodies over 256 KB (413), storing nothing", async () => {
    const rows = await storedRowCount();
    const post = (body: BodyInit) =>
      apiJson("/api/quizzes", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "CF-Connecting-IP": randomIp() },
      });
    expectError(await post('{"title": "x", '), 400, "invalid_json");
    const huge = JSON.stringify({ ...QUIZ, padding: "y".repeat(LIMITS.bodyBytes) });
    expectError(await post(huge), 413, "payload_too_large");
    // Without a Content-Length the body is counted as it streams in, and refused all the same.
    const streamed = new Blob([huge]).stream();
    expectError(await post(streamed), 413, "payload_too_large");
    expect(await storedRowCount()).toBe(rows);
  });

  it("accepts an uploaded image's root-relative path as a question image, and no other relative path", async () => {
    const hash = "a".repeat(64);
    const withImage = { ...QUIZ, questions: [{ ...QUESTIONS[0], image: `/api/images/${hash}` }] };
    const saved = await saveQuiz(withImage);
    expect((await getQuiz(saved.id)).body.quiz.questions[0]?.image).toBe(`/api/images/${hash}`);
    for (const image of [`/api/images/${hash.slice(1)}`, `/api/images/${"A".repeat(64)}`, "/etc/passwd", "x.png"]) {
      expectError(await postQuiz({ ...QUIZ, questions: [{ ...QUESTIONS[0], image }] }), 422, "invalid_quiz");
    }
  });

  it("limits creating quizzes, copies and images per address (429 with Retry-After), not other addresses", async () => {
    const original = await saveQuiz();
    const ip = randomIp();
    // An empty upload: counted by the limiter, then refused (422) without storing anything.
    const upload = () => api("/api/images", { method: "POST", headers: { "CF-Connecting-IP": ip } });
    expect(await floodUntilLimited(upload, 422, 1, 100)).toBe(60);
    await expectQuizUnchanged(original.id, async () => {
      expectError(await postQuiz(QUIZ, ip), 429, "rate_limited");
      const copy = await apiJson(`/api/quizzes/${original.id}/copy`, {
        method: "POST",
        headers: { "CF-Connecting-IP": ip },
      });
      expectError(copy, 429, "rate_limited");
    });
    expect((await postQuiz(QUIZ, randomIp())).status).toBe(201);
  });
});

describe("saving changes (PUT /api/quizzes/:id)", () => {
  const edited: Quiz = { title: "Space, sound and sea", questions: [...QUESTIONS.slice(0, 2)] };

  it("saves with the edit token and the version edited, answering the new version", async () => {
    const saved = await saveQuiz();
    const res = await putQuiz(saved.id, saved.editToken, { version: 1, quiz: edited });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: saved.id, title: edited.title, questionCount: 2, version: 2 });
    expect(res.body.quiz).toEqual(Quiz.parse(edited));
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(saved.updatedAt));
    expect(res.body.createdAt).toBe(saved.updatedAt);
    expect((await getQuiz(saved.id)).body).toEqual(res.body);

    const again = await putQuiz(saved.id, saved.editToken, { version: 2, quiz: QUIZ });
    expect(again.body).toMatchObject({ version: 3, quiz: NORMALISED });
  });

  it("refuses every bad save with its own error and leaves the quiz exactly as it was", async () => {
    const saved = await saveQuiz();
    const other = await saveQuiz();
    await putQuiz(saved.id, saved.editToken, { version: 1, quiz: edited });
    const unknownId = "AAAAAAAAAAAA";
    await expectQuizUnchanged(saved.id, async () => {
      expectError(await putQuiz(saved.id, null, { version: 2, quiz: QUIZ }), 401, "edit_token_required");
      const basic = await apiJson(`/api/quizzes/${saved.id}`, {
        method: "PUT",
        json: { version: 2, quiz: QUIZ },
        headers: { Authorization: `Basic ${btoa(`x:${saved.editToken}`)}` },
      });
      expectError(basic, 401, "edit_token_required");
      expect(basic.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expectError(await putQuiz(saved.id, other.editToken, { version: 2, quiz: QUIZ }), 403, "wrong_edit_token");
      expectError(await putQuiz(saved.id, `${saved.editToken}x`, { version: 2, quiz: QUIZ }), 403, "wrong_edit_token");
      expectError(await putQuiz(unknownId, saved.editToken, { version: 1, quiz: QUIZ }), 404, "quiz_not_found");
      expectError(await putQuiz("nope", saved.editToken, { version: 1, quiz: QUIZ }), 404, "quiz_not_found");

      const stale = await putQuiz(saved.id, saved.editToken, { version: 1, quiz: QUIZ });
      expectError(stale, 409, "version_conflict");
      const current = (stale.body.error as unknown as { current: { version: number; updatedAt: string } }).current;
      expect(current).toEqual({ version: 2, updatedAt: (await getQuiz(saved.id)).body.updatedAt });
      expectError(await putQuiz(saved.id, saved.editToken, { version: 3, quiz: QUIZ }), 409, "version_conflict");

      const invalid = await putQuiz(saved.id, saved.editToken, { version: 2, quiz: { title: "x", questions: [] } });
      expectError(invalid, 422, "invalid_quiz");
      expect((invalid.body.error as unknown as { problems: string[] }).problems).toEqual([
        "the quiz needs at least 1 question",
      ]);
      const noVersion = await putQuiz(saved.id, saved.editToken, { quiz: QUIZ });
      expectError(noVersion, 422, "invalid_request");
      expect(noVersion.body.error?.fields).toEqual(["version"]);
      const bareQuiz = await putQuiz(saved.id, saved.editToken, QUIZ);
      expectError(bareQuiz, 422, "invalid_request");
      expect(bareQuiz.body.error?.fields?.sort()).toEqual(["questions", "quiz", "title", "version"]);

      const raw = (body: BodyInit) =>
        apiJson(`/api/quizzes/${saved.id}`, { method: "PUT", body, headers: bearer(saved.editToken) });
      expectError(await raw("{"), 400, "invalid_json");
      const huge = JSON.stringify({ version: 2, quiz: { ...QUIZ, padding: "y".repeat(LIMITS.bodyBytes + 1024) } });
      expectError(await raw(huge), 413, "payload_too_large");
    });
  });

  it("lets exactly one of two saves on the same version win; the other gets 409 and the winner's save stays", async () => {
    const saved = await saveQuiz();
    const mine: Quiz = { title: "Mine", questions: [QUESTIONS[0] as Quiz["questions"][number]] };
    const theirs: Quiz = { title: "Theirs", questions: [QUESTIONS[1] as Quiz["questions"][number]] };
    const [a, b] = await Promise.all([
      putQuiz(saved.id, saved.editToken, { version: 1, quiz: mine }),
      putQuiz(saved.id, saved.editToken, { version: 1, quiz: theirs }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = (a.status === 200 ? a : b).body as SavedQuiz;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error?.code).toBe("version_conflict");
    const now = await getQuiz(saved.id);
    expect(now.body).toEqual(winner);
    expect(now.body.version).toBe(2);
    expect(now.body.quiz).toEqual(Quiz.parse(a.status === 200 ? mine : theirs));
  });
});

describe("deleting (DELETE /api/quizzes/:id)", () => {
  it("needs the edit token; a refused delete changes nothing", async () => {
    const saved = await saveQuiz();
    const other = await saveQuiz();
    await expectQuizUnchanged(saved.id, async () => {
      const missing = await deleteQuiz(saved.id, null);
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as ErrorReply).error.code).toBe("edit_token_required");
      const wrong = await deleteQuiz(saved.id, other.editToken);
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as ErrorReply).error.code).toBe("wrong_edit_token");
      const unknown = await deleteQuiz("AAAAAAAAAAAA", saved.editToken);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as ErrorReply).error.code).toBe("quiz_not_found");
    });
  });

  it("answers 204; afterwards the share link, saves, copies and deletes answer 404", async () => {
    const saved = await saveQuiz();
    const other = await saveQuiz();
    const rows = await storedRowCount();
    const res = await deleteQuiz(saved.id, saved.editToken);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await storedRowCount()).toBe(rows - 1);
    expectError(await getQuiz(saved.id), 404, "quiz_not_found");
    expectError(await putQuiz(saved.id, saved.editToken, { version: 1, quiz: QUIZ }), 404, "quiz_not_found");
    expectError(await copyQuiz(saved.id), 404, "quiz_not_found");
    expect((await deleteQuiz(saved.id, saved.editToken)).status).toBe(404);
    expect((await getQuiz(other.id)).status).toBe(200);
  });
});

describe("copying (POST /api/quizzes/:id/copy)", () => {
  it("makes a new quiz with its own id and edit token, for anyone with the link", async () => {
    const original = await saveQuiz();
    await putQuiz(original.id, original.editToken, { version: 1, quiz: { ...QUIZ, title: "Original v2" } });
    const before = (await getQuiz(original.id)).body;

    const res = await copyQuiz(original.id);
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy.id).not.toBe(original.id);
    expect(copy.editToken).not.toBe(original.editToken);
    expect(copy).toMatchObject({ url: `https://trivia.test/quiz/${copy.id}`, version: 1 });
    const copied = (await getQuiz(copy.id)).body;
    expect(copied).toMatchObject({ title: "Original v2", version: 1, quiz: before.quiz });

    // Editing the copy leaves the original alone, and neither token opens the other quiz.
    await expectQuizUnchanged(original.id, async () => {
      const edit = await putQuiz(copy.id, copy.editToken, { version: 1, quiz: { ...QUIZ, title: "My copy" } });
      expect(edit.body).toMatchObject({ title: "My copy", version: 2 });
      expectError(await putQuiz(original.id, copy.editToken, { version: 2, quiz: QUIZ }), 403, "wrong_edit_token");
      expectError(await putQuiz(copy.id, original.editToken, { version: 2, quiz: QUIZ }), 403, "wrong_edit_token");
    });
    expect((await deleteQuiz(copy.id, copy.editToken)).status).toBe(204);
    expect((await getQuiz(original.id)).body).toEqual(before);
    expectError(await copyQuiz("AAAAAAAAAAAA"), 404, "quiz_not_found");
  });
});

describe("routes, methods and CORS", () => {
  it("answers 405 with Allow for a method a library path does not take", async () => {
    const saved = await saveQuiz();
    for (const [method, path, allow] of [
      ["GET", "/api/quizzes", "POST"],
      ["PATCH", `/api/quizzes/${saved.id}`, "GET, PUT, DELETE"],
      ["GET", `/api/quizzes/${saved.id}/copy`, "POST"],
      ["GET", "/api/images", "POST"],
      ["PUT", `/api/images/${"0".repeat(64)}`, "GET"],
      ["POST", "/api/bank/quiz", "GET"],
    ] as const) {
      const res = await apiJson(path, { method });
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("allow")).toBe(allow);
    }
    // /api/quizzes/import keeps its own route.
    expect((await apiJson("/api/quizzes/import")).headers.get("allow")).toBe("POST");
  });

  it("lets a site on another origin save, edit and delete with the token (preflight allows PUT, DELETE, Authorization)", async () => {
    const res = await api("/api/quizzes/AAAAAAAAAAAA", {
      method: "OPTIONS",
      headers: {
        Origin: "https://quiz.example",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(res.status).toBeLessThan(300);
    const methods = (res.headers.get("access-control-allow-methods") ?? "").split(",").map((m) => m.trim());
    expect(methods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "DELETE"]));
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("a quiz from the bank (GET /api/bank/quiz)", () => {
  it("draws questions of a category and difficulty as a quiz in the authored format, ready to save", async () => {
    const res = await apiJson<{ quiz: Quiz }>("/api/bank/quiz?category=science&difficulty=easy&count=4");
    expect(res.status).toBe(200);
    const { quiz } = res.body;
    expect(quiz.title).toBe("Science (easy)");
    expect(quiz.questions).toHaveLength(4);
    expect(Quiz.safeParse(quiz).success).toBe(true);
    for (const q of quiz.questions) {
      expect(q).toMatchObject({ category: "science", difficulty: "easy" });
      expect(q).not.toHaveProperty("id");
    }
    const saved = await saveQuiz(quiz);
    expect((await getQuiz(saved.id)).body.questionCount).toBe(4);

    const mixed = await apiJson<{ quiz: Quiz }>("/api/bank/quiz");
    expect(mixed.body.quiz).toMatchObject({ title: "Mixed trivia" });
    expect(mixed.body.quiz.questions).toHaveLength(LIMITS.questionCount.default);
  });

  it("refuses an unknown category, an impossible count and a bad query with the game route's errors", async () => {
    const unknown = await apiJson("/api/bank/quiz?category=astrology");
    expectError(unknown, 422, "unknown_category");
    expect((unknown.body as ErrorReply).error.fields).toEqual(["category"]);
    const tooMany = await apiJson("/api/bank/quiz?category=science&difficulty=hard&count=50");
    expectError(tooMany, 422, "not_enough_questions");
    expect((tooMany.body as ErrorReply).error.fields).toEqual(["count"]);
    for (const query of ["count=0", "count=51", "count=two", "difficulty=extreme", "colour=red"]) {
      expectError(await apiJson(`/api/bank/quiz?${query}`), 422, "invalid_request");
    }
  });
});
