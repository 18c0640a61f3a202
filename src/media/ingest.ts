import { createHash } from 'node:crypto';
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { type ProblemCode, ValidationError } from '../shared/errors.ts';
import { loadSharp } from './sharp.ts';
import type { MediaStorage } from './storage.ts';

export type StoredFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export type IngestedImage = {
  contentHash: string;
  format: StoredFormat;
  width: number;
  height: number;
  byteSize: number;
  placeholder: string;
};

export type IngestLimits = {
  /** Largest upload, bytes. */
  maxBytes: number;
  /** Most pixels (width × height) an upload may declare; guards against decompression bombs. */
  maxPixels: number;
};

const ACCEPTED = 'JPEG, PNG, WebP, AVIF or GIF';
const refuse = (message: string, code: ProblemCode = 'UNSUPPORTED_FILE') => ValidationError.of('file', code, message);

/**
 * Checks an upload and stores its original with every piece of metadata (EXIF with GPS and
 * camera, XMP, IPTC, ICC) removed: the pixels are decoded, turned upright as the camera's
 * orientation says, and encoded again. The type comes from the bytes, never from the file name.
 * Throws a ValidationError on `file`, with nothing stored, for anything it will not take.
 */
export async function ingestImage(storage: MediaStorage, bytes: Buffer, limits: IngestLimits): Promise<IngestedImage> {
  if (bytes.length === 0) throw refuse('is empty', 'REQUIRED');
  if (bytes.length > limits.maxBytes) throw tooLarge(bytes.length, limits.maxBytes);
  const options = { limitInputPixels: limits.maxPixels, failOn: 'truncated', pages: 1 } as const;
  const tooManyPixels = () =>
    refuse(
      `has more than ${limits.maxPixels} pixels, the limit (LEDE_MEDIA_MAX_PIXELS); scale it down first`,
      'TOO_LARGE',
    );

  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, options).metadata();
  } catch (error) {
    throw readError(error, tooManyPixels);
  }
  const format = storedFormat(metadata);
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > limits.maxPixels) throw tooManyPixels();

  let encoded: { data: Buffer; info: OutputInfo };
  try {
    // No withMetadata(): sharp writes none of the input's metadata to the output.
    const pipeline = sharp(bytes, options).rotate();
    encoded = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw readError(error, tooManyPixels);
  }

  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const key = originalKey(contentHash);
  if (!(await storage.exists(key))) await storage.put(key, encoded.data);
  return {
    contentHash,
    format,
    width: encoded.info.width,
    height: encoded.info.height,
    byteSize: encoded.data.length,
    placeholder: await thumbHash(encoded.data),
  };
}

/**
 * An uploaded file's bytes in one buffer. Yoga's multipart parser keeps a file as chunks and joins
 * them when read, on the event loop; its File answers `arrayBuffer()` with that joined Buffer (the
 * standard File with an ArrayBuffer). Either is wrapped as it is: a second copy of 20 MiB would
 * hold up every other request as long again.
 */
export async function uploadedFileBytes(file: Blob): Promise<Buffer> {
  const data: ArrayBuffer | Uint8Array = await file.arrayBuffer();
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

export const tooLarge = (size: number, maxBytes: number) =>
  refuse(`is ${size} bytes; the limit is ${maxBytes} bytes (LEDE_MEDIA_MAX_BYTES)`, 'TOO_LARGE');

export const originalKey = (contentHash: string) => `${contentHash}/original`;

function storedFormat(metadata: Metadata): StoredFormat {
  switch (metadata.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
      return metadata.format;
    case 'gif':
      // Only the first frame is kept, as a PNG.
      return 'png';
    case 'heif':
      if (metadata.compression === 'av1') return 'avif';
      throw refuse(`is HEIF/HEIC, which Lede does not accept; upload a ${ACCEPTED} file`);
    case 'svg':
      throw refuse(`is SVG, which can carry scripts and is not accepted; upload a ${ACCEPTED} file`);
    default:
      throw refuse(
        `is ${metadata.format?.toUpperCase() ?? 'an unknown format'}, not accepted; upload a ${ACCEPTED} file`,
      );
  }
}

function encode(pipeline: Sharp, format: StoredFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 92 });
    case 'png':
      return pipeline.png();
    case 'webp':
      return pipeline.webp({ quality: 92 });
    case 'avif':
      return pipeline.avif({ quality: 70 });
  }
}

function readError(error: unknown, tooManyPixels: () => ValidationError): ValidationError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('pixel limit')) return tooManyPixels();
  if (message.includes('unsupported image format')) {
    return refuse(`is not an image Lede accepts (the bytes are not ${ACCEPTED})`);
  }
  return refuse('cannot be read: the image is corrupt or truncated');
}

/** A ThumbHash (base64) from a copy at most 100 pixels on its longer side, as the algorithm wants. */
async function thumbHash(image: Buffer): Promise<string> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(image)
    .resize(100, 100, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}
