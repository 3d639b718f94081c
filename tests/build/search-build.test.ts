import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSite,
  buildWithApprovedComment,
  listFiles,
  makeTempDir,
  prepareFixture,
  readBuilt,
  type BuildResult,
} from "../helpers/build-site.ts";
import { getHeadersFor, readHeaderRules } from "../helpers/netlify-headers.ts";

// The search index a real build writes into pagefind/, the /tim-kiem/ page, and the CSP each page gets.
let temp: string;
let contentDir: string;
let result: BuildResult;
const COMMENT_WORD = "Ngoạilaibìnhluận";

beforeAll(async () => {
  temp = await makeTempDir("search-build");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
  result = await buildWithApprovedComment(temp, contentDir, {
    slug: "nua-dem",
    name: "Bạn đọc",
    content: `Một từ chỉ có trong bình luận: ${COMMENT_WORD}.`,
    at: new Date(Date.UTC(2021, 11, 10, 2)),
  });
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

const page = async (file: string) => parseHTML(await readBuilt(result.outDir, file)).document;

/** Every record Pagefind wrote into one shard, read back from its gzipped fragment files. */
async function readFragments(outDir: string, shard = "2021"): Promise<{ url: string; content: string; meta: Record<string, string> }[]> {
  const dir = path.join(outDir, "pagefind", shard, "fragment");
  const names = await fs.readdir(dir);
  return Promise.all(
    names.map(async (name) => {
      const text = gunzipSync(await fs.readFile(path.join(dir, name))).toString("utf8");
      expect(text.startsWith("pagefind_dcd")).toBe(true);
      return JSON.parse(text.slice("pagefind_dcd".length));
    }),
  );
}

describe("the search index", () => {
  it("holds every published article page, and nothing else, in Vietnamese", async () => {
    // All four are of 2021 (the embargoed one, of 2030, is not published): one shard.
    expect(JSON.parse(await readBuilt(result.outDir, "pagefind/shards.json"))).toEqual({ shards: ["/pagefind/2021/"] });
    const entry = JSON.parse(await readBuilt(result.outDir, "pagefind/2021/pagefind-entry.json"));
    expect(Object.keys(entry.languages)).toEqual(["vi"]);
    const fragments = await readFragments(result.outDir);
    expect(fragments.map((f) => f.url).sort()).toEqual([
      "/doi-song/them-mot-bai/",
      "/doi-song/tieu-de-nguy-hiem/",
      "/tin-hoat-dong/hai-nguoi/",
      "/tin-hoat-dong/nua-dem/",
    ]);
    expect(entry.languages.vi.page_count).toBe(4);
    const night = fragments.find((f) => f.url === "/tin-hoat-dong/nua-dem/")!;
    expect(night.meta).toMatchObject({ title: "Tin lúc nửa đêm", section: "Tin hoạt động", date: "08/12/2021" });
    expect(night.meta.datetime).toMatch(/^2021-12-08T01:30:00/);
    expect(night.meta.image).toMatch(/^\/img\//);
    expect(night.content).toContain("Đoạn đầu của bài viết.");
    expect(result.stdout).toMatch(/\[bantin\] search index: 4 pages in [\d.]+ s \(1 of 1 shard\(s\) indexed: 2021; /);
  });

  it("leaves out comments, related stories and menus", async () => {
    const text = JSON.stringify(await readFragments(result.outDir));
    expect(text).not.toContain(COMMENT_WORD);
    expect(text).not.toContain("Tin cùng chuyên mục");
    expect(text).not.toContain("Chuyên mục chính");
    const article = await page("tin-hoat-dong/nua-dem/index.html");
    expect(article.querySelector("article.article")!.hasAttribute("data-pagefind-body")).toBe(true);
    expect(article.querySelectorAll("[data-pagefind-body]")).toHaveLength(1);
    for (const selector of [".comments", ".related", ".masthead-search"])
      expect(article.querySelector(selector)?.hasAttribute("data-pagefind-ignore"), selector).toBe(true);
  });

  it("ships only what the search page loads: no ready-made interface files", async () => {
    const files = await listFiles(path.join(result.outDir, "pagefind"));
    expect(files).toContain("2021/pagefind.js");
    expect(files.filter((file) => !file.startsWith("2021/"))).toEqual(["shards.json"]);
    expect(files.some((file) => /^2021\/wasm\.[\w-]+\.pagefind$/.test(file))).toBe(true);
    expect(files.filter((file) => /pagefind-(ui|modular-ui|component-ui|highlight|worker)/.test(file))).toEqual([]);
  });
});

describe("the search page", () => {
  it("has a labelled GET form to itself, a script from /assets/ and an explanation without JavaScript", async () => {
    const document = await page("tim-kiem/index.html");
    expect(document.documentElement.getAttribute("lang")).toBe("vi");
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(document.querySelector("h1")?.textContent).toBe("Tìm kiếm");
    const form = document.querySelector(".search-page form")!;
    expect([form.getAttribute("action"), form.getAttribute("method"), form.getAttribute("role")]).toEqual(["/tim-kiem/", "get", "search"]);
    const input = form.querySelector('input[name="q"]')!;
    expect(form.querySelector(`label[for="${input.id}"]`)?.textContent).toBe("Tìm bài viết");
    const noscript = document.querySelector(".search-page noscript")!.innerHTML;
    expect(noscript).toContain("cần JavaScript");
    expect(noscript).toContain('href="/luu-tru/"');
    const scripts = [...document.querySelectorAll("script")];
    // Its own script, after the ones every page loads (base.njk), all of them files from /assets/.
    const sources = scripts.filter((s) => s.getAttribute("type") !== "application/ld+json").map((s) => s.getAttribute("src"));
    expect(sources.at(-1)).toBe("/assets/search.js");
    expect(sources.every((src) => src?.startsWith("/assets/"))).toBe(true);
    expect(scripts.every((s) => s.getAttribute("src") || s.getAttribute("type") === "application/ld+json")).toBe(true);
    expect(document.querySelectorAll("[style], style")).toHaveLength(0);
  });

  it("is reached from every page's masthead: a box and a link", async () => {
    for (const file of ["index.html", "tin-hoat-dong/nua-dem/index.html", "404.html"]) {
      const document = await page(file);
      const box = document.querySelector(".masthead form.search-box")!;
      expect([box.getAttribute("action"), box.getAttribute("role")], file).toEqual(["/tim-kiem/", "search"]);
      const input = box.querySelector('input[name="q"]')!;
      expect(box.querySelector(`label[for="${input.id}"]`)?.textContent, file).toBe("Tìm bài viết");
      expect(document.querySelector(".masthead a.search-link")?.getAttribute("href"), file).toBe("/tim-kiem/");
    }
  });
});

describe("the Content-Security-Policy of each page (netlify.toml)", () => {
  it("allows WebAssembly on the search page only, and changes nothing else there", async () => {
    const rules = await readHeaderRules();
    const base = getHeadersFor(rules, "/")["Content-Security-Policy"]!;
    expect(base).toContain("script-src 'self';");
    for (const file of (await listFiles(result.outDir)).filter((name) => name.endsWith(".html"))) {
      const url = `/${file.replace(/index\.html$/, "")}`;
      const csp = getHeadersFor(rules, url)["Content-Security-Policy"]!;
      if (url === "/tim-kiem/") expect(csp.replace("script-src 'self' 'wasm-unsafe-eval';", "script-src 'self';")).toBe(base);
      else expect(csp, url).toBe(base);
    }
    expect(getHeadersFor(rules, "/tin-hoat-dong/nua-dem/")["Content-Security-Policy"]).not.toContain("wasm-unsafe-eval");
    expect(getHeadersFor(rules, "/tim-kiem/")["Content-Security-Policy"]).toContain("'wasm-unsafe-eval'");
  });
});

describe("an English site", () => {
  it("has its search page at /search/, which netlify.toml gives the same exception", async () => {
    await fs.writeFile(
      path.join(contentDir, "site.json"),
      JSON.stringify({ ...JSON.parse(await fs.readFile(path.join(contentDir, "site.json"), "utf8")), language: "en" }),
    );
    const english = await buildSite({
      contentDir,
      outDir: path.join(temp, "en"),
      cacheDir: path.join(temp, "cache-en"),
      env: { BANTIN_NOW: "2026-01-01T00:00:00Z" },
    });
    expect(english.code, english.stdout + english.stderr).toBe(0);
    const document = parseHTML(await readBuilt(english.outDir, "search/index.html")).document;
    expect(document.querySelector(".search-page form")?.getAttribute("action")).toBe("/search/");
    expect(document.querySelector(".masthead a.search-link")?.getAttribute("href")).toBe("/search/");
    expect(JSON.parse(await readBuilt(english.outDir, "pagefind/2021/pagefind-entry.json")).languages).toHaveProperty("en");
    expect(getHeadersFor(await readHeaderRules(), "/search/")["Content-Security-Policy"]).toContain("'wasm-unsafe-eval'");
  });
});
