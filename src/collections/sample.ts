// The sample front page's collections (content/sample/collections.json), made through the same
// editor functions as the mutations, so the sample obeys every rule a newsroom's collections do.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { createCollection, setCollectionItems } from './editor.ts';
import { articleIdsBySourceKey, sectionIdsBySlug } from './store.ts';

const sampleCollections = z.object({
  collections: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      section: z.string().optional(),
      size: z.number().int(),
      backfill: z.object({ rule: z.enum(['NONE', 'SECTION', 'FILTER']), sections: z.array(z.string()).optional() }),
      /** Articles by the name of their sample file. */
      items: z.array(z.object({ article: z.string(), pinned: z.boolean() })),
    }),
  ),
});

export async function loadSampleCollections(prisma: PrismaClient, dir: string): Promise<void> {
  const file = path.join(dir, 'collections.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const { collections } = sampleCollections.parse(JSON.parse(text));
  const sections = await sectionIdsBySlug(prisma);
  const articles = await articleIdsBySourceKey(prisma);
  const id = (ids: Map<string, number>, key: string) => {
    const found = ids.get(key);
    if (found === undefined) throw new Error(`${file} refers to unknown "${key}"`);
    return found;
  };
  for (const collection of collections) {
    const sectionIds = collection.backfill.sections?.map((slug) => id(sections, slug));
    await createCollection(
      { prisma },
      {
        slug: collection.slug,
        title: collection.title,
        sectionId: collection.section ? id(sections, collection.section) : null,
        size: collection.size,
        backfill:
          collection.backfill.rule === 'FILTER'
            ? { rule: 'FILTER', filter: sectionIds?.length ? { sectionIds, includeSubsections: true } : {} }
            : { rule: collection.backfill.rule },
      },
    );
    if (collection.items.length) {
      await setCollectionItems(
        { prisma },
        { slug: collection.slug, version: 1 },
        collection.items.map((item) => ({ articleId: id(articles, item.article), pinned: item.pinned })),
      );
    }
  }
}
