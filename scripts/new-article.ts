// npm run new -- "Tiêu đề bài viết" [--section "Tin hoạt động"] [--author "Anh Khôi"]
import path from "node:path";
import { parseArgs } from "node:util";
import { readBuildOptions } from "../lib/build-options.ts";
import { BantinError } from "../lib/core/errors.ts";
import { loadSiteConfig } from "../lib/load-content.ts";
import { createArticleSkeleton } from "../lib/new-article.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { section: { type: "string" }, author: { type: "string" } } });
const title = positionals.join(" ");
try {
  if (!title.trim()) throw new BantinError('give the title: npm run new -- "Tiêu đề bài viết" [--section "Tin hoạt động"] [--author "Tên"]');
  const options = readBuildOptions();
  const config = await loadSiteConfig(options.contentDir, options.root, null);
  const file = await createArticleSkeleton(options.contentDir, config, { title, section: values.section, author: values.author }, options.now);
  console.log(`Created ${path.relative(options.root, file)} (draft: true).`);
  console.log(`Put photos next to it and write them as ![What the photo shows](./photo.jpg "Caption"); remove "draft: true" to publish.`);
} catch (error) {
  if (!(error instanceof BantinError)) throw error;
  console.error(`npm run new: ${error.message}`);
  process.exitCode = 1;
}
