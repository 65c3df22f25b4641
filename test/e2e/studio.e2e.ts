/**
 * The quiz studio in Chromium against the real server (D1 and R2 in miniflare): a teacher writes a five-kind quiz
 * from scratch with an uploaded picture and saves it; a colleague opens the share link, makes a copy and hosts a game
 * from it that a phone plays to the end; editing a quiz while a game from it runs leaves the game as it was; two
 * browsers saving one quiz meet a version conflict; a reload mid-edit finds the draft. Screenshots of the studio,
 * the share view and My quizzes at projector and phone sizes.
 */
import { deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { LAN_ADDRESS } from "./server";
import { browserSession, expectAccessible, heading } from "./session";

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

/** A small real PNG (solid colour), made here: signature, IHDR, one IDAT, IEND. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(new Array(width).fill(rgb).flat())]);
  const raw = Buffer.concat(new Array(height).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function choice(page: Page, label: string) {
  return page.getByRole("button", { name: new RegExp(`: ${label}$`) });
}

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    // Nothing scrolls sideways, on a phone either.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}`).toBeLessThanOrEqual(
      width,
    );
    await shot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Adds a question of a kind after the open one and waits for its text field to have the focus. */
async function addQuestion(page: Page, kind: string, text: string): Promise<void> {
  await page.getByRole("button", { name: kind, exact: true }).click();
  const field = page.getByRole("textbox", { name: "Question", exact: true });
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  await field.fill(text);
}

async function startNewQuiz(page: Page, title: string): Promise<void> {
  await page.goto(`${session.server.origin}/studio`);
  await heading(page, "Write a quiz");
  await page.getByRole("button", { name: "Start a new quiz" }).click();
  await heading(page, "New quiz");
  await page.getByLabel("Quiz title").fill(title);
}

async function saveQuiz(page: Page, expected: RegExp): Promise<void> {
  await page.getByRole("button", { name: /^Save/ }).click();
  await page.getByText("All changes saved").waitFor();
  await expect
    .poll(() => page.locator("[role=status]").allTextContents())
    .toContainEqual(expect.stringMatching(expected));
}

async function savedId(page: Page): Promise<string> {
  await page.waitForURL(/\/studio\?quiz=/);
  return new URL(page.url()).searchParams.get("quiz") as string;
}

/** Writes and saves a two-question quiz; returns its id. */
async function quickQuiz(page: Page, title: string): Promise<string> {
  await startNewQuiz(page, title);
  await page.getByRole("textbox", { name: "Question", exact: true }).fill("Is water wet?");
  await page.getByLabel("Kind of question").selectOption("truefalse");
  await page.getByLabel("True", { exact: true }).check();
  await addQuestion(page, "Poll", "Tea or coffee?");
  await page.getByLabel(/Choice A/).fill("Tea");
  await page.getByLabel(/Choice B/).fill("Coffee");
  await saveQuiz(page, /Saved to your library/);
  return savedId(page);
}

describe("the quiz studio", () => {
  test("write a five-kind quiz with a picture, share it, copy it, host the copy and play it to the end", async () => {
    photographOnFailure("studio");
    const teacher = await newPage("projector");
    await startNewQuiz(teacher, "Space and us");
    await expectAccessible(teacher, "studio (new quiz)");

    // 1. Multiple choice, with an uploaded picture.
    await teacher
      .getByRole("textbox", { name: "Question", exact: true })
      .fill("Which planet is known as the Red Planet?");
    await teacher.getByLabel(/Choice A/).fill("Venus");
    await teacher.getByLabel(/Choice B/).fill("Mars");
    await teacher.getByLabel(/Choice B/).press("Enter");
    await teacher.keyboard.type("Jupiter");
    await teacher.getByLabel("Right answer: choice B").check();
    await teacher.getByLabel("Explanation (optional, shown with the answer)").fill("Rusty dust makes it red.");
    const [chooser] = await Promise.all([
      teacher.waitForEvent("filechooser"),
      teacher.getByText("Choose a picture").click(),
    ]);
    await chooser.setFiles({ name: "mars.png", mimeType: "image/png", buffer: png(40, 24, [200, 60, 30]) });
    const picture = teacher.getByRole("img", { name: "Shown with question 1" });
    await picture.waitFor();
    const src = (await picture.getAttribute("src")) as string;
    expect(src).toMatch(/^\/api\/images\/[0-9a-f]{64}$/);
    const served = await fetch(`${session.server.origin}${src}`);
    expect(served.headers.get("content-type")).toBe("image/png");

    // 2. True or false, 3. pick several (double points, own time), 4. type the answer, 5. poll.
    await addQuestion(teacher, "True or false", "The Sun is a star.");
    await teacher.getByLabel("True", { exact: true }).check();
    await addQuestion(teacher, "Pick several", "Which of these are gas giants?");
    await teacher.getByLabel(/Choice A/).fill("Jupiter");
    await teacher.getByLabel(/Choice B/).fill("Earth");
    await teacher.getByLabel(/Choice C/).fill("Saturn");
    await teacher.getByLabel("Right answer: choice A").check();
    await teacher.getByLabel("Right answer: choice C").check();
    await teacher.getByLabel("Double points").check();
    await teacher.getByLabel("Time limit (seconds)").fill("3");
    await teacher.locator(".studio-question .studio-problem", { hasText: "Use 5 to 120 seconds" }).waitFor();
    await teacher.getByLabel("Time limit (seconds)").fill("30");
    await addQuestion(teacher, "Type the answer", "What is the closest star to Earth?");
    await teacher.getByLabel("Accepted answer 1", { exact: true }).fill("The Sun");
    await addQuestion(teacher, "Poll", "Would you go to Mars?");
    await teacher.getByLabel(/Choice A/).fill("Yes");
    await teacher.getByLabel(/Choice B/).fill("No");
    await teacher.getByText("No problems: ready to save.").waitFor();

    // Preview as the projector shows the answer.
    await teacher.getByLabel("Projector").check();
    await teacher.getByLabel("Answer shown").check();
    const frame = teacher.frameLocator("iframe[title^='Projector preview']");
    await frame.getByText("Would you go to Mars?").first().waitFor();
    await expectAccessible(teacher, "studio (five questions)");
    await shots(teacher, "studio-editor");
    await teacher.getByLabel("Phone").check();
    await teacher.getByLabel("Asking").check();

    await saveQuiz(teacher, /Saved to your library: “Space and us”. Share link: /);
    const id = await savedId(teacher);
    // The share link names this computer's LAN address (as join links do), which a colleague's device can open; the
    // test itself only ever opens loopback, so the colleague follows the same path on this computer's own origin.
    const sharePath = `/quiz/${id}`;
    const shareLink = `${session.server.origin.replace("127.0.0.1", LAN_ADDRESS)}${sharePath}`;

    // My quizzes lists it with its share link.
    await teacher.goto(`${session.server.origin}/quizzes`);
    await heading(teacher, "My quizzes");
    expect(await teacher.getByLabel("Share link of Space and us", { exact: true }).inputValue()).toBe(shareLink);
    await expectAccessible(teacher, "my quizzes");
    await shots(teacher, "studio-my-quizzes");

    // A colleague on another browser: the share view, answers hidden until asked for, then a copy of her own.
    const colleague = await newPage("projector");
    await colleague.goto(`${session.server.origin}${sharePath}`);
    await heading(colleague, "Space and us");
    await colleague.getByText("Which of these are gas giants?").waitFor();
    expect(await colleague.getByText("(right answer)").count()).toBe(0);
    await colleague.getByRole("button", { name: "Show answers" }).click();
    expect(await colleague.getByText("(right answer)").count()).toBe(4);
    await colleague.getByText("Accepted: The Sun").waitFor();
    await expectAccessible(colleague, "share view");
    await shots(colleague, "studio-share-view");
    await colleague.getByRole("button", { name: "Make a copy" }).click();
    await heading(colleague, "Edit quiz");
    const copyId = await savedId(colleague);
    expect(copyId).not.toBe(id);
    expect(await colleague.getByLabel("Quiz title").inputValue()).toBe("Space and us");
    const mine = await colleague.evaluate(() => JSON.parse(localStorage.getItem("trivia-edge:my-quizzes") ?? "[]"));
    expect(mine.map((e: { id: string }) => e.id)).toEqual([copyId]);
    expect(typeof mine[0].editToken).toBe("string");

    // She hosts her copy (host-paced) and a phone plays it to the end.
    await colleague.goto(`${session.server.origin}/quizzes`);
    await colleague.getByText(/^Game timing/).click();
    await colleague.getByLabel("Wait for me to press Next").check();
    await colleague.getByRole("button", { name: "Host now: Space and us" }).click();
    await colleague.waitForURL(/\/host\/\d{6}$/);
    const code = colleague.url().slice(-6);
    const phone = await newPage("phone");
    await phone.goto(`${session.server.origin}/join/${code}`);
    await phone.getByLabel("Your name").fill("Ada");
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await heading(phone, "You're in!");
    await colleague.getByText("1 player in").waitFor();
    await colleague.getByRole("button", { name: "Start game" }).click();

    await heading(phone, "Which planet is known as the Red Planet?");
    expect(await phone.locator("img.question-image").getAttribute("src")).toBe(src);
    expect(await phone.locator("img.question-image").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
    await choice(phone, "Mars").click();
    await heading(phone, "Correct!");
    await colleague.getByRole("button", { name: "Next question" }).click();
    await heading(phone, "The Sun is a star.");
    await choice(phone, "True").click();
    await heading(phone, "Correct!");
    await colleague.getByRole("button", { name: "Next question" }).click();
    await heading(phone, "Which of these are gas giants?");
    await phone.getByText("Double points").waitFor();
    await choice(phone, "Jupiter").click();
    await choice(phone, "Saturn").click();
    await phone.getByRole("button", { name: "Submit 2 answers" }).click();
    await heading(phone, "Correct!");
    await colleague.getByRole("button", { name: "Next question" }).click();
    await heading(phone, "What is the closest star to Earth?");
    await phone.getByLabel("Type your answer").fill("sun");
    await phone.getByRole("button", { name: "Submit answer" }).click();
    await heading(phone, "Correct!");
    await colleague.getByRole("button", { name: "Next question" }).click();
    await heading(phone, "Would you go to Mars?");
    await choice(phone, "Yes").click();
    await heading(phone, "Thanks for voting");
    await colleague.getByRole("button", { name: "Final results" }).click();
    await heading(colleague, "Final results");
    await heading(phone, "You won!");

    expect(problems.flat()).toEqual([]);
  });

  test("write a slider and an order question: their fields, problems in words, the previews and the share view", async () => {
    photographOnFailure("studio-kinds");
    const teacher = await newPage("projector");
    await startNewQuiz(teacher, "Numbers and order");
    await teacher.getByRole("textbox", { name: "Question", exact: true }).fill("How fast does sound travel in air?");
    await teacher.getByLabel("Kind of question").selectOption("slider");
    // A new slider starts at 0–100 in steps of 1; the right answer is still to be given.
    expect(await teacher.getByLabel("Lowest value").inputValue()).toBe("0");
    expect(await teacher.getByLabel("Highest value").inputValue()).toBe("100");
    await teacher.locator(".studio-problem", { hasText: "Give the right answer." }).waitFor();
    await teacher.getByLabel("Highest value").fill("1000");
    await teacher.getByLabel("Step").fill("7");
    await teacher
      .locator(".studio-problem", { hasText: "Step 7 does not divide the range 0 to 1000 into whole steps." })
      .waitFor();
    await teacher.getByLabel("Step").fill("1");
    await teacher.getByLabel("Right answer").fill("343");
    await teacher.getByLabel("Counts as right within ±").fill("10");
    await teacher.getByLabel("Unit (optional)").fill("m/s");
    await teacher.getByText(/Full points within ±10\sm\/s of 343\sm\/s; .* none from ±110\sm\/s/).waitFor();
    await teacher.locator(".studio-ready", { hasText: "No problems: ready to save." }).waitFor();

    // The phone's preview asks with the real slider; the projector's shows the answer with a spread of guesses.
    const phoneFrame = teacher.frameLocator("iframe[title^='Phone preview']");
    expect(await phoneFrame.getByRole("slider", { name: "Your answer" }).getAttribute("aria-valuetext")).toBe(
      "500\u00a0m/s",
    );
    await teacher.getByLabel("Projector").check();
    await teacher.getByLabel("Answer shown").check();
    const projectorFrame = teacher.frameLocator("iframe[title^='Projector preview']");
    await projectorFrame.getByText(/The answer: 343\sm\/s/).waitFor();
    await expectAccessible(teacher, "studio (slider)");
    await shots(teacher, "studio-editor-slider");

    // An order question: items in the right order, Enter for the next, the arrows to fix a slip.
    await teacher.getByLabel("Projector").check();
    await teacher.getByLabel("Asking").check();
    await addQuestion(teacher, "Put in order", "Put these planets in order from the Sun, nearest first.");
    await teacher.getByLabel("Item 1", { exact: true }).fill("Mercury");
    await teacher.getByLabel("Item 1", { exact: true }).press("Enter");
    await teacher.keyboard.type("Earth");
    await teacher.keyboard.press("Enter");
    await teacher.keyboard.type("Venus");
    await teacher.keyboard.press("Enter");
    await teacher.keyboard.type("Mars");
    await teacher.getByRole("button", { name: "Move item 3 up" }).click();
    const items = () =>
      teacher.locator(".studio-order-item input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(await items()).toEqual(["Mercury", "Venus", "Earth", "Mars"]);
    await teacher.getByLabel("Item 2", { exact: true }).fill("mercury");
    await teacher.locator(".studio-problem", { hasText: "Two items are the same" }).waitFor();
    await teacher.getByLabel("Item 2", { exact: true }).fill("Venus");
    await teacher.locator(".studio-ready", { hasText: "No problems: ready to save." }).waitFor();
    // The preview never shows the items in the right order.
    await projectorFrame.getByText("Players put these in order on their phones.").waitFor();
    expect(await projectorFrame.locator(".order-card").allTextContents()).toEqual([
      "Mars",
      "Mercury",
      "Venus",
      "Earth",
    ]);
    await teacher.getByLabel("Answer shown").check();
    // The preview re-renders in its frame after the switch: wait for the right order to show there.
    await expect
      .poll(() => projectorFrame.locator(".order-results .choice-label").allTextContents(), { timeout: 10_000 })
      .toEqual(["Mercury", "Venus", "Earth", "Mars"]);
    await expectAccessible(teacher, "studio (order)");
    await shots(teacher, "studio-editor-order");

    await saveQuiz(teacher, /Saved to your library/);
    const id = await savedId(teacher);
    const saved = (await (await fetch(`${session.server.origin}/api/quizzes/${id}`)).json()) as {
      quiz: { questions: unknown[] };
    };
    expect(saved.quiz.questions).toEqual([
      {
        kind: "slider",
        text: "How fast does sound travel in air?",
        min: 0,
        max: 1000,
        step: 1,
        correct: 343,
        tolerance: 10,
        unit: "m/s",
      },
      {
        kind: "order",
        text: "Put these planets in order from the Sun, nearest first.",
        items: ["Mercury", "Venus", "Earth", "Mars"],
      },
    ]);

    // The share view: the scale and the items shuffled, the answers on request.
    const colleague = await newPage("projector");
    await colleague.goto(`${session.server.origin}/quiz/${id}`);
    await heading(colleague, "Numbers and order");
    await colleague.getByText(/A number from 0\sm\/s to 1,000\sm\/s/).waitFor();
    expect(await colleague.locator(".studio-share-order li").allTextContents()).toEqual([
      "Mars",
      "Mercury",
      "Venus",
      "Earth",
    ]);
    await colleague.getByRole("button", { name: "Show answers" }).click();
    await colleague.getByText(/right: 343\sm\/s \(±\s10\sm\/s\)/).waitFor();
    expect(await colleague.locator(".studio-share-order li").allTextContents()).toEqual([
      "Mercury",
      "Venus",
      "Earth",
      "Mars",
    ]);
    await expectAccessible(colleague, "share view (slider and order)");
    await shots(colleague, "studio-share-view-kinds");
    expect(problems.flat()).toEqual([]);
  });

  test("editing a quiz while a game from it runs leaves the game as it was", async () => {
    photographOnFailure("studio-running");
    const teacher = await newPage("projector");
    const id = await quickQuiz(teacher, "Running quiz");

    const host = await newPage("projector");
    await host.goto(`${session.server.origin}/quiz/${id}`);
    await heading(host, "Running quiz");
    await host.getByRole("button", { name: "Host this quiz" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);
    const phone = await newPage("phone");
    await phone.goto(`${session.server.origin}/join/${code}`);
    await phone.getByLabel("Your name").fill("Bo");
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await heading(phone, "You're in!");
    await host.getByText("1 player in").waitFor();
    await host.getByRole("button", { name: "Start game" }).click();
    await heading(phone, "Is water wet?");

    // The teacher rewrites question 2 and saves, mid-game.
    await teacher.getByRole("button", { name: /Tea or coffee\?/ }).click();
    await teacher.getByRole("textbox", { name: "Question", exact: true }).fill("Cats or dogs?");
    await teacher.getByLabel(/Choice A/).fill("Cats");
    await teacher.getByLabel(/Choice B/).fill("Dogs");
    await saveQuiz(teacher, /Saved “Running quiz” \(version 2\)/);

    await choice(phone, "True").click();
    await heading(phone, "Correct!");
    // The game moves on by itself (the answer is shown for 5 seconds).
    await heading(phone, "Tea or coffee?");
    await heading(host, "Tea or coffee?");
    // Hosted with the studio's timing, whose lead-in shows the question alone first: the choices come after it.
    await choice(phone, "Coffee").waitFor();
    expect(await choice(phone, "Coffee").count()).toBe(1);
    // A new game from the saved quiz gets the new version.
    const fresh = await fetch(`${session.server.origin}/api/quizzes/${id}`);
    expect(((await fresh.json()) as { quiz: { questions: { text: string }[] } }).quiz.questions[1]?.text).toBe(
      "Cats or dogs?",
    );
  });

  test("two browsers save one quiz: the second gets the conflict and chooses", async () => {
    photographOnFailure("studio-conflict");
    const first = await newPage("projector");
    const id = await quickQuiz(first, "Shared desk quiz");
    // The same teacher's second window (same device storage: same context) is the usual way to meet this;
    // a second context with the same edit token stands for her laptop and her classroom PC.
    const token = await first.evaluate(() => JSON.parse(localStorage.getItem("trivia-edge:my-quizzes") ?? "[]")[0]);
    const second = await newPage("projector");
    await second.goto(`${session.server.origin}/`);
    await second.evaluate((entry) => localStorage.setItem("trivia-edge:my-quizzes", JSON.stringify([entry])), token);
    await second.goto(`${session.server.origin}/studio?quiz=${id}`);
    await heading(second, "Edit quiz");

    await first.getByLabel("Quiz title").fill("Shared desk quiz (first)");
    await saveQuiz(first, /version 2/);

    await second.getByLabel("Quiz title").fill("Shared desk quiz (second)");
    await second.getByRole("button", { name: "Save", exact: true }).click();
    const alert = second.getByRole("alert").filter({ hasText: "someone else saved this quiz" });
    await alert.waitFor();
    expect(await second.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    await alert.getByText("(version 2").waitFor();
    await expectAccessible(second, "save conflict");
    await shot(second, "studio-conflict");

    // "Save mine as a copy": a new quiz of her own; the other one keeps the first save.
    await alert.getByRole("button", { name: "Save mine as a copy" }).click();
    await second.getByText("All changes saved").waitFor();
    const copyId = await savedId(second);
    expect(copyId).not.toBe(id);
    const original = (await (await fetch(`${session.server.origin}/api/quizzes/${id}`)).json()) as { title: string };
    expect(original.title).toBe("Shared desk quiz (first)");
    const copy = (await (await fetch(`${session.server.origin}/api/quizzes/${copyId}`)).json()) as { title: string };
    expect(copy.title).toBe("Shared desk quiz (second)");

    // Another conflict, this time "Reload theirs": her screen shows the saved quiz; undo brings hers back.
    await first.getByLabel("Quiz title").fill("Shared desk quiz (third)");
    await saveQuiz(first, /version 3/);
    await second.goto(`${session.server.origin}/studio?quiz=${id}`);
    await heading(second, "Edit quiz");
    expect(await second.getByLabel("Quiz title").inputValue()).toBe("Shared desk quiz (third)");
    await first.getByLabel("Quiz title").fill("Shared desk quiz (fourth)");
    await saveQuiz(first, /version 4/);
    await second.getByLabel("Quiz title").fill("Mine");
    await second.keyboard.press("Control+s");
    await second.getByRole("button", { name: "Reload theirs" }).click();
    await expect.poll(() => second.getByLabel("Quiz title").inputValue()).toBe("Shared desk quiz (fourth)");
    await second.getByText("All changes saved").waitFor();
    await second.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => second.getByLabel("Quiz title").inputValue()).toBe("Mine");
  });

  test("reorder by dragging and with the keyboard; pictures dropped and pasted; undo from the keyboard", async () => {
    photographOnFailure("studio-reorder");
    const page = await newPage("projector");
    await startNewQuiz(page, "Order matters");
    await page.getByRole("textbox", { name: "Question", exact: true }).fill("One");
    await addQuestion(page, "Poll", "Two");
    await addQuestion(page, "Poll", "Three");
    const order = () => page.locator(".studio-outline-q").allTextContents();
    expect(await order()).toEqual(["One", "Two", "Three"]);

    // The mouse: drag question 3's handle above question 1.
    const handle = page.getByRole("button", { name: "Move question 3" });
    const target = page.getByRole("button", { name: "Move question 1" });
    const from = (await handle.boundingBox()) as { x: number; y: number; width: number; height: number };
    const to = (await target.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(from.x + from.width / 2, from.y + ((to.y - 10 - from.y) * i) / 10 + from.height / 2);
    }
    await page.mouse.up();
    await expect.poll(order).toEqual(["Three", "One", "Two"]);

    // The keyboard: Space picks question 1 up, arrow down twice, Space drops it at the end.
    // Each step waits for dnd-kit's live region to speak it, as a screen reader user would.
    const spoken = (text: string) =>
      expect.poll(() => page.locator("[id^=DndLiveRegion]").first().textContent()).toBe(text);
    await page.getByRole("button", { name: "Move question 1" }).focus();
    await page.keyboard.press("Space");
    await spoken("Question 1 is over position 1.");
    await page.keyboard.press("ArrowDown");
    await spoken("Question 1 is over position 2.");
    await page.keyboard.press("ArrowDown");
    await spoken("Question 1 is over position 3.");
    await page.keyboard.press("Space");
    await spoken("Question 1 moved to position 3.");
    await expect.poll(order).toEqual(["One", "Two", "Three"]);

    // Undo from the keyboard, anywhere in the editor.
    await page.getByLabel("Quiz title").focus();
    await page.keyboard.press("Control+z");
    await expect.poll(order).toEqual(["Three", "One", "Two"]);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(order).toEqual(["One", "Two", "Three"]);

    // On a busy page the keys queue up, and the browser runs Space and ArrowDown before dnd-kit starts listening
    // (a task after the pick-up): the arrow still moves the question.
    await page.evaluate(() => {
      const busy = () => {
        const until = performance.now() + 300;
        while (performance.now() < until);
      };
      document.addEventListener("keydown", busy, { capture: true, once: true });
    });
    await page.getByRole("button", { name: "Move question 1" }).focus();
    await Promise.all([page.keyboard.press("Space"), page.keyboard.press("ArrowDown")]);
    await spoken("Question 1 is over position 2.");
    await page.keyboard.press("Space");
    await spoken("Question 1 moved to position 2.");
    await expect.poll(order).toEqual(["Two", "One", "Three"]);

    // A picture dropped on the question, another pasted into it.
    const bytes = [...png(8, 8, [20, 120, 220])];
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "blue.png", { type: "image/png" }));
      const zone = document.querySelector(".studio-drop") as HTMLElement;
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await page.getByRole("img", { name: /^Shown with question/ }).waitFor();
    await page.getByRole("button", { name: "Remove picture" }).click();
    await page.getByRole("textbox", { name: "Question", exact: true }).focus();
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "pasted.png", { type: "image/png" }));
      document.activeElement?.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, bytes);
    await page.getByRole("img", { name: /^Shown with question/ }).waitFor();
    await expectAccessible(page, "studio (reordered, picture)");
    expect(problems.flat()).toEqual([]);
  });

  test("keyboard only: start, write, fix what Save points at, save", async () => {
    photographOnFailure("studio-keyboard");
    const page = await newPage("projector");
    await page.goto(`${session.server.origin}/studio`);
    await heading(page, "Write a quiz");
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.getAttribute("aria-label") ?? el?.labels?.[0]?.textContent ?? el?.textContent ?? "";
      });
    // From the page heading, Tab reaches "Start a new quiz" after the header's two links.
    for (let i = 0; i < 10 && (await focused()) !== "Start a new quiz"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("Start a new quiz");
    await page.keyboard.press("Enter");
    await heading(page, "New quiz");

    // The question's text, then Tab into choice A; Enter walks down the choices.
    await page.getByRole("textbox", { name: "Question", exact: true }).focus();
    await page.keyboard.type("Which ocean is the largest?");
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^Choice A/);
    await page.keyboard.type("Atlantic");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Pacific");
    // Tab to choice B's "Right" and mark it with Space.
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Right answer: choice B");
    await page.keyboard.press("Space");

    // Save with the keyboard: the title is missing; the summary takes focus and leads to the field.
    await page.keyboard.press("Control+s");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain("studio-summary");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Quiz: Give the quiz a title.");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("title");
    await page.keyboard.type("Oceans");
    await page.keyboard.press("Control+s");
    await page.getByText("All changes saved").waitFor();
    await expectAccessible(page, "studio (keyboard, saved)");
  });

  test("a reload in the middle of writing finds the draft, undo history aside", async () => {
    photographOnFailure("studio-reload");
    const page = await newPage("projector");
    await startNewQuiz(page, "Half-written");
    await page.getByRole("textbox", { name: "Question", exact: true }).fill("Where is Timbuktu?");
    await page.getByLabel(/Choice A/).fill("Mali");
    await addQuestion(page, "Type the answer", "Capital of Peru?");
    await page.getByLabel("Accepted answer 1", { exact: true }).fill("Lima");
    await page.waitForTimeout(400);
    const url = page.url();
    expect(url).toMatch(/\/studio\?draft=/);
    await page.reload();
    await heading(page, "New quiz");
    expect(await page.getByLabel("Quiz title").inputValue()).toBe("Half-written");
    expect(await page.getByLabel("Accepted answer 1", { exact: true }).inputValue()).toBe("Lima");
    await page.getByRole("button", { name: /Where is Timbuktu\?/ }).click();
    expect(await page.getByLabel(/Choice A/).inputValue()).toBe("Mali");

    // Closed and opened again from the start page: listed under "Not saved yet".
    await page.goto(`${session.server.origin}/studio`);
    await heading(page, "Write a quiz");
    await expectAccessible(page, "studio start");
    await shots(page, "studio-start");
    await page.getByRole("link", { name: "Continue Half-written" }).click();
    await heading(page, "New quiz");
    expect(await page.getByLabel("Quiz title").inputValue()).toBe("Half-written");
  });
});
