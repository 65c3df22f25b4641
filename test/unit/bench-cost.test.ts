/** The bench's request, row and price figures, on fixed counts (the first from a measured 1,000-player run). */
import { describe, expect, it } from "vitest";
import { costScenario, requestsPerGame, rowsWrittenPerGame } from "../../bench/cost";

describe("requests and rows per game", () => {
  it("counts a 1,000-player, 5-question game with 57 reconnects as the report did before the split", () => {
    const requests = requestsPerGame({
      players: 1000,
      questions: 5,
      reconnects: 57,
      answers: 5000,
      alarms: 0,
      rateLimited: 0,
    });
    // Sockets: host + 1,000 players + 57 reconnects = 1,058. Incoming messages: 1,058 hellos + 5,000 answers + 6
    // host commands, billed at 20:1.
    expect(requests.worker).toBe(1 + 1000 + 1058);
    expect(requests.durableObject).toBeCloseTo(1 + 1000 + 1058 + 6064 / 20, 9);
    expect(rowsWrittenPerGame(1000, 5, 5000)).toBe(7024);
  });

  it("bills every refused join and every alarm", () => {
    const base = { players: 10, questions: 2, reconnects: 0, answers: 20, alarms: 0, rateLimited: 0 };
    const more = requestsPerGame({ ...base, alarms: 4, rateLimited: 3 });
    expect(more.worker - requestsPerGame(base).worker).toBe(3);
    expect(more.durableObject - requestsPerGame(base).durableObject).toBe(4);
  });
});

describe("the price of a standard game", () => {
  it("reproduces a measured run's figures (5.7 % reconnecting, every question answered, 1.67 ms per join)", () => {
    expect(costScenario({ reconnectsPerPlayer: 0.057, answerShare: 1, cpuMsPerJoin: 1.67 })).toEqual({
      scenario:
        "one 1,000-player, 10-question game (20 s questions, 5 s reveals) at Workers Paid list prices, beyond allowances",
      lines: [
        { item: "Workers requests", quantity: 2059, unit: "$0.30 / million", usd: 0.000618 },
        {
          item: "Workers CPU (upper bound: all server CPU per join)",
          quantity: 3340,
          unit: "$0.02 / million ms",
          usd: 0.000067,
        },
        { item: "Durable Object requests", quantity: 2632, unit: "$0.15 / million", usd: 0.000395 },
        { item: "Durable Object duration (GB-s)", quantity: 38.75, unit: "$12.50 / million GB-s", usd: 0.000484 },
        { item: "SQLite rows written", quantity: 12044, unit: "$1.00 / million", usd: 0.012044 },
      ],
      totalUsd: 0.013608,
    });
  });

  it("assumes 1 ms of CPU per join when it was not measured, and fewer rows when fewer answer", () => {
    const cost = costScenario({ reconnectsPerPlayer: 0, answerShare: 0.5, cpuMsPerJoin: null });
    expect(cost.lines.find((l) => l.item.startsWith("Workers CPU"))?.quantity).toBe(2000);
    // 1 game row + 2 × 1,000 players + 5,000 answers + 21 clock updates + 22 alarm writes.
    expect(cost.lines.find((l) => l.item === "SQLite rows written")?.quantity).toBe(7044);
  });
});
