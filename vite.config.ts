/**
 * One Vite config for the whole site: the React app in web/ and, through the Cloudflare plugin, the worker in
 * worker/ running inside workerd. `vite dev` serves both with hot reload; `vite build` writes the client assets to
 * dist/client and the worker with a generated wrangler.json to dist/trivia_edge, and points `wrangler deploy` at
 * them (.wrangler/deploy/config.json). The Vite root stays the project root because that redirect file, the
 * local state in .wrangler/state and wrangler itself all work from there.
 */
import { fileURLToPath } from "node:url";
import { cloudflare } from "@cloudflare/vite-plugin";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The worker reads nothing of Request.cf, so miniflare's placeholder will do; otherwise it downloads a real one from
// workers.cloudflare.com whenever `vite dev` starts (and prints a stack trace when that fails). miniflare's own switch.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

export default defineConfig({
  publicDir: "web/public",
  // The web app imports the protocol's values and types as @protocol/values and @protocol/schemas.
  resolve: { alias: { "@protocol": fileURLToPath(new URL("./worker/protocol", import.meta.url)) } },
  plugins: [
    react(),
    cloudflare({
      configPath: "./wrangler.toml",
      // Games persist in .wrangler/state (the folder wrangler dev uses too); the browser tests point this at a
      // throw-away folder so they never touch a developer's games.
      persistState: process.env.TRIVIA_STATE_DIR ? { path: process.env.TRIVIA_STATE_DIR } : true,
    }),
  ],
  // CORS is the worker's job (it answers for /api/*), so Vite's own CORS handling is off.
  server: { port: 5173, cors: false },
  preview: { port: 8787, cors: false },
});
