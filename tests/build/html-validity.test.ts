import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCommentProblemPage } from "../../lib/core/comment-page.ts";
import { getLocale } from "../../lib/core/locales/index.ts";
import { getBrowserSkipReason, launchBrowser, openWatchedPage } from "../helpers/browser.ts";
import { decideComments } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { buildWithApprovedComment, makeTempDir, prepareFixture, type BuildResult } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";
import { readHeaderRules } from "../helpers/netlify-headers.ts";
import { startStaticServer, type StaticServer } from "../helpers/static-server.ts";

const require = createRequire(import.meta.url);
const VNU_JAR = String(require("vnu-jar"));
const AXE = require.resolve("axe-core/axe.min.js");
const AXE_URL = "/__test__/axe.min.js";

let temp: string;
let result: BuildResult;
let pages: string[];
// The Nu checker runs in the background while Chromium checks the pages: together they take
// about half as long.
let vnuRun: Promise<VnuMessage[]>;

beforeAll(async () => {
  temp = await makeTempDir("html-validity");
  const contentDir = await prepareFixture("site", path.join(temp, "content"));
  await writeUpdatedArticle(contentDir);
  // A second approved comment with a reader's reply and a newsroom answer, in the store the helper builds from.
  const store = new CommentStore(createFileBackend(path.join(temp, "store")));
  const at = (hour: number) => new Date(Date.UTC(2021, 11, 10, hour));
  const parent = await seedComment(store, { slug: "nua-dem", name: "Lê Hoa", content: "Câu hỏi cho tòa soạn?", at: at(3) });
  const reply = await seedComment(store, { slug: "nua-dem", name: "Phan An", content: "Tôi trả lời bạn.\nDòng hai", at: at(4) });
  const answer = await seedComment(store, { slug: "nua-dem", name: "Biên tập viên", content: "Cảm ơn bạn.", at: at(5) });
  await store.update({ ...reply, replyTo: parent.id });
  await store.update({ ...answer, replyTo: parent.id, author: "newsroom" });
  await decideComments(store, [parent.id, reply.id, answer.id], "approved", "test", at(6));
  result = await buildWithApprovedComment(temp, contentDir, {
    slug: "nua-dem",
    name: "Trần <b>Bình</b>",
    content: "Đoạn một & <i>hai</i>\ndòng hai\n\nĐoạn hai",
    at: new Date(Date.UTC(2021, 11, 10, 2)),
  });
  pages = [...(await listBuiltPages(result.outDir)), ...(await writeProblemPages(path.join(temp, "problem")))];
  // A page with a known error proves the checker really ran and its answer was read.
  await fs.writeFile(
    path.join(temp, "canary.html"),
    '<!doctype html><html lang="vi"><head><title>x</title></head><body><img src="a.png"></body></html>',
  );
  vnuRun = checkHtml([...pages, path.join(temp, "canary.html")]);
  vnuRun.catch(() => {}); // awaited (and reported) by its test
});

afterAll(async () => {
  await vnuRun?.catch(() => {}); // never leave the checker running
  await fs.rm(temp, { recursive: true, force: true });
});

/**
 * An article with every part of the article page's head and body: an `updated` line, a main photo
 * with a credited caption, body photos with their own and the photographer's credit, h2 and h3.
 */
async function writeUpdatedArticle(contentDir: string): Promise<void> {
  const dir = path.join(contentDir, "articles", "cap-nhat");
  await fs.mkdir(dir);
  await fs.writeFile(
    path.join(dir, "index.md"),
    `---
title: Bài có cập nhật và ảnh của người khác
date: 2021-12-08T16:30:00+07:00
updated: 2021-12-09T08:15:00+07:00
author: Minh Thư
photoCredit: Lê Thu Hà
section: Đời sống
lead: "BTT – Bài thử phần đầu trang bài viết."
image: { src: ./chinh.jpg, alt: Ảnh chính, caption: "Chú thích <ảnh> chính." }
---
Đoạn mở đầu.

## Tiêu đề phụ

![Ảnh thân bài](./than.jpg "Ảnh của hãng tin. | Ảnh: TTXVN")

### Tiêu đề nhỏ

![Ảnh không chú thích](./than.jpg)
`,
  );
  for (const name of ["chinh.jpg", "than.jpg"])
    await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 40, g: 90, b: name.length * 12 } } })
      .jpeg({ quality: 70 })
      .toFile(path.join(dir, name));
}

/** One Nu checker message as `vnu --format json` prints it. */
interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

/** Runs the Nu HTML checker over `files`: its error messages (it exits 1 when there are any). */
function checkHtml(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      "java",
      ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        try {
          resolve((JSON.parse(stderr) as { messages: VnuMessage[] }).messages);
        } catch {
          reject(new Error(`vnu did not answer in JSON (${error?.message ?? "no error"}): ${stderr}`));
        }
      },
    );
  });
}

/** What axe-core reports, reduced to what a failure message needs. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** `items` split into those that pass `test` and the rest. */
function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Every .html file in the build. */
async function listBuiltPages(outDir: string): Promise<string[]> {
  const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => path.join(e.parentPath, e.name));
}

/** The function's page for a refused comment, with field errors and with a bad article, as files. */
async function writeProblemPages(dir: string): Promise<string[]> {
  await fs.mkdir(dir);
  const locale = getLocale("vi");
  const problems = {
    "fields.html": renderCommentProblemPage({
      locale,
      errors: { name: "Tên quá ngắn", content: "Nội dung quá ngắn", form: "Chưa gửi được" },
      fields: { slug: "nua-dem", name: "A <b>", email: "a@example.com", content: "x & </textarea>", replyTo: "01KAAAAAAAAAAAAAAAAAAAAAAA" },
      articleUrl: "/tin-hoat-dong/nua-dem/",
    }),
    "slug.html": renderCommentProblemPage({ locale, errors: { slug: "Bài viết không nhận bình luận" }, fields: {}, articleUrl: null }),
  };
  return Promise.all(
    Object.entries(problems).map(async ([name, html]) => {
      await fs.writeFile(path.join(dir, name), html);
      return path.join(dir, name);
    }),
  );
}

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] axe-core checks: ${skip}`);

describe.skipIf(skip)("the built pages in Chromium (axe-core, with the site's CSP)", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    // Each page with the headers netlify.toml gives its path: the search page has its own CSP.
    server = await startStaticServer(result.outDir, await readHeaderRules(), { [AXE_URL]: AXE });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ["the home page", "/", ".card"],
    ["an article with a comment", "/tin-hoat-dong/nua-dem/", ".comment-list .comment"],
    ["an updated article with credited photos", "/doi-song/cap-nhat/", ".photo-head .photo-credit"],
    [
      "an article with replies and an open reply form",
      "/tin-hoat-dong/nua-dem/",
      ".comment-replies .comment-newsroom",
      "details.reply summary",
    ],
    ["a section page", "/tin-hoat-dong/", ".card"],
    ["the 404 page", "/404.html", "main h1"],
    ["the comment admin", "/admin/", "#admin-login"],
    ["the search page with results", "/tim-kiem/?q=nua%20dem", ".search-result mark"],
  ] as [string, string, string, string?][])(
    "%s (%s): no accessibility violations, console errors or CSP violations",
    async (_name, url, shown, open) => {
      const context = await browser.newContext();
      const { page, problems } = await openWatchedPage(context);
      const response = await page.goto(server.origin + url, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
      await page.locator(shown).first().waitFor({ state: "visible" });
      if (open) {
        await page.locator(open).first().click();
        await page.locator("details.reply[open] textarea").first().waitFor({ state: "visible" });
      }

      // Served from the site's own origin, so the CSP lets it run as it would any site script.
      await page.addScriptTag({ url: AXE_URL });
      const { violations, passed } = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }
        ).axe;
        const { violations, passes } = await axe.run(document);
        const found = violations.map(({ id, impact, help, nodes }) => ({
          id,
          impact,
          help,
          nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
        }));
        return { violations: found, passed: passes.length };
      });
      expect(passed, "axe-core checked no rule at all").toBeGreaterThan(10);
      const report = violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${n.failureSummary ?? ""}`).join("\n")}`,
      );
      expect(report.join("\n")).toBe("");
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});

describe("the built HTML (Nu HTML checker)", () => {
  it("has no errors on any page, the comment problem page included", async () => {
    expect(pages.length).toBeGreaterThan(15);
    for (const name of [
      "index.html",
      "404.html",
      "admin/index.html",
      "tin-hoat-dong/nua-dem/index.html",
      "doi-song/cap-nhat/index.html",
      "tim-kiem/index.html",
    ])
      expect(pages).toContain(path.join(result.outDir, name));
    expect(pages.filter((file) => file.startsWith(path.join(temp, "problem")))).toHaveLength(2);
    const [canary, messages] = partition(await vnuRun, (m) => m.url?.endsWith("/canary.html") === true);
    expect(canary.map((m) => m.message)).toEqual([expect.stringContaining("alt")]);
    const report = messages.map(
      (m) =>
        `${m.url?.replace(/^file:/, "") ?? "?"}:${m.lastLine ?? "?"}:${m.firstColumn ?? "?"} ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}\n    ${m.extract ?? ""}`,
    );
    expect(report.join("\n")).toBe("");
  });
});
