import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Fails the run, loudly, if any process a test started is still running at the end.
    globalSetup: ["tests/helpers/process-guard.ts"],
  },
});
