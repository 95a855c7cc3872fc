import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The root logger. Modules take a child (`log.child({ mod: 'media:room' })`).
 * Secrets never reach the output: cookies, auth headers and tokens are redacted.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token', '*.auth', 'handshake.auth'],
      censor: '[redacted]',
    },
  });
}
