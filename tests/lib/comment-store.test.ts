import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore } from "../../lib/comment-store.ts";
import type { CommentRecord } from "../../lib/core/comment-record.ts";
import { createSortableId } from "../../lib/core/ids.ts";
import type { StoreBackend } from "../../lib/stores/backend.ts";
import { createBlobsBackend } from "../../lib/stores/blobs-backend.ts";
import { createFileBackend } from "../../lib/stores/file-backend.ts";
import { startBlobsServer } from "../helpers/blobs-server.ts";
import { makeTempDir } from "../helpers/build-site.ts";

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let temp: string;
beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("file-store");
});
afterAll(async () => {
  await blobs.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

let counter = 0;
function makeRecord(slug: string, content: string, at = new Date("2026-11-26T08:00:00Z")): CommentRecord {
  const random = new Uint8Array(10);
  new DataView(random.buffer).setUint32(0, ++counter);
  return {
    id: createSortableId(at, random),
    slug,
    name: "Nguyễn Văn An",
    email: "an@example.com",
    content,
    status: "pending",
    createdAt: at.toISOString(),
    clientHash: "abc",
    decidedAt: null,
    decidedBy: null,
  };
}

const adapters: [string, () => StoreBackend][] = [
  ["local file store", () => createFileBackend(`${temp}/${++counter}`)],
  ["Netlify Blobs (local BlobsServer)", () => createBlobsBackend(blobs.openStore())],
];

describe.each(adapters)("CommentStore contract: %s", (_name, makeBackend) => {
  it("creates a key once and never overwrites it", async () => {
    const backend = makeBackend();
    expect(await backend.create("a/b", { v: 1 })).toBe(true);
    expect(await backend.create("a/b", { v: 2 })).toBe(false);
    expect(await backend.get("a/b")).toEqual({ v: 1 });
    await backend.put("a/b", { v: 3 });
    expect(await backend.get("a/b")).toEqual({ v: 3 });
    expect(await backend.get("a/missing")).toBeNull();
    expect(await backend.list("a/")).toEqual(["a/b"]);
    await backend.delete("a/b");
    expect(await backend.list("a/")).toEqual([]);
  });

  it("stores, finds and lists comments oldest first", async () => {
    const store = new CommentStore(makeBackend());
    const late = makeRecord("bai-a", "thứ hai", new Date("2026-11-26T09:00:00Z"));
    const early = makeRecord("bai-a", "thứ nhất", new Date("2026-11-26T08:00:00Z"));
    const other = makeRecord("bai-b", "bài khác");
    for (const record of [late, early, other]) await store.submit(record, record.content);
    expect((await store.list("bai-a")).map((r) => r.content)).toEqual(["thứ nhất", "thứ hai"]);
    expect(await store.list()).toHaveLength(3);
    expect(await store.get(other.id)).toEqual(other);
    expect(await store.get("01ZZZZZZZZZZZZZZZZZZZZZZZZ")).toBeNull();
  });

  it("keeps one record for a duplicate, even sent twice at once", async () => {
    const store = new CommentStore(makeBackend());
    const first = makeRecord("bai-a", "giống nhau");
    const second = makeRecord("bai-a", "giống nhau");
    const results = await Promise.all([store.submit(first, "k"), store.submit(second, "k")]);
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(await store.list()).toHaveLength(1);
    const again = await store.submit(makeRecord("bai-a", "giống nhau"), "k");
    expect(again).toEqual({ stored: false, duplicateOf: (await store.list())[0]!.id });
  });

  it("loses none of 200 comments written at once", async () => {
    const store = new CommentStore(makeBackend());
    const records = Array.from({ length: 200 }, (_, i) => makeRecord("bai-dong", `bình luận ${i}`));
    await Promise.all(records.map((record) => store.submit(record, record.content)));
    const stored = await store.list("bai-dong");
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((r) => r.content)).size).toBe(200);
  });

  it("changes one record's status without touching one that arrives meanwhile", async () => {
    const store = new CommentStore(makeBackend());
    const record = makeRecord("bai-a", "chờ duyệt");
    await store.submit(record, "x");
    const newcomer = makeRecord("bai-a", "mới đến");
    await Promise.all([store.update({ ...record, status: "approved" }), store.submit(newcomer, "y")]);
    const list = await store.list("bai-a");
    expect(list.map((r) => [r.content, r.status])).toEqual([
      ["chờ duyệt", "approved"],
      ["mới đến", "pending"],
    ]);
  });

  it("finds the queue without reading decided comments", async () => {
    const store = new CommentStore(makeBackend());
    const waiting = makeRecord("bai-a", "chờ");
    const decided = makeRecord("bai-b", "đã xét");
    await store.submit(waiting, "w");
    await store.submit(decided, "d");
    await store.update({ ...decided, status: "rejected" });
    expect((await store.listPending()).map((r) => r.id)).toEqual([waiting.id]);
    await store.update({ ...decided, status: "pending" });
    expect(await store.listPending()).toHaveLength(2);
  });

  it("erases a comment and lets the same text be sent again", async () => {
    const store = new CommentStore(makeBackend());
    const record = makeRecord("bai-a", "xoá tôi");
    await store.submit(record, "dup");
    await store.delete(record, "dup");
    expect(await store.list()).toEqual([]);
    expect(await store.backend.list("dedupe/")).toEqual([]);
    expect((await store.submit(makeRecord("bai-a", "xoá tôi", new Date("2026-11-27T08:00:00Z")), "dup")).stored).toBe(true);
  });

  it("gives a client a fixed number of slots per window, then says how long to wait", async () => {
    const store = new CommentStore(makeBackend());
    const limit = { max: 2, windowMs: 10 * 60_000 };
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 26, 8, minutes));
    expect(await store.claimRateSlot("client", at(1), limit)).toMatchObject({ ok: true });
    expect(await store.claimRateSlot("client", at(2), limit)).toMatchObject({ ok: true });
    expect(await store.claimRateSlot("client", at(4), limit)).toEqual({ ok: false, retryAfter: 360 });
    expect(await store.claimRateSlot("other", at(4), limit)).toMatchObject({ ok: true });
    const racing = await Promise.all([store.claimRateSlot("race", at(1), limit), store.claimRateSlot("race", at(1), limit), store.claimRateSlot("race", at(1), limit)]);
    expect(racing.filter((r) => r.ok)).toHaveLength(2);
    expect(await store.claimRateSlot("client", at(10), limit)).toMatchObject({ ok: true });
    expect(await store.pruneExpired(at(11))).toBe(5);
    expect(await store.backend.list("rate/")).toHaveLength(1);
  });
});
