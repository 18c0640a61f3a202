import type { Affiliation } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../shared/errors.ts';
import { checkName, lockRows, Problems } from './fields.ts';

export type NewAffiliation = {
  personId: number;
  organizationId: number;
  role: string;
  since?: Date | null;
  until?: Date | null;
};

export type AffiliationChanges = { role?: string; since?: Date | null; until?: Date | null };

export function createAffiliation({ prisma }: Db, input: NewAffiliation): Promise<Affiliation> {
  return prisma.$transaction(async (tx) => {
    const problems = new Problems();
    const role = checkName(problems, 'role', input.role);
    checkDates(problems, input.since ?? null, input.until ?? null);
    problems.throwIfAny();
    if (!(await lockRows(tx, 'Person', [input.personId])).has(input.personId)) {
      throw new NotFoundError('person', 'The person');
    }
    if (!(await lockRows(tx, 'Organization', [input.organizationId])).has(input.organizationId)) {
      throw new NotFoundError('organization', 'The organization');
    }
    return tx.affiliation.create({
      data: {
        personId: input.personId,
        organizationId: input.organizationId,
        role,
        since: input.since ?? null,
        until: input.until ?? null,
      },
    });
  });
}

/** Changes the role or dates; the dates are checked together with the ones already stored. */
export function updateAffiliation(
  { prisma }: Db,
  affiliationId: number,
  changes: AffiliationChanges,
): Promise<Affiliation> {
  return prisma.$transaction(async (tx) => {
    if (!(await lockRows(tx, 'Affiliation', [affiliationId])).has(affiliationId)) {
      throw new NotFoundError('affiliation', 'The affiliation');
    }
    const current = await tx.affiliation.findUniqueOrThrow({ where: { id: affiliationId } });
    const problems = new Problems();
    const role = changes.role === undefined ? current.role : checkName(problems, 'role', changes.role);
    const since = changes.since === undefined ? current.since : changes.since;
    const until = changes.until === undefined ? current.until : changes.until;
    checkDates(problems, since, until);
    problems.throwIfAny();
    return tx.affiliation.update({ where: { id: affiliationId }, data: { role, since, until } });
  });
}

export function deleteAffiliation({ prisma }: Db, affiliationId: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.affiliation.deleteMany({ where: { id: affiliationId } });
    if (count === 0) throw new NotFoundError('affiliation', 'The affiliation');
    return affiliationId;
  });
}

function checkDates(problems: Problems, since: Date | null, until: Date | null): void {
  if (since && until && until < since) {
    problems.add('until', 'OUT_OF_RANGE', `must not be before since (${since.toISOString().slice(0, 10)})`);
  }
}
