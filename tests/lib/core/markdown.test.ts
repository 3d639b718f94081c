import { describe, expect, it } from "vitest";
import { parseBody, renderBody, splitPhotoTitle, type BodyPhotoRef } from "../../../lib/core/markdown.ts";

const stub = (ref: BodyPhotoRef, index: number) => `[${index}:${ref.src}]`;
const render = (source: string) => renderBody(parseBody(source), stub);

describe("parseBody and renderBody", () => {
  it("makes a photo alone in its paragraph a figure with its title as caption", () => {
    const parsed = parseBody('Mở đầu.\n\n![Cầu Rồng](./cau.jpg "Cầu Rồng <đêm> & ngày")\n\nKết.');
    expect(parsed.photos).toEqual([
      { src: "./cau.jpg", alt: "Cầu Rồng", caption: "Cầu Rồng <đêm> & ngày", credit: null, line: 3, figure: true },
    ]);
    expect(parsed.html).toBe('<p>Mở đầu.</p>\n<figure class="photo"><!--bantin-photo:0--></figure>\n<p>Kết.</p>\n');
    expect(renderBody(parsed, stub)).toBe(
      '<p>Mở đầu.</p>\n<figure class="photo">[0:./cau.jpg]<figcaption>Cầu Rồng &lt;đêm&gt; &amp; ngày</figcaption></figure>\n<p>Kết.</p>\n',
    );
  });

  it("keeps a photo inside text inline, without a figure or caption", () => {
    const parsed = parseBody('Trước ![a](./a.jpg "Chú thích") sau.');
    expect(parsed.photos).toEqual([{ src: "./a.jpg", alt: "a", caption: "Chú thích", credit: null, line: 1, figure: false }]);
    expect(renderBody(parsed, stub)).toBe("<p>Trước [0:./a.jpg] sau.</p>\n");
  });

  it("counts photos in body order with their 1-based lines", () => {
    const parsed = parseBody("Dòng 1\n\n![x](./x.jpg)\n\nchữ\n\n![y](./y.jpg) và ![z](./z.jpg)\n");
    expect(parsed.photos.map((p) => [p.src, p.line, p.figure, p.caption])).toEqual([
      ["./x.jpg", 3, true, null],
      ["./y.jpg", 7, false, null],
      ["./z.jpg", 7, false, null],
    ]);
    expect(renderBody(parsed, stub)).toBe(
      '<p>Dòng 1</p>\n<figure class="photo">[0:./x.jpg]</figure>\n<p>chữ</p>\n<p>[1:./y.jpg] và [2:./z.jpg]</p>\n',
    );
  });

  it("demotes # headings to h2 and leaves deeper ones", () => {
    expect(render("# Một\n\n## Hai\n\n### Ba")).toBe("<h2>Một</h2>\n<h2>Hai</h2>\n<h3>Ba</h3>\n");
  });

  it("shows raw HTML as text, including a forged photo slot", () => {
    expect(render('<script>alert("x")</script>')).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n");
    const forged = parseBody("<!--bantin-photo:0-->");
    expect(forged.photos).toEqual([]);
    expect(renderBody(forged, stub)).toBe("<p>&lt;!--bantin-photo:0--&gt;</p>\n");
  });

  it("links bare addresses only when the body has one", () => {
    expect(render("Xem https://example.com/a nhé")).toBe('<p>Xem <a href="https://example.com/a">https://example.com/a</a> nhé</p>\n');
    expect(render("Thư: ban@example.com")).toBe('<p>Thư: <a href="mailto:ban@example.com">ban@example.com</a></p>\n');
    expect(render("Tên miền example.com và [liên kết](https://example.com)")).toBe(
      '<p>Tên miền example.com và <a href="https://example.com">liên kết</a></p>\n',
    );
  });

  it("renders an empty body as nothing", () => {
    expect(parseBody("")).toEqual({ html: "", photos: [] });
  });
});

describe("a body photo's own credit", () => {
  it("is what follows a bar and Ảnh: (or Photo:) at the end of the title", () => {
    expect(splitPhotoTitle("Công nhân ca đêm. | Ảnh: TTXVN")).toEqual({ caption: "Công nhân ca đêm.", credit: "TTXVN" });
    expect(splitPhotoTitle("Bếp ăn |ảnh:Lê Thu Hà")).toEqual({ caption: "Bếp ăn", credit: "Lê Thu Hà" });
    expect(splitPhotoTitle("Cầu mới | Photo: Reuters")).toEqual({ caption: "Cầu mới", credit: "Reuters" });
    expect(splitPhotoTitle("| Ảnh: TTXVN")).toEqual({ caption: null, credit: "TTXVN" });
  });

  it("leaves a caption alone when it only has a bar or the word Ảnh in it", () => {
    expect(splitPhotoTitle("Hà Nội | Hải Phòng")).toEqual({ caption: "Hà Nội | Hải Phòng", credit: null });
    expect(splitPhotoTitle("Ảnh: toàn cảnh nhà máy")).toEqual({ caption: "Ảnh: toàn cảnh nhà máy", credit: null });
    expect(splitPhotoTitle("Triển lãm | Ảnh:")).toEqual({ caption: "Triển lãm | Ảnh:", credit: null });
    expect(splitPhotoTitle("")).toEqual({ caption: null, credit: null });
  });

  it("ends the figcaption, escaped, after the caption; an inline photo gets none", () => {
    const parsed = parseBody('![a](./a.jpg "Ca <đêm> | Ảnh: TTXVN")\n\nChữ ![b](./b.jpg "B | Ảnh: X") chữ.');
    expect(parsed.photos.map((p) => [p.caption, p.credit])).toEqual([
      ["Ca <đêm>", "TTXVN"],
      ["B", "X"],
    ]);
    const credit = (ref: BodyPhotoRef) => (ref.credit ? `Ảnh: ${ref.credit} & co` : null);
    expect(renderBody(parsed, stub, credit)).toBe(
      '<figure class="photo">[0:./a.jpg]<figcaption>Ca &lt;đêm&gt; <span class="photo-credit">Ảnh: TTXVN &amp; co</span></figcaption></figure>\n' +
        "<p>Chữ [1:./b.jpg] chữ.</p>\n",
    );
  });

  it("gives a figure without a caption a figcaption of the credit alone", () => {
    const parsed = parseBody("![a](./a.jpg)");
    expect(renderBody(parsed, stub, () => "Ảnh: LÊ THU HÀ")).toBe(
      '<figure class="photo">[0:./a.jpg]<figcaption><span class="photo-credit">Ảnh: LÊ THU HÀ</span></figcaption></figure>\n',
    );
  });
});
