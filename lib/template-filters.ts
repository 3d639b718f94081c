import type { PlacedPhoto } from "./core/article.ts";
import { fillPattern } from "./core/locales/index.ts";
import { renderPicture } from "./core/picture.ts";

/**
 * The Nunjucks filters the layouts use, in one place for both renderers (Eleventy's and
 * lib/render-pages.ts): `picture` draws a responsive photo, `fill` fills a locale pattern.
 */
export const TEMPLATE_FILTERS = {
  picture: (photo: PlacedPhoto | null, sizes: string, eager: boolean) => (photo ? renderPicture(photo.set, { alt: photo.alt, sizes, eager }) : ""),
  fill: (pattern: string, values: Record<string, string | number>) => fillPattern(pattern, values),
} as const;
