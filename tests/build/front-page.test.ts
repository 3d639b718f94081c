import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkForRebuild } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { buildSite, makeTempDir, prepareFixture, readBuilt, ROOT, type BuildResult } from "../helpers/build-site.ts";

// The front page, listings and chrome of a real build: the site fixture plus stories that pin the
// lead, a long sapo, a lower-case tag and sections with long names (the mobile menu overflows).
const NOW = "2026-01-01T00:00:00Z";
const PIN_ENDS = "2026-01-31T17:00:00.000Z"; // featuredUntil 2026-02-01 in Hanoi
const LONG_LEAD =
  "BTT – Sáng 20/11, công ty tổ chức hội nghị người lao động năm 2021, thông qua thỏa ước lao động tập thể mới với nhiều điều khoản có lợi hơn cho công nhân, trong đó có chế độ ăn ca, nghỉ mát và hỗ trợ con nhỏ đi học.";
const LAST_SECTION = "Pháp luật và Bạn đọc";

let temp: string;
let contentDir: string;
let commentDir: string;
let first: BuildResult;

const page = async (file: string, outDir = first.outDir) => parseHTML(await readBuilt(outDir, file)).document;

async function writeArticle(slug: string, fields: Record<string, string>) {
  const yaml = Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n");
  await fs.writeFile(path.join(contentDir, "articles", `${slug}.md`), `---\n${yaml}\nauthor: Minh Thư\n---\nNội dung.\n`);
}

beforeAll(async () => {
  temp = await makeTempDir("front-page");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
  commentDir = path.join(temp, "store");
  const site = JSON.parse(await fs.readFile(path.join(contentDir, "site.json"), "utf8"));
  await fs.writeFile(
    path.join(contentDir, "site.json"),
    JSON.stringify({
      ...site,
      homeLatest: 2,
      homePerSection: 2,
      sections: ["Tin hoạt động", "Đời sống", "Kinh tế - Xã hội", "Văn hóa - Thể thao", LAST_SECTION],
      footer: { editorInChief: "Nguyễn Văn Mẫu", phone: "024 0000 0000", email: "toasoan@thu.example" },
    }),
  );
  // Rank 1 with an end still ahead: leads, although five stories are newer.
  await writeArticle("ghim", {
    title: "Bài được ghim",
    date: "2021-11-20T08:00:00+07:00",
    section: "Tin hoạt động",
    featured: "true",
    featuredUntil: "2026-02-01T00:00:00+07:00",
    lead: JSON.stringify(LONG_LEAD),
    tags: "[người lao động]",
  });
  // Rank 2 without an end: leads once the rank-1 pin has ended.
  await writeArticle("hang-hai", { title: "Bài hạng hai", date: "2021-12-11T08:00:00+07:00", section: "Đời sống", featured: "2" });
  // Rank 1, but its pin already ended.
  await writeArticle("het-ghim", {
    title: "Bài hết ghim",
    date: "2021-11-15T08:00:00+07:00",
    section: "Đời sống",
    featured: "1",
    featuredUntil: "2025-12-31T00:00:00+07:00",
  });
  await writeArticle("kinh-te", { title: "Tin kinh tế", date: "2021-10-20T08:00:00+07:00", section: "Kinh tế - Xã hội" });
  await writeArticle("van-hoa", { title: "Tin văn hóa", date: "2021-10-10T08:00:00+07:00", section: "Văn hóa - Thể thao" });
  await writeArticle("phap-luat", { title: "Tin pháp luật", date: "2021-10-05T08:00:00+07:00", section: LAST_SECTION });
  first = await buildSite({
    contentDir,
    outDir: path.join(temp, "out"),
    cacheDir: path.join(temp, "cache"),
    env: { BANTIN_NOW: NOW, BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir, BANTIN_RECORD_BUILD: "1" },
  });
  if (first.code !== 0) throw new Error(`build failed:\n${first.stdout}\n${first.stderr}`);
});

afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("the front page", () => {
  it("leads with the pinned story, then four secondary stories, the latest list and what sections have left", async () => {
    const home = await page("index.html");
    const hrefs = (selector: string) => [...home.querySelectorAll(selector)].map((a) => a.getAttribute("href"));
    expect(hrefs(".home-lead .card-title a")).toEqual(["/tin-hoat-dong/ghim/"]);
    expect(home.querySelector(".home-lead .card-lead")?.textContent).toBe(LONG_LEAD);
    expect(home.querySelector(".home-lead img")?.getAttribute("loading")).not.toBe("lazy");
    expect(hrefs(".home-secondary .card-title a")).toEqual([
      "/doi-song/hang-hai/",
      "/doi-song/tieu-de-nguy-hiem/",
      "/tin-hoat-dong/hai-nguoi/",
      "/tin-hoat-dong/nua-dem/",
    ]);
    expect(home.querySelector(".home-secondary .card-photo")).not.toBeNull();
    // The latest list is text only.
    expect(hrefs(".home-latest .latest-title")).toEqual(["/doi-song/them-mot-bai/", "/doi-song/het-ghim/"]);
    expect(home.querySelector(".home-latest img, .home-latest picture")).toBeNull();
    expect(home.querySelector(".home-latest h2")?.textContent).toBe("Tin mới");
    // Tin hoạt động and Đời sống have nothing left that is not above: no block repeats a story.
    expect([...home.querySelectorAll(".home-section h2")].map((h) => h.textContent)).toEqual([
      "Kinh tế - Xã hội",
      "Văn hóa - Thể thao",
      LAST_SECTION,
    ]);
    const stories = hrefs("main :is(.card-title a, .latest-title)");
    expect(stories).toHaveLength(10);
    expect(new Set(stories).size).toBe(stories.length);
  });

  it("cuts sapos in cards at a word boundary with an ellipsis", async () => {
    const tag = await page("chu-de/nguoi-lao-dong/index.html");
    const lead = tag.querySelector(".card-lead")?.textContent ?? "";
    expect(lead.endsWith("…")).toBe(true);
    const kept = lead.slice(0, -1);
    expect(kept.length).toBeLessThan(LONG_LEAD.length);
    expect(LONG_LEAD.startsWith(kept)).toBe(true);
    expect(LONG_LEAD[kept.length]).toBe(" ");
  });

  it("marks where today's date goes, filled by a script from /assets/ in the site's zone and words", async () => {
    const home = await page("index.html");
    const today = home.querySelector(".masthead .today");
    expect(today?.hasAttribute("hidden")).toBe(true);
    expect(today?.textContent).toBe("");
    expect(today?.getAttribute("data-time-zone")).toBe("Asia/Ho_Chi_Minh");
    expect(today?.getAttribute("data-today")).toBe("{weekday}, {dd}/{mm}/{yyyy}");
    expect(today?.getAttribute("data-weekdays")?.split("|")).toEqual([
      "Chủ Nhật",
      "Thứ Hai",
      "Thứ Ba",
      "Thứ Tư",
      "Thứ Năm",
      "Thứ Sáu",
      "Thứ Bảy",
    ]);
    const scripts = [...home.querySelectorAll("script")];
    expect(scripts.filter((s) => s.getAttribute("src") === "/assets/today.js")).toHaveLength(1);
    expect(scripts.filter((s) => !s.getAttribute("src") && s.getAttribute("type") !== "application/ld+json")).toEqual([]);
    await expect(fs.stat(path.join(first.outDir, "assets/today.js"))).resolves.toBeTruthy();
  });
});

describe("listings and chrome", () => {
  it("links an archive month to the older and newer months that have articles", async () => {
    const november = await page("luu-tru/2021-11/index.html");
    const links = [...november.querySelectorAll(".month-nav a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links).toEqual([
      ["/luu-tru/2021-10/", "← Tháng 10/2021"],
      ["/luu-tru/2021-12/", "Tháng 12/2021 →"],
    ]);
    const october = await page("luu-tru/2021-10/index.html");
    expect([...october.querySelectorAll(".month-nav a")].map((a) => a.getAttribute("href"))).toEqual(["/luu-tru/2021-11/"]);
  });

  it("titles a tag page like a heading and keeps the tag as written elsewhere", async () => {
    const tag = await page("chu-de/nguoi-lao-dong/index.html");
    expect(tag.querySelector("h1")?.textContent).toBe("Chủ đề: Người lao động");
    const article = await page("tin-hoat-dong/ghim/index.html");
    expect([...article.querySelectorAll(".tags a")].map((a) => a.textContent)).toContain("người lao động");
    const index = await page("chu-de/index.html");
    expect(index.querySelector('a[href="/chu-de/nguoi-lao-dong/"]')?.textContent).toBe("người lao động");
  });

  it("prints the footer lines that site.json sets, and says RSS", async () => {
    const home = await page("index.html");
    const lines = [...home.querySelectorAll(".site-footer .footer-lines > div")].map((line) => [
      line.querySelector("dt")?.textContent,
      line.querySelector("dd")?.textContent,
      line.querySelector("a")?.getAttribute("href") ?? null,
    ]);
    expect(lines).toEqual([
      ["Tổng biên tập", "Nguyễn Văn Mẫu", null],
      ["Điện thoại", "024 0000 0000", "tel:02400000000"],
      ["Email", "toasoan@thu.example", "mailto:toasoan@thu.example"],
    ]);
    const footer = home.querySelector(".site-footer")?.textContent ?? "";
    expect(footer).toContain("RSS");
    expect(footer).not.toMatch(/Atom|xuất bản tĩnh/);
    const section = await page("tin-hoat-dong/index.html");
    expect(section.querySelector(".listing-feed a")?.textContent).toBe("Theo dõi qua RSS");
  });

  it("marks the current section in the menu", async () => {
    const section = await page("phap-luat-va-ban-doc/index.html");
    expect([...section.querySelectorAll('.menu [aria-current="page"]')].map((a) => a.textContent)).toEqual([LAST_SECTION]);
  });
});

describe("validity", () => {
  it("keeps the front page, a month with both neighbours and a tag page valid HTML (Nu checker)", async () => {
    const vnu = String(createRequire(import.meta.url)("vnu-jar"));
    const files = ["index.html", "luu-tru/2021-11/index.html", "chu-de/nguoi-lao-dong/index.html"].map((file) =>
      path.join(first.outDir, file),
    );
    const stderr = await new Promise<string>((resolve) =>
      execFile("java", ["-jar", vnu, "--errors-only", "--format", "json", ...files], { maxBuffer: 16 * 1024 * 1024 }, (_error, _out, err) =>
        resolve(err),
      ),
    );
    const messages = (JSON.parse(stderr) as { messages: { type: string; message: string; url?: string }[] }).messages;
    expect(messages.filter((m) => m.type === "error").map((m) => `${m.url}: ${m.message}`)).toEqual([]);
  });
});

describe("a pin that ends", () => {
  it("is recorded for the scheduled check, which rebuilds when it falls due", async () => {
    const store = new CommentStore(createFileBackend(commentDir));
    const marker = await store.rebuild.getBuildMarker();
    // Earlier than the embargoed fixture article (2030): the pin's end comes first.
    expect(marker?.nextEmbargo).toBe(PIN_ENDS);
    const hooks: string[] = [];
    const fetchHook = async (url: string | URL | Request) => {
      hooks.push(String(url));
      return new Response(null, { status: 200 });
    };
    const before = await checkForRebuild(store.rebuild, "http://hook.test/build", new Date("2026-01-31T16:59:00Z"), fetchHook);
    expect(before.triggered).toBe(false);
    const due = await checkForRebuild(store.rebuild, "http://hook.test/build", new Date("2026-01-31T17:00:00Z"), fetchHook);
    expect(due).toMatchObject({ triggered: true });
    expect(due.reason).toContain(PIN_ENDS);
    expect(hooks).toHaveLength(1);
  });

  it("gives the lead back on the next build: to the best pin still in force", async () => {
    const later = await buildSite({
      contentDir,
      outDir: first.outDir,
      cacheDir: path.join(temp, "cache"),
      env: { BANTIN_NOW: "2026-02-01T00:00:00Z", BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir },
    });
    expect(later.code, later.stdout + later.stderr).toBe(0);
    const home = await page("index.html", later.outDir);
    expect(home.querySelector(".home-lead .card-title a")?.getAttribute("href")).toBe("/doi-song/hang-hai/");
    // The story that led is back in its place by date: in the latest list.
    expect([...home.querySelectorAll(".home-latest .latest-title")].map((a) => a.getAttribute("href"))).toEqual([
      "/tin-hoat-dong/ghim/",
      "/doi-song/het-ghim/",
    ]);
  });
});

/** Serves a built site with the CSP of netlify.toml, folder URLs as index.html. */
async function serveSite(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const toml = await fs.readFile(path.join(ROOT, "netlify.toml"), "utf8");
  const csp = /Content-Security-Policy\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  if (!csp) throw new Error("netlify.toml has no Content-Security-Policy header");
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript" };
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    const body = file.startsWith(root + path.sep) ? await fs.readFile(file).catch(() => null) : null;
    response.writeHead(body ? 200 : 404, {
      "content-security-policy": csp,
      "content-type": types[path.extname(file)] ?? "application/octet-stream",
    });
    response.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] front page browser checks: ${skip}`);

describe.skipIf(skip)("on a phone (Chromium, 390×844, the site's CSP)", () => {
  let server: Awaited<ReturnType<typeof serveSite>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveSite(first.outDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the current section of an overflowing menu in view, even the last one", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/phap-luat-va-ban-doc/`);
    const strip = await tab.locator(".menu ul").evaluate((ul) => ({ scroll: ul.scrollWidth, client: ul.clientWidth }));
    // The strip really overflows: without the reordering the entry would be off-screen.
    expect(strip.scroll).toBeGreaterThan(strip.client);
    const current = tab.locator('.menu a[aria-current="page"]');
    await expect(current.textContent()).resolves.toBe(LAST_SECTION);
    const box = await current.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const shot = path.join(temp, "mobile-menu.png");
    await tab.screenshot({ path: shot });
    expect((await fs.stat(shot)).size).toBeGreaterThan(1000);
    await context.close();
  });

  it("lets a section block of one story span the row on a wide screen", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/`);
    const widths = await tab
      .locator(".home-section .cards-grid")
      .evaluateAll((grids) => grids.map((grid) => [grid.children.length, grid.firstElementChild!.clientWidth / grid.clientWidth]));
    expect(widths.length).toBe(3);
    for (const [count, share] of widths) {
      expect(count).toBe(1);
      expect(share).toBeGreaterThan(0.95);
    }
    // Four secondary stories share one row.
    const tops = await tab.locator(".home-secondary > .card").evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    await context.close();
  });

  it("prints today's date in the site's zone with the script, and no date without it", async () => {
    const expected = (() => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-US", {
          timeZone: "Asia/Ho_Chi_Minh",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          weekday: "short",
        })
          .formatToParts(new Date())
          .map((part) => [part.type, part.value]),
      );
      const weekday = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"][
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!)
      ];
      return { text: `${weekday}, ${parts.day}/${parts.month}/${parts.year}`, iso: `${parts.year}-${parts.month}-${parts.day}` };
    })();
    // A reader far from Hanoi still sees Hanoi's date.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "America/Los_Angeles" });
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    tab.on("pageerror", (error) => problems.push(error.message));
    await tab.goto(`${server.origin}/`);
    const today = tab.locator(".masthead .today time");
    await today.waitFor();
    await expect(today.textContent()).resolves.toBe(expected.text);
    await expect(today.getAttribute("datetime")).resolves.toBe(expected.iso);
    expect(await tab.locator(".masthead .today").isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();

    const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${server.origin}/`);
    expect(await plain.locator(".masthead .today").isVisible()).toBe(false);
    await noScript.close();
  });
});
