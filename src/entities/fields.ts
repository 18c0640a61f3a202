import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Tx } from '../db/client.ts';
import { type FieldProblem, type ProblemCode, ValidationError } from '../shared/errors.ts';
import { slugFor } from '../shared/slugs.ts';

export const MAX_NAME_CHARACTERS = 200;
export const MAX_ALIASES = 50;
export const MAX_DESCRIPTION_CHARACTERS = 1_000;
export const MAX_SLUG_CHARACTERS = 80;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Every problem with one input, so that a form can show them all at once. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, code: ProblemCode, message: string): void {
    this.list.push({ field, code, message });
  }

  throwIfAny(): void {
    if (this.list.length) throw new ValidationError(this.list);
  }
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A name or role with its whitespace tidied; blank or overlong names are problems. */
export function checkName(problems: Problems, field: string, value: string): string {
  const name = tidy(value);
  if (!name) problems.add(field, 'REQUIRED', 'must not be empty');
  else if (name.length > MAX_NAME_CHARACTERS)
    problems.add(field, 'TOO_LONG', `must be at most ${MAX_NAME_CHARACTERS} characters`);
  return name;
}

/** Free text that may be removed: blank becomes null. */
export function checkDescription(problems: Problems, field: string, value: string | null): string | null {
  const text = value?.trim() || null;
  if (text && text.length > MAX_DESCRIPTION_CHARACTERS) {
    problems.add(field, 'TOO_LONG', `must be at most ${MAX_DESCRIPTION_CHARACTERS.toLocaleString('en')} characters`);
  }
  return text;
}

/** Tidied aliases, each checked like a name; exact repeats are dropped. */
export function checkAliases(problems: Problems, field: string, values: readonly string[]): string[] {
  const aliases = values.map((value, index) => checkName(problems, `${field}[${index}]`, value));
  return [...new Set(aliases)];
}

/** The aliases an entity ends up with: no repeats, not its own name, at most MAX_ALIASES. */
export function finalAliases(problems: Problems, field: string, name: string, aliases: readonly string[]): string[] {
  const result = [...new Set(aliases)].filter((alias) => alias && alias !== name);
  if (result.length > MAX_ALIASES) {
    problems.add(field, 'TOO_MANY', `would give ${result.length} aliases; at most ${MAX_ALIASES} are allowed`);
  }
  return result;
}

export type SlugOwner = 'person' | 'organization' | 'section';

/**
 * The explicit slug once checked, or a free one made from the name (`name`, `name-2`, `name-3`…).
 * Holds a lock on the owner's slugs until the transaction ends, so concurrent saves pick in turn.
 */
export async function chooseSlug(
  tx: Tx,
  problems: Problems,
  owner: SlugOwner,
  slug: { explicit: string | undefined; name: string; exceptId: number | null },
): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lede:${owner}.slug`}))`;
  const taken = async (candidate: string) => {
    const where = { where: { slug: candidate }, select: { id: true } };
    const found =
      owner === 'person'
        ? await tx.person.findUnique(where)
        : owner === 'organization'
          ? await tx.organization.findUnique(where)
          : await tx.section.findUnique(where);
    return !!found && found.id !== slug.exceptId;
  };
  if (slug.explicit === undefined) return slugFor(slug.name, owner, taken);
  if (!SLUG.test(slug.explicit) || slug.explicit.length > MAX_SLUG_CHARACTERS) {
    problems.add(
      'slug',
      'INVALID_FORMAT',
      `must be lowercase letters, digits and single hyphens, at most ${MAX_SLUG_CHARACTERS} characters`,
    );
  } else if (await taken(slug.explicit)) {
    problems.add('slug', 'ALREADY_USED', `"${slug.explicit}" is already used by another ${owner}`);
  }
  return slug.explicit;
}

/**
 * Runs `work` in one transaction. A writer outside these editors (the importer) can take a slug
 * between the check and the insert; then the transaction runs again and the check sees it.
 */
export async function transactionWithSlug<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work);
    } catch (error) {
      if (!isSlugConflict(error)) throw error;
      if (attempt === 3)
        throw ValidationError.of('slug', 'TRY_AGAIN', 'was taken by a save at the same moment; send it again');
    }
  }
}

function isSlugConflict(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === 'P2002' &&
    JSON.stringify(error.meta ?? {}).includes('slug')
  );
}

export type LockableTable = 'Section' | 'Person' | 'Organization' | 'Affiliation';

/**
 * Locks the rows until the transaction ends and returns the ids that exist. Writers that link to
 * a locked row wait, so counts and merges see every link.
 */
export async function lockRows(tx: Tx, table: LockableTable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ANY(${[...ids]}) ORDER BY "id" FOR UPDATE`;
  return new Set(rows.map((row) => row.id));
}

/** Serialises changes to one tree's parent links, so that two concurrent moves cannot form a loop. */
export async function lockTree(tx: Tx, table: 'Section' | 'Organization'): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lede:${table}.parentId`}))`;
}

/** The row and the rows above it in its tree, nearest first. */
export async function selfAndAncestors(
  tx: Tx,
  table: 'Section' | 'Organization',
  id: number,
): Promise<{ id: number; parentId: number | null }[]> {
  const rows = await tx.$queryRaw<{ id: number; parentId: number | null; depth: number }[]>`
    WITH RECURSIVE up ("id", "parentId", "depth", "path") AS (
      SELECT "id", "parentId", 0, ARRAY["id"] FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id}
      UNION ALL
      SELECT t."id", t."parentId", up."depth" + 1, up."path" || t."id"
      FROM ${Prisma.raw(`"${table}"`)} t JOIN up ON t."id" = up."parentId"
      WHERE NOT t."id" = ANY(up."path")
    )
    SELECT "id", "parentId", "depth" FROM up ORDER BY "depth"`;
  return rows.map((row) => ({ id: row.id, parentId: row.parentId }));
}

export type NameChanges = {
  name?: string;
  aliases?: readonly string[];
  addAliases?: readonly string[];
  /** Default true: a renamed entity keeps its old name as an alias, so text using it still links. */
  keepOldNameAsAlias?: boolean;
};

/** The name and aliases after an update; `aliases` replaces the list, `addAliases` extends it. */
export function renamed(
  problems: Problems,
  current: { name: string; aliases: string[] },
  changes: NameChanges,
): { name: string; aliases: string[] } {
  const name = changes.name === undefined ? current.name : checkName(problems, 'name', changes.name);
  const aliases = [
    ...(changes.aliases === undefined ? current.aliases : checkAliases(problems, 'aliases', changes.aliases)),
    ...checkAliases(problems, 'addAliases', changes.addAliases ?? []),
    ...(name !== current.name && (changes.keepOldNameAsAlias ?? true) ? [current.name] : []),
  ];
  return { name, aliases: finalAliases(problems, 'aliases', name, aliases) };
}
