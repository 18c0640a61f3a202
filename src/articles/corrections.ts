import type { Article, CorrectionKind } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { findArticleForCorrection, insertCorrection } from './corrections-store.ts';
import { type ArticleChangeListener, articleState, changeEvent } from './events.ts';
import { isPublicArticle } from './visibility.ts';

export const MAX_CORRECTION_CHARACTERS = 2_000;

/** What `Article.lastSubstantiveUpdateAt` means, for its schema description and the docs. */
export const SUBSTANTIVE_UPDATE_RULE =
  'When apps should show the story as "Updated": the latest time a correction or clarification was added, or the body text was changed while the article was public. Null when neither has happened. Headline, standfirst, section and byline edits do not count, and `publishedAt` never moves for any of them.';

/**
 * The stamp a body change adds to an article's update (the rule above): only a change of the
 * stored body, made while the article was public.
 */
export function bodyChangeStamp(
  before: Pick<Article, 'body' | 'status' | 'publishedAt'>,
  newBody: string | undefined,
  now: Date,
): { lastSubstantiveUpdateAt?: Date } {
  return newBody !== undefined && newBody !== before.body && isPublicArticle(before, now)
    ? { lastSubstantiveUpdateAt: now }
    : {};
}

export type NewCorrection = { articleId: number; kind: CorrectionKind; text: string };

/**
 * Attaches a correction or clarification to a published article, in one transaction; subscribers
 * hear of it as an UPDATED change once it has committed.
 */
export async function addCorrection(
  { prisma }: Db,
  correction: NewCorrection,
  onChange?: ArticleChangeListener,
): Promise<void> {
  const text = correction.text.trim();
  if (!text) throw ValidationError.of('text', 'REQUIRED', 'must not be empty');
  if (text.length > MAX_CORRECTION_CHARACTERS) {
    throw ValidationError.of('text', 'TOO_LONG', `must be at most ${MAX_CORRECTION_CHARACTERS} characters`);
  }
  const state = await prisma.$transaction(async (tx) => {
    const addedAt = new Date();
    const article = await findArticleForCorrection(tx, correction.articleId);
    if (!article) throw new NotFoundError('article', 'The article');
    if (!article.publishedAt || article.publishedAt > addedAt) {
      throw ValidationError.of(
        'article',
        'OUT_OF_RANGE',
        'is not published yet; a correction or clarification can only follow publication',
      );
    }
    await insertCorrection(tx, { ...correction, text, addedAt });
    return onChange && (await articleState(tx, correction.articleId));
  });
  if (onChange && state) onChange(changeEvent(correction.articleId, state, state));
}
