/**
 * Every bad WebSocket input: before hello (the socket is closed with its 4000-range code) and after (an `error` to
 * that socket only). Each one must leave the game exactly as it was and send nothing to anyone else.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import type { QuizQuestion } from "@protocol/schemas";
import { CLOSE_CODES, type ErrorCode, HELLO_TIMEOUT_MS, LIMITS } from "@protocol/values";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  api,
  calm,
  connect,
  createGame,
  engineState,
  enter,
  fakeClock,
  joinGame,
  randomIp,
  room,
  rowCounts,
  TestSocket,
} from "./client";

afterEach(() => {
  vi.useRealTimers();
});

const QUESTIONS: QuizQuestion[] = [
  { kind: "choice", text: "One?", choices: ["a", "b", "c"], correct: 0 },
  { kind: "choice", text: "Two?", choices: ["a", "b", "c"], correct: 1 },
];

/** A game in its lobby with a host and two connected players, every coalesced update already delivered. */
async function table() {
  const game = await createGame({ questions: QUESTIONS, revealSeconds: 0 });
  const [ada, bob] = [await joinGame(game.code, "Ada"), await joinGame(game.code, "Bob")];
  const host = await enter(game.code, game.hostToken);
  const a = await enter(game.code, ada.playerToken);
  const b = await enter(game.code, bob.playerToken);
  const sockets = [host.socket, a.socket, b.socket];
  await calm(game.code, sockets);
  return { game, ada, bob, host: host.socket, a: a.socket, b: b.socket, sockets };
}

/**
 * Checks refusals: each `act` must bring its offender exactly the errors listed, as the very next messages, and leave
 * the engine state and the stored rows as they were. `quiet()` then checks, once for a whole series, that nobody
 * received anything else (a refused event must not even schedule a coalesced update).
 */
function referee(code: string, sockets: TestSocket[]) {
  return {
    async refused(offender: TestSocket, codes: ErrorCode[], act: () => Promise<void> | void) {
      const before = await engineState(code);
      const rows = await rowCounts(code);
      await act();
      for (const expected of codes) {
        expect(await offender.nextMessage()).toMatchObject({ type: "error", code: expected });
      }
      expect(await engineState(code)).toEqual(before);
      expect(await rowCounts(code)).toEqual(rows);
    },
    async quiet() {
      const late = await calm(code, sockets);
      expect(late.flat()).toEqual([]);
    },
  };
}

describe("before hello", () => {
  it("closes a socket whose first message is not a valid hello, with a specific error and code", async () => {
    const { game, sockets, ada } = await table();
    const other = await createGame({ questionCount: 1 });
    const stranger = await joinGame(other.code, "Ada");
    const cases: [string, ErrorCode, number][] = [
      ["not json at all", "invalid_message", CLOSE_CODES.protocolError],
      [JSON.stringify({ type: "dance" }), "invalid_message", CLOSE_CODES.protocolError],
      [JSON.stringify({ token: game.hostToken }), "invalid_message", CLOSE_CODES.protocolError],
      [JSON.stringify({ type: "hello" }), "invalid_message", CLOSE_CODES.protocolError],
      [JSON.stringify({ type: "answer", index: 0, choice: 0 }), "hello_required", CLOSE_CODES.protocolError],
      [JSON.stringify({ type: "start" }), "hello_required", CLOSE_CODES.protocolError],
      [
        JSON.stringify({ type: "hello", token: "x".repeat(LIMITS.messageBytes) }),
        "message_too_large",
        CLOSE_CODES.protocolError,
      ],
      [JSON.stringify({ type: "hello", token: "nope" }), "invalid_token", CLOSE_CODES.invalidToken],
      [JSON.stringify({ type: "hello", token: `h.${"A".repeat(22)}` }), "invalid_token", CLOSE_CODES.invalidToken],
      [
        JSON.stringify({ type: "hello", token: `${ada.playerToken.slice(0, -4)}AAAA` }),
        "invalid_token",
        CLOSE_CODES.invalidToken,
      ],
      [JSON.stringify({ type: "hello", token: stranger.playerToken }), "invalid_token", CLOSE_CODES.invalidToken],
      [JSON.stringify({ type: "hello", token: other.hostToken }), "invalid_token", CLOSE_CODES.invalidToken],
    ];
    const ref = referee(game.code, sockets);
    for (const [frame, errorCode, closeCode] of cases) {
      const s = await connect(game.code);
      await ref.refused(s, [errorCode], () => s.send(frame));
      expect((await s.waitClosed()).code, frame.slice(0, 60)).toBe(closeCode);
    }
    await ref.quiet();
  });

  it("closes a socket that says nothing for 10 seconds (4002), and not one that said hello", async () => {
    const clock = fakeClock();
    const { game, sockets } = await table();
    const silent = await connect(game.code);
    const late = await connect(game.code);
    clock.advance(HELLO_TIMEOUT_MS - 1);
    await runDurableObjectAlarm(room(game.code));
    await silent.sync();
    expect(silent.drain()).toEqual([]);
    expect(silent.closed).toBeNull();
    late.send({ type: "hello", token: game.hostToken });
    await late.next("welcome");

    clock.advance(1);
    const ref = referee(game.code, sockets);
    await ref.refused(silent, ["hello_timeout"], async () => {
      expect(await runDurableObjectAlarm(room(game.code))).toBe(true);
    });
    await ref.quiet();
    expect((await silent.waitClosed()).code).toBe(CLOSE_CODES.helloTimeout);
    expect(late.closed).toBeNull();
    expect(sockets.every((s) => s.closed === null)).toBe(true);
  });

  it("answers a raw ping with pong without a hello", async () => {
    const { game } = await table();
    const s = await connect(game.code);
    await s.sync();
    expect(s.raw).toEqual(["pong"]);
    expect(s.messages).toEqual([]);
    expect(s.closed).toBeNull();
  });
});

describe("after hello", () => {
  it("reports malformed messages to the sender only and keeps the socket open", async () => {
    const { game, sockets, a, host } = await table();
    const frames = [
      ["{", "invalid_message"],
      ["[]", "invalid_message"],
      [JSON.stringify({ type: "dance" }), "invalid_message"],
      [JSON.stringify({ type: "answer", index: "0", choice: 0 }), "invalid_message"],
      // A number is a choice's index or a slider's value, so only one beyond any slider (±1,000,000,000) is
      // malformed; a list holds choice indexes (0–5).
      [JSON.stringify({ type: "answer", index: 0, choice: 1_000_000_001 }), "invalid_message"],
      [JSON.stringify({ type: "answer", index: 0, choice: [99] }), "invalid_message"],
      [JSON.stringify({ type: "answer", index: -1, choice: 0 }), "invalid_message"],
      [JSON.stringify({ type: "kick" }), "invalid_message"],
      [JSON.stringify({ type: "hello", token: game.hostToken }), "already_authenticated"],
      [JSON.stringify({ type: "answer", index: 0, choice: "x".repeat(LIMITS.messageBytes) }), "message_too_large"],
      // The limit is in bytes: 1,100 "é" are 1,100 characters but 2,200 bytes of UTF-8.
      [JSON.stringify({ type: "answer", index: 0, choice: "é".repeat(1_100) }), "message_too_large"],
    ] as const;
    // A socket gets at most 10 error replies at once (then one a second), so the frames go to two tables of sockets.
    const half = Math.ceil(frames.length / 2);
    for (const [i, part] of [frames.slice(0, half), frames.slice(half)].entries()) {
      const t = i === 0 ? { game, sockets, a, host } : await table();
      const ref = referee(t.game.code, t.sockets);
      for (const [frame, code] of part) {
        for (const s of [t.a, t.host]) await ref.refused(s, [code], () => s.send(frame));
      }
      await ref.quiet();
      expect(t.sockets.every((s) => s.closed === null)).toBe(true);
    }
  });

  it("refuses host commands from a player (not_host) and answers from a host who does not play (not_player)", async () => {
    const { game, sockets, a, host } = await table();
    const ref = referee(game.code, sockets);
    for (const command of ["start", "next", "pause", "resume", "lock", "unlock", "end"] as const) {
      await ref.refused(a, ["not_host"], () => a.send({ type: command }));
    }
    await ref.refused(a, ["not_host"], () => a.send({ type: "kick", playerId: "x" }));
    host.send({ type: "start" });
    await Promise.all(sockets.map((s) => s.next("question")));
    await calm(game.code, sockets);
    await ref.refused(host, ["not_player"], () => host.send({ type: "answer", index: 0, choice: 0 }));
    await ref.quiet();
  });

  it("refuses host commands that do not fit the moment", async () => {
    const { game, sockets, host } = await table();
    const ref = referee(game.code, sockets);
    await ref.refused(host, ["wrong_phase"], () => host.send({ type: "next" }));
    await ref.refused(host, ["wrong_phase"], () => host.send({ type: "pause" }));
    await ref.refused(host, ["wrong_phase"], () => host.send({ type: "resume" }));
    await ref.refused(host, ["player_not_found"], () => host.send({ type: "kick", playerId: "nobody-here" }));
    host.send({ type: "start" });
    await Promise.all(sockets.map((s) => s.next("question")));
    await calm(game.code, sockets);
    await ref.refused(host, ["wrong_phase"], () => host.send({ type: "start" }));
    host.send({ type: "pause" });
    await Promise.all(sockets.map((s) => s.next("paused")));
    await ref.refused(host, ["game_paused"], () => host.send({ type: "pause" }));
    await ref.quiet();

    const empty = await createGame({ questionCount: 1 });
    const lonely = await enter(empty.code, empty.hostToken);
    const alone = referee(empty.code, [lonely.socket]);
    await alone.refused(lonely.socket, ["no_players"], () => lonely.socket.send({ type: "start" }));
    await alone.quiet();
  });

  it("takes one answer per player, only for the open question", async () => {
    const { game, sockets, host, a, b } = await table();
    const ref = referee(game.code, sockets);
    await ref.refused(a, ["wrong_question"], () => a.send({ type: "answer", index: 0, choice: 0 }));
    host.send({ type: "start" });
    await Promise.all(sockets.map((s) => s.next("question")));
    await calm(game.code, sockets);

    await ref.refused(a, ["wrong_question"], () => a.send({ type: "answer", index: 1, choice: 0 }));
    await ref.refused(a, ["invalid_answer"], () => a.send({ type: "answer", index: 0, choice: 3 }));
    await ref.refused(a, ["invalid_answer"], () => a.send({ type: "answer", index: 0, choice: [0, 1] }));
    await ref.refused(a, ["invalid_answer"], () => a.send({ type: "answer", index: 0, choice: "a" }));

    a.send({ type: "answer", index: 0, choice: 2 });
    await a.next("answered");
    await calm(game.code, sockets);
    await ref.refused(a, ["already_answered"], () => a.send({ type: "answer", index: 0, choice: 1 }));
    // Two more in one burst: both refused, nothing stored.
    await ref.refused(a, ["already_answered", "already_answered"], () => {
      a.send({ type: "answer", index: 0, choice: 0 });
      a.send({ type: "answer", index: 0, choice: 0 });
    });
    await ref.quiet();

    b.send({ type: "answer", index: 0, choice: 1 });
    const reveal = await b.next("reveal");
    expect(reveal.answered).toBe(2);
    await calm(game.code, sockets);
    await ref.refused(b, ["question_closed"], () => b.send({ type: "answer", index: 0, choice: 1 }));
    await ref.refused(b, ["wrong_question"], () => b.send({ type: "answer", index: 1, choice: 1 }));

    host.send({ type: "next" });
    await Promise.all(sockets.map((s) => s.next("question")));
    await calm(game.code, sockets);
    await ref.refused(a, ["question_closed"], () => a.send({ type: "answer", index: 0, choice: 0 }));
    await ref.quiet();
    expect(await rowCounts(game.code)).toEqual({ players: 2, answers: 2 });
  });
});

describe("sockets that have not said hello", () => {
  const upgrade = (code: string, ip: string) =>
    api(`/api/games/${code}/ws`, { headers: { Upgrade: "websocket", "CF-Connecting-IP": ip } });

  it("are capped per address (429 too_many_connections); a hello frees a place; other addresses still get in", async () => {
    const { game, sockets } = await table();
    const ip = randomIp();
    const open: TestSocket[] = [];
    for (let i = 0; i < LIMITS.pendingSockets.perAddress; i++) {
      const res = await upgrade(game.code, ip);
      expect(res.status).toBe(101);
      res.webSocket?.accept();
      open.push(new TestSocket(res.webSocket as WebSocket));
    }
    const refused = await upgrade(game.code, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_many_connections");
    // Another address is not affected.
    expect((await upgrade(game.code, randomIp())).status).toBe(101);
    // One of the waiting sockets signs in: its place is free again.
    open[0]?.send({ type: "hello", token: game.hostToken });
    await open[0]?.next("welcome");
    expect((await upgrade(game.code, ip)).status).toBe(101);
    expect((await upgrade(game.code, ip)).status).toBe(429);
    // Nothing else changed for the players already in.
    expect(sockets.every((s) => s.closed === null)).toBe(true);
  });

  it("are capped per game, whatever the addresses", async () => {
    const { game } = await table();
    const perGame = LIMITS.pendingSockets.perGame;
    const ips = Array.from({ length: Math.ceil(perGame / 100) + 1 }, () => randomIp());
    let accepted = 0;
    for (let i = 0; accepted < perGame; i++) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, j) => upgrade(game.code, ips[Math.floor((i * 50 + j) / 100)] as string)),
      );
      for (const res of batch) {
        if (res.status === 101) accepted++;
        else expect(res.status).toBe(429);
        res.webSocket?.accept();
      }
    }
    const refused = await upgrade(game.code, randomIp());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_many_connections");
  });
});
