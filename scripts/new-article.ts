// npm run new -- "Tiêu đề bài viết" [--section "Tin hoạt động"] [--author "Anh Khôi"] [--image ./anh.jpg] [--tags "a, b"]
import path from "node:path";
import { parseArgs } from "node:util";
import { readBuildOptions, loadSiteConfig } from "../lib/build/index.ts";
import { BantinError } from "../lib/core/errors.ts";
import { fillPattern, getLocale, type Locale } from "../lib/core/locales/index.ts";
import { vi } from "../lib/core/locales/vi.ts";
import { createArticleSkeleton, splitTags } from "../lib/cli/index.ts";

// Until site.json is read, messages are in the default language.
let locale: Locale = vi;
try {
  const options = readBuildOptions();
  const config = await loadSiteConfig(options.contentDir, options.root, null);
  locale = getLocale(config.language);
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { section: { type: "string" }, author: { type: "string" }, image: { type: "string" }, tags: { type: "string" } },
    });
  } catch (error) {
    throw new BantinError(`${(error as Error).message}; ${locale.writers.newArticle.usage}`, { cause: error });
  }
  const { values, positionals } = parsed;
  const title = positionals.join(" ");
  if (!title.trim()) throw new BantinError(locale.writers.newArticle.usage);
  const input = {
    title,
    section: values.section,
    author: values.author,
    image: values.image,
    tags: values.tags === undefined ? undefined : splitTags(values.tags),
  };
  const file = await createArticleSkeleton(options.contentDir, config, input, options.now);
  console.log(fillPattern(locale.writers.newArticle.created, { path: path.relative(options.root, file) }));
  console.log(locale.writers.newArticle.next);
} catch (error) {
  if (!(error instanceof BantinError)) throw error;
  console.error(fillPattern(locale.writers.newArticle.failed, { message: error.message }));
  process.exitCode = 1;
}
