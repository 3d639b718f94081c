import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commentKey,
  CommentStore,
  createBlobsBackend,
  createFileBackend,
  DamagedValueError,
  type StoreBackend,
} from "../../../lib/store/index.ts";
import type { CommentRecord } from "../../../lib/core/comment-record.ts";
import { createSortableId } from "../../../lib/core/ids.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { crashAfter, wrapBackend } from "../../helpers/wrap-backend.ts";

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

  it("reads raw text, keeps it create-only, and names the key of a value that is not JSON", async () => {
    const backend = makeBackend();
    expect(await backend.getText("raw/missing")).toBeNull();
    expect(await backend.createText("raw/cut", '{"id": "01')).toBe(true);
    expect(await backend.createText("raw/cut", "other")).toBe(false);
    expect(await backend.getText("raw/cut")).toBe('{"id": "01');
    expect(await backend.createText("raw/empty", "")).toBe(true);
    expect(await backend.getText("raw/empty")).toBe("");
    for (const key of ["raw/cut", "raw/empty"]) {
      const failure = await backend.get(key).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DamagedValueError);
      expect((failure as Error).message).toContain(`"${key}"`);
    }
    await backend.put("raw/json", { a: 1 });
    expect(JSON.parse((await backend.getText("raw/json"))!)).toEqual({ a: 1 });
    expect(await backend.list("raw/")).toEqual(["raw/cut", "raw/empty", "raw/json"]);
    expect(await backend.sweepLeftovers(new Date(), true)).toEqual([]);
  });

  it("skips damaged records in listings, naming each key, and finds them by id", async () => {
    const backend = makeBackend();
    const store = new CommentStore(backend);
    const skipped: string[] = [];
    store.onDamaged = (damaged) => skipped.push(damaged.key);
    const good = makeRecord("bai-a", "còn nguyên");
    await store.submit(good, "good");
    const cut = makeRecord("bai-a", "bị cắt");
    const wrong = makeRecord("bai-b", "sai dạng");
    const moved = makeRecord("bai-b", "sai chỗ");
    await backend.createText(commentKey("bai-a", cut.id), JSON.stringify(cut).slice(0, 40));
    await backend.createText(commentKey("bai-b", wrong.id), "");
    await backend.create(commentKey("bai-a", moved.id), { ...moved, content: 3 });
    await backend.create(commentKey("bai-c", `${moved.id}Z`), moved);
    expect(await store.list()).toEqual([good]);
    expect(await store.listPending()).toEqual([good]);
    const scan = await store.scan();
    expect(scan.records).toEqual([good]);
    expect(scan.damaged.map((d) => d.key).sort()).toEqual(
      [`comments/bai-a/${cut.id}`, `comments/bai-a/${moved.id}`, `comments/bai-b/${wrong.id}`, `comments/bai-c/${moved.id}Z`].sort(),
    );
    expect(scan.damaged.find((d) => d.key.endsWith("Z"))!.reason).toContain(`belongs under "comments/bai-b/${moved.id}"`);
    expect(skipped.length).toBeGreaterThanOrEqual(8);
    expect(await store.get(cut.id)).toBeNull();
    const found = await store.find([cut.id, good.id]);
    expect(found.get(good.id)).toEqual({ key: `comments/bai-a/${good.id}`, record: good });
    expect(found.get(cut.id)).toMatchObject({ key: `comments/bai-a/${cut.id}`, damaged: { reason: expect.stringContaining("not JSON") } });
  });

  it("never acknowledges a retried comment that is not stored, wherever a crash cut the first try", async () => {
    for (let budget = 0; budget <= 4; budget++) {
      const real = makeBackend();
      const crashing = new CommentStore(crashAfter(real, budget).backend);
      const first = makeRecord("bai-a", `thử lại ${budget}`);
      const answer = await crashing.submit(first, "retry").catch(() => null);
      const retry = await new CommentStore(real).submit(makeRecord("bai-a", `thử lại ${budget}`), "retry");
      const id = retry.stored ? retry.id : retry.duplicateOf;
      expect(await new CommentStore(real).get(id), `crash after ${budget} operations`).not.toBeNull();
      if (answer?.stored) expect(await new CommentStore(real).get(answer.id)).not.toBeNull();
    }
  });

  it("claims a rate-limit slot in at most three store operations however full the window is", async () => {
    let operations = 0;
    const backend = wrapBackend(makeBackend(), () => void operations++);
    const store = new CommentStore(backend);
    const limit = { max: 1000, windowMs: 10 * 60_000 };
    const now = new Date(Date.UTC(2026, 10, 26, 8, 1));
    const claim = async () => {
      operations = 0;
      expect((await store.claimRateSlot("busy", now, limit)).ok).toBe(true);
      return operations;
    };
    // A client's first claim in a window is one write; any later one is at most three operations
    // (the write that finds slot 0 taken, one listing, one write), whatever the window holds.
    expect(await claim()).toBe(1);
    const second = await claim();
    expect(second).toBeLessThanOrEqual(3);
    // Claims 3 to 299 (straight into the store, to keep the test quick), then the 300th.
    const window = (await backend.list("rate/busy/"))[0]!.replace(/\d+$/, "");
    await Promise.all(Array.from({ length: 297 }, (_, i) => backend.create(`${window}${i + 2}`, {})));
    expect(await claim()).toBe(second);
    expect(await backend.list("rate/busy/")).toHaveLength(300);
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
    const backend = makeBackend();
    const store = new CommentStore(backend);
    const record = makeRecord("bai-a", "xoá tôi");
    await store.submit(record, "dup");
    await store.delete(record, "dup");
    expect(await store.list()).toEqual([]);
    expect(await backend.list("dedupe/")).toEqual([]);
    expect(await backend.list("ids/")).toEqual([]);
    expect((await store.submit(makeRecord("bai-a", "xoá tôi", new Date("2026-11-27T08:00:00Z")), "dup")).stored).toBe(true);
  });

  it("gives a client a fixed number of slots per window, then says how long to wait", async () => {
    const backend = makeBackend();
    const store = new CommentStore(backend);
    const limit = { max: 2, windowMs: 10 * 60_000 };
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 26, 8, minutes));
    expect(await store.claimRateSlot("client", at(1), limit)).toMatchObject({ ok: true });
    expect(await store.claimRateSlot("client", at(2), limit)).toMatchObject({ ok: true });
    expect(await store.claimRateSlot("client", at(4), limit)).toEqual({ ok: false, retryAfter: 360 });
    expect(await store.claimRateSlot("other", at(4), limit)).toMatchObject({ ok: true });
    const racing = await Promise.all([
      store.claimRateSlot("race", at(1), limit),
      store.claimRateSlot("race", at(1), limit),
      store.claimRateSlot("race", at(1), limit),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(2);
    expect(await store.claimRateSlot("client", at(10), limit)).toMatchObject({ ok: true });
    expect(await store.pruneExpired(at(11))).toBe(5);
    expect(await backend.list("rate/")).toHaveLength(1);
  });
});

describe("housekeeping of the local file store", () => {
  it("removes temporary files a killed writer left more than an hour ago, and no others", async () => {
    const dir = `${temp}/leftovers`;
    const backend = createFileBackend(dir);
    const store = new CommentStore(backend);
    const record = makeRecord("bai-a", "còn lại");
    await store.submit(record, "left");
    const folder = `${dir}/comments/bai-a`;
    const old = `${folder}/.${record.id}.json.0123456789ab.tmp`;
    const young = `${folder}/.${record.id}.json.abcdef012345.tmp`;
    const notOurs = `${folder}/.notes.txt`;
    for (const file of [old, young, notOurs]) await fs.writeFile(file, '{"id": "01');
    const now = new Date();
    const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);
    await fs.utimes(old, twoHoursAgo, twoHoursAgo);
    await fs.utimes(notOurs, twoHoursAgo, twoHoursAgo);
    expect(await backend.sweepLeftovers(new Date(now.getTime() - 3_600_000), false)).toEqual([
      `comments/bai-a/.${record.id}.json.0123456789ab.tmp`,
    ]);
    await fs.stat(old);
    expect(await store.pruneExpired(now)).toBe(1);
    await expect(fs.stat(old)).rejects.toThrow();
    await fs.stat(young);
    await fs.stat(notOurs);
    expect(await store.list()).toEqual([record]);
  });
});
