/** API calls only a host makes (importing a quiz, downloading results); kept in the host chunk. */
import type { ImportQuizBody, ImportQuizResponse, Quiz } from "@protocol/schemas";
import type { ErrorCode, GameResults, QuizFormat } from "@protocol/values";
import { ApiError, failure, fetchCategories, request, send } from "../../lib/api";
import { filenameFromDisposition } from "../../lib/download";
import { messageFor } from "../../lib/errors";

export type ImportOutcome =
  | { ok: true; quiz: Quiz }
  /** The quiz was read and refused: `problems` lists every one, each saying where. */
  | { ok: false; message: string; problems: string[] };

/**
 * POST /api/quizzes/import. A refused quiz (422 invalid_quiz) is an answer, not an exception: the host needs every
 * problem to fix the file. Anything else (network, a body too large) throws an ApiError.
 */
export async function importQuiz(format: QuizFormat, content: string, title?: string): Promise<ImportOutcome> {
  const body: ImportQuizBody = { format, content, ...(title ? { title } : {}) };
  const response = await send("/quizzes/import", { method: "POST", body: JSON.stringify(body) });
  if (response.ok) {
    const data = (await response.json().catch(() => null)) as ImportQuizResponse | null;
    if (!data?.quiz) throw new ApiError("unexpected_response", messageFor("unexpected_response"), response.status);
    return { ok: true, quiz: data.quiz };
  }
  if (response.status === 422) {
    const data = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: ErrorCode; message?: string; problems?: string[] } } | null;
    if (data?.error?.code === "invalid_quiz") {
      return {
        ok: false,
        message: data.error.message ?? messageFor("invalid_quiz"),
        problems: data.error.problems ?? [],
      };
    }
  }
  throw await failure(response);
}

/** Where players open a game: this site's own /join page. */
export function joinUrlFor(code: string): string {
  return `${window.location.origin}/join/${code}`;
}

/** The host's full results (every player's rank and score, every answer). */
export function fetchResults(code: string, hostToken: string): Promise<GameResults> {
  return request(`/games/${encodeURIComponent(code)}/results`, { token: hostToken });
}

/** GET /api/games/:code/results as a file, named as the server suggests. */
export async function downloadResults(
  code: string,
  hostToken: string,
  format: "csv" | "json",
): Promise<{ blob: Blob; filename: string }> {
  const response = await send(`/games/${encodeURIComponent(code)}/results?format=${format}`, { token: hostToken });
  if (!response.ok) throw await failure(response);
  const filename =
    filenameFromDisposition(response.headers.get("Content-Disposition")) ?? `trivia-edge-${code}-results.${format}`;
  return { blob: await response.blob(), filename };
}

let labels: Promise<Map<string, string>> | null = null;

/**
 * The bank's category labels by id ("film-tv" → "Film & TV"): a bank question carries its category's id. Fetched
 * once per page; after a failure the next call tries again, and until then the id is shown.
 */
export function categoryLabels(): Promise<Map<string, string>> {
  labels ??= fetchCategories()
    .then((list) => new Map(list.map((c) => [c.id, c.label])))
    .catch(() => {
      labels = null;
      return new Map<string, string>();
    });
  return labels;
}
