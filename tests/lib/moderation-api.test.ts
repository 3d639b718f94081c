import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore } from "../../lib/comment-store.ts";
import { handleModerationRequest, readModerationTokens, type ModerationDeps } from "../../lib/moderation-api.ts";
import { createBlobsBackend } from "../../lib/stores/blobs-backend.ts";
import { startBlobsServer } from "../helpers/blobs-server.ts";
import { seedComment } from "../helpers/comments.ts";

const TOKEN = "token-of-lan-0123456789";
let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(async () => blobs.stop());

function setup() {
  const store = new CommentStore(createBlobsBackend(blobs.openStore()));
  const deps: ModerationDeps = { store, tokens: readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}, Huy:short` }), salt: "s" };
  const call = (path: string, init: RequestInit = {}, token: string | null = TOKEN, ip = "192.0.2.1") =>
    handleModerationRequest(
      new Request(`http://localhost/api/moderation${path}`, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} }),
      ip,
      deps,
    );
  return { store, call };
}

describe("moderation API", () => {
  it("reads named tokens and ignores short ones", () => {
    expect([...readModerationTokens({ MODERATION_TOKENS: `Lan:${TOKEN}, Huy:short`, MODERATION_TOKEN: "x".repeat(20) }).keys()]).toEqual(["Lan", "editor"]);
  });

  it("answers 401 without a valid token and 429 after repeated failures", async () => {
    const { call } = setup();
    expect((await call("/comments", {}, null)).status).toBe(401);
    expect((await call("/comments", {}, "wrong-token-0123456789")).status).toBe(401);
    for (let i = 0; i < 10; i++) expect((await call("/comments", {}, "nope", "192.0.2.9")).status).toBe(401);
    const blocked = await call("/comments", {}, TOKEN, "192.0.2.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("/comments", {}, TOKEN, "192.0.2.10")).status).toBe(200);
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
