/**
 * The host's moderation tools and remote pairing as components: the player list (fetched on open, searchable, a
 * hundred rows at most, hidden names blurred on the big screen, removal asked first) and the Remote dialog (a code
 * only when asked, gone once used, expired or closed; every paired phone listed and revocable).
 */
import type { PlayerListEntry, ServerMessage } from "@protocol/values";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";
import { HostGame } from "../../web/src/screens/host/Host";
import { linkFor, NOW, viewOf, welcomeHost } from "./fixtures";

function entry(id: string, name: string, over: Partial<PlayerListEntry> = {}): PlayerListEntry {
  return { id, name, score: 0, connected: true, rank: 1, hidden: false, ...over };
}

const LOBBY = { playerCount: 3, connectedCount: 3, locked: false, players: [] };

/** A host screen whose link folds the messages `serve` answers with into the view as they "arrive". */
function hostWith(messages: ServerMessage[], serve: (sent: unknown) => ServerMessage[] = () => []) {
  let view = viewOf(welcomeHost({ lobby: LOBBY }), ...messages);
  const link = linkFor(view);
  const rendered = render(
    <HostGame link={link} code="123456" hostToken="h.x" joinUrl="https://t.example/join/123456" />,
  );
  const originalSend = link.send;
  link.send = (message) => {
    originalSend(message);
    const replies = serve(message);
    if (replies.length) {
      view = viewOf(welcomeHost({ lobby: LOBBY }), ...messages, ...replies);
      messages.push(...replies);
      link.view = view;
      rendered.rerender(<HostGame link={link} code="123456" hostToken="h.x" joinUrl="https://t.example/join/123456" />);
    }
    return true;
  };
  return { link, rendered };
}

describe("the player list", () => {
  test("is fetched when it opens, finds names without caring for case or accents, and asks before removing", async () => {
    const players = [entry("a", "Ada"), entry("z", "Zoë", { hidden: true }), entry("c", "Cy", { connected: false })];
    const { link } = hostWith([{ type: "moderation", hiddenPlayers: ["z"], hiddenAnswers: [] }], (m) =>
      (m as { type: string }).type === "players" ? [{ type: "players", players, serverTime: NOW }] : [],
    );
    await userEvent.click(screen.getByRole("button", { name: "Players" }));
    const dialog = screen.getByRole("dialog", { name: "Players" });
    expect(link.sent).toEqual([{ type: "players" }]);
    const rows = () => within(dialog).queryAllByRole("listitem");
    expect(rows().map((r) => r.querySelector(".player-row-name")?.textContent)).toEqual(["Ada", "Cy", "Zoë"]);
    // A hidden name is marked, and blurred: the room can see this dialog on the big screen.
    const zoe = rows()[2];
    expect(zoe?.textContent).toContain("Hidden");
    expect(zoe?.querySelector(".player-row-name")?.classList.contains("blurred")).toBe(true);
    expect(within(dialog).getByText("3 players")).toBeTruthy();

    await userEvent.type(within(dialog).getByLabelText("Find a player"), "zoe");
    expect(rows()).toHaveLength(1);
    await userEvent.click(within(dialog).getByRole("button", { name: "Show name of Zoë" }));
    await userEvent.clear(within(dialog).getByLabelText("Find a player"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Hide name of Ada" }));

    // Removing: asked in the row, and the placeholder, not the name, for a hidden player on the big screen.
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove Cy" }));
    expect(within(dialog).getByText(/their device can't join it again/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Yes, remove" }));
    expect(rows().map((r) => r.querySelector(".player-row-name")?.textContent)).toEqual(["Ada", "Zoë"]);
    expect(link.sent).toEqual([
      { type: "players" },
      { type: "unhideName", playerId: "z" },
      { type: "hideName", playerId: "a" },
      { type: "kick", playerId: "c" },
    ]);
  });

  test("draws a hundred rows of thousands, says how many match, and opens with L", async () => {
    const players = Array.from({ length: 3000 }, (_, i) => entry(`p${i}`, `Player ${String(i).padStart(4, "0")}`));
    hostWith([], (m) =>
      (m as { type: string }).type === "players" ? [{ type: "players", players, serverTime: NOW }] : [],
    );
    await userEvent.keyboard("l");
    const dialog = screen.getByRole("dialog", { name: "Players" });
    expect(within(dialog).getAllByRole("listitem")).toHaveLength(100);
    expect(within(dialog).getByRole("status").textContent).toMatch(/3,000 players · showing the first 100/);
    await userEvent.type(within(dialog).getByLabelText("Find a player"), "player 29");
    expect(within(dialog).getAllByRole("listitem")).toHaveLength(100);
    await userEvent.type(within(dialog).getByLabelText("Find a player"), "99");
    expect(
      within(dialog)
        .getAllByRole("listitem")
        .map((r) => r.querySelector(".player-row-name")?.textContent),
    ).toEqual(["Player 2999"]);
  });
});

describe("the Remote dialog", () => {
  afterEach(() => vi.restoreAllMocks());

  test("shows a pairing code only when asked, hides it once used, and lists and revokes paired phones", async () => {
    const { link } = hostWith([], (m) => {
      const type = (m as { type: string }).type;
      if (type === "pair")
        return [{ type: "pairing", pairingCode: "CODE123", expiresAt: NOW + 60_000, serverTime: NOW }];
      return [];
    });
    await userEvent.click(screen.getByRole("button", { name: "Remote" }));
    const dialog = screen.getByRole("dialog", { name: "Remote" });
    expect(within(dialog).queryByRole("img")).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Pair a phone" }));
    expect(
      within(dialog).getByRole("img", { name: "QR code for https://t.example/remote/123456#CODE123" }),
    ).toBeTruthy();
    expect(within(dialog).getByRole("timer").textContent).toBe("Works once · 60 s left");

    // Closing the dialog kills the code: never shown again, and the server is told.
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(link.sent.at(-1)).toEqual({ type: "cancelPairing" });
    await userEvent.keyboard("r");
    expect(within(screen.getByRole("dialog", { name: "Remote" })).queryByRole("img")).toBeNull();
  });

  test("is gone once the phone has paired, or the minute is over", async () => {
    // This device's clock is an hour off the server's: the code's minute is counted from its arrival all the same.
    let deviceNow = NOW + 3_600_000;
    vi.spyOn(Date, "now").mockImplementation(() => deviceNow);
    const remote = { id: "r1", label: "iPhone · Safari", pairedAt: NOW, connected: true };
    const { link, rendered } = hostWith([
      { type: "pairing", pairingCode: "CODE123", expiresAt: NOW + 60_000, serverTime: NOW },
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Remote" }));
    expect(screen.getByRole("img", { name: /QR code for .*\/remote\// })).toBeTruthy();
    expect(screen.getByRole("timer").textContent).toBe("Works once · 60 s left");
    deviceNow += 59_500;
    await act(() => new Promise((ok) => setTimeout(ok, 300)));
    expect(screen.getByRole("timer").textContent).toBe("Works once · 1 s left");
    deviceNow += 500;
    await act(() => new Promise((ok) => setTimeout(ok, 300)));
    expect(screen.queryByRole("img", { name: /QR code for .*\/remote\// })).toBeNull();
    expect(screen.getByText("That code has expired.")).toBeTruthy();

    link.view = viewOf(
      welcomeHost({ lobby: LOBBY }),
      { type: "pairing", pairingCode: "CODE456", expiresAt: NOW + 120_000, serverTime: NOW + 60_000 },
      { type: "paired", remote },
    );
    rendered.rerender(<HostGame link={link} code="123456" hostToken="h.x" joinUrl="https://t.example/join/123456" />);
    expect(screen.queryByRole("img", { name: /QR code for .*\/remote\// })).toBeNull();
    const list = screen.getByRole("list", { name: "Paired phones" });
    expect(list.textContent).toContain("iPhone · Safari");
    expect(list.textContent).toContain("connected");
    await userEvent.click(screen.getByRole("button", { name: "Revoke iPhone · Safari" }));
    expect(link.sent).toContainEqual({ type: "revokeRemote", remoteId: "r1" });
    // The control bar counts paired phones.
    expect(screen.getByRole("button", { name: "Remote, 1 paired" })).toBeTruthy();
  });
});
