import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';
import type { Logger } from '../shared/logger.ts';
import { type Metrics, useMetrics } from './metrics.ts';
import { useRequestLog } from './request-log.ts';

/** What is recorded of every request: its log line, and the metrics (with /metrics) when on. */
export function observabilityPlugins(config: Config, parts: { logger: Logger; metrics?: Metrics }): Plugin[] {
  return [
    useRequestLog(parts.logger),
    ...(parts.metrics && config.metrics
      ? [useMetrics(parts.metrics, { token: config.metricsToken, production: config.production })]
      : []),
  ];
}
