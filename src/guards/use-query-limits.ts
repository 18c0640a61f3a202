import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../config.ts';
import { containsNul } from '../schema/input-ranges.ts';
import { type LimitCode, limitError } from './limit-error.ts';

type ShapeLimits = Pick<Limits, 'maxQueryBytes' | 'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxDirectives'>;

/**
 * Brackets of every kind (selection sets, arguments, list and object values) and variable values
 * may nest this much deeper than `maxDepth` fields: room for arguments, never enough to exhaust
 * the stack of graphql-js's recursive parser and input coercion.
 */
const NESTING_ALLOWANCE = 20;
/** Items in one list of the variables: keeps every statement far below PostgreSQL's 65,535 bind parameters. */
const MAX_LIST_ITEMS = 1000;

const nestingLimit = (limits: ShapeLimits) => limits.maxDepth + NESTING_ALLOWANCE;

const nulError = (where: string) =>
  new GraphQLError(`${where} contains the NUL character (U+0000), which text cannot hold.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
  });

/**
 * Refuses oversized, deep or wide query documents before anything runs: query text size and the
 * shape of the variables here, then a scan of the tokens before parsing (their number, how deep
 * brackets nest, NUL characters in strings), then GraphQL Armor's depth, alias and directive
 * limits (validation rules), their errors reworded to carry a stable code and the measured value.
 * In production Armor also drops "Did you mean …" suggestions, which would reveal the schema.
 */
export function useQueryLimits(limits: ShapeLimits, options: { hideSuggestions: boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(armor(limits, options.hideSuggestions));
      addPlugin(useDocumentScan(limits));
    },
    onParams({ params }) {
      checkVariables(params.variables, nestingLimit(limits));
      // Malformed parameters (a query that is not a string) are Yoga's to refuse, just after this.
      if (typeof params.query !== 'string') return;
      const bytes = Buffer.byteLength(params.query, 'utf8');
      if (bytes > limits.maxQueryBytes) {
        throw limitError(
          'QUERY_TOO_LARGE',
          `Query text of ${bytes} bytes exceeds the limit of ${limits.maxQueryBytes} bytes.`,
          limits.maxQueryBytes,
          bytes,
          413,
        );
      }
    },
  };
}

/** Thrown by Armor's token limit; useTokenCount turns it into the client's error. */
class TokenLimitExceeded extends Error {}

function armor(limits: ShapeLimits, hideSuggestions: boolean): Plugin {
  // Armor reports "Syntax Error: Query depth limit of 12 exceeded, found 13."; the rule's visitor
  // keeps going, so every exceeded limit is reported as its own validation error.
  const reportAs = (code: LimitCode, limit: number) => (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const found = Number(/found (\d+)/.exec(message)?.[1]);
    context?.reportError(limitError(code, message, limit, Number.isNaN(found) ? undefined : found));
  };
  // Armor types its plugin for plain envelop; Yoga's initial context only adds to that.
  return EnvelopArmorPlugin({
    maxTokens: {
      n: limits.maxTokens,
      onReject: [
        () => {
          throw new TokenLimitExceeded();
        },
      ],
    },
    maxDepth: {
      n: limits.maxDepth,
      // Relay clients nest fragments freely; only the fields count.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs('QUERY_TOO_DEEP', limits.maxDepth)],
    },
    maxAliases: {
      n: limits.maxAliases,
      // Armor lets `__typename` aliases through by default; each is an answer field like any other.
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportAs('QUERY_TOO_MANY_ALIASES', limits.maxAliases)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportAs('QUERY_TOO_MANY_DIRECTIVES', limits.maxDirectives)],
    },
    // Cost is priced by guards/use-query-cost.ts, which knows our connections.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: hideSuggestions, mask: '' },
  }) as Plugin;
}

/**
 * Scans the document's tokens before the (recursive) parser sees it, and refuses it when it has too
 * many tokens, brackets nested too deep, or a string holding a NUL character. Armor's token-limited
 * parser, which this wraps, stays as a second guard.
 */
function useDocumentScan(limits: ShapeLimits): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        scanDocument(typeof source === 'string' ? source : source.body, limits);
        try {
          return parseFn(source, options);
        } catch (error) {
          if (!(error instanceof TokenLimitExceeded)) throw error;
          throw tooManyTokens(limits.maxTokens);
        }
      });
    },
  };
}

const tooManyTokens = (maxTokens: number, found?: number) =>
  limitError(
    'QUERY_TOO_MANY_TOKENS',
    `Query token limit of ${maxTokens} exceeded, found ${found ?? `more than ${maxTokens}`}.`,
    maxTokens,
    found,
  );

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Tokens counted as Armor counts them (comments excluded); text that does not lex is the parser's to refuse. */
function scanDocument(text: string, limits: ShapeLimits): void {
  const lexer = new Lexer(new Source(text));
  const maxNesting = nestingLimit(limits);
  let tokens = 0;
  let nesting = 0;
  let deepest = 0;
  let hasNul = false;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens++;
      if (OPENING.has(token.kind)) deepest = Math.max(deepest, ++nesting);
      else if (CLOSING.has(token.kind)) nesting--;
      else if (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) {
        hasNul ||= containsNul(token.value);
      }
    }
  } catch {
    // A syntax error: the parser reports it, with its location.
  }
  if (tokens > limits.maxTokens) throw tooManyTokens(limits.maxTokens, tokens);
  if (deepest > maxNesting) {
    throw limitError(
      'QUERY_TOO_DEEP',
      `Query nesting limit of ${maxNesting} brackets exceeded, found ${deepest}.`,
      maxNesting,
      deepest,
    );
  }
  if (hasNul) throw nulError('A string in the query');
}

/**
 * Walks the variables without recursion, before graphql-js coerces them (recursively): refuses
 * values nested deeper than `maxNesting`, lists longer than MAX_LIST_ITEMS and strings holding NUL.
 * Files (uploads) and other non-JSON values are left to the schema.
 */
function checkVariables(variables: unknown, maxNesting: number): void {
  const pending: { value: unknown; depth: number; name: string }[] = [{ value: variables, depth: 0, name: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth, name } = next;
    if (typeof value === 'string') {
      if (containsNul(value)) throw nulError(`Variable "$${name}"`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxNesting) {
      throw limitError(
        'VARIABLES_TOO_DEEP',
        `Variable "$${name}" nests deeper than the limit of ${maxNesting}.`,
        maxNesting,
      );
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) {
        throw limitError(
          'LIST_TOO_LONG',
          `Variable "$${name}" holds a list of ${value.length} items; the limit is ${MAX_LIST_ITEMS}.`,
          MAX_LIST_ITEMS,
          value.length,
        );
      }
      for (const item of value) pending.push({ value: item, depth: depth + 1, name });
    } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
      for (const [key, item] of Object.entries(value)) {
        pending.push({ value: item, depth: depth + 1, name: depth === 0 ? key : name });
      }
    }
  }
}
