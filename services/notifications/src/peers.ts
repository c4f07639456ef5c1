import type { PeerDocument } from '@kn/platform';

/** This subgraph asks no other: the worker brings it the events. */
export const PEER_DOCUMENTS: PeerDocument[] = [];
