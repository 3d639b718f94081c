import { describe, expect, it } from "vitest";
import { checkStoredRecord, type CommentRecord } from "../../../lib/core/comment-record.ts";
import { commentKey } from "../../../lib/store/index.ts";
import { formatDamagedDetails } from "../../../lib/core/comment-table.ts";

const record: CommentRecord = {
  id: "01M8C48HAN5YQKTSHG3MRMD6J6",
  slug: "bai",
  name: "An",
  email: "an@example.com",
  content: "Một",
  status: "pending",
  createdAt: "2021-12-07T18:30:00.000Z",
  clientHash: null,
  decidedAt: null,
  decidedBy: null,
};

describe("checking a stored record against its key", () => {
  it("accepts a record under its own key", () => {
    expect(checkStoredRecord(`comments/bai/${record.id}`, record, commentKey)).toEqual({ ok: true, record });
  });

  it("names the first wrong field and how many more there are", () => {
    const check = checkStoredRecord(`comments/bai/${record.id}`, { ...record, status: "maybe", content: "" }, commentKey);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/^wrong shape: (content|status): .*\(and 1 more\)$/) });
    expect(checkStoredRecord("comments/bai/x", [1, 2], commentKey)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("wrong shape: (record)"),
    });
  });

  it("refuses a record filed under another article or id", () => {
    expect(checkStoredRecord(`comments/khac/${record.id}`, record, commentKey)).toEqual({
      ok: false,
      reason: `the record inside belongs under "comments/bai/${record.id}"`,
    });
  });

  it("shows a damaged record's raw text with control characters escaped", () => {
    expect(formatDamagedDetails("comments/bai/x", "empty value", "")).toContain("(empty)");
    expect(formatDamagedDetails("comments/bai/x", "not JSON", '{"name": "\u001b[2J')).toContain('{"name": "\\u001b[2J');
  });
});
