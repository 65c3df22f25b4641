/**
 * The game as one screen sees it, rebuilt from server messages by a pure reducer: `welcome` replaces everything
 * (which is what makes a reconnect or a reload exact), every later message updates its part.
 */
import type {
  AnswerChoice,
  AssignmentInfo,
  AssignmentStats,
  GameSnapshot,
  ModerationState,
  PlayerListEntry,
  PlayerResult,
  ReadyPayload,
  RemoteSummary,
  Role,
  ServerMessage,
  ServerMessageOf,
  YourTeam,
} from "@protocol/values";
import { i18n, ordinal as ordinalForms } from "../i18n";

/** The welcome's snapshot, kept up to date, plus who this screen is and its own figures. */
export interface GameView
  extends Omit<GameSnapshot, "progress" | "ready" | "moderation" | "remotes" | "teams" | "assignment"> {
  role: Role;
  playerId: string | null;
  name: string | null;
  progress: NonNullable<GameSnapshot["progress"]> | null;
  /** The lead-in of the question coming up (phase `ready`). */
  ready: ReadyPayload | null;
  /** Host and remotes: what the host hid from the big screen. */
  moderation: ModerationState;
  /** Host and remotes: the phones paired as remotes. */
  remotes: RemoteSummary[];
  /** Host: the pairing code on screen, until it is used (or closed; its expiry is the screen's to watch). */
  pairing: { pairingCode: string; expiresAt: number; serverTime: number } | null;
  /** Host and remotes: the whole player list, as last fetched (`players`), with when. */
  playerList: { players: PlayerListEntry[]; serverTime: number } | null;
  /** This player's running figures (players only). */
  score: number;
  rank: number | null;
  streak: number;
  /** The answer the server acknowledged for the current question. */
  myAnswer: AnswerChoice | null;
  /** This player's result for the question being revealed. */
  result: PlayerResult | null;
  /** This player's final place. */
  final: { rank: number; score: number } | null;
  /** Team games: how many teams (0: no teams). */
  teams: number;
  /** Team games, players: this player's team and its place. */
  myTeam: YourTeam | null;
  /**
   * A self-paced assignment: when it closes and whether it has; a player's own count of questions done; the host's
   * live figures. Null in a live game.
   */
  assignment?: (AssignmentInfo & Partial<AssignmentStats>) | null;
}

const NOTHING_HIDDEN: ModerationState = { hiddenPlayers: [], hiddenAnswers: [] };

export function fromWelcome(msg: ServerMessageOf<"welcome">): GameView {
  const g = msg.game;
  return {
    role: msg.role,
    playerId: msg.playerId,
    name: msg.name,
    code: g.code,
    ...(g.title ? { title: g.title } : {}),
    phase: g.phase,
    locked: g.locked,
    questionCount: g.questionCount,
    lobby: g.lobby,
    question: g.question,
    reveal: g.reveal,
    gameOver: g.gameOver,
    paused: g.paused,
    leaderboard: g.leaderboard,
    progress: g.progress ?? null,
    revealSeconds: g.revealSeconds,
    ready: g.ready ?? null,
    moderation: g.moderation ?? NOTHING_HIDDEN,
    remotes: g.remotes ?? [],
    pairing: null,
    playerList: null,
    score: msg.you?.score ?? 0,
    rank: msg.you?.rank ?? null,
    streak: msg.you?.streak ?? 0,
    myAnswer: msg.you?.answer ?? null,
    result: msg.you?.result ?? null,
    final: g.phase === "finished" && msg.you ? { rank: msg.you.rank, score: msg.you.score } : null,
    teams: g.teams ?? 0,
    myTeam: msg.you?.team ?? null,
    assignment: g.assignment ?? null,
  };
}

/** Applies one server message. Messages that arrive before `welcome` (there should be none) are ignored. */
export function reduce(view: GameView | null, msg: ServerMessage): GameView | null {
  if (msg.type === "welcome") return fromWelcome(msg);
  if (!view) return null;
  switch (msg.type) {
    case "lobby": {
      const { type: _, ...lobby } = msg;
      // Players get the newest names only; keep the host's full list when an update carries none.
      return { ...view, lobby: { ...view.lobby, ...lobby }, locked: lobby.locked };
    }
    case "ready": {
      const { type: _, serverTime: __, ...ready } = msg;
      return {
        ...view,
        phase: "ready",
        ready,
        question: null,
        reveal: null,
        paused: null,
        myAnswer: null,
        result: null,
      };
    }
    case "question": {
      const { type: _, serverTime: __, ...question } = msg;
      return {
        ...view,
        phase: "question",
        question,
        ready: null,
        reveal: null,
        paused: null,
        myAnswer: null,
        result: null,
        progress: {
          index: question.index,
          answered: 0,
          connected: view.progress?.connected ?? view.lobby.connectedCount,
        },
      };
    }
    case "answered":
      if (view.question?.index !== msg.index) return view;
      return { ...view, myAnswer: msg.choice };
    case "progress":
      return { ...view, progress: { index: msg.index, answered: msg.answered, connected: msg.connected } };
    case "reveal": {
      const { type: _, serverTime: __, you, ...reveal } = msg;
      return {
        ...view,
        phase: "reveal",
        reveal,
        paused: null,
        question: view.question ? { ...view.question, deadline: null } : null,
        leaderboard: reveal.leaderboard ?? view.leaderboard,
        result: you ?? null,
        ...(you ? { score: you.score, rank: you.rank, streak: you.streak } : {}),
        ...(you?.team ? { myTeam: you.team } : {}),
        // In an assignment a reveal is this player's own: one more question done.
        ...(view.assignment ? { assignment: { ...view.assignment, done: reveal.index + 1 } } : {}),
      };
    }
    case "paused":
      return { ...view, paused: { remainingMs: msg.remainingMs } };
    case "resumed":
      return {
        ...view,
        paused: null,
        question:
          view.question && view.phase === "question" ? { ...view.question, deadline: msg.deadline } : view.question,
        reveal: view.reveal && view.phase === "reveal" ? { ...view.reveal, nextAt: msg.nextAt } : view.reveal,
        ready: view.ready && view.phase === "ready" ? { ...view.ready, opensAt: msg.opensAt ?? null } : view.ready,
      };
    case "gameOver": {
      const { type: _, serverTime: __, you, assignment, ...over } = msg;
      return {
        ...view,
        ...(assignment ? { assignment: { ...view.assignment, ...assignment } } : {}),
        phase: "finished",
        gameOver: over,
        ready: null,
        pairing: null,
        paused: null,
        leaderboard: over.leaderboard,
        final: you ? { rank: you.rank, score: you.score } : null,
        ...(you ? { score: you.score, rank: you.rank } : {}),
        ...(you?.team ? { myTeam: you.team } : {}),
      };
    }
    case "assignment": {
      const { type: _, leaderboard, ...stats } = msg;
      return { ...view, assignment: stats, leaderboard };
    }
    case "locked":
      return { ...view, locked: msg.locked, lobby: { ...view.lobby, locked: msg.locked } };
    case "players":
      return { ...view, playerList: { players: msg.players, serverTime: msg.serverTime } };
    case "moderation":
      return { ...view, moderation: { hiddenPlayers: msg.hiddenPlayers, hiddenAnswers: msg.hiddenAnswers } };
    case "remotes":
      return { ...view, remotes: msg.remotes };
    case "pairing":
      return {
        ...view,
        pairing: { pairingCode: msg.pairingCode, expiresAt: msg.expiresAt, serverTime: msg.serverTime },
      };
    case "paired":
      return {
        ...view,
        pairing: null,
        remotes: view.remotes.some((r) => r.id === msg.remote.id) ? view.remotes : [...view.remotes, msg.remote],
      };
    case "team":
      // Moved by the host in the lobby, where every team stands at 0 points.
      return { ...view, myTeam: { team: msg.team, rank: view.myTeam?.rank ?? 1, score: view.myTeam?.score ?? 0 } };
    case "error":
      return view;
  }
}

/** Whether the host hid this player's name from the big screen. */
export function isHidden(view: GameView, playerId: string): boolean {
  return view.moderation.hiddenPlayers.includes(playerId);
}

/** Whether the host hid this typed answer of question `index` (as the reveal showed it). */
export function isHiddenAnswer(view: GameView, index: number, text: string): boolean {
  return view.moderation.hiddenAnswers.some((h) => h.index === index && h.text === text);
}

const trueFalse = i18n("trueFalse", { true: "True", false: "False" });

/**
 * A question's choices as the screen shows them: the server's labels, except a true-or-false question's, which are
 * the app's own words ("True", "False") and so follow the language on screen.
 */
export function choiceLabels(question: { kind?: string; choices?: string[] } | null | undefined): string[] {
  const choices = question?.choices ?? [];
  if (question?.kind !== "truefalse" || choices.length !== 2) return choices;
  const t = trueFalse.get();
  return [t.true, t.false];
}

const places = i18n("place", {
  place: ordinalForms({ one: "{count}st", two: "{count}nd", few: "{count}rd", other: "{count}th" }),
});

/** "1st", "2nd", "3rd", "11th", "22nd" in English; "1.º", "1.", "1er" in the language on screen. */
export function ordinal(n: number): string {
  return places.get().place(n);
}
