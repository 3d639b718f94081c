import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Why browser tests cannot run here, or null when Debian's Chromium is installed. */
export function getBrowserSkipReason(): string | null {
  return fs.existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: install Debian's chromium (bash .ci/run does) to run the browser tests`;
}

/** Debian's Chromium, headless, with the flags this machine needs (no downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
