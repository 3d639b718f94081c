import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { makeTempDir, ROOT } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";
import { startHookServer } from "../helpers/hook-server.ts";
import { startWebhookServer } from "../helpers/webhook-server.ts";

// The scheduled function's entry point sends the digest beside the rebuild check: a failing
// webhook does not fail the check, and a failing check does not stop the digest.
let temp: string;
let handler: () => Promise<Response>;
let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
beforeAll(async () => {
  temp = await makeTempDir("function-digest");
  vi.stubEnv("BANTIN_COMMENT_STORE", "file");
  vi.stubEnv("BANTIN_COMMENT_DIR", path.join(temp, "comments"));
  vi.stubEnv("BANTIN_CONTENT_DIR", path.join(ROOT, "content"));
  vi.stubEnv("URL", "https://bantin.example");
  webhook = await startWebhookServer();
  vi.stubEnv("MODERATION_WEBHOOK_URL", webhook.url);
  const store = new CommentStore(createFileBackend(path.join(temp, "comments")));
  await seedComment(store, { slug: "bai-mo", name: "Bạn đọc", content: "Đang chờ duyệt", at: new Date("2026-11-26T01:00:00Z") });
  handler = (await import("../../functions/rebuild.ts")).default;
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await webhook.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

describe("the rebuild function's digest", () => {
  it("sends the digest even when the rebuild check fails, and retries a failed webhook without failing the check", async () => {
    vi.stubEnv("BUILD_HOOK_URL", "");
    webhook.state.status = 503;
    expect((await handler()).status).toBe(500);
    expect(webhook.calls).toHaveLength(1);
    expect((webhook.calls[0]!.body as { text: string }).text).toContain("https://bantin.example/admin/");
    const hook = await startHookServer();
    try {
      vi.stubEnv("BUILD_HOOK_URL", hook.url);
      webhook.state.status = 200;
      expect((await handler()).status).toBe(204);
      expect(webhook.calls).toHaveLength(2);
      webhook.state.status = 500;
      expect((await handler()).status).toBe(204);
      expect(webhook.calls).toHaveLength(2);
    } finally {
      await hook.stop();
    }
  });
});
