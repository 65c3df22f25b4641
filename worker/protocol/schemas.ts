/**
 * The wire protocol's schemas: every HTTP body and WebSocket message a client sends, as a zod schema, with the
 * TypeScript types inferred from them. The worker validates with these; the values and the server → client types
 * they build on are in `values.ts` (which the web app imports without pulling zod into a player's phone).
 */
import { z } from "zod";
import { sliderProblems } from "./slider";
import { type AnswerChoice, DIFFICULTIES, GAME_MODES, LIMITS, OWN_IMAGE_PATH, QUIZ_FORMATS } from "./values";

// ---------------------------------------------------------------------------------------------------------------
// Questions: the shape of the built-in bank, of a custom list given at creation, and of an imported quiz.

const httpsUrl = z.url({ protocol: /^https$/ });

/** A UTF-16 surrogate without its other half: JSON can carry one ("\ud800"), but it is no character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text: a string of well-formed Unicode. A lone surrogate is refused wherever text is accepted: stored and read back
 * it becomes U+FFFD, so two different names (or titles) would turn into one after a restart.
 */
export const text = () =>
  z.string().refine((s) => !LONE_SURROGATE.test(s), "must be well-formed Unicode text (it holds a lone surrogate)");

const questionText = text().trim().min(1).max(LIMITS.textLength);
const choiceText = text().trim().min(1).max(LIMITS.choiceLength);
const distinctIgnoringCase = (list: string[]) => new Set(list.map((c) => c.toLowerCase())).size === list.length;
const choiceList = z
  .array(choiceText)
  .min(LIMITS.choices.min)
  .max(LIMITS.choices.max)
  .refine(distinctIgnoringCase, { message: "choices must be distinct" });

const questionCommon = {
  text: questionText,
  /** This question's own time limit; the game's `questionSeconds` otherwise. */
  seconds: z.number().int().min(LIMITS.questionSeconds.min).max(LIMITS.questionSeconds.max).optional(),
  /** Double points: the base points are multiplied by two (the streak bonus is not). */
  double: z.boolean().optional(),
  /** Shown to everyone at the reveal. */
  explanation: text().trim().min(1).max(LIMITS.explanationLength).optional(),
  /** Shown by the client next to the question; never fetched by the server. */
  image: text()
    .max(2048)
    .refine((url) => OWN_IMAGE_PATH.test(url) || httpsUrl.safeParse(url).success, {
      message: "image must be an https URL or an uploaded image (/api/images/<hash>)",
    })
    .optional(),
  category: text().trim().min(1).max(40).optional(),
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
    accepted: z.array(text().trim().min(1).max(LIMITS.typedAnswerLength)).min(1).max(LIMITS.acceptedAnswers),
  })
  .extend(questionCommon);
const pollQuestion = z.object({ kind: z.literal("poll"), choices: choiceList }).extend(questionCommon);

const sliderNumber = z.number().min(-LIMITS.slider.maxAbs).max(LIMITS.slider.maxAbs);
const sliderQuestion = z
  .object({
    kind: z.literal("slider"),
    min: sliderNumber,
    max: sliderNumber,
    step: sliderNumber.gt(0).default(1),
    correct: sliderNumber,
    tolerance: sliderNumber.min(0).default(0),
    unit: text().trim().min(1).max(LIMITS.slider.unitLength).optional(),
  })
  .extend(questionCommon)
  // Whether the numbers fit together (the step divides the range, the answer is on a step…): slider.ts says it,
  // even while another field has a problem of its own, so every problem is reported at once.
  .superRefine(
    (q, ctx) => {
      for (const p of sliderProblems(q)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
    },
    { when: (payload) => payload.value !== null && typeof payload.value === "object" },
  );
/** Items written in the right order; each game shows them shuffled. */
const orderQuestion = z
  .object({
    kind: z.literal("order"),
    items: z
      .array(choiceText)
      .min(LIMITS.orderItems.min)
      .max(LIMITS.orderItems.max)
      .refine(distinctIgnoringCase, { message: "items must be distinct" }),
  })
  .extend(questionCommon);

/** A question as authored. `kind` may be left out and then means `choice`. */
export const QuizQuestion = z.preprocess(
  (value) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !("kind" in value)
      ? { ...value, kind: "choice" }
      : value,
  z.discriminatedUnion("kind", [
    choiceQuestion,
    trueFalseQuestion,
    multiQuestion,
    typeQuestion,
    pollQuestion,
    sliderQuestion,
    orderQuestion,
  ]),
);
export type QuizQuestion = z.infer<typeof QuizQuestion>;

/**
 * A quiz: the one documented quiz format (docs/quiz-format.md), what every importer produces and what a host keeps
 * and exports. Its JSON Schema is served at GET /api/quiz-schema.json.
 */
export const Quiz = z
  .object({
    title: text().trim().min(1).max(LIMITS.quizTitleLength),
    questions: z.array(QuizQuestion).min(1).max(LIMITS.customQuestions.max),
  })
  .refine((quiz) => new TextEncoder().encode(JSON.stringify(quiz)).byteLength <= LIMITS.quizBytes, {
    message: `a quiz is at most ${LIMITS.quizBytes / 1024} KB as JSON`,
  });
export type Quiz = z.output<typeof Quiz>;

/** POST /api/quizzes/import: a file's text in one of the formats; `title` names quizzes whose file has none. */
export const ImportQuizBody = z
  .object({
    format: z.enum(QUIZ_FORMATS),
    content: text(),
    title: text().trim().min(1).max(LIMITS.quizTitleLength).optional(),
  })
  .strict();
export type ImportQuizBody = z.input<typeof ImportQuizBody>;

export interface ImportQuizResponse {
  quiz: Quiz;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP bodies.

/** Characters that draw nothing (zero-width, fillers, direction marks, …) and the blank Braille pattern. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * A display name's shape: well-formed, trimmed, 1–24 characters, at least one visible letter, digit, punctuation or
 * symbol (not only zero-width characters, fillers or marks), no control characters, no direction overrides, no line
 * or paragraph separators. What a game accepts beyond that (the nickname filter, names that look alike) is decided by
 * the game: worker/game/names.ts.
 */
export const PlayerName = text()
  // Before trimming, which would quietly drop one at either end.
  .refine((s) => !/[\p{Zl}\p{Zp}]/u.test(s), "a name cannot contain line or paragraph separators")
  .trim()
  .min(1, "a name needs at least one visible character")
  .refine((s) => [...s].length <= LIMITS.nameLength, `a name is at most ${LIMITS.nameLength} characters`)
  .refine((s) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(s), "a name cannot contain control characters")
  .refine(
    (s) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(s.replace(INVISIBLE, "")),
    "a name needs at least one visible character",
  );

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
    /** The "get ready" lead-in before each question's choices open (0: none, the choices open with the question). */
    readSeconds: z
      .number()
      .int()
      .min(LIMITS.readSeconds.min)
      .max(LIMITS.readSeconds.max)
      .default(LIMITS.readSeconds.default),
    category: text().trim().min(1).max(40).optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    questions: z.array(QuizQuestion).min(LIMITS.customQuestions.min).max(LIMITS.customQuestions.max).optional(),
    /** A saved quiz (POST /api/quizzes): its questions and title are copied into the game at creation. */
    quizId: z.string().min(1).max(64).optional(),
    title: text().trim().min(1).max(80).optional(),
    hostName: PlayerName.optional(),
    /** Refuse offensive nicknames (names.ts); the host may turn it off. */
    nameFilter: z.boolean().default(true),
    /** Team mode: players are spread over this many teams (absent: no teams). */
    teams: z.number().int().min(LIMITS.teams.min).max(LIMITS.teams.max).optional(),
    /** `self-paced`: an assignment each player plays alone, on their own clock, until `closesAt`. */
    mode: z.enum(GAME_MODES).default("live"),
    /** When a self-paced assignment closes: epoch ms, or an ISO 8601 time with its offset ("2026-12-07T18:00:00+01:00"). */
    closesAt: z
      .union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso))])
      .optional(),
    /**
     * A big live event: how many shard objects hold the players (docs/scaling.md). 1 is a single object (the
     * default); when absent, `expectedPlayers` picks one shard per 2,000 players.
     */
    shards: z.number().int().min(1).max(128).optional(),
    expectedPlayers: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const problem of closesAtProblems(b.mode, b.closesAt, Date.now())) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: problem });
    }
    if (b.mode === "self-paced" && b.hostName !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["hostName"],
        message: "the host does not play in a self-paced assignment",
      });
    }
    // Team scores are settled at the reveals everyone shares; an assignment's players each have their own.
    if (b.mode === "self-paced" && b.teams !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["teams"],
        message: "team mode is for live games: a self-paced assignment is played alone",
      });
    }
  })
  .refine((b) => !(b.questions && (b.category || b.difficulty)), {
    message: "give either custom questions or a category/difficulty, not both",
    path: ["questions"],
  })
  .refine((b) => !(b.quizId && (b.questions || b.category || b.difficulty)), {
    message: "give a saved quizId or custom questions or a category/difficulty, only one of them",
    path: ["quizId"],
  });
export type CreateGameBody = z.input<typeof CreateGameBody>;

/**
 * What is wrong with a create request's `closesAt` for its `mode` at `now` (empty when nothing is): an assignment
 * needs one, at least `LIMITS.assignment.minOpenMs` and at most `maxOpenMs` ahead; a live game takes none.
 */
export function closesAtProblems(mode: string, closesAt: number | undefined, now: number): string[] {
  const { minOpenMs, maxOpenMs } = LIMITS.assignment;
  if (mode !== "self-paced") {
    return closesAt === undefined ? [] : ['closesAt is only for self-paced assignments (mode "self-paced")'];
  }
  if (closesAt === undefined) return ["a self-paced assignment needs closesAt: when it closes (epoch ms or ISO 8601)"];
  if (closesAt <= now) return ["closesAt is in the past: give a time after now"];
  if (closesAt < now + minOpenMs) return [`closesAt must be at least ${minOpenMs / 60_000} minute from now`];
  if (closesAt > now + maxOpenMs) {
    return [`closesAt is too far ahead: an assignment stays open at most ${maxOpenMs / 86_400_000} days`];
  }
  return [];
}
/** A create request after validation, defaults filled in. */
export type ValidCreateGameBody = z.output<typeof CreateGameBody>;

/**
 * A device id: random, made and kept by the client (the web app keeps one in localStorage), sent with each join so
 * that a kick can keep that device out of the game.
 */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "a device id is 16–64 letters, digits, - or _");

export const JoinBody = z.object({ name: PlayerName.optional(), device: DeviceId.optional() }).strict();
export type JoinBody = z.infer<typeof JoinBody>;

/** POST /api/games/:code/remotes: the pairing code from the host's QR, and how the remote calls itself. */
export const PairBody = z
  .object({
    pairingCode: z.string().min(1).max(64),
    label: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.remoteLabelLength)
      .refine((s) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(s), "a label cannot contain control characters")
      .optional(),
  })
  .strict();
export type PairBody = z.infer<typeof PairBody>;

// ---------------------------------------------------------------------------------------------------------------
// WebSocket: client → server.

/**
 * The schema of an `AnswerChoice` (values.ts), held to that type so the two cannot drift. A number is a choice's
 * index or a slider's value; the array a multi set or an order; the game checks each against the open question.
 */
const answerChoice: z.ZodType<AnswerChoice> = z.union([
  z.number().min(-LIMITS.slider.maxAbs).max(LIMITS.slider.maxAbs),
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
  text().max(LIMITS.typedAnswerLength),
]);

export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal("answer"), index: z.number().int().min(0), choice: answerChoice }),
  // Fair timing: the echo of a `welcome`'s or a `reveal`'s serverTime, sent the moment it arrives (the round trip).
  z.object({ type: z.literal("pong"), serverTime: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  z.object({ type: z.literal("start") }),
  z.object({ type: z.literal("next") }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("kick"), playerId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("lock") }),
  z.object({ type: z.literal("unlock") }),
  z.object({ type: z.literal("end") }),
  // Moderation: what the big screen shows.
  z.object({ type: z.literal("hideName"), playerId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("unhideName"), playerId: z.string().min(1).max(64) }),
  z.object({
    type: z.literal("hideAnswer"),
    index: z.number().int().min(0),
    text: z.string().max(LIMITS.typedAnswerLength),
  }),
  z.object({
    type: z.literal("unhideAnswer"),
    index: z.number().int().min(0),
    text: z.string().max(LIMITS.typedAnswerLength),
  }),
  // Team games: move a player to another team (in the lobby).
  z.object({
    type: z.literal("moveTeam"),
    playerId: z.string().min(1).max(64),
    team: z
      .number()
      .int()
      .min(0)
      .max(LIMITS.teams.max - 1),
  }),
  // The whole player list, once (host and remotes).
  z.object({ type: z.literal("players") }),
  // Remotes (the host's own screen only).
  z.object({ type: z.literal("pair") }),
  z.object({ type: z.literal("cancelPairing") }),
  z.object({ type: z.literal("revokeRemote"), remoteId: z.string().min(1).max(64) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
/** Messages only the host's seats (the host and its remotes) may send. */
export type HostMessage = Exclude<ClientMessage, { type: "hello" | "answer" | "pong" }>;
/** The host's messages the game's rules decide (the engine's `command` event); the rest the room answers itself. */
export type GameCommand = Exclude<HostMessage, { type: "players" | "pair" | "cancelPairing" | "revokeRemote" }>;
export type HostCommand = GameCommand["type"];
