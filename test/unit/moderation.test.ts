/**
 * Moderation in the rules: hiding a name or a typed answer from the big screen (players get a placeholder or
 * nothing, the host's seats the truth marked hidden, the results the truth), and a kick that bans the seat's device.
 */
import type { QuizQuestion } from "@protocol/schemas";
import { HIDDEN_NAME, type ServerMessageOf } from "@protocol/values";
import { describe, expect, it } from "vitest";
import type { Effect } from "../../worker/game/engine";
import { restore } from "../../worker/game/restore";
import { buildResults } from "../../worker/game/results";
import { snapshot } from "../../worker/game/views";
import { choiceQuestions, durable, Sim, sent, structural, T0 } from "./harness";

const DEVICE = "device-0123456789abcdef";
const OTHER_DEVICE = "device-fedcba9876543210";

function refused(sim: Sim, run: () => ReturnType<Sim["apply"]>, code: string) {
  const before = structural(sim.state);
  const rows = JSON.stringify(sim.store.stored());
  const outcome = run();
  expect(outcome.ok ? "accepted" : outcome.error.code).toBe(code);
  expect(structural(sim.state)).toEqual(before);
  expect(JSON.stringify(sim.store.stored())).toBe(rows);
}

function moderationIn(effects: readonly Effect[]) {
  const found = effects.find((e) => e.type === "send" && e.message.type === "moderation");
  if (found?.type !== "send") throw new Error("no moderation message");
  expect(found.to).toBe("host");
  return found.message as ServerMessageOf<"moderation">;
}

function rebuilt(sim: Sim) {
  const again = restore(sim.store.stored());
  for (const [id, n] of sim.state.connections) again.connections.set(id, n);
  return again;
}

describe("hiding a name", () => {
  it("takes it off players' screens, keeps it for the host's seats marked hidden, and survives a rebuild", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [ada, rude] = [sim.player("Ada"), sim.player("Rude Name")];
    const hidden = sim.ok({ type: "command", command: "hideName", playerId: rude });
    expect(moderationIn(hidden)).toEqual({ type: "moderation", hiddenPlayers: [rude], hiddenAnswers: [] });
    expect(hidden).toContainEqual({ type: "saveHiddenName", playerId: rude, hidden: true });
    expect(hidden).toContainEqual({ type: "viewChanged", view: "lobby" });

    expect(snapshot(sim.state, "player").lobby.recent).toEqual(["Ada"]);
    const forHost = snapshot(sim.state, "host");
    expect(forHost.lobby.players?.map((p) => p.name)).toEqual(["Ada", "Rude Name"]);
    expect(forHost.moderation).toEqual({ hiddenPlayers: [rude], hiddenAnswers: [] });
    expect(snapshot(sim.state, "player").moderation).toBeUndefined();
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));

    // Standings reach players with the placeholder; the host's seats and the results keep the name.
    sim.ok({ type: "command", command: "start" });
    sim.give(rude, sim.correct());
    sim.give(ada, sim.wrong());
    expect(snapshot(sim.state, "player").leaderboard.map((e) => e.name)).toEqual([HIDDEN_NAME, "Ada"]);
    expect(snapshot(sim.state, "player").reveal?.leaderboard?.map((e) => e.name)).toEqual([HIDDEN_NAME, "Ada"]);
    expect(snapshot(sim.state, "host").leaderboard.map((e) => e.name)).toEqual(["Rude Name", "Ada"]);
    const ended = sim.ok({ type: "command", command: "next" });
    const overs = ended.flatMap((e) => (e.type === "sendEach" && e.message.type === "gameOver" ? [e] : []));
    expect(overs.map((e) => e.to)).toEqual(["host", "players"]);
    const [toHost, toPlayers] = overs.map((e) => e.message as ServerMessageOf<"gameOver">);
    expect(toHost?.podium.map((e) => e.name)).toEqual(["Rude Name"]);
    expect(toPlayers?.podium.map((e) => e.name)).toEqual([HIDDEN_NAME]);
    expect(toPlayers?.leaderboard.map((e) => e.name)).toEqual([HIDDEN_NAME, "Ada"]);
    expect(snapshot(sim.state, "player").gameOver?.podium.map((e) => e.name)).toEqual([HIDDEN_NAME]);
    expect(buildResults(sim.state, sim.store.answerRows(), T0).players.map((p) => p.name)).toEqual([
      "Rude Name",
      "Ada",
    ]);

    // Shown again after the end, for everyone.
    moderationIn(sim.ok({ type: "command", command: "unhideName", playerId: rude }));
    expect(snapshot(sim.state, "player").gameOver?.podium.map((e) => e.name)).toEqual(["Rude Name"]);
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));
  });

  it("lists hidden names in one order, whatever order they were hidden in, so a rebuild shows the host the same", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [first, second] = [sim.player("Ada"), sim.player("Bob")];
    sim.ok({ type: "command", command: "hideName", playerId: second });
    const both = moderationIn(sim.ok({ type: "command", command: "hideName", playerId: first }));
    expect(both.hiddenPlayers).toEqual([first, second].sort());
    expect(snapshot(rebuilt(sim), "host").moderation).toEqual(snapshot(sim.state, "host").moderation);
  });

  it("sends one game-over message to everyone when no hidden name stands in it", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    sim.player("Ada");
    sim.ok({ type: "command", command: "start" });
    const overs = sim
      .ok({ type: "command", command: "end" })
      .flatMap((e) => (e.type === "sendEach" && e.message.type === "gameOver" ? [e.to] : []));
    expect(overs).toEqual(["all"]);
  });

  it("refuses an unknown or removed player and changes nothing; hiding twice is harmless", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [ada, bob] = [sim.player("Ada"), sim.player("Bob")];
    sim.ok({ type: "command", command: "kick", playerId: bob });
    refused(sim, () => sim.cmd("hideName", "nobody"), "player_not_found");
    refused(sim, () => sim.cmd("hideName", bob), "player_not_found");
    refused(sim, () => sim.cmd("hideName"), "player_not_found");
    sim.ok({ type: "command", command: "hideName", playerId: ada });
    const again = sim.ok({ type: "command", command: "hideName", playerId: ada });
    expect(again.filter((e) => e.type === "saveHiddenName")).toEqual([]);
    expect(moderationIn(again).hiddenPlayers).toEqual([ada]);
  });
});

describe("a hidden player who is removed", () => {
  it("leaves the hidden list, and the host's seats are told", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const [ada, bob] = [sim.player("Ada"), sim.player("Bob")];
    sim.ok({ type: "command", command: "hideName", playerId: ada });
    sim.ok({ type: "command", command: "hideName", playerId: bob });
    const effects = sim.ok({ type: "command", command: "kick", playerId: ada });
    expect(moderationIn(effects).hiddenPlayers).toEqual([bob]);
    expect(snapshot(sim.state, "host").moderation?.hiddenPlayers).toEqual([bob]);
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));
  });
});

describe("hiding a typed answer", () => {
  const TYPED: QuizQuestion[] = [
    { kind: "type", text: "Capital of France?", accepted: ["Paris"] },
    { kind: "choice", text: "Next?", choices: ["a", "b"], correct: 0 },
  ];

  it("hides every spelling of an answer on the reveal from players' copies, keeps it for the host and the results", () => {
    const sim = new Sim({ questions: TYPED, settings: { revealSeconds: 0 } });
    const [a, b, c] = [sim.player("Ada"), sim.player("Bob"), sim.player("Cy")];
    sim.ok({ type: "command", command: "start" });
    refused(
      sim,
      () => sim.apply({ type: "command", command: "hideAnswer", index: 0, text: "rude" }),
      "answer_not_found",
    );
    sim.give(a, "Paris");
    sim.give(b, "Rude Word");
    sim.give(c, "rude  word!");
    expect(sim.state.clock.phase).toBe("reveal");
    refused(
      sim,
      () => sim.apply({ type: "command", command: "hideAnswer", index: 0, text: "Lyon" }),
      "answer_not_found",
    );
    refused(
      sim,
      () => sim.apply({ type: "command", command: "hideAnswer", index: 1, text: "Paris" }),
      "answer_not_found",
    );

    const effects = sim.ok({ type: "command", command: "hideAnswer", index: 0, text: "RUDE WORD" });
    expect(moderationIn(effects).hiddenAnswers).toEqual([{ index: 0, text: "Rude Word" }]);
    expect(snapshot(sim.state, "player").reveal?.typed?.map((t) => t.text)).toEqual(["Paris"]);
    expect(snapshot(sim.state, "host").reveal?.typed?.map((t) => t.text)).toEqual(["Rude Word", "Paris"]);
    expect(snapshot(sim.state, "host").moderation?.hiddenAnswers).toEqual([{ index: 0, text: "Rude Word" }]);
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));
    for (const role of ["host", "player"] as const)
      expect(snapshot(rebuilt(sim), role)).toEqual(snapshot(sim.state, role));
    const results = buildResults(sim.state, sim.store.answerRows(), T0);
    expect(results.players.flatMap((p) => p.answers.map((x) => x.answer)).sort()).toEqual([
      "Paris",
      "Rude Word",
      "rude  word!",
    ]);

    // Shown again by the text the host's screen got.
    const shown = sim.ok({ type: "command", command: "unhideAnswer", index: 0, text: "Rude Word" });
    expect(moderationIn(shown).hiddenAnswers).toEqual([]);
    expect(snapshot(sim.state, "player").reveal?.typed?.map((t) => t.text)).toEqual(["Rude Word", "Paris"]);
    expect(durable(rebuilt(sim))).toEqual(durable(sim.state));
  });
});

describe("a kick bans the seat's device", () => {
  it("refuses every later join from that device, under any name, and nobody else's", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const ada = sim.player("Ada", true, DEVICE);
    sim.player("Bob", true, OTHER_DEVICE);
    sim.ok({ type: "command", command: "kick", playerId: ada });
    expect(sim.state.bannedDevices.has(DEVICE)).toBe(true);
    refused(sim, () => sim.apply({ type: "join", playerId: "x1", name: "Ada", device: DEVICE }), "device_banned");
    refused(
      sim,
      () => sim.apply({ type: "join", playerId: "x2", name: "Totally New", device: DEVICE }),
      "device_banned",
    );
    refused(sim, () => sim.apply({ type: "join", playerId: "x3", name: null, device: DEVICE }), "device_banned");
    // Said before any other reason: the device is out for good, locked game or not.
    sim.ok({ type: "command", command: "lock" });
    refused(sim, () => sim.apply({ type: "join", playerId: "x4", name: "Z", device: DEVICE }), "device_banned");
    sim.ok({ type: "command", command: "unlock" });
    sim.ok({ type: "join", playerId: "x5", name: "Ada", device: "device-another-one-entirely" });
    sim.ok({ type: "join", playerId: "x6", name: "Dee", device: null });

    // The ban is rebuilt from storage with the game.
    const again = rebuilt(sim);
    expect(durable(again)).toEqual(durable(sim.state));
    expect(again.bannedDevices.has(DEVICE)).toBe(true);
  });

  it("bans nothing for a seat that gave no device (its token still dies)", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const ada = sim.player("Ada");
    const effects = sim.ok({ type: "command", command: "kick", playerId: ada });
    expect(sim.state.bannedDevices.size).toBe(0);
    expect(effects).toContainEqual({ type: "closePlayer", playerId: ada, code: 4003, reason: "kicked" });
    expect(sent(effects, "moderation")).toEqual([]);
  });
});
