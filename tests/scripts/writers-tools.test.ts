import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, prepareFixture, ROOT } from "../helpers/build-site.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("writers");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

const run = (script: string, args: string[], contentDir: string) =>
  spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, BANTIN_CONTENT_DIR: contentDir, BANTIN_NOW: "2021-12-08T09:30:00Z" },
    encoding: "utf8",
  });

describe("npm run new and npm run check", () => {
  it("creates a valid draft skeleton in the right place, and never overwrites it", async () => {
    const content = await prepareFixture("site", path.join(temp, "content"));
    const created = run("new-article.ts", ["Khánh thành cầu mới qua sông Hồng", "--section", "Đời sống", "--author", "Anh Khôi"], content);
    expect(created.status).toBe(0);
    const file = path.join(content, "articles/khanh-thanh-cau-moi-qua-song-hong/index.md");
    const text = await fs.readFile(file, "utf8");
    expect(text).toContain("title: Khánh thành cầu mới qua sông Hồng");
    expect(text).toContain("date: '2021-12-08T16:30:00+07:00'");
    expect(text).toContain("section: Đời sống");
    expect(text).toContain("draft: true");
    const check = run("check-content.ts", [], content);
    expect(check.stdout).toContain("Content is valid: 7 articles (2 drafts) in 2 sections.");
    expect(check.status).toBe(0);
    await fs.writeFile(file, `${text}\nthêm một dòng\n`);
    const again = run("new-article.ts", ["Khánh thành cầu mới qua sông Hồng"], content);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(await fs.readFile(file, "utf8")).toContain("thêm một dòng");
  });

  it("checks content with the build's messages and fails on problems", async () => {
    const broken = await prepareFixture("broken", path.join(temp, "broken"));
    const check = run("check-content.ts", [], broken);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("6 problems in 3 files; nothing was published.");
    expect(check.stderr).toContain('photocredit: is not a known field; did you mean "photoCredit"?');
  });
});
