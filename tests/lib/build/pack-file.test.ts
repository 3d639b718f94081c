import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackFile, writePackFile, type PackEntry } from "../../../lib/build/pack-file.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { BODIES, makeEntry, writeSample } from "../../helpers/packs.ts";

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir("pack-file");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const bodyOf = (entries: Map<string, PackEntry>, name: string) => entries.get(name)?.parsed.article?.body.html;

describe("pack files", () => {
  it("keeps every entry and reads each body back byte for byte, on demand", async () => {
    const file = path.join(dir, "pack-0.v8");
    const written = writeSample(file);
    // The written entries now read their bodies from the file, too.
    for (const [name, html] of Object.entries(BODIES)) expect(bodyOf(written, name)).toBe(html);
    const read = readPackFile(file);
    expect([...read.keys()]).toEqual(["a.md", "b.md", "c.md", "d.md"]);
    expect(read.get("d.md")?.parsed.article).toBeNull();
    for (const [name, html] of Object.entries(BODIES)) expect(bodyOf(read, name)).toBe(html);
    expect(read.get("a.md")).toMatchObject({ key: "key-a.md", parsed: { article: { data: { title: "a.md" } } } });
    expect(await fs.readdir(dir)).toEqual(["pack-0.v8"]);
  });

  it("rewrites a pack from one it read, and a body read before the rewrite still reads its own bytes", async () => {
    const file = path.join(dir, "pack-1.v8");
    writeSample(file);
    const first = readPackFile(file);
    const changed = new Map(first);
    changed.set("a.md", makeEntry("a.md", "<p>Bản sửa</p>"));
    const before = first.get("b.md")!.parsed.article!.body;
    writePackFile(file, `${file}.tmp`, changed);
    const again = readPackFile(file);
    expect(bodyOf(again, "a.md")).toBe("<p>Bản sửa</p>");
    expect(bodyOf(again, "b.md")).toBe(BODIES["b.md"]);
    expect(before.html).toBe(BODIES["b.md"]);
  });

  it("reads a damaged, cut or foreign file as empty", async () => {
    const file = path.join(dir, "pack-2.v8");
    writeSample(file);
    const whole = await fs.readFile(file);
    for (const damaged of [whole.subarray(0, whole.length - 1), Buffer.from("not a pack"), Buffer.concat([whole, Buffer.from("x")])]) {
      await fs.writeFile(file, damaged);
      expect(readPackFile(file).size).toBe(0);
    }
    expect(readPackFile(path.join(dir, "missing.v8")).size).toBe(0);
  });
});
