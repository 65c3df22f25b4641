/**
 * A question's image on the phone and on the projector: an image uploaded to the API is named by a root-relative
 * path and must load from the API's origin, which differs from the page's when the site is built with
 * VITE_API_ORIGIN; an https image loads from where it is.
 */
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { linkFor, question, viewOf, welcomeHost, welcomePlayer } from "./fixtures";

const UPLOADED = `/api/images/${"c".repeat(64)}`;
const ELSEWHERE = "https://images.example/planet.png";

/** The screens as built with (or without) VITE_API_ORIGIN: the origin is read when the API module loads. */
async function screens(apiOrigin: string) {
  vi.stubEnv("VITE_API_ORIGIN", apiOrigin);
  vi.resetModules();
  const { PlayerGame } = await import("../../web/src/screens/Player");
  const { HostGame } = await import("../../web/src/screens/host/Host");
  return { PlayerGame, HostGame };
}

async function imageSources(apiOrigin: string, image: string): Promise<string[]> {
  const { PlayerGame, HostGame } = await screens(apiOrigin);
  const q = question({ image });
  const player = render(
    <PlayerGame link={linkFor(viewOf(welcomePlayer({ phase: "question", question: q })))} code="123456" name="Ada" />,
  );
  const host = render(
    <HostGame
      link={linkFor(viewOf(welcomeHost({ phase: "question", question: q })))}
      code="123456"
      hostToken="h.secret"
      joinUrl="https://trivia.example/join/123456"
    />,
  );
  return [player.container.querySelector("img.question-image"), host.container.querySelector(".stage-media img")].map(
    (img) => img?.getAttribute("src") ?? "(no image)",
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

describe("question images", () => {
  test("an uploaded image loads from the API's origin when the site is hosted apart from it", async () => {
    expect(await imageSources("https://api.example", UPLOADED)).toEqual([
      `https://api.example${UPLOADED}`,
      `https://api.example${UPLOADED}`,
    ]);
  });

  test("an uploaded image stays root-relative (this origin) when the API is the page's own", async () => {
    expect(await imageSources("", UPLOADED)).toEqual([UPLOADED, UPLOADED]);
  });

  test("an https image loads from where it is", async () => {
    expect(await imageSources("https://api.example", ELSEWHERE)).toEqual([ELSEWHERE, ELSEWHERE]);
  });
});
