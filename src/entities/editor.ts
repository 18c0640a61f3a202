import type { Affiliation, Organization, OrganizationKind, Person, Prisma } from '../../generated/prisma/client.ts';
import { bumpVersions } from '../articles/editor.ts';
import type { Db, Tx } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import {
  checkAliases,
  checkDescription,
  checkName,
  chooseSlug,
  finalAliases,
  lockRows,
  lockTree,
  type NameChanges,
  Problems,
  renamed,
  selfAndAncestors,
  transactionWithSlug,
} from './fields.ts';

/** Most duplicates one merge takes. */
export const MAX_MERGE_DUPLICATES = 50;
const COUNTRY = /^[A-Z]{2}$/;
/** A merge rewrites many rows; give it longer than Prisma's default 5 s. */
const MERGE_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

// People

export type NewPerson = { name: string; slug?: string; aliases?: readonly string[]; description?: string | null };

export type PersonChanges = NameChanges & { slug?: string; description?: string | null; reviewed?: boolean };

/** Creates a person; one created by an editor counts as reviewed. */
export function createPerson({ prisma }: Db, input: NewPerson): Promise<Person> {
  return transactionWithSlug(prisma, async (tx) => {
    const problems = new Problems();
    const name = checkName(problems, 'name', input.name);
    const aliases = finalAliases(problems, 'aliases', name, checkAliases(problems, 'aliases', input.aliases ?? []));
    const description = checkDescription(problems, 'description', input.description ?? null);
    const slug = await chooseSlug(tx, problems, 'person', { explicit: input.slug, name, exceptId: null });
    problems.throwIfAny();
    return tx.person.create({ data: { name, slug, aliases, description, reviewed: true } });
  });
}

export function updatePerson({ prisma }: Db, personId: number, changes: PersonChanges): Promise<Person> {
  return transactionWithSlug(prisma, async (tx) => {
    if (!(await lockRows(tx, 'Person', [personId])).has(personId)) throw new NotFoundError('person', 'The person');
    const current = await tx.person.findUniqueOrThrow({ where: { id: personId } });
    const problems = new Problems();
    const { name, aliases } = renamed(problems, current, changes);
    const description =
      changes.description === undefined
        ? current.description
        : checkDescription(problems, 'description', changes.description);
    const slug =
      changes.slug === undefined || changes.slug === current.slug
        ? current.slug
        : await chooseSlug(tx, problems, 'person', { explicit: changes.slug, name, exceptId: personId });
    problems.throwIfAny();
    return tx.person.update({
      where: { id: personId },
      data: { name, aliases, description, slug, reviewed: changes.reviewed ?? current.reviewed },
    });
  });
}

/**
 * Folds the duplicates into the survivor: their bylines, mentions and affiliations move to it,
 * their names and aliases become its aliases, and they are deleted.
 */
export function mergePeople({ prisma }: Db, survivorId: number, duplicateIds: readonly number[]): Promise<Person> {
  return prisma.$transaction(async (tx) => {
    const duplicates = checkMergeIds(survivorId, duplicateIds, 'person');
    await requireRows(tx, 'Person', survivorId, duplicates, 'The surviving person', 'The person');
    const ids = duplicates.map((duplicate) => duplicate.id);
    const people = await tx.person.findMany({ where: { id: { in: [survivorId, ...ids] } } });
    const [survivor, ...others] = inOrder(people, [survivorId, ...ids]);

    const problems = new Problems();
    const aliases = finalAliases(problems, 'duplicates', survivor.name, [
      ...survivor.aliases,
      ...others.flatMap((other) => [other.name, ...other.aliases]),
    ]);
    problems.throwIfAny();

    await moveBylines(tx, survivorId, ids);
    await movePersonMentions(tx, survivorId, ids);
    await moveAffiliations(tx, { personId: survivorId }, { personId: { in: ids } });
    await tx.person.deleteMany({ where: { id: { in: ids } } });
    return tx.person.update({
      where: { id: survivorId },
      data: {
        aliases,
        description: survivor.description ?? others.find((other) => other.description)?.description ?? null,
        reviewed: survivor.reviewed || others.some((other) => other.reviewed),
      },
    });
  }, MERGE_TRANSACTION);
}

/** Deletes a person with their mentions and affiliations; refused while they have bylines. */
export function deletePerson({ prisma }: Db, personId: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    if (!(await lockRows(tx, 'Person', [personId])).has(personId)) throw new NotFoundError('person', 'The person');
    const credited = await tx.article.count({ where: { bylines: { some: { personId } } } });
    if (credited > 0) {
      throw ValidationError.of(
        'person',
        'IN_USE',
        `is credited on ${plural(credited, 'article')}; merge the person into another or remove those bylines first`,
      );
    }
    await tx.person.delete({ where: { id: personId } });
    return personId;
  });
}

async function moveBylines(tx: Tx, survivorId: number, duplicateIds: number[]): Promise<void> {
  const moving = await tx.byline.findMany({ where: { personId: { in: duplicateIds } } });
  if (moving.length === 0) return;
  const held = await tx.byline.findMany({
    where: { personId: survivorId, articleId: { in: moving.map((byline) => byline.articleId) } },
  });
  // One credit per article and role: where the survivor already has it, it keeps the earlier position.
  const merged = new Map<string, { articleId: number; role: (typeof moving)[number]['role']; position: number }>();
  for (const byline of moving) {
    const key = `${byline.articleId}:${byline.role}`;
    const seen = merged.get(key);
    if (!seen || byline.position < seen.position) merged.set(key, { ...byline });
  }
  await tx.byline.deleteMany({ where: { personId: { in: duplicateIds } } });
  for (const byline of held) {
    const incoming = merged.get(`${byline.articleId}:${byline.role}`);
    if (!incoming) continue;
    merged.delete(`${byline.articleId}:${byline.role}`);
    if (incoming.position < byline.position) {
      await tx.byline.update({
        where: { articleId_personId_role: { articleId: byline.articleId, personId: survivorId, role: byline.role } },
        data: { position: incoming.position },
      });
    }
  }
  await tx.byline.createMany({ data: [...merged.values()].map((byline) => ({ ...byline, personId: survivorId })) });
  await bumpVersions(
    tx,
    moving.map((byline) => byline.articleId),
  );
}

async function movePersonMentions(tx: Tx, survivorId: number, duplicateIds: number[]): Promise<void> {
  const moving = await tx.personMention.findMany({ where: { personId: { in: duplicateIds } } });
  if (moving.length === 0) return;
  const held = await tx.personMention.findMany({
    where: { personId: survivorId, articleId: { in: moving.map((mention) => mention.articleId) } },
  });
  const plan = mergeMentions(
    [survivorId, ...duplicateIds],
    [...held, ...moving].map((mention) => ({ ...mention, ownerId: mention.personId })),
  );
  await tx.personMention.deleteMany({ where: { personId: { in: duplicateIds } } });
  for (const mention of plan.filter((entry) => entry.held)) {
    await tx.personMention.update({
      where: { articleId_personId: { articleId: mention.articleId, personId: survivorId } },
      data: { count: mention.count, spans: mention.spans },
    });
  }
  await tx.personMention.createMany({
    data: plan
      .filter((entry) => !entry.held)
      .map(({ articleId, count, spans }) => ({ articleId, personId: survivorId, count, spans })),
  });
}

// Organizations

export type NewOrganization = {
  name: string;
  slug?: string;
  aliases?: readonly string[];
  kind: OrganizationKind;
  description?: string | null;
  country?: string | null;
  parentId?: number | null;
};

export type OrganizationChanges = NameChanges & {
  slug?: string;
  kind?: OrganizationKind;
  description?: string | null;
  country?: string | null;
  parentId?: number | null;
  reviewed?: boolean;
};

/** Creates an organization; one created by an editor counts as reviewed. */
export function createOrganization({ prisma }: Db, input: NewOrganization): Promise<Organization> {
  return transactionWithSlug(prisma, async (tx) => {
    const problems = new Problems();
    const name = checkName(problems, 'name', input.name);
    const aliases = finalAliases(problems, 'aliases', name, checkAliases(problems, 'aliases', input.aliases ?? []));
    const description = checkDescription(problems, 'description', input.description ?? null);
    const country = checkCountry(problems, input.country ?? null);
    const slug = await chooseSlug(tx, problems, 'organization', { explicit: input.slug, name, exceptId: null });
    problems.throwIfAny();
    const parentId = input.parentId ?? null;
    if (parentId !== null && !(await lockRows(tx, 'Organization', [parentId])).has(parentId)) {
      throw new NotFoundError('parent', 'The parent organization');
    }
    return tx.organization.create({
      data: { name, slug, aliases, kind: input.kind, description, country, parentId, reviewed: true },
    });
  });
}

export function updateOrganization(
  { prisma }: Db,
  organizationId: number,
  changes: OrganizationChanges,
): Promise<Organization> {
  return transactionWithSlug(prisma, async (tx) => {
    const parentId = changes.parentId;
    if (parentId !== undefined) await lockTree(tx, 'Organization');
    const found = await lockRows(tx, 'Organization', [organizationId, ...(parentId ? [parentId] : [])]);
    if (!found.has(organizationId)) throw new NotFoundError('organization', 'The organization');
    if (parentId && !found.has(parentId)) throw new NotFoundError('parent', 'The parent organization');
    const current = await tx.organization.findUniqueOrThrow({ where: { id: organizationId } });

    const problems = new Problems();
    const { name, aliases } = renamed(problems, current, changes);
    const description =
      changes.description === undefined
        ? current.description
        : checkDescription(problems, 'description', changes.description);
    const country = changes.country === undefined ? current.country : checkCountry(problems, changes.country);
    const slug =
      changes.slug === undefined || changes.slug === current.slug
        ? current.slug
        : await chooseSlug(tx, problems, 'organization', { explicit: changes.slug, name, exceptId: organizationId });
    if (parentId && (await selfAndAncestors(tx, 'Organization', parentId)).some((row) => row.id === organizationId)) {
      problems.add(
        'parent',
        'CYCLE',
        'cannot be the organization itself or one that belongs to it: that would make a loop',
      );
    }
    problems.throwIfAny();
    return tx.organization.update({
      where: { id: organizationId },
      data: {
        name,
        aliases,
        description,
        country,
        slug,
        kind: changes.kind ?? current.kind,
        reviewed: changes.reviewed ?? current.reviewed,
        ...(parentId !== undefined && { parentId }),
      },
    });
  });
}

/**
 * Folds the duplicates into the survivor: their mentions, affiliations and child organizations
 * move to it, their names and aliases become its aliases, and they are deleted.
 */
export function mergeOrganizations(
  { prisma }: Db,
  survivorId: number,
  duplicateIds: readonly number[],
): Promise<Organization> {
  return prisma.$transaction(async (tx) => {
    const duplicates = checkMergeIds(survivorId, duplicateIds, 'organization');
    await lockTree(tx, 'Organization');
    await requireRows(tx, 'Organization', survivorId, duplicates, 'The surviving organization', 'The organization');
    const ids = duplicates.map((duplicate) => duplicate.id);
    const organizations = await tx.organization.findMany({ where: { id: { in: [survivorId, ...ids] } } });
    const [survivor, ...others] = inOrder(organizations, [survivorId, ...ids]);

    const problems = new Problems();
    const aliases = finalAliases(problems, 'duplicates', survivor.name, [
      ...survivor.aliases,
      ...others.flatMap((other) => [other.name, ...other.aliases]),
    ]);
    problems.throwIfAny();

    // Where a duplicate sits above the survivor, the survivor takes the place of the highest one,
    // so that moving the duplicates' children under it cannot make a loop.
    const chain = await selfAndAncestors(tx, 'Organization', survivorId);
    const highestDuplicate = chain.findLast((row) => ids.includes(row.id));
    const parentId = highestDuplicate ? highestDuplicate.parentId : survivor.parentId;

    await moveOrganizationMentions(tx, survivorId, ids);
    await moveAffiliations(tx, { organizationId: survivorId }, { organizationId: { in: ids } });
    await tx.organization.updateMany({
      where: { parentId: { in: ids }, id: { notIn: [survivorId, ...ids] } },
      data: { parentId: survivorId },
    });
    const merged = await tx.organization.update({
      where: { id: survivorId },
      data: {
        parentId,
        aliases,
        description: survivor.description ?? others.find((other) => other.description)?.description ?? null,
        country: survivor.country ?? others.find((other) => other.country)?.country ?? null,
        kind:
          survivor.kind === 'OTHER' ? (others.find((other) => other.kind !== 'OTHER')?.kind ?? 'OTHER') : survivor.kind,
        reviewed: survivor.reviewed || others.some((other) => other.reviewed),
      },
    });
    await tx.organization.deleteMany({ where: { id: { in: ids } } });
    return merged;
  }, MERGE_TRANSACTION);
}

/** Deletes an organization with its mentions and affiliations; organizations below it lose their parent. */
export function deleteOrganization({ prisma }: Db, organizationId: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    if (!(await lockRows(tx, 'Organization', [organizationId])).has(organizationId)) {
      throw new NotFoundError('organization', 'The organization');
    }
    await tx.organization.delete({ where: { id: organizationId } });
    return organizationId;
  });
}

function checkCountry(problems: Problems, country: string | null): string | null {
  if (country !== null && !COUNTRY.test(country)) {
    problems.add('country', 'INVALID_FORMAT', 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GB"');
  }
  return country;
}

async function moveOrganizationMentions(tx: Tx, survivorId: number, duplicateIds: number[]): Promise<void> {
  const moving = await tx.organizationMention.findMany({ where: { organizationId: { in: duplicateIds } } });
  if (moving.length === 0) return;
  const held = await tx.organizationMention.findMany({
    where: { organizationId: survivorId, articleId: { in: moving.map((mention) => mention.articleId) } },
  });
  const plan = mergeMentions(
    [survivorId, ...duplicateIds],
    [...held, ...moving].map((mention) => ({ ...mention, ownerId: mention.organizationId })),
  );
  await tx.organizationMention.deleteMany({ where: { organizationId: { in: duplicateIds } } });
  for (const mention of plan.filter((entry) => entry.held)) {
    await tx.organizationMention.update({
      where: { articleId_organizationId: { articleId: mention.articleId, organizationId: survivorId } },
      data: { count: mention.count, spans: mention.spans },
    });
  }
  await tx.organizationMention.createMany({
    data: plan
      .filter((entry) => !entry.held)
      .map(({ articleId, count, spans }) => ({ articleId, organizationId: survivorId, count, spans })),
  });
}

// Shared by both merges

type Duplicate = { id: number; index: number };

/** The duplicates without repeats, each with its index in the input for error paths. */
function checkMergeIds(survivorId: number, duplicateIds: readonly number[], what: string): Duplicate[] {
  const problems = new Problems();
  if (duplicateIds.length === 0) problems.add('duplicates', 'REQUIRED', `must name at least one ${what} to merge`);
  if (duplicateIds.length > MAX_MERGE_DUPLICATES) {
    problems.add('duplicates', 'TOO_MANY', `must name at most ${MAX_MERGE_DUPLICATES} at a time`);
  }
  duplicateIds.forEach((id, index) => {
    if (id === survivorId)
      problems.add(`duplicates[${index}]`, 'CYCLE', `is the survivor; a ${what} cannot merge into itself`);
  });
  problems.throwIfAny();
  const seen = new Set<number>();
  return duplicateIds.flatMap((id, index) => (seen.has(id) || !seen.add(id) ? [] : [{ id, index }]));
}

async function requireRows(
  tx: Tx,
  table: 'Person' | 'Organization',
  survivorId: number,
  duplicates: Duplicate[],
  survivorWhat: string,
  duplicateWhat: string,
): Promise<void> {
  const found = await lockRows(tx, table, [survivorId, ...duplicates.map((duplicate) => duplicate.id)]);
  if (!found.has(survivorId)) throw new NotFoundError('survivor', survivorWhat);
  const missing = duplicates.find((duplicate) => !found.has(duplicate.id));
  if (missing) throw new NotFoundError(`duplicates[${missing.index}]`, duplicateWhat);
}

function inOrder<T extends { id: number }>(rows: T[], ids: number[]): [T, ...T[]] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) as T) as [T, ...T[]];
}

type MentionRow = { articleId: number; ownerId: number; count: number; spans: Prisma.JsonValue };

/**
 * One mention per article for the survivor: counts summed, spans concatenated and put in reading
 * order. `held` says the survivor already had a row.
 */
function mergeMentions(
  order: number[],
  rows: MentionRow[],
): { articleId: number; count: number; spans: Prisma.InputJsonArray; held: boolean }[] {
  const rank = (row: MentionRow) => order.indexOf(row.ownerId);
  const byArticle = new Map<number, MentionRow[]>();
  for (const row of rows) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row]);
  return [...byArticle.entries()].map(([articleId, group]) => {
    const sorted = group.sort((a, b) => rank(a) - rank(b));
    return {
      articleId,
      count: sorted.reduce((sum, row) => sum + row.count, 0),
      spans: inReadingOrder(sorted.flatMap((row) => (Array.isArray(row.spans) ? row.spans : []))),
      held: sorted[0]?.ownerId === order[0],
    };
  });
}

/** Spans sorted by paragraph and offset, as `Mention.spans` promises; spans of another shape keep their order. */
function inReadingOrder(spans: Prisma.JsonArray): Prisma.InputJsonArray {
  const position = (span: Prisma.JsonValue) =>
    span &&
    typeof span === 'object' &&
    !Array.isArray(span) &&
    typeof span.paragraph === 'number' &&
    typeof span.start === 'number'
      ? [span.paragraph, span.start]
      : null;
  if (spans.some((span) => position(span) === null)) return spans as Prisma.InputJsonArray;
  return [...spans].sort((a, b) => {
    const [pa = 0, sa = 0] = position(a) ?? [];
    const [pb = 0, sb = 0] = position(b) ?? [];
    return pa - pb || sa - sb;
  }) as Prisma.InputJsonArray;
}

/**
 * Moves affiliations to the survivor. A moved affiliation identical to one the survivor already
 * has (same person, organization, role and dates) is dropped instead of repeated.
 */
async function moveAffiliations(
  tx: Tx,
  survivor: { personId: number } | { organizationId: number },
  moving: Prisma.AffiliationWhereInput,
): Promise<void> {
  const key = (a: Affiliation) =>
    JSON.stringify([a.personId, a.organizationId, a.role, a.since?.toISOString(), a.until?.toISOString()]);
  const rows = await tx.affiliation.findMany({ where: moving, orderBy: { id: 'asc' } });
  if (rows.length === 0) return;
  const kept = new Set((await tx.affiliation.findMany({ where: survivor })).map(key));
  const repeats: number[] = [];
  for (const row of rows) {
    const moved = key({ ...row, ...survivor });
    if (kept.has(moved)) repeats.push(row.id);
    else kept.add(moved);
  }
  await tx.affiliation.deleteMany({ where: { id: { in: repeats } } });
  await tx.affiliation.updateMany({ where: { ...moving, id: { notIn: repeats } }, data: survivor });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
