// What subscribers hear about a committed change to a collection.

export type CollectionChangeKind = 'CREATED' | 'UPDATED' | 'SCHEDULED' | 'DELETED';

/** JSON-safe, as it may travel through Redis: instants as ISO strings. */
export type CollectionChangeEvent = {
  collectionId: number;
  slug: string;
  change: CollectionChangeKind;
  /** The collection's section before and after the change (a move is heard in both). */
  sectionIds: number[];
  /** When the change takes effect: the moment it was made, or the scheduled time. */
  effectiveAt: string;
  /** The collection's version after the change; null once deleted. */
  version: number | null;
};

/** Called once the write has committed. */
export type CollectionChangeListener = (event: CollectionChangeEvent) => void;

/** Scheduled changes are editors' plans: only preview subscribers hear of them before they take effect. */
export function mayHear(event: CollectionChangeEvent, preview: boolean): boolean {
  return preview || event.change !== 'SCHEDULED';
}
