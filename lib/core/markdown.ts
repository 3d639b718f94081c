import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "./text.ts";

/** A photo written in an article body: `![alt](./photo.jpg "Caption")`. */
export interface BodyPhotoRef {
  src: string;
  alt: string;
  caption: string | null;
  /** The photo's own credit, written at the end of its title: `"Caption | Ảnh: TTXVN"`. */
  credit: string | null;
  /** 1-based line within the body. */
  line: number | null;
  /** True when the photo stands alone in its paragraph and renders as a captioned figure. */
  figure: boolean;
}

/** A rendered article body whose photos are still slots, to be filled once they are processed. */
export interface ParsedBody {
  html: string;
  photos: BodyPhotoRef[];
}

/** Renders one body photo (a `<picture>` or `<img>`); `index` counts photos from 0 in body order. */
export type RenderPhoto = (ref: BodyPhotoRef, index: number) => string;

/** The credit text a captioned photo's figcaption ends with (`Ảnh: TTXVN`), or null. */
export type DescribeCredit = (ref: BodyPhotoRef) => string | null;

// A photo's own credit ends its title after a bar and the word "Ảnh" (or "Photo") and a colon:
// `"Caption | Ảnh: TTXVN"`. Why this shape: a bar followed by that label does not occur in a
// caption, so no caption is cut by mistake, and writers type it as papers print it.
const CREDIT = /(?:^|\s)\|\s*(?:ảnh|photo)\s*:\s*(\S.*)$/iu;

/** A photo title split into its caption and its own credit (see CREDIT). */
export function splitPhotoTitle(title: string): { caption: string | null; credit: string | null } {
  const match = CREDIT.exec(title);
  if (!match) return { caption: title.trim() || null, credit: null };
  return { caption: title.slice(0, match.index).trim() || null, credit: match[1]!.trim() };
}

// Why html:false: bodies are written in Markdown by many hands; raw HTML would let one article break
// the page layout or smuggle in script that the CSP then blocks. Embeds are out of scope.
// Why two instances: turning bare URLs into links costs a regex pass over every text run, so the
// linkifying parser is used only for bodies that contain something that looks like a URL.
const plain = new MarkdownIt({ html: false, linkify: false, typographer: false });
const linkifying = new MarkdownIt({ html: false, linkify: true, typographer: false });

// A web address or email not already inside Markdown link syntax `(...)` or `<...>`.
const BARE_LINK = /(?<![(</\w])(?:https?:\/\/|www\.)|[\w.+-]@[\w-]+\.\w/i;

// A photo is written as a slot that cannot come from Markdown (raw HTML is escaped), filled in later.
const SLOT = /<!--bantin-photo:(\d+)-->/g;

for (const md of [plain, linkifying]) {
  md.renderer.rules.image = (tokens, idx) => `<!--bantin-photo:${tokens[idx]!.meta?.photoIndex as number}-->`;
  md.renderer.rules.figure_open = () => '<figure class="photo">';
  md.renderer.rules.figure_close = () => "</figure>\n";
}

function isBlank(token: Token): boolean {
  return token.type === "softbreak" || (token.type === "text" && token.content.trim() === "");
}

/**
 * Renders a Markdown body to HTML with a slot for each photo, and lists the photos. A paragraph holding only a photo becomes a
 * `<figure>`; the photo's title becomes its caption. `#` headings are demoted to `<h2>` because the
 * page's `<h1>` is the article title.
 */
export function parseBody(source: string): ParsedBody {
  const md = BARE_LINK.test(source) ? linkifying : plain;
  const tokens = md.parse(source, {});
  const photos: BodyPhotoRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    if (token.type !== "inline" || !token.children) continue;
    const images = token.children.filter((child) => child.type === "image");
    const alone = images.length === 1 && token.children.every((child) => child.type === "image" || isBlank(child));
    const open = tokens[i - 1];
    const close = tokens[i + 1];
    const figure = alone && open?.type === "paragraph_open" && close?.type === "paragraph_close";
    if (figure) {
      open!.type = "figure_open";
      close!.type = "figure_close";
    }
    for (const image of images) {
      image.meta = { photoIndex: photos.length };
      photos.push({
        src: image.attrGet("src") ?? "",
        alt: image.content.trim(),
        ...splitPhotoTitle(image.attrGet("title") ?? ""),
        line: token.map ? token.map[0] + 1 : null,
        figure,
      });
    }
  }
  return { html: md.renderer.render(tokens, md.options, {}), photos };
}

/**
 * The body's HTML with every photo slot filled by `renderPhoto`; a photo alone in its paragraph
 * gets a figcaption of its caption ending with the credit `describeCredit` gives.
 */
export function renderBody(parsed: ParsedBody, renderPhoto: RenderPhoto, describeCredit: DescribeCredit = () => null): string {
  return parsed.html.replace(SLOT, (_slot, digits: string) => {
    const index = Number(digits);
    const ref = parsed.photos[index]!;
    const picture = renderPhoto(ref, index);
    const credit = ref.figure ? describeCredit(ref) : null;
    if (!ref.figure || (!ref.caption && !credit)) return picture;
    return `${picture}${composeFigcaption(ref.caption, credit)}`;
  });
}

/** A figcaption: the caption, then the credit in its own span (escaped). */
export function composeFigcaption(caption: string | null, credit: string | null): string {
  const parts = [caption ? escapeHtml(caption) : "", credit ? `<span class="photo-credit">${escapeHtml(credit)}</span>` : ""];
  return `<figcaption>${parts.filter(Boolean).join(" ")}</figcaption>`;
}
