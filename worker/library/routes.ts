/**
 * The library's HTTP routes, mounted under /api by worker/index.ts (docs/protocol.md, "Saved quizzes and images"):
 *
 *   POST   /api/quizzes              a Quiz → 201 {id, editToken, url, version, updatedAt}
 *   GET    /api/quizzes/:id          → 200 {id, title, questionCount, createdAt, updatedAt, version, quiz}
 *   PUT    /api/quizzes/:id          Bearer <editToken>, {version, quiz} → 200 (version + 1) | 409 version_conflict
 *   DELETE /api/quizzes/:id          Bearer <editToken> → 204
 *   POST   /api/quizzes/:id/copy     → 201 a new quiz with its own id and edit token
 *   POST   /api/images               raw bytes → 201 {url, hash, contentType, bytes}
 *   GET    /api/images/:hash         the bytes, immutable
 *   GET    /api/bank/quiz            ?category&difficulty&count → 200 {quiz}: a bank draw to edit
 *
 * A request's body is read to its end whatever the answer, by the worker's outermost middleware (worker/body.ts).
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { readCapped, readCappedText } from "../body";
import { ApiError, bearerToken, clientAddress, parseJsonBody, publicOrigin, validateBody } from "../http";
import type { Quiz } from "../protocol/schemas";
import { DIFFICULTIES, LIMITS } from "../protocol/values";
import { checkQuiz } from "../quiz/json";
import { bankQuiz } from "./bank";
import { editTokenMatches, hashEditToken, isQuizId, newEditToken } from "./ids";
import { isImageHash, MAX_IMAGE_BYTES, serveImage, sniffImageType, storeImage } from "./images";
import { deleteQuiz, findQuiz, insertQuiz, savedQuiz, updateQuiz } from "./quizzes";
import type { BankQuizResponse, SavedQuizCreated } from "./types";

type LibraryEnv = { Bindings: Env };
type LibraryContext = Context<LibraryEnv>;

/** A save's envelope; the quiz inside is checked on its own so that its problems are listed as the importer lists them. */
const SaveQuizEnvelope = z.object({ version: z.number().int().min(1), quiz: z.object({}).loose() }).strict();

/** The PUT body is a quiz plus a few bytes of envelope: a quiz that could be created can be saved. */
const SAVE_BODY_BYTES = LIMITS.bodyBytes + 1024;

const BankQuizQuery = z
  .object({
    category: z.string().trim().min(1).max(40).optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    count: z.coerce
      .number()
      .int()
      .min(LIMITS.questionCount.min)
      .max(LIMITS.questionCount.max)
      .default(LIMITS.questionCount.default),
  })
  .strict();

const NO_STORE = { "Cache-Control": "no-store" };

/** Creating quizzes, copies and images is rate-limited per client address (UPLOAD_LIMITER). */
async function limitUploads(c: LibraryContext): Promise<void> {
  const { success } = await c.env.UPLOAD_LIMITER.limit({ key: clientAddress(c.req.raw) });
  if (success) return;
  throw new ApiError(
    429,
    "rate_limited",
    "Too many uploads from your network; wait a minute and try again.",
    {},
    { "Retry-After": "60" },
  );
}

/** The quiz in a request, or a 422 invalid_quiz listing every problem. */
function validQuiz(value: unknown): Quiz {
  const result = checkQuiz(value);
  if (result.ok) return result.quiz;
  const n = result.errors.length;
  throw new ApiError(
    422,
    "invalid_quiz",
    n === 1 ? `The quiz has a problem: ${result.errors[0]}.` : `The quiz has ${n} problems; nothing was saved.`,
    { problems: result.errors },
  );
}

function quizNotFound(): ApiError {
  return new ApiError(404, "quiz_not_found", "There is no saved quiz with that id; it may have been deleted.");
}

async function existingQuiz(c: LibraryContext) {
  return foundQuiz(c.env, c.req.param("id") ?? "");
}

async function foundQuiz(env: Env, id: string) {
  const row = isQuizId(id) ? await findQuiz(env.DB, id) : null;
  if (!row) throw quizNotFound();
  return row;
}

/** The quiz a change is about, once its edit token is checked: 401 without a token, 404, then 403 for a wrong one. */
async function editableQuiz(c: LibraryContext) {
  const token = bearerToken(c.req.header("Authorization"));
  if (!token) {
    throw new ApiError(
      401,
      "edit_token_required",
      "Changing a saved quiz takes its edit token: send Authorization: Bearer <editToken>.",
      {},
      { "WWW-Authenticate": 'Bearer realm="trivia-edge"' },
    );
  }
  const row = await existingQuiz(c);
  if (!(await editTokenMatches(token, row.edit_token_hash))) {
    throw new ApiError(403, "wrong_edit_token", "That is not this quiz's edit token; make a copy to edit it.");
  }
  return row;
}

/** Stores `quiz` as a new saved quiz and answers 201 with its id, share link and (this once) its edit token. */
async function createQuiz(c: LibraryContext, quiz: Quiz) {
  const editToken = newEditToken();
  const row = await insertQuiz(c.env.DB, quiz, await hashEditToken(editToken));
  const created: SavedQuizCreated = {
    id: row.id,
    editToken,
    url: `${publicOrigin(c.env, c.req.raw)}/quiz/${row.id}`,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  return c.json(created, 201, { ...NO_STORE, Location: `/api/quizzes/${row.id}` });
}

/**
 * The quiz a game is created from (POST /api/games with `quizId`): read once and copied into the game, so editing or
 * deleting it later leaves the game alone. Checked again against today's schema, which may be stricter than the one
 * it was saved under.
 */
export async function quizForGame(env: Env, quizId: string): Promise<Quiz> {
  return validQuiz(JSON.parse((await foundQuiz(env, quizId)).body));
}

const libraryRoutes = new Hono<LibraryEnv>();

/**
 * A saved quiz's path. The id's shape is part of the route, so `/quizzes/import` (the importer's own POST route) is
 * not also a quiz id: the method-not-allowed middleware then answers GET /api/quizzes/import with 405 and Allow: POST.
 */
const QUIZ_PATH = "/quizzes/:id{[A-Za-z0-9_-]{12}}";

libraryRoutes.post("/quizzes", async (c) => {
  await limitUploads(c);
  const quiz = validQuiz(parseJsonBody(await readCappedText(c.req.raw, LIMITS.bodyBytes)));
  return createQuiz(c, quiz);
});

libraryRoutes.get(QUIZ_PATH, async (c) => c.json(savedQuiz(await existingQuiz(c)), 200, NO_STORE));

libraryRoutes.put(QUIZ_PATH, async (c) => {
  const text = await readCappedText(c.req.raw, SAVE_BODY_BYTES);
  const row = await editableQuiz(c);
  const body = validateBody(parseJsonBody(text), SaveQuizEnvelope);
  const quiz = validQuiz(body.quiz);
  const saved = await updateQuiz(c.env.DB, row.id, body.version, quiz);
  if (saved) return c.json(savedQuiz(saved), 200, NO_STORE);
  const now = await findQuiz(c.env.DB, row.id);
  if (!now) throw quizNotFound();
  throw new ApiError(
    409,
    "version_conflict",
    `This quiz was saved elsewhere in the meantime (it is at version ${now.version}, you edited version ${body.version}); reload it or save yours as a copy.`,
    { current: { version: now.version, updatedAt: new Date(now.updated_at).toISOString() } },
  );
});

libraryRoutes.delete(QUIZ_PATH, async (c) => {
  const row = await editableQuiz(c);
  if (!(await deleteQuiz(c.env.DB, row.id))) throw quizNotFound();
  return c.body(null, 204);
});

libraryRoutes.post(`${QUIZ_PATH}/copy`, async (c) => {
  await limitUploads(c);
  const original = await existingQuiz(c);
  return createQuiz(c, savedQuiz(original).quiz);
});

// After the routes above: any other id (but the importer's own path) is no quiz: the same 404 a well-formed unknown id gets.
const NOT_A_QUIZ_ID = "/quizzes/:id{(?!import$)[^/]+}";
libraryRoutes.on(["GET", "PUT", "DELETE"], NOT_A_QUIZ_ID, () => {
  throw quizNotFound();
});
libraryRoutes.post(`${NOT_A_QUIZ_ID}/copy`, () => {
  throw quizNotFound();
});

libraryRoutes.post("/images", async (c) => {
  await limitUploads(c);
  const bytes = await readCapped(
    c.req.raw,
    MAX_IMAGE_BYTES,
    () => new ApiError(413, "image_too_large", `An image is at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`),
  );
  if (bytes.byteLength === 0) {
    throw new ApiError(422, "invalid_request", "The request has no body: send the image file's bytes.", {
      fields: ["(body)"],
    });
  }
  const contentType = await sniffImageType(bytes);
  if (!contentType) {
    throw new ApiError(
      415,
      "unsupported_image_type",
      "That file is not a PNG, JPEG, WebP or GIF image (its type is read from its contents, not its name).",
    );
  }
  return c.json(await storeImage(c.env.IMAGES, bytes, contentType), 201);
});

libraryRoutes.get("/images/:hash", async (c) => {
  const hash = c.req.param("hash");
  const response = isImageHash(hash)
    ? await serveImage(c.env.IMAGES, hash, c.req.header("If-None-Match") ?? null)
    : null;
  if (!response) throw new ApiError(404, "image_not_found", "There is no uploaded image with that hash.");
  return response;
});

libraryRoutes.get("/bank/quiz", (c) => {
  const query = validateBody(c.req.query(), BankQuizQuery);
  const response: BankQuizResponse = { quiz: bankQuiz(query, query.count) };
  return c.json(response, 200, NO_STORE);
});

export { libraryRoutes };
