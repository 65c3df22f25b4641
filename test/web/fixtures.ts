/** Protocol states for rendering screens: real server message shapes folded by the app's own reducer. */

import type { GameSnapshot, LeaderboardEntry, QuestionPayload, RevealPayload, ServerMessage } from "@protocol/values";
import { vi } from "vitest";
import { ServerClock } from "../../web/src/lib/clock";
import type { GameLink } from "../../web/src/lib/connection";
import { type GameView, reduce } from "../../web/src/lib/game";

export const NOW = 1_800_000_000_000;

export function snapshot(over: Partial<GameSnapshot> = {}): GameSnapshot {
  return {
    code: "123456",
    phase: "lobby",
    locked: false,
    questionCount: 5,
    lobby: { playerCount: 0, connectedCount: 0, locked: false },
    question: null,
    reveal: null,
    gameOver: null,
    paused: null,
    leaderboard: [],
    revealSeconds: 5,
    ...over,
  };
}

export function welcomePlayer(
  game: Partial<GameSnapshot> = {},
  you: Partial<NonNullable<ServerMessage & { type: "welcome" }>["you"]> = {},
): ServerMessage {
  return {
    type: "welcome",
    role: "player",
    playerId: "p1",
    name: "Ada",
    serverTime: NOW,
    game: snapshot({
      lobby: { playerCount: 3, connectedCount: 3, locked: false, recent: ["Ada", "Ben", "Cy"] },
      ...game,
    }),
    you: { score: 0, rank: 1, streak: 0, answer: null, result: null, ...you },
  };
}

export function welcomeHost(game: Partial<GameSnapshot> = {}): ServerMessage {
  return {
    type: "welcome",
    role: "host",
    playerId: null,
    name: null,
    serverTime: NOW,
    game: snapshot(game),
    you: null,
  };
}

export function question(over: Partial<QuestionPayload> = {}): QuestionPayload {
  return {
    index: 0,
    total: 5,
    kind: "choice",
    text: "Which planet is known as the Red Planet?",
    choices: ["Venus", "Mars", "Jupiter", "Saturn"],
    double: false,
    durationMs: 20_000,
    deadline: NOW + 15_000,
    startedAt: NOW - 5_000,
    ...over,
  };
}

export function entry(name: string, score: number, rank: number, previousRank: number | null): LeaderboardEntry {
  return { playerId: `id-${name}`, name, score, rank, previousRank, streak: 1 };
}

export function reveal(over: Partial<RevealPayload> = {}): RevealPayload {
  return {
    index: 0,
    total: 5,
    kind: "choice",
    correct: { choices: [1] },
    counts: [1, 2, 0, 0],
    answered: 3,
    correctCount: 2,
    leaderboard: [entry("Ada", 950, 1, 2), entry("Cy", 900, 2, 1), entry("Ben", 0, 3, 3)],
    playerCount: 3,
    nextAt: null,
    isLast: false,
    ...over,
  };
}

/** Folds messages into a view, exactly as the live connection does. */
export function viewOf(...messages: ServerMessage[]): GameView {
  let view: GameView | null = null;
  for (const m of messages) view = reduce(view, m);
  if (!view) throw new Error("no welcome among the messages");
  return view;
}

export function linkFor(view: GameView | null, over: Partial<GameLink> = {}): GameLink & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    view,
    status: "open",
    fatal: null,
    notice: null,
    clearNotice: vi.fn(),
    send: (message) => {
      sent.push(message);
      return true;
    },
    clock: new ServerClock(() => NOW),
    sent,
    ...over,
  };
}

/** Downloads made through an <a download> click: their names and contents. */
export function captureDownloads() {
  const blobs = new Map<string, Blob>();
  const saved: { filename: string; blob: Blob }[] = [];
  let n = 0;
  vi.stubGlobal(
    "URL",
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${n++}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => {},
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ filename: this.download, blob });
  });
  return saved;
}
