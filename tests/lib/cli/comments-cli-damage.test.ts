import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentKey, CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { BantinError } from "../../../lib/core/errors.ts";
import { runModerationCommand, type CliContext } from "../../../lib/cli/index.ts";
import { makeTempDir, ROOT } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("cli-damage");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

let stores = 0;
function setup() {
  const dir = path.join(temp, `store-${++stores}`);
  // The raw backend is for set-up and for looking at keys the store API does not show.
  const backend = createFileBackend(dir);
  const store = new CommentStore(backend);
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    store,
    timeZone: "Asia/Ho_Chi_Minh",
    now: new Date(),
    env: { BANTIN_EDITOR: "Huy" },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { dir, backend, store, out, err, run: (...argv: string[]) => runModerationCommand(argv, ctx) };
}

/** A good comment, a truncated one, an empty file and a record of the wrong shape, as files. */
async function seedDamage(dir: string, store: CommentStore) {
  const good = await seedComment(store, { slug: "bai", name: "An", content: "Còn nguyên", status: "approved" });
  const cut = await seedComment(store, { slug: "bai", name: "Bình", content: "Bị cắt" });
  const empty = await seedComment(store, { slug: "bai", name: "Chi", content: "Rỗng" });
  const shape = await seedComment(store, { slug: "bai-hai", name: "Dũng", content: "Sai dạng" });
  const file = (slug: string, id: string) => path.join(dir, "comments", slug, `${id}.json`);
  const text = await fs.readFile(file("bai", cut.id), "utf8");
  await fs.writeFile(file("bai", cut.id), text.slice(0, text.length / 2));
  await fs.writeFile(file("bai", empty.id), "");
  await fs.writeFile(file("bai-hai", shape.id), JSON.stringify({ id: shape.id, text: "không phải bình luận" }));
  return { good, cut, empty, shape, keys: [`comments/bai/${cut.id}`, `comments/bai/${empty.id}`, `comments/bai-hai/${shape.id}`] };
}

describe("npm run comments with damaged records", () => {
  it("lists, exports, shows and deletes around damaged records, naming each key", async () => {
    const { dir, store, out, err, run } = setup();
    const { good, cut, empty, shape, keys } = await seedDamage(dir, store);
    expect(await run("list")).toBe(0);
    expect(out.splice(0)[0]).toContain(good.id);
    for (const key of keys) expect(err.join("\n")).toContain(key);
    err.length = 0;
    expect(await run("export")).toBe(0);
    expect(JSON.parse(out.splice(0)[0]!)).toEqual([good]);
    expect(err).toHaveLength(3);
    expect(await run("show", cut.id)).toBe(0);
    expect(out.at(-1)).toContain(`key:       comments/bai/${cut.id}`);
    expect(out.at(-1)).toContain("not JSON");
    expect(await run("show", empty.id)).toBe(0);
    expect(out.at(-1)).toContain("(empty)");
    err.length = 0;
    expect(await run("approve", shape.id)).toBe(1);
    expect(err[0]).toContain(`comments/bai-hai/${shape.id}`);
    expect(err[0]).toContain("wrong shape");
    expect(await run("delete", cut.id, shape.id)).toBe(0);
    expect(await store.readRawText(commentKey("bai", cut.id))).toBeNull();
    expect(await store.readRawText(commentKey("bai-hai", shape.id))).toBeNull();
    expect((await store.rebuild.listChanges()).length).toBe(2);
  });

  it("doctor lists damaged records and leftovers; --fix moves them to damaged/ keeping their text", async () => {
    const { dir, backend, store, out, run } = setup();
    const { good, keys } = await seedDamage(dir, store);
    await backend.create(commentKey("bai-ba", good.id), good);
    const stale = path.join(dir, "comments", "bai", `.${good.id}.json.0123456789ab.tmp`);
    const fresh = path.join(dir, "comments", "bai", `.${good.id}.json.ba9876543210.tmp`);
    await fs.writeFile(stale, '{"id":');
    await fs.writeFile(fresh, '{"id":');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await fs.utimes(stale, twoHoursAgo, twoHoursAgo);
    const before = await Promise.all(keys.map((key) => store.readRawText(key)));

    expect(await run("doctor")).toBe(1);
    const report = out.splice(0).join("\n");
    for (const key of keys) expect(report).toContain(key);
    expect(report).toContain(`comments/bai-ba/${good.id}: the record inside belongs under "comments/bai/${good.id}"`);
    expect(report).toContain(`comments/bai/.${good.id}.json.0123456789ab.tmp`);
    expect(report).not.toContain("ba9876543210");
    expect(report).toContain("doctor --fix");

    expect(await run("doctor", "--fix")).toBe(0);
    expect(out.splice(0).join("\n")).toContain(`→ moved to damaged/${keys[0]}`);
    expect(await Promise.all(keys.map((key) => backend.getText(`damaged/${key}`)))).toEqual(before);
    await expect(fs.stat(stale)).rejects.toThrow();
    await fs.stat(fresh);
    expect(await store.list()).toEqual([good]);
    expect(await run("doctor")).toBe(0);
    expect(out.splice(0)).toEqual(["The comment store is healthy: every comment record reads, and no temporary files are left over."]);
  });

  it("refuses an --article that is not a slug", async () => {
    const { run } = setup();
    await expect(run("list", "--article", "../../..")).rejects.toThrow(BantinError);
    await expect(run("list", "--article", "../../..")).rejects.toThrow(/is not an article slug/);
  });

  it("never half-applies a decision when the change-note folder cannot be written; running it again finishes it", async () => {
    const { dir, store, err, run } = setup();
    const record = await seedComment(store, { slug: "bai", name: "An", content: "Chờ duyệt", email: "an@example.com" });
    await run("approve", record.id);
    // A plain file where the change-note folder should be: no folder can be made there, even as root.
    await fs.rm(path.join(dir, "changes"), { recursive: true, force: true });
    await fs.writeFile(path.join(dir, "changes"), "");
    err.length = 0;
    expect(await run("reject", record.id)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain("\n");
    expect(err[0]).toContain(record.id);
    expect(err[0]).toMatch(/"changes\/[0-9A-Z]{26}"/);
    expect(err[0]).toMatch(/EEXIST|ENOTDIR/);
    expect(err[0]).toContain("run the same command again");
    expect((await store.get(record.id))?.status).toBe("approved");
    await fs.rm(path.join(dir, "changes"));
    expect(await run("reject", record.id)).toBe(0);
    expect((await store.get(record.id))?.status).toBe("rejected");
    expect(await store.rebuild.listChanges()).toHaveLength(1);
    expect(await store.trust.isTrusted("an@example.com")).toBe(false);
  });

  it("prints one line, no stack trace, from the real command", async () => {
    const { dir, store } = setup();
    await seedDamage(dir, store);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/comments.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: dir },
        encoding: "utf8",
      });
    const listed = run("list");
    expect(listed.status).toBe(0);
    expect(listed.stderr).not.toMatch(/\n\s+at /);
    expect(listed.stderr).toContain("skipped damaged comment record");
    const walked = run("list", "--article", "../../..");
    expect(walked.status).toBe(1);
    expect(walked.stderr.trim().split("\n")).toHaveLength(1);
  });
});
