import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeInstant,
  formatDatePattern,
  formatIsoInZone,
  getOffsetMinutes,
  isTimeZone,
  parseDateValue,
} from "../../../lib/core/dates.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";

const HCM = "Asia/Ho_Chi_Minh";
const line = (iso: string) => formatDatePattern(parseDateValue(iso, HCM)!, HCM, vi.dates.dateLine, vi.dates);

describe("dates in the site's time zone", () => {
  it("prints the Vietnamese date line", () => {
    expect(line("2021-12-08T16:30:00+07:00")).toBe("Thứ Tư, 08/12/2021 16:30");
    expect(line("2026-11-29T09:05:00+07:00")).toBe("Chủ Nhật, 29/11/2026 09:05");
  });

  it("never moves a time near midnight to another day", () => {
    expect(line("2021-12-08T01:30:00+07:00")).toBe("Thứ Tư, 08/12/2021 01:30");
    expect(line("2021-12-07T18:30:00Z")).toBe("Thứ Tư, 08/12/2021 01:30");
    expect(line("2021-12-08T23:59:00+07:00")).toBe("Thứ Tư, 08/12/2021 23:59");
  });

  it("reads a time without offset in the site's zone", () => {
    expect(parseDateValue("2021-12-08T16:30", HCM)!.toISOString()).toBe("2021-12-08T09:30:00.000Z");
    expect(parseDateValue("2021-12-08", HCM)!.toISOString()).toBe("2021-12-07T17:00:00.000Z");
    expect(parseDateValue("2021-03-28 02:30", "Europe/Berlin")!.toISOString()).toBe("2021-03-28T01:30:00.000Z");
  });

  it("refuses what is not an ISO date", () => {
    for (const bad of ["08/12/2021", "2021-02-30", "2021-12-08T25:00", "2021-12-08T16:30:75", "2021-12-08T16:30:00+07:99", "hôm qua", ""]) {
      expect(parseDateValue(bad, HCM)).toBeNull();
    }
    expect(parseDateValue("0021-12-08T00:00:00Z", HCM)!.getUTCFullYear()).toBe(21);
  });

  it("writes ISO with the zone's offset and the archive month", () => {
    const date = parseDateValue("2021-12-31T23:30:00+07:00", HCM)!;
    expect(formatIsoInZone(date, HCM)).toBe("2021-12-31T23:30:00+07:00");
    const patterns = { line: vi.dates.dateLine, short: vi.dates.short };
    expect(describeInstant(date, HCM, patterns, vi.dates)).toEqual({
      iso: "2021-12-31T23:30:00+07:00",
      line: "Thứ Sáu, 31/12/2021 23:30",
      short: "31/12/2021",
      monthKey: "2021-12",
    });
    expect(describeInstant(date, "UTC", patterns, vi.dates).monthKey).toBe("2021-12");
  });
});

describe("zones, offsets and patterns", () => {
  it("knows IANA zone names and refuses others", () => {
    expect(isTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Asia/Saigon_City")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("follows daylight saving and writes negative offsets", () => {
    expect(getOffsetMinutes(new Date("2021-01-15T12:00:00Z"), "Europe/Berlin")).toBe(60);
    expect(getOffsetMinutes(new Date("2021-07-15T12:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(getOffsetMinutes(new Date("2021-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(formatIsoInZone(new Date("2021-12-08T03:00:00Z"), "America/New_York")).toBe("2021-12-07T22:00:00-05:00");
  });

  it("fills English patterns with month names and keeps unknown tokens", () => {
    const date = parseDateValue("2021-12-08T16:30:00+07:00", HCM)!;
    expect(formatDatePattern(date, HCM, en.dates.dateLine, en.dates)).toBe("Wednesday, 8 December 2021, 16:30");
    expect(formatDatePattern(date, HCM, "{d}/{m} {nope}", vi.dates)).toBe("8/12 {nope}");
  });

  it("reads back what it writes, to the second, in any zone", () => {
    const zones = ["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const iso = formatIsoInZone(date, zone);
          expect(parseDateValue(iso, zone)!.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
          expect(describeInstant(date, zone, { line: "", short: "" }, vi.dates).iso).toBe(iso);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("wall-clock fields without asking Intl for each date", () => {
  const ZONES = [HCM, "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "UTC"];
  const PATTERN = "{weekday} {yyyy}-{mm}-{dd} {HH}:{MM}";
  const words = { ...en.dates, weekdays: ["0", "1", "2", "3", "4", "5", "6"] };
  /** The same fields straight from Intl, as the reference. */
  const reference = (ms: number, timeZone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        weekday: "short",
      })
        .formatToParts(new Date(ms))
        .map((part) => [part.type, part.value]),
    );
    const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
    return `${weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };

  it("agrees with Intl at any instant, clock changes included", () => {
    // Around each clock change of 2024 in the zones above, to the second, and anywhere in 1970-2060.
    const changes = [
      "2024-03-10T10:00:00Z",
      "2024-11-03T09:00:00Z",
      "2024-03-31T01:00:00Z",
      "2024-10-27T01:00:00Z",
      "2024-04-06T15:00:00Z",
      "2024-10-05T15:30:00Z",
      "2024-04-06T14:00:00Z",
      "2024-09-28T14:00:00Z",
    ].map((iso) => Date.parse(iso));
    const instant = fc.oneof(
      fc.integer({ min: 0, max: Date.UTC(2060, 0, 1) }),
      fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -7200_000, max: 7200_000 })).map(([at, delta]) => at + delta),
    );
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
        expect(formatDatePattern(new Date(ms), zone, PATTERN, words)).toBe(reference(ms, zone));
      }),
      { numRuns: 3000 },
    );
  });
});
