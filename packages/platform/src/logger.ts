import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stdout, written asynchronously (a request never waits for its log line; pino flushes
 * what is buffered when the process exits). Secrets are redacted by path wherever they could appear.
 */
export function createLogger(service: string, level: string): Logger {
  return pino(
    {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-kn-identity"]',
        'headers.authorization',
        'headers["x-kn-identity"]',
        'secret',
        'password',
        '*.password',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
