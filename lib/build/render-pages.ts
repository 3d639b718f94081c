import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nunjucks from "nunjucks";
import type { Catalog } from "../core/catalog.ts";
import { listRoutes, toOutputFile, type Route, type SharedData, type TemplateName } from "../core/routes.ts";
import { createFingerprinter } from "./page-fingerprints.ts";
import { TEMPLATE_FILTERS } from "./template-filters.ts";
import { runTsWorker } from "./ts-worker.ts";
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

/**
 * Renders every route of the catalog (lib/core/routes.ts): every page, feed and file the build
 * writes, in one Nunjucks environment. Large sites are split between this thread and worker
 * threads, one per spare core.
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
    const jobs = routes;
    const shared: SharedData = { site: catalog.site, t: catalog.t, commentLimits: catalog.commentLimits };
    const helpers = jobs.length >= PARALLEL_THRESHOLD ? threads - 1 : 0;
    const parts = Array.from({ length: helpers + 1 }, (_, part) => jobs.filter((_job, index) => index % (helpers + 1) === part));
    // A thread's heap is capped near what its share of pages needs: uncapped, V8 lets rendering
    // garbage pile up and the build's peak memory grows by hundreds of megabytes.
    const running = parts
      .slice(1)
      .map((part) =>
        runTsWorker(
          new URL("./render-worker.ts", import.meta.url),
          { layoutsDir, routes: part, shared, outDir, templateHash },
          { maxOldGenerationSizeMb: Math.max(256, Math.ceil(part.length / 40)) },
        ),
      );
    log.debug(
      "%d routes: %d on this thread, %d on %d worker thread(s)",
      jobs.length,
      parts[0]!.length,
      jobs.length - parts[0]!.length,
      helpers,
    );
    const mine = renderRoutes(templates, parts[0]!, shared, outDir, templateHash);
    const theirs = (await Promise.all(running)) as (Record<string, string> | null | undefined)[];
    const prints = mine ? Object.assign(mine, ...theirs.map((part) => part ?? {})) : null;
    return { pages: jobs.length, seconds: (performance.now() - started) / 1000, threads: helpers + 1, prints };
  };
}
