import type { ArticleStatus, BylineRole, Prisma } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../db/client.ts';
import { requireAltText } from '../media/alt-text.ts';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../shared/errors.ts';
import { slugFor } from '../shared/slugs.ts';
import { countWords, joinParagraphs } from './body.ts';
import { bodyChangeStamp } from './corrections.ts';
import { type ArticleChangeListener, articleState, changeEvent } from './events.ts';
import { clearUnpublishTombstones, recordTombstone } from './tombstones.ts';

/** Longest body an article may have, in characters (about 15,000 words). */
export const MAX_BODY_CHARACTERS = 100_000;
export const MAX_HEADLINE_CHARACTERS = 300;
export const MAX_STANDFIRST_CHARACTERS = 1_000;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export type MentionChange = { id: number; count: number; spans?: Prisma.InputJsonValue };

export type ArticleChanges = {
  headline?: string;
  slug?: string;
  standfirst?: string | null;
  paragraphs?: string[];
  sectionId?: number;
  otherSectionIds?: number[];
  language?: string;
  bylines?: { personId: number; role: BylineRole }[];
  mentionedPeople?: MentionChange[];
  mentionedOrganizations?: MentionChange[];
  status?: ArticleStatus;
  publishedAt?: Date | null;
};

/** The fields a revision keeps; a conflict reports which of them changed. */
async function snapshot(tx: Tx, articleId: number): Promise<Record<string, unknown>> {
  const article = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    include: { otherSections: true, bylines: { orderBy: { position: 'asc' } } },
  });
  return {
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    body: article.body,
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    language: article.language,
    section: article.sectionId,
    otherSections: article.otherSections.map((entry) => entry.sectionId).sort((a, b) => a - b),
    bylines: article.bylines.map((byline) => `${byline.personId}:${byline.role}`),
  };
}

async function recordRevision(tx: Tx, articleId: number, version: number) {
  await tx.articleRevision.create({
    data: { articleId, version, fields: (await snapshot(tx, articleId)) as Prisma.InputJsonObject },
  });
}

async function validate(tx: Tx, changes: ArticleChanges, articleId: number | null): Promise<void> {
  const problems: FieldProblem[] = [];
  if (changes.headline !== undefined) {
    if (!changes.headline.trim()) problems.push({ field: 'headline', code: 'REQUIRED', message: 'must not be empty' });
    else if (changes.headline.length > MAX_HEADLINE_CHARACTERS)
      problems.push({
        field: 'headline',
        code: 'TOO_LONG',
        message: `must be at most ${MAX_HEADLINE_CHARACTERS} characters`,
      });
  }
  if (changes.standfirst && changes.standfirst.length > MAX_STANDFIRST_CHARACTERS) {
    problems.push({
      field: 'standfirst',
      code: 'TOO_LONG',
      message: `must be at most ${MAX_STANDFIRST_CHARACTERS} characters`,
    });
  }
  if (changes.paragraphs !== undefined) {
    const body = joinParagraphs(changes.paragraphs);
    if (changes.paragraphs.length === 0 || changes.paragraphs.some((p) => !p.trim())) {
      problems.push({
        field: 'paragraphs',
        code: 'REQUIRED',
        message: 'must hold at least one paragraph, none of them empty',
      });
    } else if (body.length > MAX_BODY_CHARACTERS) {
      problems.push({
        field: 'paragraphs',
        code: 'TOO_LONG',
        message: `the body is ${body.length} characters; the limit is ${MAX_BODY_CHARACTERS}`,
      });
    }
  }
  if (changes.language !== undefined && !LANGUAGE.test(changes.language)) {
    problems.push({
      field: 'language',
      code: 'INVALID_FORMAT',
      message: 'must be a BCP 47 language tag such as "en" or "pt-BR"',
    });
  }
  if (changes.slug !== undefined) {
    if (!SLUG.test(changes.slug) || changes.slug.length > 80) {
      problems.push({
        field: 'slug',
        code: 'INVALID_FORMAT',
        message: 'must be lowercase letters, digits and single hyphens, at most 80 characters',
      });
    } else if (await slugTaken(tx, changes.slug, articleId)) {
      problems.push({
        field: 'slug',
        code: 'ALREADY_USED',
        message: `"${changes.slug}" is already used by another article`,
      });
    }
  }
  if (problems.length) throw new ValidationError(problems);

  if (changes.sectionId !== undefined && !(await tx.section.findUnique({ where: { id: changes.sectionId } }))) {
    throw new NotFoundError('section', 'The section');
  }
  for (const [index, id] of (changes.otherSectionIds ?? []).entries()) {
    if (!(await tx.section.findUnique({ where: { id } })))
      throw new NotFoundError(`otherSections[${index}]`, 'The section');
  }
  const people = [
    ...(changes.bylines ?? []).map((b) => b.personId),
    ...(changes.mentionedPeople ?? []).map((m) => m.id),
  ];
  const found = new Set(
    (await tx.person.findMany({ where: { id: { in: people } }, select: { id: true } })).map((p) => p.id),
  );
  for (const [index, byline] of (changes.bylines ?? []).entries()) {
    if (!found.has(byline.personId)) throw new NotFoundError(`bylines[${index}].person`, 'The person');
  }
  for (const [index, mention] of (changes.mentionedPeople ?? []).entries()) {
    if (!found.has(mention.id)) throw new NotFoundError(`mentionedPeople[${index}].entity`, 'The person');
  }
  const organizations = new Set(
    (
      await tx.organization.findMany({
        where: { id: { in: (changes.mentionedOrganizations ?? []).map((m) => m.id) } },
        select: { id: true },
      })
    ).map((o) => o.id),
  );
  for (const [index, mention] of (changes.mentionedOrganizations ?? []).entries()) {
    if (!organizations.has(mention.id))
      throw new NotFoundError(`mentionedOrganizations[${index}].entity`, 'The organization');
  }
}

async function slugTaken(tx: Tx, slug: string, exceptArticleId: number | null): Promise<boolean> {
  const [article, redirect] = await Promise.all([
    tx.article.findUnique({ where: { slug }, select: { id: true } }),
    tx.articleSlugRedirect.findUnique({ where: { slug }, select: { articleId: true } }),
  ]);
  return (!!article && article.id !== exceptArticleId) || (!!redirect && redirect.articleId !== exceptArticleId);
}

/** A slug made from the headline, with -2, -3… added until it is free. */
export function uniqueSlug(tx: Tx, headline: string): Promise<string> {
  return slugFor(headline, 'article', (candidate) => slugTaken(tx, candidate, null));
}

function scalarData(changes: ArticleChanges) {
  return {
    ...(changes.headline !== undefined && { headline: changes.headline.trim() }),
    ...(changes.slug !== undefined && { slug: changes.slug }),
    ...(changes.standfirst !== undefined && { standfirst: changes.standfirst?.trim() || null }),
    ...(changes.paragraphs !== undefined && {
      body: joinParagraphs(changes.paragraphs.map((p) => p.replace(/\s+/g, ' ').trim())),
      wordCount: countWords(changes.paragraphs.join(' ')),
    }),
    ...(changes.sectionId !== undefined && { sectionId: changes.sectionId }),
    ...(changes.language !== undefined && { language: changes.language }),
    ...(changes.status !== undefined && { status: changes.status }),
    ...(changes.publishedAt !== undefined && { publishedAt: changes.publishedAt }),
  };
}

async function replaceLinks(tx: Tx, articleId: number, changes: ArticleChanges) {
  if (changes.otherSectionIds) {
    await tx.articleSection.deleteMany({ where: { articleId } });
    await tx.articleSection.createMany({
      data: [...new Set(changes.otherSectionIds)].map((sectionId) => ({ articleId, sectionId })),
    });
  }
  if (changes.bylines) {
    await tx.byline.deleteMany({ where: { articleId } });
    await tx.byline.createMany({
      data: changes.bylines.map((byline, position) => ({ articleId, ...byline, position })),
      skipDuplicates: true,
    });
  }
  if (changes.mentionedPeople) {
    await tx.personMention.deleteMany({ where: { articleId } });
    await tx.personMention.createMany({
      data: changes.mentionedPeople.map((m) => ({ articleId, personId: m.id, count: m.count, spans: m.spans ?? [] })),
      skipDuplicates: true,
    });
  }
  if (changes.mentionedOrganizations) {
    await tx.organizationMention.deleteMany({ where: { articleId } });
    await tx.organizationMention.createMany({
      data: changes.mentionedOrganizations.map((m) => ({
        articleId,
        organizationId: m.id,
        count: m.count,
        spans: m.spans ?? [],
      })),
      skipDuplicates: true,
    });
  }
}

export type NewArticle = ArticleChanges & { headline: string; paragraphs: string[]; sectionId: number };

export async function createArticle({ prisma }: Db, input: NewArticle, onChange?: ArticleChangeListener) {
  const [article, after] = await prisma.$transaction(async (tx) => {
    const created = await createArticleIn(tx, input);
    return [created, onChange && (await articleState(tx, created.id))] as const;
  });
  onChange?.(changeEvent(article.id, null, after ?? null));
  return article;
}

export async function createArticleIn(tx: Tx, input: NewArticle) {
  const slug = input.slug ?? (await uniqueSlug(tx, input.headline));
  await validate(tx, { ...input, slug }, null);
  const status = input.status ?? 'DRAFT';
  const article = await tx.article.create({
    data: {
      ...scalarData({ ...input, slug }),
      headline: input.headline.trim(),
      slug,
      body: joinParagraphs(input.paragraphs),
      sectionId: input.sectionId,
      status,
      publishedAt: input.publishedAt ?? (status === 'PUBLISHED' ? new Date() : null),
    },
  });
  await replaceLinks(tx, article.id, input);
  await recordRevision(tx, article.id, article.version);
  return article;
}

/**
 * Applies changes only if the article is still at `expectedVersion`; otherwise nothing is written
 * and the conflict names the fields that changed since that version.
 */
export async function updateArticle(
  { prisma }: Db,
  articleId: number,
  expectedVersion: number,
  changes: ArticleChanges,
  onChange?: ArticleChangeListener,
) {
  // Subscribers hear of the change once it has committed (src/schema/article-subscription.ts).
  const [article, before, after] = await prisma.$transaction(async (tx) => {
    const before = onChange && (await articleState(tx, articleId));
    const updated = await updateArticleIn(tx, articleId, expectedVersion, changes);
    return [updated, before, onChange && (await articleState(tx, articleId))] as const;
  });
  onChange?.(changeEvent(articleId, before ?? null, after ?? null));
  return article;
}

export async function updateArticleIn(tx: Tx, articleId: number, expectedVersion: number, changes: ArticleChanges) {
  const before = await tx.article.findUnique({ where: { id: articleId } });
  if (!before) throw new NotFoundError('article', 'The article');
  await validate(tx, changes, articleId);
  const data = scalarData(changes);
  const { count } = await tx.article.updateMany({
    where: { id: articleId, version: expectedVersion },
    data: { ...data, ...bodyChangeStamp(before, data.body, new Date()), version: { increment: 1 } },
  });
  if (count === 0) throw await conflict(tx, articleId, expectedVersion);
  if (changes.status === 'PUBLISHED') await requireAltText(tx, articleId);
  if (changes.slug !== undefined && changes.slug !== before.slug) {
    await tx.articleSlugRedirect.deleteMany({ where: { slug: changes.slug } });
    await tx.articleSlugRedirect.create({ data: { slug: before.slug, articleId } });
  }
  await replaceLinks(tx, articleId, changes);
  await recordRevision(tx, articleId, expectedVersion + 1);
  // Syncing clients learn from a tombstone that a published article went away (README "Sync").
  if (before.status === 'PUBLISHED' && changes.status && changes.status !== 'PUBLISHED') {
    await recordTombstone(tx, before, 'UNPUBLISHED');
  }
  if (changes.status === 'PUBLISHED') await clearUnpublishTombstones(tx, articleId);
  return tx.article.findUniqueOrThrow({ where: { id: articleId } });
}

export async function deleteArticle(
  { prisma }: Db,
  articleId: number,
  expectedVersion: number,
  onChange?: ArticleChangeListener,
) {
  const state = await prisma.$transaction(async (tx) => {
    const before = await tx.article.findUnique({ where: { id: articleId } });
    const state = onChange && (await articleState(tx, articleId));
    const { count } = await tx.article.deleteMany({ where: { id: articleId, version: expectedVersion } });
    if (count === 0) {
      if (!(await tx.article.findUnique({ where: { id: articleId } })))
        throw new NotFoundError('article', 'The article');
      throw await conflict(tx, articleId, expectedVersion);
    }
    if (before) await recordTombstone(tx, before, 'DELETED');
    return state;
  });
  onChange?.(changeEvent(articleId, state ?? null, null));
  return articleId;
}

async function conflict(tx: Tx, articleId: number, expectedVersion: number): Promise<ConflictError> {
  const current = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  const [then, now] = await Promise.all([
    tx.articleRevision.findUnique({ where: { articleId_version: { articleId, version: expectedVersion } } }),
    snapshot(tx, articleId),
  ]);
  const old = (then?.fields ?? {}) as Record<string, unknown>;
  const changed = Object.keys(now).filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]));
  return new ConflictError(expectedVersion, current.version, then ? changed : []);
}

/**
 * New versions for articles whose bylines changed outside `updateArticle` (an entity merge), so an
 * editor holding an older version gets a conflict instead of silently undoing the change.
 */
export async function bumpVersions(tx: Tx, articleIds: Iterable<number>): Promise<void> {
  for (const id of new Set(articleIds)) {
    const article = await tx.article.update({ where: { id }, data: { version: { increment: 1 } } });
    await recordRevision(tx, id, article.version);
  }
}
