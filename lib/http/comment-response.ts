import { renderCommentProblemPage } from "../core/comment-page.ts";
import type { CommentField, CommentFields } from "../core/comment-rules.ts";
import { fillPattern, getLocale, LOCALES, type LanguageCode, type Locale } from "../core/locales/index.ts";
import type { SubmitOutcome } from "../comments/index.ts";
import type { RequestKind } from "./request-fields.ts";
import { htmlResponse as html, jsonResponse as json, redirectResponse as redirect } from "./responses.ts";

/** Where a successful form post sends the reader: the article, scrolled to the notice. */
export const SENT_FRAGMENT = "?binh-luan=da-gui#binh-luan-da-gui";

/** The locale of a manifest's language; Vietnamese for a language the site does not have. */
export function readLocale(language: string): Locale {
  return getLocale((language in LOCALES ? language : "vi") as LanguageCode);
}

/**
 * A refusal in the request's format: JSON `{ error, fields }` (the form-wide reason, else the first
 * field's) or the HTML problem page with the reader's text and a way back to the article.
 */
export function refuseComment(
  format: RequestKind,
  status: number,
  locale: Locale,
  errors: Partial<Record<CommentField, string>>,
  fields: Partial<CommentFields> = {},
  articleUrl: string | null = null,
  headers: Record<string, string> = {},
): Response {
  if (format === "json") {
    const { form, ...byField } = errors;
    return json(status, { error: form ?? Object.values(byField)[0] ?? "", fields: byField }, headers);
  }
  return html(status, renderCommentProblemPage({ locale, errors, fields, articleUrl }), headers);
}

/**
 * The answer to a submission's outcome. A form gets a 303 back to the article or the problem page;
 * JSON gets 201 `{ id, status }` (200 for a duplicate), 400/404 for invalid fields, 429 and 503 with
 * Retry-After. Spam is answered exactly like a new pending comment.
 */
export function answerComment(outcome: SubmitOutcome, format: RequestKind, locale: Locale): Response {
  const messages = locale.comments.errors;
  switch (outcome.kind) {
    case "accepted":
    case "duplicate":
    case "spam": {
      if (format === "form") return redirect(outcome.target ? `${outcome.target.url}${SENT_FRAGMENT}` : "/");
      const status = outcome.kind === "accepted" ? outcome.status : "pending";
      return json(outcome.kind === "duplicate" ? 200 : 201, { id: outcome.id, status });
    }
    case "invalid":
      return refuseComment(
        format,
        outcome.errors.slug && !outcome.target ? 404 : 400,
        locale,
        outcome.errors,
        outcome.fields,
        outcome.target?.url ?? null,
      );
    case "rateLimited": {
      const message = fillPattern(messages.rateLimited, { minutes: Math.ceil(outcome.retryAfter / 60) });
      return refuseComment(format, 429, locale, { form: message }, outcome.fields, outcome.target.url, {
        "retry-after": String(outcome.retryAfter),
      });
    }
    case "unavailable":
      return refuseComment(format, 503, locale, { form: messages.unavailable }, outcome.fields, outcome.target?.url ?? null, {
        "retry-after": String(outcome.retryAfter),
      });
  }
}
