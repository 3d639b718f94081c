import nunjucks from "nunjucks";
import type { PlacedPhoto } from "../core/article.ts";
import { fillPattern } from "../core/locales/index.ts";
import { renderPicture } from "../core/picture.ts";
import { removeXmlForbiddenCharacters } from "../core/xml.ts";

/** `value` as XML-safe text: see `TEMPLATE_FILTERS.xml`. */
function toXmlText(value: unknown): string | nunjucks.runtime.SafeString {
  if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(removeXmlForbiddenCharacters(value.toString()));
  return value === null || value === undefined ? "" : removeXmlForbiddenCharacters(String(value));
}

/**
 * The Nunjucks filters every template may use, in the one environment of
 * lib/build/render-pages.ts: `picture` draws a responsive photo, `fill` fills a locale pattern, `xml`
 * removes the characters XML forbids from a value (every value the feeds and the sitemap print
 * goes through it). `xml` returns a plain string, so autoescape still escapes it afterwards; a value
 * already marked safe stays safe.
 */
export const TEMPLATE_FILTERS = {
  picture: (photo: PlacedPhoto | null, sizes: string, eager: boolean) =>
    photo ? renderPicture(photo.set, { alt: photo.alt, sizes, eager }) : "",
  fill: (pattern: string, values: Record<string, string | number>) => fillPattern(pattern, values),
  xml: toXmlText,
} as const;
