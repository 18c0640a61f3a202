import type { Image } from '../../generated/prisma/client.ts';
import { splitParagraphs } from '../articles/body.ts';
import { updateArticleIn } from '../articles/editor.ts';
import type { Db } from '../db/client.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../shared/errors.ts';
import { requireAltText } from './alt-text.ts';
import { ingestImage } from './ingest.ts';
import type { Media } from './media.ts';

export const MAX_ALT_CHARACTERS = 1_000;
export const MAX_CAPTION_CHARACTERS = 2_000;
export const MAX_CREDIT_CHARACTERS = 300;
/** Most images one article body may hold. */
export const MAX_BODY_IMAGES = 100;

export type ImageText = {
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
  /** 0..1 from the left and from the top; null removes it (crops centre on the middle). */
  focalPoint?: { x: number; y: number } | null;
};

function checkText(text: ImageText): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const limits = { alt: MAX_ALT_CHARACTERS, caption: MAX_CAPTION_CHARACTERS, credit: MAX_CREDIT_CHARACTERS };
  for (const [field, max] of Object.entries(limits) as [keyof typeof limits, number][]) {
    const value = text[field];
    if (value && value.length > max)
      problems.push({ field, code: 'TOO_LONG', message: `must be at most ${max} characters` });
  }
  const focal = text.focalPoint;
  if (focal && ![focal.x, focal.y].every((value) => Number.isFinite(value) && value >= 0 && value <= 1)) {
    problems.push({
      field: 'focalPoint',
      code: 'OUT_OF_RANGE',
      message: 'x and y must each be 0 to 1 (0,0 is the top left corner)',
    });
  }
  return problems;
}

const textData = (text: ImageText) => ({
  ...(text.alt !== undefined && { alt: text.alt?.trim() || null }),
  ...(text.caption !== undefined && { caption: text.caption?.trim() || null }),
  ...(text.credit !== undefined && { credit: text.credit?.trim() || null }),
  ...(text.focalPoint !== undefined && { focalX: text.focalPoint?.x ?? null, focalY: text.focalPoint?.y ?? null }),
});

/** Checks, strips and stores the upload, then records it. Nothing is stored when it is refused. */
export async function uploadImage({ prisma }: Db, media: Media, bytes: Buffer, text: ImageText): Promise<Image> {
  const problems = checkText(text);
  if (problems.length) throw new ValidationError(problems);
  const ingested = await ingestImage(media.storage, bytes, media.config);
  return prisma.image.create({ data: { ...ingested, ...textData(text) } });
}

export function updateImage({ prisma }: Db, imageId: number, text: ImageText): Promise<Image> {
  return prisma.$transaction(async (tx) => {
    const problems = checkText(text);
    if (problems.length) throw new ValidationError(problems);
    if (!(await tx.image.findUnique({ where: { id: imageId }, select: { id: true } }))) {
      throw new NotFoundError('image', 'The image');
    }
    const image = await tx.image.update({ where: { id: imageId }, data: textData(text) });
    if (!image.alt) {
      const published = await tx.article.findFirst({
        where: {
          status: 'PUBLISHED',
          OR: [{ leadImageId: imageId }, { bodyImages: { some: { imageId } } }],
        },
        select: { slug: true },
      });
      if (published) {
        throw ValidationError.of(
          'alt',
          'IN_USE',
          `the image is in the published article "${published.slug}", which needs it`,
        );
      }
    }
    return image;
  });
}

export type ArticleImageChanges = {
  /** Undefined leaves it; null removes it. */
  leadImageId?: number | null;
  /** Undefined leaves them; a list replaces them. */
  bodyImages?: { imageId: number; afterParagraph: number }[];
};

/**
 * Sets an article's lead and body images as a new version of it (a ConflictError when someone
 * changed it since `expectedVersion`). A published article keeps the alt-text rule.
 */
export function setArticleImages(
  { prisma }: Db,
  articleId: number,
  expectedVersion: number,
  changes: ArticleImageChanges,
) {
  return prisma.$transaction(async (tx) => {
    const article = await updateArticleIn(tx, articleId, expectedVersion, {});
    const paragraphs = splitParagraphs(article.body).length;
    const problems: FieldProblem[] = [];
    const bodyImages = changes.bodyImages ?? [];
    if (bodyImages.length > MAX_BODY_IMAGES) {
      problems.push({ field: 'bodyImages', code: 'TOO_MANY', message: `at most ${MAX_BODY_IMAGES} images` });
    }
    for (const [index, placement] of bodyImages.entries()) {
      if (
        !Number.isInteger(placement.afterParagraph) ||
        placement.afterParagraph < 0 ||
        placement.afterParagraph > paragraphs
      ) {
        problems.push({
          field: `bodyImages[${index}].afterParagraph`,
          code: 'OUT_OF_RANGE',
          message: `must be 0 (before the first paragraph) to ${paragraphs} (after the last)`,
        });
      }
    }
    if (problems.length) throw new ValidationError(problems);
    const ids = [...(changes.leadImageId ? [changes.leadImageId] : []), ...bodyImages.map((b) => b.imageId)];
    const found = new Set(
      (await tx.image.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((i) => i.id),
    );
    if (changes.leadImageId && !found.has(changes.leadImageId)) throw new NotFoundError('leadImage', 'The image');
    for (const [index, placement] of bodyImages.entries()) {
      if (!found.has(placement.imageId)) throw new NotFoundError(`bodyImages[${index}].image`, 'The image');
    }
    if (changes.leadImageId !== undefined) {
      await tx.article.update({ where: { id: articleId }, data: { leadImageId: changes.leadImageId } });
    }
    if (changes.bodyImages) {
      await tx.articleImage.deleteMany({ where: { articleId } });
      // Kept in reading order: by paragraph, then in the order given.
      const ordered = bodyImages
        .map((placement, index) => ({ ...placement, index }))
        .sort((a, b) => a.afterParagraph - b.afterParagraph || a.index - b.index);
      await tx.articleImage.createMany({
        data: ordered.map((placement, position) => ({
          articleId,
          position,
          imageId: placement.imageId,
          afterParagraph: placement.afterParagraph,
        })),
      });
    }
    if (article.status === 'PUBLISHED') await requireAltText(tx, articleId);
    return tx.article.findUniqueOrThrow({ where: { id: articleId } });
  });
}

/** Sets (or with null removes) a person's portrait. */
export async function setPersonPortrait({ prisma }: Db, personId: number, imageId: number | null) {
  return prisma.$transaction(async (tx) => {
    if (!(await tx.person.findUnique({ where: { id: personId }, select: { id: true } })))
      throw new NotFoundError('person', 'The person');
    if (imageId !== null && !(await tx.image.findUnique({ where: { id: imageId }, select: { id: true } })))
      throw new NotFoundError('image', 'The image');
    return tx.person.update({ where: { id: personId }, data: { portraitId: imageId } });
  });
}

/** Sets (or with null removes) an organization's logo. */
export async function setOrganizationLogo({ prisma }: Db, organizationId: number, imageId: number | null) {
  return prisma.$transaction(async (tx) => {
    if (!(await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } })))
      throw new NotFoundError('organization', 'The organization');
    if (imageId !== null && !(await tx.image.findUnique({ where: { id: imageId }, select: { id: true } })))
      throw new NotFoundError('image', 'The image');
    return tx.organization.update({ where: { id: organizationId }, data: { logoId: imageId } });
  });
}
