import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
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
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    editor = await lede.apiKey('EDITOR');
    const result = await upload(lede, await photoWithGps(1200, 800), {
      apiKey: editor,
      variables: { alt: 'A witness photo', focalPoint: { x: 0.9, y: 0.5 } },
    });
    assert.equal(result.__typename, 'UploadImageSuccess', JSON.stringify(result));
    photoId = result.image?.id as string;
    original = result.image?.originalUrl as string;
    hash = original.split('/')[2] as string;
  });

  const urlOf = async (width: number, format = 'JPEG', ratio?: string) =>
    (await lede.data(IMAGE, { id: photoId, width, format, ratio }, { apiKey: editor })).image.url as string;
  const fetchBytes = async (path: string) => {
    const response = await getPath(lede, path);
    assert.equal(response.status, 200, path);
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('the test photo really carries GPS and camera EXIF before upload', async () => {
    const metadata = await sharp(await photoWithGps(100, 100)).metadata();
    assert.ok(metadata.exif?.toString('latin1').includes('SourceCam'));
  });

  it('strips EXIF (GPS, camera) from the stored original and from every rendition', async () => {
    for (const path of [original, await urlOf(320), await urlOf(640, 'WEBP'), await urlOf(480, 'AVIF', 'SQUARE')]) {
      const { bytes } = await fetchBytes(path);
      const metadata = await sharp(bytes).metadata();
      assert.equal(metadata.exif, undefined, `${path} has EXIF`);
      assert.equal(metadata.xmp, undefined, `${path} has XMP`);
      assert.equal(metadata.iptc, undefined, `${path} has IPTC`);
      assert.ok(!bytes.toString('latin1').includes('SourceCam'), `${path} names the camera`);
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
      assert.equal(response.headers.get('content-type'), contentType);
      const metadata = await sharp(bytes).metadata();
      assert.equal(metadata.format, sharpFormat);
      assert.deepEqual([metadata.width, metadata.height], [outWidth, outHeight], `${width} ${format}`);
    }
  });

  it('crops to an aspect ratio around the focal point', async () => {
    const url = await urlOf(320, 'JPEG', 'SQUARE');
    assert.match(url, /\/320-1x1-90-50\.jpg$/, 'the focal point is part of the name');
    const { bytes } = await fetchBytes(url);
    const metadata = await sharp(bytes).metadata();
    assert.deepEqual([metadata.width, metadata.height], [320, 320]);
    // Focal point at 90 % across: the square is pushed against the right edge.
    assert.deepEqual(cropRegion({ width: 1200, height: 800 }, 'SQUARE', { x: 90, y: 50 }), {
      left: 400,
      top: 0,
      width: 800,
      height: 800,
    });
    assert.deepEqual(cropRegion({ width: 1200, height: 800 }, 'LANDSCAPE_16_9', { x: 50, y: 10 }), {
      left: 0,
      top: 0,
      width: 1200,
      height: 675,
    });
    const wide = await sharp((await fetchBytes(await urlOf(640, 'JPEG', 'LANDSCAPE_16_9'))).bytes).metadata();
    assert.deepEqual([wide.width, wide.height], [640, 360]);
    const forged = await getPath(lede, `/media/${hash}/320-1x1-10-10.jpg`);
    assert.equal(forged.status, 404, 'a focal point no image has is not rendered');
  });

  it('answers with immutable caching, an ETag, and 304 for a matching If-None-Match', async () => {
    const url = await urlOf(480);
    const { response } = await fetchBytes(url);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const etag = response.headers.get('etag');
    assert.ok(etag?.startsWith('"'));
    const again = await getPath(lede, url, { 'if-none-match': etag as string });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    const other = await getPath(lede, url, { 'if-none-match': '"something-else"' });
    assert.equal(other.status, 200);
    const originalResponse = await getPath(lede, original);
    assert.equal(originalResponse.headers.get('content-type'), 'image/jpeg');
  });

  it('answers 404 for unknown images, 400 for widths off the ladder and bad names, 405 for writes', async () => {
    assert.equal((await getPath(lede, `/media/${'0'.repeat(64)}/320.jpg`)).status, 404);
    assert.equal((await getPath(lede, `/media/${'0'.repeat(64)}/original`)).status, 404);
    assert.equal((await getPath(lede, '/media/../../etc/passwd')).status, 404);
    const offLadder = await getPath(lede, `/media/${hash}/500.jpg`);
    assert.equal(offLadder.status, 400);
    assert.match(await offLadder.text(), /width 500 is not one of the configured widths/);
    assert.equal((await getPath(lede, `/media/${hash}/320.gif`)).status, 400);
    assert.equal((await getPath(lede, `/media/${hash}/320-7x3-50-50.jpg`)).status, 400);
    const post = await lede.yoga.fetch(`http://lede.test/media/${hash}/320.jpg`, { method: 'POST' });
    assert.equal(post.status, 405);
  });

  it('makes a rendition once, however many ask for it at the same time', async () => {
    const url = await urlOf(800, 'AVIF');
    const before = lede.media.renditions.generated;
    const responses = await Promise.all(Array.from({ length: 12 }, () => getPath(lede, url)));
    const bodies = await Promise.all(responses.map(async (response) => Buffer.from(await response.arrayBuffer())));
    assert.ok(responses.every((response) => response.status === 200));
    assert.ok(
      bodies.every((body) => body.equals(bodies[0] as Buffer)),
      'everyone gets the same bytes',
    );
    assert.equal(lede.media.renditions.generated - before, 1, 'generated once');
    await fetchBytes(url);
    assert.equal(lede.media.renditions.generated - before, 1, 'and then served from the cache');
  });

  it('stores identical uploads once', async () => {
    const photo = await testPhoto(300, 300);
    const first = await upload(lede, photo, { apiKey: editor });
    const second = await upload(lede, photo, { apiKey: editor });
    assert.notEqual(first.image?.id, second.image?.id, 'two images');
    assert.equal(first.image?.originalUrl, second.image?.originalUrl, 'one stored file');
  });
});
