import { ownSponsor, type RequestContext } from '@kn/platform';
import { sponsorScope } from '../common/scope.js';

/** An uploaded file's facts (a `stored_file` row). */
export interface StoredFileRow {
  tenantId: string;
  id: string;
  name: string;
  contentType: string;
  extension: string;
  sizeBytes: bigint;
  sha256: string;
  chunkCount: number;
  sponsorId: string | null;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Where a file is attached (a `file_attachment` row). */
export interface FileAttachmentRow {
  tenantId: string;
  fileId: string;
  targetKind: string;
  targetId: string;
  sponsorId: string | null;
  communeId: string | null;
  attachedBy: string;
  attachedAt: Date;
}

export type AttachmentKind = 'NEEDS_PROPOSAL' | 'YEARLY_PLAN' | 'REPORT' | 'CONTRIBUTION';

export const FILE_COLUMNS = `f.tenant_id, f.id, f.name, f.content_type, f.extension, f.size_bytes, f.sha256, f.chunk_count,
  f.sponsor_id, f.uploaded_by, f.uploaded_at`;

export const toFile = (r: Record<string, unknown>): StoredFileRow => ({
  tenantId: r.tenant_id as string,
  id: r.id as string,
  name: r.name as string,
  contentType: r.content_type as string,
  extension: r.extension as string,
  sizeBytes: BigInt(r.size_bytes as string),
  sha256: r.sha256 as string,
  chunkCount: Number(r.chunk_count),
  sponsorId: (r.sponsor_id as string | null) ?? null,
  uploadedBy: r.uploaded_by as string,
  uploadedAt: new Date(r.uploaded_at as string),
});

/**
 * SQL true when the caller may see file `f`. Staff of the province see its files; a sponsor or a
 * unit-scoped caller sees the files it uploaded (or its sponsor did) and the files attached to the
 * items it sees (the item's sponsor and commune, kept on the attachment). Row-level security keeps
 * every other province's files out in any case.
 */
export function fileVisibility(ctx: RequestContext<unknown>, alias = 'f'): { sql: string; params: unknown[] } {
  const scope = sponsorScope(ctx, 'a.sponsor_id');
  if (scope.sql === 'true') return scope;
  const own = ownSponsor(ctx);
  return {
    sql: `(${alias}.uploaded_by = ? ${own ? `or ${alias}.sponsor_id = ?::uuid` : ''}
      or exists (select 1 from sponsors.file_attachment a where a.tenant_id = ${alias}.tenant_id and a.file_id = ${alias}.id and ${scope.sql}))`,
    params: [ctx.identity.subject, ...(own ? [own] : []), ...scope.params],
  };
}

export const toAttachment = (r: Record<string, unknown>): FileAttachmentRow => ({
  tenantId: r.tenant_id as string,
  fileId: r.file_id as string,
  targetKind: r.target_kind as string,
  targetId: r.target_id as string,
  sponsorId: (r.sponsor_id as string | null) ?? null,
  communeId: (r.commune_id as string | null) ?? null,
  attachedBy: r.attached_by as string,
  attachedAt: new Date(r.attached_at as string),
});

