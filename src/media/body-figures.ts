import type { ArticleImage, Image } from '../../generated/prisma/client.ts';
import type { BodyFigure } from '../articles/body.ts';
import { underBase } from '../shared/public-urls.ts';
import { defaultWidth, imageUrl, renditionEntries, srcSet } from './image-urls.ts';
import { renditionSize } from './renditions.ts';

type Placement = ArticleImage & { image: Image };

/**
 * The figures `html` and `markdown` show: JPEG renditions, so every reader can see them, at
 * URLs under `mediaBase` (LEDE_PUBLIC_API_URL) when set, else paths.
 */
export function bodyFigures(
  placements: readonly Placement[],
  widths: readonly number[],
  mediaBase?: string,
): BodyFigure[] {
  const url = (path: string) => underBase(mediaBase, path);
  return placements.map(({ afterParagraph, image }) => {
    const width = defaultWidth(image, widths);
    const size = renditionSize(image, { width });
    return {
      afterParagraph,
      src: url(imageUrl(image, width, 'jpeg')),
      srcSet: srcSet(renditionEntries(image, widths, 'jpeg'), url),
      width: size.width,
      height: size.height,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
    };
  });
}
