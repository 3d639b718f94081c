import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { renderArticle, type Article, type CollectionEntry, type PreparedArticle } from "../core/article.ts";
import { buildCatalog, type Catalog } from "../core/catalog.ts";
import { checkCollection, isPublishable } from "../core/collection.ts";
import { findNextPinEnd } from "../core/front-page.ts";
import { BantinError, ConfigError, ContentError, describeLine, StoreUnavailableError, type ContentProblem } from "../core/errors.ts";
import { countPhrase, fillPattern, getLocale, type Locale } from "../core/locales/index.ts";
import type { PhotoSet } from "../core/picture.ts";
import type { SiteConfig } from "../core/site-config.ts";
import type { BuildOptions } from "./options.ts";
import { listArticleFiles, loadSiteConfig } from "./read-content.ts";
import { checkWordListFile } from "./check-word-list.ts";
import { prepareAllFiles, type ParseMemory } from "./prepare-articles.ts";
import { openParseCache } from "./parse-cache.ts";
import { PhotoError, PhotoProcessor, publishPhotos } from "./photos.ts";
import { loadApprovedComments, type LoadedComments } from "./load-comments.ts";
import { getChangeNotesFolder, openCommentStore, readStoreChoice, type BuildMarker } from "../store/index.ts";
import { pruneStaleOutput, writeOutputManifest } from "./prune-output.ts";
import { planRender } from "./plan-render.ts";
import { createPageRenderer } from "./render-pages.ts";
import { listRoutes, type SharedData } from "../core/routes.ts";
import { listSearchEntries, type SearchEntry } from "../core/search-records.ts";
import { createLatestRunner } from "./latest-runner.ts";
import { hashTemplates } from "./page-fingerprints.ts";
import { findTextEdit, replaceArticleText, selectTextEditRoutes, type KeptBuild } from "./text-edit.ts";
import { updateSearchIndex } from "./search-index.ts";
import { createLog } from "../log.ts";

/** The validated content of a site, before photos are processed. */
export interface CheckedContent {
  config: SiteConfig;
  articles: PreparedArticle[];
  /** Absolute photo path for each article's photo source, keyed by `file` then `src`. */
  photoPaths: Map<string, Map<string, string>>;
  /** Problems in drafts: printed, never fatal, since a draft is work in progress. */
  draftProblems: ContentProblem[];
  /** Drafts with problems: counted as drafts, though they have no prepared article. */
  brokenDrafts: number;
  /** Article files parsed by this run, and taken from the parse cache (BANTIN_CACHE_DIR/parsed). */
  parsed: { fresh: number; cached: number };
  /** Each article's parse key (its bytes, path, site settings and the parser's code), when cached. */
  parseKeys: Map<PreparedArticle, string>;
}

/**
 * Reads and validates all content without processing photos: what `npm run check` runs and the
 * first step of every build. Throws one ContentError (in the site's language) listing every
 * problem in every file: fields, photos and clashes between articles, all in one run.
 */
export async function checkContent(options: BuildOptions, memory: ParseMemory | null = null): Promise<CheckedContent> {
  const config = await loadSiteConfig(options.contentDir, options.root, options.siteUrl);
  await checkWordListFile(options.contentDir, options.root);
  const locale = getLocale(config.language);
  const problems: ContentProblem[] = [];
  const draftProblems: ContentProblem[] = [];
  const articles: PreparedArticle[] = [];
  const entries: CollectionEntry[] = [];
  const photoPaths = new Map<string, Map<string, string>>();
  let brokenDrafts = 0;
  const parsed = { fresh: 0, cached: 0 };
  const parseKeys = new Map<PreparedArticle, string>();
  const files = listArticleFiles(options.contentDir);
  const cache = openParseCache(options.cacheDir, config);
  for (const prepared of await prepareAllFiles(files, options.root, config, options.threads, cache, memory)) {
    parsed[prepared.fromCache ? "cached" : "fresh"]++;
    if (prepared.isDraft) draftProblems.push(...prepared.problems);
    else problems.push(...prepared.problems);
    if (prepared.isDraft && !prepared.article) brokenDrafts++;
    if (!prepared.isDraft && prepared.entry) entries.push(prepared.entry);
    if (prepared.article) {
      articles.push(prepared.article);
      if (prepared.kept?.key) parseKeys.set(prepared.article, prepared.kept.key);
      photoPaths.set(prepared.file, new Map(prepared.photoPaths));
    }
  }
  problems.push(...checkCollection(entries, locale));
  if (problems.length > 0) throw new ContentError(problems, { locale });
  return { config, articles, photoPaths, draftProblems, brokenDrafts, parsed, parseKeys };
}

/**
 * What `npm run check` says of valid content, in the site's language: articles (drafts with
 * problems included, and said to have them), drafts and sections, each counted in proper grammar.
 */
export function describeCheckedContent(content: CheckedContent): string {
  const { lang, writers } = getLocale(content.config.language);
  const sections = new Set(content.articles.map((article) => article.data.section));
  const drafts = countPhrase(
    writers.counts.drafts,
    content.articles.filter((article) => article.data.draft).length + content.brokenDrafts,
    lang,
  );
  return fillPattern(writers.report.valid, {
    articles: countPhrase(writers.counts.articles, content.articles.length + content.brokenDrafts, lang),
    drafts: content.brokenDrafts ? fillPattern(writers.report.draftsWithProblems, { drafts, broken: content.brokenDrafts }) : drafts,
    sections: countPhrase(writers.counts.sections, sections.size, lang),
  });
}

/** One warning line for a problem in a draft, in the site's language. */
export function formatDraftProblem(problem: ContentProblem, config: SiteConfig): string {
  const locale = getLocale(config.language);
  return fillPattern(locale.writers.report.draftWarning, {
    file: problem.file,
    where: describeLine(problem, locale),
    field: problem.field,
    message: problem.message,
  });
}

/** The last line of a build stopped by content problems, in the site's language. */
function describeStoppedBuild(error: ContentError): string {
  const { locale } = error;
  return fillPattern(locale.writers.report.buildStopped, {
    problems: countPhrase(locale.writers.counts.problems, error.problems.length, locale.lang),
  });
}

/** A built site's data plus what the build did, for logs and tests. */
export interface SiteData {
  catalog: Catalog;
  /** What the next scheduled check compares against, once this build has succeeded. */
  marker: BuildMarker;
}

/**
 * Approved comments for this build. A production build that cannot read the store stops: a deploy
 * without comments would silently unpublish them. Anywhere else the build warns and goes on.
 */
async function readComments(options: BuildOptions, config: SiteConfig, log: (line: string) => void): Promise<LoadedComments | null> {
  try {
    const choice = readStoreChoice();
    const label =
      choice.kind === "file" ? `the local store ${path.relative(options.root, choice.dir) || "."}` : `Netlify Blobs store "${choice.name}"`;
    const loaded = await loadApprovedComments(openCommentStore(choice), label, {
      cacheDir: options.cacheDir,
      timeZone: config.timeZone,
      locale: getLocale(config.language),
      concurrency: options.commentConcurrency,
    });
    if (!options.quiet) {
      log(
        `comments: ${loaded.approved} approved of ${loaded.total} in ${label} (${loaded.fetched} read, ${loaded.total - loaded.fetched} from cache) · ${loaded.seconds.toFixed(2)} s`,
      );
    }
    return loaded;
  } catch (error) {
    // Only a store that cannot be read, or store settings that are wrong, are survivable here.
    if (!(error instanceof StoreUnavailableError || error instanceof ConfigError)) throw error;
    if (options.production) {
      const Kind = error instanceof ConfigError ? ConfigError : StoreUnavailableError;
      throw new Kind(
        `${error.message}. A production build stops here rather than publish pages without their comments; check the store settings (README, "Deploying to Netlify") and build again.`,
        { cause: error },
      );
    }
    log(`warning: ${error.message}; building without comments`);
    return null;
  }
}

/**
 * The source key of a rendered article (Article.sourceKey): its parse key, which covers its bytes,
 * path, the site settings and the code that parses and renders it (lib/core/article.ts is among the
 * parser's modules), and the processed photo sets it shows. None without a parse key.
 */
function keyRenderedArticle(parseKey: string | undefined, paths: Map<string, string>, sets: Map<string, PhotoSet>): string | undefined {
  if (!parseKey) return undefined;
  const hash = createHash("sha256").update(`${parseKey}\0`);
  for (const [src, file] of [...paths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${src}\0${JSON.stringify(sets.get(file) ?? null)}\0`);
  }
  return hash.digest("base64url");
}

/** Site settings, photo sets and approved comments as one string, to tell whether a save changed them. */
function describeInputs(content: CheckedContent, sets: Map<string, PhotoSet>, comments: LoadedComments | null): string {
  // Sorted: photos finish encoding in any order.
  const photos = [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([content.config, photos, comments?.lastChange ?? null, comments?.approved ?? 0]);
}

/** The first few of `items`, then how many more: a log line stays one line on a site with many shards. */
function listSome(items: string[], shown = 4): string {
  return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

/**
 * Loads a whole site once per build: content checked, photos processed (cached), articles rendered
 * and every listing, feed and sitemap computed from one typed set. `publish` then places the photos
 * the pages use into the output folder. `onContentError` hears of content problems after they are
 * printed: the entry point may end the process, or answer "keep" to go on with the last good build.
 */
export function createSiteLoader(
  options: BuildOptions,
  log: (line: string) => void = createLog("render").info,
  onContentError?: (error: ContentError, summary: string, canKeepLast: boolean) => "keep" | undefined,
) {
  const photos = new PhotoProcessor(options.cacheDir, log);
  let lastMarker: BuildMarker | null = null;
  let lastCatalog: Catalog | null = null;
  let lastData: SiteData | null = null;
  let renderPages: ReturnType<typeof createPageRenderer> | null = null;
  // Kept between the builds of a running `npm start` (one build only fills it).
  const parseMemory: ParseMemory = new Map();
  const renderMemory = new WeakMap<PreparedArticle, Article>();
  // `npm start` only: the last full build, to tell a save that changed one article's text alone,
  // and the article such a save changed, for publish.
  let kept: KeptBuild | null = null;
  let keptNext: Omit<KeptBuild, "templates"> | null = null;
  let textEdit: Article | null = null;

  /** Updates the search index in the output folder and logs what it did. */
  async function indexSearch({ entries, siteDir }: { entries: SearchEntry[]; siteDir: string }): Promise<void> {
    const started = performance.now();
    const search = await updateSearchIndex(entries, siteDir, options.cacheDir, { services: options.threads });
    const seconds = (performance.now() - started) / 1000;
    if (options.quiet) return;
    const shards = `${search.shards.length} shard(s)`;
    log(
      search.status === "unchanged"
        ? `search index: unchanged (${search.pages} pages, ${shards}) · ${seconds.toFixed(2)} s`
        : `search index: ${search.pages} pages in ${seconds.toFixed(2)} s (${search.indexed.length} of ${shards} indexed${search.indexed.length ? `: ${listSome(search.indexed)}` : ""}; ${search.written} file(s) written, ${search.removed} removed)`,
    );
  }
  const searchRunner = createLatestRunner(indexSearch, (error) =>
    log(`search index not updated: ${error instanceof Error ? error.message : String(error)}; it is tried again at the next save`),
  );

  /** One build's data: content checked, photos processed, articles rendered, catalog built. */
  async function loadOnce(): Promise<SiteData> {
    const started = performance.now();
    const content = await checkContent(options, parseMemory);
    for (const problem of content.draftProblems) log(formatDraftProblem(problem, content.config));
    const locale = getLocale(content.config.language);
    const published = content.articles.filter((article) => isPublishable(article, options.now, options.preview));
    const files = published.flatMap((article) => [...content.photoPaths.get(article.file)!.values()]);
    const { sets, stats } = await processPhotos(files, content.config);
    const comments = await readComments(options, content.config, log);
    // `npm start` only: what a text-only save must leave as it was (see saveTextEdit).
    const inputs = options.watching ? describeInputs(content, sets, comments) : null;
    const quick = inputs === null ? null : saveTextEdit(content, sets, inputs, locale);
    if (quick) {
      if (!options.quiet)
        log(
          `articles: ${content.parsed.fresh} parsed, ${content.parsed.cached} from cache · only the text of ${quick.file} changed · loaded in ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
      return lastData!;
    }
    const rendered = published.map((article) => {
      const paths = content.photoPaths.get(article.file)!;
      const key = keyRenderedArticle(content.parseKeys.get(article), paths, sets);
      // A running `npm start` keeps unchanged parses between saves, so it renders only what changed.
      const kept = renderMemory.get(article);
      if (key && kept?.sourceKey === key) return kept;
      const fresh = renderArticle(article, (src) => sets.get(paths.get(src)!)!, content.config, locale, key);
      if (key) renderMemory.set(article, fresh);
      return fresh;
    });
    if (inputs !== null) keptNext = { articles: content.articles, inputs };
    const catalog = buildCatalog(rendered, content.config, locale, options.now, comments?.bySlug);
    const waiting = content.articles
      .filter((article) => !article.data.draft && article.data.date.getTime() > options.now.getTime())
      .map((article) => article.data.date.getTime());
    // A front-page pin that ends changes the lead story: the scheduled check rebuilds for it as for an embargo.
    const pinEnd = findNextPinEnd(rendered, options.now);
    if (pinEnd) waiting.push(pinEnd.getTime());
    const marker: BuildMarker = {
      builtAt: options.now.toISOString(),
      lastChange: comments?.lastChange ?? null,
      nextEmbargo: waiting.length ? new Date(Math.min(...waiting)).toISOString() : null,
    };
    if (!options.quiet) {
      log(
        `articles: ${rendered.length} published, ${content.articles.length - rendered.length} held back (drafts, embargoes) · ${content.parsed.fresh} parsed, ${content.parsed.cached} from cache · ảnh ${stats.total}: ${stats.encoded} encoded, ${stats.cached} from cache in ${stats.seconds.toFixed(2)} s · loaded in ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
    }
    lastMarker = marker;
    lastCatalog = catalog;
    return { catalog, marker };
  }

  /**
   * A save under `npm start` that changed one article's text and nothing else (findTextEdit): the
   * last build's catalog is kept, that article takes its new text in place, and publish renders
   * only its page and the feeds. Returns the article, or null when the save needs a full build.
   * Why: a full build of 16,000 articles took a writer 2.4 s to see a typo fixed.
   */
  function saveTextEdit(content: CheckedContent, sets: Map<string, PhotoSet>, inputs: string, locale: Locale) {
    if (!lastData || !kept) return null;
    const edit = findTextEdit(kept, content.articles, inputs, hashTemplates(options.layoutsDir));
    const target = edit ? renderMemory.get(edit.before) : undefined;
    if (!edit || !target) return null;
    const paths = content.photoPaths.get(edit.after.file)!;
    const key = keyRenderedArticle(content.parseKeys.get(edit.after), paths, sets);
    replaceArticleText(
      target,
      renderArticle(edit.after, (src) => sets.get(paths.get(src)!)!, content.config, locale, key),
    );
    renderMemory.set(edit.after, target);
    kept = { ...kept, articles: content.articles };
    textEdit = target;
    return edit.after;
  }

  /** Photos for this build; one the encoder cannot read stops the build as a content problem naming it. */
  async function processPhotos(files: string[], config: SiteConfig) {
    try {
      return await photos.processAll(files);
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      const locale = getLocale(config.language);
      const reason = (error.cause instanceof Error ? error.cause.message : error.message).split("\n")[0]!.trim();
      const file = path.relative(options.root, error.file);
      throw new ContentError([{ file, field: "(file)", message: fillPattern(locale.writers.photos.unreadable, { reason }) }], {
        cause: error,
        locale,
      });
    }
  }

  return {
    async load(): Promise<SiteData> {
      try {
        lastData = await loadOnce();
        return lastData;
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        // Print the list once, plainly; Eleventy repeats whatever it is thrown several times.
        const summary = describeStoppedBuild(error);
        console.error(`\n${error.message}\n`);
        // A plain build ends here (the entry point exits), so the writer's last screen is the list;
        // a running `npm start` may keep showing its last good build until the content is fixed.
        if (onContentError?.(error, summary, lastData !== null) === "keep" && lastData) {
          console.error(error.locale.writers.report.keptLastBuild);
          return lastData;
        }
        throw new BantinError(summary, { cause: error });
      }
    },
    /**
     * Folders whose changes should rebuild a running `npm start`: the content, and the local
     * store's change notes (written when an editor decides), but not new pending comments.
     */
    async getWatchTargets(): Promise<string[]> {
      const targets = [options.contentDir];
      const changes = getChangeNotesFolder(readStoreChoice());
      if (changes) {
        await fs.mkdir(changes, { recursive: true });
        targets.push(changes);
      }
      return targets;
    },
    /**
     * Runs after Eleventy has copied the assets: renders each route (page, feed, sitemap, …) whose
     * fingerprint changed or whose file is missing (lib/build/plan-render.ts), puts the photos there,
     * removes what an earlier build wrote and this one did not, updates the search index in
     * pagefind/ (by year or month, each shard skipped when none of its entries changed; under
     * `npm start` after the reload, in the background), and writes the build marker (production only).
     */
    async publish(siteDir: string): Promise<void> {
      if (!lastCatalog) return;
      const started = performance.now();
      renderPages ??= createPageRenderer(options.layoutsDir, options.threads);
      if (textEdit) {
        const all = listRoutes(lastCatalog);
        const routes = selectTextEditRoutes(all, textEdit);
        textEdit = null;
        const rendered = await renderPages(lastCatalog, siteDir, routes);
        if (!options.quiet)
          log(
            `pages: ${routes.length} rendered, ${all.length - routes.length} unchanged, 0 deleted (one article's text changed: its page and the feeds) · ${rendered.seconds.toFixed(2)} s`,
          );
        searchRunner.schedule({ entries: listSearchEntries(lastCatalog), siteDir });
        return;
      }
      const routes = listRoutes(lastCatalog);
      const shared: SharedData = { site: lastCatalog.site, t: lastCatalog.t, commentLimits: lastCatalog.commentLimits };
      const plan = await planRender(routes, shared, options.layoutsDir, options.cacheDir, siteDir);
      // Until they are written, the pages about to be rendered are vouched for by no fingerprint:
      // a build that stops halfway renders them again next time.
      await writeOutputManifest(options.cacheDir, plan.during);
      const rendered = await renderPages(lastCatalog, siteDir, plan.render, plan.fingerprintWhileRendering);
      if (rendered.prints) plan.next.pages = rendered.prints;
      await publishPhotos(photos.outputDir, photos.getUsedFiles(), siteDir);
      // An article set back to draft or deleted must not keep its old page (or photos) online.
      const removed = await pruneStaleOutput(siteDir, plan.previous, new Set(Object.keys(plan.next.pages)), photos.getUsedFiles());
      await writeOutputManifest(options.cacheDir, plan.next);
      kept = options.watching && keptNext ? { ...keptNext, templates: plan.next.templates } : null;
      if (!options.quiet) {
        const why = plan.fullReason ? ` (all rendered: ${plan.fullReason})` : "";
        const photoNote = removed.photos > 0 ? `, ${removed.photos} unused photo(s) removed` : "";
        log(
          `pages: ${plan.render.length} rendered, ${plan.unchanged} unchanged, ${removed.pages} deleted${why}${photoNote} · rendered on ${rendered.threads} thread(s) in ${rendered.seconds.toFixed(2)} s, ${((performance.now() - started) / 1000).toFixed(2)} s with fingerprints and pruning`,
        );
      }
      // After the pages and their log line, so that line times the pages alone. Indexing while the
      // pages render was tried: on 2 cores, which the render already uses, a cold build of 4,000
      // articles took 15.7 and 18.3 s against 18.1 and 16.3 s after (quiet runs), no gain.
      // Under `npm start` the reload does not wait for it: the writer sees the page first.
      const index = { entries: listSearchEntries(lastCatalog), siteDir };
      if (options.watching) searchRunner.schedule(index);
      else await indexSearch(index);
      if (options.recordBuild && lastMarker) {
        await openCommentStore().rebuild.putBuildMarker(lastMarker);
        log(`build recorded for the scheduled check (last change ${lastMarker.lastChange ?? "none"})`);
      }
    },
  };
}
