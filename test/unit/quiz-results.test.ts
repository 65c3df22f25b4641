import type { QuizQuestion } from "@protocol/schemas";
import type { GameResults, ResultsPlayer } from "@protocol/values";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildResults, RESULTS_CSV_HEADER, resultsCsv } from "../../worker/game/results";
import { Sim } from "./harness";

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Red planet?", choices: ["Venus", "Mars", "Jupiter"], correct: 1 },
  { kind: "truefalse", text: "Water is wet?", correct: true },
  { kind: "multi", text: "Primes?", choices: ["2", "4", "5"], correct: [0, 2], double: true },
  { kind: "type", text: "Abbey Road band?", accepted: ["The Beatles"] },
  { kind: "poll", text: "Tea or coffee?", choices: ["Tea", "Coffee"] },
];

/**
 * A game with three players through all five kinds, the last (a poll) still open; every answer comes 1 s after its
 * question opens.
 */
function playedGame() {
  const sim = new Sim({ questions: QUESTIONS, settings: { revealSeconds: 0 }, title: "Mixed" });
  const ada = sim.player('Ada "the Count", Lovelace');
  const bob = sim.player("=HYPERLINK(1)");
  const cy = sim.player("Cy");
  sim.ok({ type: "command", command: "start" });
  const label = (index: number, text: string) => sim.state.questions[index]?.choices.indexOf(text) as number;
  const play = (answers: [string, Parameters<Sim["give"]>[1]][], close = true) => {
    sim.advance(1000);
    for (const [id, choice] of answers) sim.give(id, choice);
    if (close && sim.state.clock.phase === "question") sim.ok({ type: "command", command: "next" });
  };
  play([
    [ada, label(0, "Mars")],
    [bob, label(0, "Venus")],
  ]);
  sim.ok({ type: "command", command: "next" });
  play([
    [ada, 0],
    [bob, 0],
  ]);
  sim.ok({ type: "command", command: "next" });
  play([
    [ada, [label(2, "5"), label(2, "2")]],
    [bob, [label(2, "2")]],
    [cy, [label(2, "2"), label(2, "4"), label(2, "5")]],
  ]);
  sim.ok({ type: "command", command: "next" });
  play([
    [ada, "  the   BEATLES "],
    [bob, "Beatles, the"],
    [cy, "Rolling Stones"],
  ]);
  sim.ok({ type: "command", command: "next" });
  // Bob does not answer the poll, so it stays open.
  play(
    [
      [ada, label(4, "Tea")],
      [cy, label(4, "Coffee")],
    ],
    false,
  );
  return { sim, ada, bob, cy };
}

describe("results", () => {
  it("ranks every player and gives each answer as text with correctness, points and response time", () => {
    const { sim, ada, bob, cy } = playedGame();
    sim.ok({ type: "command", command: "next" });
    sim.ok({ type: "command", command: "next" });
    expect(sim.state.clock.phase).toBe("finished");
    const results = buildResults(sim.state, sim.store.answerRows(), sim.now);

    expect(results).toMatchObject({ code: "123456", title: "Mixed", phase: "finished", questionCount: 5 });
    expect(results.questionsPlayed).toBe(5);
    expect(results.generatedAt).toBe(new Date(sim.now).toISOString());
    expect(results.questions.map((q) => [q.kind, q.correct, q.answered, q.correctCount])).toEqual([
      ["choice", ["Mars"], 2, 1],
      ["truefalse", ["True"], 2, 2],
      ["multi", expect.arrayContaining(["2", "5"]), 3, 1],
      ["type", ["The Beatles"], 3, 1],
      ["poll", [], 2, 0],
    ]);

    const [first, second, third] = results.players;
    expect([first?.playerId, second?.playerId, third?.playerId]).toEqual([ada, bob, cy]);
    expect(results.players.map((p) => [p.rank, p.score, p.correctCount])).toEqual(
      [ada, bob, cy].map((id) => {
        const p = sim.state.players.get(id);
        return [p?.rank, p?.score, expect.any(Number)];
      }),
    );
    expect(results.players.map((p) => p.correctCount)).toEqual([4, 1, 0]);
    // Points per answer add up to the score the game kept.
    for (const p of results.players) expect(p.answers.reduce((sum, a) => sum + a.points, 0)).toBe(p.score);

    // A set of choices is listed in the order the game showed them.
    const shown = sim.state.questions[2]?.choices.join("; ");
    const primes = sim.state.questions[2]?.choices.filter((c) => c !== "4").join("; ");
    expect(first?.answers.map((a) => [a.answer, a.correct, a.responseMs])).toEqual([
      ["Mars", true, 1000],
      ["True", true, 1000],
      [primes, true, 1000],
      ["the   BEATLES", true, 1000],
      ["Tea", null, 1000],
    ]);
    expect(third?.answers.map((a) => [a.answered, a.answer, a.correct, a.points, a.responseMs])).toEqual([
      [false, null, false, 0, null],
      [false, null, false, 0, null],
      [true, shown, false, 0, 1000],
      [true, "Rolling Stones", false, 0, 1000],
      [true, "Coffee", null, 0, 1000],
    ]);
    expect(second?.answers[3]).toMatchObject({ answer: "Beatles, the", correct: false, points: 0 });
  });

  it("mid-game covers the closed questions only and leaves kicked players out", () => {
    const { sim, cy } = playedGame();
    // The poll (question 5) was answered by two of three players and is still open.
    expect(sim.state.clock).toMatchObject({ phase: "question", index: 4 });
    sim.ok({ type: "command", command: "kick", playerId: cy });
    expect(sim.state.clock.phase).toBe("question");
    const results = buildResults(sim.state, sim.store.answerRows(), sim.now);
    expect(results.phase).toBe("question");
    expect(results.questionsPlayed).toBe(4);
    expect(results.questions).toHaveLength(4);
    expect(results.players.map((p) => p.name)).toEqual(['Ada "the Count", Lovelace', "=HYPERLINK(1)"]);
    expect(results.players.every((p) => p.answers.length === 4)).toBe(true);
  });

  it("lists the players of a game that has not started, with no answers", () => {
    const sim = new Sim({ questions: QUESTIONS });
    sim.player("Zoe");
    sim.player("Abe");
    const results = buildResults(sim.state, [], sim.now);
    expect(results.questionsPlayed).toBe(0);
    expect(results.players.map((p) => [p.rank, p.name, p.score, p.answers])).toEqual([
      [1, "Zoe", 0, []],
      [1, "Abe", 0, []],
    ]);
    const rows = Papa.parse<string[]>(resultsCsv(results).slice(1), { skipEmptyLines: true }).data;
    expect(rows.slice(1)).toEqual([
      ["1", "Zoe", "0", "0", "", "", "", "", "", "", ""],
      ["1", "Abe", "0", "0", "", "", "", "", "", "", ""],
    ]);
  });
});

describe("results CSV", () => {
  it("has a UTF-8 byte-order mark, a header, and one properly quoted row per player and question", () => {
    const { sim } = playedGame();
    sim.ok({ type: "command", command: "next" });
    sim.ok({ type: "command", command: "next" });
    const results = buildResults(sim.state, sim.store.answerRows(), sim.now);
    const text = resultsCsv(results);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(RESULTS_CSV_HEADER);
    expect(rows).toHaveLength(3 * 5);
    const ada = results.players[0];
    expect(rows[0]).toEqual([
      "1",
      'Ada "the Count", Lovelace',
      String(ada?.score),
      "4",
      "1",
      "Red planet?",
      "choice",
      "Mars",
      "yes",
      String(ada?.answers[0]?.points),
      "1000",
    ]);
    expect(rows[4]?.slice(6, 9)).toEqual(["poll", "Tea", "n/a"]);
    expect(rows[8]?.slice(7)).toEqual(["Beatles, the", "no", "0", "1000"]);
    expect(rows[10]?.slice(7)).toEqual(["", "no", "0", ""]);
  });

  it("defuses cells that a spreadsheet would run as formulas", () => {
    const { sim } = playedGame();
    const rows = Papa.parse<string[]>(
      resultsCsv(buildResults(sim.state, sim.store.answerRows(), sim.now)).slice(1),
    ).data;
    expect(rows.some((r) => r[1] === "'=HYPERLINK(1)")).toBe(true);
    expect(rows.some((r) => r[1] === "=HYPERLINK(1)")).toBe(false);
  });

  it("defuses every formula-leading cell, line breaks, leading spaces and quotes included (OWASP)", () => {
    // Players control their names and typed answers; each of these must reach the spreadsheet as text.
    const dangerous = [
      "=1+2\n-3",
      '=HYPERLINK("http://e/",\n"x")',
      "+1\r\n+2",
      "-2+3\n",
      "@SUM(A1)\nx",
      "\t=1+2",
      "\r=1+2",
      " =1+2",
      '"=1+2',
      "'=1+2",
      "  @x",
      "\uFF1D1+2",
    ];
    const results: GameResults = {
      code: "123456",
      phase: "finished",
      generatedAt: new Date(0).toISOString(),
      questionCount: 1,
      questionsPlayed: 1,
      questions: [
        {
          index: 0,
          kind: "type",
          text: "=cmd|' /C calc'!A0",
          correct: ["x"],
          double: false,
          answered: 1,
          correctCount: 0,
        },
      ],
      players: dangerous.map((text, i) => ({
        rank: i + 1,
        playerId: `p${i}`,
        name: text,
        score: 0,
        correctCount: 0,
        answers: [{ question: 0, answered: true, answer: text, correct: false, points: 0, responseMs: 1000 }],
      })),
    };
    const parsed = Papa.parse<string[]>(resultsCsv(results).slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data.slice(1);
    expect(rows.map((r) => r[1])).toEqual(dangerous.map((text) => `'${text}`));
    expect(rows.map((r) => r[7])).toEqual(dangerous.map((text) => `'${text}`));
    expect(rows.every((r) => r[5] === "'=cmd|' /C calc'!A0")).toBe(true);
    // Harmless text is left as it is.
    const plain = { ...results, players: [{ ...(results.players[0] as ResultsPlayer), name: "Ada = 1" }] };
    expect(Papa.parse<string[]>(resultsCsv(plain).slice(1)).data[1]?.[1]).toBe("Ada = 1");
  });
});
