import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, type GraphQLError, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedTextCache } from './bounded-parse-cache.ts';
import { limitError } from './limit-error.ts';
import { scanCost } from './query-cost.ts';

/** Characters of operation names and variables whose prices are kept for one document. */
const PRICED_TEXT_PER_DOCUMENT = 20_000;
/** Characters charged for each price besides its key, for the entry's own memory (tiny keys add up). */
const PRICE_ENTRY_COST = 64;

/**
 * An uploaded file in the variables stands in the key as its size: its bytes do not change the
 * price, and serialised they are a JSON array of every byte.
 */
const withoutFiles = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && typeof (value as Blob).arrayBuffer === 'function'
    ? `file of ${(value as Blob).size} bytes`
    : value;

export type QueryCost = { requested: number; limit: number };

const costKey = Symbol('lede.queryCost');
type WithCost = { [costKey]?: QueryCost };
type RequestParams = { variables?: Record<string, unknown>; operationName?: string | null };

/**
 * Prices every valid operation before it runs (the fields' prices are set in the builder, the
 * scans added to them: see guards/query-cost.ts), refuses it when the price exceeds `maxCost`, and reports the price in
 * `extensions.cost` of every response that ran. The price depends on the variables (`first: $n`),
 * so it is kept for each document and set of variables, after the (cached) validation of the document.
 */
export function useQueryCost(maxCost: number, pageSizes: { default: number; max: number }): Plugin {
  // Pricing walks the whole document through graphql's validator, which cost a front page about 4 %
  // of its CPU. The price of an accepted operation is a function of its document, operation name
  // and variables, so it is kept per parsed document (Yoga's parse cache hands the same object back)
  // and per operation name and variables; a refused one is priced again, and refused again.
  const prices = new WeakMap<DocumentNode, BoundedTextCache<number>>();
  return {
    onValidate({ context, params: { schema, documentAST } }) {
      return ({ valid, extendContext }) => {
        // Invalid documents already have their errors; pricing them would only repeat those.
        if (!valid) return;
        const request = (context as { params?: RequestParams }).params;
        const key = `${request?.operationName ?? ''}\n${JSON.stringify(request?.variables ?? {}, withoutFiles)}`;
        let known = prices.get(documentAST);
        const price = known?.get(key);
        if (price !== undefined) {
          extendContext({ [costKey]: { requested: price, limit: maxCost } } satisfies WithCost as object);
          return;
        }
        let cost: number | undefined;
        const rule = createComplexityRule({
          context: {},
          variableValues: request?.variables ?? {},
          operationName: request?.operationName ?? undefined,
          validate: ({ complexity }) => {
            cost = complexity;
          },
        });
        // Errors here are the request's variables or arguments failing their checks: report them
        // now, as validation errors, rather than price the operation without them.
        const errors: GraphQLError[] = [...validate(schema, documentAST, [rule])];
        if (cost !== undefined) {
          cost += scanCost(
            schema,
            documentAST,
            request?.operationName ?? undefined,
            request?.variables ?? {},
            pageSizes,
          );
        }
        if (cost !== undefined && cost > maxCost) {
          errors.push(
            limitError(
              'QUERY_TOO_COSTLY',
              `Query cost limit of ${maxCost} exceeded, found ${cost}. Ask for smaller pages (first/last) or fewer nested lists.`,
              maxCost,
              cost,
            ),
          );
        }
        if (errors.length > 0) {
          for (const error of errors) {
            Object.assign(error.extensions, {
              code: error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED',
              http: { spec: true, status: 400 },
            });
          }
          // Thrown rather than set as the result, so Yoga's validation cache (which runs after
          // this) never stores a verdict that belongs to these variables only.
          throw errors.length === 1 ? errors[0] : new AggregateError(errors);
        }
        if (cost !== undefined) {
          if (!known) {
            known = new BoundedTextCache<number>(
              PRICED_TEXT_PER_DOCUMENT,
              PRICED_TEXT_PER_DOCUMENT / 10,
              PRICE_ENTRY_COST,
            );
            prices.set(documentAST, known);
          }
          known.set(key, cost);
          // Yoga's context type does not know our key; the execution's contextValue carries it.
          extendContext({ [costKey]: { requested: cost, limit: maxCost } } satisfies WithCost as object);
        }
      };
    },
    onExecute({ args }) {
      const cost = (args.contextValue as WithCost)[costKey];
      if (!cost) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}
