/** Runs a task in the background on the latest value it was given, one run at a time. */
export interface LatestRunner<T> {
  /** Queues `value`: it replaces any value still waiting, and runs once the current run ends. */
  schedule(value: T): void;
  /** Settles when nothing runs or waits (a test or a shutdown waits on it). */
  idle(): Promise<void>;
}

/**
 * A runner for work that only the newest input matters to, such as the search index of a running
 * `npm start`: three saves during one run cost one more run, on the last save's records, not three.
 * A failing run goes to `onError` and does not stop the next one.
 */
export function createLatestRunner<T>(task: (value: T) => Promise<void>, onError: (error: unknown) => void): LatestRunner<T> {
  let waiting: { value: T } | null = null;
  let running: Promise<void> | null = null;
  async function drain(): Promise<void> {
    while (waiting) {
      const { value } = waiting;
      waiting = null;
      try {
        await task(value);
      } catch (error) {
        onError(error);
      }
    }
    running = null;
  }
  return {
    schedule(value) {
      waiting = { value };
      running ??= drain();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
