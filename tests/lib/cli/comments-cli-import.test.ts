import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModerationCommand, type CliContext } from "../../../lib/cli/index.ts";
import { CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("cli-import");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

let stores = 0;
/** A CLI on a file store whose writes are written down in order as "operation key". */
function setup() {
  const writes: string[] = [];
  const backend = wrapBackend(createFileBackend(path.join(temp, `store-${++stores}`)), (operation, key) => {
    if (["create", "createText", "put", "delete"].includes(operation)) writes.push(`${operation} ${key}`);
  });
  const store = new CommentStore(backend);
  const out: string[] = [];
  const ctx: CliContext = {
    store,
    timeZone: "UTC",
    now: new Date("2026-11-26T10:00:00Z"),
    env: { BANTIN_EDITOR: "Huy" },
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  };
  return { store, out, writes, run: (...argv: string[]) => runModerationCommand(argv, ctx) };
}

async function exportFrom(records: Parameters<typeof seedComment>[1][]): Promise<{ file: string; ids: string[] }> {
  const source = setup();
  const ids: string[] = [];
  for (const fields of records) ids.push((await seedComment(source.store, fields)).id);
  await source.run("export");
  const file = path.join(temp, `export-${stores}.json`);
  await fs.writeFile(file, source.out[0]!);
  return { file, ids };
}

describe("npm run comments -- import", () => {
  it("notes the change before the record, marks it decided, trusts an approved email, and finds it by id", async () => {
    const { file, ids } = await exportFrom([{ slug: "bai", name: "An", content: "Đã duyệt", email: "an@example.com", status: "approved" }]);
    const { store, writes, run } = setup();
    expect(await run("import", file)).toBe(0);
    const note = writes.findIndex((write) => write.startsWith("create changes/"));
    const record = writes.findIndex((write) => write.startsWith("create comments/"));
    expect(note).toBeGreaterThanOrEqual(0);
    expect(note).toBeLessThan(record);
    expect(writes).toContain(`put decided/${ids[0]}`);
    expect(await store.trust.isTrusted("an@example.com")).toBe(true);
    expect(await store.listPending()).toEqual([]);
    expect((await store.get(ids[0]!))?.status).toBe("approved");
    expect(writes).toContain(`create ids/${ids[0]}`);
  });

  it("leaves out a record that is the same comment as one already stored under another id", async () => {
    const { file } = await exportFrom([{ slug: "bai", name: "Bình", content: "Cùng một ý", email: "binh@example.com" }]);
    const { store, out, run } = setup();
    const first = await seedComment(store, { slug: "bai", name: "Bình", content: "Cùng một ý", email: "binh@example.com" });
    expect(await run("import", file)).toBe(0);
    expect(out.at(-1)).toBe(
      "Imported 0 comment(s); 0 were already in the store and left as they are. 1 were the same as a stored comment (article, email and text) and left out.",
    );
    expect((await store.list()).map((record) => record.id)).toEqual([first.id]);
  });
});
