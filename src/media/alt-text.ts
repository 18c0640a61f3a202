import type { Prisma } from '../../generated/prisma/client.ts';
import { type FieldProblem, ValidationError } from '../shared/errors.ts';

/** A published article may not show an image without alt text: a ValidationError naming each one. */
export async function requireAltText(tx: Prisma.TransactionClient, articleId: number): Promise<void> {
  const article = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    select: {
      leadImage: { select: { alt: true } },
      bodyImages: { select: { image: { select: { alt: true } } }, orderBy: { position: 'asc' } },
    },
  });
  const problems: FieldProblem[] = [];
  const message = 'has no alt text; a published article needs it for every image (set it with updateImage)';
  if (article.leadImage && !article.leadImage.alt) problems.push({ field: 'leadImage', code: 'REQUIRED', message });
  for (const [index, placement] of article.bodyImages.entries()) {
    if (!placement.image.alt) problems.push({ field: `bodyImages[${index}]`, code: 'REQUIRED', message });
  }
  if (problems.length) throw new ValidationError(problems);
}
