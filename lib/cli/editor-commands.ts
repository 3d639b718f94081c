import { formatDatePattern } from "../core/dates.ts";
import { BantinError } from "../core/errors.ts";
import { isSortableId } from "../core/ids.ts";
import type { BlockKind, CommentStore, ListedBlock } from "../store/index.ts";
import {
  answerAsNewsroom,
  blockCommenter,
  DEFAULT_BLOCK_DAYS,
  editComment,
  type EditorOutcome,
  unblockCommenter,
} from "../comments/index.ts";

/** What the editors' verbs need of the CLI's context. */
export interface EditorCommandContext {
  store: CommentStore;
  timeZone: string;
  newsroomName: string;
  now: Date;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The options the editors' verbs read (parsed by the CLI with the others). */
export interface EditorOptions {
  text?: string;
  content?: string;
  name?: string;
  days?: string;
  email?: boolean;
  list?: boolean;
}

/** The editors' verbs, for the CLI's usage text. */
export const EDITOR_USAGE = `  reply ID --text "..."                                        publish the newsroom's answer to a published comment
  edit ID --content "..." [--name "..."]                       change a comment's text or name (the reader's is kept)
  block ID [--days N] [--email]                                block the comment's client (or email) for N days (30)
  block --list                                                 the blocks in force (hashes only, never an email)
  unblock ID [--email] | unblock client:HASH | email:HASH      lift a block`;

/** Whether a command is one of the editors' verbs. */
export const isEditorCommand = (command: string) => ["reply", "edit", "block", "unblock"].includes(command);

const siteTime = (iso: string, timeZone: string) =>
  formatDatePattern(new Date(iso), timeZone, "{dd}/{mm}/{yyyy} {HH}:{MM}", { weekdays: [], months: [] });

function oneId(command: string, args: string[]): string {
  if (args.length !== 1) throw new BantinError(`${command} needs exactly one comment id (see \`npm run comments -- list\`)`);
  return args[0]!;
}

function report<T>(outcome: EditorOutcome<T>, done: (value: T) => string, ctx: EditorCommandContext): number {
  if (outcome.ok) ctx.out(done(outcome.value));
  else ctx.err(outcome.reason);
  return outcome.ok ? 0 : 1;
}

function parseDays(days: string | undefined): number {
  if (days === undefined) return DEFAULT_BLOCK_DAYS;
  if (!/^\d+$/.test(days)) throw new BantinError(`--days "${days}" should be a whole number of days, for example --days 30`);
  return Number(days);
}

function formatBlocks(blocks: ListedBlock[], timeZone: string): string {
  if (blocks.length === 0) return "No blocks in force.";
  const rows = blocks.map((block) => `${siteTime(block.until, timeZone)}  ${`${block.kind}:${block.name}`.padEnd(72)}  ${block.by ?? "-"}`);
  return [`UNTIL             ${"BLOCK (unblock with this)".padEnd(72)}  BY`, ...rows].join("\n");
}

async function unblock(args: string[], kind: BlockKind, ctx: EditorCommandContext): Promise<number> {
  const target = oneId("unblock", args);
  const named = /^(client|email):([0-9a-f]{1,64})$/.exec(target);
  if (named) {
    const lifted = await ctx.store.blocks.removeListed(named[1] as BlockKind, named[2]!);
    if (lifted) ctx.out(`unblocked ${target}`);
    else ctx.err(`no block is named ${target}; see \`npm run comments -- block --list\``);
    return lifted ? 0 : 1;
  }
  if (!isSortableId(target))
    throw new BantinError(`unblock takes a comment id or a block as \`block --list\` names it (client:HASH, email:HASH), not "${target}"`);
  return report(
    await unblockCommenter(ctx.store, target, kind),
    (lifted) => (lifted ? `unblocked the ${kind} of ${target}` : `the ${kind} of ${target} was not blocked`),
    ctx,
  );
}

/** Runs `reply`, `edit`, `block` or `unblock`; returns the exit code. Errors a user can fix are BantinErrors. */
export async function runEditorCommand(
  command: string,
  args: string[],
  options: EditorOptions,
  by: string,
  ctx: EditorCommandContext,
): Promise<number> {
  const kind: BlockKind = options.email ? "email" : "client";
  switch (command) {
    case "reply": {
      const id = oneId(command, args);
      if (options.text === undefined) throw new BantinError(`reply needs the answer: npm run comments -- reply ${id} --text "..."`);
      const outcome = await answerAsNewsroom(ctx.store, id, options.text, { newsroomName: ctx.newsroomName, by, now: ctx.now });
      return report(
        outcome,
        (answer) => `answered ${id} as "${answer.name}": published as ${answer.id} (${answer.slug}) at the next build`,
        ctx,
      );
    }
    case "edit": {
      const id = oneId(command, args);
      if (options.content === undefined && options.name === undefined)
        throw new BantinError(
          `edit needs the new text, the new name or both: npm run comments -- edit ${id} --content "..." [--name "..."]`,
        );
      const outcome = await editComment(ctx.store, id, { content: options.content, name: options.name }, by, ctx.now);
      const rebuilt = (status: string) => (status === "approved" ? "; the page shows it at the next build" : "");
      return report(
        outcome,
        (record) => `edited ${id} (${record.slug})${rebuilt(record.status)}; \`show ${id}\` prints the reader's original`,
        ctx,
      );
    }
    case "block": {
      if (options.list) {
        ctx.out(formatBlocks(await ctx.store.blocks.list(ctx.now), ctx.timeZone));
        return 0;
      }
      const id = oneId(command, args);
      const outcome = await blockCommenter(ctx.store, id, kind, parseDays(options.days), by, ctx.now);
      return report(outcome, (block) => `blocked the ${block.kind} of ${id} until ${siteTime(block.until, ctx.timeZone)}`, ctx);
    }
    default:
      return unblock(args, kind, ctx);
  }
}
