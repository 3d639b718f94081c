import { validateFrontMatter, type ArticleFrontMatter } from "./article-schema.ts";
import { composeByline, composePhotoCredit, type BylineLine } from "./byline.ts";
import { describeInstant, formatIsoInZone } from "./dates.ts";
import type { ContentProblem } from "./errors.ts";
import { readLeadPin, type LeadPin } from "./front-page.ts";
import { fillPattern, getLocale, type Locale } from "./locales/index.ts";
import { checkPhotoRef, type PhotoUse } from "./photo-refs.ts";
import { checkPlaceholders } from "./placeholders.ts";
import { parseBody, renderBody, type ParsedBody } from "./markdown.ts";
import { renderPicture, type PhotoSet } from "./picture.ts";
import type { SiteConfig } from "./site-config.ts";
import { isSlug, slugify } from "./slugs.ts";
import { normalizeDeep, normalizeText } from "./text.ts";

/** One article file as read from disk, before validation. */
export interface ArticleSource {
  /** Path relative to the project root, for messages. */
  file: string;
  /** File or folder name the default slug comes from. */
  slugSource: string;
  frontMatter: unknown;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** File line of each front matter key (see findKeyLines), for messages. */
  keyLines?: Record<string, number>;
}

/** A validated article whose photos are known but not yet processed. */
export interface PreparedArticle {
  file: string;
  data: ArticleFrontMatter;
  slug: string;
  sectionSlug: string;
  tags: { name: string; slug: string }[];
  body: ParsedBody;
  /** Every photo source the article uses (main photo first), as written. */
  photoSources: string[];
}

/** A photo with its text, ready for a template. */
export interface PlacedPhoto {
  set: PhotoSet;
  alt: string;
  caption: string | null;
  /** The credit the caption ends with (`Ảnh: LÊ THU HÀ`), or null. */
  credit: string | null;
}

/** The main photo as the article page's head shows it: a placed photo with its `<picture>`. */
export interface HeadPhoto extends PlacedPhoto {
  /** Eager, `fetchpriority="high"`: the page's largest image. */
  pictureHtml: string;
}

/** A fully rendered article: everything its page, listings and feeds print. */
export interface Article {
  file: string;
  slug: string;
  url: string;
  title: string;
  lead: string | null;
  author: string;
  photoCredit: string | null;
  section: { name: string; slug: string; url: string };
  tags: { name: string; slug: string; url: string }[];
  date: Date;
  dateIso: string;
  dateLine: string;
  dateShort: string;
  monthKey: string;
  /** When the article was last changed after publication (`updated` in front matter), or null. */
  updated: { date: Date; iso: string; line: string } | null;
  acceptsComments: boolean;
  /** The editor's pin on the front page's lead slot (front matter `featured`, `featuredUntil`). */
  pin: LeadPin | null;
  image: PlacedPhoto | null;
  /** The main photo at the head of the page, after the sapo; null without one or with `image.show: false`. */
  headPhoto: HeadPhoto | null;
  byline: BylineLine[];
  bodyHtml: string;
  /**
   * A hash of everything the article was rendered from, when the build knows it (its file's parse
   * key and its photos): page fingerprints take it in place of the article's fields.
   */
  sourceKey?: string;
}

/** What the checks across articles need of one article, even one whose other fields are wrong. */
export interface CollectionEntry {
  file: string;
  slug: string;
  sectionSlug: string;
  data: { section: string };
  /** File lines of the `slug:` and `section:` keys, when written. */
  lines?: { slug?: number; section?: number };
}

/** The outcome of preparing one article: the article if it has no problems, and what could be read. */
export interface PreparedResult {
  article: PreparedArticle | null;
  problems: ContentProblem[];
  /** Every photo the article refers to (main photo first), whatever else is wrong with it. */
  photos: PhotoUse[];
  /** For the checks across articles: null when the section or slug cannot be read. */
  entry: CollectionEntry | null;
  isDraft: boolean;
}

/**
 * The photos a parsed body uses, with their file lines, and the problems in how they are written.
 * Also run on a file whose front matter cannot be read, so its photos are checked in the same run.
 */
export function checkBodyPhotos(
  body: ParsedBody,
  bodyLine: number,
  file: string,
  locale: Locale,
): { photos: PhotoUse[]; problems: ContentProblem[] } {
  const photos: PhotoUse[] = [];
  const problems: ContentProblem[] = [];
  for (const ref of body.photos) {
    const use: PhotoUse = { src: ref.src, field: "body", ...(ref.line === null ? {} : { line: bodyLine + ref.line - 1 }) };
    photos.push(use);
    problems.push(...checkPhotoRef(use, ref.alt, file, locale.writers.photos));
  }
  return { photos, problems };
}

/** The section and slug of an article, read on their own so collection checks run on every article. */
function readEntry(source: ArticleSource, raw: Record<string, unknown>): CollectionEntry | null {
  const section = typeof raw.section === "string" ? raw.section.trim() : "";
  const slug = raw.slug === undefined ? slugify(source.slugSource) : typeof raw.slug === "string" && isSlug(raw.slug) ? raw.slug : "";
  const sectionSlug = slugify(section);
  if (!section || !slug || !sectionSlug) return null;
  const lines = source.keyLines ?? {};
  return { file: source.file, slug, sectionSlug, data: { section }, lines: { slug: lines.slug, section: lines.section } };
}

/**
 * Validates an article source: front matter, slug, section, body photos and leftover placeholders.
 * Lists every problem, and returns the photos and collection entry even when there are problems,
 * so one run reports missing photos and clashes across articles too.
 */
export function prepareArticle(source: ArticleSource, config: SiteConfig): PreparedResult {
  const { file } = source;
  const locale = getLocale(config.language);
  const messages = locale.writers;
  const normalized = normalizeDeep(source.frontMatter);
  const raw = (normalized !== null && typeof normalized === "object" && !Array.isArray(normalized) ? normalized : {}) as Record<
    string,
    unknown
  >;
  const lines = source.keyLines ?? {};
  const validated = validateFrontMatter(normalized, file, config.timeZone, locale, lines);
  const body = parseBody(normalizeText(source.body));
  const problems: ContentProblem[] = [...validated.problems];
  const photos: PhotoUse[] = [];
  const image = raw.image as Record<string, unknown> | undefined;
  if (image && typeof image === "object" && typeof image.src === "string") {
    const line = lines["image.src"] ?? lines.image;
    photos.push({ src: image.src.trim(), field: "image.src", ...(line ? { line } : {}) });
    problems.push(...checkPhotoRef(photos[0]!, image.alt, file, messages.photos));
  }
  const inBody = checkBodyPhotos(body, source.bodyLine, file, locale);
  photos.push(...inBody.photos);
  problems.push(...inBody.problems);
  problems.push(...checkPlaceholders(source, raw, config, locale));
  const isDraft = raw.draft === true;
  const entry = readEntry(source, raw);
  const data = validated.data;
  const done = (article: PreparedArticle | null) => ({ article: problems.length === 0 ? article : null, problems, photos, entry, isDraft });
  if (!data) return done(null);
  const slug = data.slug ?? slugify(source.slugSource);
  if (!slug) problems.push({ file, field: "slug", message: fillPattern(messages.article.noSlug, { name: source.slugSource }) });
  const sectionSlug = slugify(data.section);
  if (!sectionSlug)
    problems.push({
      file,
      field: "section",
      ...(lines.section ? { line: lines.section } : {}),
      message: fillPattern(messages.article.sectionNoLetters, { section: data.section }),
    });
  if (data.updated && data.updated.getTime() < data.date.getTime()) {
    problems.push({
      file,
      field: "updated",
      ...(lines.updated ? { line: lines.updated } : {}),
      message: fillPattern(messages.article.updatedBeforeDate, {
        updated: formatIsoInZone(data.updated, config.timeZone),
        date: formatIsoInZone(data.date, config.timeZone),
      }),
    });
  }
  const tags = new Map<string, { name: string; slug: string }>();
  for (const name of data.tags) {
    const tagSlug = slugify(name);
    if (!tagSlug)
      problems.push({
        file,
        field: "tags",
        ...(lines.tags ? { line: lines.tags } : {}),
        message: fillPattern(messages.article.tagNoLetters, { tag: name }),
      });
    else if (!tags.has(tagSlug)) tags.set(tagSlug, { name, slug: tagSlug });
  }
  const photoSources = photos.map((use) => use.src);
  return done({ file, data, slug, sectionSlug, tags: [...tags.values()], body, photoSources });
}

/** URL builders shared by articles, listings and feeds. */
function getSectionUrl(sectionSlug: string): string {
  return `/${sectionSlug}/`;
}

export function getTagUrl(tagSlug: string, locale: Locale): string {
  return `/${locale.paths.tag}/${tagSlug}/`;
}

/** Width a body photo is drawn at: the text column on wide screens, the full width on phones. */
const BODY_PHOTO_SIZES = "(min-width: 50rem) 46rem, 100vw";

/**
 * Renders a prepared article. `findPhoto` returns the processed set for a source as written in the
 * article. The main photo, shown at the head, loads eagerly as the page's largest image; without
 * it (no main photo, or `image.show: false`) the first body photo does: it is then usually in the
 * first screen. Each caption ends with its photo's credit where there is one to print. `sourceKey`,
 * when given, is kept on the article (see Article.sourceKey). `bodyHtml` is printed each time it is read.
 */
export function renderArticle(
  prepared: PreparedArticle,
  findPhoto: (src: string) => PhotoSet,
  config: SiteConfig,
  locale: Locale,
  sourceKey?: string,
): Article {
  const { data } = prepared;
  const creditOf = (own: string | null | undefined) => composePhotoCredit(own ?? null, data.author, data.photoCredit, locale);
  const image = data.image
    ? { set: findPhoto(data.image.src), alt: data.image.alt, caption: data.image.caption ?? null, credit: creditOf(data.image.credit) }
    : null;
  const headPhoto =
    image && data.image?.show !== false
      ? { ...image, pictureHtml: renderPicture(image.set, { alt: image.alt, sizes: BODY_PHOTO_SIZES, eager: true }) }
      : null;
  // Why printed on each read: a rebuild builds every article for the listings but prints the body
  // only of the pages it renders; a cached parse reads its body from disk only when asked; and a
  // printed body kept on each of 100,000 articles would be most of a build's memory.
  const { body } = prepared;
  const printBody = () =>
    renderBody(
      body,
      (ref, index) => renderPicture(findPhoto(ref.src), { alt: ref.alt, sizes: BODY_PHOTO_SIZES, eager: !headPhoto && index === 0 }),
      (ref) => creditOf(ref.credit),
    );
  const sectionUrl = getSectionUrl(prepared.sectionSlug);
  const patterns = { line: locale.dates.dateLine, short: locale.dates.short };
  const when = describeInstant(data.date, config.timeZone, patterns, locale.dates);
  const changed = data.updated ? describeInstant(data.updated, config.timeZone, patterns, locale.dates) : null;
  return {
    file: prepared.file,
    slug: prepared.slug,
    url: `${sectionUrl}${prepared.slug}/`,
    title: data.title,
    lead: data.lead ?? null,
    author: data.author,
    photoCredit: data.photoCredit ?? null,
    section: { name: data.section, slug: prepared.sectionSlug, url: sectionUrl },
    tags: prepared.tags.map((tag) => ({ ...tag, url: getTagUrl(tag.slug, locale) })),
    date: data.date,
    dateIso: when.iso,
    dateLine: when.line,
    dateShort: when.short,
    monthKey: when.monthKey,
    updated: data.updated && changed ? { date: data.updated, iso: changed.iso, line: changed.line } : null,
    acceptsComments: data.comments,
    pin: readLeadPin(data.featured, data.featuredUntil),
    image,
    headPhoto,
    byline: composeByline(data.author, data.photoCredit, locale),
    get bodyHtml() {
      return printBody();
    },
    ...(sourceKey ? { sourceKey } : {}),
  };
}
