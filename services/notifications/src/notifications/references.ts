import type { References } from '@kn/platform';

/** A notification is read through `notifications` only (its visibility depends on the reader). */
export const notificationReferences: References = { Notification: () => null };
