import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateSearchIndex } from "../../../lib/build/search-index.ts";
import { type SearchRecord, toSearchEntry } from "../../../lib/core/search-records.ts";
import { listFiles, makeTempDir } from "../../helpers/build-site.ts";

// The index as the build writes it, from records straight to real Pagefind: one shard per year,
// each indexed again only when its own records changed.
let temp: string;
const site = () => path.join(temp, "site");
const cache = () => path.join(temp, "cache");

beforeAll(async () => {
  temp = await makeTempDir("search-index");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

const record = (slug: string, datetime: string, content: string): SearchRecord => ({
  url: `/tin/${slug}/`,
  language: "vi",
  content,
  meta: { title: slug, datetime },
  filters: {},
  sort: { date: datetime },
});

let records = [
  record("a-2020", "2020-03-01T08:00:00+07:00", "Cải cách hành chính năm trước."),
  record("b-2021", "2021-06-01T08:00:00+07:00", "Cải cách hành chính năm nay."),
  record("c-2021", "2021-12-31T23:30:00+07:00", "Bài cuối năm."),
];

/** The modification time of every file of the index. */
async function readMtimes(): Promise<Map<string, number>> {
  const dir = path.join(site(), "pagefind");
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, (await fs.stat(path.join(dir, file))).mtimeMs] as const)));
}

const readManifest = async () => JSON.parse(await fs.readFile(path.join(site(), "pagefind", "shards.json"), "utf8"));

describe("updateSearchIndex", () => {
  it("writes one shard per year and a manifest listing them newest first", async () => {
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "written", pages: 3, shards: ["2021", "2020"], indexed: ["2021", "2020"], removed: 0 });
    expect(await readManifest()).toEqual({ shards: ["/pagefind/2021/", "/pagefind/2020/"] });
    const files = await listFiles(path.join(site(), "pagefind"));
    for (const year of ["2020", "2021"]) {
      expect(files).toContain(`${year}/pagefind.js`);
      expect(files).toContain(`${year}/pagefind-entry.json`);
      const entry = JSON.parse(await fs.readFile(path.join(site(), "pagefind", year, "pagefind-entry.json"), "utf8"));
      expect(entry.languages.vi.page_count).toBe(year === "2021" ? 2 : 1);
    }
    expect(files.filter((file) => /pagefind-(ui|modular-ui|component-ui|highlight|worker)/.test(file))).toEqual([]);
  });

  it("touches nothing when no record changed", async () => {
    const before = await readMtimes();
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "unchanged", indexed: [], written: 0, removed: 0 });
    expect(await readMtimes()).toEqual(before);
  });

  it("re-indexes only the shard of the year whose article was edited", async () => {
    const before = await readMtimes();
    records = records.map((r) => (r.url === "/tin/b-2021/" ? { ...r, content: `${r.content} Một đoạn thêm.` } : r));
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "written", indexed: ["2021"] });
    expect(result.written).toBeGreaterThan(0);
    const after = await readMtimes();
    const touched = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
    expect(touched.length).toBeGreaterThan(0);
    expect(
      touched.every((file) => file.startsWith("2021/")),
      touched.join(", "),
    ).toBe(true);
  });

  it("writes the same files as an index built from nothing", async () => {
    const fresh = path.join(temp, "fresh");
    await updateSearchIndex(records.map(toSearchEntry), fresh, path.join(temp, "fresh-cache"));
    const files = await listFiles(path.join(fresh, "pagefind"));
    expect(await listFiles(path.join(site(), "pagefind"))).toEqual(files);
    for (const file of files) {
      const [mine, theirs] = await Promise.all([
        fs.readFile(path.join(site(), "pagefind", file)),
        fs.readFile(path.join(fresh, "pagefind", file)),
      ]);
      expect(mine.equals(theirs), file).toBe(true);
    }
  });

  it("indexes a shard again when one of its files is gone, though no record changed", async () => {
    await fs.rm(path.join(site(), "pagefind", "2020", "pagefind.js"));
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "written", indexed: ["2020"], written: 1, removed: 0 });
  });

  it("deletes the shard of a year with no article left, and lists the others", async () => {
    records = records.filter((r) => !r.url.includes("2020"));
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "written", shards: ["2021"], indexed: [], written: 1 });
    expect(result.removed).toBeGreaterThan(0);
    expect(await readManifest()).toEqual({ shards: ["/pagefind/2021/"] });
    expect((await listFiles(path.join(site(), "pagefind"))).filter((file) => !file.startsWith("2021/"))).toEqual(["shards.json"]);
  });

  it("removes the files of an index of the older, unsharded layout", async () => {
    await fs.writeFile(path.join(site(), "pagefind", "pagefind.js"), "old");
    const result = await updateSearchIndex(records.map(toSearchEntry), site(), cache());
    expect(result).toMatchObject({ status: "written", indexed: [], written: 0, removed: 1 });
  });
});

describe("updateSearchIndex on a year above the shard size", () => {
  const months = [
    record("m-jan-1", "2023-01-05T08:00:00+07:00", "Cải cách hành chính tháng một."),
    record("m-jan-2", "2023-01-06T08:00:00+07:00", "Chuyển đổi số tháng một."),
    record("m-feb", "2023-02-05T08:00:00+07:00", "Nhà máy tháng hai."),
    record("m-mar", "2023-03-05T08:00:00+07:00", "Đào tạo nguồn nhân lực tháng ba."),
  ];

  it("writes one shard a month, the same bytes from two Pagefind processes as from one, and leaves none running", async () => {
    const one = path.join(temp, "one-service");
    const two = path.join(temp, "two-services");
    const a = await updateSearchIndex(months.map(toSearchEntry), one, path.join(temp, "one-cache"), { services: 1, shardSize: 2 });
    const b = await updateSearchIndex(months.map(toSearchEntry), two, path.join(temp, "two-cache"), { services: 2, shardSize: 2 });
    for (const result of [a, b])
      expect(result).toMatchObject({ shards: ["2023-03", "2023-02", "2023-01"], indexed: ["2023-03", "2023-02", "2023-01"] });
    expect(await readJson(path.join(two, "pagefind", "shards.json"))).toEqual({
      shards: ["/pagefind/2023-03/", "/pagefind/2023-02/", "/pagefind/2023-01/"],
    });
    const files = await listFiles(path.join(one, "pagefind"));
    expect(await listFiles(path.join(two, "pagefind"))).toEqual(files);
    for (const file of files) {
      const [mine, theirs] = await Promise.all([
        fs.readFile(path.join(one, "pagefind", file)),
        fs.readFile(path.join(two, "pagefind", file)),
      ]);
      expect(mine.equals(theirs), file).toBe(true);
    }
    expect((await readJson(path.join(two, "pagefind", "2023-01", "pagefind-entry.json"))).languages.vi.page_count).toBe(2);
    expect(await listPagefindProcesses()).toEqual([]);
  });

  it("re-indexes only the month of the edited article", async () => {
    const edited = months.map((r) => (r.url === "/tin/m-feb/" ? { ...r, content: `${r.content} Thêm một câu.` } : r));
    const result = await updateSearchIndex(edited.map(toSearchEntry), path.join(temp, "two-services"), path.join(temp, "two-cache"), {
      services: 2,
      shardSize: 2,
    });
    expect(result).toMatchObject({ status: "written", indexed: ["2023-02"] });
  });
});

const readJson = async (file: string) => JSON.parse(await fs.readFile(file, "utf8"));

/** Pagefind service processes this test process started that still run (from /proc: name, parent, state). */
async function listPagefindProcesses(): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await fs.readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const name = await fs.readFile(`/proc/${pid}/comm`, "utf8").catch(() => "");
    const state = await fs.readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    // Fields after the name: state, then parent's pid. A zombie has exited and only awaits collection.
    const [status, parent] = state.slice(state.lastIndexOf(")") + 2).split(" ");
    if (name.startsWith("pagefind") && parent === String(process.pid) && status !== "Z") found.push(`${pid} ${name.trim()}`);
  }
  return found;
}
