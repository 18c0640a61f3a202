import type { ArticleStatus } from '../../generated/prisma/client.ts';
import type { CollectionChangeEvent } from '../collections/events.ts';
import type { Tx } from '../db/client.ts';
import { type ChangeTopic, createChangeFeed } from '../shared/change-feed.ts';
import { isPublicArticle } from './visibility.ts';

export type ArticleChangeKind = 'PUBLISHED' | 'UPDATED' | 'UNPUBLISHED' | 'DELETED';

/** What subscribers hear about one committed write; JSON-safe, as it may travel through Redis. */
export type ArticleChangeEvent = {
  articleId: number;
  change: ArticleChangeKind;
  /** Visible to anonymous readers before and after the write: anonymous subscribers hear of it only if either holds. */
  wasPublic: boolean;
  isPublic: boolean;
  /** Primary and further sections, before and after the write (a move is heard in both). */
  sectionIds: number[];
};

export type ArticleState = { status: ArticleStatus; publishedAt: Date | null; sectionIds: number[] } | null;

/** Read inside the write's transaction, before and after it. */
export async function articleState(tx: Tx, articleId: number): Promise<ArticleState> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: { status: true, publishedAt: true, sectionId: true, otherSections: { select: { sectionId: true } } },
  });
  if (!article) return null;
  const sectionIds = [article.sectionId, ...article.otherSections.map((entry) => entry.sectionId)];
  return { status: article.status, publishedAt: article.publishedAt, sectionIds };
}

export function changeEvent(articleId: number, before: ArticleState, after: ArticleState): ArticleChangeEvent {
  const now = new Date();
  const wasPublic = !!before && isPublicArticle(before, now);
  const nowPublic = !!after && isPublicArticle(after, now);
  const change: ArticleChangeKind = !after
    ? 'DELETED'
    : nowPublic && !wasPublic
      ? 'PUBLISHED'
      : wasPublic && !nowPublic
        ? 'UNPUBLISHED'
        : 'UPDATED';
  const sectionIds = [...new Set([...(before?.sectionIds ?? []), ...(after?.sectionIds ?? [])])];
  return { articleId, change, wasPublic, isPublic: nowPublic, sectionIds };
}

/** Called once the write has committed. */
export type ArticleChangeListener = (event: ArticleChangeEvent) => void;

/**
 * One per gateway: `articleChanged` subscriptions hear every committed write, from this gateway and,
 * with a Redis URL, from every gateway on that Redis. Sync (updatedSince, deletedArticles) does not
 * depend on it: an event lost while Redis is down is still found there.
 */
export function createArticleEvents(redisUrl?: string): ArticleEvents {
  const feed = createChangeFeed(redisUrl);
  return {
    ...feed.topic<ArticleChangeEvent>('lede:article-changed'),
    collections: feed.topic<CollectionChangeEvent>('lede:collection-changed'),
    close: feed.close,
  };
}

/** Article changes, and collection changes beside them on a topic of their own. */
export type ArticleEvents = ChangeTopic<ArticleChangeEvent> & {
  collections: ChangeTopic<CollectionChangeEvent>;
  close: () => Promise<void>;
};
