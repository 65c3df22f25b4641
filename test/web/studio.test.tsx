/**
 * The quiz studio's editor logic, rendered in jsdom against an in-memory library that follows the contract
 * (library-fake.ts): undo/redo, reordering, problems from the server's schema shown next to their fields, autosave
 * and restore, saving (create, then update with the version), the version conflict and its two ways out, pictures,
 * exports, My quizzes, the share view and the preview.
 */

import type { Quiz } from "@protocol/schemas";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { App } from "../../web/src/App";
import { navigate } from "../../web/src/lib/router";
import { DRAFT_PREFIX, loadDrafts, loadSaved, MY_QUIZZES_KEY } from "../../web/src/screens/studio/device";
import { blankQuestion } from "../../web/src/screens/studio/draft";
import * as H from "../../web/src/screens/studio/history";
import PreviewFrame from "../../web/src/screens/studio/PreviewFrame";
import type { PreviewRequest } from "../../web/src/screens/studio/previewView";
import { importQuiz as importOnServer } from "../../worker/quiz/import";
import { captureDownloads } from "./fixtures";
import { fakeLibrary } from "./library-fake";

const SAMPLE: Quiz = {
  title: "Planets",
  questions: [
    { kind: "choice", text: "Which planet is red?", choices: ["Venus", "Mars", "Jupiter"], correct: 1 },
    { kind: "truefalse", text: "The Sun is a star.", correct: true },
    { kind: "type", text: "Closest star?", accepted: ["The Sun", "Sun", "Sol"] },
  ],
};

beforeEach(() => navigate("/", { replace: true }));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function openNewQuiz() {
  navigate("/studio?draft=test-draft", { replace: true });
  render(<App />);
  // The studio is a lazy chunk: its first import is transformed on the spot, which a busy machine takes seconds for.
  await screen.findByRole("heading", { name: "New quiz", level: 1 }, { timeout: 15_000 });
}

const questionText = () => screen.getByRole("textbox", { name: "Question" }) as HTMLTextAreaElement;
const titleField = () => screen.getByLabelText("Quiz title") as HTMLInputElement;
const outline = () =>
  within(screen.getByRole("heading", { name: /^Questions/ }).closest("section") as HTMLElement)
    .getAllByRole("button")
    .filter((b) => b.hasAttribute("data-question"))
    .map((b) => b.textContent);

/** The status region that reads out what just happened. */
async function announced(text: string | RegExp) {
  await waitFor(
    () =>
      expect(
        screen
          .getAllByRole("status")
          .map((s) => s.textContent ?? "")
          .some((t) => (typeof text === "string" ? t === text : text.test(t))),
      ).toBe(true),
    { timeout: 3000 },
  );
}

describe("history", () => {
  test("typing in one field is one step; steps are named; redo is cleared by a new change", () => {
    let h = H.start("a");
    h = H.change(h, "ab", "Edit the title", "title", 1000);
    h = H.change(h, "abc", "Edit the title", "title", 1500);
    h = H.change(h, "abcd", "Edit the title", "title", 4000);
    expect(h.past.map((s) => s.state)).toEqual(["a", "abc"]);
    h = H.change(h, "X", "Delete question 2", null, 4100);
    expect(H.undoLabel(h)).toBe("Delete question 2");
    h = H.undo(h);
    expect(h.present).toBe("abcd");
    expect(H.redoLabel(h)).toBe("Delete question 2");
    h = H.undo(h);
    expect(h.present).toBe("abc");
    h = H.redo(h);
    expect(h.present).toBe("abcd");
    h = H.change(h, "Y", "Edit the title", "title", 9000);
    expect(H.redoLabel(h)).toBeNull();
    expect(H.undo(H.start("z"))).toEqual(H.start("z"));
  });
});

// Whole-editor tests type and click a lot; on a busy machine they need more than the default 5 s.
describe("the editor", { timeout: 30_000 }, () => {
  test("undo and redo: buttons, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, each read out", async () => {
    fakeLibrary();
    await openNewQuiz();
    await userEvent.type(titleField(), "Quiz");
    await userEvent.click(screen.getByRole("button", { name: "True or false" }));
    expect(outline()).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(outline()).toHaveLength(1);
    await announced("Undone: Add question 2.");
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(titleField().value).toBe("");
    await announced("Undone: Edit the title.");
    await userEvent.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    expect(titleField().value).toBe("Quiz");
    await userEvent.keyboard("{Control>}y{/Control}");
    expect(outline()).toHaveLength(2);
    await announced("Redone: Add question 2.");
    expect((screen.getByRole("button", { name: "Redo" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Undo" }).getAttribute("title")).toBe("Undo: Add question 2 (Ctrl+Z)");
  });

  test("add, duplicate, reorder and delete questions; focus follows, delete can be undone", async () => {
    fakeLibrary();
    await openNewQuiz();
    await userEvent.type(questionText(), "First");
    await userEvent.click(screen.getByRole("button", { name: "Poll" }));
    // A new question opens with its text field focused, after the open one.
    expect(document.activeElement).toBe(questionText());
    await userEvent.type(questionText(), "Second");
    await userEvent.click(screen.getByRole("button", { name: "Duplicate" }));
    expect(outline()).toEqual([
      expect.stringMatching(/^1Multiple choiceFirst!?, 2 problems$/),
      expect.stringContaining("PollSecond"),
      expect.stringContaining("PollSecond"),
    ]);
    expect(screen.getByRole("heading", { name: "Question 3 of 3" })).toBe(document.activeElement);

    await userEvent.clear(questionText());
    await userEvent.type(questionText(), "Third");
    await userEvent.click(screen.getByRole("button", { name: /Move up/ }));
    expect(outline().map((t) => t?.replace(/^\d/, ""))).toEqual([
      expect.stringContaining("First"),
      expect.stringContaining("Third"),
      expect.stringContaining("Second"),
    ]);
    expect(document.activeElement?.id).toBe("move-up");
    await userEvent.click(screen.getByRole("button", { name: /Move up/ }));
    // At the top, Move up is disabled: the focus goes to Move down.
    expect(document.activeElement?.id).toBe("move-down");
    await announced("Question 2 is now question 1 of 3.");
    expect(outline()[0]).toContain("Third");

    await userEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(outline()).toHaveLength(2);
    expect(screen.getByRole("heading", { name: "Question 1 of 2" })).toBe(document.activeElement);
    expect(questionText().value).toBe("First");
    await announced("Deleted question 1. Ctrl+Z brings it back.");
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(outline()[0]).toContain("Third");
  });

  test("problems come from the quiz schema, next to their fields, once touched; Save shows all and lists them", async () => {
    const library = fakeLibrary();
    await openNewQuiz();
    const seconds = screen.getByLabelText("Time limit (seconds)");
    await userEvent.type(seconds, "3");
    const problem = await screen.findByText(/^Use 5 to 120 seconds/);
    expect(seconds.getAttribute("aria-invalid")).toBe("true");
    expect(seconds.getAttribute("aria-describedby")).toBe(problem.closest("p")?.id);
    // Untouched fields say nothing yet; the summary counts everything.
    expect(screen.queryByText("Write the question.")).toBeNull();
    expect(screen.getByText(/^5 problems to fix before saving\.$/)).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Save to library" }));
    expect(library.calls.some((c) => c.url === "/api/quizzes")).toBe(false);
    expect(screen.getByText("Write the question.")).toBeTruthy();
    expect(screen.getByText("Give the quiz a title.")).toBeTruthy();
    // The choice list's problems: its own and its right answer's, under the list.
    expect(
      document
        .getElementById(
          screen.getByRole("group", { name: "Choices" }).getAttribute("aria-describedby")?.split(" ")[0] ?? "",
        )
        ?.textContent?.trim(),
    ).toBe("Give at least 2 choices. Mark the right answer.");
    await announced("Not saved yet: 5 problems to fix first.");
    const summary = document.querySelector(".studio-summary") as HTMLElement;
    expect(document.activeElement).toBe(summary);

    // A problem in the list takes the cursor to its field.
    await userEvent.click(within(summary).getByRole("button", { name: "Question 1: Write the question." }));
    expect(document.activeElement).toBe(questionText());

    await userEvent.type(titleField(), "Quiz");
    await userEvent.type(questionText(), "Red planet?");
    await userEvent.type(screen.getByLabelText(/Choice A/), "Venus");
    await userEvent.type(screen.getByLabelText(/Choice B/), "venus");
    expect(screen.getByText("Two choices are the same (capitals do not count); make each one different.")).toBeTruthy();
    await userEvent.clear(screen.getByLabelText(/Choice B/));
    await userEvent.type(screen.getByLabelText(/Choice B/), "Mars");
    await userEvent.click(screen.getByLabelText("Right answer: choice B"));
    await userEvent.clear(seconds);
    expect(await screen.findByText(/^No problems: ready to save\.$/)).toBeTruthy();
  });

  test("switching a question's kind keeps what fits: choices stay, the right choice becomes the typed answer", async () => {
    fakeLibrary();
    await openNewQuiz();
    await userEvent.type(screen.getByLabelText(/Choice A/), "Paris");
    await userEvent.type(screen.getByLabelText(/Choice B/), "Lyon");
    await userEvent.click(screen.getByLabelText("Right answer: choice A"));
    await userEvent.selectOptions(screen.getByLabelText("Kind of question"), "type");
    expect((screen.getByLabelText("Accepted answer 1", { exact: true }) as HTMLInputElement).value).toBe("Paris");
    await userEvent.selectOptions(screen.getByLabelText("Kind of question"), "multi");
    expect((screen.getByLabelText(/Choice B/) as HTMLInputElement).value).toBe("Lyon");
    expect((screen.getByLabelText("Right answer: choice A") as HTMLInputElement).checked).toBe(true);
  });

  test("the draft is kept on the device as it is written and comes back after a reload", async () => {
    fakeLibrary();
    await openNewQuiz();
    expect(loadDrafts()).toEqual([]);
    await userEvent.type(titleField(), "Kept");
    await userEvent.type(questionText(), "Still here?");
    await waitFor(() => expect(loadDrafts()[0]?.quiz.title).toBe("Kept"));
    // The page goes away before the autosave's moment: pagehide writes at once.
    await userEvent.type(questionText(), "!");
    act(() => {
      window.dispatchEvent(new Event("pagehide"));
    });
    expect(loadDrafts()[0]?.quiz.questions[0]?.text).toBe("Still here?!");
    cleanup();

    navigate("/studio?draft=test-draft", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "New quiz", level: 1 });
    expect(titleField().value).toBe("Kept");
    expect(questionText().value).toBe("Still here?!");
    // Opening a draft and looking around is not a change: its time stays that of the last edit.
    const edited = loadDrafts()[0]?.updatedAt;
    cleanup();
    navigate("/studio?draft=test-draft", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "New quiz", level: 1 });
    await userEvent.click(screen.getByRole("button", { name: /Still here/ }));
    await new Promise((r) => setTimeout(r, 400));
    expect(loadDrafts()[0]?.updatedAt).toBe(edited);
    cleanup();

    // The start page lists it as not saved yet.
    navigate("/studio", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "Write a quiz", level: 1 });
    expect(screen.getByRole("link", { name: "Continue Kept" }).getAttribute("href")).toBe("/studio?draft=test-draft");
  });

  test("save creates the quiz, then updates it with its version and the edit token", async () => {
    const library = fakeLibrary();
    window.localStorage.setItem(
      `${DRAFT_PREFIX}test-draft`,
      JSON.stringify({
        key: "test-draft",
        quiz: {
          title: "Planets",
          questions: [{ ...blankQuestion("truefalse"), text: "Pluto is a planet.", correct: [1] }],
        },
        updatedAt: "2026-06-01T09:00:00.000Z",
      }),
    );
    navigate("/studio?draft=test-draft", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "New quiz", level: 1 });
    expect(screen.getByText(/^Not in the library yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Save to library" }));
    await announced("Saved to your library: “Planets”. Share link: http://localhost:3000/quiz/quiz1abcdefgh");
    const post = library.calls.find((c) => c.method === "POST" && c.url === "/api/quizzes");
    expect(post?.body).toEqual({
      title: "Planets",
      questions: [{ kind: "truefalse", text: "Pluto is a planet.", correct: false }],
    });
    expect(window.location.search).toBe("?quiz=quiz1abcdefgh");
    expect(loadSaved()).toEqual([
      expect.objectContaining({ id: "quiz1abcdefgh", editToken: "token-1", title: "Planets", questionCount: 1 }),
    ]);
    expect(screen.getByText(/^All changes saved/)).toBeTruthy();
    // The address changed under the editor; it stayed open (undo history and all).
    expect(screen.getByRole("heading", { name: "Edit quiz", level: 1 })).toBeTruthy();

    await userEvent.type(titleField(), " 2");
    expect(screen.getByText(/^Unsaved changes/)).toBeTruthy();
    await userEvent.keyboard("{Control>}s{/Control}");
    await announced("Saved “Planets 2” (version 2).");
    const put = library.calls.find((c) => c.method === "PUT");
    expect(put?.url).toBe("/api/quizzes/quiz1abcdefgh");
    expect(put?.auth).toBe("Bearer token-1");
    expect(put?.body).toEqual({ version: 1, quiz: expect.objectContaining({ title: "Planets 2" }) });
    expect(loadSaved()[0]?.title).toBe("Planets 2");
  });

  test("a version conflict: the author keeps hers as a copy, or reloads theirs (undo brings hers back)", async () => {
    const library = fakeLibrary();
    const { id, token } = library.seedSaved(SAMPLE);
    window.localStorage.setItem(
      MY_QUIZZES_KEY,
      JSON.stringify([{ id, editToken: token, title: "Planets", updatedAt: "2026-06-01T10:01:00.000Z" }]),
    );
    navigate(`/studio?quiz=${id}`, { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "Edit quiz", level: 1 });
    expect(titleField().value).toBe("Planets");

    library.saveElsewhere(id, (q) => ({ ...q, title: "Planets (theirs)" }));
    await userEvent.clear(titleField());
    await userEvent.type(titleField(), "Planets (mine)");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Not saved: someone else saved this quiz after you opened it (version 2");
    await waitFor(() => expect(document.activeElement).toBe(alert));

    await userEvent.click(within(alert).getByRole("button", { name: "Reload theirs" }));
    await waitFor(() => expect(titleField().value).toBe("Planets (theirs)"));
    expect(screen.getByText(/^All changes saved/)).toBeTruthy();
    await announced(/^Loaded the saved version 2 of “Planets \(theirs\)”/);
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(titleField().value).toBe("Planets (mine)");

    // Saving now is based on version 2: it goes through, mine over theirs, on purpose.
    library.saveElsewhere(id, (q) => ({ ...q, title: "Planets (third)" }));
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const again = await screen.findByRole("alert");
    await userEvent.click(within(again).getByRole("button", { name: "Save mine as a copy" }));
    await announced(/^Saved as a new quiz: “Planets \(mine\)”/);
    const copyId = new URLSearchParams(window.location.search).get("quiz") as string;
    expect(copyId).not.toBe(id);
    expect(library.quizzes.get(copyId)?.quiz.title).toBe("Planets (mine)");
    expect(library.quizzes.get(id)?.quiz.title).toBe("Planets (third)");
    expect(loadSaved().map((e) => e.id)).toEqual([copyId, id]);
  });

  test("unsaved changes to a saved quiz come back when it is opened again", async () => {
    const library = fakeLibrary();
    const { id, token } = library.seedSaved(SAMPLE);
    window.localStorage.setItem(
      MY_QUIZZES_KEY,
      JSON.stringify([{ id, editToken: token, title: "Planets", updatedAt: "2026-06-01T10:01:00.000Z" }]),
    );
    navigate(`/studio?quiz=${id}`, { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "Edit quiz", level: 1 });
    await userEvent.type(titleField(), "!");
    await waitFor(() => expect(loadDrafts()[0]?.quiz.title).toBe("Planets!"));
    cleanup();
    render(<App />);
    await screen.findByRole("heading", { name: "Edit quiz", level: 1 });
    expect(titleField().value).toBe("Planets!");
    expect(screen.getByText(/^Unsaved changes/)).toBeTruthy();
    await announced(/^Your unsaved changes from .* are back\.$/);
  });

  test("pictures: uploaded from a file or a paste, refused before upload when too big, explained when refused", async () => {
    const library = fakeLibrary();
    await openNewQuiz();
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3])], "a.png", {
      type: "image/png",
    });
    await userEvent.upload(screen.getByLabelText("Choose a picture"), png);
    const img = await screen.findByRole("img", { name: "Shown with question 1" });
    expect(img.getAttribute("src")).toMatch(/^\/api\/images\/[0-9a-f]{64}$/);
    const upload = library.calls.find((c) => c.url === "/api/images");
    expect(upload?.contentType).toBe("image/png");
    expect([...((upload?.body ?? new Uint8Array()) as Uint8Array).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    await userEvent.click(screen.getByRole("button", { name: "Remove picture" }));
    const big = new File([new Uint8Array(2 * 1024 * 1024 + 1)], "huge.png", { type: "image/png" });
    await userEvent.upload(screen.getByLabelText("Choose a picture"), big);
    expect(screen.getByRole("alert").textContent).toBe("huge.png is 2.0 MB; a picture may be at most 2 MB.");
    expect(library.calls.filter((c) => c.url === "/api/images")).toHaveLength(1);

    const fake = new File([new Uint8Array([1, 2, 3, 4])], "fake.png", { type: "image/png" });
    fireEvent.paste(questionText(), { clipboardData: { files: [fake] } });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "That file is not a picture the game can show: use a PNG, JPEG, WebP or GIF image.",
    );
    fireEvent.paste(questionText(), { clipboardData: { files: [png] } });
    await screen.findByRole("img", { name: "Shown with question 1" });
  });

  test("export: JSON and CSV files that import again as the same quiz", async () => {
    fakeLibrary();
    const downloads = captureDownloads();
    window.localStorage.setItem(
      `${DRAFT_PREFIX}test-draft`,
      JSON.stringify({
        key: "test-draft",
        quiz: {
          title: "Planets",
          questions: [
            { ...blankQuestion("choice"), text: "Red one?", choices: ["Venus", "Mars", "", ""], correct: [1] },
            {
              ...blankQuestion("multi"),
              text: "Giants?",
              choices: ["Jupiter", "Earth", "Saturn"],
              correct: [0, 2],
              double: true,
            },
            { ...blankQuestion("type"), text: "Star?", accepted: ["Sun", "", "Sol"], seconds: 30 },
            { ...blankQuestion("poll"), text: "Go?", choices: ["Yes", "No"], explanation: "Just asking." },
            { ...blankQuestion("truefalse"), text: "Hot?", correct: [0] },
            {
              ...blankQuestion("slider"),
              text: "pH of water?",
              // As typed in the editor: a decimal comma, the step and tolerance as text.
              extra: { slider: { min: "0", max: "14", step: "0,1", correct: "7", tolerance: "0.3", unit: "pH" } },
            },
            { ...blankQuestion("order"), text: "Nearest first", choices: ["Mercury", "Venus", "", "Earth"] },
          ],
        },
        updatedAt: "2026-06-01T09:00:00.000Z",
      }),
    );
    navigate("/studio?draft=test-draft", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "New quiz", level: 1 });
    await userEvent.click(screen.getByText("More"));
    await userEvent.click(screen.getByRole("button", { name: "Export JSON" }));
    await userEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(downloads.map((d) => d.filename)).toEqual(["planets.quiz.json", "planets.csv"]);
    const json = importOnServer("json", (await downloads[0]?.blob.text()) ?? "");
    const csv = importOnServer("csv", (await downloads[1]?.blob.text()) ?? "");
    expect(json.ok && csv.ok).toBe(true);
    if (!json.ok || !csv.ok) return;
    expect(csv.quiz).toEqual(json.quiz);
    expect(json.quiz.questions.map((q) => q.kind)).toEqual([
      "choice",
      "multi",
      "type",
      "poll",
      "truefalse",
      "slider",
      "order",
    ]);
    expect(json.quiz.questions[5]).toEqual({
      kind: "slider",
      text: "pH of water?",
      min: 0,
      max: 14,
      step: 0.1,
      correct: 7,
      tolerance: 0.3,
      unit: "pH",
    });
    expect(json.quiz.questions[6]).toEqual({
      kind: "order",
      text: "Nearest first",
      items: ["Mercury", "Venus", "Earth"],
    });
    expect(json.quiz.questions[0]).toEqual({
      kind: "choice",
      text: "Red one?",
      choices: ["Venus", "Mars"],
      correct: 1,
    });
    expect(json.quiz.questions[2]).toEqual({ kind: "type", text: "Star?", accepted: ["Sun", "Sol"], seconds: 30 });
  });
});

describe("start page, My quizzes and the share view", { timeout: 30_000 }, () => {
  test("a bank category opens as a new draft titled after the category", async () => {
    const library = fakeLibrary();
    navigate("/studio", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "Write a quiz", level: 1 });
    await waitFor(() => expect(screen.getByRole("option", { name: "History (30)" })).toBeTruthy());
    await userEvent.selectOptions(screen.getByLabelText("Category"), "history");
    await userEvent.clear(screen.getByLabelText("Questions"));
    await userEvent.type(screen.getByLabelText("Questions"), "3");
    await userEvent.click(screen.getByRole("button", { name: "Draw the questions" }));
    await screen.findByRole("heading", { name: "New quiz", level: 1 });
    expect(library.calls.find((c) => c.url.startsWith("/api/bank/quiz"))?.url).toBe(
      "/api/bank/quiz?count=3&category=history",
    );
    expect(titleField().value).toBe("History quiz");
    expect(outline()).toHaveLength(3);
  });

  test("My quizzes: share link, host now by id, delete after a confirmation", async () => {
    const library = fakeLibrary();
    const { id, token } = library.seedSaved(SAMPLE);
    window.localStorage.setItem(
      MY_QUIZZES_KEY,
      JSON.stringify([
        { id, editToken: token, title: "Planets", updatedAt: "2026-06-01T10:01:00.000Z", questionCount: 3 },
      ]),
    );
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    navigate("/quizzes", { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "My quizzes", level: 1 });
    const link = `http://localhost:3000/quiz/${id}`;
    expect((screen.getByLabelText("Share link of Planets", { exact: true }) as HTMLInputElement).value).toBe(link);
    await userEvent.click(screen.getByRole("button", { name: "Copy link of Planets" }));
    expect(writeText).toHaveBeenCalledWith(link);
    await announced("Copied the share link of “Planets”.");

    await userEvent.click(screen.getByRole("button", { name: "Delete Planets" }));
    expect(screen.getByText(/^Delete it from the library\? Its share link stops working/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(library.quizzes.has(id)).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Delete Planets" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
    await announced("Deleted “Planets” from the library.");
    expect(library.calls.find((c) => c.method === "DELETE")?.auth).toBe(`Bearer ${token}`);
    expect(library.quizzes.has(id)).toBe(false);
    expect(loadSaved()).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "No quizzes yet" }));
  });

  test("the share view hides the answers until asked; a copy becomes this device's own quiz", async () => {
    const library = fakeLibrary();
    const { id } = library.seedSaved(SAMPLE);
    navigate(`/quiz/${id}`, { replace: true });
    render(<App />);
    await screen.findByRole("heading", { name: "Planets", level: 1 });
    expect(screen.getByText("Which planet is red?")).toBeTruthy();
    expect(screen.queryByText("(right answer)")).toBeNull();
    expect(screen.queryByText("The Sun / Sun / Sol")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Show answers" }));
    expect(screen.getAllByText("(right answer)").map((el) => el.closest("li")?.textContent)).toEqual([
      "B: Mars✓ (right answer)",
      "A: True✓ (right answer)",
    ]);
    expect(screen.getByText("The Sun / Sun / Sol")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Make a copy" }));
    await screen.findByRole("heading", { name: "Edit quiz", level: 1 });
    const copyId = new URLSearchParams(window.location.search).get("quiz") as string;
    expect(copyId).not.toBe(id);
    expect(loadSaved()).toEqual([
      expect.objectContaining({ id: copyId, editToken: expect.any(String), title: "Planets" }),
    ]);
    expect(titleField().value).toBe("Planets");
  });

  test("the preview frame renders the player's and the host's own screens for a draft question", async () => {
    navigate("/studio/preview?as=phone", { replace: true });
    const { unmount } = render(<PreviewFrame />);
    const request: PreviewRequest = {
      source: "trivia-edge-studio",
      question: {
        ...blankQuestion("choice"),
        text: "Red one?",
        choices: ["Venus", "Mars", "", ""],
        correct: [1],
        explanation: "Rust.",
      },
      index: 1,
      total: 4,
      title: "Planets",
      stage: "question",
      defaultSeconds: 20,
    };
    const post = (data: PreviewRequest) =>
      act(() => {
        window.dispatchEvent(new MessageEvent("message", { data, origin: window.location.origin, source: window }));
      });
    post(request);
    expect(screen.getByRole("heading", { name: "Red one?" })).toBeTruthy();
    expect(screen.getByText("Question 2 of 4")).toBeTruthy();
    expect(screen.getByRole("button", { name: "B, Diamond: Mars" })).toBeTruthy();
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Time left: 20 seconds");
    post({ ...request, stage: "answer" });
    expect(screen.getByRole("heading", { name: "Not quite" })).toBeTruthy();
    expect(screen.getByText("Mars", { selector: "strong" })).toBeTruthy();
    expect(screen.getByText("Rust.")).toBeTruthy();
    unmount();

    navigate("/studio/preview?as=projector", { replace: true });
    render(<PreviewFrame />);
    post({ ...request, stage: "answer" });
    expect(screen.getByRole("heading", { name: "Red one?" })).toBeTruthy();
    expect(document.querySelector(".bar-row.right")?.textContent).toBe("Mars✓: 14 players, the right answer14");
    expect(screen.getByText("Rust.")).toBeTruthy();
  });
});
