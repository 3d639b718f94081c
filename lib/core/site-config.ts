import { z } from "zod";
import { isTimeZone } from "./dates.ts";
import { LOCALES, type LanguageCode } from "./locales/index.ts";

/** Schema of content/site.json: the site's name, address, language and listing sizes. */
const siteConfigSchema = z.strictObject({
  name: z.string().trim().min(1),
  /** Short name the leads open with, e.g. `BT` in `BT – Sáng 8/12, …`. */
  shortName: z.string().trim().min(1).optional(),
  description: z.string().trim().default(""),
  /** Public address without a trailing slash; Netlify's URL env var overrides it in production. */
  url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, "")),
  language: z.enum(Object.keys(LOCALES) as [LanguageCode, ...LanguageCode[]]).default("vi"),
  timeZone: z
    .string()
    .default("Asia/Ho_Chi_Minh")
    .refine(isTimeZone, { message: "is not an IANA time zone name (for example Asia/Ho_Chi_Minh)" }),
  pageSize: z.int().min(1).max(200).default(12),
  homeLatest: z.int().min(1).max(50).default(7),
  homePerSection: z.int().min(0).max(20).default(4),
  relatedCount: z.int().min(0).max(12).default(4),
  feedSize: z.int().min(1).max(500).default(30),
  /** Order of sections in the menu and on the home page; unlisted sections follow by name. */
  sections: z.array(z.string().trim().min(1)).default([]),
  /** Site logo for JSON-LD `publisher.logo` (a path under the site or a URL); a default ships. */
  logo: z.string().trim().min(1).default("/assets/logo.png"),
  /** Image shared by the home, section and tag pages (`og:image`); a path under the site or a URL. */
  defaultImage: z.string().trim().min(1).optional(),
  /** The name newsroom answers to comments carry. */
  newsroomName: z.string().trim().min(1).default("Ban biên tập"),
  /** What the footer carries, as Vietnamese news sites must; every field optional. */
  footer: z
    .strictObject({
      publisher: z.string().trim().min(1).optional(),
      editorInChief: z.string().trim().min(1).optional(),
      address: z.string().trim().min(1).optional(),
      licence: z.string().trim().min(1).optional(),
      phone: z.string().trim().min(1).optional(),
      email: z.string().trim().min(1).optional(),
    })
    .default({}),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;

/** Validates raw site.json data; returns the config or the list of `field: message` problems. */
export function parseSiteConfig(raw: unknown): { config: SiteConfig } | { problems: { field: string; message: string }[] } {
  const result = siteConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data };
  return {
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join(".") || "(file)",
      message: issue.message,
    })),
  };
}
