import { COMMENT_LIMITS } from "./comment-limits.ts";
import { HONEYPOT_FIELD, type CommentField, type CommentFields } from "./comment-rules.ts";
import type { Locale } from "./locales/index.ts";
import { escapeHtml } from "./text.ts";

/** What the page needs: why the comment was not posted, what the reader wrote, where to go back. */
export interface CommentProblemPage {
  locale: Locale;
  /** Reasons by field; `form` for the submission as a whole. */
  errors: Partial<Record<CommentField, string>>;
  fields: Partial<CommentFields>;
  articleUrl: string | null;
}

function renderField(id: keyof CommentFields, label: string, control: string, error: string | undefined): string {
  const note = error ? `<small class="field-error" id="err-${id}">${escapeHtml(error)}</small>` : "";
  return `<p class="field${error ? " field-invalid" : ""}"><label for="comment-${id}">${escapeHtml(label)}</label>${control}${note}</p>`;
}

/**
 * A small page for a form submission that was refused: the reasons beside the fields, and the
 * reader's own text back in the form so nothing they wrote is lost. Every value is escaped.
 */
export function renderCommentProblemPage(page: CommentProblemPage): string {
  const { locale, errors, fields } = page;
  const t = locale.comments;
  const value = (key: keyof CommentFields) => escapeHtml(fields[key] ?? "");
  const described = (key: keyof CommentFields) => (errors[key] ? ` aria-invalid="true" aria-describedby="err-${key}"` : "");
  const general = [errors.form, errors.slug].filter(Boolean).map((message) => `<p class="notice notice-error">${escapeHtml(message!)}</p>`);
  const back = page.articleUrl ? `<p><a href="${escapeHtml(page.articleUrl)}#binh-luan">${escapeHtml(t.back)}</a></p>` : "";
  const form = !errors.slug
    ? `<form class="comment-form" method="post" action="/api/comments">` +
      `<input type="hidden" name="slug" value="${value("slug")}">` +
      // A refused reply stays a reply when sent again (a refusal about its parent drops replyTo).
      (fields.replyTo ? `<input type="hidden" name="replyTo" value="${value("replyTo")}">` : "") +
      `<p class="hp" aria-hidden="true"><label>${escapeHtml(t.honeypot)} <input type="text" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></label></p>` +
      renderField(
        "name",
        t.name,
        `<input id="comment-name" name="name" type="text" required minlength="${COMMENT_LIMITS.name.min}" maxlength="${COMMENT_LIMITS.name.max}" autocomplete="name" value="${value("name")}"${described("name")}>`,
        errors.name,
      ) +
      renderField(
        "email",
        t.email,
        `<input id="comment-email" name="email" type="email" required maxlength="${COMMENT_LIMITS.email.max}" autocomplete="email" value="${value("email")}"${described("email")}>`,
        errors.email,
      ) +
      renderField(
        "content",
        t.content,
        `<textarea id="comment-content" name="content" rows="6" required minlength="${COMMENT_LIMITS.content.min}" maxlength="${COMMENT_LIMITS.content.max}"${described("content")}>${value("content")}</textarea>`,
        errors.content,
      ) +
      `<p class="form-foot"><button type="submit">${escapeHtml(t.submit)}</button></p></form>`
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(locale.lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(t.errorTitle)}</title><link rel="stylesheet" href="/assets/site.css"><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"></head>
<body><main id="main" class="page"><section class="comments comment-problem">
<h1>${escapeHtml(t.errorTitle)}</h1>
${general.join("\n")}
${form}
${back}
</section></main></body>
</html>
`;
}
