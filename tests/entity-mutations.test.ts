import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  afterAll(async () => {
    expect(lede?.unexpectedErrors, 'no mutation failed with an unexpected error').toStrictEqual([]);
    await lede?.close();
  });
  beforeAll(async () => {
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
    expect(first.name).toBe('Ingrid Solberg');
    expect(first.slug).toBe('ingrid-solberg');
    expect(first.aliases, 'repeats and the name itself are left out').toStrictEqual(['I. Solberg']);
    expect(first.reviewed).toBe(true);
    expect((await createPerson({ name: 'Íngrid Solberg' })).slug).toBe('ingrid-solberg-2');
    expect((await createPerson({ name: 'Ingrid Solberg!' })).slug).toBe('ingrid-solberg-3');
    expect((await createPerson({ name: 'Harbour Pilot', slug: 'pilot-1' })).slug).toBe('pilot-1');

    const { person } = await lede.data('query ($slug: String!) { person(slug: $slug) { id name } }', {
      slug: 'ingrid-solberg-2',
    });
    expect(person.name).toBe('Íngrid Solberg');
    expect(await prisma.person.count({ where: { slug: { startsWith: 'ingrid-solberg' } } })).toBe(3);
  });

  it('rejects a taken or malformed slug and invalid fields, field by field, writing nothing', async () => {
    const before = await prisma.person.count();
    const taken = await run(CREATE_PERSON, { name: 'Someone Else', slug: 'elena-voss' });
    expect(taken.__typename).toBe('ValidationError');
    expect(taken.problems).toStrictEqual([
      { field: 'slug', message: '"elena-voss" is already used by another person' },
    ]);

    const malformed = await run(CREATE_PERSON, { name: 'Someone Else', slug: 'Someone Else' });
    expect(malformed.problems.map((p: { field: string }) => p.field)).toStrictEqual(['slug']);
    expect(malformed.problems[0].message).toMatch(/lowercase letters, digits and single hyphens/);

    const invalid = await run(CREATE_PERSON, {
      name: 'x'.repeat(201),
      aliases: ['Fine', '   '],
      description: 'y'.repeat(1001),
    });
    expect(invalid.__typename).toBe('ValidationError');
    expect(invalid.problems).toStrictEqual([
      { field: 'name', message: 'must be at most 200 characters' },
      { field: 'aliases[1]', message: 'must not be empty' },
      { field: 'description', message: 'must be at most 1,000 characters' },
    ]);

    const blank = await run(CREATE_PERSON, { name: ' \t ' });
    expect(blank.problems).toStrictEqual([{ field: 'name', message: 'must not be empty' }]);

    const tooManyAliases = await run(CREATE_PERSON, {
      name: 'Many Names',
      aliases: Array.from({ length: 51 }, (_, n) => `Alias ${n}`),
    });
    expect(tooManyAliases.problems).toStrictEqual([
      { field: 'aliases', message: 'would give 51 aliases; at most 50 are allowed' },
    ]);
    expect(await prisma.person.count()).toBe(before);
  });

  it('renames a person, keeping the old name as an alias unless told not to, and confirms them', async () => {
    const person = await createPerson({ name: 'Olaf Brekke', aliases: ['O. Brekke'] });
    await prisma.person.update({ where: { id: rowId(person.id) }, data: { reviewed: false } });

    const renamed = await run(UPDATE_PERSON, { person: person.id, name: 'Olav Brekke' });
    expect(renamed.__typename).toBe('UpdatePersonSuccess');
    expect(renamed.person.name).toBe('Olav Brekke');
    expect(renamed.person.slug, 'the slug stays, so links keep working').toBe('olaf-brekke');
    expect(renamed.person.aliases).toStrictEqual(['O. Brekke', 'Olaf Brekke']);
    expect(renamed.person.reviewed, 'a rename alone does not confirm the entry').toBe(false);
    const { people } = await lede.data('{ people(search: "olaf brekke") { edges { node { id } } } }');
    expect(people.edges, 'the old name still finds the person').toStrictEqual([{ node: { id: person.id } }]);

    const plain = await run(UPDATE_PERSON, { person: person.id, name: 'Olav B. Brekke', keepOldNameAsAlias: false });
    expect(plain.person.aliases).toStrictEqual(['O. Brekke', 'Olaf Brekke']);

    const added = await run(UPDATE_PERSON, { person: person.id, addAliases: ['Ole Brekke', 'O. Brekke'] });
    expect(added.person.aliases).toStrictEqual(['O. Brekke', 'Olaf Brekke', 'Ole Brekke']);

    const confirmed = await run(UPDATE_PERSON, {
      person: person.id,
      aliases: ['Olav Brekke'],
      description: 'Harbour master',
      reviewed: true,
    });
    expect(confirmed.person.aliases).toStrictEqual(['Olav Brekke']);
    expect(confirmed.person.description).toBe('Harbour master');
    expect(confirmed.person.reviewed).toBe(true);

    const cleared = await run(UPDATE_PERSON, { person: person.id, aliases: [], description: null });
    expect(cleared.person.aliases).toStrictEqual([]);
    expect(cleared.person.description).toBe(null);

    const stored = await prisma.person.findUniqueOrThrow({ where: { id: rowId(person.id) } });
    expect(stored.name).toBe('Olav B. Brekke');
    expect(stored.reviewed).toBe(true);
  });

  it('names the input field of an unknown or wrong-type ID', async () => {
    const unknown = await run(UPDATE_PERSON, { person: globalId('Person', 999_999), name: 'Nobody' });
    expect(unknown.__typename).toBe('NotFoundError');
    expect(unknown.field).toBe('person');

    const section = await idOf('section', 'world');
    const wrongType = await lede.execute(UPDATE_PERSON, { input: { person: section, name: 'X' } }, { apiKey: editor });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongType.errors?.[0]?.message ?? '').toMatch(/input\.person.*is a Section ID; expected Person/);

    const garbage = await lede.execute(
      MERGE_PEOPLE,
      { input: { survivor: await idOf('person', 'elena-voss'), duplicates: ['nonsense'] } },
      { apiKey: admin },
    );
    expect(garbage.errors?.[0]?.message ?? '').toMatch(/input\.duplicates\[0\].*not a global ID/);
    expect(await prisma.person.count({ where: { slug: 'elena-voss' } })).toBe(1);
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
    expect(created.slug).toBe('harbourview-port-authority');
    expect(created.kind).toBe('GOVERNMENT_BODY');
    expect(created.parent.slug).toBe('harbourview-city-council');
    expect(created.reviewed).toBe(true);
    expect((await createOrganization({ name: 'Harbourview Port Authority' })).slug).toBe(
      'harbourview-port-authority-2',
    );

    const badCountry = await run(CREATE_ORGANIZATION, { name: 'Lowercase Ltd', kind: 'COMPANY', country: 'ca' });
    expect(badCountry.problems).toStrictEqual([
      { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GB"' },
    ]);
    const takenSlug = await run(CREATE_ORGANIZATION, { name: 'Copy', kind: 'COMPANY', slug: 'kestrel-bay-energy' });
    expect(takenSlug.problems[0].field).toBe('slug');
    const unknownParent = await run(CREATE_ORGANIZATION, {
      name: 'Orphan',
      kind: 'OTHER',
      parent: globalId('Organization', 999_999),
    });
    expect(unknownParent.__typename).toBe('NotFoundError');
    expect(unknownParent.field).toBe('parent');
    expect(await prisma.organization.count({ where: { name: { in: ['Lowercase Ltd', 'Copy', 'Orphan'] } } })).toBe(0);

    const renamed = await run(UPDATE_ORGANIZATION, {
      organization: created.id,
      name: 'Port of Harbourview Authority',
      kind: 'FACILITY',
      country: null,
      reviewed: false,
    });
    expect(renamed.organization.name).toBe('Port of Harbourview Authority');
    expect(renamed.organization.aliases).toStrictEqual(['Port Authority', 'Harbourview Port Authority']);
    expect(renamed.organization.kind).toBe('FACILITY');
    expect(renamed.organization.country).toBe(null);
    expect(renamed.organization.reviewed).toBe(false);
    const confirmed = await run(UPDATE_ORGANIZATION, { organization: created.id, reviewed: true });
    expect(confirmed.organization.reviewed).toBe(true);

    const loop = await run(UPDATE_ORGANIZATION, { organization: council, parent: created.id });
    expect(loop.__typename).toBe('ValidationError');
    expect(loop.problems[0].field).toBe('parent');
    const itself = await run(UPDATE_ORGANIZATION, { organization: created.id, parent: created.id });
    expect(itself.problems[0].field).toBe('parent');
    const councilRow = await prisma.organization.findUniqueOrThrow({ where: { slug: 'harbourview-city-council' } });
    expect(councilRow.parentId, 'nothing was written').toBe(null);

    const independent = await run(UPDATE_ORGANIZATION, { organization: created.id, parent: null });
    expect(independent.organization.parent).toBe(null);
    const moved = await run(UPDATE_ORGANIZATION, {
      organization: created.id,
      parent: await idOf('organization', 'harbourview-department-of-transportation'),
    });
    expect(moved.organization.parent.slug).toBe('harbourview-department-of-transportation');
    const deepLoop = await run(UPDATE_ORGANIZATION, { organization: council, parent: created.id });
    expect(deepLoop.problems[0].message, 'a grandchild cannot become the parent either').toMatch(/loop/);
  });

  it('creates sections, moves them and refuses to move one under itself or below it', async () => {
    const world = await idOf('section', 'world');
    const siblings = await prisma.section.findMany({ where: { parentId: rowId(world) } });
    const asia = (await run(CREATE_SECTION, { name: 'Asia', description: 'News from Asia.', parent: world })).section;
    expect(asia.slug).toBe('asia');
    expect(asia.urlPath).toBe('/world/asia');
    expect(asia.parent.slug).toBe('world');
    expect(asia.position, 'goes after its siblings').toBe(Math.max(...siblings.map((s) => s.position)) + 1);
    const japan = (await run(CREATE_SECTION, { name: 'Japan', parent: asia.id, position: 3 })).section;
    expect(japan.urlPath).toBe('/world/asia/japan');
    expect(japan.position).toBe(3);

    const duplicate = await run(CREATE_SECTION, { name: 'Another World', slug: 'world' });
    expect(duplicate.problems).toStrictEqual([
      { field: 'slug', message: '"world" is already used by another section' },
    ]);
    expect((await run(CREATE_SECTION, { name: 'Asia' })).section.slug).toBe('asia-2');

    const underChild = await run(UPDATE_SECTION, { section: world, parent: japan.id });
    expect(underChild.__typename).toBe('ValidationError');
    expect(underChild.problems).toStrictEqual([
      { field: 'parent', message: 'cannot be the section itself or a section below it: that would make a loop' },
    ]);
    const underItself = await run(UPDATE_SECTION, { section: asia.id, parent: asia.id });
    expect(underItself.problems[0].field).toBe('parent');
    expect((await prisma.section.findUniqueOrThrow({ where: { slug: 'world' } })).parentId).toBe(null);

    const top = await run(UPDATE_SECTION, { section: asia.id, parent: null, name: 'Asia-Pacific' });
    expect(top.section.urlPath).toBe('/asia');
    expect(top.section.name).toBe('Asia-Pacific');
    expect(top.section.parent).toBe(null);
    const { sections } = await lede.data('{ sections { slug children { slug } } }');
    const roots = sections.map((s: { slug: string }) => s.slug);
    expect(roots.at(-1), 'a moved section goes after its new siblings').toBe('asia');
    expect(sections.at(-1).children, 'its subsections move with it').toStrictEqual([{ slug: 'japan' }]);

    const back = await run(UPDATE_SECTION, { section: asia.id, parent: world, position: 0, slug: 'asia-pacific' });
    expect(back.section.urlPath).toBe('/world/asia-pacific');
    expect(back.section.position).toBe(0);
    const unknown = await run(UPDATE_SECTION, { section: asia.id, parent: globalId('Section', 999_999) });
    expect(unknown.__typename).toBe('NotFoundError');
    expect(unknown.field).toBe('parent');
  });

  it('deletes only empty sections', async () => {
    const desk = (await run(CREATE_SECTION, { name: 'Desk' })).section;
    const child = (await run(CREATE_SECTION, { name: 'Desk Child', parent: desk.id })).section;
    const withChild = await run(DELETE_SECTION, { section: desk.id });
    expect(withChild.__typename).toBe('ValidationError');
    expect(withChild.problems).toStrictEqual([
      { field: 'section', message: 'it has 1 section below it; move or delete them first' },
    ]);
    expect((await run(DELETE_SECTION, { section: child.id })).deletedId).toBe(child.id);
    expect((await run(DELETE_SECTION, { section: desk.id })).deletedId).toBe(desk.id);

    const local = await run(DELETE_SECTION, { section: await idOf('section', 'local') });
    expect(local.problems.length).toStrictEqual(1);
    expect(local.problems[0].message).toMatch(/^\d+ articles are filed in it/);

    const secondary = (await run(CREATE_SECTION, { name: 'Briefing' })).section;
    await prisma.articleSection.create({
      data: { articleId: articleIds[0] as number, sectionId: rowId(secondary.id) },
    });
    const filed = await run(DELETE_SECTION, { section: secondary.id });
    expect(filed.problems).toStrictEqual([
      { field: 'section', message: '1 article is filed in it; move them to another section first' },
    ]);
    await prisma.articleSection.deleteMany({ where: { sectionId: rowId(secondary.id) } });

    const deleted = await run(DELETE_SECTION, { section: secondary.id });
    expect(deleted.deletedId).toBe(secondary.id);
    expect(await prisma.section.count({ where: { id: rowId(secondary.id) } })).toBe(0);
    expect(await prisma.section.count({ where: { slug: { in: ['desk', 'desk-child', 'briefing'] } } })).toBe(0);
    expect(await prisma.section.count({ where: { slug: 'local' } })).toBe(1);
    const again = await run(DELETE_SECTION, { section: secondary.id });
    expect(again.__typename).toBe('NotFoundError');
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
    expect(merged.__typename).toBe('MergePeopleSuccess');
    expect(merged.person.id).toBe(survivor.id);
    expect(merged.person.name).toBe('Greta Lindholm');
    expect(merged.person.slug).toBe('greta-lindholm');
    expect(merged.person.aliases).toStrictEqual(['Greta L.', 'G. Lindholm', 'Lindholm']);
    expect(merged.person.description, 'a description the survivor lacked').toBe('Ferry captain');
    expect(merged.person.mentionCount, 'mentioned in articles a, b and c').toBe(3);

    expect(await prisma.person.count({ where: { id: { in: [d1, d2] } } }), 'duplicates are gone').toBe(0);
    const afterwards = await personLinks(prisma, [s, d1, d2]);
    expect(
      [...afterwards.bylines, ...afterwards.mentions, ...afterwards.affiliations].every((row) => row.personId === s),
    ).toBeTruthy();

    expect(sum(afterwards.mentions), 'mention counts are summed').toBe(sum(before.mentions));
    const mentions = new Map(afterwards.mentions.map((m) => [m.articleId, m]));
    expect([...mentions.keys()].sort(), 'one mention row per article').toStrictEqual([a, b, c].sort());
    expect(mentions.get(a)?.count).toBe(3);
    expect(mentions.get(a)?.spans).toStrictEqual([
      span(0, 'Greta Lindholm'),
      span(2, 'Lindholm'),
      span(4, 'G. Lindholm'),
    ]);
    expect(mentions.get(b)?.count).toBe(4);
    expect(mentions.get(b)?.spans, 'spans are kept in reading order').toStrictEqual([
      span(0, 'Greta'),
      span(1, 'G. Lindholm'),
      span(1, 'Greta'),
      span(2, 'Greta'),
    ]);
    expect(before.mentions.flatMap((m) => m.spans as Span[]).length, 'every span is kept').toBe(
      afterwards.mentions.flatMap((m) => m.spans as Span[]).length,
    );

    const credit = (rows: { articleId: number; role: string }[]) =>
      [...new Set(rows.map((row) => `${row.articleId}:${row.role}`))].sort();
    expect(credit(afterwards.bylines), 'every credit is kept').toStrictEqual(credit(before.bylines));
    expect(await versions(), 'articles whose bylines moved get a new version, so stale edits conflict').toStrictEqual(
      versionsBefore.map((row) => ({ ...row, version: row.version + 1 })),
    );
    expect(afterwards.bylines.length, 'the shared AUTHOR credit on article c is kept once').toBe(3);
    expect(
      afterwards.bylines.find((row) => row.articleId === c && row.role === 'AUTHOR')?.position,
      'at the earlier position',
    ).toBe(2);

    expect(
      afterwards.affiliations.map(affiliationKey).sort(),
      'every distinct affiliation is kept, an identical one once',
    ).toStrictEqual([...new Set(before.affiliations.map(affiliationKey))].sort());
    expect(afterwards.affiliations.length).toBe(2);

    const { gone } = await lede.data('{ gone: person(slug: "g-lindholm") { id } }');
    expect(gone).toBe(null);
    const { people } = await lede.data('{ people(search: "G. Lindholm") { edges { node { slug } } } }');
    expect(people.edges, 'the old names now find the survivor').toStrictEqual([{ node: { slug: 'greta-lindholm' } }]);
  });

  it('refuses a merge that names the survivor, nothing or an unknown person, writing nothing', async () => {
    const survivor = await createPerson({ name: 'Karin Holt' });
    const duplicate = await createPerson({ name: 'K. Holt' });
    const self = await run(MERGE_PEOPLE, { survivor: survivor.id, duplicates: [duplicate.id, survivor.id] }, admin);
    expect(self.problems).toStrictEqual([
      { field: 'duplicates[1]', message: 'is the survivor; a person cannot merge into itself' },
    ]);
    const none = await run(MERGE_PEOPLE, { survivor: survivor.id, duplicates: [] }, admin);
    expect(none.problems).toStrictEqual([{ field: 'duplicates', message: 'must name at least one person to merge' }]);
    const unknown = await run(
      MERGE_PEOPLE,
      { survivor: survivor.id, duplicates: [duplicate.id, globalId('Person', 999_999)] },
      admin,
    );
    expect(unknown.__typename).toBe('NotFoundError');
    expect(unknown.field).toBe('duplicates[1]');
    const unknownSurvivor = await run(
      MERGE_PEOPLE,
      { survivor: globalId('Person', 999_998), duplicates: [duplicate.id] },
      admin,
    );
    expect(unknownSurvivor.field).toBe('survivor');
    expect(await prisma.person.count({ where: { id: rowId(duplicate.id) } })).toBe(1);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: rowId(survivor.id) } })).aliases).toStrictEqual([]);
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
    expect(merged.__typename).toBe('MergeOrganizationsSuccess');
    const organization = merged.organization;
    expect(organization.name).toBe('Harbourview Harbour Board');
    expect(organization.aliases).toStrictEqual(['Harbour Board', 'The Harbour Board', 'HHB']);
    expect(organization.kind).toBe('GOVERNMENT_BODY');
    expect(organization.country, 'a country the survivor lacked').toBe('CA');
    expect(organization.parent.slug, 'it took the place of the duplicate above it').toBe('harbourview-city-council');
    expect(organization.children.map((child: { slug: string }) => child.slug)).toStrictEqual([pilots.slug, wharf.slug]);
    expect(await prisma.organization.count({ where: { id: { in: [d1, d2] } } })).toBe(0);

    const afterwards = await organizationLinks(prisma, [s, d1, d2]);
    expect(sum(afterwards.mentions)).toBe(sum(before.mentions));
    expect(afterwards.mentions.length, 'one mention row per article').toBe(2);
    const onA = afterwards.mentions.find((m) => m.articleId === a);
    expect(onA?.count).toBe(3);
    expect(onA?.spans).toStrictEqual([span(0, 'Harbourview Harbour Board'), span(1, 'HHB'), span(3, 'HHB')]);
    const roles = (rows: { personId: number; role: string }[]) =>
      [...new Set(rows.map((row) => `${row.personId}:${row.role}`))].sort();
    expect(roles(afterwards.affiliations)).toStrictEqual(roles(before.affiliations));
    expect(afterwards.affiliations.every((row) => row.organizationId === s)).toBeTruthy();
    expect(afterwards.affiliations.length, 'the identical Chair affiliation is kept once').toBe(2);
    expect(afterwards.children.map((child) => child.id).sort()).toStrictEqual(
      before.children
        .filter((child) => ![s, d1, d2].includes(child.id))
        .map((child) => child.id)
        .sort(),
    );
    expect(afterwards.children.every((child) => child.parentId === s)).toBeTruthy();
  });

  it('deletes people only without bylines, and organizations with their links', async () => {
    const credited = await idOf('person', 'maya-chen');
    const articles = await prisma.article.count({ where: { bylines: { some: { personId: rowId(credited) } } } });
    expect(articles > 1).toBeTruthy();
    const refused = await run(DELETE_PERSON, { person: credited }, admin);
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.problems[0].field).toBe('person');
    expect(refused.problems[0].message).toMatch(new RegExp(`credited on ${articles} articles; merge`));
    expect(await prisma.person.count({ where: { slug: 'maya-chen' } })).toBe(1);

    const voss = await prisma.person.findUniqueOrThrow({ where: { slug: 'elena-voss' } });
    expect(await prisma.byline.count({ where: { personId: voss.id } })).toBe(0);
    expect((await prisma.personMention.count({ where: { personId: voss.id } })) > 0).toBeTruthy();
    expect((await prisma.affiliation.count({ where: { personId: voss.id } })) > 0).toBeTruthy();
    const deleted = await run(DELETE_PERSON, { person: globalId('Person', voss.id) }, admin);
    expect(deleted.deletedId).toBe(globalId('Person', voss.id));
    expect(await prisma.person.count({ where: { id: voss.id } })).toBe(0);
    expect(await prisma.personMention.count({ where: { personId: voss.id } })).toBe(0);
    expect(await prisma.affiliation.count({ where: { personId: voss.id } })).toBe(0);

    const council = await prisma.organization.findUniqueOrThrow({ where: { slug: 'harbourview-city-council' } });
    const children = await prisma.organization.findMany({ where: { parentId: council.id } });
    expect(children.length > 0).toBeTruthy();
    expect((await prisma.organizationMention.count({ where: { organizationId: council.id } })) > 0).toBeTruthy();
    const gone = await run(DELETE_ORGANIZATION, { organization: globalId('Organization', council.id) }, admin);
    expect(gone.deletedId).toBe(globalId('Organization', council.id));
    expect(await prisma.organization.count({ where: { id: council.id } })).toBe(0);
    expect(await prisma.organizationMention.count({ where: { organizationId: council.id } })).toBe(0);
    expect(await prisma.affiliation.count({ where: { organizationId: council.id } })).toBe(0);
    const orphans = await prisma.organization.findMany({ where: { id: { in: children.map((c) => c.id) } } });
    expect(orphans.length, 'member organizations stay').toBe(children.length);
    expect(
      orphans.every((orphan) => orphan.parentId === null),
      'and become independent',
    ).toBeTruthy();

    const again = await run(DELETE_ORGANIZATION, { organization: globalId('Organization', council.id) }, admin);
    expect(again.__typename).toBe('NotFoundError');
    expect(again.field).toBe('organization');
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
    expect(backwards.problems).toStrictEqual([{ field: 'until', message: 'must not be before since (2024-05-01)' }]);
    expect(await prisma.affiliation.count({ where: { personId: rowId(person.id) } })).toBe(0);

    const created = await run(CREATE_AFFILIATION, {
      person: person.id,
      organization,
      role: '  Chief   engineer ',
      since: '2024-05-01',
    });
    const affiliation = created.affiliation;
    expect(affiliation.role).toBe('Chief engineer');
    expect(affiliation.since).toBe('2024-05-01');
    expect(affiliation.until).toBe(null);
    expect(affiliation.person).toStrictEqual({ slug: 'nils-aune' });
    expect(affiliation.organization).toStrictEqual({ slug: 'kestrel-bay-energy' });
    const { person: page } = await lede.data('{ person(slug: "nils-aune") { affiliations { id role current } } }');
    expect(page.affiliations).toStrictEqual([{ id: affiliation.id, role: 'Chief engineer', current: true }]);

    const early = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, until: '2023-12-31' });
    expect(early.problems[0].field, 'checked against the stored start date').toBe('until');
    const ended = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, role: 'Engineer', until: '2025-01-31' });
    expect(ended.affiliation.role).toBe('Engineer');
    expect(ended.affiliation.until).toBe('2025-01-31');
    const undated = await run(UPDATE_AFFILIATION, { affiliation: affiliation.id, since: null });
    expect(undated.affiliation.since).toBe(null);
    expect(undated.affiliation.until).toBe('2025-01-31');

    const unknownPerson = await run(CREATE_AFFILIATION, {
      person: globalId('Person', 999_999),
      organization,
      role: 'Ghost',
    });
    expect(unknownPerson.field).toBe('person');
    const wrongId = await lede.execute(DELETE_AFFILIATION, { input: { affiliation: person.id } }, { apiKey: editor });
    expect(wrongId.errors?.[0]?.message ?? '').toMatch(/is a Person ID; expected Affiliation/);

    const deleted = await run(DELETE_AFFILIATION, { affiliation: affiliation.id });
    expect(deleted.deletedId).toBe(affiliation.id);
    expect(await prisma.affiliation.count({ where: { personId: rowId(person.id) } })).toBe(0);
    const again = await run(DELETE_AFFILIATION, { affiliation: affiliation.id });
    expect(again.__typename).toBe('NotFoundError');
    expect(again.field).toBe('affiliation');
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
    expect(await codes(undefined)).toStrictEqual({
      create: 'UNAUTHENTICATED',
      section: 'UNAUTHENTICATED',
      merge: 'UNAUTHENTICATED',
      delete: 'UNAUTHENTICATED',
    });
    expect(await codes(reader)).toStrictEqual({
      create: 'FORBIDDEN',
      section: 'FORBIDDEN',
      merge: 'FORBIDDEN',
      delete: 'FORBIDDEN',
    });
    expect(await snapshot(), 'anonymous callers and readers change nothing').toStrictEqual(before);

    expect(await codes(editor)).toStrictEqual({
      create: 'CreatePersonSuccess',
      section: 'CreateSectionSuccess',
      merge: 'FORBIDDEN',
      delete: 'FORBIDDEN',
    });
    const afterEditor = await snapshot();
    expect(afterEditor.people.length).toBe(before.people.length + 1);
    expect(afterEditor.sections).toBe(before.sections + 1);
    expect(
      before.people.filter((p) => [duplicate.id, unwanted.id].map(rowId).includes(p.id)),
      'an editor may not merge or delete',
    ).toStrictEqual(afterEditor.people.filter((p) => [duplicate.id, unwanted.id].map(rowId).includes(p.id)));

    expect(await codes(admin)).toStrictEqual({
      create: 'CreatePersonSuccess',
      section: 'CreateSectionSuccess',
      merge: 'MergePeopleSuccess',
      delete: 'DeletePersonSuccess',
    });
    expect(await prisma.person.count({ where: { id: { in: [duplicate.id, unwanted.id].map(rowId) } } })).toBe(0);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: rowId(target.id) } })).aliases).toStrictEqual([
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
    expect([one.__typename, two.__typename].sort()).toStrictEqual(['UpdateSectionSuccess', 'ValidationError']);
    const rows = await prisma.section.findMany({ where: { id: { in: [x.id, z.id].map(rowId) } } });
    expect(rows.filter((row) => row.parentId === null).length, 'one of them is still at the top level').toBe(1);
  });

  it('gives concurrent creates of the same name distinct slugs', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => lede.data(CREATE_PERSON, { input: { name: 'Same Name' } }, { apiKey: editor })),
    );
    const slugs = results.map((result) => result.createPerson.person?.slug).sort();
    expect(slugs).toStrictEqual([
      'same-name',
      'same-name-2',
      'same-name-3',
      'same-name-4',
      'same-name-5',
      'same-name-6',
    ]);
  });
});
