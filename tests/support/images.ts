import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { GraphQLResponse, TestGateway } from './gateway.ts';

/** A photo-like test picture: a gradient with a bright disc, so crops and scaling are visible. */
export async function testPhoto(
  width: number,
  height: number,
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' = 'jpeg',
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#135"/><stop offset="1" stop-color="#fa3"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 3}" r="${Math.min(width, height) / 6}" fill="#fff"/>
  </svg>`;
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer();
}

/** A JPEG whose EXIF names the camera and where it was: what a source's phone writes. */
export function photoWithGps(width: number, height: number): Promise<Buffer> {
  return testPhoto(width, height).then((bytes) =>
    sharp(bytes)
      .jpeg()
      .withExif({
        IFD0: { Make: 'SourceCam', Model: 'Witness 9' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 1234/100',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 3900/100',
        },
      })
      .toBuffer(),
  );
}

/**
 * A PNG of 370 bytes that declares 30,000 × 30,000 pixels (900 megapixels): a decompression bomb.
 * Built by hand, because no encoder would make such a picture cheaply.
 */
export function pixelBomb(side = 30_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc((side + 1) * 10))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const UPLOAD = `mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) {
    __typename
    ... on Error { message }
    ... on ValidationError { problems { field message } }
    ... on UploadImageSuccess { image { id width height format byteSize alt placeholder originalUrl url(width: 320) } }
  }
}`;

/** Sends an upload as a GraphQL multipart request, as a browser or curl would. */
export function uploadRequest(
  lede: TestGateway,
  bytes: Buffer,
  options: {
    filename?: string;
    type?: string;
    apiKey?: string;
    variables?: Record<string, unknown>;
    csrfHeader?: boolean;
  } = {},
): Promise<Response> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: UPLOAD, variables: { input: { file: null, ...options.variables } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set(
    '0',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }),
    options.filename ?? 'photo.jpg',
  );
  return Promise.resolve(
    lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: {
        ...(options.csrfHeader === false ? {} : { 'x-graphql-yoga-csrf': '1' }),
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: form,
    }),
  );
}

export type UploadResult = {
  __typename: string;
  message?: string;
  problems?: { field: string; message: string }[];
  image?: {
    id: string;
    width: number;
    height: number;
    format: string;
    byteSize: number;
    alt: string | null;
    placeholder: string;
    originalUrl: string;
    url: string;
  };
};

export async function upload(
  lede: TestGateway,
  bytes: Buffer,
  options: Parameters<typeof uploadRequest>[2] = {},
): Promise<UploadResult> {
  const response = await uploadRequest(lede, bytes, options);
  const body = (await response.json()) as GraphQLResponse<{ uploadImage: UploadResult }>;
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data?.uploadImage as UploadResult;
}

/** GET a path from the gateway, in process. */
export function getPath(lede: TestGateway, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(lede.yoga.fetch(`http://lede.test${path}`, { headers }));
}

/**
 * The start of a multipart upload (GraphQL multipart request spec) up to the file's bytes: the
 * operation, the map, and the file part's headers. The caller sends the bytes and the closing boundary.
 */
export function multipartUploadHead(boundary: string): Uint8Array {
  return new TextEncoder().encode(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="operations"',
      '',
      JSON.stringify({ query: UPLOAD, variables: { input: { file: null } } }),
      `--${boundary}`,
      'Content-Disposition: form-data; name="map"',
      '',
      JSON.stringify({ 0: ['variables.input.file'] }),
      `--${boundary}`,
      'Content-Disposition: form-data; name="0"; filename="big.jpg"',
      'Content-Type: image/jpeg',
      '',
      '',
    ].join('\r\n'),
  );
}
