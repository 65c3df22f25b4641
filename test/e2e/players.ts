/**
 * Players without a browser, for filling a big screen: each joins over HTTP like a phone would and, when it needs to
 * answer, holds the game's real WebSocket (Node's own client). Joins are rate-limited per client address, so a
 * crowd spreads itself over made-up addresses (CF-Connecting-IP), as a lecture hall behind many NATs would.
 */
import type { ServerMessage } from "@protocol/values";

export interface Seat {
  playerId: string;
  playerToken: string;
  name: string;
}

export async function createGame(
  origin: string,
  body: unknown,
): Promise<{ code: string; hostToken: string; joinUrl: string }> {
  const res = await fetch(`${origin}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create game: ${res.status} ${await res.text()}`);
  return (await res.json()) as { code: string; hostToken: string; joinUrl: string };
}

export async function joinMany(origin: string, code: string, names: string[], concurrency = 16): Promise<Seat[]> {
  const seats: Seat[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      const res = await fetch(`${origin}/api/games/${code}/players`, {
        method: "POST",
        headers: { "content-type": "application/json", "CF-Connecting-IP": `10.77.${i >> 8}.${i & 255}` },
        body: JSON.stringify({ name: names[i] }),
      });
      if (res.status !== 201) throw new Error(`join ${names[i]}: ${res.status} ${await res.text()}`);
      seats[i] = (await res.json()) as Seat;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return seats;
}

/** A connected player: says hello, keeps every message, answers when told. */
export class Bot {
  private readonly messages: ServerMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly seat: Seat,
    private readonly ws: WebSocket,
  ) {
    ws.addEventListener("message", (e) => {
      if (typeof e.data !== "string" || e.data === "pong") return;
      this.messages.push(JSON.parse(e.data) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(origin: string, code: string, seat: Seat): Promise<Bot> {
    const ws = new WebSocket(`${origin.replace(/^http/, "ws")}/api/games/${code}/ws`);
    await new Promise<void>((ok, fail) => {
      ws.addEventListener("open", () => ok(), { once: true });
      ws.addEventListener("error", () => fail(new Error(`socket for ${seat.name} failed`)), { once: true });
    });
    const bot = new Bot(seat, ws);
    ws.send(JSON.stringify({ type: "hello", token: seat.playerToken }));
    await bot.next((m) => m.type === "welcome");
    return bot;
  }

  /** Resolves with the first message (seen so far or still to come) that matches. */
  async next(match: (m: ServerMessage) => boolean, timeoutMs = 20_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.seat.name}: no matching message`);
      await new Promise<void>((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, 250);
      });
    }
  }

  /**
   * Answers question `index` once it is open, and waits for the acknowledgement. Choices go out shuffled, so an
   * answer is given by the labels it picks (an order question's items in the order wanted), as typed text, or as a
   * slider's number.
   */
  async answer(index: number, pick: string | string[] | number, typed = false): Promise<void> {
    const question = (await this.next((m) => m.type === "question" && m.index === index)) as { choices?: string[] };
    const at = (label: string) => {
      const i = question.choices?.indexOf(label) ?? -1;
      if (i < 0) throw new Error(`${this.seat.name}: no choice "${label}" in question ${index}`);
      return i;
    };
    // A number is a slider's value; labels are found among the shown choices (an order question's items too).
    const choice = typed || typeof pick === "number" ? pick : Array.isArray(pick) ? pick.map(at) : at(pick);
    const seen = this.messages.length;
    this.ws.send(JSON.stringify({ type: "answer", index, choice }));
    const reply = await this.next(
      (m) => (m.type === "answered" && m.index === index) || (m.type === "error" && this.messages.indexOf(m) >= seen),
    );
    if (reply.type === "error") throw new Error(`${this.seat.name}: answer refused: ${reply.code} ${reply.message}`);
  }

  /** Sends a raw client message (a host's commands: start, next…). */
  send(message: { type: string }): void {
    this.ws.send(JSON.stringify(message));
  }

  close(): void {
    this.ws.close();
  }
}
