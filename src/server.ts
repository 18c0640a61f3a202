import { StartupError, startGateway } from './app.ts';
import { ConfigError, parseConfig } from './config.ts';
import { removeGatewayLock, writeGatewayLock } from './db/gateway-lock.ts';
import { createLedeServer } from './http/node-server.ts';
import { closeGracefully } from './shared/graceful-close.ts';

async function main() {
  const config = parseConfig();
  const gateway = await startGateway(config);
  const { logger } = gateway;
  if (gateway.sampleArticlesLoaded > 0) {
    logger.info(`Loaded ${gateway.sampleArticlesLoaded} sample articles into the new database.`);
  }
  const server = createLedeServer(gateway.yoga);

  // Stop accepting, answer requests already sent, then close the database and exit 0; a request
  // still running after 10 s is cut off and the exit status is 1.
  const shutdown = (signal: string) => {
    logger.info(`${signal} received: finishing requests in flight, then stopping.`);
    void closeGracefully(server).then(() => {
      (gateway.localToken ? removeGatewayLock(config.dataDir) : Promise.resolve())
        .then(() => gateway.rateLimiter?.close())
        .then(() => gateway.responseCache?.close())
        // Every request has been answered: the reads counted since the last flush are saved now.
        .then(() => gateway.mostRead.close())
        .then(() => gateway.database.close())
        .then(() => logger.info('Lede stopped.'))
        .finally(() => process.exit(0));
    });
    // Subscription streams never finish by themselves: end them so their connections can close.
    void gateway.articleEvents.close();
    setTimeout(() => {
      logger.error('Requests still running 10 s after the stop signal: exiting anyway.');
      process.exit(1);
    }, 10_000).unref();
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
    logger.info(`Lede ready at ${url} (${gateway.database.description})`);
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
