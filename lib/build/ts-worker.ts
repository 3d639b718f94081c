import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Runs a TypeScript module in a worker thread and resolves with the one message it posts (or
 * undefined if it posts none). Node 22.18 and newer strip the types itself, so the worker loads the
 * module as it is, also when the main thread runs under tsx (tests, scripts).
 */
export function runTsWorker<T>(moduleUrl: URL, workerData: unknown, resourceLimits?: ResourceLimits): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    const worker = new Worker(moduleUrl, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
    worker.once("message", (message: T) => (result = message));
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve(result) : reject(new Error(`a worker thread (${moduleUrl.pathname}) stopped with code ${code}`)),
    );
  });
}
