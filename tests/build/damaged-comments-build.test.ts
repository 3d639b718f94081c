import fs from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { decideComments } from "../../lib/comments/index.ts";
import { buildSite, makeTempDir, prepareFixture, readBuilt } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("damaged-build");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("a production build with one damaged comment record", () => {
  it("publishes every other approved comment and names the damaged key in a warning", async () => {
    const contentDir = await prepareFixture("site", path.join(temp, "content"));
    const commentDir = path.join(temp, "store");
    const store = new CommentStore(createFileBackend(commentDir));
    const at = (hour: number) => new Date(Date.UTC(2021, 11, 10, hour));
    const records = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        seedComment(store, { slug: "nua-dem", name: `Độc giả ${i}`, content: `Ý kiến số ${i}`, at: at(i + 1) }),
      ),
    );
    await decideComments(
      store,
      records.map((record) => record.id),
      "approved",
      "test",
      at(6),
    );
    const damagedFile = path.join(commentDir, "comments", "nua-dem", `${records[1]!.id}.json`);
    const text = await fs.readFile(damagedFile, "utf8");
    await fs.writeFile(damagedFile, text.slice(0, 30));

    const result = await buildSite({
      contentDir,
      outDir: path.join(temp, "out"),
      cacheDir: path.join(temp, "cache"),
      env: {
        BANTIN_NOW: "2026-01-01T00:00:00Z",
        CONTEXT: "production",
        URL: "https://bantin.example",
        BANTIN_COMMENT_STORE: "file",
        BANTIN_COMMENT_DIR: commentDir,
      },
    });
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(0);
    expect(log).toContain(`skipped damaged comment record "comments/nua-dem/${records[1]!.id}"`);
    expect(result.stdout).toMatch(/comments: 3 approved of 4 in the local store/);
    const doc = parseHTML(await readBuilt(result.outDir, "tin-hoat-dong/nua-dem/index.html")).document;
    expect([...doc.querySelectorAll(".comment-list .comment-name")].map((name) => name.textContent)).toEqual([
      "Độc giả 0",
      "Độc giả 2",
      "Độc giả 3",
    ]);
  });
});
