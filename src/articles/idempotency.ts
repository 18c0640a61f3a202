import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { createArticleIn, type NewArticle } from './editor.ts';
import { type ArticleChangeListener, articleState, changeEvent } from './events.ts';

/** How long a key is remembered, in ms (24 hours): retries come within minutes, not days. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_CHARACTERS = 200;

/** Same input, same hash, whatever the order of its object keys. */
export function inputHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, entry]) => entry !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, entry]) => [key, canonical(entry)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * Creates the article unless this client already did so with the same key; then it returns that
 * article instead. The key is stored in the article's transaction, so it exists exactly when the
 * article does. A concurrent request with the same key fails once the first commits, and then
 * returns the first one's article.
 */
export async function createArticleOnce(
  { prisma }: Db,
  client: { apiKeyId: number; key: string; input: unknown },
  article: NewArticle,
  onChange?: ArticleChangeListener,
) {
  const { apiKeyId, key } = client;
  if (!key.trim() || key.length > MAX_IDEMPOTENCY_KEY_CHARACTERS) {
    throw ValidationError.of(
      'idempotencyKey',
      'INVALID_FORMAT',
      `must be 1 to ${MAX_IDEMPOTENCY_KEY_CHARACTERS} characters`,
    );
  }
  const hash = inputHash(client.input);
  const earlier = await replay(prisma, apiKeyId, key, hash);
  if (earlier) return earlier;
  try {
    const [created, after] = await prisma.$transaction(async (tx) => {
      const now = new Date();
      await tx.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
      const created = await createArticleIn(tx, article);
      await tx.idempotencyKey.create({
        data: {
          apiKeyId,
          key,
          operation: 'createArticle',
          inputHash: hash,
          articleId: created.id,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS),
        },
      });
      return [created, onChange && (await articleState(tx, created.id))] as const;
    });
    onChange?.(changeEvent(created.id, null, after ?? null));
    return created;
  } catch (error) {
    // A request with the same key that committed first makes this one fail: on the key's primary
    // key (P2002), or earlier, on the slug the first one took. Either way the first one's article
    // is the answer.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError || error instanceof ValidationError)) throw error;
    const winner = await replay(prisma, apiKeyId, key, hash);
    if (winner) return winner;
    throw error;
  }
}

async function replay(prisma: PrismaClient, apiKeyId: number, key: string, hash: string) {
  const stored = await prisma.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!stored || stored.expiresAt <= new Date()) return null;
  if (stored.inputHash !== hash || stored.operation !== 'createArticle') {
    throw ValidationError.of(
      'idempotencyKey',
      'ALREADY_USED',
      'was already used for a different article; send a new key for a new article, or the same input to retry',
    );
  }
  const article = await prisma.article.findUnique({ where: { id: stored.articleId } });
  if (!article) throw new NotFoundError('idempotencyKey', 'The article created with this key (since deleted)');
  return article;
}
