import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideComments, hashClient } from "../../../lib/comments/index.ts";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { createWordListSource } from "../../../lib/http/content-files.ts";
import { handleCommentRequest, type IntakeDeps } from "../../../lib/http/index.ts";
import { CommentStore, createBlobsBackend, type StoreBackend } from "../../../lib/store/index.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";

// Replies, the word list and blocks through the real handler, with real Requests and the real
// local Netlify Blobs server.
const MANIFEST: CommentManifest = {
  language: "vi",
  articles: {
    "bai-mo": { url: "/tin-hoat-dong/bai-mo/", open: true },
    "bai-khac": { url: "/doi-song/bai-khac/", open: true },
  },
};
const VALID = { slug: "bai-mo", name: "Trần Thị Bình", email: "binh@example.com", content: "Tôi đồng ý với bạn.", website: "" };
const NOW = new Date("2026-11-26T08:00:00Z");

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let temp: string;
beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("conversation");
});
afterAll(async () => {
  await blobs.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

function setup(overrides: Partial<IntakeDeps> & { manifest?: IntakeDeps["manifest"] } = {}) {
  const backend: StoreBackend = createBlobsBackend(blobs.openStore());
  const store = new CommentStore(backend);
  const logs: string[] = [];
  const deps: IntakeDeps = {
    store,
    manifest: async () => MANIFEST,
    salt: "test-salt",
    now: () => NOW,
    log: (event, details) => logs.push(JSON.stringify({ event, ...details })),
    ...overrides,
  };
  const post = (type: string, body: string, ip = "203.0.113.9") =>
    handleCommentRequest(
      new Request("http://localhost/api/comments", { method: "POST", headers: { "content-type": type }, body }),
      ip,
      deps,
    );
  const form = (fields: Record<string, string>, ip?: string) =>
    post("application/x-www-form-urlencoded", new URLSearchParams(fields).toString(), ip);
  const json = (fields: Record<string, string>, ip?: string) => post("application/json", JSON.stringify(fields), ip);
  /** A comment of `slug`, approved unless told otherwise. */
  const parent = async (status: "approved" | "pending" | "rejected" = "approved", slug = "bai-mo", replyTo?: string) => {
    const record = await seedComment(store, { slug, name: "Người gốc", content: `Bình luận gốc ${Math.random()}`, at: NOW });
    if (replyTo) await store.update({ ...record, replyTo });
    if (status !== "pending") await decideComments(store, [record.id], status, "test", NOW);
    return record.id;
  };
  return { store, backend, logs, form, json, parent, deps };
}

describe("replies", () => {
  it("stores a form reply to a published comment as pending, with replyTo", async () => {
    const { store, form, parent } = setup();
    const parentId = await parent();
    const response = await form({ ...VALID, replyTo: parentId });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/tin-hoat-dong/bai-mo/?binh-luan=da-gui#binh-luan-da-gui");
    const reply = (await store.list("bai-mo")).find((record) => record.content === VALID.content);
    expect(reply).toMatchObject({ status: "pending", replyTo: parentId, name: VALID.name });
  });

  it("stores a JSON reply and answers 201; an empty replyTo is a top-level comment", async () => {
    const { store, json, parent } = setup();
    const parentId = await parent();
    const response = await json({ ...VALID, replyTo: parentId });
    expect(response.status).toBe(201);
    const { id } = await response.json();
    expect((await store.get(id))?.replyTo).toBe(parentId);
    const top = await json({ ...VALID, content: "Một ý kiến riêng.", replyTo: "" });
    expect(top.status).toBe(201);
    expect(await store.get((await top.json()).id)).not.toHaveProperty("replyTo");
  });

  it("refuses a reply to an unpublished comment, a reply, another article's comment or an unknown id, with the reason", async () => {
    const { store, json, form, parent } = setup();
    const cases: [string, string][] = [
      [await parent("pending"), vi.conversation.errors.notPublished],
      [await parent("rejected"), vi.conversation.errors.notPublished],
      [await parent("approved", "bai-mo", await parent()), vi.conversation.errors.nested],
      [await parent("approved", "bai-khac"), vi.conversation.errors.otherArticle],
      ["01KAAAAAAAAAAAAAAAAAAAAAAA", vi.conversation.errors.unknownParent],
      ["not-an-id", vi.conversation.errors.unknownParent],
    ];
    const before = (await store.list()).length;
    for (const [replyTo, reason] of cases) {
      const answer = await json({ ...VALID, replyTo });
      expect(answer.status, replyTo).toBe(400);
      expect(await answer.json()).toMatchObject({ error: reason });
      const page = await form({ ...VALID, replyTo });
      expect(page.status).toBe(400);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain(reason);
    }
    expect((await store.list()).length).toBe(before);
  });

  it("keeps replyTo in the problem page's form for a field error, and drops it when the parent is refused", async () => {
    const { form, parent } = setup();
    const parentId = await parent();
    const short = await (await form({ ...VALID, name: "A", replyTo: parentId })).text();
    expect(short).toContain(`<input type="hidden" name="replyTo" value="${parentId}">`);
    const refused = await (await form({ ...VALID, replyTo: await parent("pending") })).text();
    expect(refused).toContain(vi.conversation.errors.notPublished);
    expect(refused).not.toContain('name="replyTo"');
    expect(refused).toContain(VALID.content);
  });

  it("gives the reason in English on an English site", async () => {
    const { json, parent } = setup({ manifest: async () => ({ ...MANIFEST, language: "en" }) });
    const answer = await json({ ...VALID, replyTo: await parent("pending") });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toBe(en.conversation.errors.notPublished);
  });

  it("counts a newsroom answer as a reply: it cannot be answered", async () => {
    const { store, json, parent } = setup();
    const answerId = await parent("approved", "bai-mo", await parent());
    await store.update({ ...(await store.get(answerId))!, author: "newsroom" });
    const answer = await json({ ...VALID, replyTo: answerId });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toBe(vi.conversation.errors.nested);
  });
});

describe("the word list", () => {
  const listDir = async (text: string) => {
    const dir = await fs.mkdtemp(path.join(temp, "content-"));
    await fs.writeFile(path.join(dir, "moderation.json"), text);
    return dir;
  };

  it("holds a comment with a listed word as pending, flagged with the words as listed", async () => {
    const dir = await listDir(JSON.stringify({ words: ["lừa đảo", "cá độ", "vay nhanh"] }));
    const { store, json } = setup({ wordList: createWordListSource(dir) });
    const response = await json({ ...VALID, name: "Vay Nhanh 24h", content: "Trang này LUA DAO, đừng tin." });
    expect(response.status).toBe(201);
    const record = await store.get((await response.json()).id);
    expect(record).toMatchObject({ status: "pending", flags: ["lừa đảo", "vay nhanh"] });
    const clean = await json({ ...VALID, content: "Cách làm này hay." });
    expect(await store.get((await clean.json()).id)).not.toHaveProperty("flags");
  });

  it("never publishes a flagged comment at once, even from a returning reader", async () => {
    const dir = await listDir(JSON.stringify({ words: ["cá độ"] }));
    const { store, json } = setup({ wordList: createWordListSource(dir), autoApproveReturning: true });
    await store.trust.remember(VALID.email);
    const trusted = await json({ ...VALID, content: "Bài hay." });
    expect((await trusted.json()).status).toBe("approved");
    const flagged = await json({ ...VALID, content: "Mời vào trang CÁ ĐỘ." });
    expect(await flagged.json()).toMatchObject({ status: "pending" });
  });

  it("answers 503 and logs the file when the list is not valid", async () => {
    const dir = await listDir('{ "words": "lừa đảo" }');
    const { store, json, logs } = setup({ wordList: createWordListSource(dir) });
    const response = await json(VALID);
    expect(response.status).toBe(503);
    expect(logs.join("\n")).toMatch(/moderation\.json: field \\"words\\" should be an array/);
    expect(await store.list()).toEqual([]);
  });
});

describe("blocks", () => {
  it("answers a blocked email exactly like the honeypot, stores nothing and counts it as blocked spam", async () => {
    const { store, backend, form, json } = setup();
    await store.blocks.add("email", "BINH@example.com ", new Date(NOW.getTime() + 86_400_000), "test", NOW);
    const honeypot = await form({ ...VALID, website: "http://spam.example" });
    const blocked = await form(VALID);
    expect(blocked.status).toBe(honeypot.status);
    expect(blocked.headers.get("location")).toBe(honeypot.headers.get("location"));
    const blockedJson = await json({ ...VALID, content: "Lần khác." });
    expect(blockedJson.status).toBe(201);
    expect((await blockedJson.json()).status).toBe("pending");
    expect(await store.list()).toEqual([]);
    const reasons = await Promise.all(
      (await backend.list("spam/")).map(async (key) => (await backend.get<{ reason: string }>(key))?.reason),
    );
    expect(reasons.sort()).toEqual(["blocked", "blocked", "honeypot"]);
  });

  it("blocks a client by its salted hash until the block ends", async () => {
    const { store, json, deps } = setup();
    const until = new Date(NOW.getTime() + 3_600_000);
    await store.blocks.add("client", hashClient("198.51.100.20", "test-salt")!, until, "test", NOW);
    expect((await json(VALID, "198.51.100.20")).status).toBe(201);
    expect(await store.list()).toEqual([]);
    expect((await json({ ...VALID, content: "Từ máy khác." }, "198.51.100.21")).status).toBe(201);
    expect(await store.list()).toHaveLength(1);
    deps.now = () => new Date(until.getTime() + 1);
    expect((await json({ ...VALID, content: "Sau khi hết hạn chặn." }, "198.51.100.20")).status).toBe(201);
    expect(await store.list()).toHaveLength(2);
  });
});
