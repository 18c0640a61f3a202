import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cropRegion } from '../src/media/renditions.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { getPath, photoWithGps, testPhoto, upload } from './support/images.ts';

const IMAGE =
  'query ($id: ID!, $width: Int!, $format: ImageFormat!, $ratio: ImageAspectRatio) { image(id: $id) { url(width: $width, format: $format, aspectRatio: $ratio) } }';

describe(`image serving: renditions, caching, metadata (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let photoId: string;
  let original: string;
  let hash: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    editor = await lede.apiKey('EDITOR');
    const result = await upload(lede, await photoWithGps(1200, 800), {
      apiKey: editor,
      variables: { alt: 'A witness photo', focalPoint: { x: 0.9, y: 0.5 } },
    });
    expect(result.__typename, JSON.stringify(result)).toBe('UploadImageSuccess');
    photoId = result.image?.id as string;
    original = result.image?.originalUrl as string;
    hash = original.split('/')[2] as string;
    // A portrait is public: its files are served to anyone (an unattached image is not).
    const imageId = Number(Buffer.from(photoId, 'base64').toString().split(':')[1]);
    await lede.database.prisma.person.create({
      data: { slug: 'witness', name: 'A Witness', portrait: { connect: { id: imageId } } },
    });
  });

  const urlOf = async (width: number, format = 'JPEG', ratio?: string) =>
    (await lede.data(IMAGE, { id: photoId, width, format, ratio }, { apiKey: editor })).image.url as string;
  const fetchBytes = async (path: string) => {
    const response = await getPath(lede, path);
    expect(response.status, path).toBe(200);
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('the test photo really carries GPS and camera EXIF before upload', async () => {
    const metadata = await sharp(await photoWithGps(100, 100)).metadata();
    expect(metadata.exif?.toString('latin1').includes('SourceCam')).toBeTruthy();
  });

  it('strips EXIF (GPS, camera) from the stored original and from every rendition', async () => {
    for (const path of [original, await urlOf(320), await urlOf(640, 'WEBP'), await urlOf(480, 'AVIF', 'SQUARE')]) {
      const { bytes } = await fetchBytes(path);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif, `${path} has EXIF`).toBe(undefined);
      expect(metadata.xmp, `${path} has XMP`).toBe(undefined);
      expect(metadata.iptc, `${path} has IPTC`).toBe(undefined);
      expect(!bytes.toString('latin1').includes('SourceCam'), `${path} names the camera`).toBeTruthy();
    }
  });

  it('serves each format at the asked width, never enlarged, with the right type', async () => {
    const expectations: [number, string, string, string, number, number][] = [
      [320, 'JPEG', 'image/jpeg', 'jpeg', 320, 213],
      [640, 'WEBP', 'image/webp', 'webp', 640, 427],
      [160, 'AVIF', 'image/avif', 'heif', 160, 107],
      [1920, 'JPEG', 'image/jpeg', 'jpeg', 1200, 800],
    ];
    for (const [width, format, contentType, sharpFormat, outWidth, outHeight] of expectations) {
      const { response, bytes } = await fetchBytes(await urlOf(width, format));
      expect(response.headers.get('content-type')).toBe(contentType);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.format).toBe(sharpFormat);
      expect([metadata.width, metadata.height], `${width} ${format}`).toStrictEqual([outWidth, outHeight]);
    }
  });

  it('crops to an aspect ratio around the focal point', async () => {
    const url = await urlOf(320, 'JPEG', 'SQUARE');
    expect(url, 'the focal point is part of the name').toMatch(/\/320-1x1-90-50\.jpg$/);
    const { bytes } = await fetchBytes(url);
    const metadata = await sharp(bytes).metadata();
    expect([metadata.width, metadata.height]).toStrictEqual([320, 320]);
    // Focal point at 90 % across: the square is pushed against the right edge.
    expect(cropRegion({ width: 1200, height: 800 }, 'SQUARE', { x: 90, y: 50 })).toStrictEqual({
      left: 400,
      top: 0,
      width: 800,
      height: 800,
    });
    expect(cropRegion({ width: 1200, height: 800 }, 'LANDSCAPE_16_9', { x: 50, y: 10 })).toStrictEqual({
      left: 0,
      top: 0,
      width: 1200,
      height: 675,
    });
    const wide = await sharp((await fetchBytes(await urlOf(640, 'JPEG', 'LANDSCAPE_16_9'))).bytes).metadata();
    expect([wide.width, wide.height]).toStrictEqual([640, 360]);
    const forged = await getPath(lede, `/media/${hash}/320-1x1-10-10.jpg`);
    expect(forged.status, 'a focal point no image has is not rendered').toBe(404);
  });

  it('answers with immutable caching, an ETag, and 304 for a matching If-None-Match', async () => {
    const url = await urlOf(480);
    const { response } = await fetchBytes(url);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag');
    expect(etag?.startsWith('"')).toBeTruthy();
    const again = await getPath(lede, url, { 'if-none-match': etag as string });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const other = await getPath(lede, url, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    const originalResponse = await getPath(lede, original);
    expect(originalResponse.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers 404 for unknown images, 400 for widths off the ladder and bad names, 405 for writes', async () => {
    expect((await getPath(lede, `/media/${'0'.repeat(64)}/320.jpg`)).status).toBe(404);
    expect((await getPath(lede, `/media/${'0'.repeat(64)}/original`)).status).toBe(404);
    expect((await getPath(lede, '/media/../../etc/passwd')).status).toBe(404);
    const offLadder = await getPath(lede, `/media/${hash}/500.jpg`);
    expect(offLadder.status).toBe(400);
    expect(await offLadder.text()).toMatch(/width 500 is not one of the configured widths/);
    expect((await getPath(lede, `/media/${hash}/320.gif`)).status).toBe(400);
    expect((await getPath(lede, `/media/${hash}/320-7x3-50-50.jpg`)).status).toBe(400);
    const post = await lede.yoga.fetch(`http://lede.test/media/${hash}/320.jpg`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('makes a rendition once, however many ask for it at the same time', async () => {
    const url = await urlOf(800, 'AVIF');
    const before = lede.media.renditions.generated;
    const responses = await Promise.all(Array.from({ length: 12 }, () => getPath(lede, url)));
    const bodies = await Promise.all(responses.map(async (response) => Buffer.from(await response.arrayBuffer())));
    expect(responses.every((response) => response.status === 200)).toBeTruthy();
    expect(
      bodies.every((body) => body.equals(bodies[0] as Buffer)),
      'everyone gets the same bytes',
    ).toBeTruthy();
    expect(lede.media.renditions.generated - before, 'generated once').toBe(1);
    await fetchBytes(url);
    expect(lede.media.renditions.generated - before, 'and then served from the cache').toBe(1);
  });

  it('stores identical uploads once', async () => {
    const photo = await testPhoto(300, 300);
    const first = await upload(lede, photo, { apiKey: editor });
    const second = await upload(lede, photo, { apiKey: editor });
    expect(first.image?.id, 'two images').not.toBe(second.image?.id);
    expect(first.image?.originalUrl, 'one stored file').toBe(second.image?.originalUrl);
  });
});
