import { en } from "./en.ts";
import type { Locale } from "./locale.ts";
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
