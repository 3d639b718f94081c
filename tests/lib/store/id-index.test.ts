import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideComments, eraseComments } from "../../../lib/comments/index.ts";
import { commentKey, CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

let temp: string;
let stores = 0;
beforeAll(async () => {
  temp = await makeTempDir("id-index");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

/** A file store whose operations are written down as "operation key". */
function countedStore() {
  const real = createFileBackend(`${temp}/${++stores}`);
  const operations: string[] = [];
  const backend = wrapBackend(real, (operation, key) => void operations.push(`${operation} ${key}`));
  return { real, backend, store: new CommentStore(backend), operations };
}

const lists = (operations: string[], prefix: string) =>
  operations.filter((op) => /^list(Versions)? /.test(op) && `${op.split(" ")[1]}`.startsWith(prefix));

describe("finding a comment by id (the ids/ index)", () => {
  it("approves by id with one index read and no listing of comments/", async () => {
    const { store, operations } = countedStore();
    for (let i = 0; i < 5; i++) await seedComment(store, { slug: `bai-${i}`, name: "An", content: `Ý kiến ${i}` });
    const target = await seedComment(store, { slug: "bai-x", name: "Bình", content: "Duyệt tôi" });
    operations.length = 0;
    const [outcome] = await decideComments(store, [target.id], "approved", "Lan", new Date());
    expect(outcome).toMatchObject({ ok: true, slug: "bai-x" });
    expect(operations.filter((op) => op.startsWith("get ids/") || op.startsWith("getText ids/"))).toEqual([`get ids/${target.id}`]);
    expect(lists(operations, "comments")).toEqual([]);
    expect((await store.get(target.id))?.status).toBe("approved");
  });

  it("still finds a comment stored before the index existed, and doctor --fix indexes it", async () => {
    const { real, store, operations } = countedStore();
    const old = {
      ...(await seedComment(new CommentStore(createFileBackend(`${temp}/scratch-${stores}`)), {
        slug: "bai-cu",
        name: "Chi",
        content: "Cũ",
      })),
    };
    // Set-up: a record written the way older versions did, with no index entry.
    await real.create(commentKey(old.slug, old.id), old);
    operations.length = 0;
    expect(await store.get(old.id)).toEqual(old);
    expect(lists(operations, "comments")).toHaveLength(1);

    const report = await store.examine(new Date(), true);
    expect(report.indexed).toBe(1);
    operations.length = 0;
    expect(await store.get(old.id)).toEqual(old);
    expect(lists(operations, "comments")).toEqual([]);
    expect((await store.examine(new Date(), true)).indexed).toBe(0);
  });

  it("erasing a comment removes its index entry; an unknown id is missing", async () => {
    const { real, store } = countedStore();
    const record = await seedComment(store, { slug: "bai", name: "Dũng", content: "Xoá tôi" });
    expect(await real.list("ids/")).toEqual([`ids/${record.id}`]);
    await eraseComments(store, [record.id], "Lan", new Date());
    expect(await real.list("ids/")).toEqual([]);
    expect(await store.get(record.id)).toBeNull();
  });
});
