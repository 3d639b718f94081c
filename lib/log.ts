import createDebug from "debug";

/** The parts of bantin that write debug output: `DEBUG=bantin:store` shows one, `DEBUG=bantin:*` all. */
export type LogNamespace = "photos" | "store" | "render" | "intake" | "moderation" | "rebuild";

/** One logger shape for every part of bantin. */
export interface Log {
  /** A `[bantin] …` line on stdout, always shown. */
  info(message: string): void;
  /** A `[bantin] warning: …` line on stderr, always shown. */
  warn(message: string): void;
  /** A line under `bantin:<namespace>`, shown only when DEBUG names it (printf-style `%s`, `%d`, `%o`). */
  debug(format: string, ...args: unknown[]): void;
  /**
   * One JSON line `{ "event": …, …details }` for a function's log (stderr for a failure); never
   * given an email, a name, a text or an IP.
   */
  event(event: string, details?: Record<string, string | number>, stream?: "out" | "err"): void;
}

/** The logger of one namespace. */
export function createLog(namespace: LogNamespace): Log {
  const debug = createDebug(`bantin:${namespace}`);
  return {
    info: (message) => console.log(`[bantin] ${message}`),
    warn: (message) => console.warn(`[bantin] warning: ${message}`),
    debug: (format, ...args) => debug(format, ...args),
    event: (event, details = {}, stream = "out") => (stream === "err" ? console.error : console.log)(JSON.stringify({ event, ...details })),
  };
}
