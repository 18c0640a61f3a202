import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { requestIdentity } from '../api-keys/request-identity.ts';
import { requestScope } from '../guards/request-scope.ts';

export type Metrics = {
  /** This gateway's own registry, so several gateways in one process (tests) do not collide. */
  registry: Registry;
  /** Counts one SQL statement; called from Prisma's query event. */
  countStatement: () => void;
  /** Counts one query that direct execution left to graphql-js, and why (a short fixed word). */
  countDirectExecutionFallback: (reason: string) => void;
};

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const statements = new Counter({
    name: 'lede_sql_statements_total',
    help: 'SQL statements sent to the database',
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'lede_direct_execution_fallbacks_total',
    help: 'Operations direct execution left to graphql-js, by reason (mutations among them)',
    labelNames: ['reason'],
    registers: [registry],
  });
  return {
    registry,
    countStatement: () => statements.inc(),
    countDirectExecutionFallback: (reason) => fallbacks.inc({ reason }),
  };
}

/**
 * Prometheus metrics at `/metrics`: GraphQL requests, durations and errors by operation (Yoga's
 * plugin), SQL statements per request, and Node's process metrics. With a token, /metrics answers
 * only `Authorization: Bearer <token>`; in production it needs one, and without it answers nobody.
 */
export function useMetrics({ registry }: Metrics, options: { token?: string; production?: boolean } = {}): Plugin {
  const statementsPerRequest = new Histogram({
    name: 'lede_sql_statements_per_request',
    help: 'SQL statements one GraphQL request sent',
    labelNames: ['operationName', 'operationType'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
    registers: [registry],
  });
  return {
    onPluginInit({ addPlugin }) {
      if (options.token) addPlugin(requireToken(options.token));
      else if (options.production) addPlugin(refuseWithoutToken());
      addPlugin(
        usePrometheus({
          registry,
          endpoint: '/metrics',
          // Every metric named, since Yoga turns on the ones left out. Off, for their cost on every
          // request: parse and validate phases (both cached), the context phase (no I/O), a
          // summary that repeats the duration histogram, deprecated-field counts (a walk of each
          // document) and schema changes (the schema is fixed at start). The ones kept are built
          // here with Lede's labels: Yoga's own label every series with the client's operation
          // name as sent, the request's whole URL and an error's path, so distinct names, query
          // strings or aliases would each add series for good.
          metrics: {
            ...boundedPrometheusMetrics(registry),
            graphql_envelop_phase_parse: false,
            graphql_envelop_phase_validate: false,
            graphql_envelop_phase_context: false,
            graphql_envelop_request_time_summary: false,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
            graphql_envelop_execute_resolver: false,
          },
        }),
      );
    },
    onResponse({ request }) {
      const scope = requestScope(request);
      if (!scope?.graphql) return;
      statementsPerRequest.observe(boundedOperationLabels(scope), scope.sqlStatements);
    },
  };
}

/** What a GraphQL metric is labelled by: the operation's bounded name (operationLabel) and type. */
type OperationParams = { operationName?: unknown; operationType?: string | null };
const boundedOperationLabels = ({ operationName, operationType }: OperationParams) => ({
  operationName: operationLabel(typeof operationName === 'string' ? operationName : null),
  operationType: operationType ?? 'unknown',
});
const OPERATION_LABEL_NAMES = ['operationType', 'operationName'] as const;
/** A metric's pipeline phases, as the literal names the plugin's types ask for. */
const phases = <Phase extends string>(...list: [Phase, ...Phase[]]) => list;

/** Yoga's Prometheus metrics that Lede keeps, under their own names, with bounded labels. */
function boundedPrometheusMetrics(registry: Registry) {
  const histogram = <Phase extends string>(name: string, help: string, observed: [Phase, ...Phase[]]) =>
    createHistogram({
      registry,
      histogram: { name, help, labelNames: OPERATION_LABEL_NAMES },
      fillLabelsFn: boundedOperationLabels,
      phases: observed,
    });
  return {
    graphql_envelop_request: createCounter({
      registry,
      counter: {
        name: 'graphql_envelop_request',
        help: 'GraphQL operations executed, by operation',
        labelNames: OPERATION_LABEL_NAMES,
      },
      fillLabelsFn: boundedOperationLabels,
      phases: phases('execute', 'subscribe'),
    }),
    graphql_envelop_request_duration: histogram(
      'graphql_envelop_request_duration',
      'Time spent on a GraphQL operation from parse to execute, seconds',
      phases('execute', 'subscribe'),
    ),
    graphql_envelop_phase_execute: histogram(
      'graphql_envelop_phase_execute',
      'Time spent executing, seconds',
      phases('execute'),
    ),
    graphql_envelop_phase_subscribe: histogram(
      'graphql_envelop_phase_subscribe',
      'Time spent setting up subscriptions, seconds',
      phases('subscribe'),
    ),
    graphql_envelop_error_result: createCounter({
      registry,
      counter: {
        name: 'graphql_envelop_error_result',
        help: 'Errors in GraphQL results, by operation and phase',
        labelNames: [...OPERATION_LABEL_NAMES, 'phase'],
      },
      fillLabelsFn: (params: OperationParams & { errorPhase?: string }) => ({
        ...boundedOperationLabels(params),
        phase: params.errorPhase ?? 'unknown',
      }),
      phases: phases('parse', 'validate', 'context', 'execute', 'subscribe'),
    }),
    graphql_yoga_http_duration: createHistogram({
      registry,
      histogram: {
        name: 'graphql_yoga_http_duration',
        help: 'Time spent on a GraphQL HTTP request, seconds',
        labelNames: [...OPERATION_LABEL_NAMES, 'method', 'statusCode'],
      },
      fillLabelsFn: (params: OperationParams, { request, response }: { request: Request; response: Response }) => ({
        ...boundedOperationLabels(params),
        method: request.method,
        statusCode: response.status,
      }),
      phases: phases('request'),
    }),
  };
}

const MAX_OPERATION_LABELS = 500;
const operationLabels = new Set<string>();

/**
 * Operation names come from clients: a well-formed name becomes a label while fewer than
 * MAX_OPERATION_LABELS are known, anything else is "other", so no client can grow the registry
 * without bound.
 */
function operationLabel(name: string | null): string {
  if (name === null) return 'Anonymous';
  if (operationLabels.has(name)) return name;
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) || operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
  operationLabels.add(name);
  return name;
}

function requireToken(token: string): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      if (requestIdentity(request).presents(token)) return;
      endResponse(
        new fetchAPI.Response('The metrics need the token in LEDE_METRICS_TOKEN as a bearer token.\n', {
          status: 401,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' },
        }),
      );
    },
  };
}

/** Process and traffic figures are not for anonymous internet clients: production needs the token set. */
function refuseWithoutToken(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      endResponse(
        new fetchAPI.Response('In production /metrics is served only with LEDE_METRICS_TOKEN set.\n', {
          status: 403,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    },
  };
}
