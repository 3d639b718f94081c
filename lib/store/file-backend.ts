import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { assertSafeKey, parseStoredText, runStoreOperation, type StoreBackend } from "./backend.ts";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";
// `.<name>.json.<12 hex>.tmp`: the name writeTemporary gives, and the only files sweepLeftovers removes.
const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * A folder of JSON files, one per key: the local store on a writer's machine. Every write goes to
 * a temporary file first; `put` renames it into place and `create` hard-links it, which fails if
 * the name exists, so a crash never leaves a half-written comment and `create` never overwrites.
 * A writer killed between the two steps leaves its temporary file, which `sweepLeftovers` removes.
 */
export function createFileBackend(root: string): StoreBackend {
  const fileOf = (key: string) => {
    assertSafeKey(key);
    return path.join(root, `${key}.json`);
  };
  const writeTemporary = async (file: string, text: string) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
    await fs.writeFile(temporary, text, { flag: "wx" });
    return temporary;
  };
  const createFile = async (key: string, text: string) => {
    const file = fileOf(key);
    const temporary = await writeTemporary(file, text);
    try {
      await fs.link(temporary, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    } finally {
      await fs.rm(temporary, { force: true });
    }
  };
  const readText = async (key: string) => {
    try {
      return await fs.readFile(fileOf(key), "utf8");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
  // Every file under the folder of `prefix` (up to its last `/`): listing never reads the others.
  const walk = async (prefix: string) => {
    const base = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    try {
      return await fs.readdir(path.join(root, base), { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  };
  const listFiles = async (prefix: string) =>
    (await walk(prefix))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith("."))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .map((file) => ({ file, key: path.relative(root, file).split(path.sep).join("/").slice(0, -5) }))
      .filter(({ key }) => key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  const serialise = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  return {
    create: (key, value) => runStoreOperation("create", key, () => createFile(key, serialise(value))),
    createText: (key, text) => runStoreOperation("create", key, () => createFile(key, text)),
    put: (key, value) =>
      runStoreOperation("write", key, async () => {
        const file = fileOf(key);
        await fs.rename(await writeTemporary(file, serialise(value)), file);
      }),
    get: <T>(key: string) =>
      runStoreOperation("read", key, async () => {
        const text = await readText(key);
        return text === null ? null : parseStoredText<T>(key, text);
      }),
    getText: (key) => runStoreOperation("read", key, () => readText(key)),
    delete: (key) => runStoreOperation("delete", key, () => fs.rm(fileOf(key), { force: true })),
    list: (prefix) => runStoreOperation("list", `${prefix}*`, async () => (await listFiles(prefix)).map((entry) => entry.key)),
    listVersions: (prefix) =>
      runStoreOperation("list", `${prefix}*`, async () => {
        const versions = await Promise.all(
          (await listFiles(prefix)).map(async ({ file, key }) => {
            const stat = await fs.stat(file).catch(() => null);
            return stat ? { key, version: `${stat.mtimeMs}-${stat.size}` } : null;
          }),
        );
        return versions.filter((entry) => entry !== null);
      }),
    sweepLeftovers: (before, remove) =>
      runStoreOperation("clean up", "temporary files", async () => {
        const found: string[] = [];
        for (const entry of await walk("")) {
          if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
          const file = path.join(entry.parentPath, entry.name);
          const stat = await fs.stat(file).catch(() => null);
          if (!stat || stat.mtimeMs >= before.getTime()) continue;
          found.push(path.relative(root, file).split(path.sep).join("/"));
          if (remove) await fs.rm(file, { force: true });
        }
        return found.sort();
      }),
  };
}
