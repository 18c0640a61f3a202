import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** One kind of committed change on a gateway's feed: writers publish, subscriptions listen. */
export type ChangeTopic<Event> = {
  publish: (event: Event) => void;
  /**
   * Every event from now until the subscriber leaves or the feed closes. Listens at once (not on
   * the first read), so no event published after the subscription started is missed; a
   * subscriber more than 100 events behind loses the oldest.
   */
  subscribe: () => AsyncIterable<Event>;
};

/** A gateway's feed of committed changes, one topic per kind, over one pair of Redis connections. */
export type ChangeFeed = {
  topic: <Event>(name: string) => ChangeTopic<Event>;
  /** Ends every open subscription (their streams complete) and disconnects from Redis. */
  close: () => Promise<void>;
};

/**
 * One per gateway, in memory. With a Redis URL, events (JSON-safe) fan out through its pub/sub to
 * every gateway on that Redis; each gateway also hears its own events back through Redis, so they
 * are delivered once.
 */
export function createChangeFeed(redisUrl?: string): ChangeFeed {
  const clients = redisUrl ? { publishClient: new Redis(redisUrl), subscribeClient: new Redis(redisUrl) } : undefined;
  for (const client of Object.values(clients ?? {})) client.on('error', () => {});
  // A publish that fails (Redis down) loses that event for live subscribers; it must not crash
  // the process with an unhandled rejection.
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
  const topic = <Event>(name: string): ChangeTopic<Event> => ({
    publish(event) {
      target.dispatchEvent(new CustomEvent(name, { detail: event }));
    },
    subscribe() {
      const early: Event[] = [];
      let push: ((event: Event) => unknown) | undefined;
      const listener = (event: globalThis.Event) => {
        const detail = (event as CustomEvent<Event>).detail;
        if (push) push(detail);
        else early.push(detail);
      };
      target.addEventListener(name, listener);
      return new Repeater<Event>(async (next, stop) => {
        for (const event of early) next(event);
        push = next;
        const end = () => stop();
        if (closing.signal.aborted) stop();
        else closing.signal.addEventListener('abort', end, { once: true });
        await stop;
        target.removeEventListener(name, listener);
        closing.signal.removeEventListener('abort', end);
      }, new SlidingBuffer(100));
    },
  });
  return {
    topic,
    async close() {
      closing.abort();
      if (clients) await Promise.all([clients.publishClient.quit(), clients.subscribeClient.quit()]);
    },
  };
}
