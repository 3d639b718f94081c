import { describe, expect, it } from "vitest";
import { formatCommentDetails, formatCommentTable } from "../../../lib/core/comment-table.ts";
import type { CommentRecord } from "../../../lib/core/comment-record.ts";

const record: CommentRecord = {
  id: "01M8C48HAN5YQKTSHG3MRMD6J6",
  slug: "bai",
  name: "An\u001b[2J",
  email: "an@example.com",
  content: "Dòng một\u001b]52;c;eA==\u0007\nDòng hai",
  status: "pending",
  createdAt: "2021-12-07T18:30:00.000Z",
  clientHash: null,
  decidedAt: null,
  decidedBy: null,
};

describe("moderation CLI output", () => {
  it("never writes a reader's control characters to the terminal", () => {
    for (const text of [formatCommentTable([record], "Asia/Ho_Chi_Minh"), formatCommentDetails(record)]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(text).toContain("\\u001b");
    }
    expect(formatCommentTable([record], "Asia/Ho_Chi_Minh")).toContain("08/12/2021 01:30");
  });
});
