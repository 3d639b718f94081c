import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComment, type SubmitDeps } from "../../../lib/comments/index.ts";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { CommentStore, createFileBackend, StoreError } from "../../../lib/store/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

// The use case alone: fields in, a typed outcome out, no Request or Response anywhere.
const MANIFEST: CommentManifest = {
  language: "en",
  articles: { open: { url: "/news/open/", open: true }, closed: { url: "/news/closed/", open: false } },
};
const VALID = { slug: "open", name: "Lan", email: "lan@example.com", content: "A useful article.", website: "" };
const NOW = new Date("2026-03-01T08:00:00Z");

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("submit-comment");
});
afterAll(async () => fs.rm(temp, { recursive: true, force: true }));

let count = 0;
function deps(overrides: Partial<SubmitDeps> = {}): SubmitDeps & { events: string[] } {
  const events: string[] = [];
  const store = new CommentStore(createFileBackend(`${temp}/store-${++count}`));
  return {
    store,
    manifest: MANIFEST,
    locale: en,
    salt: "s",
    rateLimit: { max: 1, windowMs: 60_000 },
    autoApproveReturning: false,
    log: (event) => events.push(event),
    events,
    ...overrides,
  };
}

describe("submitComment", () => {
  it("accepts a valid comment as pending, then calls the same one a duplicate", async () => {
    const d = deps({ rateLimit: { max: 5, windowMs: 60_000 } });
    const first = await submitComment(VALID, "203.0.113.1", NOW, d);
    expect(first).toMatchObject({ kind: "accepted", status: "pending", target: { url: "/news/open/" } });
    const again = await submitComment(VALID, "203.0.113.1", NOW, d);
    expect(again).toEqual({ kind: "duplicate", id: (first as { id: string }).id, target: MANIFEST.articles.open });
    expect(d.events).toEqual(["comment.accepted", "comment.duplicate"]);
  });

  it("returns the fields, the target and the reasons in the site's language for invalid input", async () => {
    const outcome = await submitComment({ ...VALID, slug: "closed" }, null, NOW, deps());
    expect(outcome.kind).toBe("invalid");
    if (outcome.kind !== "invalid") return;
    expect(outcome.target).toEqual(MANIFEST.articles.closed);
    expect(outcome.fields.name).toBe("Lan");
    expect(Object.values(outcome.errors).join(" ")).toMatch(/[a-z]/);
  });

  it("tells spam, the rate limit (with retryAfter) and a failing store (unavailable) apart", async () => {
    expect(await submitComment({ ...VALID, website: "http://spam.example" }, null, NOW, deps())).toMatchObject({
      kind: "spam",
      target: MANIFEST.articles.open,
    });
    const limited = deps();
    await submitComment(VALID, "203.0.113.9", NOW, limited);
    const second = await submitComment({ ...VALID, content: "Another one." }, "203.0.113.9", NOW, limited);
    expect(second).toMatchObject({ kind: "rateLimited", target: MANIFEST.articles.open });
    expect(second.kind === "rateLimited" && second.retryAfter).toBeGreaterThan(0);
    const failing = deps();
    failing.store = new CommentStore(
      wrapBackend(createFileBackend(`${temp}/failing`), (operation, key) => {
        if (operation === "create" && key.startsWith("comments/")) throw new StoreError("create", key, new Error("disk full"));
      }),
    );
    expect(await submitComment(VALID, "203.0.113.2", NOW, failing)).toMatchObject({
      kind: "unavailable",
      retryAfter: 30,
      fields: { slug: "open" },
    });
    expect(failing.events).toEqual(["comment.store_error"]);
  });
});
