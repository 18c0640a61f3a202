import type { Section } from '../../generated/prisma/client.ts';

/** All sections held in memory: sections are few, and breadcrumbs and subtree filters need the whole tree. */
export class SectionTree {
  private readonly byId = new Map<number, Section>();
  private readonly childrenById = new Map<number | null, Section[]>();

  constructor(sections: readonly Section[]) {
    for (const section of sections) {
      this.byId.set(section.id, section);
      const siblings = this.childrenById.get(section.parentId) ?? [];
      siblings.push(section);
      this.childrenById.set(section.parentId, siblings);
    }
    for (const siblings of this.childrenById.values()) {
      siblings.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    }
  }

  get(id: number): Section | undefined {
    return this.byId.get(id);
  }

  bySlug(slug: string): Section | undefined {
    for (const section of this.byId.values()) if (section.slug === slug) return section;
    return undefined;
  }

  roots(): Section[] {
    return this.childrenById.get(null) ?? [];
  }

  children(id: number): Section[] {
    return this.childrenById.get(id) ?? [];
  }

  /** From the root down to the section's parent, for breadcrumbs. */
  ancestors(id: number): Section[] {
    const chain: Section[] = [];
    const seen = new Set<number>([id]);
    let parentId = this.byId.get(id)?.parentId ?? null;
    while (parentId !== null && !seen.has(parentId)) {
      const parent = this.byId.get(parentId);
      if (!parent) break;
      chain.unshift(parent);
      seen.add(parentId);
      parentId = parent.parentId;
    }
    return chain;
  }

  /** The section itself and every section below it. */
  subtreeIds(id: number): number[] {
    const ids: number[] = [];
    const pending = [id];
    while (pending.length > 0) {
      const next = pending.pop() as number;
      if (ids.includes(next)) continue;
      ids.push(next);
      for (const child of this.children(next)) pending.push(child.id);
    }
    return ids;
  }

  /** URL path of the section's page, such as `/world/americas`. */
  path(id: number): string {
    const section = this.byId.get(id);
    if (!section) return '/';
    return `/${[...this.ancestors(id), section].map((s) => s.slug).join('/')}`;
  }
}
