/**
 * Turns Vietnamese (or any Latin-script) text into a URL part: `Tin hoạt động` → `tin-hoat-dong`.
 * Diacritics are dropped, `đ`/`Đ` become `d`, everything else that is not a-z or 0-9 becomes a dash.
 * Returns "" when nothing usable is left; callers decide whether that is an error.
 */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** True when `text` is already a valid slug (lower-case ASCII words joined by single dashes). */
export function isSlug(text: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}
