/**
 * HTTP routes for quizzes and results, mounted under /api by worker/index.ts:
 *
 *   GET  /api/quiz-schema.json         JSON Schema of the quiz format
 *   GET  /api/quiz-sample.json         a sample quiz with one question of each kind
 *   GET  /api/quiz-template.csv        the spreadsheet template (download)
 *   POST /api/quizzes/import           {format, content, title?} → 200 {quiz} | 422 invalid_quiz with every problem
 *   GET  /api/games/:code/results      ?format=json|csv, Authorization: Bearer <hostToken>
 */
import { Hono } from "hono";
import sampleQuiz from "../../docs/samples/quiz.json";
import { resultsBody } from "../game/results";
import { bearerToken, clientAddress, errorResponse, gameRoom, readBody } from "../http";
import { countMiss, refuseIfLimited } from "../lookup-limit";
import { ImportQuizBody, type ImportQuizResponse } from "../protocol/schemas";
import { LIMITS, RESULTS_FORMATS, type ResultsFormat } from "../protocol/values";
import { importQuiz } from "./import";
import { quizJsonSchema } from "./schema";
import { csvTemplate } from "./template";

type QuizEnv = { Bindings: Env };

/**
 * The import body carries the file as a JSON string, and escaping makes it longer than the file (quotes, newlines),
 * so the body may be larger than the 256 KB a quiz file may be; the file's own size is checked by the importer.
 */
const IMPORT_BODY_BYTES = 4 * LIMITS.quizBytes;

const quizRoutes = new Hono<QuizEnv>();

quizRoutes.get("/quiz-schema.json", (c) => c.json(quizJsonSchema(), 200, { "Cache-Control": "public, max-age=3600" }));

quizRoutes.get("/quiz-sample.json", (c) =>
  c.json(sampleQuiz, 200, {
    "Cache-Control": "public, max-age=3600",
    "Content-Disposition": 'inline; filename="trivia-edge-sample-quiz.json"',
  }),
);

quizRoutes.get("/quiz-template.csv", () => {
  return new Response(csvTemplate(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="trivia-edge-quiz-template.csv"',
      "Cache-Control": "public, max-age=3600",
    },
  });
});

quizRoutes.post("/quizzes/import", async (c) => {
  const { format, content, title } = await readBody(c.req.raw, ImportQuizBody, IMPORT_BODY_BYTES);
  const result = importQuiz(format, content, { title });
  if (!result.ok) {
    const n = result.errors.length;
    return errorResponse(
      422,
      "invalid_quiz",
      n === 1 ? `The quiz has a problem: ${result.errors[0]}.` : `The quiz has ${n} problems; nothing was imported.`,
      { problems: result.errors },
    );
  }
  const response: ImportQuizResponse = { quiz: result.quiz };
  return c.json(response);
});

quizRoutes.get("/games/:code/results", async (c) => {
  const code = c.req.param("code");
  const format = c.req.query("format") ?? "json";
  if (!(RESULTS_FORMATS as readonly string[]).includes(format)) {
    return errorResponse(422, "invalid_request", `format must be ${RESULTS_FORMATS.join(" or ")}, not "${format}".`, {
      fields: ["format"],
    });
  }
  const token = bearerToken(c.req.header("Authorization"));
  if (!token) {
    return errorResponse(
      401,
      "host_token_required",
      "Results are for the host: send the host token as Authorization: Bearer <hostToken>.",
      {},
      { "WWW-Authenticate": 'Bearer realm="trivia-edge"' },
    );
  }
  const address = clientAddress(c.req.raw);
  refuseIfLimited(address);
  const outcome = await gameRoom(c.env, code).results(token);
  if (!outcome.ok) {
    if (outcome.code === "game_not_found") {
      await countMiss(c.env, address);
      return errorResponse(
        404,
        "game_not_found",
        "No game with that code; finished games keep their results for a day.",
      );
    }
    return errorResponse(403, "wrong_host_token", "That token is not this game's host token.");
  }
  const noStore = { "Cache-Control": "no-store" };
  if ((format as ResultsFormat) === "csv") {
    return new Response(resultsBody(outcome.head, outcome.players, "csv"), {
      headers: {
        ...noStore,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="trivia-edge-${code}-results.csv"`,
      },
    });
  }
  return new Response(resultsBody(outcome.head, outcome.players, "json"), {
    headers: {
      ...noStore,
      "Content-Type": "application/json",
      "Content-Disposition": `attachment; filename="trivia-edge-${code}-results.json"`,
    },
  });
});

export { quizRoutes };
