import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Tests import the protocol as @protocol/values and @protocol/schemas, like the web app (vite.config.ts). */
const resolve = { alias: { "@protocol": fileURLToPath(new URL("./worker/protocol", import.meta.url)) } };

// The D1 migrations in the repo, handed to the workerd tests as a binding; test/worker/setup.ts applies them, so every
// test file (each gets fresh storage) sees the same tables `wrangler d1 migrations apply` creates.
const migrations = await readD1Migrations("./migrations");

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        // obscenity's ES module entry default-imports its CommonJS build, which this pool's module loader hands over
        // as undefined; its CommonJS entry loads fine (the deploy bundle, built by esbuild, takes either).
        resolve: {
          alias: {
            ...resolve.alias,
            obscenity: fileURLToPath(new URL("./node_modules/obscenity/dist/index.js", import.meta.url)),
          },
        },
        test: {
          name: "workerd",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["test/worker/setup.ts"],
          testTimeout: 30_000,
        },
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
        // The production bundle in workerd (the bench's server) driven over real TCP from Node: keep-alive
        // connections, sockets queued behind each other, close frames on the wire.
        test: {
          name: "server",
          include: ["test/server/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
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
