import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { type ArticleChanges, createArticleIn, updateArticleIn } from '../articles/editor.ts';
import { type ArticleChangeEvent, type ArticleChangeListener, articleState, changeEvent } from '../articles/events.ts';
import type { Db, Tx } from '../db/client.ts';
import { uploadImage } from '../media/image-editor.ts';
import { originalKey } from '../media/ingest.ts';
import type { Media } from '../media/media.ts';
import { ValidationError } from '../shared/errors.ts';
import { slugFor } from '../shared/slugs.ts';
import { ArticleFormatError, type ParsedArticle, parseArticle, toInstant } from './article-format.ts';
import type { KnownEntity, LinkResult } from './linker/index.ts';

export type ImportOptions = {
  /** IANA zone the newsroom's local times are in. */
  timeZone: string;
  status: 'DRAFT' | 'PUBLISHED';
  /** Parse, link and report, then roll everything back. */
  dryRun: boolean;
  /** Told of each article a file created or changed, once its transaction has committed (subscriptions). */
  onChange?: ArticleChangeListener;
};

export type ImportOutcome =
  | {
      file: string;
      outcome: 'created' | 'updated' | 'unchanged';
      slug: string;
      people: number;
      organizations: number;
      newEntities: string[];
    }
  | { file: string; outcome: 'failed'; line: number | null; reason: string };

/** Article fields the file format does not carry, given beside a file. */
export type ImportExtras = Pick<ArticleChanges, 'standfirst' | 'bylines'>;

/** Files without a section in their header are filed here. */
export const DEFAULT_SECTION = 'News';
/** Largest article file the importer reads, in bytes. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

class RollBack extends Error {}

/**
 * Writes article files into the database, one transaction per file. A file is identified by its
 * name (`sourceKey`): importing it again changes nothing, and a changed version updates the same
 * article in place.
 */
export class ArticleImporter {
  private directory?: Promise<{ people: KnownEntity[]; organizations: KnownEntity[] }>;
  private readonly prisma: PrismaClient;

  constructor(
    database: Db,
    private readonly options: ImportOptions,
  ) {
    this.prisma = database.prisma;
  }

  /**
   * `leadImage`: the picture beside the file, to make the article's lead image: an uploaded image's
   * ID, or the picture's bytes (then `media` is needed; it is uploaded with the headline as alt text).
   * `extra`: a standfirst and bylines the file format does not carry, written with the article so
   * that its first recorded revision is the article as imported.
   */
  async importFile(
    sourceKey: string,
    content: Uint8Array | string,
    leadImage?: number | Buffer,
    media?: Media,
    extra: ImportExtras = {},
  ): Promise<ImportOutcome> {
    const file = sourceKey;
    let text: string;
    try {
      text = decode(content);
    } catch (error) {
      return { file, outcome: 'failed', line: null, reason: (error as Error).message };
    }
    let parsed: ParsedArticle;
    try {
      parsed = parseArticle(text);
    } catch (error) {
      if (error instanceof ArticleFormatError)
        return { file, outcome: 'failed', line: error.line, reason: error.expected };
      throw error;
    }

    let leadImageId: number | undefined;
    try {
      leadImageId = Buffer.isBuffer(leadImage) ? await this.storeImage(leadImage, parsed.headline, media) : leadImage;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { file, outcome: 'failed', line: null, reason: `the picture beside it ${error.problems[0]?.message}` };
    }
    const image =
      leadImageId === undefined
        ? undefined
        : await this.prisma.image.findUnique({ where: { id: leadImageId }, select: { contentHash: true, alt: true } });
    if (leadImageId !== undefined && !image) {
      return { file, outcome: 'failed', line: null, reason: 'the lead image was not found' };
    }
    // A file with a picture beside it is changed when the picture changes.
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify({
          parsed,
          timeZone: this.options.timeZone,
          status: this.options.status,
          ...(image && { leadImage: image }),
          ...(Object.keys(extra).length > 0 && { extra }),
        }),
      )
      .digest('hex');
    const known = await this.knownEntities();
    // The linker (with compromise's ~40 MB lexicon) loads on the first import, not at start.
    const { linkEntities } = await import('./linker/index.ts');
    const links = linkEntities({ headline: parsed.headline, paragraphs: parsed.paragraphs }, known);

    let outcome: ImportOutcome | undefined;
    let change: ArticleChangeEvent | undefined;
    try {
      await this.prisma.$transaction(
        async (tx) => {
          ({ outcome, change } = await this.write(tx, sourceKey, parsed, fingerprint, links, leadImageId, extra));
          if (this.options.dryRun) throw new RollBack();
        },
        { timeout: 60_000 },
      );
      if (change) this.options.onChange?.(change);
    } catch (error) {
      if (error instanceof ValidationError) {
        return { file, outcome: 'failed', line: null, reason: error.message };
      }
      if (!(error instanceof RollBack)) throw error;
    }
    // New entities were created (or, in a dry run, would have been): the next file must know them.
    if (links.newPeople.length || links.newOrganizations.length) this.directory = undefined;
    return outcome as ImportOutcome;
  }

  private async write(
    tx: Tx,
    sourceKey: string,
    parsed: ParsedArticle,
    fingerprint: string,
    links: LinkResult,
    leadImageId: number | undefined,
    extra: ImportExtras,
  ): Promise<{ outcome: ImportOutcome; change?: ArticleChangeEvent }> {
    const existing = await tx.article.findUnique({ where: { sourceKey } });
    const base = {
      file: sourceKey,
      people: links.people.length + links.newPeople.length,
      organizations: links.organizations.length + links.newOrganizations.length,
      newEntities: [...links.newPeople, ...links.newOrganizations].map((entity) => entity.name),
    };
    if (existing?.sourceFingerprint === fingerprint) {
      return { outcome: { ...base, outcome: 'unchanged', slug: existing.slug, newEntities: [] } };
    }

    const mentionedPeople = [
      ...links.people.map((link) => ({ id: link.id, spans: link.spans })),
      ...(await Promise.all(
        links.newPeople.map(async (entity) => ({
          id: await createPerson(tx, entity.name, entity.description),
          spans: entity.spans,
        })),
      )),
    ].map((m) => ({ id: m.id, count: m.spans.length, spans: m.spans }));
    const mentionedOrganizations = [
      ...links.organizations.map((link) => ({ id: link.id, spans: link.spans })),
      ...(await Promise.all(
        links.newOrganizations.map(async (entity) => ({
          id: await createOrganization(tx, entity.name, entity.aliases),
          spans: entity.spans,
        })),
      )),
    ].map((m) => ({ id: m.id, count: m.spans.length, spans: m.spans }));

    const changes = {
      ...extra,
      headline: parsed.headline,
      paragraphs: parsed.paragraphs,
      sectionId: await ensureSection(tx, parsed.sectionPath.length ? parsed.sectionPath : [DEFAULT_SECTION]),
      status: this.options.status,
      publishedAt: toInstant(parsed.published, this.options.timeZone),
      mentionedPeople,
      mentionedOrganizations,
    };
    // The states are read only for a listener, as the editing mutations do.
    const state = (id: number) => (this.options.onChange ? articleState(tx, id) : null);
    if (existing) {
      const before = await state(existing.id);
      await updateArticleIn(tx, existing.id, existing.version, changes);
      await tx.article.update({ where: { id: existing.id }, data: { sourceFingerprint: fingerprint, leadImageId } });
      return {
        outcome: { ...base, outcome: 'updated', slug: existing.slug },
        change: this.options.onChange && changeEvent(existing.id, before, await state(existing.id)),
      };
    }
    const created = await createArticleIn(tx, changes);
    await tx.article.update({
      where: { id: created.id },
      data: { sourceKey, sourceFingerprint: fingerprint, leadImageId },
    });
    return {
      outcome: { ...base, outcome: 'created', slug: created.slug },
      change: this.options.onChange && changeEvent(created.id, null, await state(created.id)),
    };
  }

  /** Uploads the picture, or reuses an image with the same bytes and alt text from an earlier import. */
  private async storeImage(bytes: Buffer, alt: string, media: Media | undefined): Promise<number> {
    if (!media) throw new Error('importing a picture needs the media storage');
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const earlier = await this.prisma.image.findFirst({ where: { contentHash, alt }, select: { id: true } });
    if (earlier && (await media.storage.exists(originalKey(contentHash)))) return earlier.id;
    return (await uploadImage({ prisma: this.prisma }, media, bytes, { alt })).id;
  }

  private knownEntities() {
    this.directory ??= Promise.all([
      this.prisma.person.findMany({ select: { id: true, name: true, aliases: true } }),
      this.prisma.organization.findMany({ select: { id: true, name: true, aliases: true } }),
    ]).then(([people, organizations]) => ({ people, organizations }));
    return this.directory;
  }
}

function decode(content: Uint8Array | string): string {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (bytes > MAX_FILE_BYTES) throw new Error(`the file is ${bytes} bytes; the limit is ${MAX_FILE_BYTES}`);
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new Error('the file is not valid UTF-8 text');
  }
}

/** The section a header path names, creating any missing level (World / Americas). */
async function ensureSection(tx: Tx, path: readonly string[]): Promise<number> {
  let parentId: number | null = null;
  for (const name of path) {
    const found: { id: number } | null = await tx.section.findFirst({
      where: { parentId, name: { equals: name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (found) {
      parentId = found.id;
      continue;
    }
    const siblings: number = await tx.section.count({ where: { parentId } });
    const slug = await slugFor(name, 'section', async (candidate) =>
      Boolean(await tx.section.findUnique({ where: { slug: candidate }, select: { id: true } })),
    );
    parentId = (await tx.section.create({ data: { name, slug, parentId, position: siblings } })).id;
  }
  return parentId as number;
}

async function createPerson(tx: Tx, name: string, description: string | null): Promise<number> {
  const slug = await slugFor(name, 'person', async (candidate) =>
    Boolean(await tx.person.findUnique({ where: { slug: candidate }, select: { id: true } })),
  );
  return (await tx.person.create({ data: { name, slug, description, reviewed: false } })).id;
}

/** `aliases` are the acronyms the article defined for it ("INE"), so later articles link them too. */
async function createOrganization(tx: Tx, name: string, aliases: readonly string[]): Promise<number> {
  const slug = await slugFor(name, 'organization', async (candidate) =>
    Boolean(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } })),
  );
  return (await tx.organization.create({ data: { name, slug, aliases: [...aliases], reviewed: false } })).id;
}
