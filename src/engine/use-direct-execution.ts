import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DirectPlans, executeDirectly } from './direct-execution.ts';
import type { FallbackReason } from './direct-plan.ts';

/** For a resolver: its rows' selection with what PostgreSQL may write of them as response text. */
export { childPlanOf, withWrittenResponses } from './direct-execution.ts';

/** The builder's half: a row that carries a field's columns answers it under graphql-js too. */
export { default as LoadedColumnsPlugin } from './loaded-columns.ts';

export type DirectExecutionStats = {
  direct: number;
  graphql: number;
  /** Direct executions whose response holds parts PostgreSQL wrote (`withWrittenResponses`). */
  written: number;
};

export type DirectExecutionOptions = {
  stats?: DirectExecutionStats;
  /** Called for each operation left to graphql-js, with why (a metric's label). */
  countFallback?: (reason: FallbackReason) => void;
};

/**
 * Runs queries by direct execution (engine/direct-execution.ts) where it has a plan, and by
 * graphql-js otherwise or when direct execution gives an operation back. Must come before the
 * response cache, whose executor wraps the one set here.
 */
export function useDirectExecution(
  schema: GraphQLSchema,
  { stats, countFallback }: DirectExecutionOptions = {},
): Plugin {
  const plans = new DirectPlans(schema);
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const graphqlExecute = executeFn as (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;
      setExecuteFn(async (args: ExecutionArgs) => {
        const plan = plans.get(args.document, args.operationName);
        const result = typeof plan === 'string' ? plan : await executeDirectly(args, plan);
        if (typeof result !== 'string') {
          if (stats) {
            stats.direct++;
            if ((result as { stringify?: unknown }).stringify) stats.written++;
          }
          return result;
        }
        if (stats) stats.graphql++;
        countFallback?.(result);
        return graphqlExecute(args);
      });
    },
  };
}
