import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root: README.md and docs/ are read from here. */
export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** README.md and every page of docs/, as paths relative to the repository root. */
export function documentationFiles(): string[] {
  return ['README.md', ...docsPages()];
}

/** The pages of docs/, such as `docs/api.md`, sorted. */
export function docsPages(): string[] {
  return readdirSync(path.join(repositoryRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
}

/** A documentation file's text, by its path relative to the repository root (`docs/api.md`). */
export function readDoc(relativePath: string): string {
  return readFileSync(path.join(repositoryRoot, relativePath), 'utf8');
}

/** The markdown with every fenced code block blanked out, line for line, so `#` comments are not headings. */
export function withoutCodeBlocks(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/**
 * The part of a page under `heading` (a whole line, such as `## Using the API`), up to the next
 * heading of the same or a higher level; its subsections are included.
 */
export function markdownSection(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const lines = markdown.split('\n');
  const headings = withoutCodeBlocks(markdown).split('\n');
  const start = headings.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const next = headings.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && (/^#+/.exec(line)?.[0].length ?? 0) <= level,
  );
  return lines.slice(start, next < 0 ? undefined : next).join('\n');
}

/** The text of every ```graphql block, in order. */
export function graphqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** The name of the first operation in a GraphQL document, or '' when it has none. */
export function operationName(document: string): string {
  return /^(?:query|mutation|subscription) (\w+)/m.exec(document)?.[1] ?? '';
}

/** The anchors GitHub gives a page's headings (github-slugger's rules; repeats get -1, -2 …). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, text] of withoutCodeBlocks(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (text as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let anchor = slug;
    for (let repeat = 1; anchors.has(anchor); repeat++) anchor = `${slug}-${repeat}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Targets of the markdown links on a page that point inside the repository (no scheme), outside code. */
export function relativeLinks(markdown: string): string[] {
  const prose = withoutCodeBlocks(markdown).replace(/`[^`]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/** The examples under "Using the API" in docs/api.md, in order; tests/docs-api-examples.test.ts runs each. */
export const API_EXAMPLES = [
  'FirstPage',
  'ListsOfArticles',
  'Filtered',
  'TooBigAPage',
  'NotAnId',
  'ArticlePage',
  'SyncChanges',
  'SyncRemovals',
  'LiveWorld',
];

/** The operations docs/most-read.md and docs/corrections.md show; tests/docs-reader-examples.test.ts runs each. */
export const MOST_READ_EXAMPLES = ['Read', 'FrontPageMostRead'];
export const CORRECTION_EXAMPLES = ['AddCorrection'];

/** The mutations docs/editing.md shows, in order; tests/docs-editing-examples.test.ts runs each. */
export const EDITING_EXAMPLES = ['NewDraft', 'Retitle'];
