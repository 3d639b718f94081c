import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "./text.ts";

/** A photo written in an article body: `![alt](./photo.jpg "Caption")`. */
export interface BodyPhotoRef {
  src: string;
  alt: string;
  caption: string | null;
  /** 1-based line within the body. */
  line: number | null;
  /** True when the photo stands alone in its paragraph and renders as a captioned figure. */
  figure: boolean;
}

/** A parsed article body, ready to render once its photos are processed. */
export interface ParsedBody {
  tokens: Token[];
  photos: BodyPhotoRef[];
}

/** Renders one body photo (a `<picture>` or `<img>`); `index` counts photos from 0 in body order. */
export type RenderPhoto = (ref: BodyPhotoRef, index: number) => string;

// Why html:false: bodies are written in Markdown by many hands; raw HTML would let one article break
// the page layout or smuggle in script that the CSP then blocks. Embeds are out of scope.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

md.renderer.rules.image = (tokens, idx, _options, env: { renderPhoto: RenderPhoto; photos: BodyPhotoRef[] }) => {
  const token = tokens[idx]!;
  const index = token.meta?.photoIndex as number;
  const ref = env.photos[index]!;
  const picture = env.renderPhoto(ref, index);
  if (!ref.figure || !ref.caption) return picture;
  return `${picture}<figcaption>${escapeHtml(ref.caption)}</figcaption>`;
};
md.renderer.rules.figure_open = () => '<figure class="photo">';
md.renderer.rules.figure_close = () => "</figure>\n";

function isBlank(token: Token): boolean {
  return token.type === "softbreak" || (token.type === "text" && token.content.trim() === "");
}

/**
 * Parses a Markdown body and lists its photos. A paragraph holding only a photo becomes a
 * `<figure>`; the photo's title becomes its caption. `#` headings are demoted to `<h2>` because the
 * page's `<h1>` is the article title.
 */
export function parseBody(source: string): ParsedBody {
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
        caption: image.attrGet("title")?.trim() || null,
        line: token.map ? token.map[0] + 1 : null,
        figure,
      });
    }
  }
  return { tokens, photos };
}

/** Renders a parsed body to HTML, asking `renderPhoto` for each photo's markup. */
export function renderBody(parsed: ParsedBody, renderPhoto: RenderPhoto): string {
  return md.renderer.render(parsed.tokens, md.options, { renderPhoto, photos: parsed.photos });
}
