import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import nunjucks from "nunjucks";
import type { Catalog } from "../core/catalog.ts";
import { listRoutes, toOutputFile, type Route, type SharedData, type TemplateName } from "../core/routes.ts";
import { createFingerprinter } from "./page-fingerprints.ts";
import { TEMPLATE_FILTERS } from "./template-filters.ts";
import { createLog } from "../log.ts";

const log = createLog("render");

/** What one render pass wrote. */
export interface RenderStats {
  pages: number;
  seconds: number;
  threads: number;
  /** Fingerprints of the rendered routes by output file, when the pass was asked for them. */
  prints: Record<string, string> | null;
}

/** The file a page URL is written to: `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`. */
function getOutputPath(outDir: string, url: string): string {
  return path.join(outDir, ...toOutputFile(url).split("/"));
}

/**
 * The one Nunjucks environment every page is rendered with: templates from layouts/_includes
 * (pages in pages/), the filters of template-filters.ts, autoescape on. Each page template is
 * compiled once, when first used.
 */
export function compileTemplates(layoutsDir: string) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(layoutsDir, "_includes")), { autoescape: true });
  for (const [name, filter] of Object.entries(TEMPLATE_FILTERS)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  const compiled = new Map<TemplateName, nunjucks.Template>();
  return (name: TemplateName): nunjucks.Template => {
    let template = compiled.get(name);
    if (!template) {
      template = env.getTemplate(`pages/${name}.njk`, true);
      compiled.set(name, template);
    }
    return template;
  };
}

/**
 * Renders and writes routes. Writes are synchronous: each file is small, and measured on 22,000
 * pages the thread-pool round trips of async writes cost more than the writes themselves.
 */
export function renderRoutes(
  templates: ReturnType<typeof compileTemplates>,
  routes: readonly Route[],
  shared: SharedData,
  outDir: string,
  templateHash: string | null = null,
): Record<string, string> | null {
  const made = new Set<string>();
  const fingerprint = templateHash === null ? null : createFingerprinter(shared, templateHash);
  const prints: Record<string, string> = {};
  for (const route of routes) {
    if (fingerprint) prints[toOutputFile(route.url)] = fingerprint(route);
    const text = templates(route.template).render({ bantin: shared, data: route.data });
    const file = getOutputPath(outDir, route.url);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, text);
  }
  return fingerprint ? prints : null;
}

// Below this many pages a second thread costs more to start and feed than it saves.
const PARALLEL_THRESHOLD = 2000;
// Routes sent to a thread at a time, and batches a thread holds at most (one rendering, one
// waiting). Why batches: a route carries its article, body included, so sending a thread its whole
// share at once held a copy of half the site (100,000 articles: more than a gigabyte).
const BATCH = 500;
const QUEUED = 2;

/** What the render threads are started with; routes follow in batches (render-worker.ts). */
export interface RenderThreadData {
  layoutsDir: string;
  shared: SharedData;
  outDir: string;
  templateHash: string | null;
}

/**
 * Renders `routes` on this thread and `helpers` worker threads, which take batches from one queue
 * as they finish: fingerprints by output file when `templateHash` is given, else null.
 */
async function renderOnThreads(
  templates: ReturnType<typeof compileTemplates>,
  routes: readonly Route[],
  data: RenderThreadData,
  helpers: number,
): Promise<Record<string, string> | null> {
  const batches: Route[][] = [];
  for (let at = 0; at < routes.length; at += BATCH) batches.push(routes.slice(at, at + BATCH));
  let next = 0;
  const prints: Record<string, string> = {};
  const workers: Worker[] = [];
  const threads = Array.from({ length: helpers }, () => {
    // A thread's heap is capped near what a few batches need: uncapped, V8 lets rendering garbage
    // pile up and the build's peak memory grows by hundreds of megabytes.
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url), {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      let queued = 0;
      const feed = () => {
        while (queued < QUEUED && next < batches.length) {
          worker.postMessage(batches[next++]);
          queued++;
        }
        if (queued === 0) worker.postMessage(null);
      };
      worker.on("message", (done: Record<string, string>) => {
        Object.assign(prints, done);
        queued--;
        feed();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a render thread stopped with code ${code}`))));
      feed();
    });
  });
  try {
    while (next < batches.length) {
      Object.assign(prints, renderRoutes(templates, batches[next++]!, data.shared, data.outDir, data.templateHash));
      // Lets the threads' finished batches in, so that they are fed while this thread renders.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(threads);
  } finally {
    // After a failure here or in one thread, the others would wait for batches forever.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return data.templateHash === null ? null : prints;
}

/**
 * Renders every route of the catalog (lib/core/routes.ts): every page, feed and file the build
 * writes, in one Nunjucks environment. Large sites are shared between this thread and worker
 * threads, one per spare core, in batches.
 *
 * Why outside Eleventy's pagination: measured on 16,000 articles, Eleventy spends about 0.7 ms per
 * paginated page on its data cascade; rendering the same templates directly takes a quarter of it.
 */
export function createPageRenderer(layoutsDir: string, threads = Math.max(1, os.availableParallelism())) {
  return async function renderPages(
    catalog: Catalog,
    outDir: string,
    routes: readonly Route[] = listRoutes(catalog),
    templateHash: string | null = null,
  ): Promise<RenderStats> {
    const started = performance.now();
    // Compiled afresh each build (a few milliseconds), so `npm start` picks up edited templates.
    const templates = compileTemplates(layoutsDir);
    const shared: SharedData = { site: catalog.site, t: catalog.t, commentLimits: catalog.commentLimits };
    const helpers = routes.length >= PARALLEL_THRESHOLD ? threads - 1 : 0;
    log.debug("%d routes on %d thread(s)", routes.length, helpers + 1);
    const prints = await renderOnThreads(templates, routes, { layoutsDir, shared, outDir, templateHash }, helpers);
    return { pages: routes.length, seconds: (performance.now() - started) / 1000, threads: helpers + 1, prints };
  };
}
