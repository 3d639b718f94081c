import { XMLValidator } from "fast-xml-parser";

/**
 * Whether one code point may appear in a feed: the XML 1.0 Char production
 * (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]) minus the Unicode
 * noncharacters. Written from the specification with plain comparisons, independently of
 * lib/core/xml.ts, so the tests do not check the code against itself.
 */
export function isFeedCodePoint(code: number): boolean {
  const isXmlChar =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  const isNoncharacter = (code >= 0xfdd0 && code <= 0xfdef) || code % 0x10000 === 0xfffe || code % 0x10000 === 0xffff;
  return isXmlChar && !isNoncharacter;
}

/**
 * Why `text` is not a well-formed XML document, or null when it is. fast-xml-parser's validator
 * checks the structure but lets any character through, so each code point is checked too (a
 * lone surrogate is one code point when a string is walked with for…of).
 */
export function findXmlProblem(text: string): string | null {
  let offset = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (!isFeedCodePoint(code)) return `forbidden character U+${code.toString(16).toUpperCase().padStart(4, "0")} at offset ${offset}`;
    offset += ch.length;
  }
  const result = XMLValidator.validate(text);
  return result === true ? null : `${result.err.code} at line ${result.err.line}: ${result.err.msg}`;
}
