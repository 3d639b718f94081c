import type { Locale } from "./locales/index.ts";
import { toBylineName } from "./text.ts";

/** One line of a byline: `Tin, ảnh: ANH KHÔI` is `{ label: "Tin, ảnh", name: "ANH KHÔI" }`. */
export interface BylineLine {
  label: string;
  name: string;
}

function isSamePerson(a: string, b: string, lang: string): boolean {
  return toBylineName(a, lang) === toBylineName(b, lang);
}

/**
 * The byline printed at the end of an article. One person who wrote and photographed gets one
 * line (`Tin, ảnh: ANH KHÔI`); different people get `Tin: …` then `Ảnh: …`; no photo credit gets
 * only the writer. Names are upper-cased as Vietnamese papers print them.
 */
export function composeByline(author: string, photoCredit: string | undefined, locale: Locale): BylineLine[] {
  const writer = toBylineName(author, locale.lang);
  if (!photoCredit) return [{ label: locale.byline.writer, name: writer }];
  if (isSamePerson(author, photoCredit, locale.lang)) return [{ label: locale.byline.both, name: writer }];
  return [
    { label: locale.byline.writer, name: writer },
    { label: locale.byline.photographer, name: toBylineName(photoCredit, locale.lang) },
  ];
}

/**
 * The credit a photo's caption ends with (`Ảnh: LÊ THU HÀ`), upper-cased like the byline: the
 * photo's own credit when it has one, else the article's `photoCredit` when that is not the
 * author (whose `Tin, ảnh` byline already says it). Null when there is nothing to add.
 */
export function composePhotoCredit(own: string | null, author: string, photoCredit: string | undefined, locale: Locale): string | null {
  const name = own ?? (photoCredit && !isSamePerson(author, photoCredit, locale.lang) ? photoCredit : null);
  return name ? `${locale.articlePage.photoCredit}: ${toBylineName(name, locale.lang)}` : null;
}
