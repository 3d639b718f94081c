import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createBlobsBackend } from "../../../lib/store/index.ts";
import { decideComments, eraseComments } from "../../../lib/comments/index.ts";
import { checkForRebuild } from "../../../lib/comments/index.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { seedComment } from "../../helpers/comments.ts";
import { startHookServer } from "../../helpers/hook-server.ts";

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let hook: Awaited<ReturnType<typeof startHookServer>>;
beforeAll(async () => {
  blobs = await startBlobsServer();
  hook = await startHookServer();
});
afterAll(async () => {
  await hook.stop();
  await blobs.stop();
});

describe("the scheduled rebuild check (build hook: a local server counting calls)", () => {
  it("builds only when something changed since the last recorded build", async () => {
    hook.calls.length = 0;
    const store = new CommentStore(createBlobsBackend(blobs.openStore()));
    const state = store.rebuild;
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 26, 8, minutes));
    const check = (minutes: number) => checkForRebuild(store.rebuild, hook.url, at(minutes));
    const recordBuild = async (minutes: number, nextEmbargo: string | null = null) =>
      state.putBuildMarker({ builtAt: at(minutes).toISOString(), lastChange: (await state.listChanges()).at(-1) ?? null, nextEmbargo });

    expect(await check(0)).toMatchObject({ triggered: true, reason: "no build has been recorded yet" });
    await recordBuild(1);
    expect((await check(15)).triggered).toBe(false);

    const pending = await seedComment(store, { slug: "bai", name: "An", content: "Chờ duyệt" });
    expect((await check(30)).triggered).toBe(false);

    await decideComments(store, [pending.id], "approved", "lan", at(31));
    expect(await check(45)).toMatchObject({ triggered: true, reason: "1 comment decision(s) since the last build" });
    expect(await check(60)).toMatchObject({ triggered: false });
    await recordBuild(62);
    expect((await check(75)).triggered).toBe(false);

    await decideComments(store, [pending.id], "rejected", "lan", at(76));
    expect((await check(90)).triggered).toBe(true);
    await recordBuild(92);
    await eraseComments(store, [pending.id], "lan", at(93));
    expect((await check(105)).triggered).toBe(true);
    await recordBuild(107, at(130).toISOString());
    expect((await check(120)).triggered).toBe(false);
    expect(await check(135)).toMatchObject({
      triggered: true,
      reason: `an embargoed article or the end of a front-page pin fell due at ${at(130).toISOString()}`,
    });

    expect(hook.calls.map((call) => call.method)).toEqual(["POST", "POST", "POST", "POST", "POST"]);
    expect(hook.calls[1]!.url).toContain("trigger_title=bantin");
  });

  it("says what to do when a build is needed but no hook is set", async () => {
    const store = new CommentStore(createBlobsBackend(blobs.openStore()));
    await expect(checkForRebuild(store.rebuild, undefined, new Date())).rejects.toThrow(/BUILD_HOOK_URL is not set/);
  });

  it("asks for a build when the build marker is damaged, rather than failing every check", async () => {
    hook.calls.length = 0;
    const backend = createBlobsBackend(blobs.openStore());
    const store = new CommentStore(backend);
    await backend.createText("builds/last", '{"builtAt": "2026-');
    expect(await checkForRebuild(store.rebuild, hook.url, new Date())).toMatchObject({
      triggered: true,
      reason: "no build has been recorded yet",
    });
    expect(hook.calls).toHaveLength(1);
  });
});
