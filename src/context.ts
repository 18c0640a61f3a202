import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { Media } from './media/media.ts';
import { hasRole, InvalidApiKeyError, type Viewer, viewerFromHeader } from './services/api-keys.ts';
import type { ArticleEvents } from './services/article-events.ts';

export type Context = {
  prisma: PrismaClient;
  /** The request's clock: every visibility check in one request uses the same instant. */
  now: Date;
  /** The API key's holder, or null for an anonymous request. */
  viewer: Viewer | null;
  /** True when the viewer may see drafts, scheduled and archived articles (readers and above). */
  preview: boolean;
  loaders: Loaders;
  /** The gateway's article change events: mutations publish, `articleChanged` subscribes. */
  articleEvents?: ArticleEvents;
  /** Image storage, upload limits and the rendition width ladder. */
  media: Media;
};

export async function createContext(
  prisma: PrismaClient,
  authorization: string | null,
  localToken: string | undefined,
  media: Media,
  articleEvents?: ArticleEvents,
): Promise<Context> {
  const now = new Date();
  // Tools on the same machine (the importer) reach a gateway on the embedded database this way.
  const local = localToken !== undefined && authorization === `Bearer ${localToken}`;
  const viewer = local
    ? { keyId: 0, name: 'local tools', role: 'ADMIN' as const }
    : await viewerFromHeader(prisma, authorization).catch((error: unknown) => {
        if (!(error instanceof InvalidApiKeyError)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      });
  const preview = hasRole(viewer, 'READER');
  return { prisma, now, viewer, preview, loaders: createLoaders(prisma, { now, preview }), media, articleEvents };
}
