import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { ROOT } from "./build-site.ts";

/** A free TCP port on loopback. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A command started from the project root, with its output kept for error messages. */
export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

// Process groups started here and not yet stopped. A test that fails before it stops its server
// would leave the group running after the test file's worker ends: the worker's exit kills them.
const running = new Set<number>();
process.once("exit", () => {
  for (const pgid of running) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/**
 * Starts `command args` in a process group of its own and waits until `ready` answers true
 * (polled), or fails with its output. `stop` ends the whole group; so does the worker's exit.
 */
export async function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<RunningProcess> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, CI: "true", NO_UPDATE_NOTIFIER: "1", BROWSER: "none", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid !== undefined) running.add(child.pid);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    // The leader may have exited while others in its group still run: the group is ended anyway.
    const exited =
      child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      running.delete(child.pid!);
      return;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    running.delete(child.pid!);
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${command} exited with ${child.exitCode}:\n${output}`);
    }
    if (await ready().catch(() => false)) return { child, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${command} was not ready after ${timeoutMs} ms:\n${output}`);
}

/** Sends raw bytes over TCP and returns the raw answer (for bodies a fetch client cannot send). */
export function sendRaw(port: number, bytes: string, endAfterWrite = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(15_000, () => socket.destroy());
  });
}
