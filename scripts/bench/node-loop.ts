// The floor for a Node pipeline: read each file, gray-matter, markdown-it, one template string,
// write the page. No validation, listings, feeds or photos. Usage: node-loop.ts <articles> <out>
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import MarkdownIt from "markdown-it";

const [source, out] = process.argv.slice(2) as [string, string];
const md = new MarkdownIt();
const escapeText = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
for (const name of fs.readdirSync(source)) {
  if (!name.endsWith(".md")) continue;
  const { data, content } = matter(fs.readFileSync(path.join(source, name), "utf8"));
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeText(String(data.title))}</title></head><body><main><h1>${escapeText(String(data.title))}</h1>${md.render(content)}</main></body></html>`;
  const dir = path.join(out, name.slice(0, -3));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "index.html"), html);
}
