/**
 * The big screen at projector sizes with the longest content the quiz format allows: every screen fits the window
 * (no scroll, nothing under the control bar or covered, no word split across lines), from 1280×720 to 3840×2160,
 * with screenshots at 1280×800 and 1920×1080. Then a crowded lobby, ties on the podium, and the host's keyboard,
 * full screen, sound and tab titles, with a phone alongside.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { SHOTS, shot } from "./browser";
import { measureFit } from "./fit";
import { Bot, createGame, joinMany, type Seat } from "./players";
import { browserSession, expectAccessible, heading, openHostScreen } from "./session";

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

const SHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
/** Fit is also checked at the extremes the issue names; screenshots only at the two sizes above. */
const FIT_SIZES = [{ width: 1280, height: 720 }, ...SHOT_SIZES, { width: 3840, height: 2160 }];

const IMAGE = "https://images.test/carrara.svg";
const IMAGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000" viewBox="0 0 1600 1000">
  <rect width="1600" height="1000" fill="#d9d4c7"/><path d="M0 700 L400 300 L700 600 L1000 200 L1600 800 V1000 H0Z" fill="#8a8578"/>
  <circle cx="1300" cy="220" r="110" fill="#f5b700"/></svg>`;

const LONG_QUESTION =
  "Which of these metamorphic rocks forms when limestone is buried under the crust for ten million years at temperatures above 600 degrees, is polished for sculptures in Carrara, gives its name to a classic toy, and was chosen by Michelangelo for the statue that 17 of 310 pupils recognised on the trip?";
const LONG_CHOICES = [
  "Marble, the metamorphic rock that Michelangelo carved, quarried in Carrara for more than two thousand years of sculpture",
  "Quartzite, formed from sandstone under great pressure, so hard that it outlasts granite on kitchen counters and in roads",
  "Slate, split into thin sheets for roofs and blackboards, formed from shale and mudstone under low grade metamorphism now",
  "Gneiss, banded in light and dark stripes, formed at the highest temperatures and pressures far under the mountain ranges",
  "Schist, glittering with mica flakes, which splits along its layers and was used for the oldest standing stones in Europe",
  "Soapstone, soft enough to carve with a knife, used for sinks, cooking pots and the statue of Christ above Rio de Janeiro",
];
const APOLLO_QUESTION =
  "In the year 1969 the Apollo 11 mission carried three astronauts to the Moon; which of these statements about the eight days journey, the lunar module called Eagle, the 21 hours spent on the surface and the 382 kilograms of samples later returned to Houston by that crew and later ones is really true?";
const APOLLO_CHOICES = [
  "Neil Armstrong and Buzz Aldrin walked on the surface while Michael Collins orbited alone in the command module Columbia.",
  "The crew splashed down in the Atlantic Ocean near the Azores and were collected by a Portuguese fishing boat at sunrise.",
  "The lunar module Eagle was flown back to Earth and now hangs in the Smithsonian museum next to the Wright brothers plane",
  "Buzz Aldrin was the first to step onto the Moon, because the hatch of the lunar module opened on the side of his seat...",
  "The whole journey from launch at Cape Kennedy to the landing in the Sea of Tranquility took a little under eleven hours.",
];
const SLIDER_QUESTION =
  "How far away is the most distant galaxy astronomers had measured by the year 2023, counted in light years along the path its light took to reach the James Webb Space Telescope, which looked at a patch of sky for many hours to collect the faint red glow left over from the first hundred million years?";
const PISA_QUESTION =
  "Type the name of the Italian city, home to a leaning bell tower that took 199 years to build, a university founded in 1343 where Galileo later taught mathematics, and an airport named after him, which sits on the river Arno about 80 kilometres west of Florence and about nine kilometres from the sea?";
const TYPED = [
  "Pisa",
  "pisa",
  "The city of Pisa on the river Arno in the Italian region of Tuscany, famous for its leaning tower",
  "Florence, the capital of Tuscany and the home of the Uffizi gallery and the dome of Brunelleschi",
  "Livorno, the port city on the Ligurian Sea where the ferries to Corsica and Sardinia leave every day",
  "Lucca",
  "Siena, famous for the Palio horse race around its shell shaped central square twice every summer",
  "Bologna",
  "Viareggio, the seaside town known for its carnival parade of giant papier mache floats in February",
  "Carrara",
  "Genoa",
  "Pistoia",
];
const NAMES = [
  "Maximiliana Worthington",
  "Bartholomew Fitzgerald",
  "Alexandria Montgomery",
  "Christopher Huntington",
  "Evangeline Rosenthal",
  "Guinevere Blackwood",
  "Sebastian Vanderbilt",
  "Penelope Castellanos",
  "Theodora Wolfenstein",
  "Nathaniel Hawthorne",
  "Octavia Kensington",
  "Leopold Featherstonhaugh",
];
const LONG_TITLE = "Geology, space travel and Italian cities: the Year 9 end of term quiz, 9B and 9C";

async function openAsHost(game: { code: string; hostToken: string; joinUrl: string }, page?: Page): Promise<Page> {
  return openHostScreen(page ?? (await newPage("projector")), session.server.origin, game);
}

/** The twelve long-named players as bots, and the host's screen (the test picture served) with them in its lobby. */
async function crowdInLobby(game: { code: string; hostToken: string; joinUrl: string }) {
  const seats = await joinMany(session.server.origin, game.code, NAMES);
  const bots = await Promise.all(seats.map((s) => Bot.connect(session.server.origin, game.code, s)));
  const host = await newPage("projector");
  await host.route("https://images.test/**", (route) =>
    route.fulfill({ status: 200, contentType: "image/svg+xml", body: IMAGE_SVG }),
  );
  await openAsHost(game, host);
  await see(host, "12 players in");
  return { host, bots };
}

async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

/**
 * Checks the screen at every size (fit and the listed boxes), photographs it at the projector sizes as `name`, and
 * runs axe once. Returns the font sizes per size, for the log.
 */
async function checkScreen(page: Page, name: string, boxes: string): Promise<string[]> {
  const log: string[] = [];
  for (const size of FIT_SIZES) {
    await page.setViewportSize(size);
    // The stage refits on the resize observer's next frame.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const report = await measureFit(page, boxes);
    expect(report.problems, `${name} at ${size.width}×${size.height}`).toEqual([]);
    log.push(`${name} ${size.width}×${size.height}: question ${report.questionPx}px, choices ${report.choicePx}px`);
    if (SHOT_SIZES.includes(size)) await shot(page, `bigscreen-${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  return log;
}

describe("the big screen", () => {
  test("the longest content fits every screen from 1280×720 to 3840×2160", async () => {
    photographOnFailure("bigscreen-fit");
    const game = await createGame(session.server.origin, {
      title: LONG_TITLE,
      questionSeconds: 120,
      revealSeconds: 60,
      questions: [
        {
          kind: "multi",
          text: LONG_QUESTION,
          choices: LONG_CHOICES,
          correct: [0, 3],
          image: IMAGE,
          double: true,
          category: "Earth sciences and geology for Year 9",
          explanation:
            `${"Marble is limestone changed by heat and pressure; gneiss is what granite or shale becomes deepest down. ".repeat(5)}`
              .slice(0, 500)
              .trim(),
        },
        { kind: "choice", text: APOLLO_QUESTION, choices: APOLLO_CHOICES, correct: 0, double: true },
        { kind: "type", text: PISA_QUESTION, accepted: ["Pisa"] },
      ],
    });
    expect([LONG_QUESTION, APOLLO_QUESTION, PISA_QUESTION].map((t) => t.length)).toEqual([300, 300, 300]);
    expect([...LONG_CHOICES, ...APOLLO_CHOICES].every((c) => c.length === 120)).toBe(true);
    expect(Math.max(...TYPED.map((t) => t.length))).toBe(100);
    const { host, bots } = await crowdInLobby(game);
    const log = await checkScreen(host, "lobby", ".join-card, .join-code, .join-url, .qr, .player-chips .chip");

    // Question 1: 300 characters, six choices of 120, an image, double points, a category and a kind badge.
    await host.getByRole("button", { name: "Start game" }).click();
    await heading(host, LONG_QUESTION);
    await host.locator(".stage-media img").evaluate((img: HTMLImageElement) => img.decode());
    log.push(...(await checkScreen(host, "question", ".choice-board .choice, .stage-media, .countdown")));
    await host.getByRole("button", { name: "Pause" }).click();
    await host.getByText("Paused", { exact: true }).waitFor();
    log.push(...(await checkScreen(host, "question-paused", ".choice-board .choice, .paused-label")));
    await host.getByRole("button", { name: "Resume" }).click();
    await host.getByText("Paused", { exact: true }).waitFor({ state: "detached" });

    // Eleven pick the two right answers (counts of 11: two digits), one picks a wrong one.
    const [marble, quartzite, , gneiss] = LONG_CHOICES as [string, string, string, string];
    await Promise.all(bots.map((b, i) => b.answer(0, i === 11 ? [quartzite] : [marble, gneiss])));
    await see(host, "11 of 12 got it right.");
    log.push(...(await checkScreen(host, "reveal", ".bar-row .bar-label, .bar-count, .leaderboard-row")));
    expect((await host.locator(".bar-count").allTextContents()).sort()).toEqual(["0", "0", "0", "1", "11", "11"]);
    await host.getByRole("button", { name: "Pause" }).click();
    await host.getByText("Paused", { exact: true }).waitFor();
    log.push(...(await checkScreen(host, "reveal-paused", ".bar-row .bar-label, .paused-label, .leaderboard-row")));

    // Question 2: five long choices, no image.
    await host.getByRole("button", { name: "Next question" }).click();
    await heading(host, APOLLO_QUESTION);
    log.push(...(await checkScreen(host, "question-five", ".choice-board .choice")));
    await Promise.all(bots.map((b, i) => b.answer(1, APOLLO_CHOICES[i % 5] as string)));
    await see(host, /of 12 got it right\./);
    log.push(...(await checkScreen(host, "reveal-five", ".bar-row .bar-label, .bar-count, .leaderboard-row")));

    // Question 3: typed answers, the longest allowed among them.
    await host.getByRole("button", { name: "Next question" }).click();
    await heading(host, PISA_QUESTION);
    log.push(...(await checkScreen(host, "question-type", ".type-hint")));
    await Promise.all(bots.map((b, i) => b.answer(2, TYPED[i] as string, true)));
    await see(host, "Accepted:");
    log.push(...(await checkScreen(host, "reveal-type", ".typed-list li, .leaderboard-row")));

    await host.getByRole("button", { name: "Final results" }).click();
    await heading(host, "Final results");
    await host.waitForTimeout(900); // the podium's rise (reduced motion is on, but the photograph waits anyway)
    log.push(...(await checkScreen(host, "final", ".podium-step, .leaderboard-row")));
    await host.getByRole("button", { name: "All standings" }).click();
    await host.getByRole("dialog", { name: "All standings" }).waitFor();
    await host.getByRole("cell", { name: "Leopold Featherstonhaugh" }).waitFor();
    for (const size of SHOT_SIZES) {
      await host.setViewportSize(size);
      await shot(host, `bigscreen-standings-${size.width}x${size.height}`);
    }
    await expectAccessible(host, "all standings");
    console.log(log.join("\n"));
    for (const b of bots) b.close();
    expect(problems.flat()).toEqual([]);
  });

  test("the longest slider and order questions fit every screen, asked and revealed", async () => {
    photographOnFailure("bigscreen-fit-kinds");
    // The widest numbers a slider allows (±1,000,000,000 with 4 decimals, 1,000 steps) and a 20-character unit.
    const at = (k: number) => Number((-9_999_999_999_999 + k) / 10_000);
    const game = await createGame(session.server.origin, {
      title: LONG_TITLE,
      questionSeconds: 120,
      revealSeconds: 60,
      questions: [
        {
          kind: "slider",
          text: SLIDER_QUESTION,
          min: at(0),
          max: at(1000),
          step: 0.0001,
          correct: at(500),
          tolerance: 0.001,
          unit: "light years (approx)",
          image: IMAGE,
          double: true,
          category: "Earth sciences and geology for Year 9",
          explanation:
            `${"A light year is the distance light travels in one year, about 9.46 trillion kilometres. ".repeat(6)}`
              .slice(0, 500)
              .trim(),
        },
        { kind: "order", text: LONG_QUESTION, items: LONG_CHOICES, image: IMAGE },
      ],
    });
    expect([SLIDER_QUESTION.length, "light years (approx)".length]).toEqual([300, 20]);
    const { host, bots } = await crowdInLobby(game);
    await host.getByRole("button", { name: "Start game" }).click();
    await heading(host, SLIDER_QUESTION);
    await host.locator(".stage-media img").evaluate((img: HTMLImageElement) => img.decode());
    const log = await checkScreen(host, "question-slider", ".slider-board-end, .stage-media, .countdown");
    // Guesses all over the scale, four of them within the tolerance: every bar's count has two digits at most.
    await Promise.all(
      bots.map((b, i) => b.answer(0, at([500, 505, 490, 510, 0, 1000, 250, 999, 620, 470, 90, 730][i] as number))),
    );
    await see(host, "4 of 12 got it right.");
    log.push(
      ...(await checkScreen(
        host,
        "reveal-slider",
        ".histo-bars, .slider-answer-host, .histo-axis span, .leaderboard-row",
      )),
    );

    await host.getByRole("button", { name: "Next question" }).click();
    await heading(host, LONG_QUESTION);
    log.push(...(await checkScreen(host, "question-order", ".order-card, .stage-media, .countdown")));
    await Promise.all(bots.map((b, i) => b.answer(1, i < 5 ? LONG_CHOICES : [...LONG_CHOICES].reverse())));
    await see(host, "5 of 12 got the order right.");
    log.push(
      ...(await checkScreen(
        host,
        "reveal-order",
        ".order-results .bar-label, .order-results .bar-count, .leaderboard-row",
      )),
    );
    console.log(log.join("\n"));
    for (const b of bots) b.close();
    expect(problems.flat()).toEqual([]);
  });

  test("a picture question with short answers gives the picture the room that is left", async () => {
    photographOnFailure("bigscreen-picture");
    const game = await createGame(session.server.origin, {
      questions: [
        {
          text: "Which mountain range is this?",
          choices: ["Alps", "Andes", "Apuan Alps", "Atlas"],
          correct: 2,
          image: IMAGE,
        },
      ],
    });
    await joinMany(session.server.origin, game.code, ["Ann"]);
    const host = await newPage("projector");
    await host.route("https://images.test/**", (route) =>
      route.fulfill({ status: 200, contentType: "image/svg+xml", body: IMAGE_SVG }),
    );
    await openAsHost(game, host);
    await see(host, "1 player in");
    await host.getByRole("button", { name: "Start game" }).click();
    await heading(host, "Which mountain range is this?");
    await host.locator(".stage-media img").evaluate((img: HTMLImageElement) => img.decode());
    for (const size of SHOT_SIZES) {
      await host.setViewportSize(size);
      await host.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      expect((await measureFit(host, ".choice-board .choice, .stage-media")).problems).toEqual([]);
      const share = await host.evaluate(() => {
        const media = document.querySelector(".stage-media") as HTMLElement;
        const stage = document.querySelector(".stage") as HTMLElement;
        return media.getBoundingClientRect().height / stage.getBoundingClientRect().height;
      });
      expect(share).toBeGreaterThan(0.3);
      await shot(host, `bigscreen-question-picture-${size.width}x${size.height}`);
    }
  });

  test("a lobby of 30, 300 and 3,000: join details whole, as many names as fit, newest first, the count", async () => {
    photographOnFailure("bigscreen-crowd");
    const game = await createGame(session.server.origin, {
      questions: [{ text: "Ready?", choices: ["Yes", "No"], correct: 0 }],
    });
    const host = await openAsHost(game);
    await see(host, "Waiting for players…");
    let joined = 0;
    for (const crowd of [30, 300, 3000]) {
      const names = Array.from(
        { length: crowd - joined },
        (_, i) => `Player ${String(joined + i + 1).padStart(4, "0")}`,
      );
      // The first 30 join one by one, so their order is known; the crowds after them join 24 at a time.
      await joinMany(session.server.origin, game.code, names, crowd === 30 ? 1 : 24);
      const before = joined;
      joined = crowd;
      await see(host, `${crowd.toLocaleString("en")} players in`, 60_000);
      for (const size of FIT_SIZES) {
        await host.setViewportSize(size);
        await host.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
        const report = await measureFit(host, ".join-code, .join-url, .qr, .player-chips .chip");
        expect(report.problems, `${crowd} players at ${size.width}×${size.height}`).toEqual([]);
        const chips = await host.locator(".player-chips .chip-name").allTextContents();
        const more = await host
          .locator(".chip-more")
          .textContent({ timeout: 1000 })
          .catch(() => null);
        // Newest first: with one-by-one joins, the last to join leads and the names run back in joining order;
        // with a crowd, every name shown is one of the crowd that joined last.
        if (crowd === 30) expect(chips).toEqual(chips.map((_, i) => `Player ${String(crowd - i).padStart(4, "0")}`));
        else expect(chips.filter((n) => Number(n.slice(7)) <= before)).toEqual([]);
        expect(chips.length).toBeGreaterThan(12);
        if (chips.length < crowd) expect(more).toBe(`+${(crowd - chips.length).toLocaleString("en")} more`);
        else expect(more).toBeNull();
        // Nothing is hidden half-way: every rendered chip is whole inside the list.
        const clipped = await host.evaluate(() => {
          const list = document.querySelector(".player-chips") as HTMLElement;
          const box = list.getBoundingClientRect();
          return Array.from(list.children).filter((c) => c.getBoundingClientRect().bottom > box.bottom + 0.5).length;
        });
        expect(clipped).toBe(0);
        if (SHOT_SIZES.includes(size)) await shot(host, `bigscreen-lobby-${crowd}-${size.width}x${size.height}`);
      }
      await host.setViewportSize({ width: 1280, height: 800 });
    }
    await expectAccessible(host, "lobby with 3,000 players");
    expect(problems.flat()).toEqual([]);
  });

  /**
   * Plays two quick questions with bots so the standings come out as given: answers inside the first half second
   * earn the full 1000, so equal scores are easy to make. `plan[name]` is each question's answer: "fast" (right,
   * at once), "slow" (right, after 1.2 s) or "wrong".
   */
  async function playToPodium(plan: Record<string, ("fast" | "slow" | "wrong")[]>): Promise<Page> {
    const game = await createGame(session.server.origin, {
      questionSeconds: 5,
      revealSeconds: 0,
      questions: [
        { text: "Which is a primary colour?", choices: ["Red", "Pink", "Brown"], correct: 0 },
        { text: "Which is a planet?", choices: ["Mars", "Moon", "Sun"], correct: 0 },
      ],
    });
    const names = Object.keys(plan);
    // One at a time: among equal scores the standings list the earlier joiner first.
    const seats = await joinMany(session.server.origin, game.code, names, 1);
    const bots = await Promise.all(seats.map((seat) => Bot.connect(session.server.origin, game.code, seat)));
    const hostSeat: Seat = { playerId: "", playerToken: game.hostToken, name: "host" };
    const hostBot = await Bot.connect(session.server.origin, game.code, hostSeat);
    hostBot.send({ type: "start" });
    for (const [q, right, wrong] of [
      [0, "Red", "Pink"],
      [1, "Mars", "Moon"],
    ] as const) {
      await Promise.all(
        bots.map(async (bot, i) => {
          const how = plan[names[i] as string]?.[q] ?? "wrong";
          if (how === "slow") await bot.next((m) => m.type === "question" && m.index === q).then(() => sleep(1_200));
          await bot.answer(q, how === "wrong" ? wrong : right);
        }),
      );
      await hostBot.next((m) => m.type === "reveal" && m.index === q);
      hostBot.send({ type: "next" });
    }
    await hostBot.next((m) => m.type === "gameOver");
    for (const b of [...bots, hostBot]) b.close();
    const host = await openAsHost(game);
    await heading(host, "Final results");
    return host;
  }

  async function podiumOf(host: Page) {
    const steps = host.getByRole("list", { name: "Podium" }).locator(":scope > li");
    return {
      labels: await steps.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
      blocks: await host.locator(".podium-block").allTextContents(),
      table: await host
        .getByRole("region", { name: "Top 10" })
        .getByRole("listitem")
        .evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
    };
  }

  test("ties on the real podium: two tied for 3rd both stand on 3rd; nobody with 0 points stands", async () => {
    photographOnFailure("bigscreen-ties-3rd");
    const host = await playToPodium({
      Ada: ["fast", "fast"],
      Bea: ["fast", "slow"],
      Cy: ["fast", "wrong"],
      Dov: ["fast", "wrong"],
      Eve: ["wrong", "wrong"],
    });
    const podium = await podiumOf(host);
    expect(podium.blocks).toEqual(["2", "1", "3"]);
    expect(podium.labels[0]).toMatch(/^2nd: Bea, 1,[89]\d\d points$/);
    expect(podium.labels[1]).toBe("1st: Ada, 2,100 points");
    expect(podium.labels[2]).toBe("3rd (tied): Cy and Dov, 1,000 points each");
    expect(podium.table.map((l) => l?.split(",")[0])).toEqual(["1. Ada", "2. Bea", "3. Cy", "3. Dov", "5. Eve"]);
    await expectAccessible(host, "podium with a tie for 3rd");
    for (const size of SHOT_SIZES) {
      await host.setViewportSize(size);
      await host.waitForTimeout(300);
      expect((await measureFit(host, ".podium-step, .leaderboard-row")).problems).toEqual([]);
      await shot(host, `bigscreen-podium-tie-3rd-${size.width}x${size.height}`);
    }
  });

  test("ties on the real podium: after a tie for 2nd the next place is 4th, so there is no bronze step", async () => {
    photographOnFailure("bigscreen-ties-2nd");
    const host = await playToPodium({
      Ada: ["fast", "fast"],
      Bea: ["fast", "wrong"],
      Cy: ["fast", "wrong"],
      Dov: ["wrong", "slow"],
    });
    const podium = await podiumOf(host);
    expect(podium.blocks).toEqual(["2", "1"]);
    expect(podium.labels).toEqual(["2nd (tied): Bea and Cy, 1,000 points each", "1st: Ada, 2,100 points"]);
    expect(podium.table.map((l) => l?.split(",")[0])).toEqual(["1. Ada", "2. Bea", "2. Cy", "4. Dov"]);
    for (const size of SHOT_SIZES) {
      await host.setViewportSize(size);
      await host.waitForTimeout(300);
      await shot(host, `bigscreen-podium-tie-2nd-${size.width}x${size.height}`);
    }
  });

  test("a host in a room: keys, full screen, sound and mute, tab titles and Paused on every paused screen", async () => {
    photographOnFailure("bigscreen-keys");
    const game = await createGame(session.server.origin, {
      questionSeconds: 60,
      revealSeconds: 30,
      questions: [
        { text: "Which is a primary colour?", choices: ["Red", "Pink", "Brown"], correct: 0 },
        { text: "Which is a planet?", choices: ["Mars", "Moon", "Sun"], correct: 0 },
      ],
    });
    const host = await openAsHost(game);
    await see(host, "Waiting for players…");
    const spaced = `${game.code.slice(0, 3)} ${game.code.slice(3)}`;
    expect(await host.title()).toBe(`Lobby · ${spaced} — trivia-edge`);

    const phone = await newPage("phone");
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${session.server.origin}/join/${game.code}`);
    await phone.getByLabel("Your name").fill("Pip");
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await heading(phone, "You're in!");
    expect(await phone.title()).toBe(`Lobby · ${spaced} — trivia-edge`);
    const [quietSeat] = await joinMany(session.server.origin, game.code, ["Quiet"]);
    const quiet = await Bot.connect(session.server.origin, game.code, quietSeat as Seat);
    await see(host, "2 players in");

    // The first key press lets sound start: the lobby loop plays, loud enough to measure.
    const sound = () =>
      host.evaluate(() => {
        const s = window.__triviaEdgeSound;
        return s ? { state: s.state(), muted: s.muted(), gain: s.gain(), cues: s.cues() } : null;
      });
    const loudest = (ms: number) =>
      host.evaluate(async (span) => {
        let max = 0;
        for (const end = performance.now() + span; performance.now() < end; ) {
          max = Math.max(max, window.__triviaEdgeSound?.level() ?? 0);
          await new Promise((ok) => setTimeout(ok, 20));
        }
        return max;
      }, ms);
    await host.keyboard.press("Shift+?");
    const help = host.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await expectAccessible(host, "keyboard help");
    for (const size of SHOT_SIZES) {
      await host.setViewportSize(size);
      await shot(host, `bigscreen-help-${size.width}x${size.height}`);
    }
    await host.setViewportSize({ width: 1280, height: 800 });
    // While the list is open the game keys do nothing; ? closes it again.
    await host.keyboard.press("m");
    await host.keyboard.press("Shift+?");
    await help.waitFor({ state: "hidden" });
    expect(await host.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("true");
    await see(host, "2 players in");
    await host.waitForFunction(() => window.__triviaEdgeSound?.state() === "running");
    expect((await sound())?.cues).toContain("loop");
    expect(await loudest(1500)).toBeGreaterThan(0.001);

    // M mutes: the master gain goes to 0, nothing more sounds, and the choice survives a reload.
    await host.keyboard.press("m");
    await host.waitForFunction(() => (window.__triviaEdgeSound?.gain() ?? 1) < 0.001);
    expect(await host.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("false");
    await host.waitForTimeout(200);
    expect(await loudest(600)).toBeLessThan(0.0005);
    await host.reload();
    await see(host, "2 players in");
    await host.mouse.click(5, 400);
    expect(await sound()).toMatchObject({ muted: true, gain: 0 });
    expect(await host.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("false");
    await host.keyboard.press("M");
    await host.waitForFunction(() => (window.__triviaEdgeSound?.gain() ?? 0) > 0.5);
    expect(await loudest(1500)).toBeGreaterThan(0.001);

    // F toggles full screen.
    await host.keyboard.press("f");
    await host.waitForFunction(() => document.fullscreenElement !== null);
    expect(await host.getByRole("button", { name: "Full screen" }).getAttribute("aria-pressed")).toBe("true");
    await host.keyboard.press("f");
    await host.waitForFunction(() => document.fullscreenElement === null);

    // A key typed into a field is text, never a shortcut.
    await host.evaluate(() => {
      const field = document.createElement("input");
      field.id = "scratch-field";
      field.setAttribute("aria-label", "Scratch");
      document.body.append(field);
      field.focus();
    });
    await host.keyboard.type(" pfm?");
    expect(await host.inputValue("#scratch-field")).toBe(" pfm?");
    expect(await sound()).toMatchObject({ muted: false });
    await host.evaluate(() => document.getElementById("scratch-field")?.remove());
    await see(host, "2 players in");

    // Space starts the game.
    await host.keyboard.press("Space");
    await heading(host, "Which is a primary colour?");
    await heading(phone, "Which is a primary colour?");
    expect(await host.title()).toBe(`Q1/2 · ${spaced} — trivia-edge`);
    expect(await phone.title()).toBe(`Q1/2 · ${spaced} — trivia-edge`);

    // P pauses: "Paused" on the host, on the phone while answering, and after answering.
    await host.keyboard.press("p");
    await host.getByText("Paused", { exact: true }).waitFor();
    await see(phone, "Paused by the host");
    expect(await host.title()).toBe(`Paused · Q1/2 · ${spaced} — trivia-edge`);
    expect(await phone.title()).toBe(`Paused · Q1/2 · ${spaced} — trivia-edge`);
    await expectAccessible(phone, "paused question (phone)");
    await shot(phone, "bigscreen-phone-paused-question");
    await host.keyboard.press("p");
    await phone.getByText("Paused by the host").waitFor({ state: "detached" });
    await phone.getByRole("button", { name: /: Red$/ }).click();
    await heading(phone, "Answer locked in");
    // Quiet has not answered, so the question stays open.
    await host.keyboard.press("p");
    await see(phone, "Paused by the host");
    await shot(phone, "bigscreen-phone-paused-locked");
    await host.keyboard.press("p");
    await phone.getByText("Paused by the host").waitFor({ state: "detached" });
    // Space on the question shows the answer.
    await host.keyboard.press("Space");
    await heading(phone, "Correct!");
    await see(host, "1 of 2 got it right.");
    expect(await host.title()).toBe(`Q1/2 answer · ${spaced} — trivia-edge`);
    await host.waitForFunction(() => window.__triviaEdgeSound?.cues().includes("reveal"));

    // Paused on the reveal: both screens say so.
    await host.keyboard.press("p");
    await host.getByText("Paused", { exact: true }).waitFor();
    await see(phone, "Paused by the host");
    await expectAccessible(phone, "paused reveal (phone)");
    await shot(phone, "bigscreen-phone-paused-reveal");

    // After a mouse click the clicked button keeps the focus; Space still means "next", not "press it again".
    await host.getByRole("button", { name: "Lock joining" }).click();
    await see(host, "Unlock joining");
    await host.keyboard.press("Space");
    await heading(host, "Which is a planet?");
    expect(await host.getByRole("button", { name: "Unlock joining" }).count()).toBe(1);
    // A keyboard user who tabs to a button presses that button with Space.
    await host.getByRole("button", { name: "Unlock joining" }).focus();
    await host.keyboard.press("Tab");
    await host.keyboard.press("Shift+Tab");
    await host.keyboard.press("Space");
    await see(host, "Lock joining");
    await heading(host, "Which is a planet?");

    // → moves on too: the last reveal, then the final results with the fanfare.
    await host.keyboard.press("ArrowRight");
    await see(host, "0 of 2 got it right.");
    await host.keyboard.press("ArrowRight");
    await heading(host, "Final results");
    expect(await host.title()).toBe(`Podium · ${spaced} — trivia-edge`);
    expect(await phone.title()).toBe(`Podium · ${spaced} — trivia-edge`);
    await host.waitForFunction(() => window.__triviaEdgeSound?.cues().includes("fanfare"));
    quiet.close();
    expect(problems.flat()).toEqual([]);
  });

  test("a phone is silent until its player turns sound on, and only then downloads the sound code", async () => {
    photographOnFailure("bigscreen-phone-sound");
    const game = await createGame(session.server.origin, {
      questions: [{ text: "Which is a primary colour?", choices: ["Red", "Pink", "Brown"], correct: 0 }],
    });
    const phone = await newPage("phone");
    await phone.setViewportSize({ width: 390, height: 844 });
    const scripts: string[] = [];
    phone.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await phone.goto(`${session.server.origin}/join/${game.code}`);
    await phone.getByLabel("Your name").fill("Quinn");
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await heading(phone, "You're in!");
    const toggle = phone.getByRole("button", { name: "Sound" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    expect(await phone.evaluate(() => window.__triviaEdgeSound === undefined)).toBe(true);
    const before = scripts.length;
    await expectAccessible(phone, "phone lobby with the sound toggle");
    await shot(phone, "bigscreen-phone-lobby-sound-off");

    await toggle.click();
    await phone.waitForFunction(() => window.__triviaEdgeSound?.state() === "running");
    await phone.waitForFunction(() => window.__triviaEdgeSound?.cues().includes("hello"));
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    expect(scripts.slice(before).some((s) => /\/assets\/PlayerSound-/.test(s))).toBe(true);
    await shot(phone, "bigscreen-phone-lobby-sound-on");
    await phone.reload();
    await heading(phone, "You're in!");
    expect(await phone.getByRole("button", { name: "Sound" }).getAttribute("aria-pressed")).toBe("true");
    await phone.getByRole("button", { name: "Sound" }).click();
    await phone.waitForFunction(() => window.__triviaEdgeSound === undefined);
    expect(problems.flat()).toEqual([]);
  });

  test("the home screen shows Create game without scrolling at 1280×800", async () => {
    photographOnFailure("bigscreen-home");
    const page = await newPage("projector");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${session.server.origin}/`);
    await heading(page, "Quiz night, live.");
    await page.waitForFunction(
      () => (document.querySelector<HTMLSelectElement>("main select")?.options.length ?? 0) > 1,
    );
    await page.screenshot({ path: `${SHOTS}/bigscreen-home-1280x800.png` });
    const create = page.getByRole("button", { name: "Create game" });
    const box = await create.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(800);
    // The nickname filter's switch is on the form too, on by default.
    const filter = page.getByRole("checkbox", { name: "Refuse offensive nicknames" });
    expect(await filter.isChecked()).toBe(true);
    const filterBox = await filter.boundingBox();
    expect(filterBox && filterBox.y + filterBox.height).toBeLessThanOrEqual(800);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectAccessible(page, "home at 1280×800");
    // The host screen in a browser that did not create the game explains itself, at projector sizes too.
    await page.goto(`${session.server.origin}/host/123456`);
    await heading(page, "Not your game");
    for (const size of SHOT_SIZES) {
      await page.setViewportSize(size);
      await shot(page, `bigscreen-not-your-game-${size.width}x${size.height}`);
    }
    await expectAccessible(page, "not your game");
  });
});
