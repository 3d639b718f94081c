import fs from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideComments } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { seedComment } from "../helpers/comments.ts";
import { startDevSite } from "../helpers/dev-server.ts";

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

describe.skipIf(skip)("a reply without JavaScript (npm start, Chromium)", () => {
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

  it("opens the reply form of a published comment, sends it, and the reply waits with its parent and flags", async () => {
    // The newsroom's word list, read by npm start's comment API from the content folder.
    await fs.writeFile(path.join(site.contentDir, "moderation.json"), JSON.stringify({ words: ["cá độ"] }));
    const parent = await seedComment(store, {
      slug: "nua-dem",
      name: "Lê Thu",
      content: "Bài viết rất hay.",
      at: new Date("2025-12-01T02:00:00Z"),
    });
    // The decision's change note makes the dev server rebuild.
    await decideComments(store, [parent.id], "approved", "test", new Date("2025-12-01T03:00:00Z"));

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(site.origin + article);
      if ((await page.locator("#comments-heading").textContent()) === "Bình luận (1)") break;
      if (Date.now() > deadline) throw new Error(`no rebuild showing the comment:\n${site.server.output()}`);
      await page.waitForTimeout(300);
    }
    const thread = page.locator(`#bl-${parent.id}`);
    const details = thread.locator("details.reply");
    await expect(details.getByLabel("Họ và tên").isVisible()).resolves.toBe(false);
    await details.getByText("Trả lời", { exact: true }).click();
    await details.getByLabel("Họ và tên").fill("Đinh Quang");
    await details.getByLabel("Email").fill("quang@example.com");
    await details.getByLabel("Nội dung").fill("Đồng ý, nhưng đừng quảng cáo CÁ ĐỘ ở đây.");
    await Promise.all([
      page.waitForURL(/binh-luan=da-gui#binh-luan-da-gui$/),
      details.getByRole("button", { name: "Gửi trả lời" }).click(),
    ]);
    await expect(page.locator("#binh-luan-da-gui").isVisible()).resolves.toBe(true);

    const reply = (await store.list("nua-dem")).find((record) => record.email === "quang@example.com");
    expect(reply).toMatchObject({ name: "Đinh Quang", status: "pending", replyTo: parent.id, flags: ["cá độ"] });
    await context.close();
  });

  it("with the optional script: the opened form takes the cursor and the reply is sent in place", async () => {
    const [parent] = (await store.list("nua-dem")).filter((record) => record.status === "approved");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(site.origin + article);
    const details = page.locator(`#bl-${parent!.id} details.reply`);
    await details.getByText("Trả lời", { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("name");
    await details.getByLabel("Họ và tên").fill("Mai Anh");
    await details.getByLabel("Email").fill("anh@example.com");
    await details.getByLabel("Nội dung").fill("Trả lời bằng script.");
    await details.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.locator("#binh-luan-da-gui.is-shown").waitFor();
    expect(page.url()).toBe(site.origin + article);
    expect(await details.getAttribute("open")).toBeNull();
    expect(errors).toEqual([]);
    const reply = (await store.list("nua-dem")).find((record) => record.email === "anh@example.com");
    expect(reply).toMatchObject({ status: "pending", replyTo: parent!.id });
    expect(reply).not.toHaveProperty("flags");
    await context.close();
  });
});
