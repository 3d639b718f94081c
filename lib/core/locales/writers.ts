/** A phrase with a number: `one` for 1 where the language distinguishes it, `other` otherwise. */
export interface Plural {
  one: string;
  other: string;
}

/**
 * What `npm run new`, `npm run check` and a build say to writers about their content. Patterns use
 * `{name}` placeholders; counted phrases are Plural forms.
 */
export interface WriterMessages {
  counts: { problems: Plural; files: Plural; articles: Plural; drafts: Plural; sections: Plural };
  report: {
    /** First line of a problem list: `{problems}` and `{files}` are counted phrases. */
    summary: string;
    line: string;
    draftWarning: string;
    /** The last line of a build that stopped on content problems. */
    buildStopped: string;
    keptLastBuild: string;
    valid: string;
    /** `{drafts}` with, when some drafts have problems, `{broken}` of them. */
    draftsWithProblems: string;
  };
  file: {
    unreadable: string;
    tooLarge: string;
    nul: string;
    notUtf8: string;
    notYaml: string;
    notMap: string;
    alias: string;
    tooDeep: string;
    tooManyValues: string;
  };
  site: { missing: string; notJson: string };
  fields: {
    empty: string;
    tooLong: string;
    notDate: string;
    tooManyTags: string;
    notSlug: string;
    missing: string;
    shouldBe: string;
    aList: string;
    aMap: string;
    aString: string;
    aBoolean: string;
    aNumber: string;
    theValue: string;
    unknown: string;
    didYouMean: string;
    knownFields: string;
    writeLike: string;
    /** How each front matter key is written correctly: shown with every problem on that key. */
    examples: Record<string, string>;
  };
  photos: {
    noFile: string;
    remote: string;
    noAltBody: string;
    missing: string;
    notFile: string;
    unreadable: string;
    outside: string;
  };
  article: {
    noSlug: string;
    sectionNoLetters: string;
    tagNoLetters: string;
    placeholder: string;
    /** `updated` earlier than `date`; {updated} and {date} as written in ISO. */
    updatedBeforeDate: string;
  };
  collection: { slugTaken: string; slugListing: string; sectionReserved: string; sectionSpelling: string };
  /** Text `npm run new` writes into a skeleton; an article still holding any of it is not ready. */
  placeholders: { author: string; body: string; alt: string };
  newArticle: {
    usage: string;
    noSlug: string;
    exists: string;
    imageMissing: string;
    created: string;
    next: string;
    failed: string;
  };
}
