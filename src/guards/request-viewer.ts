import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { InvalidApiKeyError, type Viewer, viewerFromHeader } from '../api-keys/keys.ts';

/** The viewer of a request, from its headers only; the same promise for every caller of one request. */
export type ViewerLookup = (request: Request) => Promise<Viewer | null>;

export const LOCAL_TOOLS: Viewer = { keyId: 0, name: 'local tools', role: 'ADMIN' };

/**
 * Works out who sent a request from its `Authorization` header, once per request, for the plugins
 * that decide before the body is read (uploads) and for the context: null without a header, the
 * local tools for the local token, an UNAUTHENTICATED error (401) for a malformed, unknown or
 * revoked key.
 */
export function viewerLookup(prisma: PrismaClient, localToken: string | undefined): ViewerLookup {
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  const lookUp = async (authorization: string | null): Promise<Viewer | null> => {
    // Tools on the same machine (the importer) reach a gateway on the embedded database this way.
    if (localToken !== undefined && authorization === `Bearer ${localToken}`) return LOCAL_TOOLS;
    try {
      return await viewerFromHeader(prisma, authorization);
    } catch (error) {
      if (!(error instanceof InvalidApiKeyError)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
  };
  return (request) => {
    let viewer = viewers.get(request);
    if (!viewer) {
      viewer = lookUp(request.headers.get('authorization'));
      viewers.set(request, viewer);
    }
    return viewer;
  };
}
