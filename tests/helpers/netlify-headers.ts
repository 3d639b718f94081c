import fs from "node:fs/promises";
import path from "node:path";
import { ROOT } from "./build-site.ts";

/** One `[[headers]]` rule of netlify.toml: the path pattern and its header values. */
export interface HeaderRule {
  for: string;
  values: Record<string, string>;
}

/** Every `[[headers]]` rule of the project's netlify.toml, in file order. */
export async function readHeaderRules(): Promise<HeaderRule[]> {
  const toml = await fs.readFile(path.join(ROOT, "netlify.toml"), "utf8");
  return toml
    .split("[[headers]]")
    .slice(1)
    .map((block) => {
      const pattern = block.match(/^\s*for\s*=\s*"([^"]*)"/m)?.[1];
      if (!pattern) throw new Error(`netlify.toml has a [[headers]] block without "for": ${block.slice(0, 80)}`);
      // Up to the next table that is not this rule's values (`[functions…]`, `[[plugins]]`, …).
      const body = block.split(/^\[(?!headers\.values\])/m)[0]!;
      const values = Object.fromEntries(
        [...body.matchAll(/^\s*([A-Za-z-]+)\s*=\s*"([^"]*)"\s*$/gm)]
          .filter(([, key]) => key !== "for")
          .map(([, key, value]) => [key!, value!]),
      );
      return { for: pattern, values };
    });
}

/**
 * The headers Netlify sends with `pathname`: the values of every rule whose pattern matches (`*`
 * matches anything, the empty rest included), a later rule's value replacing an earlier one's.
 */
export function getHeadersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) {
    const pattern = new RegExp(`^${rule.for.split("*").map(escapeRegExp).join(".*")}$`);
    if (pattern.test(pathname)) Object.assign(headers, rule.values);
  }
  return headers;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
