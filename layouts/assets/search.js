// The search page: reads ?q=, asks the Pagefind index the build wrote (/pagefind/, one shard a year) and lists the
// articles found. Every text from the index is put on the page with textContent; the only markup
// kept from an excerpt is Pagefind's <mark> around the words that matched.
const root = document.querySelector(".search-page");
const t = JSON.parse(root.dataset.strings);
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 20;

const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A status line, optionally ending with a link to the archive (for when search cannot help). */
function say(text, withArchive = false) {
  status.replaceChildren(text);
  if (withArchive) {
    const link = element("a", "", t.archiveLink);
    link.href = root.dataset.archive;
    status.append(" ", link, ".");
  }
}

/**
 * Pagefind's excerpt is text with `<` and `>` written as entities and the matched words in <mark>:
 * rebuilt here as text nodes and <mark> elements, so nothing in an article can become markup.
 */
function renderExcerpt(excerpt) {
  const paragraph = element("p", "search-excerpt");
  const decode = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const marked = part.match(/^<mark>(.*)<\/mark>$/);
    paragraph.append(marked ? element("mark", "", decode(marked[1])) : decode(part));
  });
  return paragraph;
}

function renderResult(data) {
  const item = element("li", "search-result");
  const heading = element("h2", "search-title");
  const link = element("a", "", data.meta.title ?? data.url);
  link.href = data.url;
  heading.append(link);
  const line = element("p", "search-meta");
  if (data.meta.section) line.append(element("span", "search-section", data.meta.section));
  if (data.meta.date) {
    const time = element("time", "", data.meta.date);
    if (data.meta.datetime) time.dateTime = data.meta.datetime;
    if (line.childNodes.length) line.append(" · ");
    line.append(time);
  }
  item.append(heading, line, renderExcerpt(data.excerpt ?? ""));
  return item;
}

/**
 * Pagefind, with every shard of the index loaded: the build writes one index per year and lists them,
 * newest first, in /pagefind/shards.json. The newest is imported; the others are merged into it, so a
 * search asks all of them and ranks their results together.
 */
async function loadPagefind() {
  const answer = await fetch("/pagefind/shards.json");
  if (!answer.ok) throw new Error(`shards.json: HTTP ${answer.status}`);
  const { shards } = await answer.json();
  if (shards.length === 0) return null;
  const pagefind = await import(`${shards[0]}pagefind.js`);
  // On the page's own thread: the CSP's 'wasm-unsafe-eval' is granted to this page, not to a worker.
  await pagefind.options({ noWorker: true, excerptLength: 32 });
  // Each merged shard takes its options here (options() above sets the newest one's only).
  for (const shard of shards.slice(1)) await pagefind.mergeIndex(shard, { excerptLength: 32 });
  return pagefind;
}

async function run(query) {
  say(t.loading);
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch {
    say(t.failed, true);
    return;
  }
  if (!pagefind) {
    say(fill(t.none, { query }), true);
    return;
  }
  const search = await pagefind.search(query);
  const results = search?.results ?? [];
  if (results.length === 0) {
    say(fill(t.none, { query }), true);
    return;
  }
  say(fill(t.found, { query, count: results.length }));
  let shown = 0;
  const showMore = async () => {
    more.disabled = true;
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
    list.append(...page.map(renderResult));
    shown += page.length;
    more.disabled = false;
    more.hidden = shown >= results.length;
  };
  more.addEventListener("click", showMore);
  await showMore();
}

const query = (new URLSearchParams(location.search).get("q") ?? "").trim();
input.value = query;
if (query) run(query);
else say(t.prompt);
