import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startPlatform } from './platform.js';
import { DEMO_ACCOUNTS } from './services/seed.js';

/** Entry point of `npm start`: starts the platform and stops it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const platform = await startPlatform(config, log);
  log.info({ url: platform.url, workers: platform.pool.size }, 'Cloud Appointment is serving');
  const base = `http://localhost:${platform.port}`;
  const demo = config.demoMode
    ? `  Demo booth meeting: ${base}/meet/demo-booth\n\n  Sign in at ${base}/login with a demo account:\n` +
      Object.entries(DEMO_ACCOUNTS)
        .map(([role, a]) => `    ${role.padEnd(10)} ${a.email.padEnd(24)} password: ${a.password}\n`)
        .join('')
    : '';
  process.stdout.write(`\n  Cloud Appointment is running at ${base}\n${demo}\n`);
  // SIGTERM drains (meetings may finish, up to DRAIN_TIMEOUT_MS); SIGINT (Ctrl-C) closes at once.
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    (signal === 'SIGTERM' ? platform.drain() : platform.close()).then(
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
