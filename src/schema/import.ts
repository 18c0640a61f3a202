import { z } from 'zod';
import { builder } from '../builder.ts';
import { isTimeZone } from '../content/article-format.ts';
import { ArticleImporter, type ImportOutcome, MAX_FILE_BYTES } from '../content/importer.ts';
import { decodeGlobalId } from './global-id.ts';
import { inputOrLooseArguments, USE_INPUT } from './input-forms.ts';

export const MAX_FILES_PER_IMPORT = 100;

const ImportOutcomeEnum = builder.enumType('ImportOutcome', {
  description: 'What an import did with one file.',
  values: {
    CREATED: { description: 'A new article was created from the file.' },
    UPDATED: { description: 'The file changed since its last import; its article was updated in place.' },
    UNCHANGED: { description: 'The file was imported before and has not changed; nothing was written.' },
    FAILED: { description: 'The file could not be imported; `line` and `reason` say why. Nothing was written.' },
  } as const,
});

const ImportStatusEnum = builder.enumType('ImportStatus', {
  description: 'The status imported articles get.',
  values: {
    DRAFT: { description: 'Imported articles wait in preview until an editor publishes them.' },
    PUBLISHED: { description: 'Imported articles go public at the time in their header.' },
  } as const,
});

const ImportFileResult = builder.objectRef<ImportOutcome>('ImportFileResult').implement({
  description: 'The result of importing one file.',
  fields: (t) => ({
    file: t.exposeString('file', { description: 'The file name as sent.' }),
    outcome: t.field({
      type: ImportOutcomeEnum,
      description: 'What happened to the file.',
      resolve: (result) => result.outcome.toUpperCase() as 'CREATED',
    }),
    slug: t.string({
      nullable: true,
      description: "The article's slug; null when the file failed.",
      resolve: (result) => (result.outcome === 'failed' ? null : result.slug),
    }),
    line: t.int({
      nullable: true,
      description: 'For a failed file, the line the problem is on, when it has one.',
      resolve: (result) => (result.outcome === 'failed' ? result.line : null),
    }),
    reason: t.string({
      nullable: true,
      description: 'For a failed file, what was expected.',
      resolve: (result) => (result.outcome === 'failed' ? result.reason : null),
    }),
    newEntities: t.stringList({
      description: 'Names of people and organizations the linker did not know, now created as unreviewed.',
      resolve: (result) => (result.outcome === 'failed' ? [] : result.newEntities),
    }),
  }),
});

const ImportFileInput = builder.inputType('ImportFileInput', {
  description: 'One article file in the plain-text article format.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: "The file's name; it identifies the article across imports, so keep it stable.",
      validate: z.string().min(1).max(255),
    }),
    content: t.string({
      required: true,
      description: `The file's text (UTF-8), at most ${MAX_FILE_BYTES} bytes.`,
      validate: z.string().max(MAX_FILE_BYTES),
    }),
    leadImage: t.id({
      description:
        'An uploaded image (`uploadImage`) to make the lead image: `npm run import` sends the picture beside the file.',
    }),
  }),
});

const timeZoneText = z.string().refine(isTimeZone, 'is not an IANA time zone');
const filesList = z.array(z.unknown()).max(MAX_FILES_PER_IMPORT);

const ImportArticlesInput = builder.inputType('ImportArticlesInput', {
  description: 'Article files to import, and how.',
  fields: (t) => ({
    files: t.field({
      type: [ImportFileInput],
      required: true,
      description: `The files, at most ${MAX_FILES_PER_IMPORT}.`,
      validate: filesList,
    }),
    timeZone: t.string({
      defaultValue: 'UTC',
      required: true,
      description: 'IANA time zone of the newsroom times in the headers, such as `Europe/London`. Default UTC.',
      validate: timeZoneText,
    }),
    status: t.field({
      type: ImportStatusEnum,
      defaultValue: 'PUBLISHED',
      required: true,
      description: 'Status of imported articles. Default PUBLISHED.',
    }),
    dryRun: t.boolean({
      defaultValue: false,
      required: true,
      description: 'Parse, link and report what would happen, writing nothing.',
    }),
  }),
});

builder.mutationField('importArticles', (t) =>
  t.field({
    type: [ImportFileResult],
    description: `Imports up to ${MAX_FILES_PER_IMPORT} article files, each in its own transaction; one failed file does not stop the others. \`npm run import\` uses this when a gateway is running on the embedded database. Editors and admins only.`,
    authScopes: { editor: true },
    args: {
      input: t.arg({ type: ImportArticlesInput, description: 'The files, and how to import them.' }),
      files: t.arg({
        type: [ImportFileInput],
        description: `The files, at most ${MAX_FILES_PER_IMPORT}.`,
        validate: filesList.nullish(),
        deprecationReason: USE_INPUT,
      }),
      timeZone: t.arg.string({
        defaultValue: 'UTC',
        required: true,
        description: 'IANA time zone of the newsroom times in the headers, such as `Europe/London`. Default UTC.',
        validate: timeZoneText,
        deprecationReason: USE_INPUT,
      }),
      status: t.arg({
        type: ImportStatusEnum,
        defaultValue: 'PUBLISHED',
        required: true,
        description: 'Status of imported articles. Default PUBLISHED.',
        deprecationReason: USE_INPUT,
      }),
      dryRun: t.arg.boolean({
        defaultValue: false,
        required: true,
        description: 'Parse, link and report what would happen, writing nothing.',
        deprecationReason: USE_INPUT,
      }),
    },
    resolve: async (_root, args, context) => {
      const input = inputOrLooseArguments(
        'importArticles',
        args.input,
        args.files == null
          ? undefined
          : { files: args.files, timeZone: args.timeZone, status: args.status, dryRun: args.dryRun },
      );
      const importer = new ArticleImporter(context, {
        timeZone: input.timeZone,
        status: input.status,
        dryRun: input.dryRun,
        onChange: context.articleEvents?.publish,
      });
      const results: ImportOutcome[] = [];
      for (const file of input.files) {
        const leadImage =
          file.leadImage == null ? undefined : decodeGlobalId('leadImage', String(file.leadImage), ['Image']).id;
        results.push(await importer.importFile(file.name, file.content, leadImage));
      }
      // A file may have filed its article in a section it created.
      context.sectionTrees.forget();
      return results;
    },
  }),
);
