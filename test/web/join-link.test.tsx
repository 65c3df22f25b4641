/**
 * The lobby's join link must be one phones can open. When it still points at this computer (no LAN address was
 * found, so the server handed out http://localhost:…), the lobby says so plainly instead of showing a dead QR code
 * without a word.
 */
import { render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { HostGame } from "../../web/src/screens/host/Host";
import { linkFor, viewOf, welcomeHost } from "./fixtures";

function renderLobby(joinUrl: string) {
  render(<HostGame link={linkFor(viewOf(welcomeHost()))} code="123456" hostToken="h.secret" joinUrl={joinUrl} />);
}

const WARNING = /Phones can't open this address/;

describe("lobby join link", () => {
  test.each([
    "http://localhost:8787/join/123456",
    "http://127.0.0.1:8787/join/123456",
    "http://[::1]:8787/join/123456",
  ])("warns that phones cannot open %s", (joinUrl) => {
    renderLobby(joinUrl);
    expect(screen.getByRole("img", { name: `QR code for ${joinUrl}` })).toBeTruthy();
    expect(screen.getByRole("note").textContent).toMatch(WARNING);
    expect(screen.getByRole("note").textContent).toMatch(/Connect this computer to the players' Wi-Fi/);
  });

  test.each(["http://192.168.1.20:8787/join/123456", "https://trivia.example/join/123456"])(
    "shows %s without a warning",
    (joinUrl) => {
      renderLobby(joinUrl);
      expect(screen.getByText(joinUrl.replace(/^https?:\/\//, ""))).toBeTruthy();
      expect(screen.queryByText(WARNING)).toBeNull();
    },
  );
});
