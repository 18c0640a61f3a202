import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { hasRole } from '../api-keys/keys.ts';
import { requestIdentity } from '../api-keys/request-identity.ts';

/** Persisted documents by their hex SHA-256 (or by a custom id for entries that are not hashes). */
export type PersistedOperations = Map<string, string>;

export class PersistedOperationsError extends Error {}

/**
 * Reads manifests in the format GraphQL Code Generator's client preset writes
 * (`{ "sha256:<hex>": "<document>" }`; bare hex keys work too). A hash that does not match its
 * document is refused, so a hand-edited manifest cannot make a hash run another query.
 */
export async function loadPersistedOperations(paths: readonly string[]): Promise<PersistedOperations> {
  const operations: PersistedOperations = new Map();
  for (const path of paths) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PersistedOperationsError(`cannot read the persisted-operations manifest ${path}: ${reason}`);
    }
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
      throw new PersistedOperationsError(`${path} is not an object of "sha256:<hash>": "<document>" entries`);
    }
    for (const [key, document] of Object.entries(manifest)) {
      const id = normalizeId(key);
      if (typeof document !== 'string') throw new PersistedOperationsError(`${path}: "${key}" is not a document`);
      if (isSha256(id) && sha256(document) !== id) {
        throw new PersistedOperationsError(`${path}: "${key}" is not the SHA-256 of its document`);
      }
      operations.set(id, document);
    }
  }
  return operations;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What the response-cache plugin marks a result it answered from the cache with. */
const SERVED_FROM_RESPONSE_CACHE = Symbol.for('servedFromResponseCache');

const isSha256 = (id: string) => /^[0-9a-f]{64}$/.test(id);

/** `sha256:<hex>` (codegen's `__meta__.hash`, the GraphQL-over-HTTP `documentId`) and bare hex name the same document. */
export function normalizeId(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
}

/**
 * The id a request names: `extensions.persistedQuery.sha256Hash` (APQ, urql's and Apollo's
 * persisted exchanges) or `documentId` (the GraphQL-over-HTTP persisted documents appendix, in the
 * JSON body or the GET query string).
 */
export function persistedOperationId(params: GraphQLParams, request: Request): string | null {
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  if (typeof hash === 'string') return normalizeId(hash);
  const documentId =
    (params as { documentId?: unknown }).documentId ??
    (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null);
  return typeof documentId === 'string' ? normalizeId(documentId) : null;
}

export type PersistedOperationsOptions = {
  operations: PersistedOperations;
  /** Refuse documents sent as text (except from editors' keys and local tools). */
  persistedOnly: boolean;
  /** Where automatic persisted queries are kept when not in allow-list mode. */
  automatic?: AutomaticPersistedQueries;
};

/**
 * Automatic persisted queries (APQ): a client sends the hash alone; on PERSISTED_QUERY_NOT_FOUND it
 * sends hash and text once, and Lede keeps them. Kept in memory, per gateway, least recently used
 * dropped first, within a budget of bytes so that clients cannot fill the memory with documents.
 * Each entry costs its id and its text, so a flood of tiny documents is bounded as well.
 */
export class AutomaticPersistedQueries {
  private readonly documents: LRUCache<string, string>;

  constructor(private readonly maxBytes = 5 * 1024 * 1024) {
    this.documents = new LRUCache<string, string>({
      maxSize: maxBytes,
      sizeCalculation: (document, id) => Math.max(1, id.length + document.length),
    });
  }

  get(id: string): string | undefined {
    return this.documents.get(id);
  }

  set(id: string, document: string): void {
    if (this.documents.has(id) || document.length > this.maxBytes / 10) return;
    this.documents.set(id, document);
  }

  get size(): number {
    return this.documents.size;
  }
}

/**
 * Runs operations from the manifest by hash. With `persistedOnly`, it is an allow-list: anonymous
 * and reader requests must name a manifest entry. Editors' keys and local tools may still send text,
 * because the newsroom's own tools (the importer, GraphiQL with a key, the CMS) send mutations that
 * no app manifest holds, and those callers are known and rate-limited by key.
 */
export function usePersistedOperationsManifest(options: PersistedOperationsOptions): Plugin {
  const { operations, persistedOnly } = options;
  const automatic = persistedOnly ? undefined : (options.automatic ?? new AutomaticPersistedQueries());
  const plugin = usePersistedOperations({
    extractPersistedOperationId: persistedOperationId,
    getPersistedOperation: (id) => operations.get(id) ?? automatic?.get(id) ?? null,
    allowArbitraryOperations: persistedOnly ? mayRunText : true,
    customErrors: {
      notFound: {
        // Persisted-query clients (urql, Apollo) resend the full text on this message and code.
        message: persistedOnly
          ? 'This operation is not in the persisted-operations list of this gateway. Regenerate your manifest and deploy it (README "Persisted operations").'
          : 'PersistedQueryNotFound',
        extensions: {
          code: persistedOnly ? 'PERSISTED_QUERY_NOT_IN_LIST' : 'PERSISTED_QUERY_NOT_FOUND',
          http: { status: persistedOnly ? 400 : 200 },
        },
      },
      keyNotFound: {
        message: 'Send a query, `extensions.persistedQuery.sha256Hash` or `documentId`.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          'This gateway only runs persisted operations: send the hash of an operation from its manifest in `extensions.persistedQuery.sha256Hash` or `documentId` (README "Persisted operations").',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  });
  // APQ registrations whose text is kept once it has passed every check (size, parse, validation,
  // limits, cost): when it is executed or subscribed to, or answered from the response cache, which
  // holds only answers to text that passed them. Text refused on the way never takes another's place.
  const registrations = new WeakMap<Request, { id: string; query: string }>();
  const register = (request: Request | undefined) => {
    const registration = request && registrations.get(request);
    if (!registration || !automatic) return;
    automatic.set(registration.id, registration.query);
    registrations.delete(request);
  };
  return {
    ...plugin,
    onParams(payload) {
      const id = persistedOperationId(payload.params, payload.request);
      const query = payload.params.query;
      if (automatic && query && id !== null) {
        // An APQ registration: keep the text under its hash, if it is the hash of that text.
        if (sha256(query) !== id) {
          throw createGraphQLError('PersistedQueryMismatch: the hash is not the SHA-256 of the query text.', {
            extensions: { code: 'PERSISTED_QUERY_MISMATCH', http: { status: 400 } },
          });
        }
        if (!operations.has(id) && automatic.get(id) === undefined) registrations.set(payload.request, { id, query });
        return;
      }
      // Without the allow-list, text runs as sent, and a request with neither gets Yoga's own
      // "Must provide query string."
      if (!persistedOnly && (query || id === null)) return;
      return plugin.onParams?.(payload);
    },
    onExecute({ args }) {
      register((args.contextValue as { request?: Request }).request);
    },
    onSubscribe({ args }) {
      register((args.contextValue as { request?: Request }).request);
    },
    onResultProcess({ request, result }) {
      if ((result as Record<symbol, unknown>)[SERVED_FROM_RESPONSE_CACHE]) register(request);
    },
  };
}

/** Editors' keys and the local tools may send text under the allow-list. */
async function mayRunText(request: Request): Promise<boolean> {
  const identity = requestIdentity(request);
  if (identity.kind === 'anonymous') return false;
  const viewer = await identity.viewer().catch(() => null);
  return hasRole(viewer, 'EDITOR');
}
