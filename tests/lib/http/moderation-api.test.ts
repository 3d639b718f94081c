import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentKey, CommentStore, createBlobsBackend, StoreError, type StoreBackend } from "../../../lib/store/index.ts";
import { BantinError } from "../../../lib/core/errors.ts";
import { handleModerationRequest, readModerationTokens, type ModerationDeps } from "../../../lib/http/index.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { seedComment } from "../../helpers/comments.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

const TOKEN = "token-of-lan-0123456789";
let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(async () => blobs.stop());

function setup(wrap: (backend: StoreBackend) => StoreBackend = (backend) => backend) {
  const backend = wrap(createBlobsBackend(blobs.openStore()));
  const store = new CommentStore(backend);
  const deps: ModerationDeps = { store, tokens: readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}` }), salt: "s" };
  const call = (path: string, init: RequestInit = {}, token: string | null = TOKEN, ip = "192.0.2.1") =>
    handleModerationRequest(
      new Request(`http://localhost/api/moderation${path}`, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} }),
      ip,
      deps,
    );
  return { backend, store, call };
}

describe("moderation API", () => {
  it("reads named tokens and refuses a short one, naming the editor and the minimum", () => {
    expect([...readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}`, MODERATION_TOKEN: "x".repeat(20) }).keys()]).toEqual([
      "Lan",
      "editor",
    ]);
    expect(() => readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}, Huy:short` })).toThrow(BantinError);
    expect(() => readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}, Huy:short` })).toThrow(
      /editor "Huy" in MODERATION_TOKENS has 5 characters; tokens need at least 16/,
    );
    expect(() => readModerationTokens({ MODERATION_TOKEN: "short" })).toThrow(/editor "editor" in MODERATION_TOKEN has 5/);
    expect(() => readModerationTokens({ MODERATION_TOKENS: TOKEN })).toThrow(/entry 1 of MODERATION_TOKENS has no editor name/);
    expect(() => readModerationTokens({ MODERATION_TOKENS: "Huy:short" })).not.toThrow(/short/);
  });

  it("answers 401 without a valid token and 429 after repeated failures", async () => {
    const { call } = setup();
    expect((await call("/comments", {}, null)).status).toBe(401);
    expect((await call("/comments", {}, "wrong-token-0123456789")).status).toBe(401);
    for (let i = 0; i < 10; i++) expect((await call("/comments", {}, "nope", "192.0.2.9")).status).toBe(401);
    const blocked = await call("/comments", {}, "nope", "192.0.2.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("/comments", {}, TOKEN, "192.0.2.9")).status).toBe(200);
    expect((await call("/comments", {}, TOKEN, "192.0.2.10")).status).toBe(200);
  });

  it("refuses an article that is not a slug with 400", async () => {
    const { call } = setup();
    for (const article of ["../../..", "..", "bai/../khac", "Bai"]) {
      const response = await call(`/comments?article=${encodeURIComponent(article)}`);
      expect(response.status, article).toBe(400);
      expect((await response.json()).error).toContain("slug");
    }
    expect((await call("/comments?article=bai")).status).toBe(200);
  });

  it("lists around a damaged record by key and answers 409 for it, never 500", async () => {
    const { backend, store, call } = setup();
    const good = await seedComment(store, { slug: "bai", name: "An", content: "Một" });
    const bad = await seedComment(store, { slug: "bai", name: "Bình", content: "Hai" });
    await backend.put(commentKey("bai", bad.id), { id: bad.id, slug: "bai" });
    for (const query of ["", "?status=pending", "?article=bai"]) {
      const response = await call(`/comments${query}`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.comments.map((c: { id: string }) => c.id)).toEqual([good.id]);
      expect(body.damaged).toEqual([{ key: `comments/bai/${bad.id}`, reason: expect.stringContaining("wrong shape") }]);
    }
    const refused = await call(`/comments/${bad.id}/approve`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toContain(`comments/bai/${bad.id}`);
    expect((await call(`/comments/${bad.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await (await call("/comments")).json()).damaged).toEqual([]);
  });

  it("answers 503 naming the failed key when the store fails, and tells only editors", async () => {
    const { store, call } = setup((backend) =>
      wrapBackend(backend, (operation, key) => {
        if (operation === "put" && key.startsWith("comments/")) throw new StoreError("write", key, new Error("disk full"));
        if (operation === "list" && key.startsWith("authfail/"))
          throw new StoreError("list", key, new Error("ENOSPC: no space left on device"));
      }),
    );
    const record = await seedComment(store, { slug: "bai", name: "An", content: "Một" });
    const failed = await call(`/comments/${record.id}/approve`, { method: "POST" });
    expect(failed.status).toBe(503);
    const message = (await failed.json()).error;
    expect(message).toContain(`comments/bai/${record.id}`);
    expect(message).toContain("disk full");
    const stranger = await call("/comments", {}, "wrong-token-0123456789");
    expect(stranger.status).toBe(503);
    expect((await stranger.json()).error).toBe("the comment store failed");
  });

  it("lists the queue with emails for editors and records who decided", async () => {
    const { store, call } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Một", email: "an@example.com" });
    const b = await seedComment(store, { slug: "bai", name: "Bình", content: "Hai" });
    const list = await (await call("/comments?status=pending")).json();
    expect(list.comments.map((c: { email: string }) => c.email)).toContain("an@example.com");
    expect(list.comments[0]).not.toHaveProperty("clientHash");
    const approved = await (await call(`/comments/${a.id}/approve`, { method: "POST" })).json();
    expect(approved.comment).toMatchObject({ status: "approved", decidedBy: "Lan" });
    expect((await call(`/comments/${b.id}/reject`, { method: "POST" })).status).toBe(200);
    expect((await (await call("/comments?status=pending")).json()).comments).toEqual([]);
    expect((await call(`/comments/${b.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await store.get(b.id)).toBeNull();
    expect((await call(`/comments/${b.id}/approve`, { method: "POST" })).status).toBe(404);
    expect((await call(`/comments/${a.id}/approve`, { method: "GET" })).status).toBe(405);
    expect((await call("/comments?status=maybe")).status).toBe(400);
  });
});
