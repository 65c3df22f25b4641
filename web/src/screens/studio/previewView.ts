/**
 * A question as the game would put it on a screen: the GameView a phone or the host's big screen renders, made from
 * a draft question instead of server messages (the preview's own clock stands still, so the countdown shows the
 * question's full time).
 */
import type { QuestionPayload, RevealPayload } from "@protocol/values";
import type { GameView } from "../../lib/game";
import type { DraftQuestion } from "./draft";
import { KINDS } from "./kinds";

export interface PreviewRequest {
  source: "trivia-edge-studio";
  question: DraftQuestion;
  index: number;
  total: number;
  title: string;
  stage: "question" | "answer";
  /** Seconds per question when the question has none of its own. */
  defaultSeconds: number;
}

export const PREVIEW_NOW = 1_700_000_000_000;
const PLAYERS = 24;

export function previewView(req: PreviewRequest, role: "player" | "host"): GameView {
  const { question: q, index, total, stage } = req;
  const played = KINDS[q.kind].play(q);
  const durationMs = (q.seconds ?? req.defaultSeconds) * 1000;
  const payload: QuestionPayload = {
    index,
    total,
    kind: q.kind,
    text: q.text.trim() || "(No question yet)",
    ...(played.choices ? { choices: played.choices } : {}),
    ...played.question,
    ...(q.image.trim() ? { image: q.image.trim() } : {}),
    double: q.double,
    ...(q.category ? { category: q.category } : {}),
    durationMs,
    deadline: stage === "question" ? PREVIEW_NOW + durationMs : null,
    startedAt: PREVIEW_NOW,
  };
  // Example numbers for the chart: the right answers picked more often, as in most rooms.
  const right = new Set(played.correct.choices);
  const counts = (played.choices ?? []).map((_, i) => (right.has(i) ? 14 : 3));
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const guesses = played.reveal?.histogram?.counts;
  const answered = q.kind === "type" ? 18 : Math.min(PLAYERS, sum(guesses ?? counts));
  const accepted = played.correct.accepted ?? [];
  const reveal: RevealPayload = {
    index,
    total,
    kind: q.kind,
    correct: played.correct,
    counts,
    ...played.reveal,
    ...(q.kind === "type"
      ? {
          typed: [
            ...(accepted[0] ? [{ text: accepted[0], count: 12, correct: true }] : []),
            { text: "(a wrong answer)", count: 6, correct: false },
          ],
        }
      : {}),
    answered,
    correctCount: q.kind === "poll" ? 0 : 12,
    ...(q.explanation.trim() ? { explanation: q.explanation.trim() } : {}),
    leaderboard: [],
    playerCount: PLAYERS,
    nextAt: null,
    isLast: index === total - 1,
  };
  return {
    role,
    playerId: role === "player" ? "preview" : null,
    name: role === "player" ? "Alex" : null,
    code: "123456",
    title: req.title,
    phase: stage === "question" ? "question" : "reveal",
    locked: false,
    questionCount: total,
    lobby: {
      playerCount: PLAYERS,
      connectedCount: PLAYERS,
      locked: false,
      ...(role === "host" ? { players: [] } : {}),
    },
    question: payload,
    reveal: stage === "answer" ? reveal : null,
    gameOver: null,
    paused: null,
    leaderboard: [],
    progress: role === "host" ? { index, answered: stage === "question" ? 0 : answered, connected: PLAYERS } : null,
    revealSeconds: 5,
    ready: null,
    moderation: { hiddenPlayers: [], hiddenAnswers: [] },
    remotes: [],
    pairing: null,
    playerList: null,
    score: 0,
    rank: null,
    streak: 0,
    myAnswer: stage === "answer" ? played.wrongAnswer : null,
    result:
      stage === "answer"
        ? { answered: played.wrongAnswer !== null, correct: false, points: 0, streak: 0, score: 0, rank: 9 }
        : null,
    final: null,
    teams: 0,
    myTeam: null,
  };
}
