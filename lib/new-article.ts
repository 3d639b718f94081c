import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { formatIsoInZone } from "./core/dates.ts";
import { BantinError } from "./core/errors.ts";
import type { SiteConfig } from "./core/site-config.ts";
import { slugify } from "./core/slugs.ts";

/** What a writer gives `npm run new`. */
export interface NewArticleInput {
  title: string;
  section?: string;
  author?: string;
}

/**
 * Writes `<contentDir>/articles/<slug>/index.md`: a valid article marked `draft: true`, dated now
 * in the site's time zone. Never overwrites: an existing folder is an error naming it.
 */
export async function createArticleSkeleton(contentDir: string, config: SiteConfig, input: NewArticleInput, now: Date): Promise<string> {
  const title = input.title.normalize("NFC").trim();
  const slug = slugify(title);
  if (!slug) throw new BantinError(`"${input.title}" has no letters or digits to make a URL from; give the article a real title`);
  const dir = path.join(contentDir, "articles", slug);
  const file = path.join(dir, "index.md");
  try {
    await fs.mkdir(dir, { recursive: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BantinError(`${path.relative(process.cwd(), dir)} already exists; open it, or choose a different title`, { cause: error });
    }
    throw error;
  }
  // Minute precision: writers edit the time by hand and seconds only get in the way.
  const date = formatIsoInZone(new Date(Math.floor(now.getTime() / 60000) * 60000), config.timeZone);
  const data = {
    title,
    date,
    author: input.author?.trim() || "Tên phóng viên",
    section: input.section?.trim() || config.sections[0] || "Tin hoạt động",
    lead: `${config.shortName ?? config.name} – `,
    tags: [],
    draft: true,
  };
  const body = "Viết nội dung bài ở đây.\n";
  await fs.writeFile(file, matter.stringify(body, data), { flag: "wx" });
  return file;
}
