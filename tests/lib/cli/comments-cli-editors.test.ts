import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createFileBackend } from "../../../lib/store/index.ts";
import { BantinError } from "../../../lib/core/errors.ts";
import { NEWSROOM_EMAIL } from "../../../lib/core/comment-edit.ts";
import { runModerationCommand, type CliContext } from "../../../lib/cli/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("cli-editors");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

let stores = 0;
function setup(newsroomName?: string) {
  const store = new CommentStore(createFileBackend(path.join(temp, `store-${++stores}`)));
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    store,
    timeZone: "Asia/Ho_Chi_Minh",
    now: new Date("2026-11-28T04:47:00Z"),
    env: { BANTIN_EDITOR: "Huy" },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    newsroomName,
  };
  return { store, out, err, run: (...argv: string[]) => runModerationCommand(argv, ctx) };
}

describe("npm run comments: the editors' verbs", () => {
  it("reply publishes the newsroom's answer to a published comment and refuses others", async () => {
    const { store, out, err, run } = setup("Ban biên tập Bản tin");
    const parent = await seedComment(store, { slug: "bai", name: "An", content: "Hỏi?", status: "approved" });
    const pending = await seedComment(store, { slug: "bai", name: "Bình", content: "Chờ" });
    expect(await run("reply", parent.id, "--text", "Chào bạn, chúng tôi đã sửa.")).toBe(0);
    const answer = (await store.list("bai")).find((record) => record.replyTo === parent.id)!;
    expect(answer).toMatchObject({
      author: "newsroom",
      name: "Ban biên tập Bản tin",
      email: NEWSROOM_EMAIL,
      status: "approved",
      decidedBy: "Huy",
      content: "Chào bạn, chúng tôi đã sửa.",
    });
    expect(out.at(-1)).toContain(`published as ${answer.id}`);
    expect((await store.rebuild.listChanges()).length).toBe(1);
    expect(await run("reply", pending.id, "--text", "Trả lời")).toBe(1);
    expect(err.at(-1)).toContain("is pending, not published");
    expect(await run("reply", answer.id, "--text", "Trả lời")).toBe(1);
    expect(err.at(-1)).toContain("is itself a reply");
    await expect(run("reply", parent.id)).rejects.toThrow(BantinError);
    expect(await run("show", answer.id)).toBe(0);
    expect(out.at(-1)).toContain("author:    the newsroom");
  });

  it("reply uses the default newsroom name without a site.json", async () => {
    const { store, run } = setup();
    const parent = await seedComment(store, { slug: "bai", name: "An", content: "Hỏi?", status: "approved" });
    expect(await run("reply", parent.id, "--text", "Cảm ơn bạn")).toBe(0);
    expect((await store.list("bai")).find((record) => record.replyTo)?.name).toBe("Ban biên tập");
  });

  it("edit keeps the reader's original and show prints both, with who edited and when", async () => {
    const { store, out, err, run } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Bài nầy hay wá" });
    expect(await run("edit", a.id, "--content", "Bài này hay quá", "--name", "Nguyễn An")).toBe(0);
    expect(await store.get(a.id)).toMatchObject({ content: "Bài này hay quá", original: { name: "An", content: "Bài nầy hay wá" } });
    expect(await store.rebuild.listChanges()).toEqual([]);
    expect(await run("show", a.id)).toBe(0);
    const shown = out.at(-1)!;
    expect(shown).toContain("edited:    28/11/2026 11:47 (Asia/Ho_Chi_Minh) by Huy");
    expect(shown).toContain("Bài này hay quá");
    expect(shown).toContain("--- the reader's original (name: An) ---\nBài nầy hay wá");
    expect(await run("edit", a.id, "--content", "x")).toBe(1);
    expect(err.at(-1)).toContain("the text has 1 characters after cleaning; it must have 3 to 4000");
    await expect(run("edit", a.id)).rejects.toThrow(/edit needs the new text, the new name or both/);
    await store.update({ ...(await store.get(a.id))!, status: "approved" });
    expect(await run("edit", a.id, "--content", "Bài này rất hay")).toBe(0);
    expect(out.at(-1)).toContain("the page shows it at the next build");
    expect(await store.rebuild.listChanges()).toHaveLength(1);
  });

  it("block, block --list and unblock, never printing an email", async () => {
    const { store, out, err, run } = setup();
    const a = await seedComment(store, { slug: "bai", name: "An", content: "Quảng cáo", email: "spam@example.com" });
    await store.update({ ...a, clientHash: "0123456789abcdef0123456789abcdef" });
    expect(await run("block", a.id)).toBe(0);
    expect(out.at(-1)).toBe(`blocked the client of ${a.id} until 28/12/2026 11:47`);
    expect(await run("block", a.id, "--email", "--days", "7")).toBe(0);
    expect(await store.blocks.find(null, "spam@example.com", new Date("2026-12-04T00:00:00Z"))).not.toBeNull();
    expect(await run("block", "--list")).toBe(0);
    const listed = out.at(-1)!;
    expect(listed).not.toContain("spam@");
    expect(listed).toContain("client:0123456789abcdef0123456789abcdef");
    const emailBlock = /email:[0-9a-f]{64}/.exec(listed)![0];
    expect(await run("unblock", emailBlock)).toBe(0);
    expect(await store.blocks.find(null, "spam@example.com", new Date("2026-11-29T00:00:00Z"))).toBeNull();
    expect(await run("unblock", a.id)).toBe(0);
    expect(await store.blocks.list(new Date("2026-11-29T00:00:00Z"))).toEqual([]);
    expect(await run("unblock", emailBlock)).toBe(1);
    expect(err.at(-1)).toContain("no block is named");
    await expect(run("block", a.id, "--days", "ba")).rejects.toThrow(/--days "ba" should be a whole number/);
    expect(await run("block", a.id, "--days", "0")).toBe(1);
    expect(out.join("\n") + err.join("\n")).not.toContain("spam@example.com");
  });
});
