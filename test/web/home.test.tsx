import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { App } from "../../web/src/App";
import { navigate } from "../../web/src/lib/router";

type Handler = (url: string, init?: RequestInit) => { status: number; body: unknown };

function stubApi(handler: Handler) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const { status, body } = handler(url, init);
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

const categories = {
  categories: [
    { id: "science", label: "Science", questionCount: 46, byDifficulty: { easy: 15, medium: 16, hard: 15 } },
    { id: "history", label: "History", questionCount: 46, byDifficulty: { easy: 15, medium: 16, hard: 15 } },
  ],
};
const lobbyInfo = { code: "123456", phase: "lobby", playerCount: 2, questionCount: 10, joinable: true, locked: false };

beforeEach(() => navigate("/", { replace: true }));
afterEach(() => vi.unstubAllGlobals());

describe("home screen", () => {
  test("hosting: categories come from the API; the form creates a game and opens the host screen", async () => {
    const calls = stubApi((url, init) => {
      if (url === "/api/categories") return { status: 200, body: categories };
      if (url === "/api/games" && init?.method === "POST")
        return {
          status: 201,
          body: { code: "654321", hostToken: "h.secret", joinUrl: "http://x/join/654321", questionCount: 5 },
        };
      return { status: 404, body: { error: { code: "not_found", message: "no" } } };
    });
    render(<App />);
    await screen.findByRole("option", { name: "Science (46)" });
    await userEvent.selectOptions(screen.getByLabelText("Category"), "history");
    await userEvent.selectOptions(screen.getByLabelText("Difficulty"), "hard");
    await userEvent.clear(screen.getByLabelText("Questions"));
    await userEvent.type(screen.getByLabelText("Questions"), "5");
    await userEvent.click(screen.getByLabelText("Wait for me to press Next"));
    // The nickname filter is on unless the host turns it off.
    const filter = screen.getByLabelText("Refuse offensive nicknames") as HTMLInputElement;
    expect(filter.checked).toBe(true);
    await userEvent.click(filter);
    // The lead-in comes preselected at 3 seconds; the host makes it 5.
    expect((screen.getByLabelText("Seconds to read first") as HTMLInputElement).value).toBe("3");
    await userEvent.clear(screen.getByLabelText("Seconds to read first"));
    await userEvent.type(screen.getByLabelText("Seconds to read first"), "5");
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    await waitFor(() => expect(window.location.pathname).toBe("/host/654321"));
    expect(calls.find((c) => c.url === "/api/games")?.body).toEqual({
      questionCount: 5,
      questionSeconds: 20,
      revealSeconds: 0,
      nameFilter: false,
      readSeconds: 5,
      category: "history",
      difficulty: "hard",
    });
    expect(JSON.parse(window.localStorage.getItem("trivia-edge:host:654321") ?? "null")).toEqual({
      token: "h.secret",
      joinUrl: "http://x/join/654321",
    });
  });

  test("hosting: the server's refusal is shown", async () => {
    stubApi((url) =>
      url === "/api/categories"
        ? { status: 200, body: categories }
        : {
            status: 422,
            body: { error: { code: "not_enough_questions", message: "Only 15 questions match; ask for 15 or fewer." } },
          },
    );
    render(<App />);
    await userEvent.click(screen.getByRole("button", { name: "Create game" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Only 15 questions match; ask for 15 or fewer.");
  });

  test("joining: a pasted link leads to the join screen with the code filled in", async () => {
    stubApi((url) =>
      url === "/api/categories" ? { status: 200, body: categories } : { status: 200, body: lobbyInfo },
    );
    render(<App />);
    await userEvent.type(screen.getByLabelText("Game code or link"), "https://trivia.example/join/123456");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(window.location.pathname).toBe("/join/123456");
    expect((screen.getByLabelText("Game code") as HTMLInputElement).value).toBe("123456");
    expect(await screen.findByText("Game found: 2 players in the lobby.")).toBeTruthy();
  });

  test("joining: something that is not a code gets a clear message", async () => {
    stubApi(() => ({ status: 200, body: categories }));
    render(<App />);
    await userEvent.type(screen.getByLabelText("Game code or link"), "12ab");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(screen.getByRole("alert").textContent).toContain("six-digit code");
  });
});

describe("join screen", () => {
  test("/join/:code with an unknown code says so before a name is typed", async () => {
    stubApi(() => ({ status: 404, body: { error: { code: "game_not_found", message: "No game with that code." } } }));
    navigate("/join/999999");
    render(<App />);
    expect(
      await screen.findByText("There is no game with that code. Check the six digits on the host's screen."),
    ).toBeTruthy();
  });

  test("a locked game is reported", async () => {
    stubApi(() => ({ status: 200, body: { ...lobbyInfo, locked: true, joinable: false } }));
    navigate("/join/123456");
    render(<App />);
    expect(await screen.findByText("The host has locked this game, so nobody new can join right now.")).toBeTruthy();
  });

  test("a finished game is reported", async () => {
    stubApi(() => ({ status: 200, body: { ...lobbyInfo, phase: "finished", joinable: false } }));
    navigate("/join/123456");
    render(<App />);
    expect(await screen.findByText("This game is already over.")).toBeTruthy();
  });

  test("the suggested name can be re-rolled and is used when no name is typed", async () => {
    const calls = stubApi((_url, init) =>
      init?.method === "POST"
        ? { status: 201, body: { playerId: "p1", playerToken: "p.p1.secret", name: "Brave Otter" } }
        : { status: 200, body: lobbyInfo },
    );
    navigate("/join/123456");
    render(<App />);
    const first = screen.getByText(/Leave it empty to play as/).querySelector("strong")?.textContent ?? "";
    await userEvent.click(screen.getByRole("button", { name: "Another name" }));
    const second = screen.getByText(/Leave it empty to play as/).querySelector("strong")?.textContent ?? "";
    expect(second).not.toBe(first);
    await userEvent.click(screen.getByRole("button", { name: `Join as ${second}` }));
    await waitFor(() => expect(window.location.pathname).toBe("/play/123456"));
    // With this browser's device id, which a kick would ban (made once, kept).
    const device = JSON.parse(window.localStorage.getItem("trivia-edge:device") ?? "null");
    expect(device).toMatch(/^[0-9a-f]{32}$/);
    expect(calls.find((c) => c.url === "/api/games/123456/players")?.body).toEqual({ name: second, device });
    expect(JSON.parse(window.localStorage.getItem("trivia-edge:player:123456") ?? "null")).toEqual({
      token: "p.p1.secret",
      playerId: "p1",
      name: "Brave Otter",
    });
  });

  test("a taken name is reported on the name field", async () => {
    stubApi((_url, init) =>
      init?.method === "POST"
        ? { status: 409, body: { error: { code: "name_taken", message: "That name is taken in this game." } } }
        : { status: 200, body: lobbyInfo },
    );
    navigate("/join/123456");
    render(<App />);
    await userEvent.type(screen.getByLabelText("Your name"), "Ada");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Someone in this game already has that name (or one that looks just like it). Pick another one.",
    );
    expect(screen.getByLabelText("Your name").getAttribute("aria-invalid")).toBe("true");
  });

  test("an offensive name is reported on the name field, without repeating it", async () => {
    stubApi((_url, init) =>
      init?.method === "POST"
        ? { status: 422, body: { error: { code: "name_not_allowed", message: "That name is not allowed." } } }
        : { status: 200, body: lobbyInfo },
    );
    navigate("/join/123456");
    render(<App />);
    await userEvent.type(screen.getByLabelText("Your name"), "Rude");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "That nickname is not allowed in this game. Please pick another one.",
    );
    expect(screen.getByLabelText("Your name").getAttribute("aria-invalid")).toBe("true");
  });

  test("a name over 24 characters is refused before it is sent", async () => {
    const calls = stubApi(() => ({ status: 200, body: lobbyInfo }));
    navigate("/join/123456");
    render(<App />);
    await userEvent.type(screen.getByLabelText("Your name"), "A".repeat(25));
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(screen.getByRole("alert").textContent).toBe("A name is at most 24 characters.");
    expect(calls.some((c) => c.url.endsWith("/players"))).toBe(false);
  });

  test("a device already in the game can continue with its seat", async () => {
    stubApi(() => ({ status: 200, body: lobbyInfo }));
    window.localStorage.setItem(
      "trivia-edge:player:123456",
      JSON.stringify({ token: "p.x.y", playerId: "x", name: "Ada" }),
    );
    navigate("/join/123456");
    render(<App />);
    expect(screen.getByRole("button", { name: "Continue as Ada" })).toBeTruthy();
  });

  test("the host screen in a browser without the host's token explains itself", async () => {
    navigate("/host/123456");
    render(<App />);
    expect(await screen.findByRole("heading", { level: 1, name: "Not your game" })).toBeTruthy();
  });

  test("an unknown address shows a not-found screen", () => {
    navigate("/nope");
    render(<App />);
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
  });
});
