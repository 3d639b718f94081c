// npm run comments -- <command>: moderate comments in the configured store (see README, "Moderation").
import { readBuildOptions, loadSiteConfig } from "../lib/build/index.ts";
import { BantinError } from "../lib/core/errors.ts";
import { runModerationCommand } from "../lib/cli/index.ts";
import { openConfiguredStore } from "../lib/http/index.ts";

try {
  const options = readBuildOptions();
  const config = await loadSiteConfig(options.contentDir, options.root, null).catch(() => null);
  process.exitCode = await runModerationCommand(process.argv.slice(2), {
    store: openConfiguredStore(process.env),
    timeZone: config?.timeZone ?? "UTC",
    newsroomName: config?.newsroomName,
    now: new Date(),
    env: process.env,
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  });
} catch (error) {
  // A mistake, a setting or an unreachable store: the message says what to do; no stack trace.
  if (!(error instanceof BantinError)) throw error;
  console.error(`npm run comments: ${error.message}`);
  process.exitCode = 1;
}
