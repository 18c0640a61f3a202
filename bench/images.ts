// Measures image rendition throughput over HTTP: first-time renditions (made with sharp, then
// stored) and cached ones (read from the media folder), per format.
// Usage: npm run bench:images -- [photos, default 4] [cached requests, default 2000]
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import sharp from 'sharp';
import { startGateway } from '../src/app.ts';
import { configWith } from '../src/config.ts';
import { createLedeServer } from '../src/http/node-server.ts';
import { uploadImage } from '../src/media/image-editor.ts';
import { imageUrl } from '../src/media/image-urls.ts';
import { defaultMediaConfig } from '../src/media/media.ts';
import type { RenditionFormat } from '../src/media/renditions.ts';

const photos = Number(process.argv[2] ?? 4);
const cachedRequests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 8;
const WIDTHS = [320, 640, 1024, 1600];
const FORMATS: RenditionFormat[] = ['jpeg', 'webp', 'avif'];

const gateway = await startGateway(
  configWith({ loadSampleContent: false, production: true, media: defaultMediaConfig() }),
);
const server = createLedeServer(gateway.yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Photo-like originals of 3000 × 2000 pixels (6 megapixels), each a little different.
const images = [];
for (let i = 0; i < photos; i++) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#1${i}5"/><stop offset="1" stop-color="#fa${i}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${900 + i * 100}" cy="700" r="400" fill="#fff"/>
  </svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
  images.push(await uploadImage(gateway.database, gateway.media, bytes, { alt: `Photo ${i}` }));
}

/** Fetches every URL with CONCURRENCY requests in flight; returns requests per second. */
async function run(urls: string[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++] as string;
        const response = await fetch(base + url);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      }
    }),
  );
  return urls.length / ((performance.now() - started) / 1000);
}

const results: Record<string, { firstTime: number; cached: number; renditions: number }> = {};
for (const format of FORMATS) {
  const urls = images.flatMap((image) => WIDTHS.map((width) => imageUrl(image, width, format)));
  const generatedBefore = gateway.media.renditions.generated;
  const firstTime = await run(urls);
  const renditions = gateway.media.renditions.generated - generatedBefore;
  const repeated = Array.from({ length: cachedRequests }, (_, i) => urls[i % urls.length] as string);
  const cached = await run(repeated);
  results[format] = { firstTime: Number(firstTime.toFixed(1)), cached: Number(cached.toFixed(0)), renditions };
}

console.log(
  `Image renditions over HTTP, ${photos} originals of 3000×2000, widths ${WIDTHS.join('/')}, ${CONCURRENCY} requests in flight, ${os.cpus().length} CPUs:`,
);
for (const [format, result] of Object.entries(results)) {
  console.log(
    `  ${format.padEnd(5)} first time ${String(result.firstTime).padStart(6)} requests/s (${result.renditions} made)   cached ${String(result.cached).padStart(6)} requests/s`,
  );
}
server.close();
await gateway.database.close();
await gateway.media.close();
process.exit(0);
