import { CreateGameBody } from "@protocol/schemas";
import { type ServerMessageOf, TEAMS } from "@protocol/values";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { restore } from "../../worker/game/restore";
import { buildResults, resultsCsv } from "../../worker/game/results";
import { snapshot, youState } from "../../worker/game/views";
import { choiceQuestions, durable, Sim, sent } from "./harness";

/** A team game of `teams` teams, revealing by hand; every answer 1 s after its question opens. */
function teamGame(teams = 2, questions = 3) {
  return new Sim({ questions: choiceQuestions(questions), settings: { revealSeconds: 0, teams } });
}

/** The messages of one type among some effects, typed. */
const messages = <T extends "reveal" | "gameOver" | "team">(effects: Parameters<typeof sent>[0], type: T) =>
  sent(effects, type) as ServerMessageOf<T>[];

const move = (sim: Sim, playerId: string, team: number) =>
  sim.apply({ type: "command", command: "moveTeam", playerId, team });

/**
 * Everyone in `right` answers correctly after 1 s, everyone in `wrong` wrongly; then the question closes (by itself
 * once everyone connected answered). Returns every effect, the reveal's among them.
 */
function play(sim: Sim, right: string[], wrong: string[] = []) {
  sim.advance(1000);
  const effects = [
    ...right.flatMap((id) => sim.give(id, sim.correct())),
    ...wrong.flatMap((id) => sim.give(id, sim.wrong())),
  ];
  if (sim.state.clock.phase === "question") effects.push(...sim.ok({ type: "command", command: "next" }));
  return effects;
}

describe("team mode", () => {
  it("is asked for with teams 2–8 in POST /api/games, and refused outside that range", () => {
    expect(CreateGameBody.safeParse({ teams: 4 }).success).toBe(true);
    expect(CreateGameBody.safeParse({}).data?.teams).toBeUndefined();
    for (const teams of [0, 1, 9, 2.5, "3"]) {
      const parsed = CreateGameBody.safeParse({ teams });
      expect(parsed.success, String(teams)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(["teams"]);
    }
  });

  it("spreads joining players over the teams, late joiners into the smallest team", () => {
    const sim = teamGame(3);
    const ids = Array.from({ length: 7 }, (_, i) => sim.player(`P${i}`));
    expect(ids.map((id) => sim.state.players.get(id)?.team)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    // A kick leaves team 1 short: the next to join fills it.
    sim.cmd("kick", ids[1]);
    expect(sim.player("Late")).toBeDefined();
    expect(sim.state.players.get("p8")?.team).toBe(1);
    // A game without teams gives nobody a team, and its messages carry no team fields.
    const plain = new Sim();
    const solo = plain.player("Solo");
    expect(plain.state.players.get(solo)?.team).toBeNull();
    expect(JSON.stringify(snapshot(plain.state, "host"))).not.toMatch(/team/i);
  });

  it("lets the host move a player in the lobby, with a clear error for each bad move", () => {
    const sim = teamGame(2);
    const ada = sim.player("Ada");
    const bob = sim.player("Bob");
    const effects = move(sim, bob, 0);
    expect(effects.ok).toBe(true);
    expect(sim.state.players.get(bob)?.team).toBe(0);
    // The moved player is told; the host's lobby shows the new sizes.
    expect(messages(effects.ok ? effects.effects : [], "team")).toEqual([{ type: "team", team: 0 }]);
    expect(snapshot(sim.state, "host").lobby.teamSizes).toEqual([2, 0]);
    expect(youState(sim.state, bob)?.team).toEqual({ team: 0, rank: 1, score: 0 });

    const refused = (outcome: ReturnType<typeof move>) => (outcome.ok ? "ok" : outcome.error.code);
    expect(refused(move(sim, ada, 2))).toBe("team_not_found");
    expect(refused(move(sim, "nobody", 1))).toBe("player_not_found");
    expect(refused(move(new Sim(), ada, 0))).toBe("no_teams");
    sim.cmd("start");
    const late = move(sim, ada, 1);
    expect(refused(late)).toBe("wrong_phase");
    expect(late.ok ? "" : late.error.message).toMatch(/lobby/);
    expect(sim.state.players.get(ada)?.team).toBe(0);
  });

  it("scores a team by the mean of its members' points, so size does not decide", () => {
    const sim = teamGame(2);
    // Team 0: Ada alone; team 1: Bob, Cy and Dee.
    const [ada, bob, cy, dee] = ["Ada", "Bob", "Cy", "Dee"].map((n) => sim.player(n)) as [
      string,
      string,
      string,
      string,
    ];
    move(sim, cy, 1);
    sim.cmd("start");
    const effects = play(sim, [ada, bob, cy], [dee]);
    const points = sim.state.players.get(ada)?.lastResult?.points as number;
    expect(points).toBeGreaterThan(0);
    const [hostReveal] = messages(effects, "reveal");
    expect(hostReveal?.teams).toEqual([
      { team: 0, name: TEAMS[0]?.name, score: points, rank: 1, previousRank: null, streak: 1, points, members: 1 },
      {
        team: 1,
        name: TEAMS[1]?.name,
        score: Math.round((2 * points) / 3),
        rank: 2,
        previousRank: null,
        // Two of three got it: at least half, so the team's streak runs.
        streak: 1,
        points: Math.round((2 * points) / 3),
        members: 3,
      },
    ]);
    // The host's reveal carries the teams; the players' carries each one's own team and its place instead.
    const forPlayers = effects.find((e) => e.type === "sendEach" && e.to === "players");
    expect(forPlayers?.type === "sendEach" && "teams" in forPlayers.message).toBe(false);
    if (forPlayers?.type !== "sendEach") throw new Error("no reveal for players");
    expect(forPlayers.you(dee)).toMatchObject({ correct: false, team: { team: 1, rank: 2 } });
    // The leaderboard's entries say each player's team.
    expect(sim.state.leaderboard.find((e) => e.playerId === cy)?.team).toBe(1);
  });

  it("breaks a team's streak when fewer than half of its members are right", () => {
    const sim = teamGame(2);
    const [ada, bob, cy, dee] = ["Ada", "Bob", "Cy", "Dee"].map((n) => sim.player(n)) as [
      string,
      string,
      string,
      string,
    ];
    sim.cmd("start");
    play(sim, [ada, cy, bob, dee]);
    sim.ok({ type: "command", command: "next" });
    play(sim, [ada, bob], [cy, dee]);
    // Team 0 is Ada and Cy (one of two right: half); team 1 is Bob and Dee (one of two right).
    expect(sim.state.teams?.map((t) => t.streak)).toEqual([2, 2]);
    sim.ok({ type: "command", command: "next" });
    play(sim, [bob], [ada, cy, dee]);
    expect(sim.state.teams?.map((t) => t.streak)).toEqual([0, 3]);
  });

  it("takes a kicked player out of the team average from the question of the kick on", () => {
    const sim = teamGame(2);
    const [ada, bob, cy] = ["Ada", "Bob", "Cy"].map((n) => sim.player(n)) as [string, string, string];
    // Team 0: Ada and Cy; team 1: Bob.
    sim.cmd("start");
    play(sim, [ada, bob], [cy]);
    const first = sim.state.players.get(ada)?.lastResult?.points as number;
    expect(sim.state.teams?.[0]?.score).toBe(Math.round(first / 2));
    sim.ok({ type: "command", command: "next" });
    // Cy is removed during question 2, before answering: team 0's average is Ada's alone from here on.
    sim.cmd("kick", cy);
    const effects = play(sim, [ada, bob]);
    const second = sim.state.players.get(ada)?.lastResult?.points as number;
    expect(sim.state.teams?.[0]?.score).toBe(Math.round(first / 2) + second);
    expect(messages(effects, "reveal")[0]?.teams?.find((t) => t.team === 0)?.members).toBe(1);
  });

  it("carries the team standings in the host's game over, and each player's team place in theirs", () => {
    const sim = teamGame(3, 1);
    const [ada, bob, cy] = ["Ada", "Bob", "Cy"].map((n) => sim.player(n)) as [string, string, string];
    sim.cmd("start");
    play(sim, [bob], [ada, cy]);
    const effects = sim.ok({ type: "command", command: "next" });
    const [over] = messages(effects, "gameOver");
    expect(over?.teams?.map((t) => [t.name, t.rank])).toEqual([
      [TEAMS[1]?.name, 1],
      [TEAMS[0]?.name, 2],
      [TEAMS[2]?.name, 2],
    ]);
    // Phones get their team's place in `you`, not the table.
    const each = effects.find((e) => e.type === "sendEach" && e.to === "players");
    if (each?.type !== "sendEach") throw new Error("no game over for players");
    expect("teams" in each.message).toBe(false);
    expect(each.you(cy)).toMatchObject({ team: { team: 2, rank: 2, score: 0 } });
  });

  it("is rebuilt from storage exactly, team moves included", () => {
    const sim = teamGame(2);
    const [ada, bob, cy] = ["Ada", "Bob", "Cy"].map((n) => sim.player(n)) as [string, string, string];
    move(sim, cy, 1);
    sim.cmd("start");
    play(sim, [ada, cy], [bob]);
    const again = restore(sim.store.stored());
    for (const id of [ada, bob, cy]) again.connections.set(id, 1);
    expect(durable(again)).toEqual(durable(sim.state));
    expect(snapshot(again, "host")).toEqual(snapshot(sim.state, "host"));
    expect(snapshot(again, "host").teams).toBe(2);
  });

  it("puts each player's team and the team standings in the results, JSON and CSV", () => {
    const sim = teamGame(2, 1);
    const [ada, bob] = ["Ada", "Bob"].map((n) => sim.player(n)) as [string, string];
    sim.cmd("start");
    play(sim, [bob], [ada]);
    sim.ok({ type: "command", command: "next" });
    const results = buildResults(sim.state, sim.store.answerRows(), sim.now);
    expect(results.teams?.map((t) => [t.name, t.rank, t.members])).toEqual([
      [TEAMS[1]?.name, 1, 1],
      [TEAMS[0]?.name, 2, 1],
    ]);
    expect(results.players.map((p) => [p.name, p.team])).toEqual([
      ["Bob", TEAMS[1]?.name],
      ["Ada", TEAMS[0]?.name],
    ]);
    const rows = Papa.parse<string[]>(resultsCsv(results).slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]?.slice(0, 7)).toEqual([
      "Rank",
      "Player",
      "Score",
      "Correct answers",
      "Team",
      "Team rank",
      "Team score",
    ]);
    expect(rows[1]?.slice(0, 7)).toEqual([
      "1",
      "Bob",
      String(results.players[0]?.score),
      "1",
      TEAMS[1]?.name,
      "1",
      String(results.teams?.[0]?.score),
    ]);
    // A game without teams keeps its columns.
    const plain = new Sim({ questions: choiceQuestions(1) });
    plain.player("Solo");
    const plainRows = Papa.parse<string[]>(resultsCsv(buildResults(plain.state, [], plain.now)).slice(1)).data;
    expect(plainRows[0]).not.toContain("Team");
  });
});
