import { spawnOwned } from "./child-processes.ts";

/** One timed run of a command, as GNU time reports it. */
export interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Median, min and max of a list of numbers. */
export function summarize(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/**
 * Runs a command under `/usr/bin/time` and returns wall time, user+sys CPU seconds and peak
 * memory. A failing command is an error that shows its output. The command runs in its own
 * process group (`spawnOwned`), so an interrupted bench still ends it.
 */
export function runTimed(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Sample & { output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnOwned("/usr/bin/time", ["-f", "BENCH %e %U %S %M", command, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output
        .split("\n")
        .reverse()
        .find((text) => text.startsWith("BENCH "));
      if (code !== 0 || !line) return reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output.slice(-3000)}`));
      const [, wall, user, sys, rss] = line.split(" ").map(Number) as [number, number, number, number, number];
      resolve({ wall, cpu: user + sys, rssMb: rss / 1024, output });
    });
  });
}

/** Formats seconds for the tables. */
export const seconds = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** A table cell: median with min–max. */
export const cell = (s: ReturnType<typeof summarize>, unit = "s") => `${seconds(s.median)} ${unit} (${seconds(s.min)}–${seconds(s.max)})`;
