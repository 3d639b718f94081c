import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nunjucks from "nunjucks";
import type { Catalog } from "../core/catalog.ts";
import { TEMPLATE_FILTERS } from "./template-filters.ts";
import { runTsWorker } from "./ts-worker.ts";

/** What one render pass wrote. */
export interface RenderStats {
  pages: number;
  seconds: number;
  threads: number;
}

/** One page to render: which template, its URL, and the value the template knows it by. */
export interface PageJob {
  template: "article" | "listing" | "feed";
  url: string;
  name: "entry" | "p" | "feed";
  value: unknown;
}

/** The part of the catalog every page template reads as `bantin`. */
export type SharedData = Pick<Catalog, "site" | "t" | "commentLimits">;

/** The file a page URL is written to: `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`. */
export function getOutputPath(outDir: string, url: string): string {
  const relative = url.endsWith("/") ? `${url}index.html` : url;
  return path.join(outDir, ...relative.split("/").filter(Boolean));
}

/** Compiles the page templates once, with the filters Eleventy's templates use too. */
export function compileTemplates(layoutsDir: string) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(layoutsDir, "_includes")), { autoescape: true });
  for (const [name, filter] of Object.entries(TEMPLATE_FILTERS)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return {
    article: env.getTemplate("pages/article.njk", true),
    listing: env.getTemplate("pages/listing.njk", true),
    feed: env.getTemplate("pages/feed.njk", true),
  };
}

/**
 * Renders and writes pages. Writes are synchronous: each file is small, and measured on 22,000
 * pages the thread-pool round trips of async writes cost more than the writes themselves.
 */
export function renderJobs(templates: ReturnType<typeof compileTemplates>, jobs: readonly PageJob[], shared: SharedData, outDir: string): void {
  const made = new Set<string>();
  for (const job of jobs) {
    const html = templates[job.template].render({ bantin: shared, [job.name]: job.value });
    const file = getOutputPath(outDir, job.url);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, html);
  }
}

/** Every page that scales with the number of articles. */
export function listPageJobs(catalog: Catalog): PageJob[] {
  return [
    ...catalog.articlePages.map((entry): PageJob => ({ template: "article", url: entry.article.url, name: "entry", value: entry })),
    ...[...catalog.sectionPages, ...catalog.tagPages, ...catalog.archivePages].map((p): PageJob => ({ template: "listing", url: p.url, name: "p", value: p })),
    ...catalog.feeds.map((feed): PageJob => ({ template: "feed", url: feed.path, name: "feed", value: feed })),
  ];
}

// Below this many pages a second thread costs more to start and feed than it saves.
const PARALLEL_THRESHOLD = 2000;

/**
 * Renders the pages that scale with the number of articles (articles, listings, section feeds)
 * straight from the catalog, with the same Nunjucks layouts Eleventy uses for the other pages.
 * Large sites are split between this thread and worker threads, one per spare core.
 *
 * Why outside Eleventy's pagination: measured on 16,000 articles, Eleventy spends about 0.7 ms per
 * paginated page on its data cascade; rendering the same templates directly takes a quarter of it.
 */
export function createPageRenderer(layoutsDir: string, threads = Math.max(1, os.availableParallelism())) {
  let templates: ReturnType<typeof compileTemplates> | null = null;
  return async function renderPages(catalog: Catalog, outDir: string): Promise<RenderStats> {
    const started = performance.now();
    templates ??= compileTemplates(layoutsDir);
    const jobs = listPageJobs(catalog);
    const shared: SharedData = { site: catalog.site, t: catalog.t, commentLimits: catalog.commentLimits };
    const helpers = jobs.length >= PARALLEL_THRESHOLD ? threads - 1 : 0;
    const parts = Array.from({ length: helpers + 1 }, (_, part) => jobs.filter((_job, index) => index % (helpers + 1) === part));
    // A thread's heap is capped near what its share of pages needs: uncapped, V8 lets rendering
    // garbage pile up and the build's peak memory grows by hundreds of megabytes.
    const running = parts.slice(1).map((part) =>
      runTsWorker(new URL("./render-worker.ts", import.meta.url), { layoutsDir, jobs: part, shared, outDir }, { maxOldGenerationSizeMb: Math.max(256, Math.ceil(part.length / 40)) }),
    );
    renderJobs(templates, parts[0]!, shared, outDir);
    await Promise.all(running);
    return { pages: jobs.length, seconds: (performance.now() - started) / 1000, threads: helpers + 1 };
  };
}
