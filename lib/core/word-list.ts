import { ConfigError } from "./errors.ts";

/** The newsroom's word list (`content/moderation.json`), each word kept as listed and as matched. */
export interface WordList {
  words: { listed: string; folded: string }[];
}

/** A list with no words: nothing is ever flagged. */
export const EMPTY_WORD_LIST: WordList = { words: [] };

/**
 * Text as the word list compares it: without diacritics (Vietnamese tones and marks), đ as d,
 * lower case, spaces folded. "Lừa Đảo" and "lua dao" are the same to it.
 */
export function foldForMatching(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Checks the parsed content of the word list file (`file` names it in messages): an object with
 * `words`, an array of non-empty strings. Anything else is a ConfigError naming the file and field.
 */
export function parseWordList(value: unknown, file: string): WordList {
  const fix = `write it as { "words": ["lừa đảo", "cá độ"] } (README, "The word list")`;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${file}: the file should hold a JSON object; ${fix}`);
  }
  const unknown = Object.keys(value).filter((key) => key !== "words");
  if (unknown.length > 0) throw new ConfigError(`${file}: unknown field "${unknown[0]}"; ${fix}`);
  const words = (value as { words?: unknown }).words;
  if (!Array.isArray(words)) throw new ConfigError(`${file}: field "words" should be an array of words; ${fix}`);
  const list: WordList = { words: [] };
  for (const [index, word] of words.entries()) {
    const folded = typeof word === "string" ? foldForMatching(word) : "";
    if (!folded) throw new ConfigError(`${file}: field "words[${index}]" should be a word or phrase (a non-empty string); ${fix}`);
    list.words.push({ listed: word as string, folded });
  }
  return list;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The listed words found in any of `texts`, as written in the list, each once, in list order.
 * Matching ignores diacritics, case and spacing, and only whole words count: "cá độ" is found in
 * "Cá  Độ bóng đá" but "ca" is not found in "cách".
 */
export function findListedWords(list: WordList, texts: readonly string[]): string[] {
  const folded = texts.map(foldForMatching);
  return list.words
    .filter(({ folded: word }) => {
      // Whole words: no letter or digit right before or after the match.
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u");
      return folded.some((text) => pattern.test(text));
    })
    .map(({ listed }) => listed)
    .filter((word, index, all) => all.indexOf(word) === index);
}
