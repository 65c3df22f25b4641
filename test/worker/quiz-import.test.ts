import { type ImportQuizResponse, Quiz } from "@protocol/schemas";
import { type ErrorBody, LIMITS, QUESTION_KINDS } from "@protocol/values";
import { describe, expect, it } from "vitest";
import opentdbSample from "../../docs/samples/opentdb.json";
import sampleQuiz from "../../docs/samples/quiz.json";
import { api, apiJson } from "./client";

async function importFile(format: string, content: string, title?: string) {
  return apiJson<ImportQuizResponse & ErrorBody>("/api/quizzes/import", {
    method: "POST",
    json: { format, content, ...(title ? { title } : {}) },
  });
}

/** The parts of a JSON Schema these tests read. */
interface SchemaNode {
  $schema?: string;
  title?: string;
  required?: string[];
  const?: string;
  properties: Record<string, SchemaNode | undefined>;
  items?: { oneOf?: SchemaNode[] };
}

describe("GET /api/quiz-schema.json", () => {
  it("serves the quiz format's JSON Schema, which the sample quiz fits", async () => {
    const res = await api("/api/quiz-schema.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const schema = (await res.json()) as SchemaNode;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("trivia-edge quiz");
    expect(schema.required).toEqual(["title", "questions"]);
    expect(schema.properties.questions).toMatchObject({ type: "array", minItems: 1, maxItems: 100 });
    const variants = schema.properties.questions?.items?.oneOf ?? [];
    expect(variants.map((v) => v.properties.kind?.const)).toEqual([...QUESTION_KINDS]);
    // A question without kind is a choice question, as the parser reads it.
    expect(variants[0]?.required).toEqual(["choices", "correct", "text"]);
    expect(variants[0]?.properties.image).toMatchObject({
      type: "string",
      pattern: "^(https://|/api/images/[0-9a-f]{64}$)",
    });
    expect(variants[0]?.properties.choices).toMatchObject({ minItems: 2, maxItems: 6 });
    expect(variants[3]?.properties.accepted).toMatchObject({ type: "array", minItems: 1 });
    // slider: step and tolerance may be left out (1 and 0); order: 3 to 6 items.
    expect(variants[5]?.required).toEqual(["kind", "min", "max", "correct", "text"]);
    expect(variants[5]?.properties.step).toMatchObject({ type: "number", default: 1 });
    expect(variants[5]?.properties.tolerance).toMatchObject({ type: "number", default: 0, minimum: 0 });
    expect(variants[5]?.properties.unit).toMatchObject({ type: "string", maxLength: 20 });
    expect(variants[6]?.properties.items).toMatchObject({ type: "array", minItems: 3, maxItems: 6 });
  });

  it("answers 405 to other methods", async () => {
    const res = await api("/api/quiz-schema.json", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });
});

describe("GET /api/quiz-sample.json and /api/quiz-template.csv", () => {
  it("serves the sample quiz, a valid quiz with every kind", async () => {
    const res = await apiJson("/api/quiz-sample.json");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(sampleQuiz);
    expect(Quiz.safeParse(res.body).success).toBe(true);
  });

  it("serves the CSV template as a download that imports as it is", async () => {
    const res = await api("/api/quiz-template.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="trivia-edge-quiz-template.csv"');
    const text = await res.text();
    expect(text.split("\r\n")[1]).toMatch(/^Question - max 300 characters,Answer 1/);
    const imported = await importFile("csv", text);
    expect(imported.status).toBe(200);
    expect(imported.body.quiz.questions.map((q) => q.kind)).toEqual([...QUESTION_KINDS]);
  });
});

describe("POST /api/quizzes/import", () => {
  it("imports our JSON format", async () => {
    const res = await importFile("json", JSON.stringify(sampleQuiz));
    expect(res.status).toBe(200);
    expect(res.body.quiz.title).toBe("trivia-edge sample quiz");
    expect(res.body.quiz.questions).toHaveLength(7);
  });

  it("imports a CSV with the request's title", async () => {
    const content = "Question,Answer 1,Answer 2,Correct answer\nLargest ocean?,Pacific,Atlantic,1\n";
    const res = await importFile("csv", content, "Oceans");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      quiz: {
        title: "Oceans",
        questions: [{ kind: "choice", text: "Largest ocean?", choices: ["Pacific", "Atlantic"], correct: 0 }],
      },
    });
  });

  it("imports an Open Trivia DB response with entities decoded", async () => {
    const res = await importFile("opentdb", JSON.stringify(opentdbSample));
    expect(res.status).toBe(200);
    expect(res.body.quiz.questions[1]).toMatchObject({
      kind: "truefalse",
      text: 'A "light-year" measures time, not distance.',
    });
  });

  it("answers 422 invalid_quiz listing every problem, and creates nothing", async () => {
    const content = [
      "Question,Answer 1,Answer 2,Answer 3,Answer 4,Correct answer",
      "What?,a,b,c,d,5",
      "Who?,a,b,c,,7",
      "Fine?,a,b,,,1",
    ].join("\n");
    const res = await importFile("csv", content);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: "invalid_quiz",
        message: "The quiz has 2 problems; nothing was imported.",
        problems: ["row 2: correct answer 5 but only 4 answers", "row 3: correct answer 7 but only 3 answers"],
      },
    });
  });

  it("puts a single problem in the message too", async () => {
    const quiz = { title: "t", questions: [{ text: "q", choices: ["a", "b"], correct: 2 }] };
    const res = await importFile("json", JSON.stringify(quiz));
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: "invalid_quiz",
      message: "The quiz has a problem: question 1: correct must be the index of one of the choices.",
      problems: ["question 1: correct must be the index of one of the choices"],
    });
  });

  it("refuses a quiz file over 256 KB with invalid_quiz, and a body over 1 MB with 413", async () => {
    const big = JSON.stringify({ ...sampleQuiz, padding: "x".repeat(LIMITS.quizBytes) });
    const res = await importFile("json", big);
    expect(res.status).toBe(422);
    expect(res.body.error.problems).toEqual(["the file is 257.6 KB; a quiz file is at most 256 KB"]);
    const huge = await api("/api/quizzes/import", {
      method: "POST",
      json: { format: "json", content: "x".repeat(4 * LIMITS.quizBytes + 1) },
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe("payload_too_large");
  });

  it("answers 400 to a body that is not JSON and 422 to a bad format or missing content", async () => {
    const notJson = await api("/api/quizzes/import", { method: "POST", body: "format=csv" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorBody).error.code).toBe("invalid_json");
    const badFormat = await apiJson<ErrorBody>("/api/quizzes/import", {
      method: "POST",
      json: { format: "xlsx", content: "x" },
    });
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.error).toMatchObject({ code: "invalid_request", fields: ["format"] });
    const noContent = await apiJson<ErrorBody>("/api/quizzes/import", { method: "POST", json: { format: "csv" } });
    expect(noContent.status).toBe(422);
    expect(noContent.body.error).toMatchObject({ code: "invalid_request", fields: ["content"] });
  });

  it("answers 405 to GET", async () => {
    const res = await api("/api/quizzes/import");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
