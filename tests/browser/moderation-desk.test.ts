import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LOCAL_EDITOR_TOKEN } from "../../lib/http/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import type { CommentRecord } from "../../lib/core/comment-record.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { startDevSite } from "../helpers/dev-server.ts";
import { seedComment } from "../helpers/comments.ts";

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] browser tests: ${skip}`);

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
// The production policy (netlify.toml): the desk must work without inline script or style.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's violations on the page as it is now (axe is served from the site's origin, as the CSP requires). */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: "/__test__/axe.min.js" });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.map(({ target }) => ({ target })) }));
  });
}

describe.skipIf(skip)("the moderation desk on a phone (npm start, Chromium, 390×844, strict CSP)", () => {
  let site: Awaited<ReturnType<typeof startDevSite>>;
  let browser: Browser;
  let context: BrowserContext;
  let store: CommentStore;
  const article = "/tin-hoat-dong/nua-dem/";
  let first: CommentRecord;
  let second: CommentRecord;

  beforeAll(async () => {
    site = await startDevSite();
    browser = await launchBrowser();
    store = new CommentStore(createFileBackend(site.commentDir));
    first = await seedComment(store, {
      slug: "nua-dem",
      name: "Trần Minh",
      content: "Khi nào đường được sửa?\nXin cảm ơn.",
      at: new Date("2026-11-28T04:40:00Z"),
    });
    second = await seedComment(store, { slug: "nua-dem", name: "Lê Hoa", content: "Bài nầy hay wá", at: new Date("2026-11-28T04:47:00Z") });
    const flagged = await seedComment(store, {
      slug: "nua-dem",
      name: "Kẻ Gian",
      content: "Đây là LỪA ĐẢO đấy",
      at: new Date("2026-11-28T04:50:00Z"),
    });
    await store.update({ ...flagged, flags: ["lua dao"] });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    await context.route("**/__test__/axe.min.js", (route) => route.fulfill({ path: AXE, contentType: "text/javascript" }));
    await context.route("**/admin/", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.stop();
  });

  it("signs in, decides with undo, edits, bulk-approves and answers as the newsroom, with 0 axe violations", async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    // The dev server's live-reload socket is not the desk's (and not on the deployed site).
    page.on(
      "console",
      (entry) => entry.type() === "error" && !entry.text().startsWith("WebSocket connection") && problems.push(entry.text()),
    );
    const response = await page.goto(`${site.origin}/admin/`);
    expect(response?.headers()["content-security-policy"]).toBe(CSP);
    await page.getByLabel("Mã biên tập viên").fill(LOCAL_EDITOR_TOKEN);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    const itemOf = (name: string) => page.locator(".desk-item", { hasText: name });
    await itemOf("Trần Minh").waitFor();
    expect(await page.locator("#admin-login").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => [sessionStorage.getItem("bantin-moderation-token"), localStorage.length])).toEqual([
      LOCAL_EDITOR_TOKEN,
      0,
    ]);
    expect(await page.locator('[data-count="waiting"]').textContent()).toBe("2");
    expect(await page.locator('[data-count="flagged"]').textContent()).toBe("1");
    const item = itemOf("Trần Minh");
    expect(await item.locator(".admin-article").textContent()).toBe("Tin lúc nửa đêm");
    expect(await item.locator(".admin-article").getAttribute("href")).toBe(article);
    expect(await item.locator("time").textContent()).toBe("Thứ Bảy, 28/11/2026 11:40");
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what shows the line break is kept
    expect(await item.locator(".admin-text").innerText()).toBe("Khi nào đường được sửa?\nXin cảm ơn.");

    // Every control is a large touch target, and nothing scrolls sideways at 390 px.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll("#admin-queue button, #admin-queue .desk-check, .desk-bar button")]
        .filter((node) => (node as HTMLElement).offsetParent !== null)
        .map((node) => ({ text: node.textContent, box: node.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ text, box }) => `${text} ${box.width}×${box.height}`),
    );
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await runAxe(page)).toEqual([]);

    // Approve, see the confirmation, undo it.
    await item.getByRole("button", { name: "Duyệt", exact: true }).click();
    await page.locator("#admin-message", { hasText: "Đã duyệt" }).waitFor();
    await itemOf("Trần Minh").waitFor({ state: "detached" });
    expect((await store.get(first.id))?.status).toBe("approved");
    await page.getByRole("button", { name: "Hoàn tác" }).click();
    await itemOf("Trần Minh").waitFor();
    expect(await store.get(first.id)).toMatchObject({ status: "pending", decidedBy: null });

    // The keyboard: j/k move, a approves the current one.
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    expect(await page.locator(".desk-item.is-current").textContent()).toContain("Trần Minh");
    await page.keyboard.press("a");
    await itemOf("Trần Minh").waitFor({ state: "detached" });
    expect(await store.get(first.id)).toMatchObject({ status: "approved", decidedBy: "local editor" });

    // Edit with the keyboard's e, then approve by selecting it.
    await page.keyboard.press("e");
    const edit = itemOf("Lê Hoa").locator(".desk-edit");
    await edit.waitFor();
    await edit.getByLabel("Nội dung").fill("Bài này hay quá");
    await edit.getByRole("button", { name: "Lưu bản sửa" }).click();
    await page.locator("#admin-message", { hasText: "Đã lưu bản sửa" }).waitFor();
    expect(await store.get(second.id)).toMatchObject({
      content: "Bài này hay quá",
      original: { name: "Lê Hoa", content: "Bài nầy hay wá" },
      editedBy: "local editor",
    });
    await itemOf("Lê Hoa").locator(".desk-select").check();
    // A reload of the list (here by hand; also after every decision) keeps what was ticked: the
    // marked item is replaced by a new one, whose box is ticked too.
    await itemOf("Lê Hoa").evaluate((node) => node.setAttribute("data-before-reload", ""));
    await page.getByRole("button", { name: "Tải lại" }).click();
    await page.locator("[data-before-reload]").waitFor({ state: "detached" });
    expect(await itemOf("Lê Hoa").locator(".desk-select").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Duyệt mục đã chọn" }).click();
    await itemOf("Lê Hoa").waitFor({ state: "detached" });
    expect((await store.get(second.id))?.status).toBe("approved");

    // The flagged tab marks the word list's match.
    await page.getByRole("button", { name: /^Bị gắn cờ/ }).click();
    await itemOf("Kẻ Gian").waitFor();
    expect(await itemOf("Kẻ Gian").locator("mark").allTextContents()).toEqual(["LỪA ĐẢO"]);

    // Block its sender (no address is known, so by email) for a week, then undo it.
    const flagged = itemOf("Kẻ Gian");
    await flagged.getByRole("button", { name: "Chặn", exact: true }).click();
    await flagged.getByLabel("Số ngày").fill("7");
    await flagged.getByRole("button", { name: "Chặn người gửi" }).click();
    await page.locator("#admin-message", { hasText: "Đã chặn đến" }).waitFor();
    const now = new Date();
    expect((await store.blocks.list(now)).map((block) => block.kind)).toEqual(["email"]);
    await page.getByRole("button", { name: "Hoàn tác" }).click();
    await page.locator("#admin-message", { hasText: "Đã hoàn tác" }).waitFor();
    expect(await store.blocks.list(now)).toEqual([]);

    // The newsroom answers a published comment.
    await page.getByRole("button", { name: /^Đã duyệt/ }).click();
    const published = itemOf("Trần Minh");
    await published.waitFor();
    await published.getByRole("button", { name: "Trả lời" }).click();
    await published.getByLabel("Câu trả lời của Ban biên tập").fill("Chào bạn, đường sẽ được sửa trong tháng Mười Hai.");
    expect(await runAxe(page)).toEqual([]);
    await published.getByRole("button", { name: "Đăng câu trả lời" }).click();
    await page.locator("#admin-message", { hasText: "Đã đăng câu trả lời" }).waitFor();
    const answer = (await store.list("nua-dem")).find((record) => record.author === "newsroom");
    expect(answer).toMatchObject({ replyTo: first.id, name: "Ban biên tập", status: "approved", decidedBy: "local editor" });
    expect(answer?.email).not.toContain("@example.com");
    const answerItem = page.locator(".desk-item", { hasText: "đường sẽ được sửa" });
    await answerItem.waitFor();
    expect(await answerItem.locator(".desk-parent").textContent()).toContain("Khi nào đường được sửa?");
    expect(await runAxe(page)).toEqual([]);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    expect(await page.locator("#admin-login").isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("rebuilds: the article page shows the edited text and the newsroom's answer", async () => {
    const page = await context.newPage();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(site.origin + article);
      const text = (await page.locator("main").textContent()) ?? "";
      if (text.includes("Chào bạn, đường sẽ được sửa trong tháng Mười Hai.") && text.includes("Bài này hay quá")) break;
      if (Date.now() > deadline) throw new Error(`no rebuild showing the answer and the edit:\n${site.server.output()}`);
      await page.waitForTimeout(300);
    }
    const html = await fs.readFile(`${site.outDir}${article}index.html`, "utf8");
    expect(html).not.toContain("Bài nầy hay wá");
    expect(html).not.toContain("bantin.invalid");
    await page.close();
  });
});
