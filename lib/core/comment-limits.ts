/**
 * Limits on a reader's comment, in Unicode code points after NFC and trimming. The form's HTML hints
 * and the comment function's validation both read them from here.
 */
export const COMMENT_LIMITS = {
  name: { min: 2, max: 80 },
  email: { max: 254 },
  content: { min: 3, max: 4000 },
  /** Links allowed in one comment before it is treated as spam. */
  maxLinks: 2,
} as const;
