import { createServer } from 'node:http';
import { StartupError, startGateway } from './app.ts';
import { ConfigError, parseConfig } from './config.ts';
import { removeGatewayLock, writeGatewayLock } from './db/gateway-lock.ts';

async function main() {
  const config = parseConfig();
  const gateway = await startGateway(config);
  if (gateway.sampleArticlesLoaded > 0) {
    console.log(`Loaded ${gateway.sampleArticlesLoaded} sample articles into the new database.`);
  }
  const server = createServer(gateway.yoga);

  const shutdown = (signal: string) => {
    console.log(`${signal} received: closing connections.`);
    server.close(() => {
      (gateway.localToken ? removeGatewayLock(config.dataDir) : Promise.resolve())
        .then(() => gateway.rateLimiter?.close())
        .then(() => gateway.database.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  server.listen(config.port, config.host, async () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host ?? 'localhost'}:${port}/graphql`;
    if (gateway.localToken) {
      await writeGatewayLock(config.dataDir, { url, pid: process.pid, token: gateway.localToken });
    }
    console.log(`Lede ready at ${url} (${gateway.database.description})`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`Lede could not listen on port ${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`Lede could not start: ${error.message}`);
  } else {
    console.error('Lede could not start:', error);
  }
  process.exit(1);
});
