/**
 * The front page's plan: which story leads, which follow it, which go in the "Tin mới" list and
 * which fill the section blocks, with no story shown twice. Pure: the caller passes `now`.
 */

/** An editor's pin on the lead slot: `featured: true` is rank 1; `featuredUntil` ends it. */
export interface LeadPin {
  rank: number;
  until: Date | null;
}

/** What the plan needs of a story: its place newest first is given by the order of the list. */
export interface PlannedStory {
  pin: LeadPin | null;
}

/** The front page as lists of stories, each story at most once. */
export interface FrontPagePlan<T> {
  lead: T | null;
  secondary: T[];
  latest: T[];
  sections: { slug: string; stories: T[] }[];
}

/** How many stories follow the lead with their photos (a row of four on wide screens). */
export const SECONDARY_COUNT = 4;

/** The pin of a front matter `featured` value: a number ranks; `true` equals rank 1; `false` is none. */
export function readLeadPin(featured: boolean | number, featuredUntil: Date | null | undefined): LeadPin | null {
  if (featured === false) return null;
  return { rank: featured === true ? 1 : featured, until: featuredUntil ?? null };
}

/** True while a pin holds: it has no end, or its end is still after `now`. */
export function isPinInForce(pin: LeadPin | null, now: Date): pin is LeadPin {
  return pin !== null && (pin.until === null || pin.until.getTime() > now.getTime());
}

/**
 * The lead story of `newestFirst`: among stories whose pin is in force the lowest rank wins, a tie
 * goes to the newest (the earliest in the list); without any pin in force, the newest story leads.
 */
export function pickLead<T extends PlannedStory>(newestFirst: readonly T[], now: Date): T | null {
  let lead: T | null = null;
  for (const story of newestFirst) {
    if (isPinInForce(story.pin, now) && (lead === null || story.pin.rank < lead.pin!.rank)) lead = story;
  }
  return lead ?? newestFirst[0] ?? null;
}

/**
 * The earliest pin end after `now` among `stories`: when it passes the lead may change, so the
 * scheduled rebuild check treats it like an embargo falling due. Null when no pin ends later.
 */
export function findNextPinEnd(stories: readonly { pin: LeadPin | null }[], now: Date): Date | null {
  let next: Date | null = null;
  for (const { pin } of stories) {
    if (pin?.until && pin.until.getTime() > now.getTime() && (next === null || pin.until < next)) next = pin.until;
  }
  return next;
}

/**
 * Plans the front page from `newestFirst` (all published stories, newest first): the lead, up to
 * SECONDARY_COUNT secondary stories, up to `latestCount` stories in the text list, then for each
 * section (in menu order, its stories newest first) its newest `perSection` stories not shown
 * above. A section with nothing left to show gets no block.
 */
export function planFrontPage<T extends PlannedStory>(
  newestFirst: readonly T[],
  sections: readonly { slug: string; stories: readonly T[] }[],
  counts: { latest: number; perSection: number },
  now: Date,
): FrontPagePlan<T> {
  const lead = pickLead(newestFirst, now);
  const rest = newestFirst.filter((story) => story !== lead);
  const secondary = rest.slice(0, SECONDARY_COUNT);
  const latest = rest.slice(SECONDARY_COUNT, SECONDARY_COUNT + counts.latest);
  const shown = new Set<T>([...(lead ? [lead] : []), ...secondary, ...latest]);
  const blocks = [];
  for (const section of sections) {
    const stories: T[] = [];
    for (const story of section.stories) {
      if (stories.length >= counts.perSection) break;
      if (!shown.has(story)) stories.push(story);
    }
    if (stories.length) blocks.push({ slug: section.slug, stories });
  }
  return { lead, secondary, latest, sections: blocks };
}
