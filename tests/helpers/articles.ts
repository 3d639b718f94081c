import type { Article } from "../../lib/core/article.ts";

/**
 * A rendered article for tests of the pure core: the slug and section make its file and URL, the
 * date its ISO form and month; everything else is a plain default that `over` can replace.
 */
export function makeArticle(slug: string, over: Partial<Article> = {}): Article {
  const section = over.section ?? { name: "Đời sống", slug: "doi-song", url: "/doi-song/" };
  const date = over.date ?? new Date(Date.UTC(2025, 0, 1));
  const dateIso = over.dateIso ?? date.toISOString();
  return {
    file: `content/articles/${slug}.md`,
    slug,
    url: `${section.url}${slug}/`,
    title: slug,
    lead: null,
    author: "A",
    photoCredit: null,
    section,
    tags: [],
    date,
    dateIso,
    dateLine: "",
    dateShort: "",
    monthKey: dateIso.slice(0, 7),
    acceptsComments: true,
    pin: null,
    image: null,
    updated: null,
    headPhoto: null,
    byline: [],
    bodyHtml: "<p>x</p>",
    ...over,
  };
}
