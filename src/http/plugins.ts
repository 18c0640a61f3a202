import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';
import type { Media } from '../media/media.ts';
import type { MostRead } from '../most-read/most-read.ts';
import { useViewBeacon } from '../most-read/use-view-beacon.ts';
import { useVaryOrigin } from './cors.ts';
import { useCsrfPrevention } from './csrf-prevention.ts';
import { MULTIPART_OVERHEAD_BYTES, useBodyLimits } from './use-body-limits.ts';
import { useCompression } from './use-compression.ts';
import { useGetParamsCheck } from './use-get-params-check.ts';
import { useGraphiQLAssets } from './use-graphiql-assets.ts';
import { useIncrementalDelivery } from './use-incremental-delivery.ts';
import { useMediaServing } from './use-media-serving.ts';
import { useMultipartSubscriptions } from './use-multipart-subscriptions.ts';
import { useReadiness } from './use-readiness.ts';
import { useUploadGate } from './use-upload-gate.ts';

export const GRAPHQL_ENDPOINT = '/graphql';

/**
 * The HTTP surface: request bodies (CSRF, size, uploads), the routes besides GraphQL (`/media/`,
 * GraphiQL's files, `/ready`), and the protocol's forms (GET parameters, @defer and @stream,
 * multipart subscriptions). Compression is not here: see `responseEncodingPlugins`.
 */
export function httpPlugins(
  config: Config,
  parts: { media: Media; mostRead?: MostRead; databaseAnswers: () => Promise<boolean> },
): Plugin[] {
  const { media } = parts;
  return [
    useCsrfPrevention(),
    useBodyLimits({ json: config.limits.maxBodyBytes, multipart: media.config.maxBytes + MULTIPART_OVERHEAD_BYTES }),
    ...(parts.mostRead ? [useViewBeacon(parts.mostRead)] : []),
    useMediaServing(media),
    ...(config.limits.graphiql ? [useGraphiQLAssets({ graphqlEndpoint: GRAPHQL_ENDPOINT })] : []),
    useVaryOrigin(config.corsOrigins),
    // `/health` (Yoga's own) says the process is up; `/ready` that the database answers too.
    useReadiness({ endpoint: '/ready', check: parts.databaseAnswers }),
    useUploadGate({ maxConcurrent: media.config.maxConcurrentUploads }),
    useGetParamsCheck(),
    useIncrementalDelivery(),
    useMultipartSubscriptions(),
  ];
}

/** Compression, which must see the response every other plugin has finished: the last of all. */
export function responseEncodingPlugins(): Plugin[] {
  return [useCompression()];
}
