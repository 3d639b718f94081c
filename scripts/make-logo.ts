// Makes the default publisher logo, layouts/assets/logo.png, from the masthead: the site name from
// content/site.json, upper-cased in the masthead's red on white, as a PNG (what Google asks of a
// NewsArticle publisher logo: PNG or JPEG, at least 112 px wide). The PNG is committed; run this
// again after renaming the site, or point site.json "logo" at your own file.
// Usage: npx tsx scripts/make-logo.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUTPUT = path.join(ROOT, "layouts", "assets", "logo.png");
const WIDTH = 600;
const HEIGHT = 120;
// The masthead's --accent (layouts/assets/site.css).
const ACCENT = "#b3261e";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const { name, language } = JSON.parse(readFileSync(path.join(ROOT, "content", "site.json"), "utf8")) as { name: string; language?: string };
const upper = name.toLocaleUpperCase(language ?? "vi");
const text = escapeXml(upper);
// About 0.8 em per capital in a bold serif: a long name gets a smaller size to fit the width.
const fontSize = Math.min(64, Math.floor((WIDTH - 60) / (0.8 * [...upper].length)));
// A serif with Vietnamese letters that Debian ships (fonts-dejavu); the masthead asks for Georgia.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <rect x="0" y="${HEIGHT - 8}" width="${WIDTH}" height="8" fill="${ACCENT}"/>
  <text x="50%" y="${HEIGHT / 2 + 4}" text-anchor="middle" dominant-baseline="middle" fill="${ACCENT}"
    font-family="DejaVu Serif, Georgia, serif" font-weight="700" font-size="${fontSize}" letter-spacing="2">${text}</text>
</svg>`;

await sharp(Buffer.from(svg)).png({ palette: true, compressionLevel: 9 }).toFile(OUTPUT);
const meta = await sharp(OUTPUT).metadata();
console.log(`${path.relative(ROOT, OUTPUT)}: ${meta.width}x${meta.height}, "${name}"`);
