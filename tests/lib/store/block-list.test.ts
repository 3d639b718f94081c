import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createBlobsBackend, createFileBackend, type StoreBackend } from "../../../lib/store/index.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { makeTempDir } from "../../helpers/build-site.ts";

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let temp: string;
beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("block-list");
});
afterAll(async () => {
  await blobs.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

const backends: [string, () => StoreBackend][] = [
  ["file store", () => createFileBackend(`${temp}/${Math.random().toString(36).slice(2)}`)],
  ["Blobs server", () => createBlobsBackend(blobs.openStore())],
];

describe.each(backends)("BlockList on the %s", (_name, makeBackend) => {
  const now = new Date("2026-11-28T09:00:00Z");
  const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

  it("finds a client or email block while it is in force, and not after", async () => {
    const store = new CommentStore(makeBackend());
    await store.blocks.add("client", "c0ffee", later(24), "Lan", now);
    await store.blocks.add("email", " Spam@Example.com ", later(2), "Lan", now);
    expect(await store.blocks.find("c0ffee", null, now)).toMatchObject({ kind: "client", by: "Lan" });
    expect(await store.blocks.find(null, "spam@example.COM", later(1))).toMatchObject({ kind: "email" });
    expect(await store.blocks.find(null, "spam@example.com", later(3))).toBeNull();
    expect(await store.blocks.find("other", "an@example.com", now)).toBeNull();
  });

  it("lists blocks in force without any email, and lifts one", async () => {
    const store = new CommentStore(makeBackend());
    await store.blocks.add("email", "spam@example.com", later(48), null, now);
    await store.blocks.add("client", "c0ffee", later(1), "Huy", now);
    const listed = await store.blocks.list(now);
    expect(listed.map((block) => block.kind)).toEqual(["client", "email"]);
    expect(JSON.stringify(listed)).not.toContain("spam@");
    expect(await store.blocks.remove("client", "c0ffee")).toBe(true);
    expect(await store.blocks.remove("client", "c0ffee")).toBe(false);
    expect((await store.blocks.list(now)).map((block) => block.kind)).toEqual(["email"]);
  });

  it("lifts a block by the name the list gives, an email's block by its hash, and refuses other names", async () => {
    const store = new CommentStore(makeBackend());
    await store.blocks.add("email", "spam@example.com", later(48), null, now);
    const [listed] = await store.blocks.list(now);
    expect(await store.blocks.removeListed("email", "../../comments/bai")).toBe(false);
    expect(await store.blocks.removeListed("email", listed!.name)).toBe(true);
    expect(await store.blocks.find(null, "spam@example.com", now)).toBeNull();
    expect(await store.blocks.removeListed("email", listed!.name)).toBe(false);
  });
});
