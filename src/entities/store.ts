// The entities' reads: people and organizations by slug, in pages, and counted per person or
// organization for many at once (what the loaders batch). Writes are in editor.ts and
// affiliation-editor.ts; the co-mention, timeline and trigram-search statements in co-mentions.ts,
// timeline.ts and search.ts.
import {
  type Article,
  type Organization,
  type OrganizationKind,
  type Person,
  Prisma,
} from '../../generated/prisma/client.ts';
import { type ArticlePageRequest, type ArticleReader, articlePageArgs } from '../articles/read-store.ts';
import type { Visibility } from '../articles/visibility.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import { ENCLOSING_ID, jsonFindFirst, jsonFindFirstWithList, jsonFindMany } from '../engine/json-find-many.ts';

export type EntityKind = 'Person' | 'Organization';

/** The columns and relations a GraphQL selection asks for, as Pothos plans them. */
export type PersonSelection = { select?: Prisma.PersonSelect; include?: Prisma.PersonInclude };
export type OrganizationSelection = { select?: Prisma.OrganizationSelect; include?: Prisma.OrganizationInclude };
/** A selection and a page's bounds, as Pothos plans a connection. */
export type PersonPage = PersonSelection & Pick<Prisma.PersonFindManyArgs, 'cursor' | 'take' | 'skip'>;
export type OrganizationPage = OrganizationSelection &
  Pick<Prisma.OrganizationFindManyArgs, 'cursor' | 'take' | 'skip'>;

export type PeopleFilter = { search?: string | null };
export type OrganizationsFilter = { search?: string | null; kind?: OrganizationKind | null };

// One row through the JSON statement (src/engine/json-find-many.ts): Prisma's client cost the entity page more CPU.
export function personBySlug(db: Db, selection: PersonSelection, slug: string): Promise<Person | null> {
  return jsonFindFirst<Person>(db.prisma, 'Person', { ...selection, where: { slug } });
}

export function organizationBySlug(
  db: Db,
  selection: OrganizationSelection,
  slug: string,
): Promise<Organization | null> {
  return jsonFindFirst<Organization>(db.prisma, 'Organization', { ...selection, where: { slug } });
}

/** The articles that mention the organization, as a condition on articles. */
export function mentioningOrganization(organizationId: number): Prisma.ArticleWhereInput {
  return { organizationMentions: { some: { organizationId } } };
}

/**
 * The organization with this slug and, in the same statement, a page of the articles that mention
 * it: `page` is asked for the page of the articles matching a scope. Undefined when the engine
 * cannot read both in one statement, for the caller to read them apart.
 */
export function organizationBySlugWithArticles(
  reader: ArticleReader,
  selection: OrganizationSelection,
  slug: string,
  page: (scope: Prisma.ArticleWhereInput) => ArticlePageRequest,
): Promise<{ row: Organization | null; list: Article[] } | undefined> {
  // The scope names the organization's id as the statement's own row, which the engine fills in.
  const scope = mentioningOrganization(ENCLOSING_ID as unknown as number);
  return jsonFindFirstWithList<Organization, Article>(
    reader.prisma,
    'Organization',
    { ...selection, where: { slug } },
    { modelName: 'Article', args: articlePageArgs(reader, page(scope)) },
  );
}

/** People in alphabetical order of name. */
export async function listPeople(db: Db, page: PersonPage, filter: PeopleFilter): Promise<Person[]> {
  return db.prisma.person.findMany({
    ...page,
    where: await peopleWhere(db, filter),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}

export async function countPeople(db: Db, filter: PeopleFilter): Promise<number> {
  return db.prisma.person.count({ where: await peopleWhere(db, filter) });
}

/** Organizations in alphabetical order of name. */
export async function listOrganizations(
  db: Db,
  page: OrganizationPage,
  filter: OrganizationsFilter,
): Promise<Organization[]> {
  return db.prisma.organization.findMany({
    ...page,
    where: await organizationsWhere(db, filter),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}

export async function countOrganizations(db: Db, filter: OrganizationsFilter): Promise<number> {
  return db.prisma.organization.count({ where: await organizationsWhere(db, filter) });
}

async function peopleWhere(db: Db, filter: PeopleFilter): Promise<Prisma.PersonWhereInput> {
  return filter.search ? { id: { in: await idsByName(db, 'Person', filter.search) } } : {};
}

async function organizationsWhere(db: Db, filter: OrganizationsFilter): Promise<Prisma.OrganizationWhereInput> {
  return {
    ...(filter.search ? { id: { in: await idsByName(db, 'Organization', filter.search) } } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
}

/** Ids of people or organizations whose name or any alias contains `search`, ignoring case. */
async function idsByName(db: Db, table: EntityKind, search: string): Promise<number[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT t."id" FROM ${Prisma.raw(`"${table}"`)} t
    WHERE t."name" ILIKE ${pattern}
       OR EXISTS (SELECT 1 FROM unnest(t."aliases") AS alias WHERE alias ILIKE ${pattern})`;
  return rows.map((row) => row.id);
}

/** People by id, null for an id with none, in the order asked. */
export async function peopleById(db: Db, ids: readonly number[]): Promise<(Person | null)[]> {
  return inOrder(await jsonFindMany<Person>(db.prisma, 'Person', { where: { id: { in: [...ids] } } }), ids);
}

/** Organizations by id, null for an id with none, in the order asked. */
export async function organizationsById(db: Db, ids: readonly number[]): Promise<(Organization | null)[]> {
  return inOrder(await jsonFindMany<Organization>(db.prisma, 'Organization', { where: { id: { in: [...ids] } } }), ids);
}

type Scope = Db & Visibility;

/** Articles the viewer may see with each person in the byline, in the order asked. */
export async function bylinedArticleCounts(scope: Scope, personIds: readonly number[]): Promise<number[]> {
  return countsInOrder(
    await scope.prisma.$queryRaw<CountRow[]>`
      SELECT b."personId" AS id, count(DISTINCT b."articleId") AS count
      FROM "Byline" b JOIN "Article" a ON a."id" = b."articleId"
      WHERE b."personId" = ANY(${[...personIds]}::int[])
        AND ${visibleArticleSql(scope, 'a')}
      GROUP BY b."personId"`,
    personIds,
  );
}

/** Articles the viewer may see that mention each person or organization, in the order asked. */
export async function mentioningArticleCounts(
  scope: Scope,
  kind: EntityKind,
  ids: readonly number[],
): Promise<number[]> {
  const rows =
    kind === 'Person'
      ? await scope.prisma.$queryRaw<CountRow[]>`
          SELECT m."personId" AS id, count(*) AS count
          FROM "PersonMention" m JOIN "Article" a ON a."id" = m."articleId"
          WHERE m."personId" = ANY(${[...ids]}::int[])
            AND ${visibleArticleSql(scope, 'a')}
          GROUP BY m."personId"`
      : await scope.prisma.$queryRaw<CountRow[]>`
          SELECT m."organizationId" AS id, count(*) AS count
          FROM "OrganizationMention" m JOIN "Article" a ON a."id" = m."articleId"
          WHERE m."organizationId" = ANY(${[...ids]}::int[])
            AND ${visibleArticleSql(scope, 'a')}
          GROUP BY m."organizationId"`;
  return countsInOrder(rows, ids);
}

type CountRow = { id: number; count: bigint | number };

function inOrder<T extends { id: number }>(rows: readonly T[], ids: readonly number[]): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

function countsInOrder(rows: CountRow[], ids: readonly number[]): number[] {
  const byId = new Map(rows.map((row) => [row.id, Number(row.count)]));
  return ids.map((id) => byId.get(id) ?? 0);
}
