import { pino, type Logger } from 'pino';

export type { Logger };

/** How long a buffered line may wait before it is written, at the latest (ms). */
const FLUSH_EVERY_MS = 1000;

/**
 * JSON logs to stdout, written asynchronously and buffered (issue 16): a request never waits for
 * its log line, and lines leave in blocks of at least 4 KiB (or every second), not one write per
 * line. What is buffered is written on exit, on shutdown (`flushLogs`) and on a fatal error
 * (`installFatalHandlers`): the last line before a crash is not lost. Secrets are redacted by path
 * wherever they could appear.
 */
export function createLogger(service: string, level: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const timer = setInterval(() => destination.flush(), FLUSH_EVERY_MS);
  timer.unref();
  const logger = pino(
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
    destination,
  );
  destinations.set(logger, destination);
  return logger;
}

const destinations = new WeakMap<Logger, ReturnType<typeof pino.destination>>();

/** Writes what the logger holds, now and synchronously (before the process exits). */
export function flushLogs(logger: Logger): void {
  const d = destinations.get(logger);
  try {
    d?.flushSync();
  } catch {
    // a write already in flight (EAGAIN): the exit handler of pino's destination writes the rest
  }
}

/**
 * A fatal error (an exception or a rejection nobody handled) is logged as `fatal`, the buffer is
 * written synchronously, and the process exits 1 — the crash's cause is the last line of the log.
 */
export function installFatalHandlers(logger: Logger): void {
  const die = (kind: string) => (err: unknown) => {
    try {
      logger.fatal({ err }, kind);
    } finally {
      flushLogs(logger);
      process.exit(1);
    }
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled rejection'));
}
