// Vitest global setup (vitest.config.ts): no process a test starts may outlive the test run.
// Other engineers run tests on this machine at the same time, so "ours" is decided by this run's
// process tree and by a tag in the environment that every process started under it inherits,
// never by a command name alone.
import {
  describeProcesses,
  findOwnedProcesses,
  OWNER_VARIABLE,
  stopProcesses,
  type ProcessInfo,
} from "../../scripts/bench/child-processes.ts";

/** What tests start that is known to outlive a test when it is not stopped (for the message). */
const KNOWN = /functions:serve|netlify(\.js)? dev|eleventy.*--serve|chrom|blobs|vnu/;

/**
 * Vitest's own processes: its test workers and Vite's esbuild service, direct children of the
 * run (a worker that is exiting has already lost its command line and shows only "node").
 */
function isRunnerMachinery(p: ProcessInfo, runPid: number): boolean {
  return (
    p.ppid === runPid &&
    (/[\\/]vitest[\\/]dist[\\/]workers[\\/]/.test(p.command) || /esbuild.*--service/.test(p.command) || p.command === "node")
  );
}

/** The run's processes that are still there a moment later (not just finishing their exit). */
async function findLeftovers(runPid: number, owner: string): Promise<ProcessInfo[]> {
  const find = () => findOwnedProcesses(runPid, owner, (p) => isRunnerMachinery(p, runPid));
  const first = find();
  if (first.length === 0) return first;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const again = new Set(find().map((p) => p.pid));
  return first.filter((p) => again.has(p.pid));
}

/**
 * Tags this run (the tag reaches every worker and everything tests start), and returns the
 * teardown: it lists the run's processes still alive, prints them, stops them, and fails the run.
 */
export function setup(): () => Promise<void> {
  const runPid = process.pid;
  const owner = `vitest-${runPid}-${Date.now()}`;
  process.env[OWNER_VARIABLE] = owner;
  return async () => {
    const left = await findLeftovers(runPid, owner);
    if (left.length === 0) return;
    const known = left.filter((p) => KNOWN.test(p.command)).length;
    const message = `${left.length} process(es) started by tests were still running after the test run (${known} of a kind tests start: servers, browsers, validators); each test must stop what it starts. Stopped now:\n${describeProcesses(left)}`;
    console.error(`\n!!! LEFTOVER PROCESSES !!!\n${message}\n`);
    await stopProcesses(left);
    process.exitCode = 1;
    throw new Error(message);
  };
}
