import fs from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { decideComments } from "../../lib/comments/index.ts";
import { buildSite, makeTempDir, prepareFixture, readBuilt, type BuildResult } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";
import { getFreePort } from "../helpers/processes.ts";

const NOW = { BANTIN_NOW: "2026-01-01T00:00:00Z" };
let temp: string;
let contentDir: string;
let commentDir: string;
let store: CommentStore;
let result: BuildResult;
const storeEnv = () => ({ ...NOW, BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir });

beforeAll(async () => {
  temp = await makeTempDir("comments-build");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
  commentDir = path.join(temp, "store");
  store = new CommentStore(createFileBackend(commentDir));
  const at = (hour: number) => new Date(Date.UTC(2021, 11, 10, hour));
  const later = await seedComment(store, {
    slug: "nua-dem",
    name: "Người thứ hai",
    content: "Đến sau.",
    email: "second@example.com",
    at: at(5),
  });
  const first = await seedComment(store, {
    slug: "nua-dem",
    name: '<img src=x onerror="alert(1)"> Trần',
    content: "Đoạn một <script>alert(1)</script>\ndòng hai\n\nĐoạn hai & hết",
    email: "first.reader@example.com",
    at: at(2),
  });
  await seedComment(store, { slug: "nua-dem", name: "Chưa duyệt", content: "Đang chờ", email: "pending.reader@example.com", at: at(3) });
  const rejected = await seedComment(store, {
    slug: "nua-dem",
    name: "Bị từ chối",
    content: "Không đăng",
    email: "rejected.reader@example.com",
    at: at(4),
  });
  await decideComments(store, [first.id, later.id], "approved", "test", at(6));
  await decideComments(store, [rejected.id], "rejected", "test", at(6));
  result = await buildSite({
    contentDir,
    outDir: path.join(temp, "out"),
    cacheDir: path.join(temp, "cache"),
    env: { ...storeEnv(), BANTIN_RECORD_BUILD: "1" },
  });
  if (result.code !== 0) throw new Error(result.stdout + result.stderr);
});

afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("approved comments in the built pages", () => {
  it("renders them oldest first, escaped, with line breaks and the count", async () => {
    const doc = parseHTML(await readBuilt(result.outDir, "tin-hoat-dong/nua-dem/index.html")).document;
    expect(doc.querySelector("#comments-heading")?.textContent).toBe("Bình luận (2)");
    const items = [...doc.querySelectorAll(".comment-list .comment")];
    expect(items.map((item) => item.querySelector(".comment-name")?.textContent)).toEqual([
      '<img src=x onerror="alert(1)"> Trần',
      "Người thứ hai",
    ]);
    const paragraphs = [...items[0]!.querySelectorAll(".comment-text p")];
    expect(paragraphs.map((p) => p.innerHTML)).toEqual([
      "Đoạn một &lt;script&gt;alert(1)&lt;/script&gt;<br>dòng hai",
      "Đoạn hai &amp; hết",
    ]);
    expect(items[0]!.querySelector("time")?.textContent).toBe("Thứ Sáu, 10/12/2021 09:00");
    expect(doc.querySelector(".comment img")).toBeNull();
    expect(doc.querySelectorAll(".comment script").length).toBe(0);
    expect(doc.body.textContent).not.toContain("Chưa duyệt");
    expect(doc.body.textContent).not.toContain("Bị từ chối");
  });

  it("shows the count on listings and prints how long loading took", async () => {
    const section = parseHTML(await readBuilt(result.outDir, "tin-hoat-dong/index.html")).document;
    const card = [...section.querySelectorAll(".card")].find(
      (c) => c.querySelector(".card-title a")?.getAttribute("href") === "/tin-hoat-dong/nua-dem/",
    );
    expect(card?.querySelector(".card-comments")?.textContent).toBe("Bình luận (2)");
    expect(result.stdout).toMatch(/comments: 2 approved of 4 in the local store .* · \d+\.\d\d s/);
  });

  it("never puts an email anywhere in the built site", async () => {
    const files = (await fs.readdir(result.outDir, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile() && !e.parentPath.includes(`${path.sep}img`),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = await fs.readFile(path.join(file.parentPath, file.name), "utf8");
      expect(text, file.name).not.toMatch(/@example\.com/);
    }
  });

  it("writes an Atom feed of the latest approved comments", async () => {
    const text = await readBuilt(result.outDir, "binh-luan/feed.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = new XMLParser({ htmlEntities: true }).parse(text).feed;
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.map((e: { title: string }) => e.title)).toEqual([
      "Người thứ hai – Tin lúc nửa đêm",
      '<img src=x onerror="alert(1)"> Trần – Tin lúc nửa đêm',
    ]);
  });

  it("gives the comment feed the site feed's head: xml:base and the site's description as subtitle", async () => {
    const head = (text: string) => text.slice(0, text.indexOf("<id>"));
    const comments = head(await readBuilt(result.outDir, "binh-luan/feed.xml"));
    expect(comments).toContain('xml:base="https://thu.example/"');
    expect(comments).toContain("<subtitle>Trang thử nghiệm của bantin</subtitle>");
    expect(comments.replace(/<title>.*<\/title>/, "")).toBe(
      head(await readBuilt(result.outDir, "feed.xml")).replace(/<title>.*<\/title>/, ""),
    );
  });

  it("records what the build included for the scheduled check", async () => {
    const marker = await store.rebuild.getBuildMarker();
    expect(marker?.lastChange).toBe((await store.rebuild.listChanges()).at(-1));
    expect(marker?.nextEmbargo).toBe("2030-01-01T01:00:00.000Z");
  });

  it("reads only new or changed comments on the next build", async () => {
    await seedComment(store, { slug: "hai-nguoi", name: "Mới", content: "Bình luận mới", status: "pending" });
    const again = await buildSite({
      contentDir,
      outDir: path.join(temp, "out-again"),
      cacheDir: path.join(temp, "cache"),
      env: storeEnv(),
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/comments: 2 approved of 5 in the local store .*\(1 read, 4 from cache\)/);
  });
});

describe("a store that cannot be read", () => {
  const unreachable = async () => ({
    BANTIN_COMMENT_STORE: "blobs",
    BANTIN_BLOBS_URL: `http://127.0.0.1:${await getFreePort()}`,
    NETLIFY_SITE_ID: "site",
    NETLIFY_AUTH_TOKEN: "token",
  });

  it("stops a production build with a clear message", async () => {
    const failed = await buildSite({
      contentDir,
      outDir: path.join(temp, "out-prod"),
      cacheDir: path.join(temp, "cache-prod"),
      env: { ...NOW, CONTEXT: "production", ...(await unreachable()) },
    });
    expect(failed.code).not.toBe(0);
    const log = failed.stdout + failed.stderr;
    expect(log).toContain('approved comments could not be read from Netlify Blobs store "bantin-comments"');
    expect(log).toContain("A production build stops here rather than publish pages without their comments");
    await expect(fs.stat(path.join(temp, "out-prod/index.html"))).rejects.toThrow();
  });

  it("lets a local build go on with a warning", async () => {
    const local = await buildSite({
      contentDir,
      outDir: path.join(temp, "out-local"),
      cacheDir: path.join(temp, "cache-local"),
      env: { ...NOW, ...(await unreachable()) },
    });
    expect(local.code).toBe(0);
    expect(local.stdout).toMatch(/warning: approved comments could not be read .*; building without comments/);
  });
});
