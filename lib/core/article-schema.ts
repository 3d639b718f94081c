import { z } from "zod";
import { parseDateValue } from "./dates.ts";
import type { ContentProblem } from "./errors.ts";
import { fillPattern, type Locale, type WriterMessages } from "./locales/index.ts";
import { vi } from "./locales/vi.ts";
import { isSlug } from "./slugs.ts";

/** The front matter keys an article may have. */
const KNOWN_KEYS = [
  "title",
  "date",
  "author",
  "photoCredit",
  "section",
  "lead",
  "image",
  "tags",
  "draft",
  "comments",
  "slug",
  "updated",
  "featured",
  "featuredUntil",
] as const;

const schemas = new Map<string, ReturnType<typeof buildArticleSchema>>();

/** The front matter schema for an article; dates without an offset are read in `timeZone`. */
function createArticleSchema(timeZone: string, locale: Locale = vi) {
  // Why memoised: building a zod schema costs far more than using one (16,000 articles: seconds).
  const key = `${timeZone} ${locale.lang}`;
  let schema = schemas.get(key);
  if (!schema) {
    schema = buildArticleSchema(timeZone, locale.writers.fields);
    schemas.set(key, schema);
  }
  return schema;
}

function buildArticleSchema(timeZone: string, messages: WriterMessages["fields"]) {
  const dateField = z.union([z.string(), z.date()]).transform((value, ctx) => {
    const date = value instanceof Date ? value : parseDateValue(value, timeZone);
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: fillPattern(messages.notDate, { value: String(value) }) });
      return z.NEVER;
    }
    return date;
  });
  const text = (max: number) => z.string().trim().min(1, messages.empty).max(max, fillPattern(messages.tooLong, { max }));
  return z.strictObject({
    title: text(300),
    date: dateField,
    author: text(120),
    photoCredit: text(120).optional(),
    section: text(80),
    lead: text(1000).optional(),
    image: z
      .strictObject({
        src: text(500),
        alt: text(500),
        caption: text(1000).optional(),
        /** Who took this photo, when not the article's photoCredit. */
        credit: text(120).optional(),
        /** false when the same photo already opens the body: then it is not shown again at the head. */
        show: z.boolean().default(true),
      })
      .optional(),
    tags: z
      .array(text(60))
      .max(30, fillPattern(messages.tooManyTags, { max: 30 }))
      .default([]),
    draft: z.boolean().default(false),
    comments: z.boolean().default(true),
    slug: z.string().refine(isSlug, { message: messages.notSlug }).optional(),
    /** When the article was last changed after publication (printed as "Cập nhật"). */
    updated: dateField.optional(),
    /** Pins the story to the front page's lead slot: true, or a rank (1 leads, then 2...). */
    featured: z.union([z.boolean(), z.int().min(1).max(99)]).default(false),
    /** The pin ends at this date (the newest story leads again). */
    featuredUntil: dateField.optional(),
  });
}

export type ArticleFrontMatter = z.output<ReturnType<typeof createArticleSchema>>;

/** Edit distance between two short strings (keys), for "did you mean". */
function countEdits(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/** The known key a writer most likely meant: same letters in another case or spacing, or a typo or two away. */
function findNearKey(key: string): string | undefined {
  const plain = key.toLowerCase().replace(/[_\s-]/g, "");
  if (plain.length > 40) return undefined;
  const same = KNOWN_KEYS.find((known) => known.toLowerCase() === plain);
  if (same) return same;
  const scored = KNOWN_KEYS.map((known) => ({ known, edits: countEdits(known.toLowerCase(), plain) })).filter(
    ({ known, edits }) => edits <= Math.min(2, known.length / 3),
  );
  return scored.sort((a, b) => a.edits - b.edits)[0]?.known;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, messages: WriterMessages["fields"]): string {
  if (issue.code === "invalid_type") {
    const value = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], raw);
    if (value === undefined || value === null) return messages.missing;
    const named = (type: string) =>
      type === "array"
        ? messages.aList
        : type === "object"
          ? messages.aMap
          : type === "boolean"
            ? messages.aBoolean
            : type === "number"
              ? messages.aNumber
              : messages.aString;
    const got = Array.isArray(value)
      ? messages.aList
      : typeof value === "object"
        ? messages.aMap
        : fillPattern(messages.theValue, { value: JSON.stringify(value) });
    return fillPattern(messages.shouldBe, { expected: named(issue.expected), got });
  }
  return issue.message;
}

/**
 * Validates one article's front matter. Returns the typed data, or every problem with the field,
 * the line of its key (from `keyLines`, see findKeyLines) and an example of what to write instead.
 */
export function validateFrontMatter(
  raw: unknown,
  file: string,
  timeZone: string,
  locale: Locale = vi,
  keyLines: Record<string, number> = {},
): { data: ArticleFrontMatter; problems: [] } | { data: null; problems: ContentProblem[] } {
  const result = createArticleSchema(timeZone, locale).safeParse(raw ?? {});
  if (result.success) return { data: result.data, problems: [] };
  const messages = locale.writers.fields;
  const problems: ContentProblem[] = [];
  const at = (field: string) => {
    const line = keyLines[field] ?? keyLines[field.split(".")[0]!];
    return line ? { line } : {};
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const near = findNearKey(key);
        const fix = near
          ? fillPattern(messages.didYouMean, { name: near })
          : fillPattern(messages.knownFields, { names: KNOWN_KEYS.join(", ") });
        const field = [...issue.path, key].join(".");
        problems.push({ file, field, ...at(field), message: fillPattern(messages.unknown, { fix }) });
      }
      continue;
    }
    const field = issue.path.join(".") || "(front matter)";
    const example = messages.examples[field] ?? messages.examples[String(issue.path[0])];
    const message = describeIssue(issue, raw, messages);
    problems.push({ file, field, ...at(field), message: example ? fillPattern(messages.writeLike, { message, example }) : message });
  }
  return { data: null, problems };
}
