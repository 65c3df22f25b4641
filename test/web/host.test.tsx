import type { ServerMessage } from "@protocol/values";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { HostGame } from "../../web/src/screens/host/Host";
import { entry, linkFor, NOW, question, reveal, viewOf, welcomeHost } from "./fixtures";

const XSS = "<img src=x onerror=alert(1)>";
const players = [
  { id: "a", name: "Ada", score: 0, connected: true },
  { id: "b", name: XSS, score: 0, connected: true },
  { id: "c", name: "Cy", score: 0, connected: false },
];

function renderHost(link: ReturnType<typeof linkFor>) {
  return render(
    <HostGame link={link} code="123456" hostToken="h.secret" joinUrl="https://trivia.example/join/123456" />,
  );
}

/** The host's screen at the end of a game, as the server's `gameOver` leaves it. */
function renderGameOver(
  podium: ReturnType<typeof entry>[],
  leaderboard: ReturnType<typeof entry>[],
  playerCount: number,
  questionCount: number,
) {
  return renderHost(
    linkFor(
      viewOf(welcomeHost(), { type: "gameOver", serverTime: NOW, podium, leaderboard, playerCount, questionCount }),
    ),
  );
}

/** Each podium step as a screen reader hears it, left to right. */
function podiumLabels(): (string | null)[] {
  return Array.from(screen.getByRole("list", { name: "Podium" }).querySelectorAll(":scope > li")).map((li) =>
    li.getAttribute("aria-label"),
  );
}

/** The numbers on the podium's blocks, left to right. */
function podiumBlocks(): (string | null)[] {
  return Array.from(screen.getByRole("list", { name: "Podium" }).querySelectorAll(".podium-block")).map(
    (b) => b.textContent,
  );
}

/** A typed question revealed on the big screen: "paris" twice (accepted), `wrong` once. */
function typedReveal(wrong: string): ServerMessage[] {
  return [
    welcomeHost({ phase: "question", question: question({ kind: "type", choices: undefined }) }),
    {
      type: "reveal",
      serverTime: NOW,
      ...reveal({
        kind: "type",
        correct: { choices: [], accepted: ["Paris"] },
        counts: [],
        typed: [
          { text: "paris", count: 2, correct: true },
          { text: wrong, count: 1, correct: false },
        ],
      }),
    },
  ];
}

describe("host screen", () => {
  test("lobby: huge code, join link, QR code, live player list with kick; start and lock", async () => {
    const link = linkFor(viewOf(welcomeHost({ lobby: { playerCount: 3, connectedCount: 2, locked: false, players } })));
    const { container } = renderHost(link);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Game code 123456");
    expect(screen.getByText("trivia.example/join/123456")).toBeTruthy();
    expect(screen.getByRole("img", { name: "QR code for https://trivia.example/join/123456" })).toBeTruthy();
    expect(screen.getByText("3 players in")).toBeTruthy();
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(screen.getByText("(offline)", { exact: false })).toBeTruthy();

    // A name opens its moderation; removing asks first, and Cancel leaves everyone in.
    await userEvent.click(screen.getByRole("button", { name: `Hide or remove ${XSS}` }));
    const dialog = screen.getByRole("dialog", { name: XSS });
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove from the game" }));
    expect(within(dialog).getByText(/their device can't join it again/)).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Yes, remove");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(link.sent).toEqual([]);
    expect(document.activeElement?.textContent).toBe("Remove from the game");
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove from the game" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Yes, remove" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Lock joining" }));
    await userEvent.click(screen.getByRole("button", { name: "Start game" }));
    expect(link.sent).toEqual([{ type: "kick", playerId: "b" }, { type: "lock" }, { type: "start" }]);
  });

  test("lobby: a hidden name shows as the placeholder on the big screen, and can be shown again", async () => {
    const link = linkFor(
      viewOf(welcomeHost({ lobby: { playerCount: 3, connectedCount: 2, locked: false, players } }), {
        type: "moderation",
        hiddenPlayers: ["b"],
        hiddenAnswers: [],
      }),
    );
    renderHost(link);
    expect(screen.queryByText(XSS)).toBeNull();
    expect(screen.getByText("Hidden name")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Hide or remove Hidden name" }));
    await userEvent.click(screen.getByRole("button", { name: "Show the name on the big screen again" }));
    await userEvent.click(screen.getByRole("button", { name: "Hide or remove Ada" }));
    await userEvent.click(screen.getByRole("button", { name: "Hide the name from the big screen" }));
    expect(link.sent).toEqual([
      { type: "unhideName", playerId: "b" },
      { type: "hideName", playerId: "a" },
    ]);
  });

  test("lobby with nobody in: start is disabled; locked shows", () => {
    renderHost(
      linkFor(
        viewOf(welcomeHost({ locked: true, lobby: { playerCount: 0, connectedCount: 0, locked: true, players: [] } })),
      ),
    );
    expect(screen.getByText("Waiting for players…")).toBeTruthy();
    expect(screen.getByText("Locked")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Start game" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Unlock joining" })).toBeTruthy();
  });

  test("question: text, choices with shapes, countdown, answers in; pause, skip and a confirmed end", async () => {
    const link = linkFor(
      viewOf(
        welcomeHost({
          phase: "question",
          question: question({ double: true, category: "Science" }),
          lobby: { playerCount: 3, connectedCount: 3, locked: false, players },
        }),
        {
          type: "progress",
          index: 0,
          answered: 2,
          connected: 3,
        },
      ),
    );
    renderHost(link);
    expect(screen.getByRole("heading", { level: 1, name: "Which planet is known as the Red Planet?" })).toBeTruthy();
    expect(screen.getByText("Double points")).toBeTruthy();
    expect(screen.getByText("Science")).toBeTruthy();
    expect(
      within(screen.getByRole("list", { name: "Answers" }))
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["A, Triangle: Venus", "B, Diamond: Mars", "C, Circle: Jupiter", "D, Square: Saturn"]);
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Time left: 15 seconds");
    expect(screen.getByText("2").parentElement?.textContent).toBe("2of 3 answered");

    await userEvent.click(screen.getByRole("button", { name: "Pause" }));
    await userEvent.click(screen.getByRole("button", { name: "Skip to answer" }));
    await userEvent.click(screen.getByRole("button", { name: "End game" }));
    expect(screen.getByText("End the game for everyone?")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Yes, end it" }));
    expect(link.sent).toEqual([{ type: "pause" }, { type: "next" }, { type: "end" }]);
  });

  test("a bank question shows its category's name, an imported one its own text", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json({
          categories: [{ id: "film-tv", label: "Film & TV", questionCount: 46, byDifficulty: {} }],
        }),
      ),
    );
    const { unmount } = renderHost(
      linkFor(viewOf(welcomeHost({ phase: "question", question: question({ category: "film-tv" }) }))),
    );
    expect(await screen.findByText("Film & TV")).toBeTruthy();
    unmount();
    renderHost(
      linkFor(viewOf(welcomeHost({ phase: "question", question: question({ category: "Science & Nature" }) }))),
    );
    expect(await screen.findByText("Science & Nature")).toBeTruthy();
    vi.unstubAllGlobals();
  });

  test("paused question: frozen countdown and Resume", async () => {
    const link = linkFor(
      viewOf(
        welcomeHost({ phase: "question", question: question({ deadline: null }), paused: { remainingMs: 9_000 } }),
      ),
    );
    renderHost(link);
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Time left: 9 seconds");
    expect(screen.getByText("Paused")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Resume" }));
    expect(link.sent).toEqual([{ type: "resume" }]);
  });

  test("typed question: no choices, a hint instead", () => {
    renderHost(
      linkFor(viewOf(welcomeHost({ phase: "question", question: question({ kind: "type", choices: undefined }) }))),
    );
    expect(screen.getByText("Players are typing their answers.")).toBeTruthy();
    expect(screen.getByText("Type the answer")).toBeTruthy();
  });

  test("reveal: the correct choice marked, counts per choice, top 10 with movement, next", async () => {
    const link = linkFor(
      viewOf(welcomeHost({ phase: "question", question: question({ index: 2 }) }), {
        type: "reveal",
        serverTime: NOW,
        ...reveal({ index: 2, explanation: "Iron oxide makes it red." }),
      }),
    );
    renderHost(link);
    expect(screen.getByText("2 of 3 got it right.")).toBeTruthy();
    const bars = within(screen.getByRole("figure"))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(bars[0]).toContain("Venus: 1 player");
    expect(bars[1]).toMatch(/Mars✓?: 2 players, the right answer/);
    expect(bars[2]).toContain("Jupiter: 0 players");
    expect(screen.getByText("Iron oxide makes it red.")).toBeTruthy();
    const rows = within(screen.getByRole("region", { name: "Top 10" })).getAllByRole("listitem");
    expect(rows.map((r) => r.getAttribute("aria-label"))).toEqual([
      "1. Ada, 950 points, up 1",
      "2. Cy, 900 points, down 1",
      "3. Ben, 0 points, no change",
    ]);
    // On screen: ▲1 and ▼1 between the place and the name, nothing for no change, never a dash by the score.
    expect(rows.map((r) => r.textContent)).toEqual(["1▲1Ada950", "2▼1Cy900", "3Ben0"]);
    await userEvent.click(screen.getByRole("button", { name: "Next question" }));
    expect(link.sent).toEqual([{ type: "next" }]);
  });

  test("reveal of the last question leads to the final results", () => {
    renderHost(
      linkFor(viewOf(welcomeHost({ phase: "reveal", question: question(), reveal: reveal({ isLast: true }) }))),
    );
    expect(screen.getByRole("button", { name: "Final results" })).toBeTruthy();
  });

  test("reveal of a typed question: accepted answers and what people typed", () => {
    renderHost(linkFor(viewOf(...typedReveal("Lyon"))));
    expect(screen.getByText("Accepted:").textContent).toBe("Accepted: Paris");
    const items = within(screen.getByRole("list", { name: "Most common answers" })).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual(["paris2 (accepted)✓Hide", "Lyon1 (not accepted)✗Hide"]);
  });

  test("a typed answer the host hid keeps its count, loses its text, and can be shown again", async () => {
    const link = linkFor(
      viewOf(...typedReveal("Rude"), {
        type: "moderation",
        hiddenPlayers: [],
        hiddenAnswers: [{ index: 0, text: "Rude" }],
      }),
    );
    renderHost(link);
    expect(screen.queryByText("Rude")).toBeNull();
    expect(screen.getByText("Hidden answer")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Hide the answer paris" }));
    await userEvent.click(screen.getByRole("button", { name: "Show this answer again" }));
    expect(link.sent).toEqual([
      { type: "hideAnswer", index: 0, text: "paris" },
      { type: "unhideAnswer", index: 0, text: "Rude" },
    ]);
  });

  test("get ready: the question alone, large, with a countdown to the answers; skip opens them", async () => {
    const link = linkFor(
      viewOf(welcomeHost(), {
        type: "ready",
        serverTime: NOW,
        index: 2,
        total: 5,
        kind: "choice",
        text: "Which planet is known as the Red Planet?",
        double: true,
        durationMs: 20_000,
        readMs: 3_000,
        opensAt: NOW + 2_000,
      }),
    );
    renderHost(link);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Which planet is known as the Red Planet?");
    expect(screen.getByText("Get ready")).toBeTruthy();
    expect(screen.getByText("Question 3 of 5")).toBeTruthy();
    expect(screen.getByText("Double points")).toBeTruthy();
    expect(screen.getByRole("timer", { name: "Answers open in: 2 seconds" })).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Answers" })).toBeNull();
    expect(document.title).toBe("Q3/5 get ready · 123 456 — trivia-edge");
    await userEvent.click(screen.getByRole("button", { name: "Pause" }));
    await userEvent.click(screen.getByRole("button", { name: "Skip countdown" }));
    expect(link.sent).toEqual([{ type: "pause" }, { type: "next" }]);
  });

  test("reveal of a poll: the spread, no right answer", () => {
    renderHost(
      linkFor(
        viewOf(welcomeHost({ phase: "question", question: question({ kind: "poll" }) }), {
          type: "reveal",
          serverTime: NOW,
          ...reveal({ kind: "poll", correct: { choices: [] }, counts: [2, 1, 0, 0], correctCount: 0 }),
        }),
      ),
    );
    expect(screen.getByText("3 of 3 voted.")).toBeTruthy();
    expect(screen.queryByText(/right answer/)).toBeNull();
    expect(screen.queryByText("✓")).toBeNull();
  });

  test("auto-advancing reveal shows the countdown to the next question", () => {
    renderHost(
      linkFor(viewOf(welcomeHost({ phase: "reveal", question: question(), reveal: reveal({ nextAt: NOW + 4_000 }) }))),
    );
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("Next question in: 4 seconds");
  });

  test("final: the podium and the top 10; everyone's place behind a button, from the host's results", async () => {
    const top = [
      entry("Ada", 5_000, 1, 1),
      entry(XSS, 4_000, 2, 2),
      entry("Cy", 3_000, 3, 3),
      entry("Dee", 3_000, 3, 4),
    ];
    const player = (name: string, score: number, rank: number) => ({
      rank,
      playerId: `id-${name}`,
      name,
      score,
      correctCount: 0,
      answers: [],
    });
    const requests: { url: string; auth: string | null }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        requests.push({ url, auth: new Headers(init?.headers).get("authorization") });
        return Response.json({
          code: "123456",
          phase: "finished",
          generatedAt: "2026-01-01T00:00:00Z",
          questionCount: 5,
          questionsPlayed: 5,
          questions: [],
          players: [...top.map((e) => player(e.name, e.score, e.rank)), player("Eli", 0, 5)],
        });
      }),
    );
    const { container } = renderGameOver(top, top, 5, 5);
    expect(screen.getByRole("heading", { level: 1, name: "Final results" })).toBeTruthy();
    expect(podiumLabels()).toEqual([
      `2nd: ${XSS}, 4,000 points`,
      "1st: Ada, 5,000 points",
      "3rd (tied): Cy and Dee, 3,000 points each",
    ]);
    const top10 = within(screen.getByRole("region", { name: "Top 10" })).getAllByRole("listitem");
    expect(top10.map((r) => r.textContent)).toEqual(["1Ada5,000", `2${XSS}4,000`, "3Cy3,000", "3Dee3,000"]);
    // The projector does not list the last places; they are one button away, fetched with the host's token.
    expect(screen.queryByText("Eli")).toBeNull();
    expect(requests).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "All standings" }));
    const dialog = screen.getByRole("dialog", { name: "All standings" });
    await within(dialog).findByText("Eli");
    const rows = within(within(dialog).getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "1stAda5,000",
      `2nd${XSS}4,000`,
      "3rdCy3,000",
      "3rdDee3,000",
      "5thEli0",
    ]);
    expect(requests).toEqual([{ url: "/api/games/123456/results", auth: "Bearer h.secret" }]);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    vi.unstubAllGlobals();
  });

  test("podium: a tie for 2nd stands on the 2nd step and leaves no 3rd step (the next place is 4th)", () => {
    const top = [entry("Ada", 5_000, 1, 1), entry("Bo", 4_000, 2, 2), entry("Cy", 4_000, 2, 3), entry("Di", 900, 4, 4)];
    renderGameOver(top.slice(0, 3), top, 4, 5);
    expect(podiumLabels()).toEqual(["2nd (tied): Bo and Cy, 4,000 points each", "1st: Ada, 5,000 points"]);
    expect(podiumBlocks()).toEqual(["2", "1"]);
  });

  test("podium: a tie for 1st shares the top step; 3rd stands on bronze; an empty podium says why", () => {
    const top = [entry("Ada", 5_000, 1, 1), entry("Bo", 5_000, 1, 2), entry("Cy", 100, 3, 3)];
    const { unmount } = renderGameOver(top, top, 3, 5);
    expect(podiumLabels()).toEqual(["1st (tied): Ada and Bo, 5,000 points each", "3rd: Cy, 100 points"]);
    expect(podiumBlocks()).toEqual(["1", "3"]);
    unmount();
    // The server leaves players with 0 points off the podium; with nobody on it the screen says so.
    const { unmount: again } = renderGameOver([], [entry("Ada", 0, 1, 1), entry("Bo", 0, 1, 1)], 2, 5);
    expect(screen.queryByRole("list", { name: "Podium" })).toBeNull();
    expect(screen.getByText("Nobody scored any points this time.")).toBeTruthy();
    again();
    renderGameOver([], [], 0, 5);
    expect(screen.getByText("Nobody played this time.")).toBeTruthy();
  });

  test("final: the results download as CSV and JSON with the host token, named as the server says", async () => {
    const podium = [entry("Ada", 5_000, 1, 1)];
    const requests: { url: string; auth: string | null }[] = [];
    const resultsJson = {
      code: "123456",
      phase: "finished",
      generatedAt: "2026-01-01T00:00:00Z",
      questionCount: 1,
      questionsPlayed: 1,
      questions: [],
      players: [{ rank: 1, playerId: "a", name: "Ada", score: 5_000, correctCount: 1, answers: [] }],
    };
    const csv = "\uFEFFRank,Player,Score\r\n1,Ada,5000\r\n";
    let fail = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        requests.push({ url, auth: new Headers(init?.headers).get("authorization") });
        if (fail) return Response.json({ error: { code: "game_not_found", message: "gone" } }, { status: 404 });
        if (url.endsWith("format=csv")) {
          return new Response(csv, {
            headers: {
              "Content-Type": "text/csv; charset=utf-8",
              "Content-Disposition": 'attachment; filename="trivia-edge-123456-results.csv"',
            },
          });
        }
        return Response.json(resultsJson, {
          headers: { "Content-Disposition": 'attachment; filename="trivia-edge-123456-results.json"' },
        });
      }),
    );
    const blobs = new Map<string, Blob>();
    const saved: { filename: string; blob: Blob }[] = [];
    vi.stubGlobal(
      "URL",
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => {
          const url = `blob:test/${blobs.size}`;
          blobs.set(url, blob);
          return url;
        },
        revokeObjectURL: () => {},
      }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (blob) saved.push({ filename: this.download, blob });
    });
    renderGameOver(podium, podium, 1, 1);
    await userEvent.click(screen.getByRole("button", { name: "All standings" }));
    await userEvent.click(await screen.findByRole("button", { name: "Download CSV" }));
    await userEvent.click(screen.getByRole("button", { name: "Download JSON" }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((s) => s.filename)).toEqual(["trivia-edge-123456-results.csv", "trivia-edge-123456-results.json"]);
    // The byte-order mark stays in the file, so spreadsheets read the names as UTF-8.
    expect(new Uint8Array(await (saved[0] as { blob: Blob }).blob.arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    expect(JSON.parse(await (saved[1] as { blob: Blob }).blob.text())).toEqual(resultsJson);
    expect(requests.slice(1)).toEqual([
      { url: "/api/games/123456/results?format=csv", auth: "Bearer h.secret" },
      { url: "/api/games/123456/results?format=json", auth: "Bearer h.secret" },
    ]);

    fail = true;
    await userEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    const error = await screen.findByText(/^The results could not be downloaded/);
    expect(error.textContent).toBe(
      "The results could not be downloaded: There is no game with that code. Check the six digits on the host's screen.",
    );
    expect(error.getAttribute("role")).toBe("alert");
    click.mockRestore();
    vi.unstubAllGlobals();
  });

  test("final without the results: the top 10 and how many more", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: { code: "not_found", message: "no" } }, { status: 404 })),
    );
    const top = Array.from({ length: 10 }, (_, i) => entry(`P${i + 1}`, 1_000 - i, i + 1, null));
    renderGameOver(top.slice(0, 3), top, 14, 5);
    await userEvent.click(screen.getByRole("button", { name: "All standings" }));
    await screen.findByText("The full standings could not be loaded; here is the top 10.");
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(11);
    expect(screen.getByText("…and 4 more players.")).toBeTruthy();
    vi.unstubAllGlobals();
  });

  test("a game that no longer exists says so", () => {
    renderHost(
      linkFor(null, {
        status: "closed",
        fatal: { code: "game_not_found", message: "There is no game with that code.", id: 1 },
      }),
    );
    expect(screen.getByRole("heading", { level: 1, name: "Game unavailable" })).toBeTruthy();
    expect(screen.getByText("There is no game with that code.")).toBeTruthy();
  });
});
