/**
 * 200 players answer the same question at once (each also sends a duplicate in the same burst): every answer is
 * counted exactly once, in the reveal, in each player's own result and in storage.
 */
import { describe, expect, it } from "vitest";
import { createGame, enter, rowCounts, tryJoin } from "./client";

const PLAYERS = 200;

describe("a crowd", () => {
  it("counts 200 simultaneous answers exactly once", async () => {
    const game = await createGame({
      questions: [{ kind: "choice", text: "Pick one", choices: ["right", "b", "c", "d"], correct: 0 }],
      questionSeconds: 60,
      revealSeconds: 0,
    });
    const joined = await Promise.all(
      Array.from({ length: PLAYERS }, async (_, i) => {
        const res = await tryJoin(game.code, { name: `Player ${i}` });
        expect(res.status).toBe(201);
        return res.body;
      }),
    );
    const host = await enter(game.code, game.hostToken);
    const players = await Promise.all(joined.map((p) => enter(game.code, p.playerToken)));
    await host.socket.next("lobby", 5000, (m) => m.connectedCount === PLAYERS);

    host.socket.send({ type: "start" });
    const questions = await Promise.all(players.map((p) => p.socket.next("question")));
    const choices = questions[0]?.choices ?? [];
    const right = choices.indexOf("right");

    // Everyone at once, each twice: player i picks choice i % 4.
    for (const [i, p] of players.entries()) {
      p.socket.send({ type: "answer", index: 0, choice: i % 4 });
      p.socket.send({ type: "answer", index: 0, choice: (i + 1) % 4 });
    }
    const reveals = await Promise.all(players.map((p) => p.socket.next("reveal", 15_000)));
    // A duplicate sent after the question closed is answered after the reveal: wait for every refusal.
    await Promise.all(players.map((p) => (p.socket.all("error").length > 0 ? null : p.socket.next("error"))));
    const reveal = reveals[0];
    if (!reveal) throw new Error("no reveal");

    expect(reveal.answered).toBe(PLAYERS);
    expect(reveal.counts).toEqual([50, 50, 50, 50]);
    expect(reveal.counts.reduce((a, b) => a + b, 0)).toBe(PLAYERS);
    expect(reveal.correctCount).toBe(50);
    expect(reveal.playerCount).toBe(PLAYERS);
    for (const [i, p] of players.entries()) {
      // One acknowledgement each; the duplicate was refused (already answered, or closed if it came last).
      expect(p.socket.all("answered").map((m) => m.choice)).toEqual([i % 4]);
      const errors = p.socket.all("error").map((m) => m.code);
      expect(errors).toHaveLength(1);
      expect(["already_answered", "question_closed"]).toContain(errors[0]);
      expect(reveals[i]?.you).toMatchObject({ answered: true, correct: i % 4 === right });
    }
    expect(reveals.filter((r) => r.you?.correct).length).toBe(50);
    expect(await rowCounts(game.code)).toEqual({ players: PLAYERS, answers: PLAYERS });
    // The host heard about progress in a few coalesced updates, not one per answer.
    expect(host.socket.all("progress").length).toBeLessThan(20);
  });
});
