// Imports article files: npm run import -- [options] <files or folders…>
// Options: --timezone <IANA zone> (default UTC), --status draft|published (default published),
// --dry-run (report, write nothing), --json (machine-readable report on stdout).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createResponseCache } from '../src/cache/response-cache.ts';
import { ConfigError, parseConfig } from '../src/config.ts';
import { isTimeZone, parseArticle } from '../src/content/article-format.ts';
import { ArticleImporter, type ImportOutcome } from '../src/content/importer.ts';
import { readLeadImage } from '../src/content/lead-image-file.ts';
import { openDatabase } from '../src/db/client.ts';
import { runningGateway } from '../src/db/gateway-lock.ts';
import { openMedia } from '../src/media/media.ts';
import { schema } from '../src/schema/index.ts';
import { createLogger } from '../src/shared/logger.ts';

const usage =
  'Usage: npm run import -- [--timezone <zone>] [--status draft|published] [--dry-run] [--json] <files or folders…>';

type Options = { timeZone: string; status: 'DRAFT' | 'PUBLISHED'; dryRun: boolean };

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      timezone: { type: 'string', default: 'UTC' },
      status: { type: 'string', default: 'published' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  if (!isTimeZone(values.timezone)) throw new UsageError(`--timezone: "${values.timezone}" is not an IANA time zone`);
  if (values.status !== 'draft' && values.status !== 'published') {
    throw new UsageError('--status must be draft or published');
  }
  const options: Options = {
    timeZone: values.timezone,
    status: values.status === 'draft' ? 'DRAFT' : 'PUBLISHED',
    dryRun: values['dry-run'],
  };
  const files = (await Promise.all(positionals.map(findArticleFiles))).flat();
  if (files.length === 0) throw new UsageError('no .txt article files found in the paths given');

  const config = parseConfig();
  const gateway = config.databaseUrl ? null : await runningGateway(config.dataDir);
  const progress = new Progress(files.length, values.json);
  const started = performance.now();
  const results: ImportOutcome[] = [];

  if (gateway) {
    progress.note(`Writing through the gateway running at ${gateway.url}`);
    // Each request stays under the gateway's body limit (LEDE_MAX_BODY_BYTES, same environment).
    const budget = config.limits.maxBodyBytes - REQUEST_OVERHEAD_BYTES;
    let names: string[] = [];
    let contents: string[] = [];
    let leadImages: (string | undefined)[] = [];
    let bytes = 0;
    const send = async () => {
      if (names.length === 0) return;
      for (const outcome of await postBatch(gateway.url, gateway.token, options, names, contents, leadImages)) {
        results.push(outcome);
        progress.tick(outcome);
      }
      names = [];
      contents = [];
      leadImages = [];
      bytes = 0;
    };
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      const size = Buffer.byteLength(JSON.stringify({ name: path.basename(file), content })) + 1;
      if (size > budget) {
        await send(); // keeps the report in the order of the files
        const outcome: ImportOutcome = {
          file,
          outcome: 'failed',
          line: null,
          reason: `too large to send through the gateway (LEDE_MAX_BODY_BYTES is ${config.limits.maxBodyBytes} bytes); stop the gateway to import it directly`,
        };
        results.push(outcome);
        progress.tick(outcome);
        continue;
      }
      if (names.length === FILES_PER_REQUEST || bytes + size > budget) await send();
      let leadImage: string | undefined;
      try {
        leadImage = options.dryRun ? undefined : await uploadLeadImage(gateway.url, gateway.token, file, content);
      } catch (error) {
        const outcome: ImportOutcome = { file, outcome: 'failed', line: null, reason: (error as Error).message };
        results.push(outcome);
        progress.tick(outcome);
        continue;
      }
      names.push(file);
      contents.push(content);
      leadImages.push(leadImage);
      bytes += size;
    }
    await send();
  } else {
    const database = await openDatabase(config);
    const media = await openMedia(config.media, database.prisma);
    progress.note(`Writing to ${database.description}`);
    try {
      const importer = new ArticleImporter(database, options);
      for (const file of files) {
        const picture = options.dryRun ? undefined : await readLeadImage(file);
        const outcome = await importer.importFile(path.basename(file), await readFile(file), picture, media);
        results.push({ ...outcome, file });
        progress.tick(outcome);
      }
      const changed = results.some((result) => result.outcome === 'created' || result.outcome === 'updated');
      if (changed && !options.dryRun && config.responseCache?.redisUrl) {
        // Gateways sharing this Redis would otherwise serve their cached pages until the TTL ends.
        const cache = createResponseCache(config.responseCache, {
          schema,
          prisma: database.prisma,
          logger: createLogger({ format: 'pretty', level: 'warn' }),
        });
        await cache.purgeAll();
        await cache.close();
        progress.note('Purged the response cache shared through REDIS_URL');
      }
    } finally {
      await database.close();
      await media.close();
    }
  }
  progress.done();

  const seconds = (performance.now() - started) / 1000;
  const summary = {
    created: results.filter((r) => r.outcome === 'created').length,
    updated: results.filter((r) => r.outcome === 'updated').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    seconds: Number(seconds.toFixed(2)),
    filesPerSecond: Number((results.length / seconds).toFixed(1)),
    dryRun: options.dryRun,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ summary, files: results }, null, 2)}\n`);
  } else {
    const verb = options.dryRun ? 'would be ' : '';
    console.log(
      `${results.length} files in ${summary.seconds} s (${summary.filesPerSecond} files/s): ` +
        `${summary.created} ${verb}created, ${summary.updated} ${verb}updated, ${summary.unchanged} unchanged, ${summary.failed} failed.`,
    );
    for (const result of results) {
      if (result.outcome === 'failed') {
        console.log(`  FAILED ${result.file}${result.line ? `:${result.line}` : ''}: ${result.reason}`);
      }
    }
  }
  return summary.failed > 0 ? 1 : 0;
}

async function findArticleFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => {
    throw new UsageError(`${target}: no such file or folder`);
  });
  if (info.isFile()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.txt'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const FILES_PER_REQUEST = 50;
/** Room in each request for the mutation and its other variables. */
const REQUEST_OVERHEAD_BYTES = 4096;

const IMPORT_MUTATION = `mutation Import($input: ImportArticlesInput!) {
  importArticles(input: $input) {
    file outcome slug line reason newEntities
  }
}`;

const UPLOAD_MUTATION = `mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) { __typename ... on Error { message } ... on UploadImageSuccess { image { id } } }
}`;

/**
 * Uploads the picture beside an article file (story.txt + story.jpg) to the gateway, with the
 * headline as its alt text (the article format has no place for one; editors refine it with
 * updateImage). Returns its ID, or undefined when there is no picture.
 */
async function uploadLeadImage(url: string, token: string, file: string, content: string) {
  const picture = await readLeadImage(file);
  if (!picture) return undefined;
  let alt: string | undefined;
  try {
    alt = parseArticle(content).headline;
  } catch {
    return undefined; // the import reports the broken file
  }
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: UPLOAD_MUTATION, variables: { input: { file: null, alt } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new Blob([new Uint8Array(picture)]), path.basename(file));
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': 'import' },
    body: form,
  });
  const body = (await response.json()) as {
    data?: { uploadImage: { __typename: string; message?: string; image?: { id: string } } };
    errors?: { message: string }[];
  };
  const result = body.data?.uploadImage;
  if (result?.image) return result.image.id;
  throw new Error(`the picture beside it: ${result?.message ?? body.errors?.map((e) => e.message).join('; ')}`);
}

async function postBatch(
  url: string,
  token: string,
  options: Options,
  names: string[],
  contents: string[],
  leadImages: (string | undefined)[],
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: IMPORT_MUTATION,
      variables: {
        input: {
          files: names.map((name, i) => ({
            name: path.basename(name),
            content: contents[i],
            leadImage: leadImages[i],
          })),
          timeZone: options.timeZone,
          status: options.status,
          dryRun: options.dryRun,
        },
      },
    }),
  });
  const body = (await response.json()) as {
    data?: { importArticles: (Omit<ImportOutcome, 'outcome'> & { outcome: string })[] };
    errors?: { message: string }[];
  };
  if (!body.data) throw new Error(`the gateway refused the import: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data.importArticles.map(
    (result, i) => ({ ...result, file: names[i], outcome: result.outcome.toLowerCase() }) as ImportOutcome,
  );
}

/** A bar on a terminal; a plain line every 100 files otherwise (logs, CI). */
class Progress {
  private count = 0;
  private failed = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly quiet: boolean,
  ) {}

  note(message: string) {
    if (!this.quiet) console.error(message);
  }

  tick(outcome: ImportOutcome) {
    this.count++;
    if (outcome.outcome === 'failed') this.failed++;
    if (this.quiet) return;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((this.count / this.total) * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} files, ${this.failed} failed`,
      );
    } else if (this.count % 100 === 0 || this.count === this.total) {
      console.error(`${this.count}/${this.total} files, ${this.failed} failed`);
    }
  }

  done() {
    if (this.tty && !this.quiet) process.stderr.write('\n');
  }
}

class UsageError extends Error {}

main().then(
  // Exit once stdout has drained: a large --json report into a pipe would otherwise be cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`${error.message}\n${usage}`);
      process.exit(2);
    }
    console.error('Import stopped:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
