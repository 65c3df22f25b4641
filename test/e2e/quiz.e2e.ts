/**
 * Bring your own quiz, in the browser: a host drops a broken spreadsheet and sees every problem, imports a good one
 * through the file picker, finds it in the library after a reload, exports it, plays it to the end with one player
 * and downloads the results as CSV and JSON.
 */
import { readFileSync } from "node:fs";
import type { Download, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot } from "./browser";
import { browserSession, expectAccessible, heading } from "./session";

const GOOD_CSV = [
  "Title,Browser quiz",
  "Question,Answer 1,Answer 2,Answer 3,Time limit (sec),Correct answer(s),Kind",
  '"Spiders: how many legs, exactly?",6,8,10,60,2,',
  "Water boils at 100 °C at sea level.,True,False,,60,1,",
  "What is the capital of Italy?,Rome,Roma,,60,,type",
].join("\r\n");

const BROKEN_CSV = [
  "Question,Answer 1,Answer 2,Time limit (sec),Correct answer(s)",
  "Is the sky blue?,Yes,No,20,3",
  "Is grass green?,Yes,No,500,1",
  "Is snow cold?,Yes,,20,1",
].join("\n");

function choice(page: Page, label: string) {
  return page.getByRole("button", { name: new RegExp(`: ${label}$`) });
}

async function saved(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, "utf8");
}

/** Drops a file on the drop zone the way a browser does: a drop event carrying a DataTransfer with the file. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content as string], fileName as string, { type: "text/csv" }));
      return dt;
    },
    [name, text],
  );
  await page.dispatchEvent(".drop-zone", "dragenter", { dataTransfer: transfer });
  await page.dispatchEvent(".drop-zone", "drop", { dataTransfer: transfer });
}

const session = browserSession();
const { newPage, photographOnFailure, problems } = session;

describe("bring your own quiz", () => {
  test("import a CSV through the host screen, play it with one player, download the results", async () => {
    photographOnFailure("quiz");
    const host = await newPage("projector");
    await host.goto(`${session.server.origin}/`);
    await host.getByLabel("Bring your own quiz").check();
    await host.getByRole("heading", { name: "Import a quiz" }).waitFor();
    await host.getByText("No quizzes on this device yet").waitFor();
    await expectAccessible(host, "bring your own quiz (empty)");
    await shot(host, "host-quiz-empty");

    // The template and sample links download real files.
    const [template] = await Promise.all([
      host.waitForEvent("download"),
      host.getByRole("link", { name: "Download the CSV template" }).click(),
    ]);
    expect(template.suggestedFilename()).toBe("trivia-edge-quiz-template.csv");
    expect(await saved(template)).toContain("Which planet is known as the Red Planet?");

    // A broken spreadsheet, dropped: every problem the server found, listed, focused, nothing saved.
    await dropFile(host, "broken.csv", BROKEN_CSV);
    const alert = host.getByRole("alert").filter({ hasText: "broken.csv could not be imported" });
    await alert.waitFor();
    const server422 = await fetch(`${session.server.origin}/api/quizzes/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ format: "csv", content: BROKEN_CSV }),
    });
    const expected = ((await server422.json()) as { error: { problems: string[] } }).error.problems;
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(await alert.getByRole("listitem").allTextContents()).toEqual(expected);
    expect(await host.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(
      await host.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("trivia-edge:draft:"))),
    ).toEqual([]);
    await expectAccessible(host, "import problems");
    await shot(host, "host-quiz-problems");

    // The good one through the file picker.
    const [chooser] = await Promise.all([host.waitForEvent("filechooser"), host.getByText("Choose a file").click()]);
    await chooser.setFiles({ name: "browser quiz.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
    await host
      .getByText(
        "Imported “Browser quiz” (Spreadsheet (CSV)): 3 questions, kept on this device and picked for the game.",
      )
      .waitFor();
    expect(await host.getByRole("alert").count()).toBe(0);
    expect(await host.getByRole("radio", { name: /Browser quiz/ }).isChecked()).toBe(true);

    // Kept on the device: still there after a reload.
    await host.reload();
    await host.getByLabel("Bring your own quiz").check();
    const pick = host.getByRole("radio", { name: /Browser quiz/ });
    await pick.waitFor();
    expect(await pick.isChecked()).toBe(true);
    await expectAccessible(host, "bring your own quiz (library)");
    await shot(host, "host-quiz-library");

    // "Edit" opens it in the quiz studio; exported from there, it imports again unchanged.
    await host.getByRole("link", { name: "Edit Browser quiz" }).click();
    await heading(host, "New quiz");
    expect(await host.getByLabel("Quiz title").inputValue()).toBe("Browser quiz");
    await host.getByText("More", { exact: true }).click();
    const [exported] = await Promise.all([
      host.waitForEvent("download"),
      host.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    expect(exported.suggestedFilename()).toBe("browser-quiz.quiz.json");
    const reimport = await fetch(`${session.server.origin}/api/quizzes/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ format: "json", content: await saved(exported) }),
    });
    expect(reimport.status).toBe(200);
    const again = await fetch(`${session.server.origin}/api/quizzes/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ format: "csv", content: GOOD_CSV }),
    });
    expect(((await reimport.json()) as { quiz: unknown }).quiz).toEqual(
      ((await again.json()) as { quiz: { title: string } }).quiz,
    );
    await host.goto(`${session.server.origin}/`);
    await host.getByLabel("Bring your own quiz").check();
    await host.getByRole("radio", { name: /Browser quiz/ }).waitFor();

    // Play it, host-paced.
    await host.getByLabel("Wait for me to press Next").check();
    await host.getByRole("button", { name: "Create game" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);
    await host.getByText("Browser quiz").first().waitFor();

    const ada = await newPage("phone");
    await ada.goto(`${session.server.origin}/join/${code}`);
    await ada.getByLabel("Your name").fill("Ada");
    await ada.getByRole("button", { name: "Join", exact: true }).click();
    await heading(ada, "You're in!");
    await host.getByText("1 player in").waitFor();
    await host.getByRole("button", { name: "Start game" }).click();

    const q1 = "Spiders: how many legs, exactly?";
    await heading(host, q1);
    await heading(ada, q1);
    await shot(host, "host-quiz-question");
    await choice(ada, "8").click();
    await heading(ada, "Correct!");
    await host.getByText("1 of 1 got it right.").waitFor();

    await host.getByRole("button", { name: "Next question" }).click();
    const q2 = "Water boils at 100 °C at sea level.";
    await heading(ada, q2);
    await choice(ada, "False").click();
    await heading(ada, "Not quite");
    await host.getByText("0 of 1 got it right.").waitFor();

    await host.getByRole("button", { name: "Next question" }).click();
    await heading(ada, "What is the capital of Italy?");
    await ada.getByLabel("Type your answer").fill("roma");
    await ada.getByRole("button", { name: "Submit answer" }).click();
    await heading(ada, "Correct!");
    await host.getByText("Accepted:").waitFor();

    await host.getByRole("button", { name: "Final results" }).click();
    await heading(host, "Final results");
    await heading(ada, "You won!");
    await host.getByRole("button", { name: "All standings" }).click();
    await host.locator("td.name-cell", { hasText: "Ada" }).waitFor();
    await expectAccessible(host, "host final (quiz)");

    // The results, as the spreadsheet and as JSON, named by the session.server.
    const [csvFile] = await Promise.all([
      host.waitForEvent("download"),
      host.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe(`trivia-edge-${code}-results.csv`);
    const csv = await saved(csvFile);
    expect(
      csv.startsWith("\uFEFFRank,Player,Score,Correct answers,Question,Question text,Kind,Answer,Correct,Points"),
    ).toBe(true);
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1,Ada,\d+,2,1,"Spiders: how many legs, exactly\?",choice,8,yes,\d+,\d+$/);
    expect(rows[1]).toMatch(/^1,Ada,\d+,2,2,Water boils at 100 °C at sea level\.,truefalse,False,no,0,\d+$/);
    expect(rows[2]).toMatch(/^1,Ada,\d+,2,3,What is the capital of Italy\?,type,roma,yes,\d+,\d+$/);

    const [jsonFile] = await Promise.all([
      host.waitForEvent("download"),
      host.getByRole("button", { name: "Download JSON" }).click(),
    ]);
    expect(jsonFile.suggestedFilename()).toBe(`trivia-edge-${code}-results.json`);
    const results = JSON.parse(await saved(jsonFile)) as {
      title: string;
      questionsPlayed: number;
      players: { name: string; rank: number; correctCount: number; answers: { correct: boolean | null }[] }[];
    };
    expect(results.title).toBe("Browser quiz");
    expect(results.questionsPlayed).toBe(3);
    expect(results.players.map((p) => [p.name, p.rank, p.correctCount])).toEqual([["Ada", 1, 2]]);
    expect(results.players[0]?.answers.map((a) => a.correct)).toEqual([true, false, true]);
    await host.waitForTimeout(300);
    await shot(host, "host-quiz-final");
    await shot(ada, "player-quiz-final");

    expect(problems.flat()).toEqual([]);
  });

  test("a game from the bank by category: every question comes from the category picked", async () => {
    const host = await newPage("projector");
    await host.goto(`${session.server.origin}/`);
    await host.waitForFunction(
      () => (document.querySelector<HTMLSelectElement>("main select")?.options.length ?? 0) > 1,
    );
    await host.getByLabel("Category").selectOption("history");
    await host.getByLabel("Difficulty").selectOption("easy");
    await host.getByLabel("Questions").fill("2");
    await host.getByLabel("Wait for me to press Next").check();
    await host.getByRole("button", { name: "Create game" }).click();
    await host.waitForURL(/\/host\/\d{6}$/);
    const code = host.url().slice(-6);

    const bo = await newPage("phone");
    await bo.goto(`${session.server.origin}/join/${code}`);
    await bo.getByLabel("Your name").fill("Bo");
    await bo.getByRole("button", { name: "Join", exact: true }).click();
    await heading(bo, "You're in!");
    await host.getByText("1 player in").waitFor();
    await host.getByRole("button", { name: "Start game" }).click();
    for (const n of [1, 2]) {
      await host.getByText(`Question ${n} of 2`).waitFor();
      expect(await host.locator(".q-meta .badge").first().textContent()).toBe("History");
      if (n === 1) await shot(host, "host-bank-question-category");
      await host.getByRole("button", { name: "Skip to answer" }).click();
      await host.getByRole("button", { name: n === 2 ? "Final results" : "Next question" }).click();
    }
    await heading(host, "Final results");
  });

  test("on a phone-sized screen the quiz panel fits without sideways scrolling", async () => {
    const phone = await newPage("phone");
    await phone.goto(`${session.server.origin}/`);
    await phone.getByLabel("Bring your own quiz").check();
    await phone.getByRole("heading", { name: "Import a quiz" }).waitFor();
    await phone.getByText("Or paste the quiz").click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(phone, "bring your own quiz (phone)");
    await shot(phone, "home-quiz-phone");
  });
});
