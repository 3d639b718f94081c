import fs from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideComments, eraseComments } from "../../lib/comments/index.ts";
import type { CommentRecord } from "../../lib/core/comment-record.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { buildSite, makeTempDir, prepareFixture, readBuilt } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";

// Replies on a real build of the fixture site from a real file store: shown inside their parent in
// time order, counted, hidden with a rejected or deleted parent; newsroom answers and edits.
const ARTICLE = "tin-hoat-dong/nua-dem/index.html";
let temp: string;
let outDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  temp = await makeTempDir("replies-build");
  const contentDir = await prepareFixture("site", path.join(temp, "content"));
  const commentDir = path.join(temp, "store");
  const store = new CommentStore(createFileBackend(commentDir));
  const at = (hour: number) => new Date(Date.UTC(2021, 11, 10, hour));
  const seed = async (key: string, hour: number, extra: Partial<CommentRecord> = {}, name = `Người ${key}`) => {
    const record = await seedComment(store, {
      slug: "nua-dem",
      name,
      content: `Nội dung ${key}`,
      email: `${key}@example.com`,
      at: at(hour),
    });
    await store.update({ ...record, ...extra });
    ids[key] = record.id;
    return record.id;
  };
  const parent = await seed("cha", 1);
  await seed("sau", 6, { replyTo: parent });
  await seed("truoc", 3, { replyTo: parent });
  await seed("toasoan", 4, { replyTo: parent, author: "newsroom" }, "Biên tập viên Hùng");
  await seed("cho", 5, { replyTo: parent });
  const rejected = await seed("bituchoi", 2);
  await seed("conbituchoi", 7, { replyTo: rejected });
  const erased = await seed("daxoa", 2);
  await seed("condaxoa", 7, { replyTo: erased });
  await seed("sua", 8, { name: "Tên đã sửa", content: "Lời đã sửa", original: { name: "Tên gốc", content: "Lời gốc thô lỗ" } });
  await decideComments(
    store,
    [parent, ids.sau!, ids.truoc!, ids.toasoan!, ids.conbituchoi!, ids.condaxoa!, ids.sua!],
    "approved",
    "test",
    at(9),
  );
  await decideComments(store, [rejected], "rejected", "test", at(9));
  await decideComments(store, [erased], "approved", "test", at(9));
  await eraseComments(store, [erased], "test", at(9));
  outDir = path.join(temp, "out");
  const result = await buildSite({
    contentDir,
    outDir,
    cacheDir: path.join(temp, "cache"),
    env: { BANTIN_NOW: "2026-01-01T00:00:00Z", BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir },
  });
  if (result.code !== 0) throw new Error(result.stdout + result.stderr);
}, 120_000);

afterAll(() => fs.rm(temp, { recursive: true, force: true }));

const page = async () => parseHTML(await readBuilt(outDir, ARTICLE)).document;

describe("replies on the article page", () => {
  it("shows each reply inside its parent, after it, oldest first, and counts replies", async () => {
    const doc = await page();
    const top = [...doc.querySelectorAll(".comment-list > .comment")].map((li) => li.id);
    expect(top).toEqual([`bl-${ids.cha}`, `bl-${ids.sua}`]);
    const parent = doc.getElementById(`bl-${ids.cha}`)!;
    const replies = [...parent.querySelectorAll(".comment-replies > .comment")].map((li) => li.id);
    expect(replies).toEqual([`bl-${ids.truoc}`, `bl-${ids.toasoan}`, `bl-${ids.sau}`]);
    expect(parent.querySelector(".comment-text")!.compareDocumentPosition(parent.querySelector(".comment-replies")!) & 4).toBe(4);
    // Parent, its three published replies and the edited comment.
    expect(doc.getElementById("comments-heading")!.textContent).toBe("Bình luận (5)");
  });

  it("counts replies on listing cards too", async () => {
    const listing = await readBuilt(outDir, "tin-hoat-dong/index.html");
    const doc = parseHTML(listing).document;
    const card = [...doc.querySelectorAll("a.card-comments")].find((a) => a.getAttribute("href") === "/tin-hoat-dong/nua-dem/#binh-luan");
    expect(card?.textContent).toBe("Bình luận (5)");
  });

  it("hides replies whose parent was rejected or deleted, and pending replies", async () => {
    const html = await readBuilt(outDir, ARTICLE);
    for (const key of ["bituchoi", "conbituchoi", "daxoa", "condaxoa", "cho"]) expect(html, key).not.toContain(`Nội dung ${key}`);
    const feed = await readBuilt(outDir, "binh-luan/feed.xml");
    expect(feed).not.toContain("Nội dung conbituchoi");
    expect(feed).toContain("Nội dung truoc");
  });

  it("names a newsroom answer with the newsroom's name and a visible label, never the editor", async () => {
    const doc = await page();
    const answer = doc.getElementById(`bl-${ids.toasoan}`)!;
    expect(answer.classList.contains("comment-newsroom")).toBe(true);
    expect(answer.querySelector(".comment-label")!.textContent).toBe("Ban biên tập trả lời");
    expect(answer.querySelector(".comment-name")!.textContent).toBe("Ban biên tập");
    expect(await readBuilt(outDir, ARTICLE)).not.toContain("Hùng");
  });

  it("shows an edited comment's current text only", async () => {
    const html = await readBuilt(outDir, ARTICLE);
    expect(html).toContain("Lời đã sửa");
    expect(html).toContain("Tên đã sửa");
    expect(html).not.toContain("Lời gốc thô lỗ");
    expect(html).not.toContain("Tên gốc");
  });

  it("gives each top-level comment a reply form in a <details>, with unique ids, and none to replies", async () => {
    const doc = await page();
    const forms = [...doc.querySelectorAll("details.reply form")];
    expect(forms).toHaveLength(2);
    const form = doc.querySelector(`#bl-${ids.cha} > details.reply form`)!;
    expect(doc.querySelector(`#bl-${ids.cha} > details.reply > summary`)!.textContent).toBe("Trả lời");
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/api/comments");
    const value = (name: string) => form.querySelector(`[name=${name}]`)?.getAttribute("value");
    expect([value("slug"), value("replyTo"), value("website")]).toEqual(["nua-dem", ids.cha, ""]);
    for (const name of ["name", "email", "content"]) {
      const control = form.querySelector(`[name=${name}]`)!;
      expect(doc.querySelector(`label[for="${control.id}"]`), name).not.toBeNull();
    }
    expect(doc.querySelectorAll(".comment-replies details")).toHaveLength(0);
    const allIds = [...doc.querySelectorAll("[id]")].map((node) => node.id);
    expect(new Set(allIds).size).toBe(allIds.length);
  });
});
