// The parts of BENCHMARKS.md for the speed issue's targets: the targets table, the rebuild rows,
// `npm start` saving an article and the 100,000-article build (scripts/bench/report.ts writes them).
import { cell, seconds } from "./measure.ts";
import { APPROVED_PER_REBUILD, type RebuildRow } from "./rebuilds.ts";
import type { Report } from "./report.ts";

/** A row of the rebuild table. */
function rebuildLine(label: string, row: RebuildRow, cold: RebuildRow, showCounts = true): string {
  const counts = showCounts ? `${row.rendered} | ${row.parsed}` : "– | –";
  return `| ${label} | ${cell(row.wall)} | ${cell(row.cpu)} | ${Math.round(row.rss.median)} MB | ${(row.wall.median / cold.wall.median).toFixed(2)}× | ${counts} |`;
}

/** Rebuilds (kept output and cache) beside the cold build of the same corpus, and `npm start` saving an article. */
export function describeRebuilds(r: Report): string[] {
  const lines: string[] = [];
  const b = r.rebuilds;
  if (b) {
    lines.push(
      `## Rebuilds (${b.size} articles)`,
      "",
      `${b.runs} rounds, each in this order: a cold build (empty cache and output folder), a rebuild with nothing changed, one after ${APPROVED_PER_REBUILD} comments were approved on ${APPROVED_PER_REBUILD} articles, one after one article was edited${b.hugo ? ", and Hugo's full build" : ""}. Every bantin build is \`npm run build\`'s command; pages rendered and article files parsed are read from its log (median).`,
      "",
      "| build | wall | CPU (user+sys) | peak memory | × bantin cold | pages rendered | files parsed |",
      "|---|---|---|---|---|---|---|",
      rebuildLine("bantin cold", b.cold, b.cold),
      rebuildLine("nothing changed", b.unchanged, b.cold),
      rebuildLine(`${APPROVED_PER_REBUILD} comments approved`, b.comments, b.cold),
      rebuildLine("one article edited", b.edited, b.cold),
      ...(b.hugo ? [rebuildLine("Hugo full build", b.hugo, b.cold, false)] : []),
      "",
    );
  }
  const s = r.serveEdit;
  if (s) {
    lines.push(
      `\`npm start\` on ${s.size} articles (the command of package.json's start script, own port): one article saved ${s.saves} times with a sentence added; from the file's write to its page on disk holding the new text: ${cell(s.updated)}; the last such save rendered ${s.rendered} page(s) (npm start's short path for a text-only save). Then ${s.saves} saves that change its title (front matter: the full incremental rebuild): ${s.retitled ? cell(s.retitled) : "not measured"}. First build of the server: ${seconds(s.firstBuild)} s.`,
      "",
    );
  }
  return lines;
}

/** The cold build of a very large corpus, bantin and Hugo. */
export function describeHuge(r: Report): string[] {
  if (!r.huge) return [];
  return [
    `## ${r.huge.size} articles, cold full build (--huge)`,
    "",
    "| build | wall | CPU (user+sys) | peak memory |",
    "|---|---|---|---|",
    ...r.huge.results.map((h) =>
      h.failed
        ? `| ${h.name} | failed: ${h.failed.replaceAll("|", "/")} | – | – |`
        : `| ${h.name} | ${seconds(h.wall)} s | ${seconds(h.cpu)} s | ${Math.round(h.rssMb)} MB |`,
    ),
    "",
  ];
}

/**
 * The issue's targets, one row each, from whatever this run measured: the ratio or figure and met
 * or not; a row whose phase did not run says so. Sizes are the run's own (smaller in quick mode).
 */
export function describeTargets(r: Report): string[] {
  const sizes = [...new Set(r.builds.map((b) => b.size))];
  const find = (size: number | undefined, name: string) => r.builds.find((b) => b.size === size && b.name === name);
  const [small, large] = [sizes[0], sizes.at(-1)];
  const rows: [string, string, string | null, boolean | null][] = [];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  // A cold build of bantin no slower than `other`'s at `size`.
  const coldAgainst = (size: number | undefined, sizeName: string, other: string) => {
    const mine = find(size, "bantin");
    const theirs = find(size, other);
    rows.push([
      `cold full build, ${size ?? sizeName} articles`,
      `≤ 1.0× ${other}'s wall time`,
      mine && theirs ? ratio(mine.wall.median, theirs.wall.median) : null,
      mine && theirs ? mine.wall.median <= theirs.wall.median : null,
    ]);
  };
  coldAgainst(large, "largest size", "Hugo");
  coldAgainst(small, "smallest size", "bare Eleventy");
  const b = r.rebuilds;
  const at = b ? `, ${b.size}` : "";
  const against = (row: RebuildRow | undefined, limit: number) => (row && b ? row.wall.median / b.cold.wall.median <= limit : null);
  rows.push([
    `rebuild with nothing changed${at}`,
    "≤ 0.15× bantin's cold build",
    b ? ratio(b.unchanged.wall.median, b.cold.wall.median) : null,
    against(b?.unchanged, 0.15),
  ]);
  const hugoFull = b?.hugo;
  rows.push([
    `rebuild after ${APPROVED_PER_REBUILD} comments approved on ${APPROVED_PER_REBUILD} articles${at}`,
    "≤ 0.2× bantin's cold build, and ≤ 0.5× Hugo's full build",
    b
      ? `${ratio(b.comments.wall.median, b.cold.wall.median)} cold${hugoFull ? `, ${ratio(b.comments.wall.median, hugoFull.wall.median)} Hugo` : ", Hugo not run"}`
      : null,
    b ? (against(b.comments, 0.2) ?? false) && (hugoFull ? b.comments.wall.median <= hugoFull.wall.median / 2 : false) : null,
  ]);
  rows.push([
    `rebuild after one article edited${at}`,
    "≤ 0.2× bantin's cold build",
    b ? ratio(b.edited.wall.median, b.cold.wall.median) : null,
    against(b?.edited, 0.2),
  ]);
  const s = r.serveEdit;
  rows.push([
    `\`npm start\`, one article saved${s ? `, ${s.size}` : ""}`,
    "page updated in ≤ 1 s",
    s ? `${s.updated.median.toFixed(2)} s` : null,
    s ? s.updated.median <= 1 : null,
  ]);
  const huge = r.huge?.results.find((h) => h.name === "bantin");
  const hugeHugo = r.huge?.results.find((h) => h.name === "Hugo");
  rows.push([
    `${r.huge?.size ?? "100000"} articles, cold full build`,
    "completes under 2 GiB peak; Hugo's figure beside it",
    huge
      ? `${huge.failed ? "bantin failed" : `${Math.round(huge.rssMb)} MB, ${seconds(huge.wall)} s`}${hugeHugo && !hugeHugo.failed ? ` (Hugo ${Math.round(hugeHugo.rssMb)} MB, ${seconds(hugeHugo.wall)} s)` : ""}`
      : null,
    huge ? !huge.failed && huge.rssMb < 2048 : null,
  ]);
  const largest = find(large, "bantin");
  rows.push([
    `peak memory, ${large ?? "largest size"} articles`,
    "< 1 GiB",
    largest ? `${Math.round(largest.rss.median)} MB` : null,
    largest ? largest.rss.median < 1024 : null,
  ]);
  return [
    "## Targets",
    "",
    "| what | target | measured | met? |",
    "|---|---|---|---|",
    ...rows.map(
      ([what, target, measured, ok]) =>
        `| ${what} | ${target} | ${measured ?? "not run"} | ${ok === null ? "–" : ok ? "met" : "**not met**"} |`,
    ),
    "",
  ];
}
