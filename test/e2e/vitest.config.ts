import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The browser tests run on their own (npm run test:e2e), after a build, one file at a time.
export default defineConfig({
  resolve: { alias: { "@protocol": fileURLToPath(new URL("../../worker/protocol", import.meta.url)) } },
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    // expect.poll waits on what a user would see or hear. Vitest's 1 s default is less than a busy machine takes for
    // some of it: a keyboard move in the studio outline is spoken only after the page has smooth-scrolled the
    // question over its new place, and each read of the page is a round trip to a starved browser.
    expect: { poll: { timeout: 10_000 } },
  },
});
