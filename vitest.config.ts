import { defineConfig } from "vitest/config";

/**
 * Test tiers, each a project:
 *  unit           pure logic beside the code (*.test.ts)
 *  int-pglite     API tests over real HTTP on the embedded database (*.int.test.ts)
 *  int-postgres   the same files on a real PostgreSQL server from Debian's package
 *  e2e            Chromium journeys against one built console and one server
 * Databases are cloned per test file from one migrated, seeded template per run.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "bench/**/*.test.ts"], exclude: ["**/*.int.test.ts", "**/node_modules/**"] },
      },
      {
        extends: true,
        test: { name: "int-pglite", include: ["apps/*/test/**/*.int.test.ts", "apps/*/test/**/*.proc.test.ts", "apps/*/test/**/*.kill.test.ts"], globalSetup: ["test/setup-pglite.ts"], provide: { engine: "pglite" } },
      },
      {
        extends: true,
        test: { name: "int-postgres", include: ["apps/*/test/**/*.int.test.ts", "apps/*/test/**/*.kill.test.ts"], globalSetup: ["test/setup-postgres.ts"], provide: { engine: "postgres" } },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["e2e/**/*.e2e.test.ts"], globalSetup: ["test/setup-pglite.ts", "e2e/setup.ts"], provide: { engine: "pglite" }, testTimeout: 90_000, fileParallelism: false },
      },
    ],
  },
});
