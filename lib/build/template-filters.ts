import nunjucks from "nunjucks";
import type { PlacedPhoto } from "../core/article.ts";
import { fillPattern } from "../core/locales/index.ts";
import { renderPicture } from "../core/picture.ts";
import { removeXmlForbiddenCharacters } from "../core/xml.ts";

// Every code unit that can start a character XML forbids: C0 controls, surrogates (a character
// beyond the BMP, which may be a noncharacter) and the BMP's noncharacters.
// biome-ignore lint/complexity/useRegexLiterals: as a literal it would hold control characters, which lint forbids too
const MAYBE_FORBIDDEN = new RegExp("[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]");

/**
 * `text` without the characters XML forbids. Why the first test: without the `u` flag it scans
 * code units at native speed, and text with none of them (nearly all) skips the full pass, which
 * was about 1.5 % of a cold build's CPU (every value of every feed and the sitemap).
 */
function removeForbidden(text: string): string {
  return MAYBE_FORBIDDEN.test(text) ? removeXmlForbiddenCharacters(text) : text;
}

/** `value` as XML-safe text: see `TEMPLATE_FILTERS.xml`. */
function toXmlText(value: unknown): string | nunjucks.runtime.SafeString {
  if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(removeForbidden(value.toString()));
  return value === null || value === undefined ? "" : removeForbidden(String(value));
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
