import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../src/shared/errors.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// Mutation errors carry codes a client can switch on: `Error.code` for the kind of error and
// `FieldProblem.code` for each invalid field (issue "client contract", item 3).
const RESULT = `__typename ... on Error { code message } ... on ValidationError { problems { field code message } }`;
const CREATE_ARTICLE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { ${RESULT} } }`;
const CREATE_PERSON = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { ${RESULT} } }`;
const UPDATE_ARTICLE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { ${RESULT} } }`;
const DELETE_PERSON = `mutation ($input: DeletePersonInput!) { deletePerson(input: $input) { ${RESULT} } }`;
const MERGE_PEOPLE = `mutation ($input: MergePeopleInput!) { mergePeople(input: $input) { ${RESULT} } }`;

const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');

describe(`mutation error codes (${databaseKind})`, () => {
  let lede: TestGateway;
  let admin: string;
  let sectionId: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    admin = await lede.apiKey('ADMIN');
    sectionId = id('Section', (await lede.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } })).id);
  });

  it('gives a validation error VALIDATION and each problem its own code', async () => {
    const { createArticle } = await lede.data(
      CREATE_ARTICLE,
      { input: { section: sectionId, headline: ' ', paragraphs: ['One.'], language: 'not a language' } },
      { apiKey: admin },
    );
    expect(createArticle.__typename).toBe('ValidationError');
    expect(createArticle.code).toBe('VALIDATION');
    const codes = Object.fromEntries(
      (createArticle.problems as { field: string; code: string }[]).map((problem) => [problem.field, problem.code]),
    );
    expect(codes).toStrictEqual({ headline: 'REQUIRED', language: 'INVALID_FORMAT' });
  });

  it('tells a taken slug, an overlong name and a loop apart', async () => {
    const taken = await lede.database.prisma.person.findFirstOrThrow();
    const { createPerson } = await lede.data(
      CREATE_PERSON,
      { input: { name: 'x'.repeat(1000), slug: taken.slug } },
      { apiKey: admin },
    );
    const problems = createPerson.problems as { field: string; code: string }[];
    expect(problems.map((problem) => [problem.field, problem.code])).toStrictEqual([
      ['name', 'TOO_LONG'],
      ['slug', 'ALREADY_USED'],
    ]);
    const { mergePeople } = await lede.data(
      MERGE_PEOPLE,
      { input: { survivor: id('Person', taken.id), duplicates: [id('Person', taken.id)] } },
      { apiKey: admin },
    );
    expect(mergePeople.problems).toStrictEqual([expect.objectContaining({ field: 'duplicates[0]', code: 'CYCLE' })]);
  });

  it('gives a conflict CONFLICT, a missing object NOT_FOUND, and a person still credited IN_USE', async () => {
    const article = await lede.database.prisma.article.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const { updateArticle } = await lede.data(
      UPDATE_ARTICLE,
      { input: { article: id('Article', article.id), version: article.version + 5, headline: 'Stale edit' } },
      { apiKey: admin },
    );
    expect([updateArticle.__typename, updateArticle.code]).toStrictEqual(['ConflictError', 'CONFLICT']);
    const missing = await lede.data(DELETE_PERSON, { input: { person: id('Person', 2_000_000) } }, { apiKey: admin });
    expect([missing.deletePerson.__typename, missing.deletePerson.code]).toStrictEqual(['NotFoundError', 'NOT_FOUND']);
    const credited = await lede.database.prisma.byline.findFirstOrThrow();
    const refused = await lede.data(
      DELETE_PERSON,
      { input: { person: id('Person', credited.personId) } },
      { apiKey: admin },
    );
    expect(refused.deletePerson.problems).toStrictEqual([expect.objectContaining({ field: 'person', code: 'IN_USE' })]);
  });

  it('documents every problem code in the schema', async () => {
    const { __type } = await lede.data('{ __type(name: "FieldProblemCode") { enumValues { name description } } }');
    const values = __type.enumValues as { name: string; description: string }[];
    expect(values.map((value) => value.name).sort()).toStrictEqual([...PROBLEM_CODES].sort());
    for (const value of values) expect(value.description.length).toBeGreaterThan(20);
  });
});
