/**
 * Dates in the site's time zone. Everything here is pure: no clock is read, callers pass instants.
 * Why Intl and not the process time zone: a build on a UTC server must still print the Hanoi wall
 * clock, so that an article at 01:30+07:00 never shows the previous day.
 */

/** Wall-clock fields of an instant in a time zone. `weekday` is 0 for Sunday … 6 for Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    getFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `date` in `timeZone`, from Intl. */
function readZonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of getFormatter(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

const DAY_MS = 86_400_000;
/** Per zone, per UTC day: the zone's offset in milliseconds when it holds all day, else null. */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** Offset of `timeZone` at the instant `ms`, in milliseconds (whole seconds, as Intl prints them). */
function readOffsetMs(ms: number, timeZone: string): number {
  const p = readZonedParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The wall-clock fields of `date` in `timeZone`. Why not Intl for each date: asking Intl was a
 * tenth of a rebuild's catalog (16,000 articles). The zone's offset is asked at the start and the
 * end of the date's UTC day instead, once per day; when both agree (every day but those of a
 * clock change, as no zone changes its clock twice within a day), the fields follow by arithmetic.
 */
function getZonedParts(date: Date, timeZone: string): ZonedParts {
  const ms = date.getTime();
  const day = Math.floor(ms / DAY_MS);
  let offsets = dayOffsets.get(timeZone);
  if (!offsets) {
    offsets = new Map();
    dayOffsets.set(timeZone, offsets);
  }
  let offset = offsets.get(day);
  if (offset === undefined) {
    const start = readOffsetMs(day * DAY_MS, timeZone);
    offset = start === readOffsetMs(day * DAY_MS + DAY_MS - 1, timeZone) ? start : null;
    offsets.set(day, offset);
  }
  if (offset === null || !Number.isFinite(ms)) return readZonedParts(date, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Asia/Ho_Chi_Minh: 420). */
export function getOffsetMinutes(date: Date, timeZone: string): number {
  const p = getZonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or date-time. With an offset (`+07:00`, `Z`) it is exact; without one the
 * wall-clock time is read in `timeZone`. Returns null for anything else, including impossible
 * dates such as 2021-02-30.
 */
export function parseDateValue(value: string, timeZone: string): Date | null {
  const match = ISO_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = match;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  // setUTCFullYear: Date.UTC would read years below 100 as 19xx.
  const check = new Date(0);
  check.setUTCFullYear(fields[0], fields[1] - 1, fields[2]);
  check.setUTCHours(fields[3], fields[4], fields[5], 0);
  const wall = check.getTime();
  if (check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return null;
  }
  if (zone) {
    if (zone === "Z") return new Date(wall);
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    if (Number(digits.slice(2, 4)) > 59) return null;
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    return new Date(wall - offset * 60000);
  }
  // Two passes settle the offset even when the wall time sits next to a daylight-saving change.
  let guess = wall - getOffsetMinutes(new Date(wall), timeZone) * 60000;
  guess = wall - getOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** ISO 8601 with the zone's own offset, e.g. `2021-12-08T16:30:00+07:00`. */
export function formatIsoInZone(date: Date, timeZone: string): string {
  const p = getZonedParts(date, timeZone);
  const offset = getOffsetMinutes(date, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Words a date pattern needs from a locale. */
export interface DateWords {
  weekdays: readonly string[];
  months: readonly string[];
}

/**
 * Fills a pattern such as `{weekday}, {dd}/{mm}/{yyyy} {HH}:{MM}` with `date` as seen in
 * `timeZone`. Tokens: weekday, d, dd, m, mm, month, yyyy, HH, MM.
 */
export function formatDatePattern(date: Date, timeZone: string, pattern: string, words: DateWords): string {
  return fillDateParts(getZonedParts(date, timeZone), pattern, words);
}

function fillDateParts(p: ZonedParts, pattern: string, words: DateWords): string {
  const values: Record<string, string> = {
    weekday: words.weekdays[p.weekday] ?? "",
    d: String(p.day),
    dd: pad(p.day),
    m: String(p.month),
    mm: pad(p.month),
    month: words.months[p.month - 1] ?? "",
    yyyy: String(p.year),
    HH: pad(p.hour),
    MM: pad(p.minute),
  };
  return pattern.replace(/\{(\w+)\}/g, (whole, token: string) => values[token] ?? whole);
}

/** Every form of one instant a page needs, from one time-zone conversion. */
export function describeInstant(date: Date, timeZone: string, patterns: { line: string; short: string }, words: DateWords) {
  const p = getZonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return {
    iso: `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${zone}`,
    line: fillDateParts(p, patterns.line, words),
    short: fillDateParts(p, patterns.short, words),
    monthKey: `${p.year}-${pad(p.month)}`,
  };
}
