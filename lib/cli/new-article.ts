import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { formatIsoInZone } from "../core/dates.ts";
import { BantinError } from "../core/errors.ts";
import { fillPattern, getLocale } from "../core/locales/index.ts";
import type { SiteConfig } from "../core/site-config.ts";
import { slugify } from "../core/slugs.ts";

/** What a writer gives `npm run new`. */
export interface NewArticleInput {
  title: string;
  section?: string;
  author?: string;
  /** A photo file to copy beside the article as its main photo. */
  image?: string;
  tags?: string[];
}

/** `"a, b,, c "` → `["a", "b", "c"]`: the tags a writer typed after --tags. */
export function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.normalize("NFC").trim())
    .filter(Boolean);
}

/**
 * Writes `<contentDir>/articles/<slug>/index.md`: a draft dated now in the site's time zone, with
 * the locale's placeholder text where the writer has more to write (checks refuse to publish an
 * article that still holds any of it). `image` is copied beside it as the main photo. Never
 * overwrites: an existing folder is an error naming it. Messages are in the site's language.
 */
export async function createArticleSkeleton(contentDir: string, config: SiteConfig, input: NewArticleInput, now: Date): Promise<string> {
  const { writers } = getLocale(config.language);
  const title = input.title.normalize("NFC").trim();
  const slug = slugify(title);
  if (!slug) throw new BantinError(fillPattern(writers.newArticle.noSlug, { title: input.title }));
  if (input.image) {
    try {
      await fs.access(input.image, fs.constants.R_OK);
    } catch (error) {
      throw new BantinError(
        fillPattern(writers.newArticle.imageMissing, { path: input.image, reason: (error as NodeJS.ErrnoException).code ?? String(error) }),
        { cause: error },
      );
    }
  }
  const dir = path.join(contentDir, "articles", slug);
  const file = path.join(dir, "index.md");
  try {
    await fs.mkdir(dir, { recursive: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BantinError(fillPattern(writers.newArticle.exists, { path: path.relative(process.cwd(), dir) }), { cause: error });
    }
    throw error;
  }
  let image: { src: string; alt: string } | undefined;
  if (input.image) {
    const name = path.basename(input.image);
    await fs.copyFile(input.image, path.join(dir, name));
    image = { src: `./${name}`, alt: writers.placeholders.alt };
  }
  // Minute precision: writers edit the time by hand and seconds only get in the way.
  const date = formatIsoInZone(new Date(Math.floor(now.getTime() / 60000) * 60000), config.timeZone);
  const data = {
    title,
    date,
    author: input.author?.trim() || writers.placeholders.author,
    section: input.section?.trim() || config.sections[0] || "Tin hoạt động",
    lead: `${config.shortName ?? config.name} – `,
    ...(image ? { image } : {}),
    tags: input.tags ?? [],
    draft: true,
  };
  await fs.writeFile(file, matter.stringify(`${writers.placeholders.body}\n`, data), { flag: "wx" });
  return file;
}
