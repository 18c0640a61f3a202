import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** A gateway's feed of one kind of committed change: writers publish, subscriptions listen. */
export type ChangeFeed<Event> = {
  publish: (event: Event) => void;
  /**
   * Every event from now until the subscriber leaves or the feed closes. Listens at once (not on
   * the first read), so no event published after the subscription started is missed; a
   * subscriber more than 100 events behind loses the oldest.
   */
  subscribe: () => AsyncIterable<Event>;
  /** Ends every open subscription (their streams complete) and disconnects from Redis. */
  close: () => Promise<void>;
};

/**
 * One per gateway and topic, in memory. With a Redis URL, events (JSON-safe) fan out through its
 * pub/sub to every gateway on that Redis; each gateway also hears its own events back through
 * Redis, so they are delivered once.
 */
export function createChangeFeed<Event>(topic: string, redisUrl?: string): ChangeFeed<Event> {
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
  return {
    publish(event) {
      target.dispatchEvent(new CustomEvent(topic, { detail: event }));
    },
    subscribe() {
      const early: Event[] = [];
      let push: ((event: Event) => unknown) | undefined;
      const listener = (event: globalThis.Event) => {
        const detail = (event as CustomEvent<Event>).detail;
        if (push) push(detail);
        else early.push(detail);
      };
      target.addEventListener(topic, listener);
      return new Repeater<Event>(async (next, stop) => {
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
    async close() {
      closing.abort();
      if (clients) await Promise.all([clients.publishClient.quit(), clients.subscribeClient.quit()]);
    },
  };
}
