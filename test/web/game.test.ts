import { describe, expect, test } from "vitest";
import { extractCode } from "../../web/src/lib/api";
import { ServerClock } from "../../web/src/lib/clock";
import { ordinal, reduce } from "../../web/src/lib/game";
import { matchRoute } from "../../web/src/lib/router";
import { NOW, question, reveal, viewOf, welcomeHost, welcomePlayer } from "./fixtures";

describe("the game view built from server messages", () => {
  test("a question, its acknowledgement, the reveal and the end, as one player sees them", () => {
    const q = question();
    let view = viewOf(welcomePlayer(), { type: "question", serverTime: NOW, ...q });
    expect(view.phase).toBe("question");
    expect(view.question?.text).toBe(q.text);
    expect(view.myAnswer).toBeNull();

    view = reduce(view, { type: "answered", index: 0, choice: 1, elapsedMs: 900, serverTime: NOW }) ?? view;
    expect(view.myAnswer).toBe(1);

    const you = { answered: true, correct: true, points: 980, streak: 1, score: 980, rank: 1 };
    view = reduce(view, { type: "reveal", serverTime: NOW, ...reveal(), you }) ?? view;
    expect(view.phase).toBe("reveal");
    expect(view.result).toEqual(you);
    expect(view.score).toBe(980);
    expect(view.question?.deadline).toBeNull();
    // The answer given stays visible at the reveal.
    expect(view.myAnswer).toBe(1);

    view =
      reduce(view, {
        type: "gameOver",
        serverTime: NOW,
        podium: [],
        leaderboard: [],
        playerCount: 3,
        questionCount: 5,
        you: { rank: 1, score: 980 },
      }) ?? view;
    expect(view.phase).toBe("finished");
    expect(view.final).toEqual({ rank: 1, score: 980 });
  });

  test("a late acknowledgement for an earlier question changes nothing", () => {
    const view = viewOf(welcomePlayer(), { type: "question", serverTime: NOW, ...question({ index: 2 }) });
    expect(reduce(view, { type: "answered", index: 1, choice: 0, elapsedMs: 1, serverTime: NOW })?.myAnswer).toBeNull();
  });

  test("welcome after a reload restores the answer already given and the score", () => {
    const view = viewOf(
      welcomePlayer(
        { phase: "question", question: question({ index: 1 }) },
        { score: 1890, rank: 2, streak: 2, answer: 3 },
      ),
    );
    expect(view.myAnswer).toBe(3);
    expect(view.score).toBe(1890);
    expect(view.rank).toBe(2);
    expect(view.streak).toBe(2);
  });

  test("lobby updates without a player list keep the host's list; lock state follows", () => {
    const players = [{ id: "a", name: "Ada", score: 0, connected: true }];
    let view = viewOf(welcomeHost({ lobby: { playerCount: 1, connectedCount: 1, locked: false, players } }));
    view = reduce(view, { type: "lobby", playerCount: 1, connectedCount: 0, locked: false }) ?? view;
    expect(view.lobby.players).toEqual(players);
    expect(view.lobby.connectedCount).toBe(0);
    view = reduce(view, { type: "locked", locked: true }) ?? view;
    expect(view.locked).toBe(true);
    expect(view.lobby.locked).toBe(true);
  });

  test("pause freezes the clock; resume brings back the new deadline", () => {
    let view = viewOf(welcomeHost({ phase: "question", question: question() }));
    view = reduce(view, { type: "paused", serverTime: NOW, phase: "question", remainingMs: 7_000 }) ?? view;
    expect(view.paused).toEqual({ remainingMs: 7_000 });
    view =
      reduce(view, { type: "resumed", serverTime: NOW, phase: "question", deadline: NOW + 7_000, nextAt: null }) ??
      view;
    expect(view.paused).toBeNull();
    expect(view.question?.deadline).toBe(NOW + 7_000);
  });

  test("host progress counts answers for the open question", () => {
    let view = viewOf(welcomeHost({ phase: "question", question: question() }));
    view = reduce(view, { type: "progress", index: 0, answered: 2, connected: 3 }) ?? view;
    expect(view.progress).toEqual({ index: 0, answered: 2, connected: 3 });
  });

  test("messages before welcome are ignored", () => {
    expect(reduce(null, { type: "locked", locked: true })).toBeNull();
  });
});

describe("small helpers", () => {
  test("ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "101st",
      "111th",
    ]);
  });

  test("a game code is found in a typed code or a pasted link", () => {
    expect(extractCode("123456")).toBe("123456");
    expect(extractCode(" 123 456 ")).toBe("123456");
    expect(extractCode("123-456")).toBe("123456");
    expect(extractCode("https://trivia.example/join/654321")).toBe("654321");
    expect(extractCode("http://192.168.1.5:8787/join/111222?x=1")).toBe("111222");
    expect(extractCode("12345")).toBeNull();
    expect(extractCode("https://trivia.example/join/1234567")).toBeNull();
    expect(extractCode("hello")).toBeNull();
  });

  test("routes", () => {
    expect(matchRoute("/")).toEqual({ name: "home" });
    expect(matchRoute("/join/123456")).toEqual({ name: "join", code: "123456" });
    expect(matchRoute("/join/123456/")).toEqual({ name: "join", code: "123456" });
    expect(matchRoute("/join/abc")).toEqual({ name: "join", code: null });
    expect(matchRoute("/play/123456")).toEqual({ name: "play", code: "123456" });
    expect(matchRoute("/host/123456")).toEqual({ name: "host", code: "123456" });
    expect(matchRoute("/host/12")).toEqual({ name: "notFound" });
  });

  test("the server clock takes the freshest, least-delayed offset", () => {
    let local = 1_000;
    const clock = new ServerClock(() => local);
    clock.sample(5_000); // arrived with 0 ms delay: offset 4000
    local = 2_100;
    clock.sample(6_000); // arrived 100 ms late: sample 3900
    expect(clock.offset).toBe(4_000);
    expect(clock.serverNow()).toBe(6_100);
    expect(clock.remaining(6_600)).toBe(500);
    expect(clock.remaining(1_000)).toBe(0);
  });
});
