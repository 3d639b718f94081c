import fs from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { commentRecordSchema, COMMENT_STATUSES, type CommentRecord, type CommentStatus } from "../core/comment-record.ts";
import { getRecordDuplicateKey } from "../core/comment-edit.ts";
import { formatCommentDetails, formatCommentTable, formatDamagedDetails } from "../core/comment-table.ts";
import { BantinError, ConfigError } from "../core/errors.ts";
import { isSlug } from "../core/slugs.ts";
import { describeDamaged, formatDoctorReport, type CommentStore, type RecordScan } from "../store/index.ts";
import { decideComments, eraseComments, type ModerationOutcome } from "../comments/moderation.ts";
import { EDITOR_USAGE, isEditorCommand, runEditorCommand } from "./editor-commands.ts";

// site.json's default, for a CLI run without a readable site.json.
const DEFAULT_NEWSROOM_NAME = "Ban biên tập";

/** Where the CLI writes, and what it knows of its surroundings; tests pass their own. */
export interface CliContext {
  store: CommentStore;
  timeZone: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  fetchImpl?: typeof fetch;
  /** The name newsroom answers carry (site.json `newsroomName`); "Ban biên tập" when not given. */
  newsroomName?: string;
}

const USAGE = `npm run comments -- <command>
  list [--status pending|approved|rejected] [--article SLUG]   the queue as a table
  show ID                                                      one comment, with its email
  approve ID... [--rebuild]                                    publish at the next build
  reject ID... [--rebuild]                                     keep off the site
  delete ID... [--rebuild]                                     erase for good (a reader's request)
${EDITOR_USAGE}
  export                                                       every comment as JSON on stdout
  import FILE [--rebuild]                                      add comments from an export (again: no change)
  doctor [--fix]                                               find damaged records; --fix moves them to damaged/`;

function report(outcomes: ModerationOutcome[], verb: string, ctx: CliContext): number {
  for (const outcome of outcomes) {
    if (outcome.ok) ctx.out(`${verb} ${outcome.id} (${outcome.slug})`);
    else ctx.err(`not ${verb}: ${outcome.reason}`);
  }
  return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
}

/** The records of a scan; each damaged record skipped is named on stderr. */
function warnDamaged(scan: RecordScan, ctx: CliContext): RecordScan["records"] {
  for (const damaged of scan.damaged) ctx.err(`warning: ${describeDamaged(damaged)}`);
  return scan.records;
}

async function requestRebuild(ctx: CliContext, reason: string): Promise<void> {
  const hook = ctx.env.BUILD_HOOK_URL;
  if (!hook) {
    ctx.out("No BUILD_HOOK_URL: `npm start` rebuilds by itself when a decision is made; elsewhere run `npm run build`.");
    return;
  }
  const response = await (ctx.fetchImpl ?? fetch)(hook, { method: "POST" });
  if (!response.ok) throw new ConfigError(`the build hook answered HTTP ${response.status}; check BUILD_HOOK_URL`);
  const changes = await ctx.store.rebuild.listChanges();
  await ctx.store.rebuild.putRebuildRequest({ at: ctx.now.toISOString(), lastChange: changes.at(-1) ?? null, reason });
  ctx.out("Build requested: the site will show the change in a few minutes.");
}

async function importFile(file: string, ctx: CliContext, by: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    throw new BantinError(
      `${file} cannot be read as JSON (${(error as Error).message}); give a file made by \`npm run comments -- export\``,
      { cause: error },
    );
  }
  if (!Array.isArray(raw)) throw new BantinError(`${file} should hold a JSON list of comments, as \`export\` writes`);
  const problems: string[] = [];
  const records: CommentRecord[] = [];
  raw.forEach((item, index) => {
    const parsed = commentRecordSchema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push(`  record ${index + 1}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
  });
  if (problems.length) throw new BantinError(`${file} was not imported; nothing changed. Fix these records:\n${problems.join("\n")}`);
  let added = 0;
  let present = 0;
  let duplicates = 0;
  for (const record of records) {
    const result = await ctx.store.importRecord(record, getRecordDuplicateKey(record), by, ctx.now);
    if (result.stored) added++;
    else if (result.present) present++;
    else duplicates++;
  }
  const same = duplicates ? ` ${duplicates} were the same as a stored comment (article, email and text) and left out.` : "";
  ctx.out(`Imported ${added} comment(s); ${present} were already in the store and left as they are.${same}`);
  return 0;
}

/** Runs one moderation command; returns the exit code. Errors a user can fix are BantinErrors. */
export async function runModerationCommand(argv: string[], ctx: CliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        status: { type: "string" },
        article: { type: "string" },
        rebuild: { type: "boolean" },
        fix: { type: "boolean" },
        text: { type: "string" },
        content: { type: "string" },
        name: { type: "string" },
        days: { type: "string" },
        email: { type: "boolean" },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new BantinError(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  const by = ctx.env.BANTIN_EDITOR || os.userInfo().username;
  if (!command || values.help) {
    ctx.out(USAGE);
    return command ? 0 : 1;
  }
  const needIds = () => {
    if (args.length === 0) throw new BantinError(`${command} needs at least one comment id (see \`npm run comments -- list\`)`);
    return args;
  };
  if (isEditorCommand(command))
    return runEditorCommand(command, args, values, by, { ...ctx, newsroomName: ctx.newsroomName ?? DEFAULT_NEWSROOM_NAME });
  switch (command) {
    case "list": {
      const status = values.status as CommentStatus | undefined;
      if (status && !COMMENT_STATUSES.includes(status)) throw new BantinError(`--status must be one of ${COMMENT_STATUSES.join(", ")}`);
      if (values.article !== undefined && !isSlug(values.article))
        throw new BantinError(
          `--article "${values.article}" is not an article slug (lower-case letters, digits and single dashes, as in the article's URL)`,
        );
      const all = warnDamaged(
        status === "pending" && !values.article ? await ctx.store.scanPending() : await ctx.store.scan(values.article),
        ctx,
      );
      const records = all.filter((record) => !status || record.status === status);
      ctx.out(records.length ? formatCommentTable(records, ctx.timeZone) : "No comments.");
      return 0;
    }
    case "show": {
      const found = await ctx.store.find(needIds());
      for (const id of args) {
        const entry = found.get(id);
        if (!entry) ctx.err(`no comment has the id ${id}`);
        else if ("record" in entry) ctx.out(formatCommentDetails(entry.record, ctx.timeZone));
        else ctx.out(formatDamagedDetails(entry.key, entry.damaged.reason, await ctx.store.readRawText(entry.key)));
      }
      return found.size === args.length ? 0 : 1;
    }
    case "approve":
    case "reject": {
      const code = report(
        await decideComments(ctx.store, needIds(), command === "approve" ? "approved" : "rejected", by, ctx.now),
        `${command === "approve" ? "approved" : "rejected"}`,
        ctx,
      );
      if (values.rebuild) await requestRebuild(ctx, `comments ${command === "approve" ? "approved" : "rejected"}`);
      return code;
    }
    case "delete": {
      const code = report(await eraseComments(ctx.store, needIds(), by, ctx.now), "deleted", ctx);
      if (values.rebuild) await requestRebuild(ctx, "comments deleted");
      return code;
    }
    case "export":
      ctx.out(JSON.stringify(warnDamaged(await ctx.store.scan(), ctx), null, 2));
      return 0;
    case "doctor": {
      const report = await ctx.store.examine(ctx.now, values.fix === true);
      for (const line of formatDoctorReport(report)) ctx.out(line);
      return report.fixed || (report.damaged.length === 0 && report.leftovers.length === 0) ? 0 : 1;
    }
    case "import": {
      if (!args[0]) throw new BantinError("import needs a file: npm run comments -- import comments.json");
      const code = await importFile(args[0], ctx, by);
      if (values.rebuild) await requestRebuild(ctx, "comments imported");
      return code;
    }
    default:
      throw new BantinError(`"${command}" is not a command.\n${USAGE}`);
  }
}
