// XML 1.0 (Char production) forbids C0 controls other than tab, LF and CR, lone surrogates, and
// U+FFFE/U+FFFF. It allows the other Unicode noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF in
// planes 1–16), but they are never meant for interchange and feed readers choke on them, so they
// go too. With the `u` flag a lone surrogate is one code point that the \uD800-\uDFFF range
// matches, while a proper pair is one supplementary code point that it does not.
const PLANE_NONCHARACTERS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join(
  "",
);
const FORBIDDEN = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${PLANE_NONCHARACTERS}]`,
  "gu",
);

/**
 * `text` without the characters an XML document must not contain: C0 controls other than tab, LF
 * and CR, lone surrogates, and every Unicode noncharacter. Everything else is kept, in order.
 * It does not escape markup: callers escape the result (the layouts' autoescape does).
 */
export function removeXmlForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN, "");
}
