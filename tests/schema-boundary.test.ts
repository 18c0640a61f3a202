import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/shared/project-root.ts';

// The schema never touches SQL: resolvers translate arguments and call domain functions, which
// reach the database through the handle (the context) they are given.
const RULES: { reaches: string; pattern: RegExp }[] = [
  { reaches: 'a Prisma client', pattern: /\.prisma\b|\{\s*prisma\s*[,}]|\bPrismaClient\b/ },
  { reaches: 'raw SQL', pattern: /\$(queryRaw|executeRaw)|\bPrisma\.(sql|raw|join)\b/ },
  { reaches: 'the database layer', pattern: /from '\.\.\/db\// },
  { reaches: 'the engine', pattern: /from '\.\.\/engine\// },
];

/** Each line of `source` that breaks a rule, as `line: what it reaches`. */
function databaseReaches(source: string): string[] {
  return source
    .split('\n')
    .flatMap((line, index) =>
      RULES.filter((rule) => rule.pattern.test(line)).map((rule) => `${index + 1}: ${rule.reaches}`),
    );
}

describe('the schema never touches SQL', () => {
  it('finds each way a resolver could reach the database', () => {
    const offending = [
      "import { jsonFindMany } from '../engine/json-find-many.ts';",
      "import { textQueryOf } from '../db/client.ts';",
      'resolve: (_root, _args, context) => context.prisma.article.count(),',
      'const { prisma } = context;',
      'const rows = await client.$queryRaw`SELECT 1`;',
      'const where = Prisma.sql`TRUE`;',
    ];
    expect(offending.map((line) => databaseReaches(line))).toStrictEqual([
      ['1: the engine'],
      ['1: the database layer'],
      ['1: a Prisma client'],
      ['1: a Prisma client'],
      ['1: raw SQL'],
      ['1: raw SQL'],
    ]);
    // Pothos's Prisma plugin and the generated row types are not the database.
    expect(
      databaseReaches(
        "import { queryFromInfo } from '@pothos/plugin-prisma';\nconst A = builder.prismaNode('Article', {});",
      ),
    ).toStrictEqual([]);
  });

  it('holds for every schema file', async () => {
    const directory = path.join(projectRoot, 'src/schema');
    const files = (await readdir(directory)).filter((file) => file.endsWith('.ts'));
    expect(files).toContain('article-connection.ts');
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const reaches = databaseReaches(await readFile(path.join(directory, file), 'utf8'));
      if (reaches.length) found[file] = reaches;
    }
    expect(found).toStrictEqual({});
  });
});
