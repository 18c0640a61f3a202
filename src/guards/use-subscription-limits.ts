import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { requestIdentity } from '../api-keys/request-identity.ts';
import type { SubscriptionLimits } from '../config.ts';
import { clientAddress } from './use-rate-limit.ts';

type SubscriptionContext = { request: Request; req?: Parameters<typeof clientAddress>[1]['req'] };

/**
 * Bounds the subscription streams open at once, per client and in all. The rate limit counts only
 * how often streams are opened, and an open stream costs statements at every article change, so
 * without a bound one client could multiply the cost of every write. A client is its key when it
 * sends one, else its address (its /64 for IPv6); a stream counts until it ends or its client goes.
 */
export function useSubscriptionLimits(limits: SubscriptionLimits): Plugin {
  const openByClient = new Map<string, number>();
  let open = 0;
  // As the rate limit tells budgets apart: by the key a request carries, else by its address.
  const clientOf = ({ request, req }: SubscriptionContext) => {
    const keyHash = requestIdentity(request).credentialHash;
    return keyHash ? `key ${keyHash}` : `address ${clientAddress(request, { req }, limits.trustProxy)}`;
  };
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as SubscriptionContext;
      const client = clientOf(context);
      const clientOpen = openByClient.get(client) ?? 0;
      if (clientOpen >= limits.perClient || open >= limits.total) {
        const whose = clientOpen >= limits.perClient ? 'this client has' : 'this gateway has';
        setResultAndStopExecution({
          errors: [
            createGraphQLError(
              `Too many subscriptions: ${whose} as many open as it may (LEDE_MAX_SUBSCRIPTIONS_PER_CLIENT, LEDE_MAX_SUBSCRIPTIONS). Close one, or retry later.`,
              {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', http: { status: 429, headers: { 'retry-after': '5' } } },
              },
            ),
          ],
        });
        return;
      }
      openByClient.set(client, clientOpen + 1);
      open += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        open -= 1;
        const left = (openByClient.get(client) ?? 1) - 1;
        if (left > 0) openByClient.set(client, left);
        else openByClient.delete(client);
      };
      context.request.signal.addEventListener('abort', release, { once: true });
      return {
        onSubscribeResult({ result }) {
          // An error instead of a stream ends here; a stream counts until it ends.
          if (!isAsyncIterable(result)) {
            release();
            return;
          }
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
