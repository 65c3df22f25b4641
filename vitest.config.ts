import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Tests import the protocol as @protocol/values and @protocol/schemas, like the web app (vite.config.ts). */
const resolve = { alias: { "@protocol": fileURLToPath(new URL("./worker/protocol", import.meta.url)) } };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve,
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "workerd", include: ["test/worker/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        resolve,
        // The web app's screens rendered from protocol states (Testing Library in jsdom).
        test: {
          name: "web",
          include: ["test/web/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["test/web/setup.ts"],
        },
      },
      {
        resolve,
        // The load generator, small and correctness-only: builds the worker and plays a game in workerd.
        test: { name: "bench", include: ["test/bench/**/*.test.ts"], environment: "node", testTimeout: 180_000 },
      },
    ],
  },
});
