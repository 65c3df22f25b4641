/**
 * `--chaos N`: kills the bench's workerd with SIGKILL at the N moments kill-plan.ts drew, one after the other, while
 * the run goes on. It follows the run through the fleet's events (joins, acknowledgements) and the first host's
 * (questions, reveals, welcomes); at each planned moment it kills workerd (under-test.ts), which miniflare starts
 * again on the same state and port, tells the bot processes, and waits until every bot and host the kill cut off
 * has been welcomed back before it arms the next kill. What each kill did is judged after the run (outages.ts).
 */
import type { KillOutcome } from "./checks.ts";
import type { BotFleet } from "./fleet.ts";
import type { HostBot } from "./host.ts";
import { describeKill, type KillHit, landedOff, type PlannedKill } from "./kill-plan.ts";
import type { ServerUnderTest } from "./under-test.ts";
import { epochNow, sleep } from "./workload.ts";

/** One kill as it happened. */
export interface KillRecord extends KillOutcome {
  plan: PlannedKill;
  hit: KillHit | null;
  /** The workerd process killed, and the one miniflare started in its place. */
  pid: number | null;
  newPid: number | null;
}

/** How long workerd may take to listen again, and everyone to be back, before the run gives up on a kill. */
const RESTART_TIMEOUT_MS = 60_000;
const BACK_TIMEOUT_MS = 120_000;

export class Chaos {
  readonly kills: KillRecord[] = [];
  private joined = 0;
  private readonly acked = new Map<number, number>();
  private ended = false;
  private waiters: { test: () => boolean; resolve: (ok: boolean) => void }[] = [];
  private running: Promise<void> | null = null;
  /** While a kill's players and hosts are on their way back: resolves once they are (or the wait gave up). */
  private recovering: Promise<void> | null = null;

  private readonly plan: PlannedKill[];
  private readonly server: ServerUnderTest;
  private readonly fleet: BotFleet;
  private readonly hosts: HostBot[];
  private readonly totalPlayers: number;
  private readonly say: (line: string) => void;

  constructor(
    plan: PlannedKill[],
    run: {
      server: ServerUnderTest;
      fleet: BotFleet;
      hosts: HostBot[];
      totalPlayers: number;
      say: (line: string) => void;
    },
  ) {
    this.plan = plan;
    this.server = run.server;
    this.fleet = run.fleet;
    this.hosts = run.hosts;
    this.totalPlayers = run.totalPlayers;
    this.say = run.say;
  }

  /** What the bots must report as it happens for the kills to be timed: every join and every ack of game 1. */
  static watch(questions: number) {
    return { joins: true, acks: Array.from({ length: questions }, (_, q) => q) };
  }

  /** Starts following the run; the kills come as it reaches their moments. */
  start(): void {
    const poke = () => this.poke();
    this.fleet.on("joined", () => {
      this.joined++;
      poke();
    });
    this.fleet.on("acked", (index) => {
      this.acked.set(index, (this.acked.get(index) ?? 0) + 1);
      poke();
    });
    this.fleet.on("phase", poke);
    const first = this.hosts[0];
    for (const host of this.hosts) host.on("welcome", poke);
    first?.on("question", poke);
    first?.on("reveal", poke);
    this.running = this.killAll();
  }

  /**
   * Resolves once nobody is on the way back from a kill. The game starts only then: every bot has joined once when
   * the joins are over, but players a kill during the joins cut off may still be reconnecting, and a host would not
   * start with part of the room still coming back (nor would the next kill come while they are).
   */
  async settled(): Promise<void> {
    await this.recovering;
  }

  /** The run is over: kills not yet come never will (they are reported as such). */
  async stop(): Promise<void> {
    this.ended = true;
    this.poke();
    await this.running;
  }

  private async killAll(): Promise<void> {
    for (const [k, plan] of this.plan.entries()) {
      const record: KillRecord = {
        plan,
        planned: describeKill(plan),
        off: null,
        hit: null,
        at: 0,
        upAt: null,
        backAt: null,
        pid: null,
        newPid: null,
      };
      this.kills.push(record);
      if (!(await this.moment(plan)) || this.ended) {
        record.off = "the run ended before its moment came";
        continue;
      }
      if (!(await this.killAndWait(k, record))) break;
    }
  }

  /** Waits for the planned moment; false if the run ended first. */
  private async moment(plan: PlannedKill): Promise<boolean> {
    const host = this.hosts[0];
    if (!host) return false;
    switch (plan.phase) {
      case "join":
        return this.until(() => this.joined >= Math.ceil(plan.joinedShare * this.totalPlayers));
      case "ack":
        return this.until(
          () =>
            (this.acked.get(plan.question) ?? 0) >= plan.afterAcks ||
            host.revealReceivedAt[plan.question] !== undefined,
        );
      case "question":
      case "reveal": {
        const times = plan.phase === "question" ? host.questionReceivedAt : host.revealReceivedAt;
        if (!(await this.until(() => times[plan.question] !== undefined))) return false;
        await sleep(Math.max(0, (times[plan.question] as number) + plan.delayMs - epochNow()));
        return !this.ended;
      }
    }
  }

  /**
   * Kills workerd, waits for the restart and for everyone to be back; false if the server did not come back. Until
   * then, settled() waits too.
   */
  private async killAndWait(k: number, record: KillRecord): Promise<boolean> {
    let settle = () => {};
    this.recovering = new Promise<void>((resolve) => {
      settle = resolve;
    });
    try {
      return await this.killAndRecover(k, record);
    } finally {
      this.recovering = null;
      settle();
    }
  }

  private async killAndRecover(k: number, record: KillRecord): Promise<boolean> {
    const hit = this.where();
    record.hit = hit;
    record.off = landedOff(record.plan, hit);
    const kill = this.server.kill(RESTART_TIMEOUT_MS);
    record.at = kill.at;
    record.pid = kill.pid;
    const botsBack = this.fleet.killed(k, kill.at, BACK_TIMEOUT_MS);
    // With many games at once, some may be over by now: their hosts (and bots) have nothing to come back to.
    const cutOffHosts = this.hosts.filter((h) => !h.gameOver);
    const hostsBack = this.until(() => cutOffHosts.every((h) => h.welcomedAt > kill.at), BACK_TIMEOUT_MS);
    try {
      const up = await kill.restarted;
      record.upAt = up.at;
      record.newPid = up.pid;
    } catch (err) {
      record.off = (err as Error).message;
      this.say(`kill ${k + 1}: ${record.off}`);
      return false;
    }
    const back = (await botsBack) && (await hostsBack);
    if (back) record.backAt = epochNow();
    const where =
      hit.phase === "question" || hit.phase === "reveal" ? `${hit.phase} ${(hit.question ?? 0) + 1}` : hit.phase;
    this.say(
      `kill ${k + 1}/${this.plan.length} (${record.planned}): SIGKILL workerd ${kill.pid} in ${where}; ` +
        `pid ${record.newPid} listening after ${Math.round(record.upAt - kill.at)} ms; ` +
        (back ? `everyone back after ${Math.round((record.backAt ?? 0) - kill.at)} ms` : "not everyone came back"),
    );
    return true;
  }

  /** Where the run is: joining, or the first game's phase and question. */
  private where(): KillHit {
    const host = this.hosts[0];
    const fleetPhase = this.fleet.timeline.at(-1)?.phase;
    const joining = fleetPhase === "starting" || fleetPhase === "joining";
    const question = host && host.index >= 0 ? host.index : null;
    return {
      phase: joining ? "joining" : (host?.phase ?? "lobby"),
      question,
      joined: this.joined,
      acked: question === null ? 0 : (this.acked.get(question) ?? 0),
    };
  }

  /** Resolves true once `test` holds (checked at each event of the run), false if the run ends or time runs out. */
  private until(test: () => boolean, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { test, resolve };
      this.waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs).unref();
      }
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (this.ended || w.test()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(!this.ended);
      }
    }
  }
}
