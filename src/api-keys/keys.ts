import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRole, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';

export type Viewer = { keyId: number; name: string; role: ApiKeyRole };

const KEY_PREFIX = 'lede_';

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a key and returns its secret: the only time it is ever shown. */
export async function createApiKey({ prisma }: Db, input: { name: string; role: ApiKeyRole }) {
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const record = await prisma.apiKey.create({
    data: { name: input.name, role: input.role, secretHash: hashSecret(secret), prefix: secret.slice(0, 12) },
  });
  return { secret, record };
}

export async function revokeApiKey({ prisma }: Db, id: number): Promise<boolean> {
  const result = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count === 1;
}

/** What a GraphQL selection asks of a key (Pothos's `query`). */
type ApiKeySelection = { select?: Prisma.ApiKeySelect };

/** Every key, revoked ones included, newest first. */
export function listApiKeys({ prisma }: Db, selection: ApiKeySelection = {}) {
  return prisma.apiKey.findMany({ ...selection, orderBy: { id: 'desc' } });
}

/** The key with this number, which the caller knows exists. */
export function findApiKey({ prisma }: Db, id: number, selection: ApiKeySelection = {}) {
  return prisma.apiKey.findUniqueOrThrow({ ...selection, where: { id } });
}

export class InvalidApiKeyError extends Error {}

/** The key in an `Authorization: Bearer <key>` header, however spaced or cased; null when malformed. */
export function bearerKey(authorization: string): string | null {
  return /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] ?? null;
}

/**
 * The viewer an `Authorization` header names: null without a header, an error for a key that is
 * malformed, unknown or revoked (a client that sends a key expects it to work).
 */
export async function viewerFromHeader(prisma: PrismaClient, header: string | null): Promise<Viewer | null> {
  if (!header) return null;
  const secret = bearerKey(header);
  if (!secret) throw new InvalidApiKeyError('The Authorization header must be "Bearer <API key>".');
  const key = await prisma.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  if (!key || key.revokedAt) throw new InvalidApiKeyError('The API key is not valid or has been revoked.');
  return { keyId: key.id, name: key.name, role: key.role };
}

const rank: Record<ApiKeyRole, number> = { READER: 1, EDITOR: 2, ADMIN: 3 };

/** Each role includes the ones below it: an admin may do what an editor may. */
export function hasRole(viewer: Viewer | null, role: ApiKeyRole): boolean {
  return viewer !== null && rank[viewer.role] >= rank[role];
}

/**
 * Whether a viewer may change content at all: every mutation that does asks for the editor or the
 * admin scope (tests/response-cache.test.ts checks the schema for it). Anyone else's mutation is
 * refused, so nothing that follows writes (the response cache's purge) needs to run for it.
 */
export function mayChangeContent(viewer: Viewer | null): boolean {
  return hasRole(viewer, 'EDITOR');
}
