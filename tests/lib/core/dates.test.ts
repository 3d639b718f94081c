import { describe, expect, it } from "vitest";
import { describeInstant, formatDatePattern, formatIsoInZone, parseDateValue } from "../../../lib/core/dates.ts";
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
    expect(describeInstant(date, HCM, patterns, vi.dates)).toEqual({ iso: "2021-12-31T23:30:00+07:00", line: "Thứ Sáu, 31/12/2021 23:30", short: "31/12/2021", monthKey: "2021-12" });
    expect(describeInstant(date, "UTC", patterns, vi.dates).monthKey).toBe("2021-12");
  });
});
