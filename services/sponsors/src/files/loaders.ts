import { groupedLoader, isUuid, pgArray, type RequestContext } from '@kn/platform';
import { fileVisibility, toAttachment, toFile, type AttachmentKind, type FileAttachmentRow, type StoredFileRow } from './rows.js';

/** Key of an attached item: `<kind>:<id>`. */
export const itemKey = (kind: AttachmentKind, id: string) => `${kind}:${id.toLowerCase()}`;

export function createFileLoaders(ctx: RequestContext<unknown>) {
  /** The files attached to items (`<kind>:<id>` keys), oldest attachment first; one statement per batch. */
  const filesOfItem = groupedLoader<string, StoredFileRow & { itemKey: string }>(async (keys) => {
    const pairs = keys.map((k) => k.split(':') as [string, string]).filter(([, id]) => isUuid(id));
    if (pairs.length === 0) return [];
    const em = await ctx.em();
    const v = fileVisibility(ctx);
    const rows = await em.execute(
      `select f.*, x.target_kind || ':' || x.target_id as item_key
         from sponsors.file_attachment x
         join sponsors.stored_file f on f.tenant_id = x.tenant_id and f.id = x.file_id
        where x.tenant_id = ? and (x.target_kind, x.target_id) in (select * from unnest(?::text[], ?::uuid[]))
          and ${v.sql}
        order by x.attached_at, f.id`,
      [ctx.identity.tenant, pgArray(pairs.map((p) => p[0])), pgArray(pairs.map((p) => p[1])), ...v.params],
    );
    return rows.map((r) => ({ ...toFile(r), itemKey: r.item_key as string }));
  }, (f) => f.itemKey);

  /** What files are attached to (by file id). */
  const attachmentsOfFile = groupedLoader<string, FileAttachmentRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select a.* from sponsors.file_attachment a where a.tenant_id = ? and a.file_id = any(?::uuid[]) order by a.attached_at, a.target_id`,
      [ctx.identity.tenant, pgArray(valid)],
    );
    return rows.map(toAttachment);
  }, (a) => a.fileId);

  return { filesOfItem, attachmentsOfFile };
}
