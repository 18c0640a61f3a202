// Lede in this process, as the in-process bench tools run it: production settings on a dataset's
// database, no sample content, limits raised so no bench page is refused (the peers limit nothing).
import { type Gateway, startGateway } from '../src/app.ts';
import { configWith, defaultLimits } from '../src/config.ts';
import { defaultMediaConfig } from '../src/media/media.ts';

export function startInProcessLede(
  databaseUrl: string,
  options: { directExecution?: boolean; onQuery?: () => void } = {},
): Promise<Gateway> {
  return startGateway(
    configWith({
      databaseUrl,
      loadSampleContent: false,
      production: true,
      limits: { ...defaultLimits(true), maxCost: 1_000_000, maxDepth: 50 },
      media: defaultMediaConfig(),
      logLevel: 'warn',
      directExecution: options.directExecution ?? true,
    }),
    options.onQuery ? { onQuery: options.onQuery } : {},
  );
}
