import { describe, expect, it } from "vitest";
import { getLargestVariant, renderPicture, type PhotoSet } from "../../../lib/core/picture.ts";

const set: PhotoSet = {
  formats: [
    {
      format: "avif",
      mimeType: "image/avif",
      variants: [
        { url: "/a/400.avif", width: 400, height: 300 },
        { url: "/a/800.avif", width: 800, height: 600 },
      ],
    },
    {
      format: "jpeg",
      mimeType: "image/jpeg",
      variants: [
        { url: "/a/400.jpg", width: 400, height: 300 },
        { url: "/a/800.jpg", width: 800, height: 600 },
        { url: "/a/1200.jpg", width: 1200, height: 900 },
      ],
    },
  ],
};

describe("renderPicture", () => {
  it("writes one source per modern format and a JPEG fallback sized as the largest file", () => {
    expect(renderPicture(set, { alt: "Cầu", sizes: "100vw", eager: false })).toBe(
      '<picture><source type="image/avif" srcset="/a/400.avif 400w, /a/800.avif 800w" sizes="100vw">' +
        '<img src="/a/800.jpg" srcset="/a/400.jpg 400w, /a/800.jpg 800w, /a/1200.jpg 1200w" sizes="100vw" width="1200" height="900" alt="Cầu" loading="lazy" decoding="async"></picture>',
    );
  });

  it("loads the first photo eagerly with high priority", () => {
    const html = renderPicture(set, { alt: "", sizes: "100vw", eager: true });
    expect(html).toContain('loading="eager" fetchpriority="high"');
    expect(html).not.toContain("lazy");
  });

  it("escapes alt, sizes, class and URLs", () => {
    const evil: PhotoSet = {
      formats: [{ format: "jpeg", mimeType: "image/jpeg", variants: [{ url: '/a/"x<.jpg', width: 10, height: 5 }] }],
    };
    const html = renderPicture(evil, { alt: `"><script>'`, sizes: '"', eager: false, className: 'a"b' });
    expect(html).toBe(
      '<picture class="a&quot;b"><img src="/a/&quot;x&lt;.jpg" srcset="/a/&quot;x&lt;.jpg 10w" sizes="&quot;" width="10" height="5" ' +
        'alt="&quot;&gt;&lt;script&gt;&#39;" loading="lazy" decoding="async"></picture>',
    );
  });

  it("renders nothing for an empty set", () => {
    expect(renderPicture({ formats: [] }, { alt: "x", sizes: "1px", eager: true })).toBe("");
    expect(
      renderPicture({ formats: [{ format: "jpeg", mimeType: "image/jpeg", variants: [] }] }, { alt: "x", sizes: "1px", eager: true }),
    ).toBe("");
  });
});

describe("getLargestVariant", () => {
  it("is the widest fallback file, or null", () => {
    expect(getLargestVariant(set)).toEqual({ url: "/a/1200.jpg", width: 1200, height: 900 });
    expect(getLargestVariant({ formats: [] })).toBeNull();
    expect(getLargestVariant({ formats: [{ format: "jpeg", mimeType: "image/jpeg", variants: [] }] })).toBeNull();
  });
});
