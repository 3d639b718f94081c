import { describe, expect, it } from "vitest";
import { createSortableId, getIdTime, isSortableId } from "../../../lib/core/ids.ts";

describe("sortable ids", () => {
  it("sort by time and carry it", () => {
    const random = new Uint8Array(10).fill(255);
    const early = createSortableId(new Date("2026-01-01T00:00:00Z"), random);
    const late = createSortableId(new Date("2026-01-01T00:00:00.001Z"), new Uint8Array(10));
    expect(early < late).toBe(true);
    expect(isSortableId(early)).toBe(true);
    expect(getIdTime(late).toISOString()).toBe("2026-01-01T00:00:00.001Z");
  });
});
