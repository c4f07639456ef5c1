/** The outbox worker's settings in tests: quick polling, retries in fractions of a second, a reminder scan every second. */
export const TEST_WORKER_ENV = {
  WORKER_POLL_MS: '100',
  WEBHOOK_BACKOFF_MS: '200',
  WEBHOOK_BACKOFF_MAX_MS: '1000',
  WEBHOOK_MAX_ATTEMPTS: '4',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_LEASE_MS: '3000',
  REMINDER_EVERY_MS: '1000',
  // the tests' webhook receivers listen on 127.0.0.1 (tests and development only; off by default)
  WEBHOOK_ALLOW_PRIVATE: 'true',
};
