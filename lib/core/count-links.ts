import LinkifyIt, { type Match } from "linkify-it";

// Endings spammers use beyond linkify-it's built-in list (two-letter country codes and the classic
// generic ones). Vietnamese abbreviations such as "TP.HCM" or "v.v." end in none of them.
const EXTRA_TLDS = [
  "example",
  "app",
  "dev",
  "xyz",
  "top",
  "online",
  "site",
  "website",
  "store",
  "shop",
  "club",
  "vip",
  "win",
  "bid",
  "loan",
  "work",
  "fun",
  "icu",
  "buzz",
  "space",
  "tech",
  "blog",
  "news",
  "life",
  "live",
  "today",
  "world",
  "email",
  "cloud",
  "page",
  "link",
  "click",
  "best",
  "money",
  "casino",
  "bet",
];

// Vietnamese titles and abbreviations look like bare domains on a country code: "ThS.BS" (.bs),
// "TS.BS", "NXB.GD" (.gd). Written with a capital in a two-letter ending and no scheme, they are
// read as abbreviations; a domain meant as a link is written in lower case.
function isAbbreviation(match: Match): boolean {
  if (match.schema !== "" || /^www\./i.test(match.raw)) return false;
  const host = match.raw.split(/[/?#:]/)[0] ?? "";
  const ending = host.slice(host.lastIndexOf(".") + 1);
  return ending.length === 2 && /[A-Z]/.test(ending);
}

// Fuzzy links on: a bare `a.vn` is a link to a reader, so it is one to the limit too. IP addresses
// are off: Vietnamese writes thousands with dots ("1.500.000").
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyIP: false, fuzzyEmail: false }).tlds(EXTRA_TLDS, true);

/**
 * Counts the links in `text` as a reader's browser or mail client would find them: after NFKC (so
 * fullwidth `ｈｔｔｐｓ：／／` is `https://`) and with format characters (zero-width, bidi, soft hyphen)
 * removed, counting schemes (http, https, ftp, mailto, `//host`), `www.` and bare domains (not abbreviations).
 */
export function countLinks(text: string): number {
  const visible = text.normalize("NFKC").replace(/\p{Cf}/gu, "");
  return (linkify.match(visible) ?? []).filter((match) => !isAbbreviation(match)).length;
}
