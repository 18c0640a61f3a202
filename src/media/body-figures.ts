import type { ArticleImage, Image } from '../../generated/prisma/client.ts';
import type { BodyFigure } from '../services/article-body.ts';
import { defaultWidth, imageUrl, srcSet } from './image-urls.ts';
import { renditionSize } from './renditions.ts';

type Placement = ArticleImage & { image: Image };

/** The figures `html` and `markdown` show: JPEG renditions, so every reader can see them. */
export function bodyFigures(placements: readonly Placement[], widths: readonly number[]): BodyFigure[] {
  return placements.map(({ afterParagraph, image }) => {
    const width = defaultWidth(image, widths);
    const size = renditionSize(image, { width });
    return {
      afterParagraph,
      src: imageUrl(image, width, 'jpeg'),
      srcSet: srcSet(image, widths, 'jpeg'),
      width: size.width,
      height: size.height,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
    };
  });
}
