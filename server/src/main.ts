import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startPlatform } from './platform.js';

/** Entry point of `npm start`: starts the platform and stops it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const platform = await startPlatform(config, log);
  log.info({ url: platform.url, workers: platform.pool.size }, 'Cloud Appointment is serving');
  process.stdout.write(
    `\n  Cloud Appointment is running at http://localhost:${platform.port}\n` +
      `  Demo booth meeting: http://localhost:${platform.port}/meet/demo-booth\n\n`,
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Cloud Appointment could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
