import type { PrismaClient } from '../../generated/prisma/client.ts';
import { visibleArticleWhere } from '../articles/visibility.ts';
import type { IngestLimits } from './ingest.ts';
import { type FocalPercent, focalPercent, RenditionStore } from './renditions.ts';
import { FileMediaStorage, type MediaStorage, temporaryMediaStorage } from './storage.ts';

export type MediaConfig = IngestLimits & {
  /** Folder of originals and renditions; undefined makes a temporary one (for `memory://` data dirs). */
  dir: string | undefined;
  /** The width ladder: the only widths renditions are made at, ascending. */
  widths: number[];
  /** Uploads whose bodies may be read at once; more are refused (503) before their bodies are read. */
  maxConcurrentUploads: number;
};

export const DEFAULT_IMAGE_WIDTHS = [160, 320, 480, 640, 800, 1024, 1280, 1600, 1920];

export function defaultMediaConfig(dir?: string): MediaConfig {
  return {
    dir,
    maxBytes: 20 * 1024 * 1024,
    maxPixels: 50_000_000,
    widths: DEFAULT_IMAGE_WIDTHS,
    maxConcurrentUploads: 4,
  };
}

/** Everything images need at run time: the settings, the storage and the rendition maker. */
export type Media = {
  config: MediaConfig;
  storage: MediaStorage;
  renditions: RenditionStore;
  /** True when an image with these bytes is shown by something anyone may read (see isPublicImage). */
  isPublic: (contentHash: string, now: Date) => Promise<boolean>;
  /** Deletes a temporary storage folder; nothing for a configured one. */
  close: () => Promise<void>;
};

export async function openMedia(config: MediaConfig, prisma: PrismaClient): Promise<Media> {
  const temporary = config.dir ? undefined : await temporaryMediaStorage();
  const storage = temporary ?? new FileMediaStorage(config.dir as string);
  const focalPointExists = async (contentHash: string, focal: FocalPercent) => {
    const images = await prisma.image.findMany({ where: { contentHash }, select: { focalX: true, focalY: true } });
    return images.some((image) => {
      const known = focalPercent(image.focalX, image.focalY);
      return known.x === focal.x && known.y === focal.y;
    });
  };
  return {
    config,
    storage,
    renditions: new RenditionStore(storage, focalPointExists),
    isPublic: (contentHash, now) => isPublicImage(prisma, contentHash, now),
    close: async () => temporary?.remove(),
  };
}

/**
 * An image is public once an article anonymous clients can see shows it (lead or body), or a
 * person or organization has it as portrait or logo. Until then only keys may fetch its files:
 * its hash is the SHA-256 of the file, which anyone holding the file can compute.
 */
export async function isPublicImage(prisma: PrismaClient, contentHash: string, now: Date): Promise<boolean> {
  const visible = visibleArticleWhere({ now, preview: false });
  const image = await prisma.image.findFirst({
    where: {
      contentHash,
      OR: [
        { leadOf: { some: visible } },
        { placements: { some: { article: visible } } },
        { portraitOf: { some: {} } },
        { logoOf: { some: {} } },
      ],
    },
    select: { id: true },
  });
  return image !== null;
}
