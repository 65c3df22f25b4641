// Bindings only the workerd tests have (vitest.config.ts adds them to wrangler.toml's).
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
