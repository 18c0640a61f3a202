import type { PrismaClient } from '../generated/prisma/client.ts';
import { hasRole, type Viewer } from './api-keys/keys.ts';
import type { ArticleEvents } from './articles/events.ts';
import { articleLoaders } from './articles/loaders.ts';
import { collectionLoaders } from './collections/loaders.ts';
import { entityLoaders } from './entities/loaders.ts';
import { mediaLoaders } from './media/loaders.ts';
import type { Media } from './media/media.ts';
import type { MostRead } from './most-read/most-read.ts';
import { sectionLoaders } from './sections/loaders.ts';
import type { SharedSectionTree } from './sections/shared-tree.ts';
import { type LazyLoaders, lazyLoaders } from './shared/lazy-loaders.ts';
import type { PublicUrls } from './shared/public-urls.ts';

/** Each domain's loaders, made per request on first use: they batch every lookup while one request resolves. */
const loaderFactories = {
  ...articleLoaders,
  ...sectionLoaders,
  ...entityLoaders,
  ...mediaLoaders,
  ...collectionLoaders,
};
export type Loaders = LazyLoaders<typeof loaderFactories>;

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
  /** Bases of absolute URLs (LEDE_PUBLIC_SITE_URL, LEDE_PUBLIC_API_URL); empty keeps URLs relative. */
  publicUrls: PublicUrls;
  /** The gateway's read counter, and the keyed hash standing for this request's client (worked out when asked). */
  reads?: { mostRead: MostRead; clientKey: () => string };
  /** The gateway's shared section tree: read by requests that may lag, forgotten after section writes. */
  sectionTrees: SharedSectionTree;
};

/** What a request's context is made of; `viewer` comes from api-keys/request-identity.ts, once per request. */
export type ContextParts = Pick<Context, 'prisma' | 'viewer' | 'media' | 'articleEvents' | 'reads' | 'sectionTrees'> & {
  publicUrls?: PublicUrls;
  /** True for a request that may read a little behind the primary (an anonymous query): it shares the section tree. */
  mayLag: boolean;
};

export function createContext({ mayLag, publicUrls = {}, ...parts }: ContextParts): Context {
  const now = new Date();
  const preview = hasRole(parts.viewer, 'READER');
  const scope = { prisma: parts.prisma, now, preview, sharedSectionTree: mayLag ? parts.sectionTrees : undefined };
  return { ...parts, now, preview, publicUrls, loaders: lazyLoaders(scope, loaderFactories) };
}
