/**
 * A game's results for its host: every player's rank and score and, per closed question, the answer they gave (as
 * text), whether it was right, the points and the response time. Built from the engine's state and the stored
 * answer rows; written out as JSON (GameResults in protocol/values.ts) or as a CSV a spreadsheet opens.
 */
import Papa from "papaparse";
import {
  type GameResults,
  type ResultsAnswer,
  type ResultsPlayer,
  type ResultsQuestion,
  TEAMS,
} from "../protocol/values";
import { competitionRanks } from "./scoring";
import { doneCount, type Progress } from "./self-paced";
import {
  type Answer,
  activePlayers,
  byStanding,
  type GameQuestion,
  type GameState,
  type Player,
  questionsClosed,
} from "./state";
import { teamStandings } from "./teams";

/** A slider's number as a spreadsheet reads it: plain digits (no grouping, a decimal point), then the unit. */
function sliderText(s: NonNullable<GameQuestion["slider"]>, value: number): string {
  return s.unit ? `${value} ${s.unit}` : String(value);
}

function answerText(q: GameQuestion, choice: Answer["choice"]): string {
  if (typeof choice === "string") return choice;
  if (typeof choice === "number")
    return q.slider ? sliderText(q.slider, choice) : (q.choices[choice] ?? String(choice));
  const label = (i: number) => q.choices[i] ?? String(i);
  // An order is a sequence, read first to last; a multi set is listed in the order the game showed its choices.
  if (q.kind === "order") return choice.map(label).join(" → ");
  return [...choice]
    .sort((a, b) => a - b)
    .map(label)
    .join("; ");
}

function correctTexts(q: GameQuestion): string[] {
  if (q.kind === "type") return [...q.accepted];
  if (q.slider) {
    const right = sliderText(q.slider, q.slider.correct);
    return [q.slider.tolerance > 0 ? `${right} (± ${q.slider.tolerance})` : right];
  }
  return q.correct.map((i) => q.choices[i] ?? String(i));
}

/**
 * How many questions the results cover: the closed ones of a live game (the open one's answers are still secret);
 * every question of an assignment, where a player's question closes for them as they answer it.
 */
export function questionsPlayed(game: GameState): number {
  return game.selfPaced ? game.questions.length : Math.min(questionsClosed(game.clock), game.questions.length);
}

/** The results before the players: the game and each closed question with how it went. */
export type ResultsHead = Omit<GameResults, "players">;

/** How many players (still in the game) answered each closed question, and how many were right. */
export type QuestionStats = Map<number, { answered: number; correctCount: number }>;

/** One place in the standings: who, with what score at what rank. */
export interface Standing {
  player: Player;
  rank: number;
  score: number;
}

/** Everyone still in the game, in standings order with competition ranks. */
export function standings(game: GameState): Standing[] {
  const players = activePlayers(game).sort(byStanding);
  const ranks = competitionRanks(players.map((p) => p.score));
  return players.map((player, i) => ({ player, rank: ranks[i] as number, score: player.score }));
}

export function resultsHead(game: GameState, stats: QuestionStats, now: number): ResultsHead {
  // The open question is left out: its answers are still secret and still coming.
  const played = questionsPlayed(game);
  const questions: ResultsQuestion[] = game.questions.slice(0, played).map((q, index) => ({
    index,
    kind: q.kind,
    text: q.text,
    ...(q.kind === "type" || q.kind === "slider" ? {} : { choices: [...q.choices] }),
    correct: correctTexts(q),
    double: q.double,
    answered: stats.get(index)?.answered ?? 0,
    correctCount: q.kind === "poll" ? 0 : (stats.get(index)?.correctCount ?? 0),
  }));
  return {
    code: game.code,
    ...(game.title ? { title: game.title } : {}),
    phase: game.clock.phase,
    ...(game.selfPaced
      ? { mode: "self-paced" as const, closesAt: new Date(game.selfPaced.closesAt).toISOString() }
      : {}),
    generatedAt: new Date(now).toISOString(),
    questionCount: game.questions.length,
    questionsPlayed: played,
    questions,
    ...(game.teams ? { teams: teamStandings(game) } : {}),
  };
}

/** One player's row: rank, score and, for each of the first `played` questions, the answer given (by question). */
export function resultsPlayer(
  game: GameState,
  standing: Standing,
  answers: ReadonlyMap<number, Answer>,
  played: number,
): ResultsPlayer {
  let correctCount = 0;
  const rows: ResultsAnswer[] = [];
  for (let index = 0; index < played; index++) {
    const q = game.questions[index] as GameQuestion;
    const a = answers.get(index);
    const correct = q.kind === "poll" ? null : (a?.correct ?? false);
    if (correct) correctCount++;
    rows.push({
      question: index,
      answered: a !== undefined,
      answer: a ? answerText(q, a.choice) : null,
      correct,
      points: a?.points ?? 0,
      responseMs: a ? a.elapsedMs : null,
    });
  }
  const { player, rank, score } = standing;
  const team = player.team === null ? undefined : TEAMS[player.team]?.name;
  const sp = game.selfPaced;
  return {
    rank,
    playerId: player.id,
    name: player.name,
    ...(team ? { team } : {}),
    score,
    correctCount,
    answers: rows,
    ...(sp ? { progress: progressForResults(sp.progress.get(player.id)) } : {}),
  };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function progressForResults(p: Progress | undefined): NonNullable<ResultsPlayer["progress"]> {
  return {
    done: p ? doneCount(p) : 0,
    startedAt: isoOrNull(p?.firstAt ?? null),
    finishedAt: isoOrNull(p?.finishedAt ?? null),
  };
}

/** The results in one piece, from every stored answer (tests, and games small enough to hold at once). */
export function buildResults(game: GameState, storedAnswers: readonly Answer[], now: number): GameResults {
  const played = questionsPlayed(game);
  const byPlayer = new Map<string, Map<number, Answer>>();
  for (const a of storedAnswers) {
    if (a.index >= played) continue;
    const own = byPlayer.get(a.playerId) ?? new Map<number, Answer>();
    byPlayer.set(a.playerId, own);
    own.set(a.index, a);
  }
  const ranked = standings(game);
  const stats: QuestionStats = new Map();
  for (const { player } of ranked) {
    for (const a of byPlayer.get(player.id)?.values() ?? []) {
      const s = stats.get(a.index) ?? { answered: 0, correctCount: 0 };
      s.answered++;
      if (a.correct) s.correctCount++;
      stats.set(a.index, s);
    }
  }
  const players = ranked.map((s) => resultsPlayer(game, s, byPlayer.get(s.player.id) ?? new Map(), played));
  return { ...resultsHead(game, stats, now), players };
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

/** An assignment's CSV has two more columns: how far each player got, and when they finished (ISO 8601, UTC). */
const ASSIGNMENT_CSV_HEADER = ["Questions done", "Finished at"];

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
  return `${resultsCsvHead(results)}${resultsCsvRows(results, results.players)}`;
}

/**
 * Team games' extra columns, after the player's: the team, its final rank and score (the team standings, on every
 * row of its members, so a spreadsheet can sort or pivot by team). Games without teams keep the columns they had.
 */
const TEAM_CSV_HEADER = ["Team", "Team rank", "Team score"];

/** The CSV's start: the byte-order mark and the header row. */
export function resultsCsvHead(head: Pick<ResultsHead, "teams" | "mode">): string {
  const withTeams = head.teams
    ? [...RESULTS_CSV_HEADER.slice(0, 4), ...TEAM_CSV_HEADER, ...RESULTS_CSV_HEADER.slice(4)]
    : RESULTS_CSV_HEADER;
  const header = head.mode === "self-paced" ? [...withTeams, ...ASSIGNMENT_CSV_HEADER] : withTeams;
  return `\uFEFF${Papa.unparse([header], { newline: "\r\n" })}\r\n`;
}

/** The CSV rows of some players (one per player and question), each line ending in CRLF. */
export function resultsCsvRows(head: ResultsHead, players: readonly ResultsPlayer[]): string {
  const rows: (string | number)[][] = [];
  const teamByName = new Map((head.teams ?? []).map((t) => [t.name, t]));
  for (const p of players) {
    const team = p.team === undefined ? undefined : teamByName.get(p.team);
    const player = [
      p.rank,
      p.name,
      p.score,
      p.correctCount,
      ...(head.teams ? [p.team ?? "", team?.rank ?? "", team?.score ?? ""] : []),
    ];
    const progress = p.progress ? [p.progress.done, p.progress.finishedAt ?? ""] : [];
    if (p.answers.length === 0) rows.push([...player, "", "", "", "", "", "", "", ...progress]);
    for (const a of p.answers) {
      const q = head.questions[a.question] as ResultsQuestion;
      rows.push([
        ...player,
        a.question + 1,
        q.text,
        q.kind,
        a.answer ?? "",
        a.correct === null ? "n/a" : a.correct ? "yes" : "no",
        a.points,
        a.responseMs ?? "",
        ...progress,
      ]);
    }
  }
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows, { newline: "\r\n", escapeFormulae: FORMULA_START })}\r\n`;
}

/**
 * The results as an HTTP body, written as the players' JSON lines arrive (a page at a time from the game's object):
 * the JSON document `GameResults`, or the CSV. Neither side ever holds a big game's results whole.
 */
export function resultsBody(
  head: ResultsHead,
  players: ReadableStream<Uint8Array>,
  format: "json" | "csv",
): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  const decoder = new TextDecoder();
  let rest = "";
  let first = true;
  const emit = (lines: string[], controller: TransformStreamDefaultController<Uint8Array>) => {
    if (lines.length === 0) return;
    if (format === "csv") {
      const rows = resultsCsvRows(
        head,
        lines.map((l) => JSON.parse(l) as ResultsPlayer),
      );
      if (rows) controller.enqueue(utf8.encode(rows));
      return;
    }
    controller.enqueue(utf8.encode(`${first ? "" : ","}${lines.join(",")}`));
    first = false;
  };
  const start = format === "csv" ? resultsCsvHead(head) : `${JSON.stringify(head).slice(0, -1)},"players":[`;
  return players.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        controller.enqueue(utf8.encode(start));
      },
      transform(chunk, controller) {
        const text = rest + decoder.decode(chunk, { stream: true });
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        emit(
          lines.filter((l) => l !== ""),
          controller,
        );
      },
      flush(controller) {
        const last = rest + decoder.decode();
        emit(last ? [last] : [], controller);
        if (format === "json") controller.enqueue(utf8.encode("]}"));
      },
    }),
  );
}
