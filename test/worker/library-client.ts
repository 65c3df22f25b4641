/**
 * Test helpers for the library routes (saved quizzes, images): calls as a client makes them, each from a made-up
 * address of its own so that the per-address upload limit only counts where a test is about it.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { SavedQuiz, SavedQuizCreated, UploadedImage } from "../../worker/library/types";
import type { Quiz, QuizQuestion } from "../../worker/protocol";
import { api, apiJson, type ErrorReply, randomIp } from "./client";

export const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Which planet is red?", choices: ["Venus", "Mars", "Jupiter"], correct: 1 },
  { kind: "truefalse", text: "Water boils at 100 °C at sea level.", correct: true },
  { kind: "type", text: "Which band made Abbey Road?", accepted: ["The Beatles"] },
];

export const QUIZ: Quiz = { title: "Space and sound", questions: QUESTIONS };

export type Reply<T> = { status: number; headers: Headers; body: T & Partial<ErrorReply> };

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "CF-Connecting-IP": randomIp() };
}

export async function postQuiz(quiz: unknown = QUIZ, ip = randomIp()): Promise<Reply<SavedQuizCreated>> {
  return apiJson<SavedQuizCreated>("/api/quizzes", { method: "POST", json: quiz, headers: { "CF-Connecting-IP": ip } });
}

/** Saves `quiz` and returns what the client got back (id, edit token, share link). */
export async function saveQuiz(quiz: unknown = QUIZ): Promise<SavedQuizCreated> {
  const res = await postQuiz(quiz);
  if (res.status !== 201) throw new Error(`save failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function getQuiz(id: string): Promise<Reply<SavedQuiz>> {
  return apiJson<SavedQuiz>(`/api/quizzes/${id}`);
}

export async function putQuiz(id: string, token: string | null, body: unknown): Promise<Reply<SavedQuiz>> {
  return apiJson<SavedQuiz>(`/api/quizzes/${id}`, {
    method: "PUT",
    json: body,
    headers: token === null ? {} : bearer(token),
  });
}

export async function deleteQuiz(id: string, token: string | null): Promise<Response> {
  return api(`/api/quizzes/${id}`, { method: "DELETE", headers: token === null ? {} : bearer(token) });
}

export async function copyQuiz(id: string): Promise<Reply<SavedQuizCreated>> {
  return apiJson<SavedQuizCreated>(`/api/quizzes/${id}/copy`, {
    method: "POST",
    headers: { "CF-Connecting-IP": randomIp() },
  });
}

export async function uploadImage(
  body: BodyInit | null,
  headers: Record<string, string> = {},
): Promise<Reply<UploadedImage>> {
  return apiJson<UploadedImage>("/api/images", {
    method: "POST",
    body,
    headers: { "CF-Connecting-IP": randomIp(), ...headers },
  });
}

/** The stored row itself, token hash and all, to check that a refused request left it exactly as it was. */
export async function storedRow(id: string) {
  return env.DB.prepare("SELECT * FROM quizzes WHERE id = ?").bind(id).first();
}

export async function storedRowCount(): Promise<number> {
  return Number(await env.DB.prepare("SELECT COUNT(*) AS n FROM quizzes").first("n"));
}

/** What a client and the database show of a saved quiz, for before/after comparisons. */
export async function observeQuiz(id: string) {
  const seen = await getQuiz(id);
  return { status: seen.status, body: seen.body, row: await storedRow(id), rows: await storedRowCount() };
}

/** Runs `act` and asserts the saved quiz looks exactly as before, to a client and in D1. */
export async function expectQuizUnchanged(id: string, act: () => Promise<void>) {
  const before = await observeQuiz(id);
  await act();
  expect(await observeQuiz(id)).toEqual(before);
}

export function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect({ status: res.status, code: (res.body as ErrorReply).error?.code }).toEqual({ status, code });
  expect((res.body as ErrorReply).error.message.length).toBeGreaterThan(10);
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
