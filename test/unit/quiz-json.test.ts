import { LIMITS, QUESTION_KINDS } from "@protocol/values";
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
    expect(result.quiz.questions.map((q) => q.kind)).toEqual([...QUESTION_KINDS]);
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

  it("checks a slider's numbers fit together and an order's items, every problem at once", () => {
    const slider = { kind: "slider", text: "How many?", min: 0, max: 100, step: 1, correct: 50 };
    const errors = errorsOf(
      JSON.stringify({
        title: "t",
        questions: [
          { ...slider, max: 0 },
          { ...slider, step: 7 },
          { ...slider, step: 0.05 },
          { ...slider, correct: 101, tolerance: 1.5 },
          { ...slider, min: 0.5, max: 10.5, step: 1, correct: 3 },
          { ...slider, tolerance: 60 },
          { ...slider, min: 0.00001, step: 0 },
          { kind: "slider", text: "?", max: 10, correct: "5", unit: "u".repeat(21) },
          { kind: "order", text: "Order?", items: ["a", "b"] },
          { kind: "order", text: "Order?", items: ["a", "b", "A", "c", "d", "e", "f"] },
          { kind: "order", text: "Order?", items: ["a", "", "c"] },
        ],
      }),
    );
    expect(errors).toEqual([
      "question 1: max (0) must be greater than min (0)",
      "question 2: step 7 does not divide the range 0 to 100 into whole steps",
      "question 3: the range 0 to 100 in steps of 0.05 has 2000 steps; a slider has at most 1000 (make the step bigger)",
      "question 4: correct 101 is outside the range 0 to 100",
      "question 4: tolerance 1.5 is not a whole number of steps of 1",
      "question 5: correct 3 is not one of the slider's values (0.5, 1.5, 2.5, … in steps of 1)",
      "question 6: a tolerance of ±60 around 50 makes every value from 0 to 100 right; make it smaller",
      "question 7: step must be more than 0, not 0",
      "question 7: min 0.00001 has more than 4 decimal places",
      "question 8: min is missing",
      'question 8: correct must be a number, not text ("5")',
      "question 8: unit is 21 characters; the limit is 20",
      "question 9: needs at least 3 items",
      "question 10: has 7 items; the limit is 6",
      "question 11: item 2 is empty",
    ]);
    // Distinct items, ignoring case, as for choices.
    expect(
      errorsOf(JSON.stringify({ title: "t", questions: [{ kind: "order", text: "?", items: ["a", "B", "b"] }] })),
    ).toEqual(["question 1: items must be distinct"]);
    // A missing number does not hide what is wrong with the others.
    expect(
      errorsOf(JSON.stringify({ title: "t", questions: [{ kind: "slider", text: "?", min: 0, max: 100, step: 7 }] })),
    ).toEqual([
      "question 1: correct is missing",
      "question 1: step 7 does not divide the range 0 to 100 into whole steps",
    ]);
    // A question with more than 4 decimal places in a number.
    expect(errorsOf(JSON.stringify({ title: "t", questions: [{ ...slider, min: 0.00001 }] }))).toEqual([
      "question 1: min 0.00001 has more than 4 decimal places",
    ]);
  });

  it("fills in a slider's step (1) and tolerance (0) when they are left out", () => {
    const result = importJson(
      JSON.stringify({ title: "t", questions: [{ kind: "slider", text: "?", min: 1, max: 10, correct: 7 }] }),
    );
    expect(result.ok && result.quiz.questions[0]).toEqual({
      kind: "slider",
      text: "?",
      min: 1,
      max: 10,
      step: 1,
      correct: 7,
      tolerance: 0,
    });
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
