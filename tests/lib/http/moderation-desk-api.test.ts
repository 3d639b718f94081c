import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { NEWSROOM_EMAIL } from "../../../lib/core/comment-edit.ts";
import { CommentStore, createBlobsBackend, StoreError, type StoreBackend } from "../../../lib/store/index.ts";
import { handleModerationRequest, readModerationTokens, type ModerationDeps } from "../../../lib/http/index.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { seedComment } from "../../helpers/comments.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

const TOKEN = "token-of-lan-0123456789";
const NOW = new Date("2026-11-28T04:47:00Z");
const MANIFEST: CommentManifest = {
  language: "vi",
  timeZone: "Asia/Ho_Chi_Minh",
  newsroomName: "Ban biên tập Bản tin",
  articles: { bai: { url: "/thoi-su/bai/", open: true, title: "Mưa lớn ở Hà Nội" } },
};
let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(async () => blobs.stop());

function setup(wrap: (backend: StoreBackend) => StoreBackend = (backend) => backend) {
  const store = new CommentStore(wrap(createBlobsBackend(blobs.openStore())));
  const deps: ModerationDeps = {
    store,
    tokens: readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}` }),
    salt: "s",
    now: () => NOW,
    manifest: async () => MANIFEST,
  };
  const call = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    if (json !== undefined) headers["content-type"] = "application/json";
    const body = json === undefined ? rest.body : JSON.stringify(json);
    return handleModerationRequest(new Request(`http://localhost/api/moderation${path}`, { ...rest, body, headers }), "192.0.2.1", deps);
  };
  return { store, call };
}

const at = (iso: string) => new Date(iso);

describe("the moderation desk API", () => {
  it("lists a tab with headline, site-zone date, marked flags and the quoted parent, and counts every tab", async () => {
    const { store, call } = setup();
    const parent = await seedComment(store, {
      slug: "bai",
      name: "An",
      content: "Bài viết hay.",
      status: "approved",
      at: at("2026-11-28T04:47:00Z"),
    });
    const reply = await seedComment(store, { slug: "bai", name: "Bình", content: "Đồng ý\nvới bạn", at: at("2026-11-28T05:00:00Z") });
    await store.update({ ...reply, replyTo: parent.id });
    const flagged = await seedComment(store, {
      slug: "bai",
      name: "Cường",
      content: "Đây là LỪA ĐẢO rõ ràng",
      at: at("2026-11-28T05:10:00Z"),
    });
    await store.update({ ...flagged, flags: ["lua dao"] });
    await seedComment(store, { slug: "bai", name: "Dũng", content: "Spam", status: "rejected" });

    const waiting = await call("/comments?tab=waiting");
    expect(waiting.status).toBe(200);
    const body = await waiting.json();
    expect(body.counts).toEqual({ waiting: 1, flagged: 1, approved: 1, rejected: 1 });
    expect(body.newsroomName).toBe("Ban biên tập Bản tin");
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]).toMatchObject({
      id: reply.id,
      article: { slug: "bai", title: "Mưa lớn ở Hà Nội", url: "/thoi-su/bai/" },
      name: "Bình",
      content: "Đồng ý\nvới bạn",
      replyTo: parent.id,
      parent: { id: parent.id, name: "An", content: "Bài viết hay." },
      author: "reader",
      clientKnown: false,
      dateLine: "Thứ Bảy, 28/11/2026 12:00",
    });
    expect(body.comments[0]).not.toHaveProperty("clientHash");
    const approved = (await (await call("/comments?tab=approved")).json()).comments;
    expect(approved[0].dateLine).toBe("Thứ Bảy, 28/11/2026 11:47");
    const [item] = (await (await call("/comments?tab=flagged")).json()).comments;
    expect(item.flags).toEqual(["lua dao"]);
    expect(item.segments).toEqual([
      { text: "Đây là ", mark: false },
      { text: "LỪA ĐẢO", mark: true },
      { text: " rõ ràng", mark: false },
    ]);
    expect((await call("/comments?tab=later")).status).toBe(400);
  });

  it("approves and rejects several comments at once, and puts them back in the queue (undo)", async () => {
    const { store, call } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Một" });
    const b = await seedComment(store, { slug: "bai", name: "Bình", content: "Hai" });
    const approved = await call("/comments/approve", { method: "POST", json: { ids: [a.id, b.id] } });
    expect(approved.status).toBe(200);
    expect((await approved.json()).results).toEqual([
      { id: a.id, ok: true, status: "approved" },
      { id: b.id, ok: true, status: "approved" },
    ]);
    expect(await store.get(a.id)).toMatchObject({ status: "approved", decidedBy: "Lan" });
    const changes = await store.rebuild.listChanges();
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect((await call("/comments/reopen", { method: "POST", json: { ids: [a.id] } })).status).toBe(200);
    expect(await store.get(a.id)).toMatchObject({ status: "pending", decidedAt: null, decidedBy: null });
    expect((await (await call("/comments?tab=waiting")).json()).comments.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const mixed = await call("/comments/reject", { method: "POST", json: { ids: [a.id, "01ZZZZZZZZZZZZZZZZZZZZZZZZ"] } });
    expect(mixed.status).toBe(404);
    const mixedBody = await mixed.json();
    expect(mixedBody.results[0]).toEqual({ id: a.id, ok: true, status: "rejected" });
    expect(mixedBody.error).toContain("no comment has the id 01ZZZZZZZZZZZZZZZZZZZZZZZZ");
    expect((await call("/comments/approve", { method: "POST", json: { ids: ["x"] } })).status).toBe(400);
    expect((await call("/comments/approve", { method: "POST", body: "ids=1" })).status).toBe(415);
    expect((await call("/comments/approve")).status).toBe(405);
  });

  it("edits a comment, keeping the reader's original once, and refuses text that breaks the intake's rules", async () => {
    const { store, call } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Bài nầy hay wá", status: "approved" });
    const changesBefore = (await store.rebuild.listChanges()).length;
    const edited = await call(`/comments/${a.id}`, { method: "PATCH", json: { content: "Bài này hay quá\u202E", name: " Nguyễn An " } });
    expect(edited.status).toBe(200);
    expect((await edited.json()).comment).toMatchObject({ content: "Bài này hay quá", name: "Nguyễn An", editedBy: "Lan" });
    await call(`/comments/${a.id}`, { method: "PATCH", json: { content: "Bài này rất hay" } });
    expect(await store.get(a.id)).toMatchObject({
      content: "Bài này rất hay",
      name: "Nguyễn An",
      status: "approved",
      original: { name: "An", content: "Bài nầy hay wá" },
      editedAt: NOW.toISOString(),
      editedBy: "Lan",
    });
    expect((await store.rebuild.listChanges()).length).toBe(changesBefore + 2);
    const [item] = (await (await call("/comments?tab=approved")).json()).comments;
    expect(item.edited).toEqual({
      at: NOW.toISOString(),
      dateLine: "Thứ Bảy, 28/11/2026 11:47",
      by: "Lan",
      original: { name: "An", content: "Bài nầy hay wá" },
    });
    const short = await call(`/comments/${a.id}`, { method: "PATCH", json: { content: " x " } });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatch(/the text has 1 characters after cleaning; it must have 3 to 4000/);
    expect((await call(`/comments/${a.id}`, { method: "PATCH", json: {} })).status).toBe(400);
    expect((await call(`/comments/${a.id}`, { method: "PATCH", json: { content: 5 } })).status).toBe(400);
    expect((await call("/comments/01ZZZZZZZZZZZZZZZZZZZZZZZZ", { method: "PATCH", json: { content: "Mới" } })).status).toBe(404);
    expect((await store.get(a.id))?.content).toBe("Bài này rất hay");
  });

  it("publishes the newsroom's answer to a published comment under site.json's name, and refuses others", async () => {
    const { store, call } = setup();
    const parent = await seedComment(store, { slug: "bai", name: "An", content: "Khi nào sửa đường?", status: "approved" });
    const pending = await seedComment(store, { slug: "bai", name: "Bình", content: "Chưa duyệt" });
    const answered = await call(`/comments/${parent.id}/reply`, {
      method: "POST",
      json: { text: "Chào bạn,\nthành phố sẽ sửa vào tháng sau." },
    });
    expect(answered.status).toBe(201);
    const { comment } = await answered.json();
    expect(comment).toMatchObject({
      slug: "bai",
      replyTo: parent.id,
      author: "newsroom",
      name: "Ban biên tập Bản tin",
      email: NEWSROOM_EMAIL,
      status: "approved",
      decidedBy: "Lan",
      content: "Chào bạn,\nthành phố sẽ sửa vào tháng sau.",
    });
    expect(await store.get(comment.id)).toMatchObject({ status: "approved", author: "newsroom" });
    expect((await store.rebuild.listChanges()).length).toBe(1);
    const approved = (await (await call("/comments?tab=approved")).json()).comments;
    expect(approved.find((c: { id: string }) => c.id === comment.id)).toMatchObject({ author: "newsroom", parent: { id: parent.id } });

    const toPending = await call(`/comments/${pending.id}/reply`, { method: "POST", json: { text: "Trả lời" } });
    expect(toPending.status).toBe(409);
    expect((await toPending.json()).error).toContain(`comment ${pending.id} is pending, not published`);
    const toReply = await call(`/comments/${comment.id}/reply`, { method: "POST", json: { text: "Trả lời" } });
    expect(toReply.status).toBe(409);
    expect((await toReply.json()).error).toContain("is itself a reply");
    expect((await call("/comments/01ZZZZZZZZZZZZZZZZZZZZZZZZ/reply", { method: "POST", json: { text: "Trả lời" } })).status).toBe(404);
    expect((await call(`/comments/${parent.id}/reply`, { method: "POST", json: { text: "ok" } })).status).toBe(400);
    expect((await store.list("bai")).length).toBe(3);
    // The same words may answer two readers; the same answer twice to one reader is refused.
    const other = await seedComment(store, { slug: "bai", name: "Cúc", content: "Còn tôi?", status: "approved" });
    const again = { method: "POST", json: { text: "Chào bạn,\nthành phố sẽ sửa vào tháng sau." } };
    expect((await call(`/comments/${other.id}/reply`, again)).status).toBe(201);
    const twice = await call(`/comments/${other.id}/reply`, again);
    expect(twice.status).toBe(409);
    expect((await twice.json()).error).toContain("the same answer is already published");
  });

  it("blocks a comment's client or email for a period, lists blocks without emails, and lifts them", async () => {
    const { store, call } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Quảng cáo", email: "spam@example.com" });
    await store.update({ ...a, clientHash: "0123456789abcdef0123456789abcdef" });
    const blocked = await call(`/comments/${a.id}/block`, { method: "POST", json: {} });
    expect(blocked.status).toBe(200);
    expect((await blocked.json()).block).toEqual({
      kind: "client",
      until: "2026-12-28T04:47:00.000Z",
      untilLine: "Thứ Hai, 28/12/2026 11:47",
    });
    expect(await store.blocks.find("0123456789abcdef0123456789abcdef", null, NOW)).toMatchObject({ by: "Lan" });
    const byEmail = await call(`/comments/${a.id}/block`, { method: "POST", json: { kind: "email", days: 7 } });
    expect(await byEmail.text()).not.toContain("spam@");
    expect(await store.blocks.find(null, "spam@example.com", new Date(NOW.getTime() + 6 * 86_400_000))).not.toBeNull();
    const list = await call("/blocks");
    const text = await list.text();
    expect(text).not.toContain("spam@");
    const { blocks } = JSON.parse(text);
    expect(blocks.map((b: { kind: string }) => b.kind)).toEqual(["email", "client"]);
    expect((await call(`/comments/${a.id}/block`, { method: "POST", json: { days: 0 } })).status).toBe(400);
    expect((await call(`/comments/${a.id}/block`, { method: "POST", json: { kind: "ip" } })).status).toBe(400);
    expect((await call(`/blocks/email/${blocks[0].name}`, { method: "DELETE" })).status).toBe(200);
    expect(await store.blocks.find(null, "spam@example.com", NOW)).toBeNull();
    expect((await call(`/comments/${a.id}/block?kind=client`, { method: "DELETE" })).status).toBe(200);
    expect(await store.blocks.list(NOW)).toEqual([]);
    const noClient = await seedComment(store, { slug: "bai", name: "Bình", content: "Không có địa chỉ" });
    const refused = await call(`/comments/${noClient.id}/block`, { method: "POST", json: {} });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toContain("block its email instead");
  });

  it("answers 503, never 500, when the store fails during an edit, an answer or a bulk decision", async () => {
    const { store, call } = setup((backend) =>
      wrapBackend(backend, (operation, key) => {
        if (operation === "put" && key.startsWith("comments/") && failing) throw new StoreError("write", key, new Error("disk full"));
      }),
    );
    let failing = false;
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Một", status: "approved" });
    failing = true;
    const edit = await call(`/comments/${a.id}`, { method: "PATCH", json: { content: "Mới hơn" } });
    expect(edit.status).toBe(503);
    expect(edit.headers.get("retry-after")).toBe("30");
    expect((await edit.json()).error).toContain("disk full");
    expect((await call("/comments/reject", { method: "POST", json: { ids: [a.id] } })).status).toBe(503);
    expect((await call(`/comments/${a.id}/reply`, { method: "POST", json: { text: "Cảm ơn bạn" } })).status).toBe(503);
  });
});
