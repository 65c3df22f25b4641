/**
 * A team game over real WebSockets: players are spread over the teams as they join, the host moves one in the lobby
 * (bad moves refused with a clear error, nothing changed), the moved phone is told, team standings come in the host's
 * reveal and everyone's game over, each phone gets its team's place, the game survives its object being evicted, and
 * the results carry the teams. A game without teams keeps its messages free of every team field.
 */
import type { GameResults } from "@protocol/values";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { choiceQuestions } from "../unit/harness";
import { api, apiJson, calm, createGame, engineState, enter, evictAndCompare, joinGame } from "./client";

describe("a team game over WebSockets", () => {
  it("refuses a team count outside 2–8 when the game is created", async () => {
    for (const teams of [1, 9]) {
      const res = await apiJson<{ error: { code: string; fields?: string[] } }>("/api/games", {
        method: "POST",
        json: { teams },
      });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: "invalid_request", fields: ["teams"] });
    }
  });

  it("spreads, moves, scores and ranks teams, and exports them", async () => {
    const game = await createGame({ questions: choiceQuestions(2), revealSeconds: 0, questionSeconds: 60, teams: 2 });
    const joined = [];
    for (const name of ["Ada", "Bob", "Cy"]) joined.push(await joinGame(game.code, name));
    const [a, b, c] = joined as [(typeof joined)[0], (typeof joined)[0], (typeof joined)[0]];
    const host = await enter(game.code, game.hostToken);
    expect(host.welcome.game.teams).toBe(2);
    expect(host.welcome.game.lobby.teamSizes).toEqual([2, 1]);
    expect(host.welcome.game.lobby.players?.map((p) => [p.name, p.team])).toEqual([
      ["Ada", 0],
      ["Bob", 1],
      ["Cy", 0],
    ]);
    const ada = await enter(game.code, a.playerToken);
    const bob = await enter(game.code, b.playerToken);
    const cy = await enter(game.code, c.playerToken);
    expect(cy.welcome.you?.team).toEqual({ team: 0, rank: 1, score: 0 });

    // Bad moves: each refused with its own error, the game unchanged.
    const before = await engineState(game.code);
    host.socket.send({ type: "moveTeam", playerId: c.playerId, team: 2 });
    expect((await host.socket.next("error")).code).toBe("team_not_found");
    host.socket.send({ type: "moveTeam", playerId: "nobody", team: 1 });
    expect((await host.socket.next("error")).code).toBe("player_not_found");
    host.socket.send({ type: "moveTeam", playerId: c.playerId, team: 8 });
    expect((await host.socket.next("error")).code).toBe("invalid_message");
    cy.socket.send({ type: "moveTeam", playerId: c.playerId, team: 1 });
    expect((await cy.socket.next("error")).code).toBe("not_host");
    expect(await engineState(game.code)).toEqual(before);

    // Cy moves to team 1: the phone is told, the host's lobby shows it.
    host.socket.send({ type: "moveTeam", playerId: c.playerId, team: 1 });
    expect(await cy.socket.next("team")).toEqual({ type: "team", team: 1 });
    const lobby = await host.socket.next("lobby", 5000, (m) => m.teamSizes?.[1] === 2);
    expect(lobby.players?.find((p) => p.id === c.playerId)?.team).toBe(1);

    // The move survives the object being evicted.
    await calm(game.code, [host.socket, ada.socket, bob.socket, cy.socket]);
    await evictAndCompare(game.code);

    host.socket.send({ type: "start" });
    const q0 = await ada.socket.next("question");
    await Promise.all([bob.socket.next("question"), cy.socket.next("question")]);
    const right = q0.choices?.indexOf("right") as number;
    // Team 0 (Ada alone) all right; team 1 (Bob and Cy): one right, one wrong.
    ada.socket.send({ type: "answer", index: 0, choice: right });
    bob.socket.send({ type: "answer", index: 0, choice: right });
    cy.socket.send({ type: "answer", index: 0, choice: (right + 1) % 4 });
    const reveal = await host.socket.next("reveal");
    const adaReveal = await ada.socket.next("reveal");
    const cyReveal = await cy.socket.next("reveal");
    expect(reveal.teams?.map((t) => [t.team, t.rank, t.members])).toEqual([
      [0, 1, 1],
      [1, 2, 2],
    ]);
    // Each team's points are the mean of its members' (each player's own points are in their `you`).
    const [t0, t1] = reveal.teams ?? [];
    const bobReveal = await bob.socket.next("reveal");
    expect(t0?.points).toBe(adaReveal.you?.points);
    expect(t1?.points).toBe(Math.round(((bobReveal.you?.points ?? 0) + (cyReveal.you?.points ?? 0)) / 2));
    // Phones get their team's place, not the table.
    expect(adaReveal.teams).toBeUndefined();
    expect(cyReveal.you?.team).toEqual({ team: 1, rank: 2, score: t1?.score });
    expect(reveal.leaderboard?.find((e) => e.name === "Cy")?.team).toBe(1);

    // After the start, players stay in their teams.
    host.socket.send({ type: "moveTeam", playerId: c.playerId, team: 0 });
    expect((await host.socket.next("error")).code).toBe("wrong_phase");

    host.socket.send({ type: "next" });
    await ada.socket.next("question");
    host.socket.send({ type: "end" });
    const over = await host.socket.next("gameOver");
    const cyOver = await cy.socket.next("gameOver");
    expect(over.teams?.map((t) => t.team)).toEqual([0, 1]);
    // A phone gets its team's place, not the table (which a reconnect's snapshot carries, like the top 10).
    expect(cyOver.teams).toBeUndefined();
    expect(cyOver.you?.team).toMatchObject({ team: 1, rank: 2 });

    const auth = { headers: { Authorization: `Bearer ${game.hostToken}` } };
    const results = (await (await api(`/api/games/${game.code}/results`, auth)).json()) as GameResults;
    expect(results.teams).toEqual(over.teams);
    expect(results.players.map((p) => [p.name, p.team])).toEqual([
      ["Ada", "Orange Otters"],
      ["Bob", "Sky Swallows"],
      ["Cy", "Sky Swallows"],
    ]);
    const csv = await (await api(`/api/games/${game.code}/results?format=csv`, auth)).text();
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]?.slice(4, 7)).toEqual(["Team", "Team rank", "Team score"]);
    expect(rows.find((r) => r[1] === "Cy")?.slice(4, 6)).toEqual(["Sky Swallows", "2"]);
    for (const s of [host, ada, bob, cy]) s.socket.close();
  });

  it("keeps every team field out of a game without teams", async () => {
    const game = await createGame({ questions: choiceQuestions(1), revealSeconds: 0 });
    const a = await joinGame(game.code, "Solo");
    const host = await enter(game.code, game.hostToken);
    const solo = await enter(game.code, a.playerToken);
    host.socket.send({ type: "moveTeam", playerId: a.playerId, team: 0 });
    expect((await host.socket.next("error")).code).toBe("no_teams");
    host.socket.send({ type: "start" });
    const q = await solo.socket.next("question");
    solo.socket.send({ type: "answer", index: 0, choice: q.choices?.indexOf("right") as number });
    await solo.socket.next("reveal");
    host.socket.send({ type: "next" });
    await solo.socket.next("gameOver");
    await host.socket.next("gameOver");
    for (const frame of [...host.socket.raw, ...solo.socket.raw]) {
      if (!frame.includes('"type":"error"')) expect(frame).not.toMatch(/"teams?"|teamSizes/);
    }
    host.socket.close();
    solo.socket.close();
  });
});
