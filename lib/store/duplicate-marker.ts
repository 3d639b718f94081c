import { isSortableId } from "../core/ids.ts";
import { isSlug } from "../core/slugs.ts";
import { DamagedValueError, type StoreBackend } from "./backend.ts";
import { commentKey } from "./keys.ts";

/** What a `dedupe/<hash>` marker holds: the comment that the same submission stored first. */
export interface DuplicateMarker {
  id: string;
  slug: string;
  createdAt: string;
}

/** The marker under `key` when it is usable; null when there is none or it is damaged. */
export async function readMarker(backend: StoreBackend, key: string): Promise<DuplicateMarker | null> {
  let marker: Partial<DuplicateMarker> | null;
  try {
    marker = await backend.get<Partial<DuplicateMarker>>(key);
  } catch (error) {
    if (error instanceof DamagedValueError) return null;
    throw error;
  }
  if (!marker || typeof marker.id !== "string" || !isSortableId(marker.id) || typeof marker.slug !== "string" || !isSlug(marker.slug))
    return null;
  return marker as DuplicateMarker;
}

/**
 * The id a marker stands for, but only while that comment's record really exists: a marker left
 * by a crash or an erased comment is stale (null), whatever its age.
 */
export async function findLiveDuplicate(backend: StoreBackend, markerKey: string): Promise<string | null> {
  const marker = await readMarker(backend, markerKey);
  if (!marker) return null;
  return (await backend.getText(commentKey(marker.slug, marker.id))) !== null ? marker.id : null;
}
