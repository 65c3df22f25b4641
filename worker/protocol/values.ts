/**
 * The wire protocol's values and server → client types: what both sides need at run time, with no schema library.
 *
 * Limits, codes, enumerations and the messages the server builds live here; the zod schemas that validate what
 * clients send are in `schemas.ts`, which imports this module. The web app imports this half directly, so a
 * player's phone gets these values without downloading zod. `docs/protocol.md` explains each message in prose.
 */

// ---------------------------------------------------------------------------------------------------------------
// Limits shared by the server, the importers and the screens.

export const LIMITS = {
  questionCount: { min: 1, max: 50, default: 10 },
  questionSeconds: { min: 5, max: 120, default: 20 },
  revealSeconds: { min: 0, max: 60, default: 5 },
  /** The "get ready" lead-in: the question's text alone before its choices open. 0 (the API's default): none. */
  readSeconds: { min: 0, max: 10, default: 0 },
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
  /**
   * Each socket's message budget (a token bucket): `burst` frames at once, refilled at `perSecond`. Frames beyond it
   * are dropped unread and unanswered; a socket that goes `floodFrames` beyond it is closed (CLOSE_CODES.flooding).
   */
  messageBudget: { burst: 40, perSecond: 5, floodFrames: 100 },
  /** Error replies to one socket: at most `burst` at once, then `perSecond`; the rest are not sent. */
  errorReplies: { burst: 10, perSecond: 1 },
  /**
   * Sockets that have not said hello yet, per game and per client address (a school behind one NAT address
   * reconnecting at once holds a few dozen for a moment: each says hello as soon as it opens). Beyond either, an
   * upgrade is refused with 429 too_many_connections.
   */
  pendingSockets: { perGame: 2000, perAddress: 200 },
  /**
   * Signed-in sockets one player may hold (tabs, devices, a reconnect before the old socket is noticed gone): each
   * gets every broadcast, so a token opened thousands of times would multiply the game's fan-out. Beyond it, the
   * oldest is closed (CLOSE_CODES.replaced).
   */
  socketsPerPlayer: 5,
  leaderboardSize: 10,
  lobbyRecentNames: 8,
  /** An `order` question's items: 3 to 6, each at most `choiceLength` characters. */
  orderItems: { min: 3, max: 6 },
  slider: {
    /** Every number of a slider question is between −maxAbs and maxAbs ... */
    maxAbs: 1_000_000_000,
    /** ... with at most this many decimal places, so the arithmetic on them is exact. */
    decimals: 4,
    /**
     * A slider has at most this many steps from `min` to `max`: a phone's slider is about 300 pixels wide, and a
     * player should reach any value with a drag and a few taps of − and +.
     */
    maxSteps: 1000,
    unitLength: 20,
    /** The reveal's distribution of guesses has at most this many bars, whatever the number of players. */
    histogramBins: 20,
  },
  /** The host's live lobby list holds the newest this many players (the whole list is fetched with `players`). */
  lobbyHostNames: 400,
  /** A remote's label (the device's kind, e.g. "iPhone · Safari"). */
  remoteLabelLength: 40,
  /** Team mode: how many teams a game may have (`teams` in POST /api/games; absent: no teams). */
  teams: { min: 2, max: 8 },
  /** A self-paced assignment closes at `closesAt`: at least a minute and at most 14 days after it is created. */
  assignment: { minOpenMs: 60_000, maxOpenMs: 14 * 24 * 3_600_000 },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Teams.

/**
 * A team's look: its name (which says its colour, so the colour is never the only sign) and a colour from the
 * Okabe–Ito palette, which stays distinguishable with the common colour-vision deficiencies (black, unreadable on the
 * app's dark background, is replaced by silver). Team `i` of a game is `TEAMS[i]`.
 */
export interface TeamLook {
  name: string;
  /** The colour's name, for screen readers and for anyone who cannot tell the swatch. */
  colour: string;
  /** The colour as CSS. */
  hex: string;
}

export const TEAMS: readonly TeamLook[] = [
  { name: "Orange Otters", colour: "orange", hex: "#E69F00" },
  { name: "Sky Swallows", colour: "sky blue", hex: "#56B4E9" },
  { name: "Green Geckos", colour: "green", hex: "#009E73" },
  { name: "Yellow Yaks", colour: "yellow", hex: "#F0E442" },
  { name: "Blue Whales", colour: "blue", hex: "#0072B2" },
  { name: "Red Foxes", colour: "vermilion", hex: "#D55E00" },
  { name: "Pink Flamingos", colour: "pink", hex: "#CC79A7" },
  { name: "Silver Wolves", colour: "silver", hex: "#BBBBBB" },
];

/** A team's place after a reveal (and at the end): in `reveal.teams` and `gameOver.teams`, best first. */
export interface TeamStanding {
  /** The team's index (its look is `TEAMS[team]`). */
  team: number;
  name: string;
  /** The sum over the questions of the mean of its members' points. */
  score: number;
  /** Competition ranking, like the players'. */
  rank: number;
  /** Rank after the previous reveal; null the first time. */
  previousRank: number | null;
  /** Questions in a row that at least half of the team's members got right. */
  streak: number;
  /** What the last revealed question added (the mean of its members' points, rounded). */
  points: number;
  /** Members still in the game (in a reveal: those who took part in its question). */
  members: number;
}

/** A player's own team, merged into `you` of `reveal` and `gameOver` in team games. */
export interface YourTeam {
  team: number;
  rank: number;
  score: number;
}

/**
 * How a game is played: `live` (everyone answers the same question at the same time, the host moves on) or
 * `self-paced` (an assignment: each player plays alone, on their own clock, until `closesAt`).
 */
export const GAME_MODES = ["live", "self-paced"] as const;

/**
 * How a slider's points fall off: full points within the tolerance, then linearly down to nothing at this share of
 * the slider's range (max − min) beyond the tolerance. A share of the range, not a fixed distance, so the rule means
 * the same on a scale of years, of metres or of percent: the author's range is the room's scale of plausible guesses.
 */
export const SLIDER_FALLOFF_SHARE = 0.1;

// ---------------------------------------------------------------------------------------------------------------
// Enumerations.

export const QUESTION_KINDS = ["choice", "truefalse", "multi", "type", "poll", "slider", "order"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * An image uploaded to this deployment (POST /api/images), referred to by its root-relative path so a quiz works on
 * any origin; clients resolve it against the API's origin. Any other image must be an https URL.
 */
export const OWN_IMAGE_PATH = /^\/api\/images\/[0-9a-f]{64}$/;

export const QUIZ_FORMATS = ["json", "csv", "opentdb"] as const;
export type QuizFormat = (typeof QUIZ_FORMATS)[number];
/** The title a spreadsheet quiz gets when it has no Title row (the host screen then prefers the file's name). */
export const DEFAULT_CSV_TITLE = "Imported quiz";

/** `ready`: the "get ready" lead-in of a game with `readSeconds` > 0: the question's text shows, its choices not yet. */
export const PHASES = ["lobby", "ready", "question", "reveal", "finished"] as const;
export type Phase = (typeof PHASES)[number];

/** `remote`: a phone paired as the host's remote control; it controls the game as the host does, with its own token. */
export type Role = "host" | "player" | "remote";

/** What players' screens get instead of a name the host hid (the host's own seats get the name, marked hidden). */
export const HIDDEN_NAME = "Hidden name";

/** How long a pairing code for a remote stays usable. */
export const PAIRING_TTL_MS = 60_000;

/**
 * An answer's choice: an index (choice, truefalse: 0 = true, 1 = false; poll), a set of indexes (multi), text
 * (type), a number on the scale (slider), or every shown index in the order the player put them (order).
 */
export type AnswerChoice = number | number[] | string;

/** A slider's scale as players see it: values from `min` to `max` in steps of `step`, with an optional unit. */
export interface SliderScale {
  min: number;
  max: number;
  step: number;
  /** Shown after the number ("km", "years", "%"). */
  unit?: string;
}

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
  "too_many_connections",
  "game_not_found",
  "unknown_category",
  "not_enough_questions",
  "name_taken",
  "name_not_allowed",
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
  "device_banned",
  "pairing_invalid",
  "pairing_used",
  "pairing_expired",
  "assignment_closed",
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
  "question_not_open",
  "invalid_answer",
  "player_not_found",
  "answer_not_found",
  "remote_not_found",
  "remote_not_allowed",
  "remote_revoked",
  "no_teams",
  "team_not_found",
  "game_expired",
  "too_many_messages",
  "too_many_sockets",
  "self_paced",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: string[];
    /** invalid_quiz: every problem found in the file, each a sentence that says where ("row 7: ..."). */
    problems?: string[];
  };
}

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
  /** The host revoked this remote; its token no longer works. */
  remoteRevoked: 4005,
  /** The first message was not a valid `hello`. */
  protocolError: 4008,
  /** The same player signed in on too many sockets (LIMITS.socketsPerPlayer); this, the oldest, was closed. */
  replaced: 4009,
  /** The socket kept sending beyond its message budget (LIMITS.messageBudget). */
  flooding: 4029,
} as const;

export const HELLO_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// HTTP responses.

export interface CreateGameResponse {
  code: string;
  hostToken: string;
  joinUrl: string;
  /** Set when `hostName` was given: the host also plays under this id. */
  hostPlayerId?: string;
  questionCount: number;
  /** Self-paced assignments only: the mode and when the assignment closes (epoch ms). */
  mode?: "self-paced";
  closesAt?: number;
}

export interface GameInfo {
  code: string;
  phase: Phase;
  playerCount: number;
  questionCount: number;
  joinable: boolean;
  locked: boolean;
  title?: string;
  /** Self-paced assignments only. */
  mode?: "self-paced";
  closesAt?: number;
}

export interface JoinResponse {
  playerId: string;
  playerToken: string;
  name: string;
}

/** POST /api/games/:code/remotes: a pairing code exchanged for a remote's own seat. */
export interface PairResponse {
  remoteId: string;
  remoteToken: string;
  label: string;
}

export interface CategoryInfo {
  id: string;
  label: string;
  questionCount: number;
  byDifficulty: Record<Difficulty, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// WebSocket: server → client. These are TypeScript types (the server builds them; clients read them).

export interface PlayerSummary {
  id: string;
  name: string;
  score: number;
  connected: boolean;
  /** Team games: the player's team (an index into `TEAMS`). */
  team?: number;
}

/** One row of the host's player list (`players`): everything about a player a moderator needs. */
export interface PlayerListEntry extends PlayerSummary {
  /** Place in the standings (competition ranking); the same for everyone before the first reveal. */
  rank: number;
  /** The host hid this name from the big screen. */
  hidden: boolean;
  /** Self-paced assignments only: how far this player has got. */
  progress?: PlayerProgress;
}

/** A player's progress through a self-paced assignment. */
export interface PlayerProgress {
  /** Questions this player has done (answered or timed out). */
  done: number;
  /** Server epoch ms of the player's first question; null before they start. */
  startedAt: number | null;
  /** Server epoch ms when they finished the last question; null until then. */
  finishedAt: number | null;
}

/** A self-paced assignment as everyone sees it: when it closes and whether it has. */
export interface AssignmentInfo {
  closesAt: number;
  /** The assignment is closed (at `closesAt` or early by the host): nothing more is accepted. */
  closed: boolean;
  /** In a player's own snapshot: how many questions they have done (answered or run out). */
  done?: number;
}

/** The host's live figures for a self-paced assignment (the `assignment` message and the host's snapshot). */
export interface AssignmentStats extends AssignmentInfo {
  /** Players who joined (still in the assignment). */
  joined: number;
  /** ... who opened their first question. */
  started: number;
  /** ... who did every question. */
  finished: number;
  /** Mean score of those who finished (0 when nobody has). */
  averageScore: number;
}

/** What the host hid from the big screen: player ids, and typed answers as `{index, text}` (text as shown). */
export interface ModerationState {
  hiddenPlayers: string[];
  hiddenAnswers: { index: number; text: string }[];
}

/** A phone paired as a remote, as the host's screen lists it. */
export interface RemoteSummary {
  id: string;
  label: string;
  pairedAt: number;
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
  /** Team games: the player's team (an index into `TEAMS`). */
  team?: number;
}

/** A question as the players see it: never its answer. */
export interface QuestionPayload {
  index: number;
  total: number;
  kind: QuestionKind;
  text: string;
  /** Labels to pick from; `["True", "False"]` for truefalse; order: the items to put in order, shuffled; absent for `type` and `slider`. */
  choices?: string[];
  /** slider: the scale to pick a number from. */
  slider?: SliderScale;
  image?: string;
  double: boolean;
  category?: string;
  durationMs: number;
  /** Server epoch ms when the question closes; null while paused. */
  deadline: number | null;
  /** Server epoch ms when the question went out (speed is measured from here). */
  startedAt: number;
}

/**
 * The "get ready" lead-in: the question as it will open, without its choices, and when they open. Only in games with
 * `readSeconds` > 0.
 */
export interface ReadyPayload {
  index: number;
  total: number;
  kind: QuestionKind;
  text: string;
  image?: string;
  double: boolean;
  category?: string;
  /** The question's time limit, counted from the open. */
  durationMs: number;
  /** How long the lead-in lasts (`readSeconds` × 1000). */
  readMs: number;
  /** Server epoch ms when the choices are due to open; null while paused. */
  opensAt: number | null;
}

/** The correct answer, revealed once the question is closed. */
export interface CorrectAnswer {
  /** choice/truefalse: the one index; multi: every correct index; order: every index, in the right order; poll, type, slider: empty. */
  choices: number[];
  /** type: the accepted answers as authored. */
  accepted?: string[];
  /** slider: the right value ... */
  value?: number;
  /** ... and how far from it a guess still counts as right (full points). */
  tolerance?: number;
}

/**
 * slider: how the guesses spread over the scale, in at most `LIMITS.slider.histogramBins` bars, so a reveal stays
 * small however many play. Bar i counts the guesses from `min + i × binWidth` up to (not including) the next bar's
 * start; the last bar ends at the scale's max, inclusive.
 */
export interface SliderHistogram {
  min: number;
  binWidth: number;
  counts: number[];
  /** The middle guess (the lower of the two middle ones for an even count); null when nobody answered. */
  median: number | null;
}

export interface RevealPayload {
  index: number;
  total: number;
  kind: QuestionKind;
  correct: CorrectAnswer;
  /**
   * How many players picked each choice (multi: each choice counted once per player who picked it); order: for each
   * item, how many put it in its right place; slider and type: empty.
   */
  counts: number[];
  /** slider: the distribution of guesses. */
  histogram?: SliderHistogram;
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
  /** Team games: every team's standing, best first (where `leaderboard` goes: the host's reveal and snapshots). */
  teams?: TeamStanding[];
}

/** A player's own figures, merged into `reveal` and `gameOver` for each player. */
export interface PlayerResult {
  answered: boolean;
  correct: boolean;
  points: number;
  streak: number;
  score: number;
  rank: number;
  /** Team games: the player's team and its place. */
  team?: YourTeam;
}

export interface GameOverPayload {
  podium: LeaderboardEntry[];
  leaderboard: LeaderboardEntry[];
  playerCount: number;
  questionCount: number;
  /** Team games: every team's final standing, best first. */
  teams?: TeamStanding[];
}

export interface LobbyPayload {
  playerCount: number;
  connectedCount: number;
  locked: boolean;
  /** Host only: every player. */
  players?: PlayerSummary[];
  /** Players: the newest names, newest last. */
  recent?: string[];
  /** Team games, host only: how many players each team has (by team index). */
  teamSizes?: number[];
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
  /** During the lead-in (phase `ready`) only. */
  ready?: ReadyPayload;
  /** Host and remotes, when the host has hidden anything. */
  moderation?: ModerationState;
  /** Host and remotes, when phones have been paired as remotes. */
  remotes?: RemoteSummary[];
  /** Team games: how many teams (team `i` looks like `TEAMS[i]`). */
  teams?: number;
  /**
   * Self-paced assignments only. Players get `{closesAt, closed}` and their own progress as the phase, question,
   * reveal and game over; the host's seats get the live figures too (`phase` is `lobby` while the assignment is open).
   */
  assignment?: AssignmentInfo | AssignmentStats;
}

export interface YouState {
  score: number;
  rank: number;
  streak: number;
  /** The answer this player gave to the current question, if any. */
  answer: AnswerChoice | null;
  /** Result of the question being revealed, if it has been revealed. */
  result: PlayerResult | null;
  /** Team games: this player's team, and its place once a question has been revealed. */
  team?: YourTeam;
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
  | ({ type: "ready"; serverTime: number } & ReadyPayload)
  | ({ type: "question"; serverTime: number } & QuestionPayload)
  | { type: "answered"; index: number; choice: AnswerChoice; elapsedMs: number; serverTime: number }
  | { type: "progress"; index: number; answered: number; connected: number }
  | ({ type: "reveal"; serverTime: number; you?: PlayerResult } & RevealPayload)
  | ({ type: "paused"; serverTime: number; phase: Phase } & PausedState)
  | {
      type: "resumed";
      serverTime: number;
      phase: Phase;
      deadline: number | null;
      nextAt: number | null;
      /** In the lead-in only: when the choices now open. */
      opensAt?: number;
    }
  | ({
      type: "gameOver";
      serverTime: number;
      you?: { rank: number; score: number; team?: YourTeam };
      /** Self-paced assignments only: the leaderboard is of those who finished; `closed` whether it has closed. */
      assignment?: AssignmentInfo;
    } & GameOverPayload)
  /** Team games: the host moved this player to another team (sent to that player). */
  | { type: "team"; team: number }
  /** `leaderboard`: the top 10 of those who finished. */
  | ({ type: "assignment"; leaderboard: LeaderboardEntry[] } & AssignmentStats)
  | { type: "locked"; locked: boolean }
  | { type: "players"; players: PlayerListEntry[]; serverTime: number }
  | ({ type: "moderation" } & ModerationState)
  | { type: "remotes"; remotes: RemoteSummary[] }
  | { type: "pairing"; pairingCode: string; expiresAt: number; serverTime: number }
  | { type: "paired"; remote: RemoteSummary }
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
  /** The choices (order: the items) in the order this game showed them; absent for `type` and `slider`. */
  choices?: string[];
  /**
   * The right answers as text: the correct choices, a `type` question's accepted answers, a slider's value with its
   * unit and tolerance ("1969 (± 2)"), an order question's items in the right order; empty for a poll.
   */
  correct: string[];
  double: boolean;
  answered: number;
  correctCount: number;
}

export interface ResultsAnswer {
  question: number;
  answered: boolean;
  /**
   * The answer as text: the choice's label, several labels joined with "; " (multi), what was typed, the number with
   * its unit (slider), or the items in the player's order joined with " → " (order).
   */
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
  /** Team games: the player's team's name. */
  team?: string;
  score: number;
  correctCount: number;
  /** One entry per closed question, in question order. */
  answers: ResultsAnswer[];
  /** Self-paced assignments only: how far the player got (ISO 8601 times). */
  progress?: { done: number; startedAt: string | null; finishedAt: string | null };
}

export interface GameResults {
  code: string;
  title?: string;
  /** Self-paced assignments only, with when the assignment closes (or closed), ISO 8601. */
  mode?: "self-paced";
  closesAt?: string;
  phase: Phase;
  /** Server time the results were read, ISO 8601. Mid-game results cover the closed questions only. */
  generatedAt: string;
  questionCount: number;
  /** Questions closed so far (all of them once the game is over, fewer if the host ended it early). */
  questionsPlayed: number;
  questions: ResultsQuestion[];
  /** Team games: the team standings, best first (before `players`, so a stream writes them first). */
  teams?: TeamStanding[];
  /** Ordered by rank (competition ranking: equal scores share a rank). Removed players are left out. */
  players: ResultsPlayer[];
}
