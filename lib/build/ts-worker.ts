import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Runs a TypeScript module in a worker thread and resolves with the one message it posts (or
 * undefined if it posts none). A worker does not inherit the main thread's TypeScript loader, so it
 * registers tsx itself before loading the module.
 */
export function runTsWorker<T>(moduleUrl: URL, workerData: unknown, resourceLimits?: ResourceLimits): Promise<T | undefined> {
  const bootstrap = new URL(
    `data:text/javascript,${encodeURIComponent(
      `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}); register();` +
        `await import(${JSON.stringify(moduleUrl.href)});`,
    )}`,
  );
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    const worker = new Worker(bootstrap, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
    worker.once("message", (message: T) => (result = message));
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve(result) : reject(new Error(`a worker thread (${moduleUrl.pathname}) stopped with code ${code}`)),
    );
  });
}
