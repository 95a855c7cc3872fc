// The platform as a process of its own (see startChildPlatform): starts the platform from the
// environment, prints "READY <url>" and runs until killed.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startPlatform } from '../platform.js';

const config = loadConfig();
const platform = await startPlatform(config, createLogger(config.logLevel));
process.stdout.write(`READY ${platform.url}\n`);
process.once('SIGTERM', () => void platform.drain().then(() => process.exit(0)));
