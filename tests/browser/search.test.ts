import fs from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBrowserSkipReason, launchBrowser, openWatchedPage } from "../helpers/browser.ts";
import { buildSite, makeTempDir, prepareFixture } from "../helpers/build-site.ts";
import { readHeaderRules } from "../helpers/netlify-headers.ts";
import { startStaticServer, type StaticServer } from "../helpers/static-server.ts";

// A built site served with netlify.toml's real headers (the search page's own CSP included), searched
// in Debian's Chromium the way a reader does: from the masthead box, without diacritics.
const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

const TITLE = "Đẩy mạnh cải cách hành chính ở phường";
const ARTICLE = "/tin-hoat-dong/cai-cach-hanh-chinh/";
// The same words a year earlier: the index has a shard per year, and a search asks both.
const OLDER_TITLE = "Cải cách thủ tục đất đai năm trước";
const OLDER_ARTICLE = "/doi-song/cai-cach-dat-dai/";
const DANGEROUS = "Tiêu đề <script>alert(\"x\")</script> & 'nháy'";

describe.skipIf(skip)("search in a real browser, under the site's CSP (Chromium)", () => {
  let temp: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    temp = await makeTempDir("search-browser");
    const contentDir = await prepareFixture("site", path.join(temp, "content"));
    await fs.writeFile(
      path.join(contentDir, "articles", "cai-cach-hanh-chinh.md"),
      [
        "---",
        `title: ${TITLE}`,
        "date: 2021-12-07T08:00:00+07:00",
        "author: Lan Phương",
        "section: Tin hoạt động",
        "lead: Người dân làm thủ tục nhanh hơn nhờ một cửa liên thông.",
        "---",
        "Nhờ cải cách hành chính, phường rút ngắn thời gian giải quyết hồ sơ còn một nửa.",
        "",
      ].join("\n"),
    );
    await fs.writeFile(
      path.join(contentDir, "articles", "cai-cach-dat-dai.md"),
      [
        "---",
        `title: ${OLDER_TITLE}`,
        "date: 2020-03-02T08:00:00+07:00",
        "author: Lan Phương",
        "section: Đời sống",
        "---",
        "Phường tiếp tục cải cách thủ tục đất đai cho người dân.",
        "",
      ].join("\n"),
    );
    const result = await buildSite({
      contentDir,
      outDir: path.join(temp, "out"),
      cacheDir: path.join(temp, "cache"),
      env: { BANTIN_NOW: "2026-01-01T00:00:00Z" },
    });
    if (result.code !== 0) throw new Error(result.stdout + result.stderr);
    server = await startStaticServer(result.outDir, await readHeaderRules());
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (temp) await fs.rm(temp, { recursive: true, force: true });
  });

  it("finds “cải cách” from the masthead box typed without diacritics, with no console error or CSP violation", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openWatchedPage(context);
    await page.goto(`${server.origin}/`);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.getByRole("search").getByLabel("Tìm bài viết").fill("cai cach");
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().includes("/tim-kiem/")), page.keyboard.press("Enter")]);
    // A plain GET of the form: the query is in the address, as a reader can share it.
    await page.waitForURL(`${server.origin}/tim-kiem/?q=cai+cach`);
    expect(answer.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const first = page.locator(".search-result").first();
    await first.waitFor();
    const link = first.locator(".search-title a");
    expect(await link.textContent()).toBe(TITLE);
    expect(await link.getAttribute("href")).toBe(ARTICLE);
    expect(await first.locator(".search-section").textContent()).toBe("Tin hoạt động");
    expect(await first.locator("time").getAttribute("datetime")).toMatch(/^2021-12-07T08:00:00/);
    expect(await first.locator(".search-excerpt mark").allTextContents()).not.toEqual([]);
    expect(await page.locator("#search-status").textContent()).toContain("“cai cach”");
    // Both shards answered (2021 and 2020), their results in one list.
    expect(requested).toContain("/pagefind/shards.json");
    expect(requested.some((url) => url.startsWith("/pagefind/2021/"))).toBe(true);
    expect(requested.some((url) => url.startsWith("/pagefind/2020/"))).toBe(true);
    const hrefs = await page.locator(".search-title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain(ARTICLE);
    expect(hrefs).toContain(OLDER_ARTICLE);
    expect(await page.locator(".search-result").count()).toBe(hrefs.length);
    // The field keeps what the reader typed, for the next search.
    expect(await page.locator("#search-q").inputValue()).toBe("cai cach");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("puts every title on the page as text, never as markup", async () => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent("tieu de nhay")}`);
    const link = page.locator(".search-title a").first();
    await link.waitFor();
    expect(await link.textContent()).toBe(DANGEROUS);
    expect(await page.locator(".search-results script").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("says so, and links to the archive, when nothing matches", async () => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    await page.goto(`${server.origin}/tim-kiem/?q=xyzzyq`);
    await page.locator("#search-status a").waitFor();
    expect(await page.locator("#search-status").textContent()).toContain("Không tìm thấy bài nào phù hợp với “xyzzyq”");
    expect(await page.locator("#search-status a").getAttribute("href")).toBe("/luu-tru/");
    expect(await page.locator(".search-result").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("explains itself without JavaScript, with a link to the archive", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/tim-kiem/?q=cai+cach`);
    const notice = page.locator(".search-page .notice");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("cần JavaScript");
    expect(await notice.locator("a").getAttribute("href")).toBe("/luu-tru/");
    await context.close();
  });

  it("shows a search link instead of the box on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}${ARTICLE}`);
    expect(await page.locator(".masthead .search-box").isVisible()).toBe(false);
    const link = page.locator(".masthead .search-link");
    expect(await link.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/\/tim-kiem\/$/), link.click()]);
    await context.close();
  });

  it("keeps WebAssembly forbidden on an article page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const answer = await page.goto(`${server.origin}${ARTICLE}`);
    const csp = answer?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("wasm-unsafe-eval");
    // The smallest valid module: refused by the article's policy, compiled by the search page's.
    const compile = () =>
      WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
        () => "compiled",
        (error: Error) => error.name,
      );
    expect(await page.evaluate(compile)).toBe("CompileError");
    await page.goto(`${server.origin}/tim-kiem/`);
    expect(await page.evaluate(compile)).toBe("compiled");
    await context.close();
  });
});
