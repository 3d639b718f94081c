import fs from "node:fs";
import fsp from "node:fs/promises";
import matter from "gray-matter";
import yaml from "js-yaml";
const dir = "/dev/shm/corpus-16k/articles";
const names = fs.readdirSync(dir).filter((n) => n.endsWith(".md"));
let t = performance.now();
const texts = await Promise.all(names.map((n) => fsp.readFile(`${dir}/${n}`, "utf8")));
console.log("async read", (performance.now() - t).toFixed(0)); t = performance.now();
const texts2 = names.map((n) => fs.readFileSync(`${dir}/${n}`, "utf8"));
console.log("sync read", (performance.now() - t).toFixed(0)); t = performance.now();
const opts = { engines: { yaml: (s: string) => yaml.load(s, { schema: yaml.CORE_SCHEMA }) as object } };
for (const s of texts2) matter(s, { ...opts });
console.log("matter", (performance.now() - t).toFixed(0)); t = performance.now();
for (const s of texts2) { const end = s.indexOf("\n---", 4); yaml.load(s.slice(4, end), { schema: yaml.CORE_SCHEMA }); }
console.log("yaml only", (performance.now() - t).toFixed(0));
