import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { startDevSite } from "../helpers/dev-server.ts";

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

// Eleventy renders no templates itself (lib/build/render-pages.ts writes every page), so this checks
// that its dev server still rebuilds on a content edit and that its reload client refreshes the page.
describe.skipIf(skip)("live reload in npm start (Chromium)", () => {
  let site: Awaited<ReturnType<typeof startDevSite>>;
  let browser: Browser;

  beforeAll(async () => {
    site = await startDevSite();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it("shows an edited article's new title by itself, with no action in the browser", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/tin-hoat-dong/nua-dem/`);
    expect(await page.locator("h1.article-title").textContent()).toBe("Tin lúc nửa đêm");
    // The page loaded before the edit keeps this mark until something reloads it.
    await page.evaluate(() => Object.assign(window, { beforeEdit: true }));

    const file = path.join(site.contentDir, "articles", "nua-dem", "index.md");
    const text = await fs.readFile(file, "utf8");
    await fs.writeFile(file, text.replace("title: Tin lúc nửa đêm", "title: Tin đã sửa lúc nửa đêm"));

    await page.locator("h1.article-title", { hasText: "Tin đã sửa lúc nửa đêm" }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => "beforeEdit" in window)).toBe(false);

    // The search index is updated after the reload, in the background: search finds the new title
    // once it has caught up.
    const deadline = Date.now() + 60_000;
    let titles: string[] = [];
    while (Date.now() < deadline) {
      await page.goto(`${site.origin}/tim-kiem/?q=${encodeURIComponent("da sua nua dem")}`);
      await page.locator("#search-status:not(:empty)").waitFor();
      await page.waitForFunction(() => !document.querySelector("#search-status")?.textContent?.includes("…"));
      titles = await page.locator(".search-title").allTextContents();
      if (titles.includes("Tin đã sửa lúc nửa đêm")) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(titles).toContain("Tin đã sửa lúc nửa đêm");

    // A save that changes the text alone takes npm start's short path (lib/build/text-edit.ts),
    // and the open page reloads by itself as well.
    await page.goto(`${site.origin}/tin-hoat-dong/nua-dem/`);
    await page.evaluate(() => Object.assign(window, { beforeEdit: true }));
    await fs.writeFile(file, `${await fs.readFile(file, "utf8")}\nMột câu thêm vào thân bài.\n`);
    await page.locator(".article-body", { hasText: "Một câu thêm vào thân bài." }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => "beforeEdit" in window)).toBe(false);
    expect(site.server.output()).toMatch(/only the text of .*nua-dem.* changed/);
    await context.close();
  }, 150_000);
});
