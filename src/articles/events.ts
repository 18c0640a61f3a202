import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { ArticleStatus } from '../../generated/prisma/client.ts';
import type { CollectionChangeEvent } from '../collections/events.ts';
import type { Tx } from '../db/client.ts';
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

const TOPIC = 'lede:article-changed';
const COLLECTION_TOPIC = 'lede:collection-changed';

/**
 * One per gateway. With a Redis URL, events fan out to every gateway on that Redis (each gateway
 * also hears its own events back through Redis, so they are delivered once).
 */
export function createArticleEvents(redisUrl?: string) {
  const clients = redisUrl ? { publishClient: new Redis(redisUrl), subscribeClient: new Redis(redisUrl) } : undefined;
  for (const client of Object.values(clients ?? {})) client.on('error', () => {});
  // A publish that fails (Redis down) loses that event for live subscribers; it must not crash
  // the process with an unhandled rejection. Sync (updatedSince, deletedArticles) still has it.
  const publisher = clients && {
    publish: (channel: string, message: string) => clients.publishClient.publish(channel, message).catch(() => 0),
  };
  const target: EventTarget = clients
    ? (createRedisEventTarget({
        publishClient: publisher as unknown as Redis,
        subscribeClient: clients.subscribeClient,
      }) as unknown as EventTarget)
    : new EventTarget();
  const closing = new AbortController();
  /** A topic's events: `publish` once committed, `subscribe` to hear them. */
  const channel = <Payload>(topic: string) => ({
    publish: (event: Payload) => {
      target.dispatchEvent(new CustomEvent(topic, { detail: event }));
    },
    /**
     * Every event from now until the subscriber leaves or the gateway shuts down. Listens at once
     * (not on the first read), so no event committed after the subscription started is missed; a
     * subscriber more than 100 events behind loses the oldest.
     */
    subscribe(): AsyncIterable<Payload> {
      const early: Payload[] = [];
      let push: ((event: Payload) => unknown) | undefined;
      const listener = (event: Event) => {
        const detail = (event as CustomEvent<Payload>).detail;
        if (push) push(detail);
        else early.push(detail);
      };
      target.addEventListener(topic, listener);
      return new Repeater<Payload>(async (next, stop) => {
        for (const event of early) next(event);
        push = next;
        const end = () => stop();
        if (closing.signal.aborted) stop();
        else closing.signal.addEventListener('abort', end, { once: true });
        await stop;
        target.removeEventListener(topic, listener);
        closing.signal.removeEventListener('abort', end);
      }, new SlidingBuffer(100));
    },
  });
  const articles = channel<ArticleChangeEvent>(TOPIC);
  return {
    publish: articles.publish as ArticleChangeListener,
    subscribe: articles.subscribe,
    /** Collection changes travel the same way, on their own topic. */
    collections: channel<CollectionChangeEvent>(COLLECTION_TOPIC),
    /** Ends every open subscription (their streams complete) and disconnects from Redis. */
    async close() {
      closing.abort();
      if (clients) await Promise.all([clients.publishClient.quit(), clients.subscribeClient.quit()]);
    },
  };
}

export type ArticleEvents = ReturnType<typeof createArticleEvents>;
