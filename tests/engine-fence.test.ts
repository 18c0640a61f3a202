import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';
import * as readEntry from '../src/engine/json-find-many.ts';
import * as pluginEntry from '../src/engine/use-direct-execution.ts';

// The engine (src/engine/) has two entries: the execution plugin and the JSON statement reader.
// Everything else in it is private, so it can change without a change anywhere else. Tests of the
// engine's own parts (tests/) may reach inside; code elsewhere may not.

const root = fileURLToPath(new URL('..', import.meta.url));
const engine = path.join(root, 'src', 'engine');
const ENTRIES = ['use-direct-execution.ts', 'json-find-many.ts'].map((file) => path.join(engine, file));
const CHECKED_FOLDERS = ['src', 'scripts', 'bench', 'examples'];

function sourceFiles(folder: string): string[] {
  const absolute = path.join(root, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((file) => /\.(ts|tsx|mts|js|mjs)$/.test(file) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(absolute, file));
}

/** Every module `file` imports or re-exports, statically or dynamically, resolved to a path when relative. */
function importsOf(file: string, source = readFileSync(file, 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name));
}

const inEngine = (file: string) => file.startsWith(`${engine}${path.sep}`) || file === engine;

test('nothing outside src/engine/ imports the engine but through its two entries', () => {
  const trespasses: string[] = [];
  let checked = 0;
  for (const folder of CHECKED_FOLDERS) {
    for (const file of sourceFiles(folder)) {
      if (inEngine(file)) continue;
      checked++;
      for (const target of importsOf(file)) {
        if (inEngine(target) && !ENTRIES.includes(target)) {
          trespasses.push(`${path.relative(root, file)} imports ${path.relative(root, target)}`);
        }
      }
    }
  }
  expect(checked > 100, `only ${checked} files were read: the check would prove little`).toBeTruthy();
  expect(
    trespasses,
    'use the plugin (src/engine/use-direct-execution.ts) or the reader (src/engine/json-find-many.ts); ' +
      'what else you need belongs behind one of them',
  ).toStrictEqual([]);
});

test('the check sees a trespass, through import, re-export and dynamic import alike', () => {
  const probe = path.join(root, 'src', 'articles', 'probe.ts');
  const source = [
    "import { compileFindMany } from '../engine/json-statement.ts';",
    "export { DirectPlans } from '../engine/direct-execution.ts';",
    "const later = () => import('../engine/statement-cache.ts');",
    "import { jsonFindMany } from '../engine/json-find-many.ts';",
  ].join('\n');
  const targets = importsOf(probe, source);
  expect(targets.length).toBe(4);
  expect(targets.filter((target) => inEngine(target) && !ENTRIES.includes(target)).length).toBe(3);
});

test("the entries' public surface is the plugins and the reader", () => {
  expect(
    Object.keys(pluginEntry).sort(),
    "LoadedColumnsPlugin is the builder's half: a field that selects only columns is answered from a row that " +
      "carries them, under graphql-js as under direct execution; withWrittenResponses is the resolvers' half of " +
      'responses PostgreSQL writes (their rows ask for them), and childPlanOf gives it the plan of a field a ' +
      'parent plans itself',
  ).toStrictEqual(['LoadedColumnsPlugin', 'childPlanOf', 'useDirectExecution', 'withWrittenResponses']);
  expect(
    Object.keys(readEntry).sort(),
    'jsonFindFirst is jsonFindMany of one row; jsonFindManyFrom reads the rows a statement of the caller chooses; ' +
      'fixedArguments freezes arguments a caller sends again and again, so their shape is read once; ' +
      "jsonFindFirstWithList reads a row and a list of another model in one statement, the list's where naming " +
      "the row's id as ENCLOSING_ID",
  ).toStrictEqual([
    'ENCLOSING_ID',
    'fixedArguments',
    'jsonFindFirst',
    'jsonFindFirstWithList',
    'jsonFindMany',
    'jsonFindManyFrom',
  ]);
});
