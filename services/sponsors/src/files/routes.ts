import type { SubgraphRoute } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { filesService as files } from './service.js';

/** The routes the gateway forwards `POST /files` and `GET /files/:id` to (docs/FILES.md). */
export const FILE_ROUTES: SubgraphRoute<Loaders>[] = [
  { method: 'POST', path: '/files', kind: 'mutation', handle: (req, ctx) => files.upload(ctx, req) },
  { method: 'GET', path: '/files/:id', kind: 'query', handle: (_req, ctx, params) => files.download(ctx, params.id!) },
];
