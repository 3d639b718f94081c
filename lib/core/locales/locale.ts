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
  /** What the writers' tools (npm run new, npm run check, a build's content problems) say. */
  writers: WriterMessages;
}
