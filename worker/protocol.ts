/**
 * The wire protocol of trivia-edge, defined once.
 *
 * Every HTTP body and every WebSocket message is a zod schema here, and the TypeScript types are inferred from
 * those schemas. The worker validates with them; the web app imports the same types, so a message cannot drift
 * between the two. `docs/protocol.md` explains each message in prose.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------------------------
// Limits shared by the server, the importers and the screens.

export const LIMITS = {
  questionCount: { min: 1, max: 50, default: 10 },
  questionSeconds: { min: 5, max: 120, default: 20 },
  revealSeconds: { min: 0, max: 60, default: 5 },
  customQuestions: { min: 1, max: 100 },
  choices: { min: 2, max: 6 },
  textLength: 300,
  choiceLength: 120,
  explanationLength: 500,
  acceptedAnswers: 20,
  typedAnswerLength: 100,
  nameLength: 24,
  bodyBytes: 256 * 1024,
  /** A quiz file (any import format) and a quiz as JSON are at most this big. */
  quizBytes: 256 * 1024,
  quizTitleLength: 80,
  messageBytes: 2048,
  leaderboardSize: 10,
  lobbyRecentNames: 8,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Questions: the shape of the built-in bank, of a custom list given at creation, and of an imported quiz.

export const QUESTION_KINDS = ["choice", "truefalse", "multi", "type", "poll"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * An image uploaded to this deployment (POST /api/images), referred to by its root-relative path so a quiz works on
 * any origin; clients resolve it against the API's origin. Any other image must be an https URL.
 */
export const OWN_IMAGE_PATH = /^\/api\/images\/[0-9a-f]{64}$/;
const httpsUrl = z.url({ protocol: /^https$/ });

const questionText = z.string().trim().min(1).max(LIMITS.textLength);
const choiceText = z.string().trim().min(1).max(LIMITS.choiceLength);
const choiceList = z
  .array(choiceText)
  .min(LIMITS.choices.min)
  .max(LIMITS.choices.max)
  .refine((list) => new Set(list.map((c) => c.toLowerCase())).size === list.length, {
    message: "choices must be distinct",
  });

const questionCommon = {
  text: questionText,
  /** This question's own time limit; the game's `questionSeconds` otherwise. */
  seconds: z.number().int().min(LIMITS.questionSeconds.min).max(LIMITS.questionSeconds.max).optional(),
  /** Double points: the base points are multiplied by two (the streak bonus is not). */
  double: z.boolean().optional(),
  /** Shown to everyone at the reveal. */
  explanation: z.string().trim().min(1).max(LIMITS.explanationLength).optional(),
  /** Shown by the client next to the question; never fetched by the server. */
  image: z
    .string()
    .max(2048)
    .refine((url) => OWN_IMAGE_PATH.test(url) || httpsUrl.safeParse(url).success, {
      message: "image must be an https URL or an uploaded image (/api/images/<hash>)",
    })
    .optional(),
  category: z.string().trim().min(1).max(40).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
};

const choiceQuestion = z
  .object({ kind: z.literal("choice"), choices: choiceList, correct: z.number().int().min(0) })
  .extend(questionCommon)
  .refine((q) => q.correct < q.choices.length, {
    path: ["correct"],
    message: "correct must be the index of one of the choices",
  });
const trueFalseQuestion = z.object({ kind: z.literal("truefalse"), correct: z.boolean() }).extend(questionCommon);
const multiQuestion = z
  .object({
    kind: z.literal("multi"),
    choices: choiceList,
    correct: z.array(z.number().int().min(0)).min(1),
  })
  .extend(questionCommon)
  .refine((q) => q.correct.every((i) => i < q.choices.length), {
    path: ["correct"],
    message: "every correct index must point at one of the choices",
  })
  .refine((q) => new Set(q.correct).size === q.correct.length, {
    path: ["correct"],
    message: "correct indexes must be distinct",
  });
const typeQuestion = z
  .object({
    kind: z.literal("type"),
    accepted: z.array(z.string().trim().min(1).max(LIMITS.typedAnswerLength)).min(1).max(LIMITS.acceptedAnswers),
  })
  .extend(questionCommon);
const pollQuestion = z.object({ kind: z.literal("poll"), choices: choiceList }).extend(questionCommon);

/** A question as authored. `kind` may be left out and then means `choice`. */
export const QuizQuestion = z.preprocess(
  (value) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !("kind" in value)
      ? { ...value, kind: "choice" }
      : value,
  z.discriminatedUnion("kind", [choiceQuestion, trueFalseQuestion, multiQuestion, typeQuestion, pollQuestion]),
);
export type QuizQuestion = z.infer<typeof QuizQuestion>;

/**
 * A quiz: the one documented quiz format (docs/quiz-format.md), what every importer produces and what a host keeps
 * and exports. Its JSON Schema is served at GET /api/quiz-schema.json.
 */
export const Quiz = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.quizTitleLength),
    questions: z.array(QuizQuestion).min(1).max(LIMITS.customQuestions.max),
  })
  .refine((quiz) => new TextEncoder().encode(JSON.stringify(quiz)).byteLength <= LIMITS.quizBytes, {
    message: `a quiz is at most ${LIMITS.quizBytes / 1024} KB as JSON`,
  });
export type Quiz = z.output<typeof Quiz>;

export const QUIZ_FORMATS = ["json", "csv", "opentdb"] as const;
export type QuizFormat = (typeof QUIZ_FORMATS)[number];

/** POST /api/quizzes/import: a file's text in one of the formats; `title` names quizzes whose file has none. */
export const ImportQuizBody = z
  .object({
    format: z.enum(QUIZ_FORMATS),
    content: z.string(),
    title: z.string().trim().min(1).max(LIMITS.quizTitleLength).optional(),
  })
  .strict();
export type ImportQuizBody = z.input<typeof ImportQuizBody>;

export interface ImportQuizResponse {
  quiz: Quiz;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP bodies.

/** A display name: trimmed, 1–24 characters, no control characters. Uniqueness is checked by the game. */
export const PlayerName = z
  .string()
  .trim()
  .min(1, "a name needs at least one visible character")
  .refine((s) => [...s].length <= LIMITS.nameLength, `a name is at most ${LIMITS.nameLength} characters`)
  .refine((s) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(s), "a name cannot contain control characters");

export const CreateGameBody = z
  .object({
    questionCount: z
      .number()
      .int()
      .min(LIMITS.questionCount.min)
      .max(LIMITS.questionCount.max)
      .default(LIMITS.questionCount.default),
    questionSeconds: z
      .number()
      .int()
      .min(LIMITS.questionSeconds.min)
      .max(LIMITS.questionSeconds.max)
      .default(LIMITS.questionSeconds.default),
    revealSeconds: z
      .number()
      .int()
      .min(LIMITS.revealSeconds.min)
      .max(LIMITS.revealSeconds.max)
      .default(LIMITS.revealSeconds.default),
    category: z.string().trim().min(1).max(40).optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    questions: z.array(QuizQuestion).min(LIMITS.customQuestions.min).max(LIMITS.customQuestions.max).optional(),
    /** A saved quiz (POST /api/quizzes): its questions and title are copied into the game at creation. */
    quizId: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(80).optional(),
    hostName: PlayerName.optional(),
  })
  .strict()
  .refine((b) => !(b.questions && (b.category || b.difficulty)), {
    message: "give either custom questions or a category/difficulty, not both",
    path: ["questions"],
  })
  .refine((b) => !(b.quizId && (b.questions || b.category || b.difficulty)), {
    message: "give a saved quizId or custom questions or a category/difficulty, only one of them",
    path: ["quizId"],
  });
export type CreateGameBody = z.input<typeof CreateGameBody>;
/** A create request after validation, defaults filled in. */
export type ValidCreateGameBody = z.output<typeof CreateGameBody>;

export const CreateGameResponse = z.object({
  code: z.string(),
  hostToken: z.string(),
  joinUrl: z.string(),
  /** Set when `hostName` was given: the host also plays under this id. */
  hostPlayerId: z.string().optional(),
  questionCount: z.number(),
});
export type CreateGameResponse = z.infer<typeof CreateGameResponse>;

export const PHASES = ["lobby", "question", "reveal", "finished"] as const;
export type Phase = (typeof PHASES)[number];

export const GameInfo = z.object({
  code: z.string(),
  phase: z.enum(PHASES),
  playerCount: z.number(),
  questionCount: z.number(),
  joinable: z.boolean(),
  locked: z.boolean(),
  title: z.string().optional(),
});
export type GameInfo = z.infer<typeof GameInfo>;

export const JoinBody = z.object({ name: PlayerName.optional() }).strict();
export type JoinBody = z.infer<typeof JoinBody>;

export const JoinResponse = z.object({ playerId: z.string(), playerToken: z.string(), name: z.string() });
export type JoinResponse = z.infer<typeof JoinResponse>;

export const CategoryInfo = z.object({
  id: z.string(),
  label: z.string(),
  questionCount: z.number(),
  byDifficulty: z.record(z.enum(DIFFICULTIES), z.number()),
});
export type CategoryInfo = z.infer<typeof CategoryInfo>;

// ---------------------------------------------------------------------------------------------------------------
// Errors: one shape for HTTP bodies and WebSocket `error` messages.

export const ERROR_CODES = [
  // HTTP
  "invalid_json",
  "invalid_request",
  "payload_too_large",
  "method_not_allowed",
  "not_found",
  "upgrade_required",
  "rate_limited",
  "game_not_found",
  "unknown_category",
  "not_enough_questions",
  "invalid_name",
  "name_taken",
  "game_locked",
  "game_full",
  "game_finished",
  "code_space_exhausted",
  "invalid_quiz",
  "host_token_required",
  "wrong_host_token",
  "quiz_not_found",
  "edit_token_required",
  "wrong_edit_token",
  "version_conflict",
  "image_not_found",
  "image_too_large",
  "unsupported_image_type",
  // WebSocket
  "invalid_message",
  "message_too_large",
  "hello_required",
  "hello_timeout",
  "already_authenticated",
  "invalid_token",
  "kicked",
  "not_host",
  "not_player",
  "wrong_phase",
  "no_players",
  "game_paused",
  "question_closed",
  "already_answered",
  "wrong_question",
  "invalid_answer",
  "player_not_found",
  "game_expired",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.array(z.string()).optional(),
    /** invalid_quiz: every problem found in the file, each a sentence that says where ("row 7: ..."). */
    problems: z.array(z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** WebSocket close codes (4000–4999 is the range reserved for applications). */
export const CLOSE_CODES = {
  /** The `hello` token matched no host or player of this game. */
  invalidToken: 4001,
  /** No valid `hello` within the time allowed. */
  helloTimeout: 4002,
  /** The host removed this player; its token no longer works. */
  kicked: 4003,
  /** The game no longer exists (expired, or never did). */
  gameGone: 4004,
  /** The first message was not a valid `hello`. */
  protocolError: 4008,
} as const;

export const HELLO_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// WebSocket: client → server.

/** An answer's choice: an index (choice, truefalse: 0 = true, 1 = false; poll), a set of indexes (multi), or text (type). */
export const AnswerChoice = z.union([
  z
    .number()
    .int()
    .min(0)
    .max(LIMITS.choices.max - 1),
  z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(LIMITS.choices.max - 1),
    )
    .min(1)
    .max(LIMITS.choices.max),
  z.string().max(LIMITS.typedAnswerLength),
]);
export type AnswerChoice = z.infer<typeof AnswerChoice>;

export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal("answer"), index: z.number().int().min(0), choice: AnswerChoice }),
  z.object({ type: z.literal("start") }),
  z.object({ type: z.literal("next") }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("kick"), playerId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("lock") }),
  z.object({ type: z.literal("unlock") }),
  z.object({ type: z.literal("end") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type HostCommand = Exclude<ClientMessage, { type: "hello" | "answer" }>["type"];

// ---------------------------------------------------------------------------------------------------------------
// WebSocket: server → client. These are TypeScript types (the server builds them; clients read them).

export type Role = "host" | "player";

export interface PlayerSummary {
  id: string;
  name: string;
  score: number;
  connected: boolean;
}

export interface LeaderboardEntry {
  playerId: string;
  name: string;
  score: number;
  rank: number;
  /** Rank after the previous reveal; null the first time. Lets screens show who climbed. */
  previousRank: number | null;
  streak: number;
}

/** A question as the players see it: never its answer. */
export interface QuestionPayload {
  index: number;
  total: number;
  kind: QuestionKind;
  text: string;
  /** Labels to pick from; `["True", "False"]` for truefalse; absent for `type`. */
  choices?: string[];
  image?: string;
  double: boolean;
  category?: string;
  durationMs: number;
  /** Server epoch ms when the question closes; null while paused. */
  deadline: number | null;
  /** Server epoch ms when the question went out (speed is measured from here). */
  startedAt: number;
}

/** The correct answer, revealed once the question is closed. */
export interface CorrectAnswer {
  /** choice/truefalse: the one index; multi: every correct index; poll: empty. */
  choices: number[];
  /** type: the accepted answers as authored. */
  accepted?: string[];
}

export interface RevealPayload {
  index: number;
  total: number;
  kind: QuestionKind;
  correct: CorrectAnswer;
  /** How many players picked each choice (multi: each choice counted once per player who picked it). */
  counts: number[];
  /** type: the most frequent typed answers after normalising, with whether each was accepted. */
  typed?: { text: string; count: number; correct: boolean }[];
  answered: number;
  correctCount: number;
  explanation?: string;
  /** Top 10, in the host's reveal and in snapshots; players' live reveals leave it out (their own figures are in `you`). */
  leaderboard?: LeaderboardEntry[];
  playerCount: number;
  /** Server epoch ms when the game moves on by itself; null when the host advances by hand (or paused). */
  nextAt: number | null;
  isLast: boolean;
}

/** A player's own figures, merged into `reveal` and `gameOver` for each player. */
export interface PlayerResult {
  answered: boolean;
  correct: boolean;
  points: number;
  streak: number;
  score: number;
  rank: number;
}

export interface GameOverPayload {
  podium: LeaderboardEntry[];
  leaderboard: LeaderboardEntry[];
  playerCount: number;
  questionCount: number;
}

export interface LobbyPayload {
  playerCount: number;
  connectedCount: number;
  locked: boolean;
  /** Host only: every player. */
  players?: PlayerSummary[];
  /** Players: the newest names, newest last. */
  recent?: string[];
}

export interface PausedState {
  /** Time left on the paused question or reveal countdown, in ms. */
  remainingMs: number;
}

export interface GameSnapshot {
  code: string;
  title?: string;
  phase: Phase;
  locked: boolean;
  questionCount: number;
  lobby: LobbyPayload;
  question: QuestionPayload | null;
  reveal: RevealPayload | null;
  gameOver: GameOverPayload | null;
  paused: PausedState | null;
  leaderboard: LeaderboardEntry[];
  /** Host only: answers received for the open question. */
  progress?: { index: number; answered: number; connected: number };
  revealSeconds: number;
}

export interface YouState {
  score: number;
  rank: number;
  streak: number;
  /** The answer this player gave to the current question, if any. */
  answer: AnswerChoice | null;
  /** Result of the question being revealed, if it has been revealed. */
  result: PlayerResult | null;
}

export type ServerMessage =
  | {
      type: "welcome";
      role: Role;
      playerId: string | null;
      name: string | null;
      serverTime: number;
      game: GameSnapshot;
      you: YouState | null;
    }
  | ({ type: "lobby" } & LobbyPayload)
  | ({ type: "question"; serverTime: number } & QuestionPayload)
  | { type: "answered"; index: number; choice: AnswerChoice; elapsedMs: number; serverTime: number }
  | { type: "progress"; index: number; answered: number; connected: number }
  | ({ type: "reveal"; serverTime: number; you?: PlayerResult } & RevealPayload)
  | ({ type: "paused"; serverTime: number; phase: Phase } & PausedState)
  | { type: "resumed"; serverTime: number; phase: Phase; deadline: number | null; nextAt: number | null }
  | ({ type: "gameOver"; serverTime: number; you?: { rank: number; score: number } } & GameOverPayload)
  | { type: "locked"; locked: boolean }
  | { type: "error"; code: ErrorCode; message: string };

export type ServerMessageType = ServerMessage["type"];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

// ---------------------------------------------------------------------------------------------------------------
// Results: GET /api/games/:code/results (host token), as JSON; the CSV form has one row per player and question.

export const RESULTS_FORMATS = ["json", "csv"] as const;
export type ResultsFormat = (typeof RESULTS_FORMATS)[number];

export interface ResultsQuestion {
  /** 0-based, as on the wire; CSV and screens show index + 1. */
  index: number;
  kind: QuestionKind;
  text: string;
  /** The choices in the order this game showed them; absent for `type`. */
  choices?: string[];
  /** The right answers as text: the correct choices, or a `type` question's accepted answers; empty for a poll. */
  correct: string[];
  double: boolean;
  answered: number;
  correctCount: number;
}

export interface ResultsAnswer {
  question: number;
  answered: boolean;
  /** The answer as text: the choice's label, several labels joined with "; " (multi), or what was typed. */
  answer: string | null;
  /** null for a poll, which has no right answer. */
  correct: boolean | null;
  points: number;
  /** Server receive time minus the question's send time (paused time excluded); null when not answered. */
  responseMs: number | null;
}

export interface ResultsPlayer {
  rank: number;
  playerId: string;
  name: string;
  score: number;
  correctCount: number;
  /** One entry per closed question, in question order. */
  answers: ResultsAnswer[];
}

export interface GameResults {
  code: string;
  title?: string;
  phase: Phase;
  /** Server time the results were read, ISO 8601. Mid-game results cover the closed questions only. */
  generatedAt: string;
  questionCount: number;
  /** Questions closed so far (all of them once the game is over, fewer if the host ended it early). */
  questionsPlayed: number;
  questions: ResultsQuestion[];
  /** Ordered by rank (competition ranking: equal scores share a rank). Removed players are left out. */
  players: ResultsPlayer[];
}
