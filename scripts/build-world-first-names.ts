// Writes src/content/linker/world-first-names.json: given names of many languages, used only as
// evidence that two to four capitalised words are a person's name ("Aureliano Carbonell said").
//
// The names come from the locale data of @faker-js/faker (MIT), fetched with `npm pack` so the file
// can be rebuilt on any machine that reaches the npm registry:
//
//   npx tsx scripts/build-world-first-names.ts
//
// Left out: names in non-Latin scripts; names compromise's lexicon knows as English words ("Grace",
// "Summer") or as given names already; towns, regions and countries (world-places.json); every name
// of the Vietnamese locale, whose syllables open as many companies and places as people (Vietnamese
// names are recognised by their family name instead); and a few names that open organisations' and
// places' names in the development sets far more often than people's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEnglishWord, isLexiconFirstName } from '../src/content/linker/compromise-tags.ts';
import handPicked from '../src/content/linker/first-names.json' with { type: 'json' };
import { normalizeKey } from '../src/content/linker/tokens.ts';
import worldPlaces from '../src/content/linker/world-places.json' with { type: 'json' };

const FAKER_PACKAGE = '@faker-js/faker@10.6.0';
const LEFT_OUT_LOCALES = new Set(['vi']);
const NOT_NAMES_HERE = new Set([
  'Ege',
  'Kora',
  'Talat',
  'Haki',
  'Deen',
  'Garuda',
  'Mare',
  'Indra',
  'Garda',
  'Adria',
  'Nuri',
]);
const OUTPUT = new URL('../src/content/linker/world-first-names.json', import.meta.url);

type FirstNames = { generic?: unknown[]; male?: unknown[]; female?: unknown[] };
type Locale = { person?: { first_name?: FirstNames } };

const directory = mkdtempSync(join(tmpdir(), 'lede-first-names-'));
const tarball = execFileSync('npm', ['pack', FAKER_PACKAGE, '--silent'], { cwd: directory, encoding: 'utf8' }).trim();
execFileSync('tar', ['xzf', tarball], { cwd: directory });
const faker = (await import(pathToFileURL(join(directory, 'package/dist/index.js')).href)) as {
  allLocales: Record<string, Locale>;
};

const localesOf = new Map<string, Set<string>>();
for (const [code, locale] of Object.entries(faker.allLocales)) {
  const lists = locale.person?.first_name;
  if (!lists) continue;
  for (const entry of [...(lists.generic ?? []), ...(lists.male ?? []), ...(lists.female ?? [])]) {
    if (typeof entry !== 'string') continue;
    for (const part of entry.split(/\s+/u)) {
      if (!/^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(part) || !/^[\p{Script=Latin}\p{M}'’-]+$/u.test(part)) continue;
      localesOf.set(part, (localesOf.get(part) ?? new Set()).add(code));
    }
  }
}
if (localesOf.size < 10_000) throw new Error('the faker package looks incomplete');

const places = new Set(worldPlaces.names);
const handPickedKeys = new Set(handPicked.names.map(normalizeKey));
const names = [...localesOf]
  .filter(([name, locales]) => {
    const key = normalizeKey(name);
    if ([...locales].some((locale) => LEFT_OUT_LOCALES.has(locale)) || NOT_NAMES_HERE.has(name)) return false;
    return !handPickedKeys.has(key) && !isLexiconFirstName(key) && !isEnglishWord(key) && !places.has(key);
  })
  .map(([name]) => name)
  .sort();

const file = {
  about:
    'Given names of many languages, used only as evidence that two to four capitalised words are a person. Built by scripts/build-world-first-names.ts.',
  source: `the locale data of ${FAKER_PACKAGE} (https://github.com/faker-js/faker)`,
  licence: 'MIT; Copyright (c) 2022-2025 Faker (https://github.com/faker-js/faker/blob/next/LICENSE)',
  names,
};
writeFileSync(OUTPUT, `${JSON.stringify(file, null, 0)}\n`);
console.log(`${names.length} names written to ${OUTPUT.pathname}`);
