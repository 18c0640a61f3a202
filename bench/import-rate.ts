// Measures how fast `npm run import` takes article files into a fresh embedded database (or the
// PostgreSQL server named by DATABASE_URL). Usage: npm run bench:import -- [count, default 10000]
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArticle } from '../src/content/article-format.ts';
import { SAMPLE_CONTENT_DIR } from '../src/content/sample-content.ts';
import { projectRoot } from '../src/db/schema-engine.ts';

const count = Number(process.argv[2] ?? 10_000);
const work = await mkdtemp(path.join(tmpdir(), 'lede-import-rate-'));
const files = path.join(work, 'articles');
const dataDir = path.join(work, 'data');

// Deterministic variations of the sample articles: distinct headlines, dates and paragraph order.
const samples = await Promise.all(
  (await readdir(SAMPLE_CONTENT_DIR))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map(async (name) => parseArticle(await readFile(path.join(SAMPLE_CONTENT_DIR, name), 'utf8'))),
);
await import('node:fs/promises').then((fs) => fs.mkdir(files, { recursive: true }));
for (let i = 0; i < count; i++) {
  const sample = samples[i % samples.length] as (typeof samples)[number];
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const paragraphs = i % 2 ? [...sample.paragraphs].reverse() : sample.paragraphs;
  const text = [
    `Published Date: ${day}.${month}.2025 ${8 + (i % 12)}:${String(i % 60).padStart(2, '0')} / ${sample.sectionPath.join(' / ')}`,
    '',
    `${sample.headline} (${i + 1})`,
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph, '']),
  ].join('\n');
  await writeFile(path.join(files, `article-${String(i).padStart(6, '0')}.txt`), text);
}

const started = performance.now();
const output = execFileSync(
  process.execPath,
  ['--import', 'tsx', path.join(projectRoot, 'scripts/import.ts'), '--json', files],
  {
    env: { ...process.env, LEDE_DATA_DIR: dataDir },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const seconds = (performance.now() - started) / 1000;
const { summary } = JSON.parse(output.toString()) as { summary: Record<string, number> };
console.log(
  `${count} files in ${seconds.toFixed(1)} s including start-up: ${(count / seconds).toFixed(1)} files/s ` +
    `(created ${summary.created}, failed ${summary.failed}) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
);
await rm(work, { recursive: true, force: true });
