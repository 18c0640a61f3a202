import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type GraphQLError, Lexer, Source, TokenKind, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../config.ts';
import { type LimitCode, limitError } from './limit-error.ts';

type ShapeLimits = Pick<Limits, 'maxQueryBytes' | 'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxDirectives'>;

/**
 * Refuses oversized, deep or wide query documents before anything runs: query text size here, then
 * GraphQL Armor's token limit (while parsing) and depth, alias and directive limits (validation
 * rules), their errors reworded to carry a stable code and the measured value. In production
 * Armor also drops "Did you mean …" suggestions, which would reveal the schema.
 */
export function useQueryLimits(limits: ShapeLimits, options: { hideSuggestions: boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(armor(limits, options.hideSuggestions));
      addPlugin(useTokenCount(limits.maxTokens));
    },
    onParams({ params }) {
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
    // Cost is priced by plugins/use-query-cost.ts, which knows our connections.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: hideSuggestions, mask: '' },
  }) as Plugin;
}

/** Wraps Armor's token-limited parser so its refusal says how many tokens the document has. */
function useTokenCount(maxTokens: number): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (!(error instanceof TokenLimitExceeded)) throw error;
          const found = countTokens(typeof source === 'string' ? source : source.body);
          throw limitError(
            'QUERY_TOO_MANY_TOKENS',
            `Query token limit of ${maxTokens} exceeded, found ${found ?? `more than ${maxTokens}`}.`,
            maxTokens,
            found,
          );
        }
      });
    },
  };
}

/** Tokens as Armor counts them (comments excluded); undefined when the text does not lex. */
function countTokens(text: string): number | undefined {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    return undefined;
  }
  return count;
}
