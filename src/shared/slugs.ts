import { slugify } from '../content/article-format.ts';

/** `base`, or `base-2`, `base-3`… whichever is free first. */
export async function freeSlug(base: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/** A free slug made from a name or headline. */
export function slugFor(text: string, fallback: string, taken: (candidate: string) => Promise<boolean>) {
  return freeSlug(slugify(text) || fallback, taken);
}
