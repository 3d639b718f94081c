import { describe, expect, it } from "vitest";
import {
  applyEdit,
  buildNewsroomAnswer,
  checkEditedText,
  getRecordDuplicateKey,
  NEWSROOM_EMAIL,
  refuseAnswerTarget,
} from "../../../lib/core/comment-edit.ts";
import { getDuplicateKey } from "../../../lib/core/comment-rules.ts";
import type { CommentRecord } from "../../../lib/core/comment-record.ts";
import { countDeskTabs, getDeskTab, markFlaggedWords } from "../../../lib/core/moderation-desk.ts";

const record: CommentRecord = {
  id: "01KB0000000000000000000000",
  slug: "bai",
  name: "An",
  email: "an@example.com",
  content: "Hay",
  status: "approved",
  createdAt: "2026-11-28T04:47:00.000Z",
  clientHash: null,
  decidedAt: null,
  decidedBy: null,
};

describe("the desk's tabs and marks", () => {
  it("puts pending comments with flags in their own tab and counts each tab", () => {
    expect(getDeskTab({ status: "pending", flags: ["x"] })).toBe("flagged");
    expect(getDeskTab({ status: "pending", flags: [] })).toBe("waiting");
    expect(countDeskTabs([{ status: "pending" }, { status: "pending", flags: ["x"] }, { status: "rejected" }])).toEqual({
      waiting: 1,
      flagged: 1,
      approved: 0,
      rejected: 1,
    });
  });

  it("marks whole words without case or diacritics, and nothing inside another word", () => {
    expect(
      markFlaggedWords("Đồ LỪA ĐẢO, lừa đảo!", ["lua dao"])
        .filter((s) => s.mark)
        .map((s) => s.text),
    ).toEqual(["LỪA ĐẢO", "lừa đảo"]);
    expect(markFlaggedWords("class", ["ass"])).toEqual([{ text: "class", mark: false }]);
    expect(markFlaggedWords("Cờ bạc 👩‍💻 cờ bạc", ["Cờ Bạc"]).map((s) => s.mark)).toEqual([true, false, true]);
    expect(markFlaggedWords("Bình thường", [])).toEqual([{ text: "Bình thường", mark: false }]);
  });
});

describe("editors' text", () => {
  it("keeps the reader's original at the first edit only", () => {
    const once = applyEdit(record, { content: "Rất hay" }, "Lan", new Date("2026-11-28T05:00:00Z"));
    const twice = applyEdit(once, { name: "Nguyễn An" }, "Huy", new Date("2026-11-28T06:00:00Z"));
    expect(twice).toMatchObject({
      name: "Nguyễn An",
      content: "Rất hay",
      original: { name: "An", content: "Hay" },
      editedBy: "Huy",
      editedAt: "2026-11-28T06:00:00.000Z",
    });
  });

  it("cleans and checks edits with the intake's limits", () => {
    expect(checkEditedText({ content: "  Tốt\r\nlắm  " })).toEqual({ ok: true, fields: { content: "Tốt\nlắm" } });
    expect(checkEditedText({ name: "A" })).toEqual({
      ok: false,
      problems: ["the name has 1 characters after cleaning; it must have 2 to 80"],
    });
    expect(checkEditedText({})).toMatchObject({ ok: false });
    const links = checkEditedText({ content: "https://a.vn https://b.vn https://c.vn" });
    expect(links).toEqual({ ok: false, problems: ["the text has 3 links; at most 2 are allowed"] });
  });

  it("answers only a published top-level comment, as the newsroom, never with an editor's email", () => {
    expect(refuseAnswerTarget(record)).toBeNull();
    expect(refuseAnswerTarget({ ...record, status: "pending" })).toContain("not published");
    expect(refuseAnswerTarget({ ...record, replyTo: "01KA0000000000000000000000" })).toContain("is itself a reply");
    const built = buildNewsroomAnswer(record, "Cảm ơn bạn", {
      id: "01KC0000000000000000000000",
      newsroomName: "Ban biên tập",
      by: "Lan",
      now: new Date(0),
    });
    expect(built).toMatchObject({
      ok: true,
      fields: { email: NEWSROOM_EMAIL, author: "newsroom", replyTo: record.id, status: "approved", name: "Ban biên tập" },
    });
  });

  it("keeps the duplicate key a record claimed when stored: after an edit, and per answered comment", () => {
    const edited = applyEdit(record, { content: "Rất hay" }, "Lan", new Date(0));
    expect(getRecordDuplicateKey(edited)).toBe(getDuplicateKey(record));
    const answer = (parent: string) =>
      buildNewsroomAnswer({ ...record, id: parent }, "Cảm ơn bạn", {
        id: "01KC0000000000000000000000",
        newsroomName: "Ban biên tập",
        by: "Lan",
        now: new Date(0),
      });
    const [one, two] = [answer("01KA0000000000000000000000"), answer("01KB0000000000000000000000")];
    if (!one.ok || !two.ok) throw new Error("the answers should be valid");
    expect(getRecordDuplicateKey(one.fields)).not.toBe(getRecordDuplicateKey(two.fields));
  });
});
