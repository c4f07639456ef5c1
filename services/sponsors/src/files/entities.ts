import { defineEntity, p } from '@mikro-orm/core';

/**
 * An uploaded file's facts (its bytes are `file_chunk` rows, written by SQL): the type decided from
 * its bytes, its size and SHA-256, who uploaded it (and for which sponsor, when a sponsor did).
 */
export const StoredFileEntity = defineEntity({
  name: 'StoredFile',
  tableName: 'stored_file',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    name: p.string(),
    contentType: p.string().fieldName('content_type'),
    extension: p.string(),
    sizeBytes: p.bigint().fieldName('size_bytes'),
    sha256: p.string(),
    chunkCount: p.integer().fieldName('chunk_count'),
    sponsorId: p.uuid().nullable().fieldName('sponsor_id'),
    uploadedBy: p.string().fieldName('uploaded_by'),
    uploadedAt: p.datetime().fieldName('uploaded_at'),
  },
});

/** A file attached to a needs proposal, yearly plan, contribution or (evaluations') report. */
export const FileAttachmentEntity = defineEntity({
  name: 'FileAttachment',
  tableName: 'file_attachment',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    fileId: p.uuid().primary().fieldName('file_id'),
    targetKind: p.string().primary().fieldName('target_kind'),
    targetId: p.uuid().primary().fieldName('target_id'),
    sponsorId: p.uuid().nullable().fieldName('sponsor_id'),
    communeId: p.uuid().nullable().fieldName('commune_id'),
    attachedBy: p.string().fieldName('attached_by'),
    attachedAt: p.datetime().fieldName('attached_at'),
  },
});
