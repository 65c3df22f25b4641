/**
 * "Bring your own quiz" in the host form: importing (file picker, drop, paste), every problem listed, the library
 * kept in localStorage (pick, rename, delete, export) and creating a game from a quiz. The import requests are
 * answered by the worker's own importers in the documented response shape, so the problems shown are the server's
 * own words.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Quiz } from "@protocol/schemas";
import { QUESTION_KINDS } from "@protocol/values";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { App } from "../../web/src/App";
import { navigate } from "../../web/src/lib/router";
import { LIBRARY_KEY } from "../../web/src/screens/host/library";
import { detectFormat, fileProblem, titleFromFileName } from "../../web/src/screens/host/quizFiles";
import { DRAFT_PREFIX, loadDrafts, MY_QUIZZES_KEY } from "../../web/src/screens/studio/device";
import { check } from "../../web/src/screens/studio/validate";
import { importQuiz as importOnServer } from "../../worker/quiz/import";

const SAMPLES = resolve(import.meta.dirname, "../../docs/samples");
const templateCsv = readFileSync(resolve(SAMPLES, "quiz-template.csv"), "utf8");
const sampleJson = readFileSync(resolve(SAMPLES, "quiz.json"), "utf8");
const openTdbJson = readFileSync(resolve(SAMPLES, "opentdb.json"), "utf8");

const BROKEN_CSV = [
  "Question,Answer 1,Answer 2,Answer 3,Answer 4,Time limit (sec),Correct answer(s)",
  "Which planet is known as the Red Planet?,Venus,Mars,Jupiter,Saturn,20,2",
  "What is 2 + 2?,3,4,5,6,240,2",
  "Which ocean is the largest?,Atlantic,Pacific,Indian,Arctic,20,5",
  "Pick the mammal,Shark,Dolphin,,Trout,20,2",
].join("\n");

interface Call {
  url: string;
  method: string;
  body: unknown;
}

/** fetch answered by the worker's quiz routes for /api/quizzes/import; the rest of the API is faked here. */
function stubApi() {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === "/api/quizzes/import") {
        const { format, content, title } = JSON.parse(String(init?.body));
        const result = importOnServer(format, content, { title });
        return result.ok
          ? Response.json({ quiz: result.quiz })
          : Response.json(
              {
                error: {
                  code: "invalid_quiz",
                  message: `The quiz has ${result.errors.length} problems; nothing was imported.`,
                  problems: result.errors,
                },
              },
              { status: 422 },
            );
      }
      if (url === "/api/categories") return Response.json({ categories: [] });
      if (url === "/api/games" && method === "POST") {
        return Response.json(
          { code: "654321", hostToken: "h.secret", joinUrl: "http://x/join/654321", questionCount: 5 },
          { status: 201 },
        );
      }
      return Response.json({ error: { code: "not_found", message: "no" } }, { status: 404 });
    }),
  );
  return calls;
}

async function openQuizPanel() {
  render(<App />);
  await userEvent.click(screen.getByLabelText("Bring your own quiz"));
  await screen.findByRole("heading", { name: "Import a quiz" });
}

/** The quizzes kept on this device (drafts), as the quiz format, newest first. */
function stored(): { quiz: Quiz }[] {
  return loadDrafts().map((d) => {
    const checked = check(d.quiz);
    if (!checked.ok) throw new Error(`a stored draft does not check: ${JSON.stringify(checked.problems)}`);
    return { quiz: checked.quiz };
  });
}

function draftKeys(): string[] {
  return Object.keys(window.localStorage).filter((k) => k.startsWith(DRAFT_PREFIX));
}

function quizOf(title: string, n: number): Quiz {
  return {
    title,
    questions: Array.from({ length: n }, (_, i) => ({
      kind: "choice" as const,
      text: `Question ${i + 1} of ${title}?`,
      choices: ["Yes", "No"],
      correct: 0,
    })),
  };
}

function seedLibrary(...items: unknown[]) {
  window.localStorage.setItem(LIBRARY_KEY, JSON.stringify(items));
}

beforeEach(() => navigate("/", { replace: true }));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("format detection", () => {
  test("extension first, then content; an Open Trivia DB response is recognised by its response_code", () => {
    expect(detectFormat("quiz.csv", "{}")).toBe("csv");
    expect(detectFormat("quiz.tsv", "a\tb")).toBe("csv");
    expect(detectFormat("quiz.json", sampleJson)).toBe("json");
    expect(detectFormat("trivia.json", openTdbJson)).toBe("opentdb");
    expect(detectFormat("broken.json", '{"response_code": 0, "results": [')).toBe("opentdb");
    expect(detectFormat("broken.json", '{"title": "x", ')).toBe("json");
    expect(detectFormat(null, templateCsv)).toBe("csv");
    expect(detectFormat(null, `\uFEFF  ${sampleJson}`)).toBe("json");
    expect(detectFormat(null, openTdbJson)).toBe("opentdb");
    expect(detectFormat("notes.txt", sampleJson)).toBe("json");
    expect(detectFormat("notes.txt", templateCsv)).toBe("csv");
  });

  test("workbooks, empty and oversized files are refused before they are read", () => {
    expect(fileProblem({ name: "Quiz.xlsx", size: 9_000 })).toBe(
      "Quiz.xlsx is a spreadsheet workbook, not a CSV file. Open it and save it as CSV UTF-8 (File → Save As → CSV UTF-8), then import that file.",
    );
    expect(fileProblem({ name: "big.csv", size: 300 * 1024 })).toBe(
      "big.csv is 300 KB; a quiz file may be at most 256 KB.",
    );
    expect(fileProblem({ name: "empty.csv", size: 0 })).toBe("empty.csv is empty.");
    expect(fileProblem({ name: "ok.csv", size: 1_000 })).toBeNull();
    expect(titleFromFileName("Friday_quiz.csv")).toBe("Friday quiz");
  });
});

describe("bring your own quiz", () => {
  test("a good CSV file is imported, saved on the device, picked, and played with POST /api/games", async () => {
    const calls = stubApi();
    await openQuizPanel();
    expect(screen.getByText(/No quizzes on this device yet/)).toBeTruthy();
    // Links to start from, and the spreadsheet hint.
    expect(screen.getByRole("link", { name: "Download the CSV template" }).getAttribute("href")).toBe(
      "/api/quiz-template.csv",
    );
    expect(screen.getByRole("link", { name: "Download a sample quiz (JSON)" }).getAttribute("href")).toBe(
      "/api/quiz-sample.json",
    );
    expect(screen.getByText(/save the spreadsheet as/).textContent).toContain("CSV UTF-8");

    await userEvent.upload(
      screen.getByLabelText("Choose a file"),
      new File([templateCsv], "quiz-template.csv", { type: "text/csv" }),
    );
    const status = await screen.findByText(/^Imported “My quiz”/);
    expect(status.textContent).toBe(
      "Imported “My quiz” (Spreadsheet (CSV)): 7 questions, kept on this device and picked for the game.",
    );
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(calls.find((c) => c.url === "/api/quizzes/import")?.body).toEqual({ format: "csv", content: templateCsv });
    const pick = screen.getByRole("radio", { name: /My quiz/ }) as HTMLInputElement;
    expect(pick.checked).toBe(true);
    expect(pick.closest("label")?.textContent).toMatch(/^My quiz7 questions · only on this device · /);
    const saved = stored();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.quiz.title).toBe("My quiz");
    expect(saved[0]?.quiz.questions.map((q) => q.kind)).toEqual([...QUESTION_KINDS]);

    // No question count for a quiz (it has its own), the pacing still applies.
    expect(screen.queryByLabelText("Questions")).toBeNull();
    await userEvent.clear(screen.getByLabelText("Seconds per question"));
    await userEvent.type(screen.getByLabelText("Seconds per question"), "30");
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    await waitFor(() => expect(window.location.pathname).toBe("/host/654321"));
    const created = calls.find((c) => c.url === "/api/games")?.body as Record<string, unknown>;
    expect(created).toEqual({
      questionSeconds: 30,
      revealSeconds: 5,
      readSeconds: 3,
      questions: saved[0]?.quiz.questions,
      title: "My quiz",
    });
  });

  test("a broken file: every problem is listed in an alert that takes focus, and nothing is saved", async () => {
    stubApi();
    await openQuizPanel();
    await userEvent.upload(
      screen.getByLabelText("Choose a file"),
      new File([BROKEN_CSV], "broken.csv", { type: "text/csv" }),
    );
    const alert = await screen.findByRole("alert");
    const expected = importOnServer("csv", BROKEN_CSV);
    if (expected.ok) throw new Error("the broken file imported");
    expect(expected.errors).toEqual([
      "row 3: time limit 240 seconds is outside 5–120",
      "row 4: correct answer 5 but only 4 answers",
      "row 5: answer 3 is empty but answer 4 is not; fill the answers from answer 1 without gaps",
    ]);
    expect(
      within(alert).getByText("broken.csv could not be imported as Spreadsheet (CSV). Nothing was saved."),
    ).toBeTruthy();
    expect(within(alert).getByText("3 problems to fix:")).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(expected.errors);
    expect(document.activeElement).toBe(alert);
    expect(draftKeys()).toEqual([]);
    expect(screen.getByText(/No quizzes on this device yet/)).toBeTruthy();

    // Creating a game without a quiz says what to do.
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    expect(screen.getByText("Import a quiz, or pick one of your quizzes, first.")).toBeTruthy();
  });

  test("the detected format can be overridden, and a failed file imported again", async () => {
    const calls = stubApi();
    await openQuizPanel();
    // Rows from a spreadsheet saved with a .json name: detected as JSON, refused with the JSON parser's reason.
    const rows = "Question,Answer 1,Answer 2,Correct answer(s)\nIs water wet?,Yes,No,1";
    await userEvent.upload(
      screen.getByLabelText("Choose a file"),
      new File([rows], "rows.json", { type: "application/json" }),
    );
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/could not be imported as trivia-edge quiz \(JSON\)/)).toBeTruthy();
    expect(within(alert).getAllByRole("listitem")[0]?.textContent).toMatch(/^the file is not valid JSON/);

    // Nothing to retry until something changes: the hint says what to do.
    expect(within(alert).getByText(/^Fix the file and choose it again/)).toBeTruthy();
    expect(within(alert).queryByRole("button")).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText("Format"), "csv");
    await userEvent.click(within(alert).getByRole("button", { name: "Import rows.json again as Spreadsheet (CSV)" }));
    // A spreadsheet without a Title row is named after its file.
    expect(await screen.findByText(/^Imported “rows” \(Spreadsheet \(CSV\)\): 1 question,/)).toBeTruthy();
    expect(
      calls.filter((c) => c.url === "/api/quizzes/import").map((c) => (c.body as { format: string }).format),
    ).toEqual(["json", "csv"]);
  });

  test("a file dropped on the drop zone is imported; a workbook is refused with what to do", async () => {
    stubApi();
    await openQuizPanel();
    const zone = screen.getByText("Drop a quiz file here").parentElement as HTMLElement;
    const drop = (file: File) => fireEvent.drop(zone, { dataTransfer: { files: [file], types: ["Files"] } });

    drop(new File(["PK\u0003\u0004"], "Quiz.xlsx"));
    expect((await screen.findByRole("alert")).textContent).toContain("save it as CSV UTF-8");

    drop(new File([openTdbJson], "opentdb.json", { type: "application/json" }));
    expect(
      await screen.findByText(
        "Imported “Science & Nature (Open Trivia DB)” (Open Trivia DB (JSON)): 3 questions, kept on this device and picked for the game.",
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("pasted text: detected as JSON or CSV; an empty paste is explained", async () => {
    const calls = stubApi();
    await openQuizPanel();
    await userEvent.click(screen.getByText("Or paste the quiz"));
    await userEvent.click(screen.getByRole("button", { name: "Import pasted quiz" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Paste a quiz first");

    const box = screen.getByLabelText("Quiz text (CSV rows or JSON)");
    await userEvent.click(box);
    await userEvent.paste(sampleJson);
    await userEvent.click(screen.getByRole("button", { name: "Import pasted quiz" }));
    expect(await screen.findByText(/^Imported “trivia-edge sample quiz” \(trivia-edge quiz/)).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe("");

    await userEvent.click(box);
    await userEvent.paste("Title,Capitals\nQuestion,Answer 1,Answer 2,Correct\nCapital of Peru?,Lima,Quito,1");
    await userEvent.click(screen.getByRole("button", { name: "Import pasted quiz" }));
    expect(await screen.findByText(/^Imported “Capitals” \(Spreadsheet \(CSV\)\): 1 question,/)).toBeTruthy();
    const imports = calls.filter((c) => c.url === "/api/quizzes/import").map((c) => c.body as Record<string, unknown>);
    expect(imports.map((b) => b.format)).toEqual(["json", "csv"]);
    // Newest first, the new one picked.
    const radios = screen.getAllByRole("radio").filter((r) => r.getAttribute("name")?.endsWith("-pick"));
    expect(radios.map((r) => r.closest("label")?.querySelector(".quiz-item-title")?.textContent)).toEqual([
      "Capitals",
      "trivia-edge sample quiz",
    ]);
    expect((radios[0] as HTMLInputElement).checked).toBe(true);
  });

  test("a network failure is explained and the same file can be tried again", async () => {
    stubApi();
    const working = globalThis.fetch;
    let offline = true;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === "/api/quizzes/import" && offline) {
          offline = false;
          throw new TypeError("Failed to fetch");
        }
        return working(url, init);
      }),
    );
    await openQuizPanel();
    await userEvent.upload(screen.getByLabelText("Choose a file"), new File([templateCsv], "quiz.csv"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("quiz.csv could not be imported.");
    expect(alert.textContent).toContain("Could not reach the game server. Check your connection and try again.");
    await userEvent.click(within(alert).getByRole("button", { name: "Try quiz.csv again" }));
    expect(await screen.findByText(/^Imported “My quiz”/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("importing the same quiz twice keeps one copy", async () => {
    stubApi();
    await openQuizPanel();
    for (let i = 0; i < 2; i++) {
      await userEvent.upload(screen.getByLabelText("Choose a file"), new File([sampleJson], "quiz.json"));
      await screen.findByText(/^Imported/);
    }
    expect(stored()).toHaveLength(1);
  });
});

describe("the quiz panel lists My quizzes", () => {
  const older = { id: "a", savedAt: "2026-01-02T10:00:00.000Z", quiz: quizOf("Capitals", 3) };
  const newer = { id: "b", savedAt: "2026-03-04T10:00:00.000Z", quiz: quizOf("Friday quiz", 12) };
  const broken = { id: "c", savedAt: "2026-02-01T10:00:00.000Z", quiz: { title: "", questions: [] } };

  test("the old device library is folded in once: its quizzes become drafts, newest first, and its key goes", async () => {
    stubApi();
    seedLibrary(older, broken, newer);
    await openQuizPanel();
    const list = screen.getByRole("group", { name: /Your quizzes/ });
    const radios = within(list).getAllByRole("radio") as HTMLInputElement[];
    expect(radios.map((r) => r.closest("label")?.querySelector(".quiz-item-title")?.textContent)).toEqual([
      "Friday quiz",
      "Capitals",
    ]);
    expect(radios[0]?.closest("label")?.textContent).toContain("12 questions · only on this device · ");
    expect(radios[0]?.checked).toBe(true);
    expect(window.localStorage.getItem(LIBRARY_KEY)).toBeNull();
    expect(stored().map((e) => e.quiz)).toEqual([newer.quiz, older.quiz]);
    expect(within(list).getByRole("link", { name: "Edit Friday quiz" }).getAttribute("href")).toBe(
      "/studio?draft=library-b",
    );
  });

  test("a quiz saved to the library is played by its id; one only on this device by its questions", async () => {
    const calls = stubApi();
    window.localStorage.setItem(
      MY_QUIZZES_KEY,
      JSON.stringify([
        {
          id: "q1abcdefgh",
          editToken: "t",
          title: "Library quiz",
          updatedAt: "2026-05-01T10:00:00.000Z",
          questionCount: 4,
        },
      ]),
    );
    seedLibrary(older);
    await openQuizPanel();
    const pick = screen.getByRole("radio", { name: /Library quiz/ }) as HTMLInputElement;
    expect(pick.checked).toBe(true);
    expect(pick.closest("label")?.textContent).toContain("4 questions · in your library · ");
    expect(screen.getByRole("link", { name: "Edit Library quiz" }).getAttribute("href")).toBe(
      "/studio?quiz=q1abcdefgh",
    );
    expect(screen.getByLabelText("Title (optional)").getAttribute("placeholder")).toBe("Library quiz");
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    await waitFor(() => expect(window.location.pathname).toBe("/host/654321"));
    expect(calls.find((c) => c.url === "/api/games")?.body).toEqual({
      questionSeconds: 20,
      revealSeconds: 5,
      readSeconds: 3,
      quizId: "q1abcdefgh",
    });

    cleanup();
    navigate("/", { replace: true });
    calls.length = 0;
    await openQuizPanel();
    await userEvent.click(screen.getByRole("radio", { name: /Capitals/ }));
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/games")).toBe(true));
    expect(calls.find((c) => c.url === "/api/games")?.body).toEqual({
      questionSeconds: 20,
      revealSeconds: 5,
      readSeconds: 3,
      questions: older.quiz.questions,
      title: "Capitals",
    });
  });

  test("a draft with problems is listed with how many, cannot be picked, and opens in the editor", async () => {
    stubApi();
    window.localStorage.setItem(
      `${DRAFT_PREFIX}k1`,
      JSON.stringify({
        key: "k1",
        quiz: {
          title: "Half done",
          questions: [{ id: "x", kind: "choice", text: "", choices: ["a", ""], correct: [], accepted: [] }],
        },
        updatedAt: "2026-05-01T10:00:00.000Z",
      }),
    );
    await openQuizPanel();
    const pick = screen.getByRole("radio", { name: /Half done/ }) as HTMLInputElement;
    expect(pick.disabled).toBe(true);
    expect(pick.closest("label")?.textContent).toContain("3 problems to fix before it can be played");
    expect(screen.getByRole("link", { name: "Edit Half done" }).getAttribute("href")).toBe("/studio?draft=k1");
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    expect(screen.getByText("Import a quiz, or pick one of your quizzes, first.")).toBeTruthy();
  });

  test("a browser that refuses to store keeps the quiz for this visit and says so", async () => {
    stubApi();
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    await openQuizPanel();
    await userEvent.upload(screen.getByLabelText("Choose a file"), new File([templateCsv], "quiz.csv"));
    await screen.findByText(/^Imported “My quiz”.*not kept \(this browser refused\)/);
    expect((screen.getByRole("radio", { name: /My quiz/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/would not keep the quiz/)).toBeTruthy();
  });
});
