import type { IncomingMessage } from 'node:http';
import {
  AppError,
  forbidden,
  idOf,
  isUuid,
  newId,
  notFound,
  ownSponsor,
  Reason,
  refuse,
  type RouteAnswer,
} from '@kn/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sponsorsEnv } from '../env.js';
import type { Ctx } from '../loaders.js';
import { REPORT_OWNERS } from '../peers.js';
import { sponsorScope } from '../common/scope.js';
import { FileAttachmentEntity, StoredFileEntity } from './entities.js';
import { FILE_COLUMNS, fileVisibility, toFile, type AttachmentKind, type StoredFileRow } from './rows.js';
import { receiveUpload } from './upload.js';

/** Headers the gateway sets on a forwarded upload: the client's declared length, the gateway's limit. */
export const UPLOAD_LENGTH_HEADER = 'x-kn-upload-length';
export const UPLOAD_MAX_HEADER = 'x-kn-file-max-bytes';

/** A positive integer header, or null. */
const lengthHeader = (v: string | string[] | undefined): number | null => {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** An uploaded file's name as given (`?name=`), for the download's Content-Disposition only. */
function fileName(raw: string | null, ext: string): string {
  // NFC, no path, no control characters or quotes; 200 characters at most
  const base = [...(raw ?? '').normalize('NFC').replace(/^.*[\\/]/, '')]
    .filter((ch) => ch !== '"' && (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f')
    .slice(0, 200)
    .join('')
    .trim();
  return base.length > 0 ? base : `tep-dinh-kem.${ext}`;
}

export class FilesService {
  /**
   * `POST /files` (forwarded by the gateway): stores the body as a file of the caller's tenant, its
   * bytes in chunks as they arrive, in ONE audited write. Refused uploads store nothing.
   */
  async upload(ctx: Ctx, req: IncomingMessage): Promise<RouteAnswer> {
    const maxBytes = Math.min(sponsorsEnv().FILES_MAX_BYTES, lengthHeader(req.headers[UPLOAD_MAX_HEADER]) ?? Infinity);
    try {
      return await this.store(ctx, req, maxBytes);
    } catch (e) {
      // a refusal before the whole body came (a role refused, a type refused from its first bytes):
      // read the rest, within the limit, so that the gateway — still sending — receives the answer
      if (e instanceof AppError && !req.complete && (e.extensions as { reason?: string }).reason !== Reason.FILE_TOO_LARGE) {
        let drained = 0;
        try {
          for await (const piece of req) if ((drained += (piece as Buffer).length) > maxBytes) break;
        } catch {
          // the sender went away: nobody reads the answer
        }
      }
      throw e;
    }
  }

  private async store(ctx: Ctx, req: IncomingMessage, maxBytes: number): Promise<RouteAnswer> {
    ctx.authorize('sponsors.files');
    const tenant = ctx.requireTenant();
    const own = ownSponsor(ctx);
    if (own === null) throw forbidden('Your token names no sponsor of this province');
    const declaredBytes = lengthHeader(req.headers[UPLOAD_LENGTH_HEADER]) ?? lengthHeader(req.headers['content-length']);
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const file = await ctx.write('uploadFile', async (em) => {
        const id = newId();
        const got = await receiveUpload(req, {
          maxBytes,
          declaredBytes,
          store: (seq, data) =>
            em.execute(`insert into sponsors.file_chunk (tenant_id, file_id, seq, data) values (?, ?, ?, ?)`, [tenant, id, seq, data]).then(() => undefined),
        });
        const row: StoredFileRow = {
          tenantId: tenant,
          id,
          name: fileName(url.searchParams.get('name'), got.ext),
          contentType: got.mime,
          extension: got.ext,
          sizeBytes: BigInt(got.sizeBytes),
          sha256: got.sha256,
          chunkCount: got.chunkCount,
          sponsorId: own ?? null,
          uploadedBy: ctx.identity.subject,
          uploadedAt: new Date(),
        };
        em.create(StoredFileEntity, row);
        return row;
      });
    return { status: 201, json: publicFile(file), headers: { location: `/files/${file.id}` } };
  }

  /** `GET /files/:id`: the bytes, streamed one chunk at a time, for a caller who may see the file. */
  async download(ctx: Ctx, id: string): Promise<RouteAnswer> {
    ctx.authorize('sponsors.read');
    const tenant = ctx.requireTenant();
    const file = await this.get(ctx, id);
    if (!file) throw notFound('File', { field: 'id' });
    const em = await ctx.em();
    async function* chunks() {
      for (let seq = 0; seq < file!.chunkCount; seq++) {
        const rows = await em.execute(`select data from sponsors.file_chunk where tenant_id = ? and file_id = ? and seq = ?`, [tenant, file!.id, seq]);
        yield rows[0]!.data as Buffer;
      }
    }
    return {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.sizeBytes),
        'content-disposition': `attachment; filename="${file.id}.${file.extension}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'x-content-type-options': 'nosniff',
        etag: `"sha256-${file.sha256}"`,
        'x-file-sha256': file.sha256,
        'cache-control': 'private, no-store',
      },
      body: chunks(),
    };
  }

  /** One file the caller may see, or null. */
  async get(ctx: Ctx, id: string): Promise<StoredFileRow | null> {
    ctx.authorize('sponsors.read');
    const tenant = ctx.requireTenant();
    if (!isUuid(id)) return null;
    const em = await ctx.em();
    const v = fileVisibility(ctx);
    const rows = await em.execute(`select ${FILE_COLUMNS} from sponsors.stored_file f where f.tenant_id = ? and f.id = ?::uuid and ${v.sql}`, [
      tenant,
      id.toLowerCase(),
      ...v.params,
    ]);
    return rows[0] ? toFile(rows[0]) : null;
  }

  /**
   * The item `to` names, as the caller sees it, with its sponsor and commune: this subgraph's
   * proposals, plans and contributions by SQL with the caller's scope; a report by asking the
   * evaluations subgraph as the caller (its scope rules decide). Null when the caller cannot see it.
   */
  private async target(ctx: Ctx, em: EntityManager, kind: AttachmentKind, id: string): Promise<{ sponsorId: string | null; communeId: string | null } | null> {
    if (!isUuid(id)) return null;
    const tenant = ctx.requireTenant();
    const key = id.toLowerCase();
    if (kind === 'REPORT') {
      const data = await ctx.peer(REPORT_OWNERS.peer).query(ctx.caller, REPORT_OWNERS, { r: [{ __typename: 'Report', id: key }] });
      const report = data._entities[0];
      if (!report || report.id !== key) return null;
      return { sponsorId: report.sponsor?.id ?? null, communeId: report.commune?.id ?? null };
    }
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const from =
      kind === 'CONTRIBUTION'
        ? `sponsors.contribution t where t.tenant_id = ? and t.id = ?::uuid`
        : `sponsors.${kind === 'NEEDS_PROPOSAL' ? 'needs_proposal' : 'yearly_plan'} d
             join sponsors.twinning t on t.tenant_id = d.tenant_id and t.id = d.twinning_id
            where d.tenant_id = ? and d.id = ?::uuid`;
    const rows = await em.execute(`select t.sponsor_id, t.commune_id from ${from} and ${scope.sql}`, [tenant, key, ...scope.params]);
    return rows[0] ? { sponsorId: rows[0].sponsor_id as string, communeId: rows[0].commune_id as string } : null;
  }

  /** Attaches a file the caller sees to an item it sees (once: attaching again changes nothing). */
  async attach(ctx: Ctx, fileId: string, kind: AttachmentKind, targetId: string): Promise<StoredFileRow> {
    ctx.authorize('sponsors.files');
    const tenant = ctx.requireTenant();
    const file = await this.get(ctx, idOf(fileId, 'File', 'fileId'));
    if (!file) throw notFound('File', { field: 'fileId' });
    const em = await ctx.em();
    const owner = await this.target(ctx, em, kind, targetId);
    if (!owner) throw refuse(`No ${kind.toLowerCase().replace('_', ' ')} of yours has this id`, 'to.id', Reason.UNKNOWN_ATTACHMENT_TARGET);
    await ctx.write('attachFile', async (tem) => {
      const key = { tenantId: tenant, fileId: file.id, targetKind: kind, targetId: targetId.toLowerCase() };
      if (await tem.findOne(FileAttachmentEntity, key)) return;
      tem.create(FileAttachmentEntity, { ...key, ...owner, attachedBy: ctx.identity.subject, attachedAt: new Date() });
    });
    return file;
  }

  /** Removes one attachment (NOT_FOUND when the file is not attached there). */
  async detach(ctx: Ctx, fileId: string, kind: AttachmentKind, targetId: string): Promise<StoredFileRow> {
    ctx.authorize('sponsors.files');
    const tenant = ctx.requireTenant();
    const file = await this.get(ctx, idOf(fileId, 'File', 'fileId'));
    if (!file) throw notFound('File', { field: 'fileId' });
    if (!isUuid(targetId)) throw notFound('Attachment', { field: 'from.id' });
    await ctx.write('detachFile', async (em) => {
      const row = await em.findOne(FileAttachmentEntity, { tenantId: tenant, fileId: file.id, targetKind: kind, targetId: targetId.toLowerCase() });
      if (!row) throw notFound('Attachment', { field: 'from.id' });
      em.remove(row);
    });
    return file;
  }

  /**
   * Deletes a file: every attachment removed first (each in the audit row), then the file and its
   * bytes. A sponsor deletes only what it (or its sponsor) uploaded.
   */
  async delete(ctx: Ctx, id: string): Promise<boolean> {
    ctx.authorize('sponsors.files');
    const tenant = ctx.requireTenant();
    const file = await this.get(ctx, idOf(id, 'File'));
    if (!file) throw notFound('File', { field: 'id' });
    const own = ownSponsor(ctx);
    if ((own !== undefined || ctx.isScoped) && file.uploadedBy !== ctx.identity.subject && (!own || file.sponsorId !== own)) {
      throw forbidden('Only the province’s staff or whoever uploaded a file may delete it');
    }
    await ctx.write('deleteFile', async (em) => {
      for (const a of await em.find(FileAttachmentEntity, { tenantId: tenant, fileId: file.id })) em.remove(a);
      await em.flush();
      const row = await em.findOneOrFail(StoredFileEntity, { tenantId: tenant, id: file.id });
      em.remove(row);
    });
    return true;
  }
}

/** The JSON `POST /files` answers: what GraphQL's `StoredFile` shows. */
export const publicFile = (f: StoredFileRow) => ({
  id: f.id,
  name: f.name,
  contentType: f.contentType,
  extension: f.extension,
  sizeBytes: Number(f.sizeBytes),
  sha256: f.sha256,
  uploadedAt: f.uploadedAt.toISOString(),
  url: `/files/${f.id}`,
});

export const filesService = new FilesService();
