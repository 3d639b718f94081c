declare module "@11ty/eleventy/UserConfig" {
  /** The parts of Eleventy 3's configuration API (src/UserConfig.js) that eleventy.config.ts uses. */
  export default interface UserConfig {
    on(event: "eleventy.before", callback: () => Promise<void> | void): void;
    on(event: "eleventy.after", callback: (arg: { directories: { output: string } }) => Promise<void> | void): void;
    addWatchTarget(target: string): void;
    addPassthroughCopy(paths: Record<string, string>): void;
    setUseGitIgnore(enabled: boolean): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    readonly directories: { readonly output: string };
  }
}
