/**
 * A game of slider and order questions over real WebSockets: the scale and the shuffled items go out without the
 * answer, answers of the wrong shape are refused without changing anything, each kind is scored and revealed by its
 * rule, a reconnecting phone gets its answer back, the results export writes both kinds as text, and the choice
 * question beside them keeps exactly the message shapes a client that knows nothing of the new kinds expects.
 */
import type { QuizQuestion } from "@protocol/schemas";
import type { GameResults } from "@protocol/values";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { api, createGame, enter, joinGame } from "./client";

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "Which planet is red?", choices: ["Venus", "Mars", "Jupiter"], correct: 1 },
  {
    kind: "slider",
    text: "How fast does sound travel through air at 20 °C?",
    min: 0,
    max: 1000,
    step: 1,
    correct: 343,
    tolerance: 10,
    unit: "m/s",
  },
  { kind: "order", text: "Order from the Sun, nearest first.", items: ["Mercury", "Venus", "Earth", "Mars"] },
];

/** The fields of a `question` and a `reveal` for a choice question before slider and order existed. */
const QUESTION_KEYS = [
  "choices",
  "deadline",
  "double",
  "durationMs",
  "index",
  "kind",
  "serverTime",
  "startedAt",
  "type",
];
const REVEAL_KEYS = [
  "answered",
  "correct",
  "correctCount",
  "counts",
  "index",
  "isLast",
  "kind",
  "nextAt",
  "playerCount",
  "serverTime",
  "total",
  "type",
  "you",
];

describe("a game of slider and order questions over WebSockets", () => {
  it("plays, scores and reveals both kinds, and leaves the other kinds' messages as they were", async () => {
    const game = await createGame({ questions: QUESTIONS, revealSeconds: 0, questionSeconds: 60 });
    const [a, b] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
    const host = await enter(game.code, game.hostToken);
    const ada = await enter(game.code, a.playerToken);
    let bob = await enter(game.code, b.playerToken);
    host.socket.send({ type: "start" });

    // 1. A choice question: the same fields as ever, nothing of the new kinds.
    const q0 = await ada.socket.next("question");
    await bob.socket.next("question");
    expect(
      Object.keys(q0)
        .filter((k) => k !== "text" && k !== "total")
        .sort(),
    ).toEqual(QUESTION_KEYS);
    const mars = q0.choices?.indexOf("Mars") as number;
    ada.socket.send({ type: "answer", index: 0, choice: mars });
    bob.socket.send({ type: "answer", index: 0, choice: mars });
    const r0 = await ada.socket.next("reveal");
    expect(Object.keys(r0).sort()).toEqual(REVEAL_KEYS);
    expect(r0.correct).toEqual({ choices: [mars] });
    host.socket.send({ type: "next" });

    // 2. The slider: the scale, never the right value.
    const q1 = await ada.socket.next("question");
    await bob.socket.next("question");
    expect(q1).toMatchObject({ index: 1, kind: "slider", slider: { min: 0, max: 1000, step: 1, unit: "m/s" } });
    expect(q1).not.toHaveProperty("choices");
    // The right value (343) must not travel: looked for as a value, not as digits of serverTime or deadline.
    expect(ada.socket.raw.at(-1)).not.toMatch(/[:[,]343(?:[,\]}.])|tolerance|correct/);
    // Bob's first tries do not fit the scale: refused, and he may still answer.
    // (A number beyond ±1,000,000,000 or a list of numbers beyond 5 is no answer to anything: invalid_message.)
    for (const [choice, code] of [
      [1001, "invalid_answer"],
      [342.5, "invalid_answer"],
      [[3], "invalid_answer"],
      ["343", "invalid_answer"],
      [[343], "invalid_message"],
      [2_000_000_000, "invalid_message"],
    ] as const) {
      bob.socket.send({ type: "answer", index: 1, choice });
      expect((await bob.socket.next("error")).code, JSON.stringify(choice)).toBe(code);
    }
    // Bob reloads before answering: the welcome has the scale, and no answer yet.
    bob.socket.close();
    bob = await enter(game.code, b.playerToken);
    expect(bob.welcome.game.question).toMatchObject({ kind: "slider", slider: { min: 0, max: 1000, step: 1 } });
    expect(bob.welcome.you?.answer).toBeNull();
    ada.socket.send({ type: "answer", index: 1, choice: 343 });
    expect(await ada.socket.next("answered")).toMatchObject({ index: 1, choice: 343 });
    // 300 m/s is 43 off: 33 beyond the tolerance, a third of the way to nothing (100 m/s, a tenth of the range).
    bob.socket.send({ type: "answer", index: 1, choice: 300 });
    await bob.socket.next("answered");
    const r1a = await ada.socket.next("reveal");
    const r1b = await bob.socket.next("reveal");
    expect(r1a).toMatchObject({ kind: "slider", correct: { choices: [], value: 343, tolerance: 10 }, counts: [] });
    expect(r1a.correctCount).toBe(1);
    expect(r1a.histogram).toMatchObject({ min: 0, binWidth: 50, median: 300 });
    expect(r1a.histogram?.counts[6]).toBe(2);
    expect(r1a.histogram?.counts.reduce((n, c) => n + c, 0)).toBe(2);
    expect(r1a.you).toMatchObject({ answered: true, correct: true, streak: 2 });
    expect(r1b.you).toMatchObject({ answered: true, correct: false, streak: 0 });
    const full = r1a.you?.points ?? 0;
    expect(r1b.you?.points).toBeGreaterThan(0);
    expect(r1b.you?.points).toBeLessThan(0.7 * full);
    // The reveal stays small: a slider's distribution is 20 counts whatever the number of players.
    expect(bob.socket.raw.at(-1)?.length).toBeLessThan(700);
    const reloaded = await enter(game.code, b.playerToken);
    expect(reloaded.welcome.you).toMatchObject({ answer: 300, result: { correct: false } });
    expect(reloaded.welcome.game.reveal?.histogram?.median).toBe(300);
    reloaded.socket.close();
    host.socket.send({ type: "next" });

    // 3. The order: items shuffled (never in the right order); only the exact order scores.
    const q2 = await ada.socket.next("question");
    await bob.socket.next("question");
    expect(q2).toMatchObject({ index: 2, kind: "order" });
    const shown = q2.choices ?? [];
    expect([...shown].sort()).toEqual(["Earth", "Mars", "Mercury", "Venus"]);
    expect(shown).not.toEqual(["Mercury", "Venus", "Earth", "Mars"]);
    const right = ["Mercury", "Venus", "Earth", "Mars"].map((p) => shown.indexOf(p));
    const swapped = [right[1], right[0], right[2], right[3]] as number[];
    bob.socket.send({ type: "answer", index: 2, choice: right.slice(0, 3) });
    await bob.socket.nextError("invalid_answer");
    ada.socket.send({ type: "answer", index: 2, choice: right });
    bob.socket.send({ type: "answer", index: 2, choice: swapped });
    const r2a = await ada.socket.next("reveal");
    const r2b = await bob.socket.next("reveal");
    expect(r2a).toMatchObject({ kind: "order", correct: { choices: right }, correctCount: 1, isLast: true });
    // Earth and Mars are in place for both, Mercury and Venus for Ada only.
    expect(right.map((i) => r2a.counts[i])).toEqual([1, 1, 2, 2]);
    expect(r2a.you).toMatchObject({ correct: true, streak: 3 });
    expect(r2b.you).toMatchObject({ correct: false, points: 0, streak: 0 });
    host.socket.send({ type: "next" });
    await ada.socket.next("gameOver");

    // The results: the slider's number with its unit, the order as the player's sequence.
    const json = (await (
      await api(`/api/games/${game.code}/results`, { headers: { Authorization: `Bearer ${game.hostToken}` } })
    ).json()) as GameResults;
    expect(json.questions[1]).toMatchObject({ kind: "slider", correct: ["343 m/s (± 10)"], correctCount: 1 });
    expect(json.questions[1]).not.toHaveProperty("choices");
    expect(json.questions[2]).toMatchObject({ kind: "order", correct: ["Mercury", "Venus", "Earth", "Mars"] });
    const bobRow = json.players.find((p) => p.name === "Bob");
    expect(bobRow?.answers[1]).toMatchObject({ answer: "300 m/s", correct: false, points: r1b.you?.points });
    expect(bobRow?.answers[2]).toMatchObject({ answer: "Venus → Mercury → Earth → Mars", correct: false, points: 0 });
    const csv = await (
      await api(`/api/games/${game.code}/results?format=csv`, {
        headers: { Authorization: `Bearer ${game.hostToken}` },
      })
    ).text();
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, "")).data;
    expect(rows).toContainEqual([
      "1",
      "Ada",
      String(json.players[0]?.score),
      "3",
      "2",
      QUESTIONS[1]?.text,
      "slider",
      "343 m/s",
      "yes",
      String(full),
      expect.any(String),
    ]);
    expect(rows.find((r) => r[1] === "Ada" && r[4] === "3")?.[7]).toBe("Mercury → Venus → Earth → Mars");
    for (const s of [host.socket, ada.socket, bob.socket]) s.close();
  });
});
