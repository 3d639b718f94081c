import type { ContentProblem } from "./errors.ts";
import { fillPattern, type Locale } from "./locales/index.ts";

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Whether a photo source is a web address (refused: photos are files next to the article). */
export function isRemotePhoto(src: string): boolean {
  return REMOTE.test(src);
}

/** A photo an article uses, as written, with where it is written (for messages). */
export interface PhotoUse {
  src: string;
  field: "image.src" | "body";
  line?: number;
}

/** Problems with how one photo is written: no file name, a web address, a body photo without alt. */
export function checkPhotoRef(use: PhotoUse, alt: unknown, file: string, messages: Locale["writers"]["photos"]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const { src, field } = use;
  const at = use.line ? { line: use.line } : {};
  if (!src) problems.push({ file, field, ...at, message: messages.noFile });
  else if (isRemotePhoto(src))
    problems.push({ file, field, ...at, message: fillPattern(messages.remote, { src, name: src.split("/").pop() ?? "" }) });
  // A missing alt on the main photo is reported by validation, with the image.alt example.
  if (field === "body" && (typeof alt !== "string" || !alt.trim())) {
    problems.push({ file, field, ...at, message: fillPattern(messages.noAltBody, { src: src || "./anh.jpg" }) });
  }
  return problems;
}
