import { execFileSync, spawn } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OWNER_VARIABLE } from "../../scripts/bench/child-processes.ts";
import { setup } from "./process-guard.ts";

/** Whether `ps` lists `pid` as a live (not zombie) process. */
function isAlive(pid: number): boolean {
  try {
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" })
      .trim()
      .startsWith("Z");
  } catch {
    return false;
  }
}

const started: number[] = [];
const savedOwner = process.env[OWNER_VARIABLE];
afterEach(() => {
  process.env[OWNER_VARIABLE] = savedOwner;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone, as the guard should have made it.
    }
  }
});

describe("the test run's process guard", () => {
  it("finds, prints and stops processes tests left, also those no longer under the run", async () => {
    const teardown = setup();
    // A detached child still under this process, and one whose parent shell has already exited
    // (re-parented away from this tree: only the run's tag in its environment marks it as ours).
    const attached = spawn("sleep", ["301"], { detached: true, stdio: "ignore" });
    started.push(attached.pid!);
    const orphan = Number(execFileSync("sh", ["-c", "sleep 302 >/dev/null 2>&1 & echo $!"], { encoding: "utf8" }).trim());
    started.push(orphan);
    expect(isAlive(attached.pid!) && isAlive(orphan)).toBe(true);
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);

    await expect(teardown()).rejects.toThrow(/2 process\(es\) started by tests were still running/);

    const message = printed.mock.calls.flat().join("\n");
    expect(message).toContain(`pid ${attached.pid}`);
    expect(message).toContain(`pid ${orphan}`);
    expect(process.exitCode).toBe(1);
    expect(isAlive(attached.pid!)).toBe(false);
    expect(isAlive(orphan)).toBe(false);
  });

  it("leaves other processes alone and passes when tests stopped what they started", async () => {
    // Started before the run's tag was set and not under this process: someone else's.
    const other = Number(
      execFileSync("sh", ["-c", "sleep 303 >/dev/null 2>&1 & echo $!"], {
        encoding: "utf8",
        env: { ...process.env, [OWNER_VARIABLE]: "another-run" },
      }).trim(),
    );
    started.push(other);
    const teardown = setup();
    const stopped = spawn("sleep", ["304"], { stdio: "ignore" });
    await new Promise((resolve) => {
      stopped.once("exit", resolve);
      stopped.kill();
    });

    await expect(teardown()).resolves.toBeUndefined();
    expect(isAlive(other)).toBe(true);
  });
});
