import { LIMITS } from "@protocol/values";
import { describe, expect, it } from "vitest";
import sample from "../../docs/samples/quiz.json";
import { importJson } from "../../worker/quiz/json";

function errorsOf(content: string, options: { title?: string } = {}): string[] {
  const result = importJson(content, options);
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}

const choice = { kind: "choice", text: "Capital of France?", choices: ["Paris", "Lyon"], correct: 0 };

describe("JSON quiz import: good files", () => {
  it("imports the sample quiz with one question of every kind", () => {
    const result = importJson(JSON.stringify(sample));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.quiz.title).toBe("trivia-edge sample quiz");
    expect(result.quiz.questions.map((q) => q.kind)).toEqual(["choice", "truefalse", "multi", "type", "poll"]);
    expect(result.quiz.questions[2]).toMatchObject({ correct: [0, 2, 4], double: true, seconds: 30 });
  });

  it("reads a question without kind as a choice question, trims texts and drops unknown fields", () => {
    const result = importJson(
      JSON.stringify({
        title: "  Capitals ",
        notes: "ignored",
        questions: [{ text: " Capital of Spain? ", choices: ["Madrid", "Seville"], correct: 0, author: "me" }],
      }),
    );
    expect(result).toEqual({
      ok: true,
      quiz: {
        title: "Capitals",
        questions: [{ kind: "choice", text: "Capital of Spain?", choices: ["Madrid", "Seville"], correct: 0 }],
      },
    });
  });

  it("takes the request's title only when the file has none, and ignores a byte-order mark", () => {
    const untitled = importJson(`\uFEFF${JSON.stringify({ questions: [choice] })}`, { title: "From the file name" });
    expect(untitled.ok && untitled.quiz.title).toBe("From the file name");
    const titled = importJson(JSON.stringify({ title: "Own title", questions: [choice] }), { title: "Other" });
    expect(titled.ok && titled.quiz.title).toBe("Own title");
  });

  it("accepts exactly 100 questions and an https image", () => {
    const questions = Array.from({ length: 100 }, (_, i) => ({
      ...choice,
      text: `Question ${i + 1}?`,
      image: "https://example.org/q.png",
    }));
    const result = importJson(JSON.stringify({ title: "Big", questions }));
    expect(result.ok && result.quiz.questions.length).toBe(100);
  });
});

describe("JSON quiz import: broken files, every problem at once", () => {
  it("reports a syntax error with its line and column", () => {
    const [problem] = errorsOf('{"title": "x", "questions": [\n  {"text": "a",}\n]}');
    expect(problem).toMatch(/^the file is not valid JSON: .*\(line 2,? column 16\)$/);
  });

  it("refuses an empty file, a list and a value that is not an object", () => {
    expect(errorsOf("   ")).toEqual(["the file is empty"]);
    expect(errorsOf("[]")).toEqual([
      'the file holds a list; a quiz is an object {"title": "...", "questions": [...]} with the list as its questions',
    ]);
    expect(errorsOf("42")).toEqual(['the file must hold one object {"title": "...", "questions": [...]}']);
  });

  it("lists every problem of every question, numbered from 1", () => {
    const errors = errorsOf(
      JSON.stringify({
        title: "",
        questions: [
          { kind: "choise", text: "a" },
          { text: "b", choices: ["a", "A"], correct: 3 },
          { kind: "type" },
          { kind: "truefalse", text: "x", correct: "yes", image: "http://example.org/a.png" },
          { kind: "multi", text: "q", choices: ["a", "b"], correct: [0, 5] },
          { kind: "poll", text: "q".repeat(301), choices: ["a"], seconds: 3 },
          {
            kind: "choice",
            text: "q",
            choices: ["a", "b", "c", "d", "e", "f", "g"],
            correct: 0,
            difficulty: "extreme",
          },
          { kind: "multi", text: "q", choices: ["a", "b"], correct: [1, 1] },
          { kind: "type", text: "q", accepted: [] },
        ],
      }),
    );
    expect(errors).toEqual([
      "title is empty",
      'question 1: kind "choise" is not one of choice, truefalse, multi, type, poll, slider, order',
      "question 2: choices must be distinct",
      "question 2: correct must be the index of one of the choices",
      "question 3: accepted is missing",
      "question 3: text is missing",
      'question 4: correct must be true or false, not text ("yes")',
      "question 4: image must be an https URL or an uploaded image (/api/images/<hash>)",
      "question 5: every correct index must point at one of the choices",
      "question 6: needs at least 2 choices",
      "question 6: text is 301 characters; the limit is 300",
      "question 6: seconds is 3, below the minimum of 5",
      "question 7: has 7 choices; the limit is 6",
      'question 7: difficulty must be one of easy, medium, hard, not text ("extreme")',
      "question 8: correct indexes must be distinct",
      "question 9: needs at least 1 accepted answer",
    ]);
  });

  it("names missing and mistyped top-level fields", () => {
    expect(errorsOf(JSON.stringify({ questions: [choice] }))).toEqual(["title is missing"]);
    expect(errorsOf(JSON.stringify({ title: "t", questions: {} }))).toEqual([
      "questions must be a list, not an object",
    ]);
    expect(errorsOf(JSON.stringify({ title: "t", questions: [] }))).toEqual(["the quiz needs at least 1 question"]);
    expect(errorsOf(JSON.stringify({ title: "t".repeat(81), questions: [choice] }))).toEqual([
      "title is 81 characters; the limit is 80",
    ]);
  });

  it("refuses more than 100 questions", () => {
    const questions = Array.from({ length: 101 }, (_, i) => ({ ...choice, text: `Question ${i + 1}?` }));
    expect(errorsOf(JSON.stringify({ title: "Too many", questions }))).toEqual([
      "the quiz has 101 questions; the limit is 100",
    ]);
  });

  it("refuses a file over 256 KB before reading it", () => {
    const padding = "x".repeat(LIMITS.quizBytes);
    expect(errorsOf(JSON.stringify({ title: "Big", padding, questions: [choice] }))).toEqual([
      "the file is 256.2 KB; a quiz file is at most 256 KB",
    ]);
  });

  it("sums up a flood of problems instead of listing hundreds", () => {
    const questions = Array.from({ length: 100 }, () => ({ kind: "choice", text: "" }));
    const errors = errorsOf(JSON.stringify({ title: "t", questions }));
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)).toBe("… and 251 more problems.");
  });
});
