import { describe, expect, it } from "vitest";
import type { PublishedComment } from "../../../lib/core/catalog.ts";
import { arrangeComments, checkReplyParent } from "../../../lib/core/comment-thread.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";

const comment = (id: string, replyTo: string | null = null, newsroom = false): PublishedComment => ({
  id,
  name: newsroom ? "editor@example.com" : `Bạn đọc ${id}`,
  dateIso: "2026-01-01T08:00:00+07:00",
  dateLine: "",
  paragraphs: [["x"]],
  replyTo,
  newsroom,
});

describe("arrangeComments", () => {
  it("puts each reply under its parent, oldest first, and counts replies", () => {
    const { threads, shown } = arrangeComments(
      [comment("01A"), comment("01B"), comment("01D", "01A"), comment("01C", "01A"), comment("01E", "01B")],
      "Ban biên tập",
    );
    expect(threads.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([
      ["01A", ["01C", "01D"]],
      ["01B", ["01E"]],
    ]);
    expect(shown.map((c) => c.id)).toEqual(["01A", "01B", "01C", "01D", "01E"]);
    expect(shown.some((c) => "replies" in c)).toBe(false);
  });

  it("hides replies whose parent is not shown, and replies to replies", () => {
    const { threads, shown } = arrangeComments(
      [comment("01A"), comment("01B", "01GONE"), comment("01C", "01A"), comment("01D", "01C")],
      "X",
    );
    expect(threads.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([["01A", ["01C"]]]);
    expect(shown).toHaveLength(2);
  });

  it("names a newsroom answer with the newsroom's name, never the record's", () => {
    const { threads } = arrangeComments([comment("01A"), comment("01B", "01A", true)], "Ban biên tập Bản tin");
    expect(threads[0]!.replies[0]).toMatchObject({ name: "Ban biên tập Bản tin", newsroom: true });
    expect(JSON.stringify(threads)).not.toContain("editor@example.com");
  });
});

describe("checkReplyParent", () => {
  const approved = { slug: "bai", status: "approved" as const };
  it("accepts a published top-level comment on the same article", () => {
    expect(checkReplyParent(approved, "bai", vi)).toBeNull();
  });
  it("refuses an unknown, unpublished, nested or foreign parent with a reason", () => {
    expect(checkReplyParent(null, "bai", vi)).toBe(vi.conversation.errors.unknownParent);
    expect(checkReplyParent({ ...approved, status: "pending" }, "bai", vi)).toBe(vi.conversation.errors.notPublished);
    expect(checkReplyParent({ ...approved, status: "rejected" }, "bai", en)).toBe(en.conversation.errors.notPublished);
    expect(checkReplyParent({ ...approved, replyTo: "01ABC" }, "bai", vi)).toBe(vi.conversation.errors.nested);
    expect(checkReplyParent({ ...approved, author: "newsroom" }, "bai", vi)).toBe(vi.conversation.errors.nested);
    expect(checkReplyParent(approved, "bai-khac", vi)).toBe(vi.conversation.errors.otherArticle);
  });
});
