import type { WriterMessages } from "./writers.ts";

/** Every string a reader can see, in one place per language. Patterns use `{name}` placeholders. */
export interface Locale {
  /** BCP 47 tag for `<html lang>` and case rules. */
  lang: string;
  /** Open Graph locale, e.g. `vi_VN`. */
  ogLocale: string;
  dates: {
    weekdays: readonly string[];
    months: readonly string[];
    /** The date line under an article title. */
    dateLine: string;
    /** Dates in listings. */
    short: string;
    /** Title of an archive month page. */
    month: string;
  };
  byline: { both: string; writer: string; photographer: string };
  /** URL parts the site creates itself (sections and tags get slugs of their names). */
  paths: { comments: string; tag: string; archive: string; page: string };
  nav: {
    home: string;
    skipToContent: string;
    archive: string;
    tags: string;
    latest: string;
    more: string;
    mainMenu: string;
  };
  article: { tags: string; related: string };
  /** The article page's head (issue 11): the line under the date line when an article was updated. */
  articlePage: {
    updated: string;
    /** The label before a photo's credit at the end of its caption (`Ảnh: LÊ THU HÀ`). */
    photoCredit: string;
  };
  pagination: { label: string; previous: string; next: string; pageOf: string };
  listing: { tagTitle: string; archiveTitle: string; empty: string; count: string };
  comments: {
    heading: string;
    headingCount: string;
    empty: string;
    name: string;
    email: string;
    content: string;
    submit: string;
    honeypot: string;
    emailPrivate: string;
    moderated: string;
    sent: string;
    closed: string;
    errorTitle: string;
    back: string;
    /** Reasons a submission is refused, shown beside the form or in the JSON answer. */
    errors: {
      required: string;
      nameLength: string;
      emailInvalid: string;
      contentLength: string;
      tooManyLinks: string;
      unknownArticle: string;
      closed: string;
      unknownField: string;
      tooLarge: string;
      malformed: string;
      unsupportedType: string;
      method: string;
      rateLimited: string;
      unavailable: string;
    };
  };
  feed: { siteTitle: string; sectionTitle: string; commentsTitle: string; subscribe: string };
  notFound: { title: string; text: string; back: string };
  footer: { about: string; feeds: string };
  /** The front page, the masthead date, archive months and the footer's legal lines. */
  front: {
    /** Heading of the lead story and the stories after it (read by screen readers). */
    top: string;
    /** Heading of the text-only list of newest stories. */
    latest: string;
    /** The masthead's date of today, filled in the reader's browser (`{weekday}`, `{dd}`, `{mm}`, `{yyyy}`). */
    today: string;
    /** Archive month pages: the list of months around this one. */
    monthNav: string;
    olderMonth: string;
    newerMonth: string;
    /** Labels of the footer's lines, from site.json `footer`. */
    footer: { publisher: string; editorInChief: string; address: string; licence: string; phone: string; email: string };
  };
  /** The search page (`/<path>/?q=`), the masthead's search box, and what the results script prints. */
  search: {
    /** First path segment of the search page: `tim-kiem` gives `/tim-kiem/`. */
    path: string;
    title: string;
    /** Label of the search field. */
    label: string;
    placeholder: string;
    submit: string;
    /** The masthead's link to the search page on small screens. */
    link: string;
    /** Shown without JavaScript, before the link to the archive. */
    noscript: string;
    archiveLink: string;
    /** Shown by the script: `{query}` is what the reader typed, `{count}` how many articles match. */
    prompt: string;
    loading: string;
    found: string;
    none: string;
    failed: string;
    more: string;
  };
  /** The editors' moderation page. */
  admin: {
    title: string;
    token: string;
    signIn: string;
    signOut: string;
    status: string;
    pending: string;
    approved: string;
    rejected: string;
    all: string;
    refresh: string;
    approve: string;
    reject: string;
    remove: string;
    confirmRemove: string;
    empty: string;
    count: string;
    failed: string;
    unauthorized: string;
    noscript: string;
  };
  /** The moderation desk (/admin/): tabs, bulk actions, edits, newsroom answers, blocks, confirmations. */
  desk: {
    tabsLabel: string;
    waiting: string;
    flagged: string;
    approved: string;
    rejected: string;
    selectAll: string;
    select: string;
    bulkApprove: string;
    bulkReject: string;
    edit: string;
    reply: string;
    block: string;
    save: string;
    cancel: string;
    name: string;
    content: string;
    replyLabel: string;
    postReply: string;
    blockWhat: string;
    blockClient: string;
    blockEmail: string;
    blockDays: string;
    blockSubmit: string;
    undo: string;
    undone: string;
    replyTo: string;
    newsroom: string;
    flags: string;
    edited: string;
    original: string;
    keys: string;
    doneApproved: string;
    doneRejected: string;
    donePending: string;
    doneEdited: string;
    doneAnswered: string;
    doneBlocked: string;
    doneDeleted: string;
    doneMany: string;
    noneSelected: string;
    refresh: string;
  };
  /** Replies under a comment, the moderation word list and the editors' digest. */
  conversation: {
    /** The "Trả lời" control under a published comment, and the reply form's heading. */
    reply: string;
    replyHeading: string;
    submitReply: string;
    /** The visible label of an answer from the newsroom. */
    newsroomLabel: string;
    /** Why a reply is refused (`replyTo` names a comment it cannot answer). */
    errors: { unknownParent: string; notPublished: string; nested: string; otherArticle: string };
    /** The digest sent to MODERATION_WEBHOOK_URL: no name, email or text of a reader. */
    digest: { waiting: string; oldest: string; flagged: string; open: string };
  };
  /** What the writers' tools (npm run new, npm run check, a build's content problems) say. */
  writers: WriterMessages;
}
