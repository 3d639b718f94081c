import { validateFrontMatter, type ArticleFrontMatter } from "./article-schema.ts";
import { composeByline, type BylineLine } from "./byline.ts";
import { describeInstant } from "./dates.ts";
import type { ContentProblem } from "./errors.ts";
import type { Locale } from "./locales/index.ts";
import { parseBody, renderBody, type ParsedBody } from "./markdown.ts";
import { renderPicture, type PhotoSet } from "./picture.ts";
import type { SiteConfig } from "./site-config.ts";
import { slugify } from "./slugs.ts";
import { normalizeDeep } from "./text.ts";

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
  acceptsComments: boolean;
  image: PlacedPhoto | null;
  byline: BylineLine[];
  bodyHtml: string;
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function checkPhotoRef(src: string, alt: string, field: string, file: string, line?: number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = line ? { line } : {};
  if (!src) problems.push({ file, field, ...at, message: "a photo has no file name. Write ![What the photo shows](./photo.jpg \"Caption\")" });
  else if (REMOTE.test(src)) {
    problems.push({ file, field, ...at, message: `photo "${src}" is a web address; put the file next to the article and write ./${src.split("/").pop()}` });
  }
  if (!alt) {
    problems.push({
      file,
      field,
      ...at,
      message: `photo "${src}" has no alt text. Describe it for readers who cannot see it: ![Người dân đón xe buýt mới](${src || "./photo.jpg"} "Caption")`,
    });
  }
  return problems;
}

/** Validates an article source: front matter, slug, section and body photos. Lists every problem. */
export function prepareArticle(source: ArticleSource, config: SiteConfig): { article: PreparedArticle | null; problems: ContentProblem[] } {
  const { file } = source;
  const validated = validateFrontMatter(normalizeDeep(source.frontMatter), file, config.timeZone);
  const body = parseBody(source.body.normalize("NFC"));
  const problems: ContentProblem[] = [...validated.problems];
  for (const ref of body.photos) {
    problems.push(...checkPhotoRef(ref.src, ref.alt, "body", file, ref.line === null ? undefined : source.bodyLine + ref.line - 1));
  }
  const data = validated.data;
  if (!data) return { article: null, problems };
  const slug = data.slug ?? slugify(source.slugSource);
  if (!slug) problems.push({ file, field: "slug", message: `no URL can be made from "${source.slugSource}". Write slug: ten-bai-viet` });
  const sectionSlug = slugify(data.section);
  if (!sectionSlug) problems.push({ file, field: "section", message: `"${data.section}" has no letters or digits. Write section: Tin hoạt động` });
  const tags = new Map<string, { name: string; slug: string }>();
  for (const name of data.tags) {
    const tagSlug = slugify(name);
    if (!tagSlug) problems.push({ file, field: "tags", message: `tag "${name}" has no letters or digits` });
    else if (!tags.has(tagSlug)) tags.set(tagSlug, { name, slug: tagSlug });
  }
  if (data.image) problems.push(...checkPhotoRef(data.image.src, data.image.alt, "image.src", file));
  if (problems.length > 0) return { article: null, problems };
  const photoSources = [...(data.image ? [data.image.src] : []), ...body.photos.map((ref) => ref.src)];
  return { article: { file, data, slug, sectionSlug, tags: [...tags.values()], body, photoSources }, problems };
}

/** URL builders shared by articles, listings and feeds. */
export function getSectionUrl(sectionSlug: string): string {
  return `/${sectionSlug}/`;
}

export function getTagUrl(tagSlug: string, locale: Locale): string {
  return `/${locale.paths.tag}/${tagSlug}/`;
}

/** Width a body photo is drawn at: the text column on wide screens, the full width on phones. */
export const BODY_PHOTO_SIZES = "(min-width: 50rem) 46rem, 100vw";

/**
 * Renders a prepared article. `findPhoto` returns the processed set for a source as written in the
 * article. The first body photo loads eagerly: it is usually in the first screen.
 */
export function renderArticle(
  prepared: PreparedArticle,
  findPhoto: (src: string) => PhotoSet,
  config: SiteConfig,
  locale: Locale,
): Article {
  const { data } = prepared;
  const bodyHtml = renderBody(prepared.body, (ref, index) =>
    renderPicture(findPhoto(ref.src), { alt: ref.alt, sizes: BODY_PHOTO_SIZES, eager: index === 0 }),
  );
  const sectionUrl = getSectionUrl(prepared.sectionSlug);
  const when = describeInstant(data.date, config.timeZone, { line: locale.dates.dateLine, short: locale.dates.short }, locale.dates);
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
    acceptsComments: data.comments,
    image: data.image ? { set: findPhoto(data.image.src), alt: data.image.alt, caption: data.image.caption ?? null } : null,
    byline: composeByline(data.author, data.photoCredit, locale),
    bodyHtml,
  };
}
