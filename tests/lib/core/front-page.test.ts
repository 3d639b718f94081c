import { describe, expect, it } from "vitest";
import { findNextPinEnd, isPinInForce, pickLead, planFrontPage, readLeadPin } from "../../../lib/core/front-page.ts";
import { makeArticle } from "../../helpers/articles.ts";

const now = new Date("2026-11-28T03:00:00Z");
const tomorrow = new Date("2026-11-29T03:00:00Z");
const yesterday = new Date("2026-11-27T03:00:00Z");
const thoiSu = { name: "Thời sự", slug: "thoi-su", url: "/thoi-su/" };
const doiSong = { name: "Đời sống", slug: "doi-song", url: "/doi-song/" };

/** `count` stories newest first (s1 newest), alternating between two sections. */
function stories(count: number) {
  return Array.from({ length: count }, (_, i) =>
    makeArticle(`s${i + 1}`, { section: i % 2 ? doiSong : thoiSu, date: new Date(Date.UTC(2026, 10, 27, 12 - i)) }),
  );
}
const slugs = (list: { slug: string }[]) => list.map((story) => story.slug);

describe("readLeadPin", () => {
  it("reads true as rank 1, a number as its rank and false as no pin", () => {
    expect(readLeadPin(true, undefined)).toEqual({ rank: 1, until: null });
    expect(readLeadPin(3, tomorrow)).toEqual({ rank: 3, until: tomorrow });
    expect(readLeadPin(false, tomorrow)).toBeNull();
  });

  it("holds until featuredUntil, which is already past at that very instant", () => {
    expect(isPinInForce({ rank: 1, until: null }, now)).toBe(true);
    expect(isPinInForce({ rank: 1, until: tomorrow }, now)).toBe(true);
    expect(isPinInForce({ rank: 1, until: now }, now)).toBe(false);
    expect(isPinInForce(null, now)).toBe(false);
  });
});

describe("pickLead", () => {
  it("leads with the newest story when nothing is pinned", () => {
    expect(pickLead(stories(3), now)?.slug).toBe("s1");
    expect(pickLead([], now)).toBeNull();
  });

  it("leads with the lowest rank in force; a tie goes to the newest", () => {
    const list = stories(5);
    list[3]!.pin = { rank: 2, until: null };
    list[4]!.pin = { rank: 1, until: null };
    list[2]!.pin = { rank: 1, until: tomorrow };
    // s3 and s5 share rank 1: the newer, s3, leads (a later featured story takes over).
    expect(pickLead(list, now)?.slug).toBe("s3");
    list[2]!.pin = { rank: 1, until: yesterday };
    expect(pickLead(list, now)?.slug).toBe("s5");
  });

  it("gives the slot back to the newest story once every pin has ended", () => {
    const list = stories(3);
    list[2]!.pin = { rank: 1, until: tomorrow };
    expect(pickLead(list, now)?.slug).toBe("s3");
    expect(pickLead(list, tomorrow)?.slug).toBe("s1");
  });
});

describe("findNextPinEnd", () => {
  it("is the earliest pin end still ahead", () => {
    const list = stories(4);
    list[0]!.pin = { rank: 1, until: yesterday };
    list[1]!.pin = { rank: 2, until: new Date("2026-12-05T00:00:00Z") };
    list[2]!.pin = { rank: 3, until: tomorrow };
    list[3]!.pin = { rank: 4, until: null };
    expect(findNextPinEnd(list, now)).toEqual(tomorrow);
    expect(findNextPinEnd(stories(2), now)).toBeNull();
  });
});

describe("planFrontPage", () => {
  const bySection = (list: ReturnType<typeof stories>) =>
    [thoiSu, doiSong].map((section) => ({ slug: section.slug, stories: list.filter((s) => s.section.slug === section.slug) }));

  it("never shows a story twice: lead, four secondary, the latest list, then what each section has left", () => {
    const list = stories(14);
    const plan = planFrontPage(list, bySection(list), { latest: 3, perSection: 2 }, now);
    expect(plan.lead?.slug).toBe("s1");
    expect(slugs(plan.secondary)).toEqual(["s2", "s3", "s4", "s5"]);
    expect(slugs(plan.latest)).toEqual(["s6", "s7", "s8"]);
    expect(plan.sections.map((block) => [block.slug, slugs(block.stories)])).toEqual([
      ["thoi-su", ["s9", "s11"]],
      ["doi-song", ["s10", "s12"]],
    ]);
    const shown = [plan.lead!, ...plan.secondary, ...plan.latest, ...plan.sections.flatMap((block) => block.stories)];
    expect(new Set(shown).size).toBe(shown.length);
  });

  it("takes a pinned story out of its place in the lists, and drops a section with nothing left", () => {
    const list = stories(7);
    list[6]!.pin = { rank: 1, until: null };
    const plan = planFrontPage(list, bySection(list), { latest: 2, perSection: 4 }, now);
    expect(plan.lead?.slug).toBe("s7");
    expect(slugs(plan.secondary)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(slugs(plan.latest)).toEqual(["s5", "s6"]);
    expect(plan.sections).toEqual([]);
  });
});
