import { conflict } from './errors.js';

/**
 * Optimistic locking: an update names the version it read; if the row moved on since, the update
 * is refused with CONFLICT and nothing is written. Entities keep an integer `version` column that
 * the update bumps.
 */
export function checkVersion(entity: { version: number }, expected: number, what: string): void {
  if (entity.version !== expected) {
    throw conflict(`${what} was changed by someone else (version ${entity.version}, you had ${expected}); reload and retry`, {
      field: 'version',
      currentVersion: entity.version,
    });
  }
}
