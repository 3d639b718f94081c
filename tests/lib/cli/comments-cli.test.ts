import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { BantinError } from "../../../lib/core/errors.ts";
import { runModerationCommand, type CliContext } from "../../../lib/cli/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";
import { startHookServer } from "../../helpers/hook-server.ts";

let temp: string;
let hook: Awaited<ReturnType<typeof startHookServer>>;
beforeAll(async () => {
  temp = await makeTempDir("cli");
  hook = await startHookServer();
});
afterAll(async () => {
  await hook.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

let stores = 0;
function setup(env: NodeJS.ProcessEnv = {}) {
  const store = new CommentStore(createFileBackend(path.join(temp, `store-${++stores}`)));
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    store,
    timeZone: "Asia/Ho_Chi_Minh",
    now: new Date("2026-11-26T10:00:00Z"),
    env: { BANTIN_EDITOR: "Huy", ...env },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { store, out, err, run: (...argv: string[]) => runModerationCommand(argv, ctx) };
}

describe("npm run comments", () => {
  it("lists a readable table, filters it, and shows one comment with its email", async () => {
    const { store, out, run } = setup();
    const a = await seedComment(store, {
      slug: "bai-mot",
      name: "Nguyễn An",
      content: "Dòng một\nDòng hai",
      email: "an@example.com",
      at: new Date("2026-11-26T01:30:00Z"),
    });
    await seedComment(store, { slug: "bai-hai", name: "Lê Bình", content: "Khác", status: "approved" });
    expect(await run("list")).toBe(0);
    const [table] = out.splice(0);
    expect(table!.split("\n")[0]).toMatch(/^TIME +ID +STATUS +ARTICLE +NAME +TEXT$/);
    expect(table).toMatch(new RegExp(`26/11/2026 08:30  ${a.id}  pending +bai-mot +Nguyễn An`));
    expect(table).toContain("Dòng một Dòng hai");
    expect(table).not.toContain("an@example.com");
    await run("list", "--status", "approved");
    expect(out.splice(0)[0]).not.toContain("Nguyễn An");
    await run("list", "--article", "bai-mot");
    expect(out.splice(0)[0]).toContain("Nguyễn An");
    expect(await run("show", a.id)).toBe(0);
    expect(out[0]).toContain("email:     an@example.com");
  });

  it("approves, rejects and deletes by id, stamping who decided", async () => {
    const { store, out, err, run } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Một" });
    const b = await seedComment(store, { slug: "bai", name: "Bình", content: "Hai" });
    expect(await run("approve", a.id, b.id)).toBe(0);
    expect(await store.get(a.id)).toMatchObject({ status: "approved", decidedBy: "Huy", decidedAt: "2026-11-26T10:00:00.000Z" });
    expect(await run("reject", b.id)).toBe(0);
    expect((await store.get(b.id))?.status).toBe("rejected");
    expect(await run("delete", b.id)).toBe(0);
    expect(await store.get(b.id)).toBeNull();
    expect(await run("approve", "01ZZZZZZZZZZZZZZZZZZZZZZZZ")).toBe(1);
    expect(err.at(-1)).toContain("no comment has the id");
    expect(out).toContain(`approved ${a.id} (bai)`);
  });

  it("exports JSON and imports it again without duplicates", async () => {
    const source = setup();
    await seedComment(source.store, { slug: "bai", name: "An", content: "Một", status: "approved" });
    await seedComment(source.store, { slug: "bai", name: "Bình", content: "Hai" });
    await source.run("export");
    const file = path.join(temp, "export.json");
    await fs.writeFile(file, source.out[0]!);
    const target = setup();
    expect(await target.run("import", file)).toBe(0);
    expect(await target.run("import", file)).toBe(0);
    expect(target.out).toEqual([
      "Imported 2 comment(s); 0 were already in the store and left as they are.",
      "Imported 0 comment(s); 2 were already in the store and left as they are.",
    ]);
    expect(await target.store.list()).toEqual(await source.store.list());
  });

  it("refuses a bad import file as a whole, naming the records", async () => {
    const { store, run } = setup();
    const file = path.join(temp, "bad.json");
    await fs.writeFile(file, JSON.stringify([{ id: "x", slug: "Bai Sai" }]));
    await expect(run("import", file)).rejects.toThrow(BantinError);
    await expect(run("import", file)).rejects.toThrow(/record 1: id: is not a bantin comment id/);
    expect(await store.list()).toEqual([]);
    await expect(run("frobnicate")).rejects.toThrow(/"frobnicate" is not a command/);
    await expect(run("list", "--colour")).rejects.toThrow(BantinError);
  });

  it("calls the build hook with --rebuild", async () => {
    const { store, run, out } = setup({ BUILD_HOOK_URL: hook.url });
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Một" });
    expect(await run("approve", a.id, "--rebuild")).toBe(0);
    expect(hook.calls).toHaveLength(1);
    expect(out.at(-1)).toContain("Build requested");
  });
});
