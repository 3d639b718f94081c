import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendModerationDigest } from "../../../lib/comments/index.ts";
import { readDigestDeps } from "../../../lib/http/index.ts";
import { CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";
import { startWebhookServer } from "../../helpers/webhook-server.ts";

// The digest to editors against a real file store, the real settings reader (site.json from a
// content folder) and a local webhook server that keeps every payload.
let temp: string;
let contentDir: string;
let hook: Awaited<ReturnType<typeof startWebhookServer>>;
let store: CommentStore;
const NOW = new Date("2026-11-26T09:00:00Z");

beforeAll(async () => {
  temp = await makeTempDir("digest");
  contentDir = path.join(temp, "content");
  await fs.mkdir(contentDir);
  await fs.writeFile(
    path.join(contentDir, "site.json"),
    JSON.stringify({ name: "Bản Tin", url: "https://bantin.example", timeZone: "Asia/Ho_Chi_Minh", sections: ["Tin"] }),
  );
});
afterAll(() => fs.rm(temp, { recursive: true, force: true }));
beforeEach(async () => {
  hook = await startWebhookServer();
  store = new CommentStore(createFileBackend(await fs.mkdtemp(path.join(temp, "store-"))));
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await hook.stop();
});

const deps = (extra: Record<string, string> = {}) =>
  readDigestDeps({ MODERATION_WEBHOOK_URL: hook.url, BANTIN_CONTENT_DIR: contentDir, ...extra })!;
const waiting = (name: string, email: string, content: string, at: string, flags?: string[]) =>
  seedComment(store, { slug: "bai-mo", name, email, content, at: new Date(at) }).then(async (record) => {
    if (flags) await store.update({ ...record, flags });
    return record;
  });

describe("the moderation digest", () => {
  it("sends nothing when no comment is waiting, and nothing without MODERATION_WEBHOOK_URL", async () => {
    expect(await sendModerationDigest(store, deps(), NOW)).toMatchObject({ kind: "skipped" });
    expect(readDigestDeps({ BANTIN_CONTENT_DIR: contentDir })).toBeNull();
    expect(() => readDigestDeps({ MODERATION_WEBHOOK_URL: "hooks.slack.com/x" })).toThrow(/MODERATION_WEBHOOK_URL is not an http/);
    expect(hook.calls).toEqual([]);
  });

  it("sends one digest with the count, the oldest time in the site's zone, the flagged count and the desk's link, and no reader's data", async () => {
    await waiting("Nguyễn Văn Riêng", "rieng@example.com", "Nội dung bí mật thứ nhất", "2026-11-26T01:05:00Z");
    await waiting("Trần Thị Kín", "kin@example.com", "Mời vào trang cá độ", "2026-11-26T02:00:00Z", ["cá độ"]);
    expect(await sendModerationDigest(store, deps(), NOW)).toEqual({ kind: "sent", waiting: 2 });
    expect(hook.calls).toHaveLength(1);
    const { method, body } = hook.calls[0]!;
    expect(method).toBe("POST");
    const { text, content } = body as { text: string; content: string };
    expect(content).toBe(text);
    expect(text).toContain("Bản Tin: 2 bình luận đang chờ duyệt.");
    expect(text).toContain("26/11/2026 08:05");
    expect(text).toContain("1 bình luận có từ trong danh sách");
    expect(text).toContain("https://bantin.example/admin/");
    for (const secret of ["rieng@example.com", "kin@example.com", "Riêng", "Kín", "bí mật", "cá độ", "@"])
      expect(text).not.toContain(secret);
  });

  it("does not send again until a new comment arrives, then sends the new count", async () => {
    await waiting("A", "a@example.com", "Một", "2026-11-26T01:00:00Z");
    expect((await sendModerationDigest(store, deps(), NOW)).kind).toBe("sent");
    expect((await sendModerationDigest(store, deps(), new Date(NOW.getTime() + 900_000))).kind).toBe("skipped");
    expect(hook.calls).toHaveLength(1);
    await waiting("B", "b@example.com", "Hai", "2026-11-26T09:10:00Z");
    expect(await sendModerationDigest(store, deps(), new Date(NOW.getTime() + 1_800_000))).toEqual({ kind: "sent", waiting: 2 });
    expect(hook.calls).toHaveLength(2);
    expect((hook.calls[1]!.body as { text: string }).text).not.toContain("danh sách");
  });

  it("logs a failed webhook with its status and tries again next run", async () => {
    await waiting("A", "a@example.com", "Một", "2026-11-26T01:00:00Z");
    hook.state.status = 500;
    expect(await sendModerationDigest(store, deps(), NOW)).toEqual({ kind: "failed", reason: "the webhook answered HTTP 500" });
    expect(JSON.stringify(vi.mocked(console.error).mock.calls)).toContain("HTTP 500");
    expect(await store.alerts.getLast()).toBeNull();
    hook.state.status = 200;
    expect((await sendModerationDigest(store, deps(), NOW)).kind).toBe("sent");
    expect(hook.calls).toHaveLength(2);
  });

  it("gives up on a webhook that does not answer in time, or cannot be reached, without throwing", async () => {
    await waiting("A", "a@example.com", "Một", "2026-11-26T01:00:00Z");
    hook.state.hang = true;
    const slow = await sendModerationDigest(store, { ...deps(), timeoutMs: 300 }, NOW);
    expect(slow).toEqual({ kind: "failed", reason: "the webhook did not answer in time" });
    const unreachable = await sendModerationDigest(store, { ...deps(), webhookUrl: "http://127.0.0.1:9/nothing" }, NOW);
    expect(unreachable.kind).toBe("failed");
    expect(await store.alerts.getLast()).toBeNull();
  });
});
