import { removeXmlForbiddenCharacters } from "./xml.ts";

/**
 * A writer's text as the site keeps it: Unicode NFC, without the characters XML forbids (controls,
 * noncharacters, lone surrogates). Why remove them: they are invisible to the writer, make the
 * feeds invalid, and are parse errors in the HTML pages too.
 */
export function normalizeText(text: string): string {
  return removeXmlForbiddenCharacters(text.normalize("NFC"));
}

/**
 * `normalizeText` for every string inside a value (objects and arrays walked, other values kept).
 * Why: writers on some systems type decomposed Vietnamese ("e" + U+0302 + U+0301), which looks the
 * same but breaks slugs, sorting, search and duplicate checks.
 */
export function normalizeDeep<T>(value: T): T {
  if (typeof value === "string") return normalizeText(value) as T;
  if (Array.isArray(value)) return value.map((item) => normalizeDeep(item)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalizeDeep(item);
    return out as T;
  }
  return value;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Upper-cases a person's name the way Vietnamese bylines print it (`Anh Khôi` → `ANH KHÔI`). */
export function toBylineName(name: string, language: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleUpperCase(language);
}

/**
 * `text` cut at a word boundary to at most `max` characters (code points), then "…"; text that
 * fits is returned as it is. Punctuation left dangling before the cut (`,`, `;`, `–`) goes.
 * Why whole words: a Vietnamese syllable cut short ("hành ch…") reads as another word. A first
 * word longer than `max` is cut inside it, as nothing else fits.
 */
export function shortenAtWord(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join("");
  // A space right after the cut means the last word of the head is whole.
  const head = chars.slice(0, max);
  const nextIsSpace = /\s/u.test(chars[max] ?? "");
  let cut = head.join("");
  if (!nextIsSpace) {
    const lastSpace = cut.search(/\s\S*$/u);
    if (lastSpace > 0) cut = cut.slice(0, lastSpace);
  }
  return `${cut.replace(/[\s,;:–—-]+$/u, "") || cut}…`;
}

/** `text` with its first letter upper-cased, the rest as written (`người lao động` → `Người lao động`). */
export function capitalizeFirst(text: string, language: string): string {
  const [first = "", ...rest] = Array.from(text);
  return first.toLocaleUpperCase(language) + rest.join("");
}
