import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import Image, { type ImageOptions } from "@11ty/eleventy-img";
import { BantinError } from "../core/errors.ts";

/** A photo that cannot be read or encoded; `file` is its absolute path, for the content problem. */
export class PhotoError extends BantinError {
  readonly file: string;

  constructor(message: string, file: string, options: { cause: unknown }) {
    super(message, options);
    this.file = file;
  }
}
import type { PhotoSet } from "../core/picture.ts";
import { createLog } from "../log.ts";

const log = createLog("photos");

/**
 * How every photo is encoded. Chosen, measured on 2 cores: WebP + JPEG at three widths cost about
 * 0.3 s a photo, AVIF about 2 s (5x) for a modest size gain, so AVIF is left out. 400 px serves
 * listing thumbnails (12rem at 2x), 800 px phones, 1200 px the 46rem text column on desktops.
 * WebP effort 4 (sharp's default) and JPEG without mozjpeg keep encoding fast; quality 72/78 is
 * where news photos stop showing blocking at these sizes.
 */
export const PHOTO_OPTIONS = {
  widths: [400, 800, 1200],
  formats: ["webp", "jpeg"],
  sharpWebpOptions: { quality: 72, effort: 4 },
  sharpJpegOptions: { quality: 78, progressive: true, mozjpeg: false },
  fixOrientation: true,
  hashLength: 12,
} satisfies ImageOptions;

const MIME: Record<string, string> = { webp: "image/webp", jpeg: "image/jpeg", avif: "image/avif", png: "image/png" };
const MANIFEST_VERSION = 1;

interface Manifest {
  version: number;
  /** Last seen size and mtime of each source, so unchanged files are not hashed again. */
  files: Record<string, { size: number; mtimeMs: number; key: string }>;
  sets: Record<string, PhotoSet>;
}

/** Counts from one run, for the build log and for tests. */
export interface PhotoStats {
  total: number;
  encoded: number;
  cached: number;
  seconds: number;
}

/**
 * Processes photos through eleventy-img with a cache that survives builds: each photo is keyed by
 * the SHA-256 of its bytes and of the encoding options, so a second build with no new photos
 * encodes nothing. Encoded files live in `<cacheDir>/photos/img` and are linked into the site.
 */
export class PhotoProcessor {
  readonly outputDir: string;
  private readonly manifestPath: string;
  private readonly optionsKey = createHash("sha256").update(JSON.stringify(PHOTO_OPTIONS)).digest("hex");
  private manifest: Manifest = { version: MANIFEST_VERSION, files: {}, sets: {} };
  private used = new Set<string>();
  private readonly encoding = new Map<string, Promise<PhotoSet>>();

  private readonly log: (line: string) => void;

  constructor(cacheDir: string, log: (line: string) => void) {
    this.log = log;
    this.outputDir = path.join(cacheDir, "photos", "img");
    this.manifestPath = path.join(cacheDir, "photos", "manifest.json");
  }

  /** Processes every absolute path once; returns a set per path. Prints `ảnh N/M` as it goes. */
  async processAll(files: readonly string[]): Promise<{ sets: Map<string, PhotoSet>; stats: PhotoStats }> {
    const started = performance.now();
    await this.readManifest();
    const existing = new Set(await fs.readdir(this.outputDir).catch(() => [] as string[]));
    const unique = [...new Set(files)];
    const sets = new Map<string, PhotoSet>();
    const stats: PhotoStats = { total: unique.length, encoded: 0, cached: 0, seconds: 0 };
    this.used = new Set();
    let done = 0;
    let lastPrint = 0;
    const work = async (file: string) => {
      const { set, encoded } = await this.processOne(file, existing);
      sets.set(file, set);
      for (const format of set.formats) for (const v of format.variants) this.used.add(path.posix.basename(v.url));
      if (encoded) stats.encoded++;
      else stats.cached++;
      done++;
      if (stats.encoded > 0 && (performance.now() - lastPrint > 1000 || done === unique.length)) {
        lastPrint = performance.now();
        this.log(`ảnh ${done}/${unique.length}`);
      }
    };
    // Encodes are CPU-bound in sharp's own threads; a few files at a time keep both cores busy
    // without holding many decoded 3000 px photos in memory at once.
    const queue = [...unique];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let file = queue.shift(); file; file = queue.shift()) await work(file);
      }),
    );
    await this.writeManifest();
    stats.seconds = (performance.now() - started) / 1000;
    return { sets, stats };
  }

  /** File names (inside `outputDir`) used by the last `processAll`. */
  getUsedFiles(): string[] {
    return [...this.used];
  }

  private async processOne(file: string, existing: Set<string>): Promise<{ set: PhotoSet; encoded: boolean }> {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      throw new PhotoError(`photo ${file} cannot be read: ${(error as Error).message}`, file, { cause: error });
    }
    const seen = this.manifest.files[file];
    let key = seen && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs ? seen.key : null;
    if (!key) {
      const bytes = await fs.readFile(file);
      key = createHash("sha256").update(bytes).update(this.optionsKey).digest("hex");
      this.manifest.files[file] = { size: stat.size, mtimeMs: stat.mtimeMs, key };
    }
    const cached = this.manifest.sets[key];
    const complete = cached?.formats.every((f) => f.variants.every((v) => existing.has(path.posix.basename(v.url))));
    if (cached && complete) return { set: cached, encoded: false };
    // Two files with the same bytes (a photo reused across articles) are encoded once.
    const running = this.encoding.get(key);
    if (running) return { set: await running, encoded: false };
    const encoding = this.encode(file, key);
    this.encoding.set(key, encoding);
    try {
      return { set: await encoding, encoded: true };
    } finally {
      this.encoding.delete(key);
    }
  }

  private async encode(file: string, key: string): Promise<PhotoSet> {
    const started = performance.now();
    let stats;
    try {
      stats = await Image(file, { ...PHOTO_OPTIONS, outputDir: this.outputDir, urlPath: "/img/" });
    } catch (error) {
      throw new PhotoError(
        `photo ${file} could not be encoded (${(error as Error).message}); check that it is a JPEG, PNG or WebP file`,
        file,
        {
          cause: error,
        },
      );
    }
    const set: PhotoSet = {
      formats: PHOTO_OPTIONS.formats.map((format) => ({
        format,
        mimeType: MIME[format] ?? `image/${format}`,
        variants: (stats[format] ?? []).map((s) => ({ url: s.url, width: s.width, height: s.height })),
      })),
    };
    this.manifest.sets[key] = set;
    log.debug("encoded %s in %d ms", file, Math.round(performance.now() - started));
    return set;
  }

  private async readManifest(): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.manifestPath, "utf8")) as Manifest;
      if (data.version === MANIFEST_VERSION) this.manifest = data;
    } catch {
      // No manifest yet (first build) or a damaged one: start empty; photos are re-encoded.
    }
  }

  private async writeManifest(): Promise<void> {
    await fs.mkdir(path.dirname(this.manifestPath), { recursive: true });
    const temporary = `${this.manifestPath}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(this.manifest));
    await fs.rename(temporary, this.manifestPath);
  }
}

/**
 * Puts the photos a build uses into `<siteDir>/img`: hard links where the file system allows (no
 * bytes copied), copies elsewhere. Photos no longer used are not published.
 */
export async function publishPhotos(sourceDir: string, names: readonly string[], siteDir: string): Promise<void> {
  const target = path.join(siteDir, "img");
  await fs.mkdir(target, { recursive: true });
  await Promise.all(
    names.map(async (name) => {
      const from = path.join(sourceDir, name);
      const to = path.join(target, name);
      // Names carry the encoded file's hash: one already there with the same size is this photo,
      // and is left untouched so that an incremental build changes only what changed.
      const [source, placed] = await Promise.all([fs.stat(from), fs.stat(to).catch(() => null)]);
      if (placed?.isFile() && placed.size === source.size) return;
      await fs.rm(to, { force: true });
      await fs.link(from, to).catch(() => fs.copyFile(from, to));
    }),
  );
}
