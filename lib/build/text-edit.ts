import type { Article, PreparedArticle } from "../core/article.ts";
import type { Route } from "../core/routes.ts";

/** What a running `npm start` keeps of its last full build to tell a text-only save. */
export interface KeptBuild {
  /** The prepared articles, in file order, as that build had them. */
  articles: readonly PreparedArticle[];
  /** Site settings, photos and comments, each as one string: a save must leave all three alone. */
  inputs: string;
  /** The template hash the build rendered with. */
  templates: string;
}

/** Everything of a prepared article but its body's text, as one string. */
function describeAllButText(article: PreparedArticle): string {
  return JSON.stringify({ ...article, body: { photos: article.body.photos } });
}

/**
 * The one article whose body text alone changed since `kept`: same files in the same order, every
 * other article the very object the last build had (a running `npm start` keeps unchanged parses),
 * and for this one the same front matter, slug, section, tags and photos. Null otherwise, and
 * when `inputs` (settings, photos, comments) or `templates` differ.
 */
export function findTextEdit(
  kept: KeptBuild | null,
  articles: readonly PreparedArticle[],
  inputs: string,
  templates: string,
): { before: PreparedArticle; after: PreparedArticle } | null {
  if (!kept || kept.inputs !== inputs || kept.templates !== templates || kept.articles.length !== articles.length) return null;
  let edit: { before: PreparedArticle; after: PreparedArticle } | null = null;
  for (const [at, after] of articles.entries()) {
    const before = kept.articles[at]!;
    if (before === after) continue;
    if (edit || before.file !== after.file || describeAllButText(before) !== describeAllButText(after)) return null;
    edit = { before, after };
  }
  return edit;
}

/**
 * Gives `target` (the article object the last build's catalog holds everywhere: page, cards'
 * source, feeds, search) the fields of `fresh`, the same article rendered from its new text. Only
 * its body and source key differ, since nothing else of the article changed.
 */
export function replaceArticleText(target: Article, fresh: Article): void {
  Object.defineProperties(target, Object.getOwnPropertyDescriptors(fresh));
}

/**
 * The routes a text-only edit of `article` changes: its page and the feeds, whose entries carry
 * article bodies. Cards, listings and metadata print no body, so they read the same; their
 * fingerprints still hold the old source key, so the next full build renders them once more.
 */
export function selectTextEditRoutes(routes: readonly Route[], article: Article): Route[] {
  return routes.filter((route) => route.template === "feed" || (route.template === "article" && route.url === article.url));
}
