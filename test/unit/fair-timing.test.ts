/**
 * Fair timing: an answer's time counts from when the question reached the player (the server's elapsed time less
 * the connection's measured round trip), bounded so that lying about the round trip cannot pay beyond RTT_CAP_MS.
 */
import type { QuizQuestion } from "@protocol/schemas";
import type { ServerMessageOf } from "@protocol/values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countedElapsed,
  type RoundTrips,
  RTT_CAP_MS,
  RTT_SAMPLES,
  recordEcho,
  roundTrip,
} from "../../worker/game/fair-timing";
import { restore } from "../../worker/game/restore";
import { basePoints } from "../../worker/game/scoring";
import { choiceQuestions, Sim, sent, T0 } from "./harness";

describe("countedElapsed", () => {
  it("takes the round trip off the server's elapsed time", () => {
    expect(countedElapsed(2_600, 600, 20_000)).toBe(2_000);
    expect(countedElapsed(2_040, 40, 20_000)).toBe(2_000);
  });

  it("is today's rule when no round trip is known", () => {
    for (const rtt of [null, undefined, 0, -5, Number.NaN]) expect(countedElapsed(1_234, rtt, 20_000)).toBe(1_234);
  });

  it("credits at most RTT_CAP_MS, however long the round trip claims to be", () => {
    expect(countedElapsed(8_000, 5_000, 20_000)).toBe(8_000 - RTT_CAP_MS);
    expect(countedElapsed(8_000, RTT_CAP_MS + 1, 20_000)).toBe(8_000 - RTT_CAP_MS);
  });

  it("never goes below 0 nor above the limit", () => {
    expect(countedElapsed(300, 600, 20_000)).toBe(0);
    expect(countedElapsed(-10, null, 20_000)).toBe(0);
    expect(countedElapsed(25_000, null, 20_000)).toBe(20_000);
  });

  const limits = fc.integer({ min: 5, max: 120 }).map((s) => s * 1000);
  const rtts = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 10_000 }));

  it("always lies within [serverElapsed − rtt, limit] and never below 0", () => {
    fc.assert(
      fc.property(
        limits.chain((limit) => fc.tuple(fc.constant(limit), fc.integer({ min: 0, max: limit }), rtts)),
        ([limit, elapsed, rtt]) => {
          const counted = countedElapsed(elapsed, rtt, limit);
          expect(counted).toBeGreaterThanOrEqual(elapsed - (rtt ?? 0));
          expect(counted).toBeGreaterThanOrEqual(elapsed - RTT_CAP_MS);
          expect(counted).toBeGreaterThanOrEqual(0);
          expect(counted).toBeLessThanOrEqual(Math.min(limit, elapsed));
        },
      ),
    );
  });

  it("is monotone: a later arrival never counts less, a longer round trip never counts more", () => {
    fc.assert(
      fc.property(
        limits,
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        rtts,
        fc.integer({ min: 0, max: 5_000 }),
        (limit, elapsed, later, rtt, longer) => {
          const counted = countedElapsed(elapsed, rtt, limit);
          expect(countedElapsed(elapsed + later, rtt, limit)).toBeGreaterThanOrEqual(counted);
          expect(countedElapsed(elapsed, (rtt ?? 0) + longer, limit)).toBeLessThanOrEqual(counted);
        },
      ),
    );
  });

  it("equals today's rule (the elapsed time itself) at no delay", () => {
    fc.assert(
      fc.property(
        limits.chain((limit) => fc.tuple(fc.constant(limit), fc.integer({ min: 0, max: limit }))),
        ([limit, elapsed]) => {
          expect(countedElapsed(elapsed, 0, limit)).toBe(elapsed);
          expect(countedElapsed(elapsed, null, limit)).toBe(elapsed);
        },
      ),
    );
  });
});

describe("round-trip samples", () => {
  it("keeps the newest RTT_SAMPLES and takes the smallest", () => {
    let trips: RoundTrips | undefined;
    const rtts = [300, 120, 95, 400, 110, 130, 140];
    rtts.forEach((rtt, i) => {
      const probe = 1_000 * (i + 1);
      trips = recordEcho(trips, probe, probe + rtt) ?? undefined;
    });
    expect(trips?.samples).toEqual(rtts.slice(-RTT_SAMPLES));
    // 95 was among the newest five; after two more samples it is still there, 300 and 120 are gone.
    expect(roundTrip(trips)).toBe(95);
    trips = recordEcho(trips, 9_000, 9_150) ?? undefined;
    trips = recordEcho(trips, 10_000, 10_150) ?? undefined;
    expect(roundTrip(trips)).toBe(110);
  });

  it("counts each probe once, never an older one, never one from the future", () => {
    const first = recordEcho(undefined, 5_000, 5_080);
    expect(first).toEqual({ samples: [80], lastProbe: 5_000 });
    expect(recordEcho(first ?? undefined, 5_000, 5_900)).toBeNull();
    expect(recordEcho(first ?? undefined, 4_000, 5_900)).toBeNull();
    expect(recordEcho(first ?? undefined, 7_000, 6_999)).toBeNull();
  });

  it("has no round trip before the first sample", () => {
    expect(roundTrip(undefined)).toBeNull();
    expect(roundTrip({ samples: [], lastProbe: 0 })).toBeNull();
  });
});

describe("the engine's answer with a measured round trip", () => {
  const QUESTIONS: QuizQuestion[] = [
    { kind: "choice", text: "Q1", choices: ["right", "w1", "w2"], correct: 0 },
    { kind: "slider", text: "Q2", min: 0, max: 10, step: 1, correct: 4, tolerance: 1 },
    { kind: "order", text: "Q3", items: ["a", "b", "c"] },
  ];

  function started(readSeconds = 0) {
    const sim = new Sim({ questions: QUESTIONS, settings: { readSeconds } });
    const near = sim.player("Near");
    const far = sim.player("Far");
    const plain = sim.player("Plain");
    sim.ok({ type: "command", command: "start" });
    if (readSeconds > 0) sim.advance(readSeconds * 1000).tick();
    return { sim, near, far, plain, openedAt: sim.state.clock.startedAt };
  }

  function answerAt(sim: Sim, at: number, playerId: string, choice: unknown, rttMs?: number) {
    sim.at(at);
    const effects = sim.ok({
      type: "answer",
      playerId,
      index: sim.state.clock.index,
      choice: choice as number,
      ...(rttMs === undefined ? {} : { rttMs }),
    });
    return sent(effects, "answered")[0] as ServerMessageOf<"answered">;
  }

  it("gives two players who thought equally long the same points, whatever their networks", () => {
    const { sim, near, far, plain, openedAt } = started();
    const think = 3_000;
    const right = sim.correct();
    // Near: 20 ms each way; Far: 300 ms each way; Plain: a client that never echoes, on Near's network.
    expect(answerAt(sim, openedAt + 20 + think + 20, near, right, 40).elapsedMs).toBe(think);
    expect(answerAt(sim, openedAt + 300 + think + 300, far, right, 600).elapsedMs).toBe(think);
    expect(answerAt(sim, openedAt + 20 + think + 20, plain, right).elapsedMs).toBe(think + 40);
    const points = (id: string) => sim.state.answers.get(id)?.points;
    expect(points(near)).toBe(basePoints(think, 20_000));
    expect(points(far)).toBe(points(near));
    expect(points(plain)).toBe(basePoints(think + 40, 20_000));
    // The stored row holds the counted time, so a rebuild from storage scores the same.
    const again = restore(sim.store.stored());
    expect(again.answers.get(far)).toEqual(sim.state.answers.get(far));
  });

  it("counts from the open after a lead-in, not from the lead-in's start", () => {
    const { sim, near, openedAt } = started(3);
    expect(openedAt).toBe(T0 + 3_000);
    expect(answerAt(sim, openedAt + 1_500, near, sim.correct(), 100).elapsedMs).toBe(1_400);
  });

  it("times a slider's and an order's answers by the same rule", () => {
    const { sim, near, far } = started();
    sim.advance(1_000).ok({ type: "command", command: "next" });
    sim.advance(5_000).ok({ type: "command", command: "next" });
    expect(sim.state.questions[1]?.kind).toBe("slider");
    const sliderAt = sim.state.clock.startedAt;
    expect(answerAt(sim, sliderAt + 2_600, near, 4, 600).elapsedMs).toBe(2_000);
    sim.advance(1_000).ok({ type: "command", command: "next" });
    sim.advance(5_000).ok({ type: "command", command: "next" });
    const order = sim.state.questions[2];
    expect(order?.kind).toBe("order");
    const orderAt = sim.state.clock.startedAt;
    expect(answerAt(sim, orderAt + 4_000, far, order?.correct, 5_000).elapsedMs).toBe(4_000 - RTT_CAP_MS);
  });

  it("keeps the deadline where it was: an answer that arrives after it is refused whatever the round trip", () => {
    const { sim, near, openedAt } = started();
    sim.at(openedAt + 20_001);
    const outcome = sim.apply({ type: "answer", playerId: near, index: 0, choice: sim.correct(), rttMs: 600 });
    expect(outcome.ok ? "accepted" : outcome.error.code).toBe("question_closed");
  });

  it("scores a game of choice questions with no round trips exactly as before", () => {
    const sim = new Sim({ questions: choiceQuestions(1) });
    const p = sim.player("P");
    sim.ok({ type: "command", command: "start" });
    sim.advance(4_321);
    const [ack] = sent(sim.give(p, sim.correct()), "answered") as ServerMessageOf<"answered">[];
    expect(ack?.elapsedMs).toBe(4_321);
  });
});
