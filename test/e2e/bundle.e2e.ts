/**
 * The player's first download stays small: everything index.html loads before a player can join (the entry script,
 * its static imports and the stylesheet) is measured gzipped, and neither the host screen, nor the remote, nor zod,
 * nor the sound code (the synthesizer, loaded when a player turns sound on) may be part of it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";

const CLIENT = resolve(import.meta.dirname, "../../dist/client");
const BUDGET_JS = 100 * 1024;

function gzipped(file: string): number {
  return gzipSync(readFileSync(resolve(CLIENT, file.replace(/^\//, "")))).length;
}

/** The entry script and every module it imports statically (found by following the import statements). */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(resolve(CLIENT, file), "utf8");
    for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      if (m[1]) visit(`assets/${m[1]}`);
    }
  };
  visit(entry.replace(/^\//, ""));
  return [...seen];
}

test("the player route's JavaScript is at most 100 KB gzipped and holds no host or sound code", () => {
  const html = readFileSync(resolve(CLIENT, "index.html"), "utf8");
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  expect(entry, "entry script in index.html").toBeTruthy();
  const scripts = staticGraph(entry as string);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1] as string);
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] as string);
  const playerJs = [...new Set([...scripts, ...preloads.map((p) => p.replace(/^\//, ""))])];
  const jsBytes = playerJs.reduce((sum, f) => sum + gzipped(f), 0);
  const cssBytes = css.reduce((sum, f) => sum + gzipped(f), 0);
  const hostChunks = readdirSync(resolve(CLIENT, "assets")).filter((f) => /^Host-.*\.js$/.test(f));
  const hostBytes = hostChunks.reduce((sum, f) => sum + gzipped(`assets/${f}`), 0);
  const remoteChunks = readdirSync(resolve(CLIENT, "assets")).filter((f) => /^Remote-.*\.js$/.test(f));
  const remoteBytes = remoteChunks.reduce((sum, f) => sum + gzipped(`assets/${f}`), 0);
  const studioChunks = readdirSync(resolve(CLIENT, "assets")).filter((f) => /^studio-.*\.(js|css)$/.test(f));
  const studioBytes = studioChunks.reduce((sum, f) => sum + gzipped(`assets/${f}`), 0);
  console.log(
    `player route: ${(jsBytes / 1024).toFixed(1)} KB JS + ${(cssBytes / 1024).toFixed(1)} KB CSS gzipped; ` +
      `host chunk (lazy): ${(hostBytes / 1024).toFixed(1)} KB gzipped; ` +
      `remote chunk (lazy): ${(remoteBytes / 1024).toFixed(1)} KB gzipped; ` +
      `quiz studio chunk (lazy): ${(studioBytes / 1024).toFixed(1)} KB gzipped`,
  );
  expect(jsBytes).toBeLessThanOrEqual(BUDGET_JS);
  expect(hostChunks.length).toBe(1);
  expect(playerJs.some((f) => f.includes("Host-"))).toBe(false);
  // The remote control is a chunk of its own, for the one phone a host pairs.
  expect(remoteChunks.length).toBe(1);
  expect(playerJs.some((f) => f.includes("Remote-") || f.includes("PlayersDialog-"))).toBe(false);
  // zod names its classes at run time ("$ZodType"); the studio's shared chunk has it (it checks quizzes), a phone
  // does not.
  const hasZod = (file: string) => readFileSync(resolve(CLIENT, file), "utf8").includes("$ZodType");
  expect(readdirSync(resolve(CLIENT, "assets")).some((f) => f.endsWith(".js") && hasZod(`assets/${f}`))).toBe(true);
  expect(playerJs.filter(hasZod)).toEqual([]);
  // The synthesizer's own code: it must sit in a chunk of its own, outside everything the player loads first.
  const withSynth = readdirSync(resolve(CLIENT, "assets")).filter(
    (f) => f.endsWith(".js") && readFileSync(resolve(CLIENT, "assets", f), "utf8").includes("createOscillator"),
  );
  expect(withSynth.length).toBeGreaterThan(0);
  expect(playerJs.filter((f) => withSynth.some((w) => f.endsWith(w)))).toEqual([]);
  // The quiz studio (editor, drag and drop, previews) is its own lazy chunk: none of it reaches a phone.
  expect(studioChunks.filter((f) => f.endsWith(".js"))).toHaveLength(1);
  const playerCode = playerJs.map((f) => readFileSync(resolve(CLIENT, f), "utf8")).join("\n");
  for (const studioOnly of ["studio-outline", "DndLiveRegion", "trivia-edge-studio", "version_conflict"]) {
    expect(playerCode, studioOnly).not.toContain(studioOnly);
  }
  for (const hostOnly of ["Back to the controls", "Find a player", "Pair a phone", "revokeRemote"]) {
    expect(playerCode, hostOnly).not.toContain(hostOnly);
  }
});
