import type { SectionTree } from './tree.ts';

/** How old a shared section tree may be; a read that may lag accepts about this much from a replica too. */
export const SECTION_TREE_MAX_AGE_MS = 1_000;

/**
 * One gateway's section tree, shared by the requests that may read a little behind the primary
 * (anonymous queries, as for read replicas): a section page or an article's `urlPath` then costs
 * no statement for the tree. It is loaded again once it is older than `maxAgeMs`, and forgotten
 * when this gateway changes a section; another process's change shows within `maxAgeMs`. Editors'
 * and other signed-in requests load their own tree, as before.
 */
export class SharedSectionTree {
  private tree: Promise<SectionTree> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly maxAgeMs = SECTION_TREE_MAX_AGE_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The shared tree, or `load`'s when it is missing or too old (then shared from now on). */
  get(load: () => Promise<SectionTree>): Promise<SectionTree> {
    const shared = this.tree;
    if (shared && this.clock() - this.loadedAt <= this.maxAgeMs) {
      // A load that failed (say, its request was cancelled) must not fail others: they load their own.
      return shared.catch(() => load());
    }
    const tree = load();
    this.tree = tree;
    this.loadedAt = this.clock();
    tree.catch(() => {
      if (this.tree === tree) this.tree = undefined;
    });
    return tree;
  }

  /** Called after this gateway writes sections, so the next read loads them again. */
  forget(): void {
    this.tree = undefined;
  }
}
