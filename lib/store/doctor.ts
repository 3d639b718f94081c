import { LEFTOVER_AGE_MS, type StoreBackend } from "./backend.ts";
import { indexCommentId } from "./id-index.ts";
import { commentPrefix, damagedCopyKey } from "./keys.ts";
import { readCommentKeys, type DamagedRecord } from "./read-record.ts";

/** What `npm run comments -- doctor` found, and with `--fix` what it did about it. */
export interface DoctorReport {
  damaged: DamagedRecord[];
  /** Temporary files older than an hour that killed writers left (file store only). */
  leftovers: string[];
  /** Damaged records moved aside: from which key to which. */
  moved: { key: string; to: string }[];
  /** Comments stored before the id index existed that `--fix` added to it. */
  indexed: number;
  fixed: boolean;
}

/**
 * Finds damaged comment records (unparseable JSON, empty, wrong shape, filed under another key)
 * and leftover temporary files. With `fix`, each damaged record's stored text is copied as it is
 * read (UTF-8) to `damaged/<its key>` (never overwriting an earlier copy), then removed from `comments/`,
 * and the leftovers are deleted: nothing a reader wrote is lost, and listings and builds are clean.
 * `--fix` also gives comments stored before the id index existed their index entry. Called as
 * `CommentStore.examine`; `deleteKey` erases a comment key with its markers.
 */
export async function examineBackend(
  backend: StoreBackend,
  deleteKey: (key: string) => Promise<void>,
  now: Date,
  fix: boolean,
): Promise<DoctorReport> {
  const { records, damaged } = await readCommentKeys(backend, await backend.list(commentPrefix()));
  const leftovers = await backend.sweepLeftovers(new Date(now.getTime() - LEFTOVER_AGE_MS), fix);
  const moved: DoctorReport["moved"] = [];
  let indexed = 0;
  if (fix) {
    for (const { key } of damaged) {
      const raw = await backend.getText(key);
      if (raw === null) continue;
      let to = damagedCopyKey(key);
      for (let copy = 1; !(await backend.createText(to, raw)); copy++) to = damagedCopyKey(key, copy);
      await deleteKey(key);
      moved.push({ key, to });
    }
    for (const record of records) if (await indexCommentId(backend, record.id, record.slug)) indexed++;
  }
  return { damaged, leftovers, moved, indexed, fixed: fix };
}

/** The report as lines for a terminal: what is wrong, where, and the command that fixes it. */
export function formatDoctorReport(report: DoctorReport): string[] {
  const indexed = report.indexed ? [`Added ${report.indexed} older comment(s) to the id index.`] : [];
  if (report.damaged.length === 0 && report.leftovers.length === 0)
    return [...indexed, "The comment store is healthy: every comment record reads, and no temporary files are left over."];
  const lines: string[] = [...indexed];
  if (report.damaged.length) {
    lines.push(`${report.damaged.length} damaged comment record(s):`);
    for (const damaged of report.damaged) {
      const move = report.moved.find((entry) => entry.key === damaged.key);
      lines.push(`  ${damaged.key}: ${damaged.reason}${move ? ` → moved to ${move.to}` : ""}`);
    }
  }
  if (report.leftovers.length) {
    lines.push(
      `${report.leftovers.length} temporary file(s) older than an hour, left by interrupted writes${report.fixed ? " (removed)" : ""}:`,
    );
    for (const file of report.leftovers) lines.push(`  ${file}`);
  }
  if (!report.fixed)
    lines.push(
      "Run `npm run comments -- doctor --fix` to move damaged records to damaged/ (their text kept as it is) and remove the leftovers.",
    );
  return lines;
}
