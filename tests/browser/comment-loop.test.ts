import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { LOCAL_EDITOR_TOKEN } from "../../lib/http/index.ts";
import { ROOT } from "../helpers/build-site.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { startDevSite } from "../helpers/dev-server.ts";

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

describe.skipIf(skip)("the comment loop in a real browser: post, moderate, rebuild (npm start, Chromium)", () => {
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
    await page.getByLabel("Họ và tên").fill("Vũ <b>Thị</b> Lan");
    await page.getByLabel("Email").fill("lan@example.com");
    await page.getByLabel("Nội dung").fill("Không cần JavaScript vẫn gửi được.\nDòng thứ hai.");
    await Promise.all([page.waitForURL(/binh-luan=da-gui#binh-luan-da-gui$/), page.getByRole("button", { name: "Gửi bình luận" }).click()]);
    await expect(page.locator("#binh-luan-da-gui").isVisible()).resolves.toBe(true);
    expect(await page.locator("#binh-luan-da-gui").textContent()).toContain("Ý kiến của bạn sẽ được biên tập trước khi đăng");
    const records = await store.list("nua-dem");
    expect(records.map((r) => [r.name, r.email, r.content, r.status])).toEqual([
      ["Vũ <b>Thị</b> Lan", "lan@example.com", "Không cần JavaScript vẫn gửi được.\nDòng thứ hai.", "pending"],
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

  it("publishes after approval through the CLI and through /admin/, escaped, with the count", async () => {
    const [byForm] = (await store.list("nua-dem")).filter((r) => r.email === "lan@example.com");
    const cli = spawn(process.execPath, ["--import", "tsx", "scripts/comments.ts", "approve", byForm!.id], {
      cwd: ROOT,
      env: {
        ...process.env,
        BANTIN_COMMENT_STORE: "file",
        BANTIN_COMMENT_DIR: site.commentDir,
        BANTIN_CONTENT_DIR: site.contentDir,
        BANTIN_EDITOR: "cli",
      },
    });
    let cliOut = "";
    cli.stdout.on("data", (chunk) => (cliOut += chunk));
    expect(await new Promise((resolve) => cli.on("close", resolve))).toBe(0);
    expect(cliOut).toContain(`approved ${byForm!.id}`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The dev server rebuilds when a decision is written (and reloads open pages): wait for it.
    const page = await context.newPage();
    const waitForHeading = async (heading: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await page.goto(site.origin + article);
        if ((await page.locator("#comments-heading").textContent()) === heading) return;
        if (Date.now() > deadline) throw new Error(`no rebuild showing "${heading}":\n${site.server.output()}`);
        await page.waitForTimeout(300);
      }
    };
    await waitForHeading("Bình luận (1)");

    const admin = await context.newPage();
    await admin.goto(`${site.origin}/admin/`);
    expect(await admin.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
    await admin.getByLabel("Mã biên tập viên").fill(LOCAL_EDITOR_TOKEN);
    await admin.getByRole("button", { name: "Đăng nhập" }).click();
    const item = admin.locator(".admin-item", { hasText: "Hoàng Nam" });
    await item.waitFor();
    expect(await item.locator(".admin-email").textContent()).toBe("nam@example.com");
    await item.getByRole("button", { name: "Duyệt" }).click();
    await admin.locator(".admin-item", { hasText: "Hoàng Nam" }).waitFor({ state: "detached" });
    expect((await store.list("nua-dem")).find((r) => r.name === "Hoàng Nam")).toMatchObject({
      status: "approved",
      decidedBy: "local editor",
    });

    await waitForHeading("Bình luận (2)");
    const names = await page.locator(".comment-name").allTextContents();
    expect(names).toEqual(["Vũ <b>Thị</b> Lan", "Hoàng Nam"]);
    expect(await page.locator(".comment-name b").count()).toBe(0);
    expect(await page.locator(".comment-text").first().innerHTML()).toContain("Không cần JavaScript vẫn gửi được.<br>Dòng thứ hai.");
    await context.close();

    const files = (await fs.readdir(site.outDir, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile() && !e.parentPath.includes(`${path.sep}img`),
    );
    for (const file of files) {
      const text = await fs.readFile(path.join(file.parentPath, file.name), "utf8");
      expect(text, file.name).not.toContain("@example.com");
    }
    expect(await fs.readFile(path.join(site.outDir, "sitemap.xml"), "utf8")).not.toContain("/admin/");
  });
});
