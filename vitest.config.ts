import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The D1 migrations in the repo, handed to the workerd tests as a binding; test/worker/setup.ts applies them, so every
// test file (each gets fresh storage) sees the same tables `wrangler d1 migrations apply` creates.
const migrations = await readD1Migrations("./migrations");

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: "workerd",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["test/worker/setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // The web app's screens rendered from protocol states (Testing Library in jsdom).
        test: {
          name: "web",
          include: ["test/web/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["test/web/setup.ts"],
        },
      },
      {
        // The load generator, small and correctness-only: builds the worker and plays a game in workerd.
        test: { name: "bench", include: ["test/bench/**/*.test.ts"], environment: "node", testTimeout: 180_000 },
      },
    ],
  },
});
