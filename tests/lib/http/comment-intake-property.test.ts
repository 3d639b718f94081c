import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommentRequest } from "../../../lib/http/index.ts";
import { CommentStore, createBlobsBackend } from "../../../lib/store/index.ts";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { cleanContent, cleanEmail, cleanName } from "../../../lib/core/comment-rules.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";

const MANIFEST: CommentManifest = { language: "vi", articles: { "bai-mo": { url: "/tin-hoat-dong/bai-mo/", open: true } } };

// What XML 1.0 forbids (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) and the
// noncharacters it tells documents to avoid. Written out here, independently of the code under test.
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\p{Noncharacter_Code_Point}|\p{Cs}/u;

// One "character" of a field: any code point (lone surrogates included), or one of the characters
// that have caused trouble, or ordinary Vietnamese, so that many generated comments are valid.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))),
  fc.constantFrom("\uFFFE", "\uFFFF", "\uFDD0", "\u{10FFFE}", "\uD800", "\uDC00", "\u0000", "\u0007", "\u001B", "\u0085", "\r", "\n", "\t"),
  fc.constantFrom("\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u00AD", "\u0301", "😀", "👩‍💻", "ｈ", " "),
  fc.constantFrom(..."Trần Thị Bình nói rằng bài viết hay.".split("")),
);
const text = (maxLength: number) => fc.string({ unit, maxLength });
const field = (valid: string, maxLength: number) =>
  fc.oneof(
    fc.constant(valid),
    text(maxLength),
    text(maxLength).map((extra) => `${valid}${extra}`),
  );

const submission = fc.record({
  slug: fc.oneof({ weight: 9, arbitrary: fc.constant("bai-mo") }, { weight: 1, arbitrary: text(20) }),
  name: field("Trần Thị Bình", 90),
  email: field("binh@example.com", 40),
  content: field("Bài viết rất hữu ích.", 300),
  format: fc.constantFrom("json", "form"),
});

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(async () => blobs.stop());

// A form cannot carry a lone surrogate: the browser (and URLSearchParams) encodes it as U+FFFD.
const asUtf8 = (value: string) => new TextDecoder().decode(new TextEncoder().encode(value));

describe("any submission, through the real handler and a real Blobs store", () => {
  it("is stored exactly as cleaned, with nothing XML forbids, or refused with a 4xx; never a 5xx", async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(submission, async ({ format, ...input }) => {
        const store = new CommentStore(createBlobsBackend(blobs.openStore()));
        const deps = { store, manifest: async () => MANIFEST, salt: "property-salt", log: () => undefined };
        const fields = format === "json" ? input : Object.fromEntries(Object.entries(input).map(([key, value]) => [key, asUtf8(value)]));
        const body = { ...fields, website: "" };
        const request = new Request("http://localhost/api/comments", {
          method: "POST",
          headers: { "content-type": format === "json" ? "application/json" : "application/x-www-form-urlencoded" },
          body: format === "json" ? JSON.stringify(body) : new URLSearchParams(body).toString(),
        });
        const response = await handleCommentRequest(request, "203.0.113.9", deps);
        const records = await store.list();
        if (response.status >= 400) {
          expect(response.status).toBeLessThan(500);
          expect(records).toEqual([]);
          return;
        }
        expect([201, 303]).toContain(response.status);
        expect(records).toHaveLength(1);
        const record = records[0]!;
        expect({ name: record.name, email: record.email, content: record.content }).toEqual({
          name: cleanName(fields.name!),
          email: cleanEmail(fields.email!),
          content: cleanContent(fields.content!),
        });
        for (const value of [record.name, record.email, record.content]) expect(value).not.toMatch(XML_FORBIDDEN);
        stored++;
      }),
      { numRuns: 300 },
    );
    // The generator must reach the store, or the property says nothing about stored text.
    expect(stored).toBeGreaterThan(20);
  }, 120_000);
});
