import { GraphQLError } from 'graphql';
import type { ArticleImage as ArticleImageRow, Image as ImageRow } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  setArticleImages,
  setOrganizationLogo,
  setPersonPortrait,
  updateImage,
  uploadImage,
} from '../media/image-editor.ts';
import { imageUrl, nearestWidth, type RenditionEntry, renditionEntries, srcSet } from '../media/image-urls.ts';
import { tooLarge, uploadedFileBytes } from '../media/ingest.ts';
import { ASPECT_RATIOS, type AspectRatio, type RenditionFormat } from '../media/renditions.ts';
import { underBase } from '../shared/public-urls.ts';
import { Article } from './article.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';
import { inputOrLooseArguments, USE_INPUT } from './input-forms.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';

builder.scalarType('File', {
  description:
    'A file sent with the request, by the GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec). Input only.',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || typeof (value as File).arrayBuffer !== 'function') {
      throw new GraphQLError('Expected a file sent as a multipart request part (GraphQL multipart request spec).');
    }
    return value as File;
  },
});

const ImageFormatEnum = builder.enumType('ImageFormat', {
  description: 'Encodings a rendition can be asked for.',
  values: {
    AVIF: { value: 'avif', description: 'AVIF: the smallest files; all current browsers.' },
    WEBP: { value: 'webp', description: 'WebP: small files; every browser of the last five years.' },
    JPEG: { value: 'jpeg', description: 'JPEG: understood everywhere.' },
  } as const,
});

const AspectRatioEnum = builder.enumType('ImageAspectRatio', {
  description:
    "A crop to ask for. The largest region of the image with this ratio is cut out, centred on the image's focal point (its middle when it has none) and moved inwards where it would cross an edge, then scaled to the width.",
  values: Object.fromEntries(
    Object.entries(ASPECT_RATIOS).map(([name, [w, h]]) => [name, { value: name, description: `${w}:${h}.` }]),
  ) as Record<AspectRatio, { value: AspectRatio; description: string }>,
});

const FocalPoint = builder.objectRef<{ x: number; y: number }>('FocalPoint').implement({
  description: 'The point of an image kept in view when it is cropped.',
  fields: (t) => ({
    x: t.exposeFloat('x', { description: 'From the left edge (0) to the right edge (1).' }),
    y: t.exposeFloat('y', { description: 'From the top edge (0) to the bottom edge (1).' }),
  }),
});

const FocalPointInput = builder.inputType('FocalPointInput', {
  description: 'The point of an image to keep in view when cropping, as fractions of its width and height.',
  fields: (t) => ({
    x: t.float({ required: true, description: 'From the left edge (0) to the right edge (1).' }),
    y: t.float({ required: true, description: 'From the top edge (0) to the bottom edge (1).' }),
  }),
});

/** The offered width nearest to the one asked for: a width never fails a query. */
const offeredWidth = (context: Context, width: number) => nearestWidth(context.media.config.widths, width);

/** A path on the gateway as clients fetch it: under LEDE_PUBLIC_API_URL when set. */
const mediaUrl = (context: Context, path: string) => underBase(context.publicUrls.api, path);

const WIDTH_RULE =
  "Any width, answered with the nearest of `imageWidths` (LEDE_IMAGE_WIDTHS; by default 160, 320, 480, 640, 800, 1024, 1280, 1600, 1920), the larger when halfway: 750 gives 800. Images are never enlarged: a width above the image's own gives it at its own width.";

const URL_RULE = 'A path on this server (`/media/…`), or an absolute URL under LEDE_PUBLIC_API_URL when that is set.';

const ImageRendition = builder.objectRef<RenditionEntry & { url: string }>('ImageRendition').implement({
  description: 'One size and format of an image: what a `srcset` entry says, as fields.',
  fields: (t) => ({
    width: t.exposeInt('width', { description: 'Width it comes out at, in pixels.' }),
    height: t.exposeInt('height', { description: 'Height it comes out at, in pixels.' }),
    format: t.field({ type: ImageFormatEnum, description: 'Its encoding.', resolve: (entry) => entry.format }),
    url: t.exposeString('url', {
      description: `Where to fetch it. ${URL_RULE} The file at a URL never changes, so it may be cached for good.`,
    }),
  }),
});

const renditionArgs = builder.args((t) => ({
  widths: t.intList({ description: `Widths to list; default all of them. ${WIDTH_RULE}` }),
  format: t.field({
    type: ImageFormatEnum,
    defaultValue: 'jpeg',
    required: true,
    description: 'Encoding. Default JPEG.',
  }),
  aspectRatio: t.field({
    type: AspectRatioEnum,
    description: 'Crop to this ratio around the focal point; the whole image when left out.',
  }),
}));

/** The renditions a `srcSet` or `renditions` field asks for, at offered widths. */
function renditionsOf(
  image: ImageRow,
  args: { widths?: readonly number[] | null; format: string; aspectRatio?: string | null },
  context: Context,
): RenditionEntry[] {
  const widths = args.widths
    ? [...new Set(args.widths.map((width) => offeredWidth(context, width)))]
    : context.media.config.widths;
  return renditionEntries(image, widths, args.format as RenditionFormat, args.aspectRatio as AspectRatio | null);
}

export const Image = builder.objectRef<ImageRow>('Image').implement({
  description:
    'A picture, stored without its metadata (no EXIF, GPS, XMP or IPTC), served in the sizes and formats a screen asks for.',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque ID, for attaching the image to articles, people and organizations.',
      resolve: (image) => encodeGlobalId('Image', image.id),
    }),
    width: t.exposeInt('width', { description: 'Width of the original, in pixels (upright).' }),
    height: t.exposeInt('height', { description: 'Height of the original, in pixels (upright).' }),
    format: t.exposeString('format', {
      description:
        'Format of the stored original: `jpeg`, `png`, `webp` or `avif` (a GIF keeps its first frame, as png).',
    }),
    byteSize: t.exposeInt('byteSize', { description: 'Size of the stored original, in bytes.' }),
    alt: t.exposeString('alt', {
      nullable: true,
      description:
        'Text that replaces the image for people who cannot see it. A published article needs it on every image.',
    }),
    caption: t.exposeString('caption', { nullable: true, description: 'What the picture shows, for readers.' }),
    credit: t.exposeString('credit', {
      nullable: true,
      description: 'Who made the picture, such as "Ana Ruiz / Lede".',
    }),
    focalPoint: t.field({
      type: FocalPoint,
      nullable: true,
      description: 'The point kept in view when cropping, when an editor set one.',
      resolve: (image) =>
        image.focalX === null || image.focalY === null ? null : { x: image.focalX, y: image.focalY },
    }),
    placeholder: t.exposeString('placeholder', {
      description:
        'A ThumbHash (https://evanw.github.io/thumbhash/), base64: about 25 bytes a client decodes into a blurred preview to paint before the image arrives.',
    }),
    url: t.string({
      description: `The image at this width (the nearest offered one) and format. ${URL_RULE} The file at a URL never changes, so it may be cached for good; a new focal point gives crops new URLs.`,
      args: {
        width: t.arg.int({ required: true, description: WIDTH_RULE }),
        format: t.arg({
          type: ImageFormatEnum,
          defaultValue: 'jpeg',
          required: true,
          description: 'Encoding. Default JPEG.',
        }),
        aspectRatio: t.arg({
          type: AspectRatioEnum,
          description: 'Crop to this ratio around the focal point; the whole image when left out.',
        }),
      },
      resolve: (image, args, context) =>
        mediaUrl(
          context,
          imageUrl(image, offeredWidth(context, args.width), args.format as RenditionFormat, args.aspectRatio),
        ),
    }),
    srcSet: t.string({
      description: `A \`srcset\` attribute value: one URL per width with the width it really has (\`/media/…/320.webp 320w, …\`). Widths beyond the original size appear once, at the original width. ${URL_RULE} \`renditions\` gives the same list as fields.`,
      args: renditionArgs,
      resolve: (image, args, context) => srcSet(renditionsOf(image, args, context), (path) => mediaUrl(context, path)),
    }),
    renditions: t.field({
      type: [ImageRendition],
      description:
        'The renditions `srcSet` lists, ascending by width, each with its real size, format and URL: for clients that pick a size themselves.',
      args: renditionArgs,
      resolve: (image, args, context) =>
        renditionsOf(image, args, context).map((entry) => ({ ...entry, url: mediaUrl(context, entry.path) })),
    }),
    originalUrl: t.string({
      description: `The stored original: full size, in its stored format, with its metadata stripped. ${URL_RULE}`,
      resolve: (image, _args, context) => mediaUrl(context, `/media/${image.contentHash}/original`),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the image was uploaded.' }),
  }),
});

type Placement = ArticleImageRow & { image: ImageRow };

const BodyImage = builder.objectRef<Placement>('BodyImage').implement({
  description: "An image inside an article's body, and where it goes.",
  fields: (t) => ({
    afterParagraph: t.exposeInt('afterParagraph', {
      description: 'Number of paragraphs before it: 0 puts it before the first paragraph.',
    }),
    image: t.field({ type: Image, description: 'The image.', resolve: (placement) => placement.image }),
  }),
});

const loadImage = (context: Context, id: number | null) => (id === null ? null : context.loaders.image.load(id));

builder.prismaObjectFields(Article, (t) => ({
  leadImage: t.field({
    type: Image,
    nullable: true,
    description: 'The picture shown with the headline, if there is one.',
    select: { leadImageId: true },
    resolve: (article, _args, context) => loadImage(context, article.leadImageId),
  }),
  bodyImages: t.field({
    type: [BodyImage],
    description: 'Images inside the body, in reading order; `html` and `markdown` already show them in place.',
    resolve: (article, _args, context) => context.loaders.articleBodyImages.load(article.id),
  }),
}));

builder.prismaObjectFields(Person, (t) => ({
  portrait: t.field({
    type: Image,
    nullable: true,
    description: "The person's portrait, if there is one.",
    select: { portraitId: true },
    resolve: (person, _args, context) => loadImage(context, person.portraitId),
  }),
}));

builder.prismaObjectFields(Organization, (t) => ({
  logo: t.field({
    type: Image,
    nullable: true,
    description: "The organization's logo, if there is one.",
    select: { logoId: true },
    resolve: (organization, _args, context) => loadImage(context, organization.logoId),
  }),
}));

builder.queryFields((t) => ({
  imageWidths: t.intList({
    description:
      'The widths, in pixels, that images are offered at (LEDE_IMAGE_WIDTHS), ascending. `Image.url`, `srcSet` and `renditions` answer any other width with the nearest of these.',
    resolve: (_root, _args, context) => context.media.config.widths,
  }),
  image: t.field({
    type: Image,
    nullable: true,
    description: 'An image by its ID, attached or not. Needs an API key (reader or above).',
    authScopes: { reader: true },
    args: { id: t.arg.id({ required: true, description: 'The image ID.' }) },
    resolve: (_root, args, context) => loadImage(context, decodeGlobalId('id', String(args.id), ['Image']).id),
  }),
}));

const imageTextFields = {
  alt: 'Text that replaces the image for people who cannot see it (at most 1,000 characters). Needed before an article showing the image is published.',
  caption: 'What the picture shows, for readers (at most 2,000 characters).',
  credit: 'Who made the picture (at most 300 characters).',
  focalPoint: 'The point to keep in view when cropping. Left out, crops keep the middle.',
};

const UpdateImageInput = builder.inputType('UpdateImageInput', {
  description: "Changes to an image's text and focal point. Fields left out stay; null removes.",
  fields: (t) => ({
    image: t.id({ required: true, description: 'The image to change (Image ID).' }),
    alt: t.string({ description: imageTextFields.alt }),
    caption: t.string({ description: imageTextFields.caption }),
    credit: t.string({ description: imageTextFields.credit }),
    focalPoint: t.field({ type: FocalPointInput, description: imageTextFields.focalPoint }),
  }),
});

const UploadImageInput = builder.inputType('UploadImageInput', {
  description: 'An image file to upload, with its text and focal point.',
  fields: (t) => ({
    file: t.field({ type: 'File', required: true, description: 'The image file (a multipart file part).' }),
    alt: t.string({ description: imageTextFields.alt }),
    caption: t.string({ description: imageTextFields.caption }),
    credit: t.string({ description: imageTextFields.credit }),
    focalPoint: t.field({ type: FocalPointInput, description: imageTextFields.focalPoint }),
  }),
});

const BodyImageInput = builder.inputType('BodyImageInput', {
  description: 'An image to show inside the body.',
  fields: (t) => ({
    image: t.id({ required: true, description: 'The image (Image ID).' }),
    afterParagraph: t.int({
      required: true,
      description: 'Number of paragraphs before it: 0 (before the first) to the number of paragraphs (after the last).',
    }),
  }),
});

const SetArticleImagesInput = builder.inputType('SetArticleImagesInput', {
  description: "An article's lead image and body images. Fields left out stay as they are.",
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article (Article ID).' }),
    version: t.int({
      required: true,
      description: 'The `version` you last read; a newer one makes this a ConflictError.',
    }),
    leadImage: t.id({ description: 'The lead image (Image ID); null removes it.' }),
    bodyImages: t.field({
      type: [BodyImageInput],
      description: 'Every body image, replacing the current list; [] removes them all.',
    }),
  }),
});

const SetPersonPortraitInput = builder.inputType('SetPersonPortraitInput', {
  description: "A person's portrait.",
  fields: (t) => ({
    person: t.id({ required: true, description: 'The person (Person ID).' }),
    image: t.id({ description: 'The portrait (Image ID); null removes it.' }),
  }),
});

const SetOrganizationLogoInput = builder.inputType('SetOrganizationLogoInput', {
  description: "An organization's logo.",
  fields: (t) => ({
    organization: t.id({ required: true, description: 'The organization (Organization ID).' }),
    image: t.id({ description: 'The logo (Image ID); null removes it.' }),
  }),
});

const imageId = (field: string, value: string | number | null | undefined) =>
  value == null ? null : decodeGlobalId(field, String(value), ['Image']).id;

builder.mutationFields((t) => ({
  uploadImage: t.field({
    type: Image,
    description:
      'Uploads an image: a multipart request (GraphQL multipart request spec) with the `x-graphql-yoga-csrf` header. JPEG, PNG, WebP, AVIF or GIF (first frame), by its bytes; at most LEDE_MEDIA_MAX_BYTES (20 MiB) and LEDE_MEDIA_MAX_PIXELS (50 megapixels). Metadata is stripped. Anything refused is a ValidationError on `file`, and nothing is stored. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'image', description: 'The stored image.' } },
    args: {
      input: t.arg({ type: UploadImageInput, description: 'The file and what to say about it.' }),
      file: t.arg({ type: 'File', description: 'The image file.', deprecationReason: USE_INPUT }),
      alt: t.arg.string({ description: imageTextFields.alt, deprecationReason: USE_INPUT }),
      caption: t.arg.string({ description: imageTextFields.caption, deprecationReason: USE_INPUT }),
      credit: t.arg.string({ description: imageTextFields.credit, deprecationReason: USE_INPUT }),
      focalPoint: t.arg({
        type: FocalPointInput,
        description: imageTextFields.focalPoint,
        deprecationReason: USE_INPUT,
      }),
    },
    resolve: async (_root, args, context) => {
      const { file, ...text } = inputOrLooseArguments(
        'uploadImage',
        args.input,
        args.file == null
          ? undefined
          : { file: args.file, alt: args.alt, caption: args.caption, credit: args.credit, focalPoint: args.focalPoint },
      );
      // Refused before it is read into memory.
      if (file.size > context.media.config.maxBytes) throw tooLarge(file.size, context.media.config.maxBytes);
      return uploadImage(context, context.media, await uploadedFileBytes(file), {
        alt: text.alt,
        caption: text.caption,
        credit: text.credit,
        focalPoint: text.focalPoint,
      });
    },
  }),
  updateImage: t.field({
    type: Image,
    description: "Changes an image's alt text, caption, credit or focal point. Editors and admins only.",
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'image', description: 'The image as saved.' } },
    args: { input: t.arg({ type: UpdateImageInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      updateImage(context, imageId('input.image', input.image) as number, {
        alt: input.alt,
        caption: input.caption,
        credit: input.credit,
        focalPoint: input.focalPoint,
      }),
  }),
  setArticleImages: t.field({
    type: Article,
    description:
      "Sets an article's lead image and body images, as a new version. On a published article every image needs alt text. Editors and admins only.",
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The article as saved.' } },
    args: { input: t.arg({ type: SetArticleImagesInput, required: true, description: 'The images.' }) },
    resolve: (_root, { input }, context) =>
      setArticleImages(context, decodeGlobalId('input.article', String(input.article), ['Article']).id, input.version, {
        ...(input.leadImage !== undefined && { leadImageId: imageId('input.leadImage', input.leadImage) }),
        ...(input.bodyImages != null && {
          bodyImages: input.bodyImages.map((entry, index) => ({
            imageId: imageId(`input.bodyImages[${index}].image`, entry.image) as number,
            afterParagraph: entry.afterParagraph,
          })),
        }),
      }),
  }),
  setPersonPortrait: t.field({
    type: Person,
    description: "Sets or removes a person's portrait. Editors and admins only.",
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'person', description: 'The person as saved.' } },
    args: { input: t.arg({ type: SetPersonPortraitInput, required: true, description: 'The person and image.' }) },
    resolve: (_root, { input }, context) =>
      setPersonPortrait(
        context,
        decodeGlobalId('input.person', String(input.person), ['Person']).id,
        imageId('input.image', input.image),
      ),
  }),
  setOrganizationLogo: t.field({
    type: Organization,
    description: "Sets or removes an organization's logo. Editors and admins only.",
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'organization', description: 'The organization as saved.' } },
    args: {
      input: t.arg({ type: SetOrganizationLogoInput, required: true, description: 'The organization and image.' }),
    },
    resolve: (_root, { input }, context) =>
      setOrganizationLogo(
        context,
        decodeGlobalId('input.organization', String(input.organization), ['Organization']).id,
        imageId('input.image', input.image),
      ),
  }),
}));
