// Generates the placeholder JPEG photos used by the sample articles.
// Scans content/articles/*/index.md for "./name.jpg" references and renders a simple
// seeded SVG scene (sky, sun, hills, buildings, trees, people) for each missing file.
// These are drawings, not photographs of the events the sample articles report: each alt text
// says so ("Hình vẽ: …") and describes what its drawing shows, and each caption says it is a
// sample picture (tests/build/sample-content.test.ts checks both). A changed drawing needs its
// alt text and caption changed with it.
// Usage: npx tsx scripts/make-sample-photos.ts [--force]   (--force rewrites every photo)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const ARTICLES_DIR = path.resolve(import.meta.dirname, "..", "content", "articles");
const WIDTH = 1600;
const HEIGHT = 1067;
const JPEG_QUALITY = 80;
const PHOTO_REFERENCE = /\.\/([\w-]+\.jpe?g)/gi;

const SKIES = [
  ["#3b78c4", "#a9d4f5"],
  ["#f08a4b", "#fde2b0"],
  ["#6f7f91", "#d5dbe1"],
  ["#1f3b73", "#e7a46b"],
  ["#58a6d8", "#eef6fb"],
] as const;
const GROUNDS = [
  ["#5f8f3e", "#39602a"],
  ["#9a9486", "#5d5a52"],
  ["#b49a6a", "#7a6440"],
  ["#4d7f6a", "#2d4d40"],
] as const;
const WALLS = ["#c9c2b4", "#a7b1b8", "#d8cfa8", "#8e98a3", "#b9a99a", "#e3ddd2"];
const CLOTHES = ["#1d2a38", "#3a2d28", "#24452f", "#5a2f2f", "#2f3550"];

type Random = () => number;

function createRandom(seedText: string): Random {
  let seed = 2166136261;
  for (const char of seedText) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickFrom<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function between(random: Random, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}

function drawHills(random: Random, horizon: number): string {
  const points = [`0,${horizon}`];
  for (let x = 0; x <= WIDTH; x += between(random, 120, 260)) {
    points.push(`${x},${horizon - between(random, 40, 190)}`);
  }
  points.push(`${WIDTH},${horizon}`);
  return `<polygon points="${points.join(" ")}" fill="#4f6b5a" opacity="0.55"/>`;
}

function drawBuilding(random: Random, x: number, width: number, horizon: number): string {
  const height = between(random, 160, 480);
  const top = horizon - height;
  const wall = pickFrom(random, WALLS);
  const windows: string[] = [];
  for (let wy = top + 30; wy < horizon - 50; wy += 60) {
    for (let wx = x + 18; wx < x + width - 36; wx += 46) {
      windows.push(`<rect x="${wx}" y="${wy}" width="22" height="30" fill="#44566a" opacity="0.75"/>`);
    }
  }
  const roof = `<rect x="${x - 6}" y="${top - 12}" width="${width + 12}" height="14" fill="#6b4f3f"/>`;
  return `<rect x="${x}" y="${top}" width="${width}" height="${height}" fill="${wall}"/>${roof}${windows.join("")}`;
}

function drawBuildings(random: Random, horizon: number): string {
  const shapes: string[] = [];
  let x = between(random, -60, 120);
  while (x < WIDTH) {
    const width = between(random, 140, 320);
    if (random() < 0.7) shapes.push(drawBuilding(random, x, width, horizon));
    x += width + between(random, 20, 160);
  }
  return shapes.join("");
}

function drawTree(random: Random, x: number, base: number): string {
  const size = between(random, 50, 110);
  const green = pickFrom(random, ["#2f6b35", "#3f7d3a", "#28563a", "#4b8a45"]);
  const trunk = `<rect x="${x - 8}" y="${base - size * 1.6}" width="16" height="${size * 1.6}" fill="#4a3424"/>`;
  const crown = `<ellipse cx="${x}" cy="${base - size * 1.8}" rx="${size}" ry="${size * 0.9}" fill="${green}"/>`;
  return trunk + crown;
}

function drawPerson(random: Random, x: number, base: number): string {
  const height = between(random, 150, 230);
  const color = pickFrom(random, CLOTHES);
  const head = height * 0.13;
  const body = `<rect x="${x - height * 0.12}" y="${base - height + head * 2}" width="${height * 0.24}" height="${height - head * 2}" rx="${height * 0.08}" fill="${color}"/>`;
  return `${body}<circle cx="${x}" cy="${base - height + head}" r="${head}" fill="${color}"/>`;
}

function drawMany(random: Random, count: number, baseRange: [number, number], draw: typeof drawTree): string {
  const shapes = Array.from({ length: count }, () => ({ x: between(random, 40, WIDTH - 40), base: between(random, ...baseRange) }));
  return shapes
    .sort((a, b) => a.base - b.base)
    .map(({ x, base }) => draw(random, x, base))
    .join("");
}

function buildSceneSvg(seedText: string): string {
  const random = createRandom(seedText);
  const [skyTop, skyBottom] = pickFrom(random, SKIES);
  const [groundNear, groundFar] = pickFrom(random, GROUNDS);
  const horizon = between(random, 600, 760);
  const sun = { x: between(random, 150, WIDTH - 150), y: between(random, 110, horizon - 260), r: between(random, 45, 90) };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient>
    <linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${groundFar}"/><stop offset="1" stop-color="${groundNear}"/></linearGradient>
    <radialGradient id="glow"><stop offset="0.45" stop-color="#fff6d5"/><stop offset="1" stop-color="#fff6d5" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
  <circle cx="${sun.x}" cy="${sun.y}" r="${sun.r * 2.4}" fill="url(#glow)"/>
  <circle cx="${sun.x}" cy="${sun.y}" r="${sun.r}" fill="#fff1b8"/>
  ${drawHills(random, horizon)}
  ${drawBuildings(random, horizon)}
  <rect y="${horizon}" width="${WIDTH}" height="${HEIGHT - horizon}" fill="url(#ground)"/>
  ${drawMany(random, between(random, 2, 6), [horizon + 20, horizon + 70], drawTree)}
  ${drawMany(random, between(random, 1, 7), [horizon + 160, HEIGHT - 30], drawPerson)}
</svg>`;
}

function findPhotoPaths(): string[] {
  const photos = new Set<string>();
  for (const folder of readdirSync(ARTICLES_DIR, { withFileTypes: true })) {
    const markdownPath = path.join(ARTICLES_DIR, folder.name, "index.md");
    if (!folder.isDirectory() || !existsSync(markdownPath)) continue;
    for (const match of readFileSync(markdownPath, "utf8").matchAll(PHOTO_REFERENCE)) {
      photos.add(path.join(ARTICLES_DIR, folder.name, match[1]!));
    }
  }
  return [...photos].sort();
}

async function renderPhoto(photoPath: string): Promise<number> {
  const seedText = path.relative(ARTICLES_DIR, photoPath);
  const info = await sharp(Buffer.from(buildSceneSvg(seedText)))
    .resize(WIDTH, HEIGHT)
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    .toFile(photoPath);
  return info.size;
}

async function generatePhotos(force: boolean): Promise<void> {
  const photos = findPhotoPaths();
  let written = 0;
  for (const photoPath of photos) {
    if (!force && existsSync(photoPath)) continue;
    const bytes = await renderPhoto(photoPath);
    written += 1;
    console.log(`${path.relative(process.cwd(), photoPath)} (${Math.round(bytes / 1024)} KB)`);
  }
  console.log(`${written} written, ${photos.length - written} already present.`);
}

await generatePhotos(process.argv.includes("--force"));
