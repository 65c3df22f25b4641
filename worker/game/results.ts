/**
 * A game's results for its host: every player's rank and score and, per closed question, the answer they gave (as
 * text), whether it was right, the points and the response time. Built from the engine's state and the stored
 * answer rows; written out as JSON (GameResults in protocol/values.ts) or as a CSV a spreadsheet opens.
 */
import Papa from "papaparse";
import type { GameResults, ResultsAnswer, ResultsPlayer, ResultsQuestion } from "../protocol/values";
import { competitionRanks } from "./scoring";
import { type Answer, activePlayers, byStanding, type GameQuestion, type GameState, questionsClosed } from "./state";

function answerText(q: GameQuestion, choice: Answer["choice"]): string {
  if (typeof choice === "string") return choice;
  if (typeof choice === "number") return q.choices[choice] ?? String(choice);
  return [...choice]
    .sort((a, b) => a - b)
    .map((i) => q.choices[i] ?? String(i))
    .join("; ");
}

function correctTexts(q: GameQuestion): string[] {
  if (q.kind === "type") return [...q.accepted];
  return q.correct.map((i) => q.choices[i] ?? String(i));
}

export function buildResults(game: GameState, storedAnswers: readonly Answer[], now: number): GameResults {
  // The open question is left out: its answers are still secret and still coming.
  const played = Math.min(questionsClosed(game.clock), game.questions.length);
  const players = activePlayers(game).sort(byStanding);
  const ranks = competitionRanks(players.map((p) => p.score));
  const byKey = new Map<string, Answer>();
  for (const a of storedAnswers) if (a.index < played) byKey.set(`${a.index}:${a.playerId}`, a);

  const questions: ResultsQuestion[] = game.questions.slice(0, played).map((q, index) => ({
    index,
    kind: q.kind,
    text: q.text,
    ...(q.kind === "type" ? {} : { choices: [...q.choices] }),
    correct: correctTexts(q),
    double: q.double,
    answered: 0,
    correctCount: 0,
  }));

  const resultPlayers: ResultsPlayer[] = players.map((p, i) => {
    let correctCount = 0;
    const answers: ResultsAnswer[] = questions.map((rq) => {
      const q = game.questions[rq.index] as GameQuestion;
      const a = byKey.get(`${rq.index}:${p.id}`);
      const correct = q.kind === "poll" ? null : (a?.correct ?? false);
      if (a) rq.answered++;
      if (correct) {
        rq.correctCount++;
        correctCount++;
      }
      return {
        question: rq.index,
        answered: a !== undefined,
        answer: a ? answerText(q, a.choice) : null,
        correct,
        points: a?.points ?? 0,
        responseMs: a ? a.elapsedMs : null,
      };
    });
    return { rank: ranks[i] as number, playerId: p.id, name: p.name, score: p.score, correctCount, answers };
  });

  return {
    code: game.code,
    ...(game.title ? { title: game.title } : {}),
    phase: game.clock.phase,
    generatedAt: new Date(now).toISOString(),
    questionCount: game.questions.length,
    questionsPlayed: played,
    questions,
    players: resultPlayers,
  };
}

export const RESULTS_CSV_HEADER = [
  "Rank",
  "Player",
  "Score",
  "Correct answers",
  "Question",
  "Question text",
  "Kind",
  "Answer",
  "Correct",
  "Points",
  "Response time (ms)",
];

/**
 * A text cell a spreadsheet could run as a formula (OWASP's CSV injection rules): it starts with =, +, -, @, a tab,
 * a carriage return or a line feed (or their full-width forms, which some spreadsheets read alike), possibly after
 * spaces or quotes that a spreadsheet skips. Papa Parse's own `escapeFormulae: true` pattern ends in `.*$`, which does
 * not match across a line break, so "=1+2\n-3" slipped through it; this one looks at the start only.
 */
export const FORMULA_START = /^[\s"'\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One row per player and question (one row per player before any question closed), ranked. Milliseconds keep the
 * times whole numbers, which every spreadsheet locale reads alike. Every text cell that could start a formula
 * (FORMULA_START) is prefixed with an apostrophe, whatever else it contains, so a player's name or typed answer
 * cannot run as a formula. A byte-order mark tells spreadsheet programs the file is UTF-8, so accented names survive.
 */
export function resultsCsv(results: GameResults): string {
  const rows: (string | number)[][] = [];
  for (const p of results.players) {
    const player = [p.rank, p.name, p.score, p.correctCount];
    if (p.answers.length === 0) rows.push([...player, "", "", "", "", "", "", ""]);
    for (const a of p.answers) {
      const q = results.questions[a.question] as ResultsQuestion;
      rows.push([
        ...player,
        a.question + 1,
        q.text,
        q.kind,
        a.answer ?? "",
        a.correct === null ? "n/a" : a.correct ? "yes" : "no",
        a.points,
        a.responseMs ?? "",
      ]);
    }
  }
  return `\uFEFF${Papa.unparse({ fields: RESULTS_CSV_HEADER, data: rows }, { newline: "\r\n", escapeFormulae: FORMULA_START })}\r\n`;
}
