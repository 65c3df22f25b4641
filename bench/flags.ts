/**
 * The bench's flags: the usage text, parsing, and the checks that turn them into a BenchConfig (or a UsageError
 * that names the flag and what it must be).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { killCapacity } from "./kill-plan.ts";
import { type BenchConfig, DEFAULTS } from "./workload.ts";

export const HELP = `Usage: npm run bench -- [flags]

Plays whole trivia games with simulated players against the real worker in workerd (or --url) and reports
latency, server CPU and memory, traffic per player, and correctness. Defaults are the standard workload.

  --players N            players per game (default ${DEFAULTS.players})
  --questions N          questions per game, 4 choices each (default ${DEFAULTS.questions})
  --seconds N            time limit per question, 5-120 (default ${DEFAULTS.seconds}; closes early once all answered)
  --window MS            bots answer after a uniform random think time in [0, MS) (default ${DEFAULTS.answerWindowMs})
  --games N              games played at once, each with --players bots (default ${DEFAULTS.games})
  --procs N              bot processes (default ${DEFAULTS.procs})
  --right P              share of right answers, 0-1 (default ${DEFAULTS.right})
  --never P              share of (player, question) pairs left unanswered, 0-1 (default ${DEFAULTS.never})
  --reconnect P          share of players that drop and reconnect once mid-question, 0-1 (default ${DEFAULTS.reconnect})
  --host-wait MS         the host's pause before start and before each next (default ${DEFAULTS.hostWaitMs})
  --read-seconds N       the "get ready" lead-in before each question's choices open, 0-10 (default ${DEFAULTS.readSeconds}:
                         none); question fan-out is then measured from the planned opening, not the host's command
  --teams N              team mode with N teams, 2-8 (default ${DEFAULTS.teams}: no teams)
  --shards N             shard objects per game, 1-128 (default ${DEFAULTS.shards}: a single object); question fan-out is
                         then measured from the scheduled opening, and the report adds the coordinator's calls
  --join-concurrency N   joins in flight at once over all bot processes (default ${DEFAULTS.joinConcurrency})
  --deflate              offer permessage-deflate like a browser (default off)
  --latency MS           each bot's one-way network delay, ms: a fixed value (150) or a range (20-300), drawn per
                         bot from the seed and added to everything it sends and receives; reports fairness: the
                         points the slowest-network quarter loses beyond the fastest, with fair timing (bots that
                         echo the server's probes, even numbers) and without (bots that never do, odd numbers)
  --url URL              measure a running server instead of starting one (its join limit must allow the bots)
  --server-pid PID       with --url on this machine: the workerd process to read CPU and memory from
  --out DIR              where the JSON report and the SVG chart go (default ${DEFAULTS.out})
  --label NAME           file name prefix for the results (default: time and size of the run)
  --seed N               seed for the bots' decisions and the --chaos kills (default ${DEFAULTS.seed})
  --chaos N              kill workerd with SIGKILL at N moments of the game (joins, mid-question, right after acks,
                         mid-reveal; drawn from --seed), restart it on the same state, and check that nothing
                         acknowledged was lost (at most --questions + 1; not with --url or --profile)
  --checkout DIR         build the worker from another checkout of this repo (compare a change with a baseline)
  --profile              profile workerd with the V8 inspector (join and game phases); name the hot functions
  --strict               also exit 1 when a performance target is missed
  --quiet                no progress bar and no summary (the JSON report is still written)
  --help                 this text
`;

/** A flag the bench cannot run with; the message names it (exit status 2). */
export class UsageError extends Error {}

/** The flags as a config, or `help` when --help asked for the usage text; throws UsageError on a bad flag. */
export function parseFlags(argv: string[]): { help: true } | { help: false; config: BenchConfig } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  return { help: false, config: validate(values) };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      players: { type: "string" },
      questions: { type: "string" },
      seconds: { type: "string" },
      window: { type: "string" },
      "answer-window": { type: "string" },
      games: { type: "string" },
      procs: { type: "string" },
      right: { type: "string" },
      never: { type: "string" },
      reconnect: { type: "string" },
      "host-wait": { type: "string" },
      "read-seconds": { type: "string" },
      teams: { type: "string" },
      shards: { type: "string" },
      "join-concurrency": { type: "string" },
      deflate: { type: "boolean" },
      latency: { type: "string" },
      url: { type: "string" },
      "server-pid": { type: "string" },
      out: { type: "string" },
      label: { type: "string" },
      seed: { type: "string" },
      chaos: { type: "string" },
      profile: { type: "boolean" },
      checkout: { type: "string" },
      strict: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}

function validate(values: ReturnType<typeof parse>["values"]): BenchConfig {
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
    }
    return n;
  };
  const share = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 1)
      throw new UsageError(`--${name} must be a number from 0 to 1; got "${raw}".`);
    return n;
  };
  const seconds = int("seconds", values.seconds, DEFAULTS.seconds, 5, 120);
  // 0 (none) or a team count the game accepts.
  const teams = int("teams", values.teams, DEFAULTS.teams, 0, 8);
  if (teams === 1) throw new UsageError('--teams must be 0 (no teams) or a whole number from 2 to 8; got "1".');
  const shards = int("shards", values.shards, DEFAULTS.shards, 1, 128);
  // The server refuses the pair (docs/scaling.md): say so before anything starts.
  if (teams > 0 && shards > 1)
    throw new UsageError("--teams and --shards above 1 do not go together: a sharded game has no teams yet.");
  const windowRaw = values.window ?? values["answer-window"];
  const answerWindowMs = int("window", windowRaw, DEFAULTS.answerWindowMs, 1, 120_000);
  // Bots must answer before the deadline, with room for the trip to the server.
  if (answerWindowMs > seconds * 1000 - 500) {
    throw new UsageError(
      `--window (${answerWindowMs} ms) must end at least 500 ms before the question's time limit (--seconds ${seconds}).`,
    );
  }
  const latency = values.latency === undefined ? null : parseLatency(values.latency);
  // The slowest bot's answer must still arrive before the deadline.
  if (latency && answerWindowMs + 2 * latency.max > seconds * 1000 - 500) {
    throw new UsageError(
      `--window (${answerWindowMs} ms) plus the longest round trip of --latency (2 × ${latency.max} ms) must end at least 500 ms before the question's time limit (--seconds ${seconds}).`,
    );
  }
  let url: string | null = null;
  if (values.url !== undefined) {
    try {
      const u = new URL(values.url);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
      url = u.origin;
    } catch {
      throw new UsageError(`--url must be an http(s) address like http://127.0.0.1:8787; got "${values.url}".`);
    }
  }
  const serverPid = values["server-pid"] === undefined ? null : int("server-pid", values["server-pid"], 0, 1, 2 ** 31);
  if (serverPid !== null && !url) throw new UsageError("--server-pid only makes sense with --url.");
  if (values.profile && url) throw new UsageError("--profile needs the bench's own server (leave out --url).");
  const questions = int("questions", values.questions, DEFAULTS.questions, 1, 50);
  const chaos = int("chaos", values.chaos, DEFAULTS.chaos, 0, 1000);
  if (chaos > killCapacity(questions)) {
    throw new UsageError(
      `--chaos ${chaos} does not fit ${questions} question${questions === 1 ? "" : "s"}: at most ${killCapacity(questions)} kills (one while players join, one per question).`,
    );
  }
  if (chaos > 0 && url)
    throw new UsageError("--chaos kills the bench's own workerd, so it cannot be combined with --url.");
  if (chaos > 0 && values.profile) throw new UsageError("--chaos restarts workerd, which a --profile cannot follow.");
  const label = values.label ?? null;
  if (label !== null && !/^[\w.-]{1,80}$/.test(label)) {
    throw new UsageError(`--label may hold letters, digits, dot, dash and underscore (1-80); got "${label}".`);
  }
  return {
    players: int("players", values.players, DEFAULTS.players, 1, 10_000),
    questions,
    seconds,
    answerWindowMs,
    games: int("games", values.games, DEFAULTS.games, 1, 50),
    procs: int("procs", values.procs, DEFAULTS.procs, 1, 32),
    right: share("right", values.right, DEFAULTS.right),
    never: share("never", values.never, DEFAULTS.never),
    reconnect: share("reconnect", values.reconnect, DEFAULTS.reconnect),
    hostWaitMs: int("host-wait", values["host-wait"], DEFAULTS.hostWaitMs, 0, 60_000),
    readSeconds: int("read-seconds", values["read-seconds"], DEFAULTS.readSeconds, 0, 10),
    teams,
    shards,
    joinConcurrency: int("join-concurrency", values["join-concurrency"], DEFAULTS.joinConcurrency, 1, 10_000),
    deflate: values.deflate ?? false,
    latency,
    url,
    serverPid,
    out: values.out ?? DEFAULTS.out,
    label,
    seed: int("seed", values.seed, DEFAULTS.seed, 0, 2 ** 31),
    chaos,
    quiet: values.quiet ?? false,
    strict: values.strict ?? false,
    profile: values.profile ?? false,
    checkout: values.checkout ? checkoutDir(values.checkout, url) : null,
  };
}

/** "150" or "20-300": one-way delays in ms, 0 to 5,000. */
export function parseLatency(raw: string): { min: number; max: number } {
  const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(raw.trim());
  const min = Number(m?.[1]);
  const max = m?.[2] === undefined ? min : Number(m[2]);
  if (!m || min > max || max > 5_000) {
    throw new UsageError(
      `--latency must be a one-way delay in ms from 0 to 5000, or a range like 20-300 (low first); got "${raw}".`,
    );
  }
  return { min, max };
}

function checkoutDir(dir: string, url: string | null): string {
  if (url) throw new UsageError("--checkout builds a worker, so it cannot be combined with --url.");
  const abs = path.resolve(dir);
  if (!fs.existsSync(path.join(abs, "wrangler.toml"))) {
    throw new UsageError(`--checkout must point at a checkout with a wrangler.toml; ${abs} has none.`);
  }
  return abs;
}
