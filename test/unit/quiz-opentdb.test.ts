import { describe, expect, it } from "vitest";
import sample from "../../docs/samples/opentdb.json";
import { importOpenTdb } from "../../worker/quiz/opentdb";

function errorsOf(value: unknown): string[] {
  const result = importOpenTdb(typeof value === "string" ? value : JSON.stringify(value));
  if (result.ok) throw new Error(`expected the import to fail, got ${JSON.stringify(result.quiz)}`);
  return result.errors;
}

const multiple = {
  type: "multiple",
  difficulty: "easy",
  category: "General Knowledge",
  question: "How many sides has a hexagon?",
  correct_answer: "6",
  incorrect_answers: ["5", "7", "8"],
};

const base64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("Open Trivia DB import: good files", () => {
  it("turns multiple into choice and boolean into truefalse, decoding HTML entities", () => {
    const result = importOpenTdb(JSON.stringify(sample));
    expect(result).toEqual({
      ok: true,
      quiz: {
        title: "Science & Nature (Open Trivia DB)",
        questions: [
          {
            kind: "choice",
            text: "Which gas makes up most of the air we breathe?",
            choices: ["Nitrogen", "Oxygen", "Carbon dioxide", "Argon"],
            correct: 0,
            category: "Science & Nature",
            difficulty: "easy",
          },
          {
            kind: "truefalse",
            text: 'A "light-year" measures time, not distance.',
            correct: false,
            category: "Science & Nature",
            difficulty: "medium",
          },
          {
            kind: "choice",
            text: "Which scientist's name is given to the unit of electrical resistance?",
            choices: ["Georg Ohm", "André-Marie Ampère", "Alessandro Volta", "James Watt"],
            correct: 0,
            category: "Science & Nature",
            difficulty: "hard",
          },
        ],
      },
    });
  });

  it("names a quiz of mixed categories generically, unless the request gives a title", () => {
    const mixed = { response_code: 0, results: [multiple, { ...multiple, category: "Sports", question: "Q2?" }] };
    const untitled = importOpenTdb(JSON.stringify(mixed));
    expect(untitled.ok && untitled.quiz.title).toBe("Open Trivia DB quiz");
    const titled = importOpenTdb(JSON.stringify(mixed), { title: "Friday quiz" });
    expect(titled.ok && titled.quiz.title).toBe("Friday quiz");
  });

  it("decodes a response fetched with encode=base64", () => {
    const encoded = {
      response_code: 0,
      results: [
        {
          type: base64("multiple"),
          difficulty: base64("medium"),
          category: base64("Geography"),
          question: base64("Où coule la Seine?"),
          correct_answer: base64("France"),
          incorrect_answers: [base64("Spain"), base64("Italy")],
        },
        {
          type: base64("boolean"),
          difficulty: base64("easy"),
          category: base64("Geography"),
          question: base64("Paris & Lyon are in France."),
          correct_answer: base64("True"),
          incorrect_answers: [base64("False")],
        },
      ],
    };
    const result = importOpenTdb(JSON.stringify(encoded));
    expect(result.ok && result.quiz.questions).toEqual([
      {
        kind: "choice",
        text: "Où coule la Seine?",
        choices: ["France", "Spain", "Italy"],
        correct: 0,
        category: "Geography",
        difficulty: "medium",
      },
      {
        kind: "truefalse",
        text: "Paris & Lyon are in France.",
        correct: true,
        category: "Geography",
        difficulty: "easy",
      },
    ]);
  });
});

describe("Open Trivia DB import: broken files, every problem at once", () => {
  it("explains a response_code that is not 0", () => {
    expect(errorsOf({ response_code: 5, results: [] })).toEqual([
      "Open Trivia DB answered response_code 5 (Rate Limit: too many requests; each IP may ask once every 5 seconds); fetch again",
    ]);
    expect(errorsOf({ response_code: 1, results: [] })).toEqual([
      "Open Trivia DB answered response_code 1 (No Results: the API has too few questions for that query); fetch again",
    ]);
  });

  it("says when the file is not an Open Trivia DB response at all", () => {
    expect(errorsOf({ title: "mine", questions: [] })).toEqual([
      'this is not an Open Trivia DB response ({"response_code": 0, "results": [...]})',
      "response_code is missing",
      "results is missing",
    ]);
    expect(errorsOf({ response_code: 0, results: [{ question: 3 }] })).toEqual([
      'this is not an Open Trivia DB response ({"response_code": 0, "results": [...]})',
      "question 1: type is missing",
      "question 1: question must be text, not the number 3",
      "question 1: correct_answer is missing",
      "question 1: incorrect_answers is missing",
    ]);
    expect(errorsOf("not json")[0]).toMatch(/^the file is not valid JSON: /);
  });

  it("reports every bad question", () => {
    expect(
      errorsOf({
        response_code: 0,
        results: [
          { ...multiple, type: "text" },
          { ...multiple, incorrect_answers: [] },
          { ...multiple, type: "boolean", correct_answer: "Yes", incorrect_answers: ["No"] },
          { ...multiple, difficulty: "insane", incorrect_answers: ["6", "7"] },
          { ...multiple, question: "&nbsp;" },
          multiple,
        ],
      }),
    ).toEqual([
      'question 1: type "text" is not one Open Trivia DB uses (multiple or boolean)',
      "question 2: a multiple question needs at least one of incorrect_answers",
      'question 3: a boolean question\'s correct_answer must be True or False, not "Yes"',
      "question 4: choices must be distinct",
      'question 4: difficulty must be one of easy, medium, hard, not text ("insane")',
      "question 5: question is empty",
    ]);
  });

  it("refuses an empty result list and more than 100 questions", () => {
    expect(errorsOf({ response_code: 0, results: [] })).toEqual(["the response holds no questions (results is empty)"]);
    const results = Array.from({ length: 101 }, (_, i) => ({ ...multiple, question: `Q${i}?` }));
    expect(errorsOf({ response_code: 0, results })).toEqual([
      "the response has 101 questions; a quiz holds at most 100",
    ]);
  });
});
