import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { CommentStore } from "../../lib/comment-store.ts";
import { createFileBackend } from "../../lib/stores/file-backend.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { startDevSite } from "../helpers/dev-server.ts";

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

describe.skipIf(skip)("posting a comment from an article page (npm start, real Chromium)", () => {
  let site: Awaited<ReturnType<typeof startDevSite>>;
  let browser: Browser;
  let store: CommentStore;
  const article = "/tin-hoat-dong/nua-dem/";

  beforeAll(async () => {
    site = await startDevSite();
    browser = await launchBrowser();
    store = new CommentStore(createFileBackend(site.commentDir));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it("works with no JavaScript: one pending record and the notice on the page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(site.origin + article);
    await expect(page.locator("#binh-luan-da-gui").isVisible()).resolves.toBe(false);
    await page.getByLabel("Họ và tên").fill("Vũ Thị Lan");
    await page.getByLabel("Email").fill("lan@example.com");
    await page.getByLabel("Nội dung").fill("Không cần JavaScript vẫn gửi được.\nDòng thứ hai.");
    await Promise.all([page.waitForURL(/binh-luan=da-gui#binh-luan-da-gui$/), page.getByRole("button", { name: "Gửi bình luận" }).click()]);
    await expect(page.locator("#binh-luan-da-gui").isVisible()).resolves.toBe(true);
    expect(await page.locator("#binh-luan-da-gui").textContent()).toContain("Ý kiến của bạn sẽ được biên tập trước khi đăng");
    const records = await store.list("nua-dem");
    expect(records.map((r) => [r.name, r.email, r.content, r.status])).toEqual([
      ["Vũ Thị Lan", "lan@example.com", "Không cần JavaScript vẫn gửi được.\nDòng thứ hai.", "pending"],
    ]);
    await context.close();
  });

  it("works with the optional script: answered in place, no page load", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(site.origin + article);
    await page.getByLabel("Họ và tên").fill("Hoàng Nam");
    await page.getByLabel("Email").fill("nam@example.com");
    await page.getByLabel("Nội dung").fill("Gửi bằng script, không tải lại trang.");
    await page.getByRole("button", { name: "Gửi bình luận" }).click();
    await page.locator("#binh-luan-da-gui.is-shown").waitFor();
    expect(page.url()).toBe(site.origin + article);
    expect(await page.getByLabel("Nội dung").inputValue()).toBe("");
    expect(errors).toEqual([]);
    expect((await store.list("nua-dem")).map((r) => r.name)).toContain("Hoàng Nam");
    await context.close();
  });
});
