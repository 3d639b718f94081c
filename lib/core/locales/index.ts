import { en } from "./en.ts";
import type { Locale } from "./locale.ts";
import type { Plural } from "./writers.ts";
import { vi } from "./vi.ts";

export type { Locale } from "./locale.ts";

/** The languages a site can choose in content/site.json. */
export const LOCALES = { vi, en } as const satisfies Record<string, Locale>;
export type LanguageCode = keyof typeof LOCALES;

/** The locale for a language code. */
export function getLocale(language: LanguageCode): Locale {
  return LOCALES[language];
}

/** Fills `{name}` placeholders; unknown names are left as they are. */
export function fillPattern(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export type { Plural, WriterMessages } from "./writers.ts";

/** A counted phrase in the locale's grammar: `countPhrase({one, other}, 2, "en")` → "2 problems". */
export function countPhrase(forms: Plural, count: number, lang: string): string {
  const form = new Intl.PluralRules(lang).select(count) === "one" ? forms.one : forms.other;
  return fillPattern(form, { count });
}
