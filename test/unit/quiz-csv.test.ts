import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importCsv } from "../../worker/quiz/csv";
import { csvTemplate } from "../../worker/quiz/template";

const HEADER = "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit,Correct answer";

function csv(...lines: string[]): string {
  return `${lines.join("\r\n")}\r\n`;
}

function errorsOf(content: string): string[] {
  const result = importCsv(content);
  if (result.ok) throw new Error(`expected the import to fail, got ${JSON.stringify(result.quiz)}`);
  return result.errors;
}

function quizOf(content: string, options: { title?: string } = {}) {
  const result = importCsv(content, options);
  if (!result.ok) throw new Error(`expected the import to work: ${result.errors.join(" | ")}`);
  return result.quiz;
}

describe("CSV quiz import: good files", () => {
  it("imports the template as it is, one question of every kind", () => {
    const quiz = quizOf(csvTemplate());
    expect(quiz.title).toBe("My quiz");
    expect(quiz.questions).toEqual([
      {
        kind: "choice",
        text: "Which planet is known as the Red Planet?",
        choices: ["Venus", "Mars", "Jupiter", "Saturn"],
        correct: 1,
        seconds: 20,
        explanation: "Iron oxide (rust) in its rocks and dust gives Mars its reddish colour.",
      },
      {
        kind: "truefalse",
        text: "Sound travels faster in water than in air.",
        correct: true,
        seconds: 10,
        explanation: "Sound moves roughly four times faster in water than in air.",
      },
      {
        kind: "multi",
        text: "Which of these are prime numbers? Pick every one.",
        choices: ["2", "9", "11", "15", "17"],
        correct: [0, 2, 4],
        seconds: 30,
        double: true,
        explanation: "2, 11 and 17 have no divisors but 1 and themselves; 9 = 3 x 3 and 15 = 3 x 5.",
      },
      {
        kind: "type",
        text: "Which band recorded the album Abbey Road?",
        accepted: ["The Beatles"],
        seconds: 30,
        explanation: "The Beatles released Abbey Road in 1969. Each answer column holds one accepted answer.",
      },
      {
        kind: "poll",
        text: "Which kind of question do you enjoy most?",
        choices: ["Multiple choice", "True or false", "Pick several", "Type the answer", "Slider", "Put in order"],
      },
      {
        kind: "slider",
        text: "How fast does sound travel through air at 20 °C?",
        min: 0,
        max: 1000,
        step: 1,
        correct: 343,
        tolerance: 10,
        unit: "m/s",
        seconds: 20,
        explanation: "About 343 metres per second; within 10 m/s counts as right, and closer guesses score more.",
      },
      {
        kind: "order",
        text: "Put these planets in order from the Sun, nearest first.",
        items: ["Mercury", "Venus", "Earth", "Mars"],
        seconds: 30,
        explanation:
          "Write the answers in the right order; players see them shuffled and score only for the exact order.",
      },
    ]);
  });

  it("keeps docs/samples/quiz-template.csv identical to the template the API serves", () => {
    expect(readFileSync("docs/samples/quiz-template.csv", "utf8")).toBe(csvTemplate());
  });

  it("reads the common spreadsheet layout with explanatory headers and a preamble above them", () => {
    const quiz = quizOf(
      csv(
        "Quiz template,,,,,,,",
        "Add questions and at least two answers,,,,,,,",
        ",,,,,,,",
        "Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,Answer 3,Answer 4,Time limit (sec) – 5 or more,Correct answer(s) - choose at least one,",
        "What is 2 + 2?,3,4,5,,20,2,",
        ",,,,,,,",
        '"Which are, strictly, ""even""?",1,2,3,4,30,"2,4",',
      ),
      { title: "Maths" },
    );
    expect(quiz).toEqual({
      title: "Maths",
      questions: [
        { kind: "choice", text: "What is 2 + 2?", choices: ["3", "4", "5"], correct: 1, seconds: 20 },
        {
          kind: "multi",
          text: 'Which are, strictly, "even"?',
          choices: ["1", "2", "3", "4"],
          correct: [1, 3],
          seconds: 30,
        },
      ],
    });
  });

  it("detects semicolon and tab delimiters, a byte-order mark, and multi-line cells", () => {
    const semicolon = quizOf("\uFEFFQuestion;Answer 1;Answer 2;Correct\nWar Goethe Dichter?;ja;nein;1\n");
    expect(semicolon.questions[0]).toMatchObject({ choices: ["ja", "nein"], correct: 0 });
    const tabs = quizOf('Question\tAnswer 1\tAnswer 2\tCorrect\n"Line one\nline two"\tyes\tno\t2\n');
    expect(tabs.questions[0]).toMatchObject({ text: "Line one\nline two", correct: 1 });
  });

  it("accepts several ways of writing the correct answers, the time and the double flag", () => {
    const quiz = quizOf(
      csv(
        "Question,Answer 1,Answer 2,Answer 3,Correct answers,Time,Double",
        "Q1,a,b,c,B,20s,yes",
        "Q2,a,b,c,1; 3,15 seconds,no",
        "Q3,a,b,c,A and C,,x",
      ),
    );
    expect(quiz.questions).toEqual([
      { kind: "choice", text: "Q1", choices: ["a", "b", "c"], correct: 1, seconds: 20, double: true },
      { kind: "multi", text: "Q2", choices: ["a", "b", "c"], correct: [0, 2], seconds: 15, double: false },
      { kind: "multi", text: "Q3", choices: ["a", "b", "c"], correct: [0, 2], double: true },
    ]);
  });

  it("infers true/false from the answers, or takes kind, explanation and image from their columns", () => {
    const quiz = quizOf(
      csv(
        "Question,Answer 1,Answer 2,Answer 3,Correct answer,Kind,Explanation,Image",
        "Water boils at 100 °C at sea level.,True,False,,1,,At 1 atm.,https://example.org/boil.png",
        "Ice sinks in water.,,,,false,true/false,,",
        "Pick a colour,Red,Green,Blue,,poll,,",
        "Capital of Peru?,Lima,,,,type,,",
        "Pick two,a,b,c,3,multi,,",
      ),
    );
    expect(quiz.questions).toEqual([
      {
        kind: "truefalse",
        text: "Water boils at 100 °C at sea level.",
        correct: true,
        explanation: "At 1 atm.",
        image: "https://example.org/boil.png",
      },
      { kind: "truefalse", text: "Ice sinks in water.", correct: false },
      { kind: "poll", text: "Pick a colour", choices: ["Red", "Green", "Blue"] },
      { kind: "type", text: "Capital of Peru?", accepted: ["Lima"] },
      { kind: "multi", text: "Pick two", choices: ["a", "b", "c"], correct: [2] },
    ]);
  });

  it("names the quiz after its Title row, else the request's title, else a default", () => {
    const body = ["Title,Rivers", HEADER, "Longest river?,Nile,Rhine,,,,1"];
    expect(quizOf(csv(...body)).title).toBe("Rivers");
    expect(quizOf(csv(...body), { title: "Chosen" }).title).toBe("Rivers");
    expect(quizOf(csv(...body.slice(1)), { title: "Chosen" }).title).toBe("Chosen");
    expect(quizOf(csv(...body.slice(1))).title).toBe("Imported quiz");
  });

  it("reads a file the template produced after a round trip through a spreadsheet (all cells quoted)", () => {
    const rows = Papa.parse<string[]>(csvTemplate()).data;
    const requoted = Papa.unparse(rows, { quotes: true, newline: "\n" });
    expect(quizOf(requoted).questions).toHaveLength(7);
  });
});

describe("CSV quiz import: broken files, every problem at once", () => {
  it("reports each row's problem with its spreadsheet row number", () => {
    expect(
      errorsOf(
        csv(
          HEADER,
          "What?,a,b,c,d,20,5",
          "Who?,a,,c,,20,1",
          "Where?,a,b,c,d,240,1",
          "When?,a,b,c,d,abc,x",
          ",a,b,c,d,20,1",
          "Which?,a,b,c,d,20,",
          'Two?,a,b,c,d,20,"1,1"',
          "One?,a,,,,20,1",
        ),
      ),
    ).toEqual([
      "row 2: correct answer 5 but only 4 answers",
      "row 3: answer 2 is empty but answer 3 is not; fill the answers from answer 1 without gaps",
      "row 4: time limit 240 seconds is outside 5–120",
      'row 5: time limit "abc" is not a whole number of seconds',
      'row 5: correct answer "x" is not an answer number (1–6, or a letter A–F)',
      "row 6: question is empty",
      "row 7: correct answer is missing; give the number of the right answer",
      "row 8: correct answer 1 is listed twice",
      "row 9: a choice question needs at least 2 answers, and this one has 1",
    ]);
  });

  it("reports problems particular to each kind", () => {
    expect(
      errorsOf(
        csv(
          "Question,Answer 1,Answer 2,Answer 3,Correct,Kind,Double,Image",
          "A,x,y,z,1,quizz,maybe,",
          "B,x,y,z,2,type,,",
          "C,,,,,type,,",
          "D,x,y,z,2,poll,,",
          "E,True,False,,2,,,http://example.org/e.png",
          'G,x,y,z,"1,2",choice,,',
          "H,yes,no,,1,truefalse,,",
          "I,,,,maybe,truefalse,,",
          "J,x,y,z,,multi,,",
        ),
      ),
    ).toEqual([
      'row 2: double "maybe" should be yes or no',
      'row 2: kind "quizz" is not one of choice, truefalse, multi, type, poll, slider, order',
      "row 3: a type question accepts every answer in its answer columns; leave correct answer empty",
      "row 4: a type question needs at least one accepted answer in the answer columns",
      "row 5: a poll has no correct answer; leave correct answer empty",
      "row 6: image must be an https URL or an uploaded image (/api/images/<hash>)",
      "row 7: a choice question has one correct answer but 2 are given (1, 2); set kind to multi for several",
      "row 8: a truefalse question's answers must be True and False (or left empty)",
      'row 9: correct answer "maybe" should be true or false (or 1 for True, 2 for False)',
      "row 10: correct answer is missing; give the number of the right answer",
    ]);
  });

  it("reads slider rows (kind inferred from min and max) and order rows, with decimal points or commas", () => {
    const quiz = quizOf(
      csv(
        "Question,Answer 1,Answer 2,Answer 3,Correct answer,Kind,Min,Max,Step,Tolerance,Unit",
        "Apollo 11 landed in?,,,,1969,,1900,2020,,2,",
        'pH of pure water?,,,,7,slider,0,14,"0,1",0.3,pH',
        "Order these,first,second,third,,order,,,,,",
      ),
    );
    expect(quiz.questions).toEqual([
      { kind: "slider", text: "Apollo 11 landed in?", min: 1900, max: 2020, step: 1, correct: 1969, tolerance: 2 },
      { kind: "slider", text: "pH of pure water?", min: 0, max: 14, step: 0.1, correct: 7, tolerance: 0.3, unit: "pH" },
      { kind: "order", text: "Order these", items: ["first", "second", "third"] },
    ]);
    // A sheet of sliders needs no answer columns.
    expect(quizOf(csv("Question,Min,Max,Correct", "How many?,0,10,3")).questions[0]).toMatchObject({
      kind: "slider",
      correct: 3,
    });
  });

  it("reports the problems of slider and order rows", () => {
    expect(
      errorsOf(
        csv(
          "Question,Answer 1,Answer 2,Answer 3,Correct answer,Kind,Min,Max,Step,Tolerance,Unit",
          "A,,,,,slider,0,10,,,",
          "B,x,,,5,slider,,10,,,",
          'C,,,,5,slider,0,"1,000",,,',
          "D,,,,5,slider,0,ten,,,",
          "E,,,,5,slider,0,10,3,,",
          "F,,,,50,slider,0,10,,,",
          "G,x,y,,,order,,,,,",
          "H,x,y,z,1,order,,,,,",
          "I,x,y,,1,,,,,2,km",
        ),
      ),
    ).toEqual([
      "row 2: correct answer is missing; give the right value",
      "row 3: a slider question has no answers; its range goes in the min and max columns",
      "row 3: min is missing; a slider needs its lowest value",
      'row 4: max "1,000" could be a thousand or one; write 1000, or use a point for decimals',
      'row 5: max "ten" is not a number',
      "row 6: step 3 does not divide the range 0 to 10 into whole steps",
      "row 7: correct 50 is outside the range 0 to 10",
      "row 8: an order question needs at least 3 answers, written in the right order, and this one has 2",
      "row 9: an order question's answers are written in the right order; leave correct answer empty",
      "row 10: tolerance is only for slider questions; leave it empty or set kind to slider",
      "row 10: unit is only for slider questions; leave it empty or set kind to slider",
    ]);
  });

  it("applies the quiz format's limits to each row, naming the spreadsheet column", () => {
    expect(
      errorsOf(
        csv(
          "Question,Answer 1,Answer 2,Correct answer,Explanation",
          `${"Q".repeat(301)},a,b,1,`,
          `Long answer?,${"a".repeat(121)},b,1,`,
          "Same answers?,Paris,paris,1,",
          `Long explanation?,a,b,1,${"e".repeat(501)}`,
        ),
      ),
    ).toEqual([
      "row 2: question is 301 characters; the limit is 300",
      "row 3: answer 1 is 121 characters; the limit is 120",
      "row 4: choices must be distinct",
      "row 5: explanation is 501 characters; the limit is 500",
    ]);
  });

  it("needs a header row and known, unrepeated columns", () => {
    expect(errorsOf("a,b,c\n1,2,3\n")).toEqual([
      'no header row: one row must name the columns, starting with "Question" (download the template from /api/quiz-template.csv)',
    ]);
    expect(errorsOf("Question,Anwser 1,Answer 1,Answer 7,Answer 1\nA,b,c,d,e\n")).toEqual([
      'row 1, column B: unknown column "Anwser 1"; the columns are question, answer 1 … answer 6, time limit, correct answer, kind, explanation, image, double, min, max, step, tolerance, unit (plus an optional Title row above the header)',
      'row 1, column D: "Answer 7" — a question has at most 6 answers (answer 1 … answer 6)',
      'row 1, column E: "answer 1" appears twice (columns C and E)',
    ]);
    expect(errorsOf("Question,Time limit\nA,20\n")).toEqual([
      'row 1: there is no "Answer 1" column; answers go in columns Answer 1 … Answer 6',
    ]);
  });

  it("says so when the correct answer column is missing altogether", () => {
    expect(errorsOf("Question,Answer 1,Answer 2\nA,x,y\n")).toEqual([
      'row 2: correct answer is missing (the file has no "Correct answer" column); give the number of the right answer',
    ]);
  });

  it("reports values in columns without a header", () => {
    expect(errorsOf("Question,Answer 1,Answer 2,Correct answer\nA,x,y,1,stray note\n")).toEqual([
      'row 2: column E holds "stray note" but has no header',
    ]);
    expect(errorsOf("Question,,Answer 1,Answer 2,Correct answer\nA,oops,x,y,1\n")).toEqual([
      'row 2: column B holds "oops" but its header is empty',
    ]);
  });

  it("reports a quote that is never closed", () => {
    expect(errorsOf('Question,Answer 1\n"abc,d\n')).toEqual(['row 2: a quoted cell is never closed (a " is missing)']);
  });

  it("refuses a header with no rows, more than 100 questions, and a file over 256 KB", () => {
    expect(errorsOf(csv(HEADER, ",,,,,,"))).toEqual(["no questions: there are no rows below the header (row 1)"]);
    const many = Array.from({ length: 101 }, (_, i) => `Q${i + 1}?,a,b,,,,1`);
    expect(errorsOf(csv(HEADER, ...many))).toEqual(["the file has 101 questions; a quiz holds at most 100"]);
    const big = Array.from({ length: 3000 }, (_, i) => `Question ${i} ${"x".repeat(80)}?,a,b,,,,1`);
    expect(errorsOf(csv(HEADER, ...big))).toEqual(["the file is 309.6 KB; a quiz file is at most 256 KB"]);
  });
});
