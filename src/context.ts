import type { PrismaClient } from '../generated/prisma/client.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { Media } from './media/media.ts';
import type { MostRead } from './most-read/most-read.ts';
import { hasRole, type Viewer } from './services/api-keys.ts';
import type { ArticleEvents } from './services/article-events.ts';
import type { PublicUrls } from './services/public-urls.ts';

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
};

/** `viewer` comes from plugins/request-viewer.ts, which works it out once per request. */
export function createContext(
  prisma: PrismaClient,
  viewer: Viewer | null,
  media: Media,
  articleEvents?: ArticleEvents,
  publicUrls: PublicUrls = {},
  reads?: Context['reads'],
): Context {
  const now = new Date();
  const preview = hasRole(viewer, 'READER');
  return {
    prisma,
    now,
    viewer,
    preview,
    loaders: createLoaders(prisma, { now, preview }),
    media,
    articleEvents,
    publicUrls,
    reads,
  };
}
