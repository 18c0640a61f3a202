import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const RESULT = `
  __typename
  ... on Error { message }
  ... on ValidationError { problems { field message } }
  ... on NotFoundError { field }`;

const PERSON = 'id slug name aliases description reviewed';
const ORGANIZATION = 'id slug name aliases kind country reviewed parent { slug } children { slug }';
const SECTION = 'id slug name position urlPath parent { slug }';
const AFFILIATION = 'id role since until person { slug } organization { slug }';

const mutation = (name: string, input: string, payload: string) => `mutation ($input: ${input}!) {
  ${name}(input: $input) { ${RESULT} ... on ${name[0]?.toUpperCase()}${name.slice(1)}Success { ${payload} } }
}`;

const CREATE_PERSON = mutation('createPerson', 'CreatePersonInput', `person { ${PERSON} }`);
const UPDATE_PERSON = mutation('updatePerson', 'UpdatePersonInput', `person { ${PERSON} }`);
const MERGE_PEOPLE = mutation('mergePeople', 'MergePeopleInput', `person { ${PERSON} mentionCount }`);
const DELETE_PERSON = mutation('deletePerson', 'DeletePersonInput', 'deletedId');
const CREATE_ORGANIZATION = mutation(
  'createOrganization',
  'CreateOrganizationInput',
  `organization { ${ORGANIZATION} }`,
);
const UPDATE_ORGANIZATION = mutation(
  'updateOrganization',
  'UpdateOrganizationInput',
  `organization { ${ORGANIZATION} }`,
);
const MERGE_ORGANIZATIONS = mutation(
  'mergeOrganizations',
  'MergeOrganizationsInput',
  `organization { ${ORGANIZATION} }`,
);
const DELETE_ORGANIZATION = mutation('deleteOrganization', 'DeleteOrganizationInput', 'deletedId');
const CREATE_SECTION = mutation('createSection', 'CreateSectionInput', `section { ${SECTION} }`);
const UPDATE_SECTION = mutation('updateSection', 'UpdateSectionInput', `section { ${SECTION} }`);
const DELETE_SECTION = mutation('deleteSection', 'DeleteSectionInput', 'deletedId');
const CREATE_AFFILIATION = mutation('createAffiliation', 'CreateAffiliationInput', `affiliation { ${AFFILIATION} }`);
const UPDATE_AFFILIATION = mutation('updateAffiliation', 'UpdateAffiliationInput', `affiliation { ${AFFILIATION} }`);
const DELETE_AFFILIATION = mutation('deleteAffiliation', 'DeleteAffiliationInput', 'deletedId');

const globalId = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');
const rowId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

type Span = { paragraph: number; start: number; end: number; text: string };
const span = (paragraph: number, text: string): Span => ({ paragraph, start: 0, end: text.length, text });

/** Everything stored about the given people, to compare before and after a merge. */
async function personLinks(prisma: PrismaClient, ids: number[]) {
  const where = { personId: { in: ids } };
  const [bylines, mentions, affiliations] = await Promise.all([
    prisma.byline.findMany({ where }),
    prisma.personMention.findMany({ where }),
    prisma.affiliation.findMany({ where }),
  ]);
  return { bylines, mentions, affiliations };
}

async function organizationLinks(prisma: PrismaClient, ids: number[]) {
  const where = { organizationId: { in: ids } };
  const [mentions, affiliations, children] = await Promise.all([
    prisma.organizationMention.findMany({ where }),
    prisma.affiliation.findMany({ where }),
    prisma.organization.findMany({ where: { parentId: { in: ids } } }),
  ]);
  return { mentions, affiliations, children };
}

const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
const affiliationKey = (a: { organizationId: number; role: string; since: Date | null; until: Date | null }) =>
  `${a.organizationId}|${a.role}|${a.since?.toISOString()}|${a.until?.toISOString()}`;

describe(`editing people, organizations, sections and affiliations (${databaseKind})`, () => {
  let lede: TestGateway;
  let prisma: PrismaClient;
  let editor: string;
  let admin: string;
  let reader: string;
  let articleIds: number[];
  after(async () => {
    assert.deepEqual(lede?.unexpectedErrors, [], 'no mutation failed with an unexpected error');
    await lede?.close();
  });
  before(async () => {
    lede = await startTestGateway();
    prisma = lede.database.prisma;
    [editor, admin, reader] = await Promise.all([lede.apiKey('EDITOR'), lede.apiKey('ADMIN'), lede.apiKey('READER')]);
    articleIds = (await prisma.article.findMany({ orderBy: { id: 'asc' }, take: 4, select: { id: true } })).map(
      (article) => article.id,
    );
  });

  const run = async (query: string, input: Record<string, unknown>, apiKey = editor) => {
    const data = await lede.data(query, { input }, { apiKey });
    return Object.values(data)[0];
  };
  const createPerson = async (input: Record<string, unknown>) => (await run(CREATE_PERSON, input)).person;
  const createOrganization = async (input: Record<string, unknown>) =>
    (await run(CREATE_ORGANIZATION, { kind: 'OTHER', ...input })).organization;
  const idOf = async (model: 'person' | 'organization' | 'section', slug: string) => {
    const where = { where: { slug } };
    const row =
      model === 'person'
        ? await prisma.person.findUniqueOrThrow(where)
        : model === 'organization'
          ? await prisma.organization.findUniqueOrThrow(where)
          : await prisma.section.findUniqueOrThrow(where);
    return globalId(model[0]?.toUpperCase() + model.slice(1), row.id);
  };

  it('creates a person with a slug made from the name, adding -2, -3 when taken', async () => {
    const first = await createPerson({
      name: '  Ingrid   Solberg ',
      aliases: ['I. Solberg', 'I. Solberg', 'Ingrid Solberg'],
      description: 'Harbour pilot',
    });
    assert.equal(first.name, 'Ingrid Solberg');
    assert.equal(first.slug, 'ingrid-solberg');
    assert.deepEqual(first.aliases, ['I. Solberg'], 'repeats and the name itself are left out');
    assert.equal(first.reviewed, true);
    assert.equal((await createPerson({ name: 'Íngrid Solberg' })).slug, 'ingrid-solberg-2');
    assert.equal((await createPerson({ name: 'Ingrid Solberg!' })).slug, 'ingrid-solberg-3');
    assert.equal((await createPerson({ name: 'Harbour Pilot', slug: 'pilot-1' })).slug, 'pilot-1');

    const { person } = await lede.data('query ($slug: String!) { person(slug: $slug) { id name } }', {
      slug: 'ingrid-solberg-2',
    });
    assert.equal(person.name, 'Íngrid Solberg');
    assert.equal(await prisma.person.count({ where: { slug: { startsWith: 'ingrid-solberg' } } }), 3);
  });

  it('rejects a taken or malformed slug and invalid fields, field by field, writing nothing', async () => {
    const before = await prisma.person.count();
    const taken = await run(CREATE_PERSON, { name: 'Someone Else', slug: 'elena-voss' });
    assert.equal(taken.__typename, 'ValidationError');
    assert.deepEqual(taken.problems, [{ field: 'slug', message: '"elena-voss" is already used by another person' }]);

    const malformed = await run(CREATE_PERSON, { name: 'Someone Else', slug: 'Someone Else' });
    assert.deepEqual(
      malformed.problems.map((p: { field: string }) => p.field),
      ['slug'],
    );
    assert.match(malformed.problems[0].message, /lowercase letters, digits and single hyphens/);

    const invalid = await run(CREATE_PERSON, {
      name: 'x'.repeat(201),
      aliases: ['Fine', '   '],
      description: 'y'.repeat(1001),
    });
    assert.equal(invalid.__typename, 'ValidationError');
    assert.deepEqual(invalid.problems, [
      { field: 'name', message: 'must be at most 200 characters' },
      { field: 'aliases[1]', message: 'must not be empty' },
      { field: 'description', message: 'must be at most 1,000 characters' },
    ]);

    const blank = await run(CREATE_PERSON, { name: ' \t ' });
    assert.deepEqual(blank.problems, [{ field: 'name', message: 'must not be empty' }]);

    const tooManyAliases = await run(CREATE_PERSON, {
      name: 'Many Names',
      aliases: Array.from({ length: 51 }, (_, n) => `Alias ${n}`),
    });
    assert.deepEqual(tooManyAliases.problems, [
      { field: 'aliases', message: 'would give 51 aliases; at most 50 are allowed' },
    ]);
    assert.equal(await prisma.person.count(), before);
  });

  it('renames a person, keeping the old name as an alias unless told not to, and confirms them', async () => {
    const person = await createPerson({ name: 'Olaf Brekke', aliases: ['O. Brekke'] });
    await prisma.person.update({ where: { id: rowId(person.id) }, data: { reviewed: false } });

    const renamed = await run(UPDATE_PERSON, { person: person.id, name: 'Olav Brekke' });
    assert.equal(renamed.__typename, 'UpdatePersonSuccess');
    assert.equal(renamed.person.name, 'Olav Brekke');
    assert.equal(renamed.person.slug, 'olaf-brekke', 'the slug stays, so links keep working');
    assert.deepEqual(renamed.person.aliases, ['O. Brekke', 'Olaf Brekke']);
    assert.equal(renamed.person.reviewed, false, 'a rename alone does not confirm the entry');
    const { people } = await lede.data('{ people(search: "olaf brekke") { edges { node { id } } } }');
    assert.deepEqual(people.edges, [{ node: { id: person.id } }], 'the old name still finds the person');

    const plain = await run(UPDATE_PERSON, { person: person.id, name: 'Olav B. Brekke', keepOldNameAsAlias: false });
    assert.deepEqual(plain.person.aliases, ['O. Brekke', 'Olaf Brekke']);

    const added = await run(UPDATE_PERSON, { person: person.id, addAliases: ['Ole Brekke', 'O. Brekke'] });
    assert.deepEqual(added.person.aliases, ['O. Brekke', 'Olaf Brekke', 'Ole Brekke']);

    const confirmed = await run(UPDATE_PERSON, {
      person: person.id,
      aliases: ['Olav Brekke'],
      description: 'Harbour master',
      reviewed: true,
    });
    assert.deepEqual(confirmed.person.aliases, ['Olav Brekke']);
    assert.equal(confirmed.person.description, 'Harbour master');
    assert.equal(confirmed.person.reviewed, true);

    const cleared = await run(UPDATE_PERSON, { person: person.id, aliases: [], description: null });
    assert.deepEqual(cleared.person.aliases, []);
    assert.equal(cleared.person.description, null);

    const stored = await prisma.person.findUniqueOrThrow({ where: { id: rowId(person.id) } });
    assert.equal(stored.name, 'Olav B. Brekke');
    assert.equal(stored.reviewed, true);
  });

  it('names the input field of an unknown or wrong-type ID', async () => {
    const unknown = await run(UPDATE_PERSON, { person: globalId('Person', 999_999), name: 'Nobody' });
    assert.equal(unknown.__typename, 'NotFoundError');
    assert.equal(unknown.field, 'person');

    const section = await idOf('section', 'world');
    const wrongType = await lede.execute(UPDATE_PERSON, { input: { person: section, name: 'X' } }, { apiKey: editor });
    assert.equal(wrongType.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(wrongType.errors?.[0]?.message ?? '', /input\.person.*is a Section ID; expected Person/);

    const garbage = await lede.execute(
      MERGE_PEOPLE,
      { input: { survivor: await idOf('person', 'elena-voss'), duplicates: ['nonsense'] } },
      { apiKey: admin },
    );
    assert.match(garbage.errors?.[0]?.message ?? '', /input\.duplicates\[0\].*not a global ID/);
    assert.equal(await prisma.person.count({ where: { slug: 'elena-voss' } }), 1);
  });

  it('creates, renames, re-parents and confirms organizations, refusing loops', async () => {
    const council = await idOf('organization', 'harbourview-city-council');
    const created = await createOrganization({
      name: 'Harbourview Port Authority',
      aliases: ['Port Authority'],
      kind: 'GOVERNMENT_BODY',
      country: 'CA',
      parent: council,
    });
    assert.equal(created.slug, 'harbourview-port-authority');
    assert.equal(created.kind, 'GOVERNMENT_BODY');
    assert.equal(created.parent.slug, 'harbourview-city-council');
    assert.equal(created.reviewed, true);
    assert.equal(
      (await createOrganization({ name: 'Harbourview Port Authority' })).slug,
      'harbourview-port-authority-2',
    );

    const badCountry = await run(CREATE_ORGANIZATION, { name: 'Lowercase Ltd', kind: 'COMPANY', country: 'ca' });
    assert.deepEqual(badCountry.problems, [
      { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GB"' },
    ]);
    const takenSlug = await run(CREATE_ORGANIZATION, { name: 'Copy', kind: 'COMPANY', slug: 'kestrel-bay-energy' });
    assert.equal(takenSlug.problems[0].field, 'slug');
    const unknownParent = await run(CREATE_ORGANIZATION, {
      name: 'Orphan',
      kind: 'OTHER',
      parent: globalId('Organization', 999_999),
    });
    assert.equal(unknownParent.__typename, 'NotFoundError');
    assert.equal(unknownParent.field, 'parent');
    assert.equal(await prisma.organization.count({ where: { name: { in: ['Lowercase Ltd', 'Copy', 'Orphan'] } } }), 0);

    const renamed = await run(UPDATE_ORGANIZATION, {
      organization: created.id,
      name: 'Port of Harbourview Authority',
      kind: 'FACILITY',
      country: null,
      reviewed: false,
    });
    assert.equal(renamed.organization.name, 'Port of Harbourview Authority');
    assert.deepEqual(renamed.organization.aliases, ['Port Authority', 'Harbourview Port Authority']);
    assert.equal(renamed.organization.kind, 'FACILITY');
    assert.equal(renamed.organization.country, null);
    assert.equal(renamed.organization.reviewed, false);
    const confirmed = await run(UPDATE_ORGANIZATION, { organization: created.id, reviewed: true });
    assert.equal(confirmed.organization.reviewed, true);

    const loop = await run(UPDATE_ORGANIZATION, { organization: council, parent: created.id });
    assert.equal(loop.__typename, 'ValidationError');
    assert.equal(loop.problems[0].field, 'parent');
    const itself = await run(UPDATE_ORGANIZATION, { organization: created.id, parent: created.id });
    assert.equal(itself.problems[0].field, 'parent');
    const councilRow = await prisma.organization.findUniqueOrThrow({ where: { slug: 'harbourview-city-council' } });
    assert.equal(councilRow.parentId, null, 'nothing was written');

    const independent = await run(UPDATE_ORGANIZATION, { organization: created.id, parent: null });
    assert.equal(independent.organization.parent, null);
    const moved = await run(UPDATE_ORGANIZATION, {
      organization: created.id,
      parent: await idOf('organization', 'harbourview-department-of-transportation'),
    });
    assert.equal(moved.organization.parent.slug, 'harbourview-department-of-transportation');
    const deepLoop = await run(UPDATE_ORGANIZATION, { organization: council, parent: created.id });
    assert.match(deepLoop.problems[0].message, /loop/, 'a grandchild cannot become the parent either');
  });

  it('creates sections, moves them and refuses to move one under itself or below it', async () => {
    const world = await idOf('section', 'world');
    const siblings = await prisma.section.findMany({ where: { parentId: rowId(world) } });
    const asia = (await run(CREATE_SECTION, { name: 'Asia', description: 'News from Asia.', parent: world })).section;
    assert.equal(asia.slug, 'asia');
    assert.equal(asia.urlPath, '/world/asia');
    assert.equal(asia.parent.slug, 'world');
    assert.equal(asia.position, Math.max(...siblings.map((s) => s.position)) + 1, 'goes after its siblings');
    const japan = (await run(CREATE_SECTION, { name: 'Japan', parent: asia.id, position: 3 })).section;
    assert.equal(japan.urlPath, '/world/asia/japan');
    assert.equal(japan.position, 3);

    const duplicate = await run(CREATE_SECTION, { name: 'Another World', slug: 'world' });
    assert.deepEqual(duplicate.problems, [{ field: 'slug', message: '"world" is already used by another section' }]);
    assert.equal((await run(CREATE_SECTION, { name: 'Asia' })).section.slug, 'asia-2');

    const underChild = await run(UPDATE_SECTION, { section: world, parent: japan.id });
    assert.equal(underChild.__typename, 'ValidationError');
    assert.deepEqual(underChild.problems, [
      { field: 'parent', message: 'cannot be the section itself or a section below it: that would make a loop' },
    ]);
    const underItself = await run(UPDATE_SECTION, { section: asia.id, parent: asia.id });
    assert.equal(underItself.problems[0].field, 'parent');
    assert.equal((await prisma.section.findUniqueOrThrow({ where: { slug: 'world' } })).parentId, null);

    const top = await run(UPDATE_SECTION, { section: asia.id, parent: null, name: 'Asia-Pacific' });
    assert.equal(top.section.urlPath, '/asia');
    assert.equal(top.section.name, 'Asia-Pacific');
    assert.equal(top.section.parent, null);
    const { sections } = await lede.data('{ sections { slug children { slug } } }');
    const roots = sections.map((s: { slug: string }) => s.slug);
    assert.equal(roots.at(-1), 'asia', 'a moved section goes after its new siblings');
    assert.deepEqual(sections.at(-1).children, [{ slug: 'japan' }], 'its subsections move with it');

    const back = await run(UPDATE_SECTION, { section: asia.id, parent: world, position: 0, slug: 'asia-pacific' });
    assert.equal(back.section.urlPath, '/world/asia-pacific');
    assert.equal(back.section.position, 0);
    const unknown = await run(UPDATE_SECTION, { section: asia.id, parent: globalId('Section', 999_999) });
    assert.equal(unknown.__typename, 'NotFoundError');
    assert.equal(unknown.field, 'parent');
  });

  it('deletes only empty sections', async () => {
    const desk = (await run(CREATE_SECTION, { name: 'Desk' })).section;
    const child = (await run(CREATE_SECTION, { name: 'Desk Child', parent: desk.id })).section;
    const withChild = await run(DELETE_SECTION, { section: desk.id });
    assert.equal(withChild.__typename, 'ValidationError');
    assert.deepEqual(withChild.problems, [
      { field: 'section', message: 'it has 1 section below it; move or delete them first' },
    ]);
    assert.equal((await run(DELETE_SECTION, { section: child.id })).deletedId, child.id);
    assert.equal((await run(DELETE_SECTION, { section: desk.id })).deletedId, desk.id);

    const local = await run(DELETE_SECTION, { section: await idOf('section', 'local') });
    assert.deepEqual(local.problems.length, 1);
    assert.match(local.problems[0].message, /^\d+ articles are filed in it/);

    const secondary = (await run(CREATE_SECTION, { name: 'Briefing' })).section;
    await prisma.articleSection.create({
      data: { articleId: articleIds[0] as number, sectionId: rowId(secondary.id) },
    });
    const filed = await run(DELETE_SECTION, { section: secondary.id });
    assert.deepEqual(filed.problems, [
      { field: 'section', message: '1 article is filed in it; move them to another section first' },
    ]);
    await prisma.articleSection.deleteMany({ where: { sectionId: rowId(secondary.id) } });

    const deleted = await run(DELETE_SECTION, { section: secondary.id });
    assert.equal(deleted.deletedId, secondary.id);
    assert.equal(await prisma.section.count({ where: { id: rowId(secondary.id) } }), 0);
    assert.equal(await prisma.section.count({ where: { slug: { in: ['desk', 'desk-child', 'briefing'] } } }), 0);
    assert.equal(await prisma.section.count({ where: { slug: 'local' } }), 1);
    const again = await run(DELETE_SECTION, { section: secondary.id });
    assert.equal(again.__typename, 'NotFoundError');
  });

  it('merges people without losing a byline, mention or affiliation', async () => {
    const [a, b, c, d] = articleIds as [number, number, number, number];
    const survivor = await createPerson({ name: 'Greta Lindholm', aliases: ['Greta L.'] });
    const first = await createPerson({ name: 'G. Lindholm', aliases: ['Lindholm'], description: 'Ferry captain' });
    const second = await createPerson({ name: 'Greta Lindholm' });
    const [s, d1, d2] = [survivor, first, second].map((p) => rowId(p.id)) as [number, number, number];
    const council = await prisma.organization.findUniqueOrThrow({ where: { slug: 'harbourview-city-council' } });
    const ledger = await prisma.organization.findUniqueOrThrow({ where: { slug: 'the-harbourview-ledger' } });
    const since = new Date('2020-01-01');
    await prisma.personMention.createMany({
      data: [
        { articleId: a, personId: s, count: 2, spans: [span(0, 'Greta Lindholm'), span(2, 'Lindholm')] },
        { articleId: a, personId: d1, count: 1, spans: [span(4, 'G. Lindholm')] },
        { articleId: b, personId: d1, count: 1, spans: [span(1, 'G. Lindholm')] },
        { articleId: b, personId: d2, count: 3, spans: [span(0, 'Greta'), span(1, 'Greta'), span(2, 'Greta')] },
        { articleId: c, personId: d2, count: 1, spans: [span(5, 'Greta Lindholm')] },
      ],
    });
    await prisma.byline.createMany({
      data: [
        { articleId: c, personId: s, role: 'AUTHOR', position: 3 },
        { articleId: c, personId: d2, role: 'AUTHOR', position: 2 },
        { articleId: c, personId: d2, role: 'PHOTOGRAPHER', position: 4 },
        { articleId: d, personId: d1, role: 'CONTRIBUTOR', position: 5 },
      ],
    });
    await prisma.affiliation.createMany({
      data: [
        { personId: s, organizationId: council.id, role: 'Councillor', since },
        { personId: d1, organizationId: ledger.id, role: 'Columnist' },
        { personId: d2, organizationId: council.id, role: 'Councillor', since },
      ],
    });
    const before = await personLinks(prisma, [s, d1, d2]);
    const versions = () =>
      prisma.article.findMany({
        where: { id: { in: [c, d] } },
        select: { id: true, version: true },
        orderBy: { id: 'asc' },
      });
    const versionsBefore = await versions();

    const merged = await run(
      MERGE_PEOPLE,
      { survivor: survivor.id, duplicates: [first.id, second.id, first.id] },
      admin,
    );
    assert.equal(merged.__typename, 'MergePeopleSuccess');
    assert.equal(merged.person.id, survivor.id);
    assert.equal(merged.person.name, 'Greta Lindholm');
    assert.equal(merged.person.slug, 'greta-lindholm');
    assert.deepEqual(merged.person.aliases, ['Greta L.', 'G. Lindholm', 'Lindholm']);
    assert.equal(merged.person.description, 'Ferry captain', 'a description the survivor lacked');
    assert.equal(merged.person.mentionCount, 3, 'mentioned in articles a, b and c');

    assert.equal(await prisma.person.count({ where: { id: { in: [d1, d2] } } }), 0, 'duplicates are gone');
    const afterwards = await personLinks(prisma, [s, d1, d2]);
    assert.ok(
      [...afterwards.bylines, ...afterwards.mentions, ...afterwards.affiliations].every((row) => row.personId === s),
    );

    assert.equal(sum(afterwards.mentions), sum(before.mentions), 'mention counts are summed');
    const mentions = new Map(afterwards.mentions.map((m) => [m.articleId, m]));
    assert.deepEqual([...mentions.keys()].sort(), [a, b, c].sort(), 'one mention row per article');
    assert.equal(mentions.get(a)?.count, 3);
    assert.deepEqual(mentions.get(a)?.spans, [span(0, 'Greta Lindholm'), span(2, 'Lindholm'), span(4, 'G. Lindholm')]);
    assert.equal(mentions.get(b)?.count, 4);
    assert.deepEqual(
      mentions.get(b)?.spans,
      [span(0, 'Greta'), span(1, 'G. Lindholm'), span(1, 'Greta'), span(2, 'Greta')],
      'spans are kept in reading order',
    );
    assert.equal(
      before.mentions.flatMap((m) => m.spans as Span[]).length,
      afterwards.mentions.flatMap((m) => m.spans as Span[]).length,
      'every span is kept',
    );

    const credit = (rows: { articleId: number; role: string }[]) =>
      [...new Set(rows.map((row) => `${row.articleId}:${row.role}`))].sort();
    assert.deepEqual(credit(afterwards.bylines), credit(before.bylines), 'every credit is kept');
    assert.deepEqual(
      await versions(),
      versionsBefore.map((row) => ({ ...row, version: row.version + 1 })),
      'articles whose bylines moved get a new version, so stale edits conflict',
    );
    assert.equal(afterwards.bylines.length, 3, 'the shared AUTHOR credit on article c is kept once');
    assert.equal(
      afterwards.bylines.find((row) => row.articleId === c && row.role === 'AUTHOR')?.position,
      2,
      'at the earlier position',
    );

    assert.deepEqual(
      afterwards.affiliations.map(affiliationKey).sort(),
      [...new Set(before.affiliations.map(affiliationKey))].sort(),
      'every distinct affiliation is kept, an identical one once',
    );
    assert.equal(afterwards.affiliations.length, 2);

    const { gone } = await lede.data('{ gone: person(slug: "g-lindholm") { id } }');
    assert.equal(gone, null);
    const { people } = await lede.data('{ people(search: "G. Lindholm") { edges { node { slug } } } }');
    assert.deepEqual(people.edges, [{ node: { slug: 'greta-lindholm' } }], 'the old names now find the survivor');
  });

  it('refuses a merge that names the survivor, nothing or an unknown person, writing nothing', async () => {
    const survivor = await createPerson({ name: 'Karin Holt' });
    const duplicate = await createPerson({ name: 'K. Holt' });
    const self = await run(MERGE_PEOPLE, { survivor: survivor.id, duplicates: [duplicate.id, survivor.id] }, admin);
    assert.deepEqual(self.problems, [
      { field: 'duplicates[1]', message: 'is the survivor; a person cannot merge into itself' },
    ]);
    const none = await run(MERGE_PEOPLE, { survivor: survivor.id, duplicates: [] }, admin);
    assert.deepEqual(none.problems, [{ field: 'duplicates', message: 'must name at least one person to merge' }]);
    const unknown = await run(
      MERGE_PEOPLE,
      { survivor: survivor.id, duplicates: [duplicate.id, globalId('Person', 999_999)] },
      admin,
    );
    assert.equal(unknown.__typename, 'NotFoundError');
    assert.equal(unknown.field, 'duplicates[1]');
    const unknownSurvivor = await run(
      MERGE_PEOPLE,
      { survivor: globalId('Person', 999_998), duplicates: [duplicate.id] },
      admin,
    );
    assert.equal(unknownSurvivor.field, 'survivor');
    assert.equal(await prisma.person.count({ where: { id: rowId(duplicate.id) } }), 1);
    assert.deepEqual((await prisma.person.findUniqueOrThrow({ where: { id: rowId(survivor.id) } })).aliases, []);
  });

  it('merges organizations: mentions, affiliations and member organizations move to the survivor', async () => {
    const [a, b] = articleIds as [number, number];
    const council = await idOf('organization', 'harbourview-city-council');
    // The older entry sits above the survivor in the tree; the survivor takes its place.
    const older = await createOrganization({ name: 'Harbour Board', parent: council, country: 'CA' });
    const survivor = await createOrganization({ name: 'Harbourview Harbour Board', kind: 'GOVERNMENT_BODY' });
    await run(UPDATE_ORGANIZATION, { organization: survivor.id, parent: older.id });
    const other = await createOrganization({ name: 'The Harbour Board', aliases: ['HHB'] });
    const pilots = await createOrganization({ name: 'Harbour Board Pilots', parent: other.id });
    const wharf = await createOrganization({ name: 'Harbour Board Wharf Office', parent: older.id });
    const [s, d1, d2] = [survivor, older, other].map((o) => rowId(o.id)) as [number, number, number];
    const person = await prisma.person.findUniqueOrThrow({ where: { slug: 'elena-voss' } });
    await prisma.organizationMention.createMany({
      data: [
        { articleId: a, organizationId: s, count: 1, spans: [span(0, 'Harbourview Harbour Board')] },
        { articleId: a, organizationId: d2, count: 2, spans: [span(1, 'HHB'), span(3, 'HHB')] },
        { articleId: b, organizationId: d1, count: 1, spans: [span(0, 'Harbour Board')] },
      ],
    });
    await prisma.affiliation.createMany({
      data: [
        { personId: person.id, organizationId: d1, role: 'Chair' },
        { personId: person.id, organizationId: d2, role: 'Chair' },
        { personId: person.id, organizationId: d2, role: 'Member' },
      ],
    });
    const before = await organizationLinks(prisma, [s, d1, d2]);

    const merged = await run(MERGE_ORGANIZATIONS, { survivor: survivor.id, duplicates: [older.id, other.id] }, admin);
    assert.equal(merged.__typename, 'MergeOrganizationsSuccess');
    const organization = merged.organization;
    assert.equal(organization.name, 'Harbourview Harbour Board');
    assert.deepEqual(organization.aliases, ['Harbour Board', 'The Harbour Board', 'HHB']);
    assert.equal(organization.kind, 'GOVERNMENT_BODY');
    assert.equal(organization.country, 'CA', 'a country the survivor lacked');
    assert.equal(organization.parent.slug, 'harbourview-city-council', 'it took the place of the duplicate above it');
    assert.deepEqual(
      organization.children.map((child: { slug: string }) => child.slug),
      [pilots.slug, wharf.slug],
    );
    assert.equal(await prisma.organization.count({ where: { id: { in: [d1, d2] } } }), 0);

    const afterwards = await organizationLinks(prisma, [s, d1, d2]);
    assert.equal(sum(afterwards.mentions), sum(before.mentions));
    assert.equal(afterwards.mentions.length, 2, 'one mention row per article');
    const onA = afterwards.mentions.find((m) => m.articleId === a);
    assert.equal(onA?.count, 3);
    assert.deepEqual(onA?.spans, [span(0, 'Harbourview Harbour Board'), span(1, 'HHB'), span(3, 'HHB')]);
    const roles = (rows: { personId: number; role: string }[]) =>
      [...new Set(rows.map((row) => `${row.personId}:${row.role}`))].sort();
    assert.deepEqual(roles(afterwards.affiliations), roles(before.affiliations));
    assert.ok(afterwards.affiliations.every((row) => row.organizationId === s));
    assert.equal(afterwards.affiliations.length, 2, 'the identical Chair affiliation is kept once');
    assert.deepEqual(
      afterwards.children.map((child) => child.id).sort(),
      before.children
        .filter((child) => ![s, d1, d2].includes(child.id))
        .map((child) => child.id)
        .sort(),
    );
    assert.ok(afterwards.children.every((child) => child.parentId === s));
  });

  it('deletes people only without bylines, and organizations with their links', async () => {
    const credited = await idOf('person', 'maya-chen');
    const articles = await prisma.article.count({ where: { bylines: { some: { personId: rowId(credited) } } } });
    assert.ok(articles > 1);
    const refused = await run(DELETE_PERSON, { person: credited }, admin);
    assert.equal(refused.__typename, 'ValidationError');
    assert.equal(refused.problems[0].field, 'person');
    assert.match(refused.problems[0].message, new RegExp(`credited on ${articles} articles; merge`));
    assert.equal(await prisma.person.count({ where: { slug: 'maya-chen' } }), 1);

    const voss = await prisma.person.findUniqueOrThrow({ where: { slug: 'elena-voss' } });
    assert.equal(await prisma.byline.count({ where: { personId: voss.id } }), 0);
    assert.ok((await prisma.personMention.count({ where: { personId: voss.id } })) > 0);
    assert.ok((await prisma.affiliation.count({ where: { personId: voss.id } })) > 0);
    const deleted = await run(DELETE_PERSON, { person: globalId('Person', voss.id) }, admin);
    assert.equal(deleted.deletedId, globalId('Person', voss.id));
    assert.equal(await prisma.person.count({ where: { id: voss.id } }), 0);
    assert.equal(await prisma.personMention.count({ where: { personId: voss.id } }), 0);
    assert.equal(await prisma.affiliation.count({ where: { personId: voss.id } }), 0);

    const council = await prisma.organization.findUniqueOrThrow({ where: { slug: 'harbourview-city-council' } });
    const children = await prisma.organization.findMany({ where: { parentId: council.id } });
    assert.ok(children.length > 0);
    assert.ok((await prisma.organizationMention.count({ where: { organizationId: council.id } })) > 0);
    const gone = await run(DELETE_ORGANIZATION, { organization: globalId('Organization', council.id) }, admin);
    assert.equal(gone.deletedId, globalId('Organization', council.id));
    assert.equal(await prisma.organization.count({ where: { id: council.id } }), 0);
    assert.equal(await prisma.organizationMention.count({ where: { organizationId: council.id } }), 0);
    assert.equal(await prisma.affiliation.count({ where: { organizationId: council.id } }), 0);
    const orphans = await prisma.organization.findMany({ where: { id: { in: children.map((c) => c.id) } } });
    assert.equal(orphans.length, children.length, 'member organizations stay');
    assert.ok(
      orphans.every((orphan) => orphan.parentId === null),
      'and become independent',
    );

    const again = await run(DELETE_ORGANIZATION, { organization: globalId('Organization', council.id) }, admin);
    assert.equal(again.__typename, 'NotFoundError');
    assert.equal(again.field, 'organization');
  });

  it('records affiliations, refusing an end date before the start', async () => {
    const person = await createPerson({ name: 'Nils Aune' });
    const organization = await idOf('organization', 'kestrel-bay-energy');
    const backwards = await run(CREATE_AFFILIATION, {
      person: person.id,
      organization,
      role: 'Engineer',
      since: '2024-05-01',
      until: '2024-04-30',
    });
    assert.deepEqual(backwards.problems, [{ field: 'until', message: 'must not be before since (2024-05-01)' }]);
    assert.equal(await prisma.affiliation.count({ where: { personId: rowId(person.id) } }), 0);

    const created = await run(CREATE_AFFILIATION, {
      person: person.id,
      organization,
      role: '  Chief   engineer ',
      since: '2024-05-01',
    });
    const affiliation = created.affiliation;
    assert.equal(affiliation.role, 'Chief engineer');
    assert.equal(affiliation.since, '2024-05-01');
    assert.equal(affiliation.until, null);
    assert.deepEqual(affiliation.person, { slug: 'nils-aune' });
    assert.deepEqual(affiliation.organization, { slug: 'kestrel-bay-energy' });
    const { person: page } = await lede.data('{ person(slug: "nils-aune") { affiliations { id role current } } }');
    assert.deepEqual(page.affiliations, [{ id: affiliation.id, role: 'Chief engineer', current: true }]);

    const early = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, until: '2023-12-31' });
    assert.equal(early.problems[0].field, 'until', 'checked against the stored start date');
    const ended = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, role: 'Engineer', until: '2025-01-31' });
    assert.equal(ended.affiliation.role, 'Engineer');
    assert.equal(ended.affiliation.until, '2025-01-31');
    const undated = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, since: null });
    assert.equal(undated.affiliation.since, null);
    assert.equal(undated.affiliation.until, '2025-01-31');

    const unknownPerson = await run(CREATE_AFFILIATION, {
      person: globalId('Person', 999_999),
      organization,
      role: 'Ghost',
    });
    assert.equal(unknownPerson.field, 'person');
    const wrongId = await lede.execute(DELETE_AFFILIATION, { input: { affiliation: person.id } }, { apiKey: editor });
    assert.match(wrongId.errors?.[0]?.message ?? '', /is a Person ID; expected Affiliation/);

    const deleted = await run(DELETE_AFFILIATION, { affiliation: affiliation.id });
    assert.equal(deleted.deletedId, affiliation.id);
    assert.equal(await prisma.affiliation.count({ where: { personId: rowId(person.id) } }), 0);
    const again = await run(DELETE_AFFILIATION, { affiliation: affiliation.id });
    assert.equal(again.__typename, 'NotFoundError');
    assert.equal(again.field, 'affiliation');
  });

  it('lets each role do only what it may, writing nothing when refused', async () => {
    const snapshot = async () => ({
      people: await prisma.person.findMany({ orderBy: { id: 'asc' } }),
      mentions: await prisma.personMention.count(),
      sections: await prisma.section.count(),
    });
    const target = await createPerson({ name: 'Role Target' });
    const duplicate = await createPerson({ name: 'Role Target Copy' });
    const unwanted = await createPerson({ name: 'Role Unwanted' });
    const attempts = {
      create: [CREATE_PERSON, { name: 'Role Test' }],
      section: [CREATE_SECTION, { name: 'Role Test' }],
      merge: [MERGE_PEOPLE, { survivor: target.id, duplicates: [duplicate.id] }],
      delete: [DELETE_PERSON, { person: unwanted.id }],
    } as const;
    const codes = async (apiKey: string | undefined) => {
      const result: Record<string, unknown> = {};
      for (const [name, [query, input]] of Object.entries(attempts)) {
        const response = await lede.execute(query, { input }, { apiKey });
        const payload = Object.values(response.data ?? {})[0] as { __typename: string } | undefined;
        result[name] = response.errors?.[0]?.extensions?.code ?? payload?.__typename;
      }
      return result;
    };

    const before = await snapshot();
    assert.deepEqual(await codes(undefined), {
      create: 'UNAUTHENTICATED',
      section: 'UNAUTHENTICATED',
      merge: 'UNAUTHENTICATED',
      delete: 'UNAUTHENTICATED',
    });
    assert.deepEqual(await codes(reader), {
      create: 'FORBIDDEN',
      section: 'FORBIDDEN',
      merge: 'FORBIDDEN',
      delete: 'FORBIDDEN',
    });
    assert.deepEqual(await snapshot(), before, 'anonymous callers and readers change nothing');

    assert.deepEqual(await codes(editor), {
      create: 'CreatePersonSuccess',
      section: 'CreateSectionSuccess',
      merge: 'FORBIDDEN',
      delete: 'FORBIDDEN',
    });
    const afterEditor = await snapshot();
    assert.equal(afterEditor.people.length, before.people.length + 1);
    assert.equal(afterEditor.sections, before.sections + 1);
    assert.deepEqual(
      before.people.filter((p) => [duplicate.id, unwanted.id].map(rowId).includes(p.id)),
      afterEditor.people.filter((p) => [duplicate.id, unwanted.id].map(rowId).includes(p.id)),
      'an editor may not merge or delete',
    );

    assert.deepEqual(await codes(admin), {
      create: 'CreatePersonSuccess',
      section: 'CreateSectionSuccess',
      merge: 'MergePeopleSuccess',
      delete: 'DeletePersonSuccess',
    });
    assert.equal(await prisma.person.count({ where: { id: { in: [duplicate.id, unwanted.id].map(rowId) } } }), 0);
    assert.deepEqual((await prisma.person.findUniqueOrThrow({ where: { id: rowId(target.id) } })).aliases, [
      'Role Target Copy',
    ]);
  });

  it('lets only one of two concurrent moves that would together make a loop win', async () => {
    // x > w and z > y; moving x under y and z under w at once would make x > w > z > y > x.
    const x = (await run(CREATE_SECTION, { name: 'Loop X' })).section;
    const w = (await run(CREATE_SECTION, { name: 'Loop W', parent: x.id })).section;
    const z = (await run(CREATE_SECTION, { name: 'Loop Z' })).section;
    const y = (await run(CREATE_SECTION, { name: 'Loop Y', parent: z.id })).section;
    const [one, two] = await Promise.all([
      run(UPDATE_SECTION, { section: x.id, parent: y.id }),
      run(UPDATE_SECTION, { section: z.id, parent: w.id }),
    ]);
    assert.deepEqual([one.__typename, two.__typename].sort(), ['UpdateSectionSuccess', 'ValidationError']);
    const rows = await prisma.section.findMany({ where: { id: { in: [x.id, z.id].map(rowId) } } });
    assert.equal(rows.filter((row) => row.parentId === null).length, 1, 'one of them is still at the top level');
  });

  it('gives concurrent creates of the same name distinct slugs', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => lede.data(CREATE_PERSON, { input: { name: 'Same Name' } }, { apiKey: editor })),
    );
    const slugs = results.map((result) => result.createPerson.person?.slug).sort();
    assert.deepEqual(slugs, ['same-name', 'same-name-2', 'same-name-3', 'same-name-4', 'same-name-5', 'same-name-6']);
  });
});
