import { writePackFile, type PackEntry } from "../../lib/build/pack-file.ts";
import type { ParsedFile } from "../../lib/build/parse-cache.ts";
import type { PreparedArticle } from "../../lib/core/article.ts";

/** An entry whose article body is `html` (its other fields are not what this file is about). */
export function makeEntry(file: string, html: string): PackEntry {
  const article = { file, slug: file, sectionSlug: "tin", tags: [], photoSources: [], data: { title: file }, body: { html, photos: [] } };
  const parsed: ParsedFile = {
    file,
    article: article as unknown as PreparedArticle,
    problems: [],
    isDraft: false,
    photos: [],
    entry: null,
  };
  return { key: `key-${file}`, parsed, signature: null };
}

/** Three bodies: short, longer than the writer's 1 MB buffer, empty. */
export const BODIES: Record<string, string> = {
  "a.md": "<p>Cải cách hành chính</p>",
  "b.md": `<p>${"Người lao động ".repeat(120_000)}</p>`,
  "c.md": "",
};

/** Writes BODIES and one unreadable file's entry as the pack `file`; returns the entries written. */
export function writeSample(file: string): Map<string, PackEntry> {
  const entries = new Map(Object.entries(BODIES).map(([name, html]) => [name, makeEntry(name, html)]));
  const broken: PackEntry = { key: "k", parsed: { file: "d.md", article: null, problems: [], isDraft: false, photos: [], entry: null } };
  entries.set("d.md", broken);
  writePackFile(file, `${file}.tmp`, entries);
  return entries;
}
