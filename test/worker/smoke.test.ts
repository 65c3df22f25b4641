import { describe, expect, it } from "vitest";
import { createGame, enter, joinGame } from "./client";

describe("smoke", () => {
  it("creates, joins and plays one question", async () => {
    const game = await createGame({ questionCount: 1, revealSeconds: 0 });
    const p = await joinGame(game.code, "Ada");
    const host = await enter(game.code, game.hostToken);
    const player = await enter(game.code, p.playerToken);
    expect(host.welcome.role).toBe("host");
    expect(player.welcome.name).toBe("Ada");
    host.socket.send({ type: "start" });
    const q = await player.socket.next("question");
    player.socket.send({ type: "answer", index: 0, choice: 0 });
    await player.socket.next("answered");
    const reveal = await player.socket.next("reveal");
    expect(reveal.index).toBe(0);
    expect(reveal.you?.answered).toBe(true);
    expect(q.total).toBe(1);
  });
});
