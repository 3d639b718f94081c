import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/** What the benchmark corpus holds. */
export interface CorpusOptions {
  dir: string;
  articles: number;
  /** Distinct 3000x2000 photos shared by all articles (0: no photos). */
  photos: number;
  seed?: number;
  /** Minutes between two articles' dates, from 2023-01-01 on (default 97: 16,000 span three years). */
  minutesApart?: number;
}

const SECTIONS = [
  "Tin hoạt động",
  "Khoa học - Công nghệ",
  "Đời sống",
  "Kinh tế",
  "Giáo dục",
  "Y tế",
  "Văn hoá",
  "Thể thao",
  "Môi trường",
  "Quốc tế",
];
const WORDS = (
  "công nghiệp quốc phòng nhà máy cán bộ công nhân viên sản xuất kế hoạch năm nay đơn vị triển khai nhiệm vụ trọng tâm " +
  "chuyển đổi số nâng cao chất lượng hiệu quả đào tạo nguồn nhân lực kỹ thuật hiện đại thiết bị dây chuyền an toàn lao động " +
  "hội nghị tổng kết đánh giá kết quả đạt được đồng thời chỉ ra hạn chế tồn tại giải pháp khắc phục thời gian tới " +
  "người dân địa phương phối hợp chặt chẽ lực lượng chức năng tuyên truyền giáo dục nâng cao nhận thức trách nhiệm " +
  "nghiên cứu ứng dụng khoa học công nghệ sáng kiến cải tiến tiết kiệm chi phí bảo vệ môi trường phát triển bền vững"
).split(" ");

/** A small seeded generator, so the same options always give the same corpus. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => pick(WORDS)).join(" ");
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  return { next, pick, sentence };
}

const TAGS = (() => {
  const random = createRandom(7);
  const tags = new Set<string>();
  while (tags.size < 200) tags.add(`${random.pick(WORDS)} ${random.pick(WORDS)}`);
  return [...tags];
})();

/** The date of the corpus's first article. */
export const CORPUS_START = Date.UTC(2023, 0, 1);

function writeArticle(index: number, options: CorpusOptions, random: ReturnType<typeof createRandom>): string {
  const day = new Date(CORPUS_START + index * (options.minutesApart ?? 97) * 60_000);
  const date = `${new Date(day.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
  const paragraph = () => Array.from({ length: 5 }, () => random.sentence(15 + Math.floor(random.next() * 10))).join(" ");
  const photo = options.photos > 0 ? `./_photos/anh-${index % options.photos}.jpg` : null;
  const tags = Array.from(new Set([random.pick(TAGS), random.pick(TAGS), random.pick(TAGS)]));
  const front = [
    "---",
    `title: "${random.sentence(10).slice(0, -1)} số ${index}"`,
    `date: ${date}`,
    `author: ${random.pick(["Anh Khôi", "Minh Thư", "Quang Huy", "Lan Phương", "Đức Long"])}`,
    `photoCredit: ${random.pick(["Anh Khôi", "Thanh Hà", "Hoàng Nam"])}`,
    `section: ${SECTIONS[index % SECTIONS.length]}`,
    `lead: "BT – ${random.sentence(30)}"`,
    ...(photo ? ["image:", `  src: ${photo}`, `  alt: "Ảnh minh hoạ bài ${index}"`, `  caption: "Chú thích ảnh bài ${index}."`] : []),
    `tags: [${tags.join(", ")}]`,
    "---",
  ];
  const body = [
    paragraph(),
    paragraph(),
    ...(photo ? [`![Ảnh minh hoạ bài ${index}](${photo} "Chú thích ảnh bài ${index}.")`] : []),
    `## ${random.sentence(6).slice(0, -1)}`,
    paragraph(),
    `- ${random.sentence(8)}`,
    `- ${random.sentence(8)}`,
    `- ${random.sentence(8)}`,
    paragraph(),
    `Xem thêm tại [trang thông tin](https://example.vn/tin/${index}). ${paragraph()}`,
  ];
  return `${front.join("\n")}\n\n${body.join("\n\n")}\n`;
}

/** Writes `site.json`, N articles of news length and the shared photos into `options.dir`. */
export async function makeCorpus(options: CorpusOptions): Promise<void> {
  const articles = path.join(options.dir, "articles");
  await fs.mkdir(path.join(articles, "_photos"), { recursive: true });
  await fs.writeFile(
    path.join(options.dir, "site.json"),
    JSON.stringify({ name: "Bản Tin Bench", shortName: "BT", url: "https://bench.example", sections: SECTIONS }),
  );
  const random = createRandom(options.seed ?? 1);
  for (let start = 0; start < options.articles; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(options.articles, start + 500); i++) {
      batch.push(fs.writeFile(path.join(articles, `bai-viet-${i}.md`), writeArticle(i, options, random)));
    }
    await Promise.all(batch);
  }
  for (let i = 0; i < options.photos; i++) {
    const hue = (i * 47) % 360;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},50%,35%)"/></linearGradient></defs><rect width="3000" height="2000" fill="url(#g)"/>${Array.from({ length: 40 }, (_, k) => `<rect x="${(k * 73 + i * 31) % 2900}" y="${900 + ((k * 37) % 700)}" width="${80 + (k % 5) * 30}" height="${300 + (k % 7) * 90}" fill="hsl(${(hue + k * 9) % 360},30%,${30 + (k % 4) * 10}%)"/>`).join("")}</svg>`;
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 88 })
      .toFile(path.join(articles, "_photos", `anh-${i}.jpg`));
  }
}
