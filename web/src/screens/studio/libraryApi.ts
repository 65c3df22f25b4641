/**
 * The library's HTTP API as the studio uses it (docs/protocol.md, "Saved quizzes and images"): saving, loading,
 * copying and deleting quizzes, uploading images, drawing a quiz from the bank. Every failure is a LibraryError
 * with the server's code, a sentence for people, and what the server said besides (every problem of a refused
 * quiz; the version someone else saved).
 */
import type { Quiz } from "@protocol/schemas";
import type { Difficulty } from "@protocol/values";
import { fill, formatNumber, i18n } from "../../i18n";
import { apiUrl, send } from "../../lib/api";
import { messageFor } from "../../lib/errors";

export interface SavedQuizCreated {
  id: string;
  editToken: string;
  url: string;
  version: number;
  updatedAt: string;
}

export interface SavedQuiz {
  id: string;
  title: string;
  questionCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  quiz: Quiz;
}

export interface UploadedImage {
  url: string;
  hash: string;
  contentType: string;
  bytes: number;
}

/** What the server accepts as an image (POST /api/images). */
export const IMAGE_BYTES = 2 * 1024 * 1024;

// Keyed by the server's error codes (the studio's own; the game's are in lib/errors.ts).
const libraryErrors = i18n("libraryErrors", {
  quiz_not_found: "This quiz is not in the library (any more): it was deleted, or the link is incomplete.",
  edit_token_required: "This device has no key to change this quiz.",
  wrong_edit_token: "This device's key to this quiz does not work any more.",
  version_conflict: "Someone saved this quiz after you opened it.",
  invalid_quiz: "The server found problems in the quiz; nothing was saved.",
  payload_too_large: "The quiz is over 256 KB; shorten it or split it into two.",
  unsupported_image_type: "That file is not a picture the game can show: use a PNG, JPEG, WebP or GIF image.",
  image_too_large: "That picture is over 2 MB; make it smaller (or save it as JPEG) and try again.",
  rate_limited: "Too many saves or uploads from your network just now. Wait a little and try again.",
  unknown_category: "That category is not in the question bank.",
  not_enough_questions: "The question bank does not have that many questions for this choice.",
});

const messages = i18n("imageFiles", {
  thatFile: "That file",
  thatPicture: "That picture",
  notPicture: "{name} is not a picture. Use a PNG, JPEG, WebP or GIF image.",
  tooLarge: "{name} is {size} MB; a picture may be at most 2 MB.",
  empty: "{name} is empty.",
});

export class LibraryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** invalid_quiz: every problem the server found. */
    readonly problems: string[] = [],
    /** version_conflict: the version now in the library. */
    readonly current: { version: number; updatedAt: string } | null = null,
  ) {
    super(message);
  }
}

interface ErrorShape {
  error?: {
    code?: string;
    message?: string;
    problems?: string[];
    current?: { version: number; updatedAt: string };
  };
}

async function refusal(response: Response): Promise<LibraryError> {
  const body = (await response.json().catch(() => null)) as ErrorShape | null;
  const e = body?.error;
  if (!e?.code) {
    return new LibraryError("unexpected_response", messageFor("unexpected_response"), response.status);
  }
  const own = (libraryErrors.get() as Record<string, string>)[e.code];
  const message = own ?? messageFor(e.code as never, e.message);
  return new LibraryError(e.code, message, response.status, e.problems ?? [], e.current ?? null);
}

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  let response: Response;
  try {
    response = await send(path, init);
  } catch {
    throw new LibraryError("network_error", messageFor("network_error"), 0);
  }
  if (!response.ok) throw await refusal(response);
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as T | null;
  if (data === null) throw new LibraryError("unexpected_response", messageFor("unexpected_response"), response.status);
  return data;
}

const quizPath = (id: string) => `/quizzes/${encodeURIComponent(id)}`;

export function createQuiz(quiz: Quiz): Promise<SavedQuizCreated> {
  return call("/quizzes", { method: "POST", body: JSON.stringify(quiz) });
}

export function getQuiz(id: string): Promise<SavedQuiz> {
  return call(quizPath(id));
}

export function updateQuiz(id: string, editToken: string, version: number, quiz: Quiz): Promise<SavedQuiz> {
  return call(quizPath(id), { method: "PUT", token: editToken, body: JSON.stringify({ version, quiz }) });
}

export function deleteQuiz(id: string, editToken: string): Promise<void> {
  return call(quizPath(id), { method: "DELETE", token: editToken });
}

export function copyQuiz(id: string): Promise<SavedQuizCreated> {
  return call(`${quizPath(id)}/copy`, { method: "POST" });
}

export function bankQuiz(options: { category?: string; difficulty?: Difficulty; count: number }): Promise<Quiz> {
  const query = new URLSearchParams({ count: String(options.count) });
  if (options.category) query.set("category", options.category);
  if (options.difficulty) query.set("difficulty", options.difficulty);
  return call<{ quiz: Quiz }>(`/bank/quiz?${query}`).then((r) => r.quiz);
}

/** Why a file cannot be uploaded as a question's picture, checked before sending it; null when it can. */
export function imageProblem(file: { name: string; size: number; type: string }): string | null {
  const t = messages.get();
  if (file.type && !file.type.startsWith("image/")) return fill(t.notPicture, { name: file.name || t.thatFile });
  if (file.size > IMAGE_BYTES) {
    return fill(t.tooLarge, {
      name: file.name || t.thatPicture,
      size: formatNumber(file.size / 1024 / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
    });
  }
  if (file.size === 0) return fill(t.empty, { name: file.name || t.thatFile });
  return null;
}

/** POST /api/images with the file's bytes; the server decides the type from the bytes themselves. */
export async function uploadImage(file: Blob): Promise<UploadedImage> {
  let response: Response;
  try {
    response = await fetch(apiUrl("/images"), {
      method: "POST",
      headers: { "content-type": file.type || "application/octet-stream" },
      body: file,
    });
  } catch {
    throw new LibraryError("network_error", messageFor("network_error"), 0);
  }
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as UploadedImage;
}
