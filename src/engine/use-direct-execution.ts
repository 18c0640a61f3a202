import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DirectPlans, executeDirectly } from './direct-execution.ts';

export type DirectExecutionStats = { direct: number; graphql: number };

/**
 * Runs queries by direct execution (engine/direct-execution.ts) where it has a plan, and by
 * graphql-js otherwise or when direct execution gives an operation back. Must come before the
 * response cache, whose executor wraps the one set here.
 */
export function useDirectExecution(schema: GraphQLSchema, stats?: DirectExecutionStats): Plugin {
  const plans = new DirectPlans(schema);
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const graphqlExecute = executeFn as (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;
      setExecuteFn(async (args: ExecutionArgs) => {
        const plan = plans.get(args.document, args.operationName);
        const result = plan ? await executeDirectly(args, plan) : undefined;
        if (result) {
          if (stats) stats.direct++;
          return result;
        }
        if (stats) stats.graphql++;
        return graphqlExecute(args);
      });
    },
  };
}
