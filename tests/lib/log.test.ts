import fs from "node:fs/promises";
import { format } from "node:util";
import createDebug from "debug";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { createLog } from "../../lib/log.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { makeTempDir } from "../helpers/build-site.ts";

afterEach(() => {
  createDebug.disable();
  vi.restoreAllMocks();
});

describe("createLog", () => {
  it("prints info and warn lines in the [bantin] shape and events as one JSON line", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const err = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = createLog("intake");
    log.info("ready");
    log.warn("careful");
    log.event("comment.accepted", { id: "X", slug: "a" });
    expect(out.mock.calls).toEqual([["[bantin] ready"], [JSON.stringify({ event: "comment.accepted", id: "X", slug: "a" })]]);
    expect(err.mock.calls).toEqual([["[bantin] warning: careful"]]);
  });

  it("writes debug lines only for the namespaces DEBUG names, with store key prefixes and timings", async () => {
    const lines: string[] = [];
    // debug hands its printf-style arguments to `log` unformatted, as Node's console would take them.
    vi.spyOn(createDebug, "log").mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
    const temp = await makeTempDir("log");
    onTestFinished(() => fs.rm(temp, { recursive: true, force: true }));
    const store = new CommentStore(createFileBackend(`${temp}/store`));
    await store.list();
    expect(lines).toEqual([]);
    createDebug.enable("bantin:store");
    await store.list();
    expect(lines.join("\n"), lines.join("\n")).toMatch(/bantin:store list comments\/… \d+ms/);
    createLog("intake").debug("not shown");
    expect(lines.join("\n")).not.toContain("not shown");
  });
});
