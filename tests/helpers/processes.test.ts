import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startProcess } from "./processes.ts";

/** The live (not zombie) processes of group `pgid`, as `ps` lists them. */
function listGroup(pgid: number): string[] {
  return execFileSync("ps", ["-eo", "pgid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${pgid} `) && !/^\d+\s+Z/.test(line));
}

describe("startProcess", () => {
  it("ends what a command started when the command itself exits before it is ready", async () => {
    const start = startProcess("sh", ["-c", "sleep 307 & sleep 0.3; exit 3"], {}, async () => false, 20_000);
    await expect(start).rejects.toThrow(/sh exited with 3/);
    expect(execFileSync("ps", ["-eo", "args="], { encoding: "utf8" })).not.toContain("sleep 307");
  });

  it("stop ends the whole group, also children that outlive the command", async () => {
    const server = await startProcess("sh", ["-c", "sleep 308 & sleep 309"], {}, async () => true);
    const pgid = server.child.pid!;
    expect(listGroup(pgid)).toHaveLength(3);
    await server.stop();
    expect(listGroup(pgid)).toEqual([]);
  });
});
