import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { assertSafeKey, type StoreBackend } from "./backend.ts";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/**
 * A folder of JSON files, one per key: the local store on a writer's machine. Every write goes to
 * a temporary file first; `put` renames it into place and `create` hard-links it, which fails if
 * the name exists, so a crash never leaves a half-written comment and `create` never overwrites.
 */
export function createFileBackend(root: string): StoreBackend {
  const fileOf = (key: string) => {
    assertSafeKey(key);
    return path.join(root, `${key}.json`);
  };
  const writeTemporary = async (file: string, value: unknown) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
    await fs.writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { flag: "wx" });
    return temporary;
  };
  const backend: StoreBackend = {
    async create(key, value) {
      const file = fileOf(key);
      const temporary = await writeTemporary(file, value);
      try {
        await fs.link(temporary, file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
      } finally {
        await fs.rm(temporary, { force: true });
      }
    },
    async put(key, value) {
      const file = fileOf(key);
      await fs.rename(await writeTemporary(file, value), file);
    },
    async get<T>(key: string) {
      try {
        return JSON.parse(await fs.readFile(fileOf(key), "utf8")) as T;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    async list(prefix) {
      return (await backend.listVersions(prefix)).map((entry) => entry.key);
    },
    async listVersions(prefix) {
      const base = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
      let entries;
      try {
        entries = await fs.readdir(path.join(root, base), { recursive: true, withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const files = entries
        .filter((entry) => entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith("."))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .map((file) => ({ file, key: path.relative(root, file).split(path.sep).join("/").slice(0, -5) }))
        .filter(({ key }) => key.startsWith(prefix))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      const versions = await Promise.all(
        files.map(async ({ file, key }) => {
          const stat = await fs.stat(file).catch(() => null);
          return stat ? { key, version: `${stat.mtimeMs}-${stat.size}` } : null;
        }),
      );
      return versions.filter((entry) => entry !== null);
    },
  };
  return backend;
}
