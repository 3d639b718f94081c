import { describe, expect, it } from "vitest";
import { createLatestRunner } from "../../../lib/build/latest-runner.ts";

describe("createLatestRunner", () => {
  it("runs one value at a time, and only the last of those given during a run", async () => {
    const ran: number[] = [];
    let release = () => {};
    const runner = createLatestRunner(
      (value: number) =>
        new Promise<void>((resolve) => {
          ran.push(value);
          release = resolve;
        }),
      () => {},
    );
    runner.schedule(1);
    runner.schedule(2);
    runner.schedule(3);
    await Promise.resolve();
    expect(ran).toEqual([1]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).toEqual([1, 3]);
    release();
    await runner.idle();
    expect(ran).toEqual([1, 3]);
  });

  it("reports a failed run and goes on with the next value", async () => {
    const errors: unknown[] = [];
    const ran: string[] = [];
    const runner = createLatestRunner(
      async (value: string) => {
        ran.push(value);
        if (value === "bad") throw new Error("index failed");
      },
      (error) => errors.push(error),
    );
    runner.schedule("bad");
    await runner.idle();
    runner.schedule("good");
    await runner.idle();
    expect(ran).toEqual(["bad", "good"]);
    expect(errors.map((error) => (error as Error).message)).toEqual(["index failed"]);
  });
});
