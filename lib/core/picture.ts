import { escapeHtml } from "./text.ts";

/** One encoded file of a photo. */
export interface PhotoVariant {
  url: string;
  width: number;
  height: number;
}

/** All encoded files of one source photo, per format, smallest width first. */
export interface PhotoSet {
  /** Formats in order of preference; the last one is the `<img>` fallback (JPEG). */
  formats: { format: string; mimeType: string; variants: PhotoVariant[] }[];
}

/** How a photo is placed on a page. */
export interface PictureOptions {
  alt: string;
  /** The `sizes` attribute: how wide the photo is drawn at each viewport width. */
  sizes: string;
  /** The first photo of a page loads at once; the rest wait until they come near the screen. */
  eager: boolean;
  className?: string;
}

const srcset = (variants: PhotoVariant[]): string => variants.map((v) => `${v.url} ${v.width}w`).join(", ");

/**
 * A responsive `<picture>`: one `<source>` per modern format, an `<img>` fallback with width and
 * height set so the page does not shift while photos load. All attribute values are escaped.
 */
export function renderPicture(set: PhotoSet, options: PictureOptions): string {
  const fallback = set.formats.at(-1);
  if (!fallback || fallback.variants.length === 0) return "";
  const largest = fallback.variants.at(-1)!;
  // The middle width is a good default for browsers that ignore srcset.
  const src = fallback.variants[Math.floor((fallback.variants.length - 1) / 2)]!;
  const sizes = escapeHtml(options.sizes);
  const sources = set.formats
    .slice(0, -1)
    .map((f) => `<source type="${f.mimeType}" srcset="${escapeHtml(srcset(f.variants))}" sizes="${sizes}">`)
    .join("");
  const loading = options.eager ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"';
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : "";
  return (
    `<picture${cls}>${sources}<img src="${escapeHtml(src.url)}" srcset="${escapeHtml(srcset(fallback.variants))}" ` +
    `sizes="${sizes}" width="${largest.width}" height="${largest.height}" alt="${escapeHtml(options.alt)}" ` +
    `${loading} decoding="async"></picture>`
  );
}

/** The largest fallback file: the one social cards and feeds link to. */
export function getLargestVariant(set: PhotoSet): PhotoVariant | null {
  return set.formats.at(-1)?.variants.at(-1) ?? null;
}
