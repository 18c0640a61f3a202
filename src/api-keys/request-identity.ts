import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { bearerKey, InvalidApiKeyError, type Viewer, viewerFromHeader } from './keys.ts';

export const LOCAL_TOOLS: Viewer = { keyId: 0, name: 'local tools', role: 'ADMIN' };

/**
 * Who sends a request, worked out once from its `Authorization` header (this file is the only one
 * that reads it) and read by every plugin and the context:
 * - `anonymous`: no header;
 * - `local-tools`: the local token (db/gateway-lock.ts), which tools on the same machine use;
 * - `key`: anything else, an API key until `viewer()` has looked it up.
 */
export type RequestIdentity = {
  kind: 'anonymous' | 'local-tools' | 'key';
  /**
   * SHA-256 (hex) of the key the header carries, however spelled (of the whole header when it is
   * malformed): what the rate limiter counts a key's requests by. Undefined when there is no
   * header, or an empty one (which names nobody: its viewer is null).
   */
  credentialHash: string | undefined;
  /**
   * The caller: null when anonymous, the local tools, or the key's holder. The key is looked up at
   * most once per request; a malformed, unknown or revoked key is an UNAUTHENTICATED error (401).
   */
  viewer: () => Promise<Viewer | null>;
  /** Whether the header is exactly `Bearer <token>`, compared in constant time (the metrics token). */
  presents: (token: string) => boolean;
};

const identities = new WeakMap<Request, RequestIdentity>();

/** The identity of a request; useRequestIdentity works it out as the request starts. */
export function requestIdentity(request: Request): RequestIdentity {
  const identity = identities.get(request);
  if (!identity) throw new Error('No request identity: useRequestIdentity must be one of the gateway plugins.');
  return identity;
}

/**
 * Works out each request's identity before any other plugin sees the request (as instrumentation,
 * which wraps every hook): its kind and credential hash from the header at once, its viewer on the
 * first call to `viewer()`.
 */
export function useRequestIdentity({
  prisma,
  localToken,
}: {
  prisma: PrismaClient;
  localToken: string | undefined;
}): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        identities.set(request, identify(request.headers.get('authorization'), prisma, localToken));
        return wrapped();
      },
    },
  };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

function identify(authorization: string | null, prisma: PrismaClient, localToken: string | undefined): RequestIdentity {
  const presents = (token: string) => timingSafeEqual(sha256(authorization ?? ''), sha256(`Bearer ${token}`));
  if (authorization === null) {
    return { kind: 'anonymous', credentialHash: undefined, viewer: async () => null, presents };
  }
  const credentialHash = authorization ? sha256(bearerKey(authorization) ?? authorization).toString('hex') : undefined;
  if (localToken !== undefined && presents(localToken)) {
    return { kind: 'local-tools', credentialHash, viewer: async () => LOCAL_TOOLS, presents };
  }
  let viewer: Promise<Viewer | null> | undefined;
  const lookUp = async () => {
    try {
      return await viewerFromHeader(prisma, authorization);
    } catch (error) {
      if (!(error instanceof InvalidApiKeyError)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
  };
  return {
    kind: 'key',
    credentialHash,
    viewer: () => {
      viewer ??= lookUp();
      return viewer;
    },
    presents,
  };
}
