import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";

/** One live process as Linux /proc shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** The state letter /proc shows (R running, S sleeping, D waiting on a disk, T stopped, …). */
  state: string;
  command: string;
}

/**
 * The environment variable that tags every process a run starts (inherited by their children,
 * even those that leave the process group or lose their parent), so a run finds exactly its own
 * processes and never another engineer's.
 */
export const OWNER_VARIABLE = "BANTIN_PROCESS_OWNER";

/** Every live process on this machine (zombies and processes that vanish while read are left out). */
export function listProcesses(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // The name in parentheses may hold spaces or ")": the fields start after the last ")".
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z" || state === "X") continue;
      const command = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim();
      list.push({
        pid: Number(name),
        ppid: Number(ppid),
        pgid: Number(pgid),
        state: state!,
        command: command || stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      });
    } catch {
      // The process ended while it was read.
    }
  }
  return list;
}

/** The value of `OWNER_VARIABLE` a process was started with, or null (also when it cannot be read). */
function readOwner(pid: number): string | null {
  try {
    const entry = fs
      .readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .find((line) => line.startsWith(`${OWNER_VARIABLE}=`));
    return entry ? entry.slice(OWNER_VARIABLE.length + 1) : null;
  } catch {
    return null;
  }
}

/** Whether `pid`'s chain of parents reaches `ancestor`. */
function descendsFrom(pid: number, ancestor: number, byPid: Map<number, ProcessInfo>): boolean {
  for (let info = byPid.get(pid); info && info.ppid > 1; info = byPid.get(info.ppid)) {
    if (info.ppid === ancestor) return true;
  }
  return false;
}

/**
 * The live processes of one run, other than `rootPid` itself: its descendants, and any process
 * tagged with `owner` (children that were re-parented after their parent ended). `ignore` leaves
 * out processes that are the runner's own machinery.
 */
export function findOwnedProcesses(rootPid: number, owner: string, ignore: (p: ProcessInfo) => boolean = () => false): ProcessInfo[] {
  const list = listProcesses();
  const byPid = new Map(list.map((p) => [p.pid, p]));
  const ancestors = new Set<number>();
  for (let info = byPid.get(rootPid); info; info = byPid.get(info.ppid)) ancestors.add(info.pid);
  return list.filter(
    (p) =>
      !ancestors.has(p.pid) && p.pid !== process.pid && !ignore(p) && (descendsFrom(p.pid, rootPid, byPid) || readOwner(p.pid) === owner),
  );
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Sends SIGTERM to each process, waits up to `graceMs` for them to end, then SIGKILLs the rest. */
export async function stopProcesses(list: readonly ProcessInfo[], graceMs = 3000): Promise<void> {
  for (const p of list) signal(p.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  const alive = () => {
    const live = new Set(listProcesses().map((p) => p.pid));
    return list.filter((p) => live.has(p.pid));
  };
  while (alive().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const p of alive()) signal(p.pid, "SIGKILL");
}

/** A one-line-each listing of processes for a warning. */
export function describeProcesses(list: readonly ProcessInfo[]): string {
  return list.map((p) => `  pid ${p.pid} (parent ${p.ppid}, group ${p.pgid}, state ${p.state}): ${p.command.slice(0, 200)}`).join("\n");
}

const owner = `bench-${process.pid}-${Date.now()}`;
const groups = new Set<number>();

function groupAlive(pgid: number): boolean {
  return listProcesses().some((p) => p.pgid === pgid);
}

/**
 * Starts a command in its own process group (detached), tagged as this process's, so that
 * `stopGroup` or the cleanup of `installCleanup` can end it and everything it starts.
 */
export function spawnOwned(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true, env: { ...(options.env ?? process.env), [OWNER_VARIABLE]: owner } });
  const pgid = child.pid;
  if (pgid === undefined) return child;
  groups.add(pgid);
  // The group is forgotten only once none of it is left, so that a grandchild outliving the
  // leader is still ended by the cleanup.
  child.once("exit", () => {
    if (!groupAlive(pgid)) groups.delete(pgid);
  });
  return child;
}

/** Ends a process group started by `spawnOwned`: SIGTERM, up to `graceMs` to finish, then SIGKILL. */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  signal(-pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  signal(-pgid, "SIGKILL");
  groups.delete(pgid);
}

/**
 * This process's children still running: descendants and processes tagged as started by it,
 * except the esbuild service that tsx, which runs this process, keeps as its own child.
 */
export function findLeftovers(): ProcessInfo[] {
  return findOwnedProcesses(
    process.pid,
    owner,
    (p) => p.ppid === process.pid && /esbuild.*--service/.test(p.command) && readOwner(p.pid) !== owner,
  );
}

/** Kills every group started by `spawnOwned` and every leftover at once (usable while exiting). */
function killEverything(): void {
  for (const pgid of groups) signal(-pgid, "SIGKILL");
  groups.clear();
  for (const p of findLeftovers()) signal(p.pid, "SIGKILL");
}

/**
 * Makes sure no child outlives this process: on exit (also after an uncaught exception) and on
 * SIGINT, SIGTERM and SIGHUP, whatever `spawnOwned` started is killed and then `atExit` runs
 * (synchronously); a signal ends the process with the usual 128 + signal number.
 */
export function installCleanup(log: (line: string) => void, atExit: () => void = () => undefined): void {
  process.once("exit", () => {
    killEverything();
    atExit();
  });
  for (const [name, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.once(name, () => {
      log(`${name}: stopping every process the run started`);
      process.exit(code);
    });
  }
}

/** Finds the run's leftover children, prints them and ends them; returns what it found. */
export async function reapLeftovers(log: (line: string) => void): Promise<ProcessInfo[]> {
  const left = findLeftovers();
  if (left.length > 0) {
    log(`${left.length} process(es) started by this run were still running; stopping them:\n${describeProcesses(left)}`);
    await stopProcesses(left);
  }
  return left;
}
