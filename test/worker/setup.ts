/**
 * Runs before each workerd test file: applies the repo's D1 migrations (read by vitest.config.ts) to the file's
 * fresh D1 database. applyD1Migrations skips what is applied already, so running it more than once is harmless.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
