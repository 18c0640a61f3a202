import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { loadSampleCollections } from '../collections/sample.ts';
import { projectRoot } from '../shared/project-root.ts';
import { slugify } from './article-format.ts';
import { ArticleImporter } from './importer.ts';

export const SAMPLE_CONTENT_DIR = path.join(projectRoot, 'content/sample');

const organizationKinds = [
  'GOVERNMENT_BODY',
  'POLITICAL_PARTY',
  'COMPANY',
  'NON_PROFIT',
  'CRIMINAL_GROUP',
  'MEDIA',
  'FACILITY',
  'EDUCATION',
  'INTERNATIONAL_BODY',
  'SPORTS_CLUB',
  'OTHER',
] as const;

const sampleEntities = z.object({
  sections: z.array(z.object({ path: z.string(), name: z.string(), description: z.string() })),
  organizations: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      kind: z.enum(organizationKinds),
      description: z.string(),
      country: z.string().length(2).nullable(),
      parent: z.string().nullable(),
    }),
  ),
  people: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      description: z.string(),
      affiliations: z.array(
        z.object({
          organization: z.string(),
          role: z.string(),
          since: z.iso.date().nullable(),
          until: z.iso.date().nullable(),
        }),
      ),
    }),
  ),
  articles: z.record(
    z.string(),
    z.object({
      standfirst: z.string(),
      bylines: z.array(
        z.object({ person: z.string(), role: z.enum(['AUTHOR', 'CONTRIBUTOR', 'PHOTOGRAPHER', 'EDITOR']) }),
      ),
    }),
  ),
});

/** True when the database holds no content yet, so the sample may be loaded. */
export async function isEmpty(prisma: PrismaClient): Promise<boolean> {
  const [sections, articles, people] = await Promise.all([
    prisma.section.count(),
    prisma.article.count(),
    prisma.person.count(),
  ]);
  return sections + articles + people === 0;
}

/** Loads the sample sections, people and organizations, imports the sample articles, then makes the front page's collections. */
export async function loadSampleContent(prisma: PrismaClient, dir = SAMPLE_CONTENT_DIR): Promise<number> {
  const entities = sampleEntities.parse(JSON.parse(await readFile(path.join(dir, 'entities.json'), 'utf8')));
  const files = await Promise.all(
    Object.keys(entities.articles)
      .sort()
      .map(async (file) => ({ file, text: await readFile(path.join(dir, file), 'utf8') })),
  );

  // Sections, people and organizations first, so the articles link to them.
  const personIds = new Map<string, number>();
  await prisma.$transaction(
    async (tx) => {
      const sectionIds = new Map<string, number>();
      const positions = new Map<number | null, number>();
      for (const section of entities.sections) {
        const names = section.path.split('/').map((name) => name.trim());
        const parentId = names.length > 1 ? sectionIds.get(names.slice(0, -1).join(' / ')) : undefined;
        const position = positions.get(parentId ?? null) ?? 0;
        positions.set(parentId ?? null, position + 1);
        const created = await tx.section.create({
          data: {
            slug: slugify(section.name),
            name: section.name,
            description: section.description,
            parentId: parentId ?? null,
            position,
          },
        });
        sectionIds.set(names.join(' / '), created.id);
      }

      const organizationIds = new Map<string, number>();
      for (const organization of entities.organizations) {
        const created = await tx.organization.create({
          data: {
            slug: organization.slug,
            name: organization.name,
            aliases: organization.aliases,
            kind: organization.kind,
            description: organization.description,
            country: organization.country,
            parentId: organization.parent ? requireId(organizationIds, organization.parent) : null,
            reviewed: true,
          },
        });
        organizationIds.set(organization.slug, created.id);
      }

      for (const person of entities.people) {
        const created = await tx.person.create({
          data: {
            slug: person.slug,
            name: person.name,
            aliases: person.aliases,
            description: person.description,
            reviewed: true,
            affiliations: {
              create: person.affiliations.map((affiliation) => ({
                organizationId: requireId(organizationIds, affiliation.organization),
                role: affiliation.role,
                since: affiliation.since ? new Date(affiliation.since) : null,
                until: affiliation.until ? new Date(affiliation.until) : null,
              })),
            },
          },
        });
        personIds.set(person.slug, created.id);
      }
    },
    { timeout: 60_000 },
  );

  const importer = new ArticleImporter({ prisma }, { timeZone: 'UTC', status: 'PUBLISHED', dryRun: false });
  for (const { file, text } of files) {
    const meta = entities.articles[file];
    const outcome = await importer.importFile(file, text, undefined, undefined, {
      standfirst: meta?.standfirst,
      bylines: (meta?.bylines ?? []).map((byline) => ({
        personId: requireId(personIds, byline.person),
        role: byline.role,
      })),
    });
    if (outcome.outcome === 'failed')
      throw new Error(`Sample article ${file}: line ${outcome.line}: ${outcome.reason}`);
  }
  await loadSampleCollections(prisma, dir);
  return files.length;
}

function requireId(ids: Map<string, number>, slug: string): number {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`Sample content refers to unknown slug "${slug}"`);
  return id;
}
