import DataLoader from 'dataloader';
import type { Section } from '../../generated/prisma/client.ts';
import type { Visibility } from '../articles/visibility.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import { jsonFindMany } from '../engine/json-find-many.ts';
import type { SharedSectionTree } from './shared-tree.ts';
import { SectionTree } from './tree.ts';

/** `sharedSectionTree` is set for requests that may read a little behind the primary (see shared-tree.ts). */
type Scope = Db & Visibility & { sharedSectionTree?: SharedSectionTree };
/** The sections' loaders that others build on. */
type SectionTreeLoader = { sectionTree: () => Promise<SectionTree> };

/** The sections' loaders, by the name the schema reads them under (`context.loaders.sectionTree()`, …). */
export const sectionLoaders = {
  /** Every section page and section filter needs the whole tree: one JSON statement, not Prisma's row mapping. */
  sectionTree: (scope: Scope) => {
    let tree: Promise<SectionTree> | undefined;
    const load = () => jsonFindMany<Section>(scope.prisma, 'Section', {}).then((sections) => new SectionTree(sections));
    return () => {
      tree ??= scope.sharedSectionTree ? scope.sharedSectionTree.get(load) : load();
      return tree;
    };
  },
  section: (_scope: Scope, loaders: SectionTreeLoader) =>
    new DataLoader<number, Section | null>(async (ids) => {
      const tree = await loaders.sectionTree();
      return ids.map((id) => tree.get(id) ?? null);
    }),
  /** Articles the viewer may see filed in a section or any section below it, counted once each. */
  sectionArticleCount: (scope: Scope, loaders: SectionTreeLoader) =>
    new DataLoader<number, number>(async (ids) => {
      const tree = await loaders.sectionTree();
      const roots: number[] = [];
      const members: number[] = [];
      for (const id of ids) {
        for (const member of tree.subtreeIds(id)) {
          roots.push(id);
          members.push(member);
        }
      }
      const visible = visibleArticleSql(scope, 'a');
      const rows = await scope.prisma.$queryRaw<{ id: number; count: bigint }[]>`
        WITH placement AS (
          SELECT a."id" AS article_id, a."sectionId" AS section_id FROM "Article" a
          WHERE ${visible}
          UNION
          SELECT x."articleId", x."sectionId" FROM "ArticleSection" x
          JOIN "Article" a ON a."id" = x."articleId"
          WHERE ${visible}
        )
        SELECT tree.root AS id, count(DISTINCT placement.article_id) AS count
        FROM unnest(${roots}::int[], ${members}::int[]) AS tree(root, member)
        JOIN placement ON placement.section_id = tree.member
        GROUP BY tree.root`;
      const counts = new Map(rows.map((row) => [row.id, Number(row.count)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
};
