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
  },
});
