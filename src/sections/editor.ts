import type { Section } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../db/client.ts';
import {
  checkDescription,
  checkName,
  chooseSlug,
  lockRows,
  lockTree,
  Problems,
  selfAndAncestors,
  transactionWithSlug,
} from '../entities/fields.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

export type NewSection = {
  name: string;
  slug?: string;
  description?: string | null;
  parentId?: number | null;
  position?: number;
};

export type SectionChanges = {
  name?: string;
  slug?: string;
  description?: string | null;
  /** null moves the section to the top level. */
  parentId?: number | null;
  position?: number;
};

/** Creates a section; without a position it goes after its siblings. */
export function createSection({ prisma }: Db, input: NewSection): Promise<Section> {
  return transactionWithSlug(prisma, async (tx) => {
    const problems = new Problems();
    const name = checkName(problems, 'name', input.name);
    const description = checkDescription(problems, 'description', input.description ?? null);
    checkPosition(problems, input.position);
    const slug = await chooseSlug(tx, problems, 'section', { explicit: input.slug, name, exceptId: null });
    problems.throwIfAny();
    const parentId = input.parentId ?? null;
    if (parentId !== null && !(await lockRows(tx, 'Section', [parentId])).has(parentId)) {
      throw new NotFoundError('parent', 'The parent section');
    }
    const position = input.position ?? (await nextPosition(tx, parentId));
    return tx.section.create({ data: { name, slug, description, parentId, position } });
  });
}

/** Changes a section. A move without a position puts it after its new siblings; a move may not make a loop. */
export function updateSection({ prisma }: Db, sectionId: number, changes: SectionChanges): Promise<Section> {
  return transactionWithSlug(prisma, async (tx) => {
    const parentId = changes.parentId;
    if (parentId !== undefined) await lockTree(tx, 'Section');
    const found = await lockRows(tx, 'Section', [sectionId, ...(parentId ? [parentId] : [])]);
    if (!found.has(sectionId)) throw new NotFoundError('section', 'The section');
    if (parentId && !found.has(parentId)) throw new NotFoundError('parent', 'The parent section');
    const current = await tx.section.findUniqueOrThrow({ where: { id: sectionId } });

    const problems = new Problems();
    const name = changes.name === undefined ? current.name : checkName(problems, 'name', changes.name);
    const description =
      changes.description === undefined
        ? current.description
        : checkDescription(problems, 'description', changes.description);
    checkPosition(problems, changes.position);
    const slug =
      changes.slug === undefined || changes.slug === current.slug
        ? current.slug
        : await chooseSlug(tx, problems, 'section', { explicit: changes.slug, name, exceptId: sectionId });
    if (parentId && (await selfAndAncestors(tx, 'Section', parentId)).some((row) => row.id === sectionId)) {
      problems.add('parent', 'CYCLE', 'cannot be the section itself or a section below it: that would make a loop');
    }
    problems.throwIfAny();

    const moved = parentId !== undefined && parentId !== current.parentId;
    const position = changes.position ?? (moved ? await nextPosition(tx, parentId) : current.position);
    return tx.section.update({
      where: { id: sectionId },
      data: { name, description, slug, position, ...(parentId !== undefined && { parentId }) },
    });
  });
}

/** Deletes a section that has no sections below it and no articles filed in it. */
export function deleteSection({ prisma }: Db, sectionId: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    if (!(await lockRows(tx, 'Section', [sectionId])).has(sectionId)) {
      throw new NotFoundError('section', 'The section');
    }
    const children = await tx.section.count({ where: { parentId: sectionId } });
    const articles = await tx.article.count({
      where: { OR: [{ sectionId }, { otherSections: { some: { sectionId } } }] },
    });
    const reasons = [
      ...(children
        ? [`it has ${children} section${children === 1 ? '' : 's'} below it; move or delete them first`]
        : []),
      ...(articles
        ? [`${articles} article${articles === 1 ? ' is' : 's are'} filed in it; move them to another section first`]
        : []),
    ];
    if (reasons.length)
      throw new ValidationError(reasons.map((message) => ({ field: 'section', code: 'IN_USE' as const, message })));
    await tx.section.delete({ where: { id: sectionId } });
    return sectionId;
  });
}

function checkPosition(problems: Problems, position: number | undefined): void {
  if (position !== undefined && position < 0) problems.add('position', 'OUT_OF_RANGE', 'must not be negative');
}

async function nextPosition(tx: Tx, parentId: number | null): Promise<number> {
  const { _max } = await tx.section.aggregate({ where: { parentId }, _max: { position: true } });
  return _max.position === null ? 0 : _max.position + 1;
}
