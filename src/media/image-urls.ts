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
 * `srcset` text: each width's URL and the width it really comes out at. Widths above the image's
 * own size give the same picture as the largest one below it, so only the first such is listed.
 */
export function srcSet(
  image: ImageRow,
  widths: readonly number[],
  format: RenditionFormat,
  ratio?: AspectRatio | null,
): string {
  const seen = new Set<number>();
  const entries: string[] = [];
  for (const width of [...widths].sort((a, b) => a - b)) {
    const wanted = rendition(image, width, format, ratio);
    const actual = renditionSize(image, wanted).width;
    if (seen.has(actual)) continue;
    seen.add(actual);
    entries.push(`${renditionPath(image.contentHash, wanted)} ${actual}w`);
  }
  return entries.join(', ');
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
