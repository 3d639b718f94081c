import type { StoreBackend } from "./backend.ts";
import { ALERT_MARKER_KEY } from "./keys.ts";

/** What the last digest sent to editors covered. */
export interface AlertMarker {
  /** When it was sent (ISO 8601 UTC). */
  sentAt: string;
  /** The id of the newest waiting comment it counted: a later one is news. */
  newest: string;
}

/** The marker of the last moderation digest that reached its webhook (`alerts/last`). */
export class AlertState {
  private readonly backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this.backend = backend;
  }

  /** The last digest's marker, or null when none was sent yet. */
  async getLast(): Promise<AlertMarker | null> {
    return this.backend.get<AlertMarker>(ALERT_MARKER_KEY);
  }

  /** Records a digest that reached its webhook. */
  async putLast(marker: AlertMarker): Promise<void> {
    await this.backend.put(ALERT_MARKER_KEY, marker);
  }
}
