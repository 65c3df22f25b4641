/**
 * The CSV template hosts download (GET /api/quiz-template.csv, also docs/samples/quiz-template.csv): the header row
 * explains each column in its own cell, the way spreadsheet quiz templates do, and one example row per question kind
 * shows how to fill it in. The template imports as it is.
 */
import Papa from "papaparse";

export const TEMPLATE_HEADER = [
  "Question - max 300 characters",
  "Answer 1 - max 120 characters",
  "Answer 2",
  "Answer 3",
  "Answer 4",
  "Answer 5",
  "Answer 6",
  "Time limit (sec) - 5 to 120, empty for the game's default",
  "Correct answer(s) - answer number, e.g. 2, or several for multi, e.g. 1,3",
  "Kind - choice, truefalse, multi, type or poll; empty for choice (multi when several answers are correct)",
  "Explanation - shown at the reveal",
  "Image - https URL",
  "Double - yes for double points",
];

const ROWS: string[][] = [
  [
    "Which planet is known as the Red Planet?",
    "Venus",
    "Mars",
    "Jupiter",
    "Saturn",
    "",
    "",
    "20",
    "2",
    "",
    "Iron oxide (rust) in its rocks and dust gives Mars its reddish colour.",
    "",
    "",
  ],
  [
    "Sound travels faster in water than in air.",
    "True",
    "False",
    "",
    "",
    "",
    "",
    "10",
    "1",
    "truefalse",
    "Sound moves roughly four times faster in water than in air.",
    "",
    "",
  ],
  [
    "Which of these are prime numbers? Pick every one.",
    "2",
    "9",
    "11",
    "15",
    "17",
    "",
    "30",
    "1,3,5",
    "multi",
    "2, 11 and 17 have no divisors but 1 and themselves; 9 = 3 x 3 and 15 = 3 x 5.",
    "",
    "yes",
  ],
  [
    "Which band recorded the album Abbey Road?",
    "The Beatles",
    "",
    "",
    "",
    "",
    "",
    "30",
    "",
    "type",
    "The Beatles released Abbey Road in 1969. Each answer column holds one accepted answer.",
    "",
    "",
  ],
  [
    "Which kind of question do you enjoy most?",
    "Multiple choice",
    "True or false",
    "Pick several",
    "Type the answer",
    "",
    "",
    "",
    "",
    "poll",
    "",
    "",
    "",
  ],
];

/** The template's text: a Title row, the header, the examples; CRLF line ends as spreadsheets write them. */
export function csvTemplate(): string {
  const title = ["Title", "My quiz", ...new Array<string>(TEMPLATE_HEADER.length - 2).fill("")];
  return `${Papa.unparse([title, TEMPLATE_HEADER, ...ROWS], { newline: "\r\n" })}\r\n`;
}
