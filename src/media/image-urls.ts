import type { Image } from '../../generated/prisma/client.ts';
import {
  type AspectRatio,
  focalPercent,
  type Rendition,
  type RenditionFormat,
  renditionPath,
  renditionSize,
} from './renditions.ts';

type ImageRow = Pick<Image, 'contentHash' | 'width' | 'height' | 'focalX' | 'focalY'>;

/** A rendition as clients see it: its path on the gateway and the size it really comes out at. */
export type RenditionEntry = { width: number; height: number; format: RenditionFormat; path: string };

/**
 * The ladder's width nearest to `wanted`; halfway between two, the larger. Any width a client asks
 * for is answered this way, so a ladder changed after apps shipped never fails their queries.
 */
export function nearestWidth(ladder: readonly number[], wanted: number): number {
  let best = ladder[0] as number;
  for (const width of ladder) {
    const distance = Math.abs(width - wanted);
    const bestDistance = Math.abs(best - wanted);
    if (distance < bestDistance || (distance === bestDistance && width > best)) best = width;
  }
  return best;
}

export function rendition(
  image: ImageRow,
  width: number,
  format: RenditionFormat,
  ratio?: AspectRatio | null,
): Rendition {
  return {
    width,
    format,
    ...(ratio && { crop: { ratio, focal: focalPercent(image.focalX, image.focalY) } }),
  };
}

export function imageUrl(image: ImageRow, width: number, format: RenditionFormat, ratio?: AspectRatio | null): string {
  return renditionPath(image.contentHash, rendition(image, width, format, ratio));
}

/**
 * The renditions at these ladder widths, ascending. Widths above the image's own size give the
 * same picture as the largest one below it, so only the first such is listed.
 */
export function renditionEntries(
  image: ImageRow,
  widths: readonly number[],
  format: RenditionFormat,
  ratio?: AspectRatio | null,
): RenditionEntry[] {
  const seen = new Set<number>();
  const entries: RenditionEntry[] = [];
  for (const width of [...widths].sort((a, b) => a - b)) {
    const wanted = rendition(image, width, format, ratio);
    const size = renditionSize(image, wanted);
    if (seen.has(size.width)) continue;
    seen.add(size.width);
    entries.push({ ...size, format, path: renditionPath(image.contentHash, wanted) });
  }
  return entries;
}

/** `srcset` text: each rendition's URL (`url` turns its path into one) and the width it really has. */
export function srcSet(entries: readonly RenditionEntry[], url: (path: string) => string = (path) => path): string {
  return entries.map((entry) => `${url(entry.path)} ${entry.width}w`).join(', ');
}

/**
 * The width a body image's `src` uses: the ladder's first width of 1024 or more, or its largest,
 * but no wider than the ladder width that already gives the image at its own size.
 */
export function defaultWidth(image: ImageRow, widths: readonly number[]): number {
  const sorted = [...widths].sort((a, b) => a - b);
  const full = sorted.find((width) => width >= image.width);
  const wanted = sorted.find((width) => width >= 1024) ?? (sorted[sorted.length - 1] as number);
  return full !== undefined && full < wanted ? full : wanted;
}
