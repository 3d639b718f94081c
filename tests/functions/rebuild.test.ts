import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTempDir } from "../helpers/build-site.ts";
import { startHookServer } from "../helpers/hook-server.ts";

// The scheduled function's own entry point, wired from the environment by readRebuildDeps.
let temp: string;
let handler: () => Promise<Response>;
beforeAll(async () => {
  temp = await makeTempDir("function-rebuild");
  vi.stubEnv("BANTIN_COMMENT_STORE", "file");
  vi.stubEnv("BANTIN_COMMENT_DIR", path.join(temp, "comments"));
  handler = (await import("../../functions/rebuild.ts")).default;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await fs.rm(temp, { recursive: true, force: true });
});

describe("the rebuild function", () => {
  it("fails with a 500 and names BUILD_HOOK_URL in its log when a build is due and no hook is set", async () => {
    vi.stubEnv("BUILD_HOOK_URL", "");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await handler()).status).toBe(500);
    const [line] = errors.mock.calls.at(-1) as [string];
    expect(JSON.parse(line)).toMatchObject({ event: "rebuild.failed" });
    expect(line).toContain("BUILD_HOOK_URL is not set");
  });

  it("calls the hook from BUILD_HOOK_URL and answers 204", async () => {
    const hook = await startHookServer();
    try {
      vi.stubEnv("BUILD_HOOK_URL", hook.url);
      vi.spyOn(console, "log").mockImplementation(() => undefined);
      expect((await handler()).status).toBe(204);
      expect(hook.calls.length).toBe(1);
    } finally {
      await hook.stop();
    }
  });
});
