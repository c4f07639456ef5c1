import { refuseScoped } from '../common/scope.js';
import { badInput, isUniqueViolation, isUuid, newId, optionalText, pgArray, tenantWhere } from '@kn/platform';
import { canonicalHash, twinningProblems, type ContributionFields } from '../contributions/fields.js';
import { createContribution } from '../contributions/service.js';
import type { Ctx } from '../loaders.js';
import { TWINNING_COLUMNS, toTwinning, type TwinningRow } from '../twinnings/rows.js';
import type { RawImportRow } from './columns.js';
import { ImportBatchEntity } from './entities.js';
import { parseRow, type ParsedRow, type RowProblem } from './rows.js';

export const MAX_IMPORT_ROWS = 20_000;

export interface ImportReportData {
  ok: boolean;
  dryRun: boolean;
  rowCount: number;
  imported: number;
  alreadyImported: boolean;
  batchId: string | null;
  errors: RowProblem[];
}

/**
 * All or nothing: every row is checked (the same rules as `recordContribution`) before anything is
 * written; one bad row and nothing is written, and the report lists every bad row with its reason.
 * A good file is written in ONE audited operation. The same rows imported again are recognised by
 * their hash and not written twice. Used by the GraphQL mutation and by `pnpm run import`.
 */
export class ImportsService {
  async importRows(
    ctx: Ctx,
    rows: RawImportRow[],
    source: string | null | undefined,
    opts: { dryRun?: boolean; fileProblems?: string[] } = {},
  ): Promise<ImportReportData> {
    ctx.authorize('sponsors.import');
    refuseScoped(ctx, 'A spreadsheet import');
    const tenant = ctx.tenant;
    const dryRun = opts.dryRun ?? false;
    if (rows.length > MAX_IMPORT_ROWS) {
      throw badInput(`At most ${MAX_IMPORT_ROWS} rows per import; split the file`, { field: 'rows', max: MAX_IMPORT_ROWS });
    }
    const src = optionalText(source, 'source', 300) ?? 'graphql';
    const errors: RowProblem[] = (opts.fileProblems ?? []).map((message) => ({ line: 1, column: null, code: 'BAD_USER_INPUT', message }));
    if (rows.length === 0 && errors.length === 0) {
      errors.push({ line: 1, column: null, code: 'BAD_USER_INPUT', message: 'không có dòng dữ liệu / no rows to import' });
    }

    const parsed: ParsedRow[] = [];
    rows.forEach((raw, i) => {
      const r = parseRow(raw, raw.line ?? i + 2);
      errors.push(...r.problems);
      if (r.row) parsed.push(r.row);
    });

    // every twinning named by the file, in one statement ("Mã kết nghĩa": a code, or an id)
    const refs = [...new Set(parsed.map((p) => p.twinningRef))];
    const byRef = await this.twinnings(ctx, refs);
    const ready: { line: number; twinning: TwinningRow; fields: ContributionFields }[] = [];
    for (const p of parsed) {
      const twinning = byRef.get(p.twinningRef) ?? byRef.get(p.twinningRef.toLowerCase());
      if (!twinning) {
        errors.push({
          line: p.line,
          column: 'Mã kết nghĩa',
          code: 'NOT_FOUND',
          message: `không có kết nghĩa "${p.twinningRef}" trong tỉnh / no twinning "${p.twinningRef}" in your province`,
        });
        continue;
      }
      const fields = { ...p.fields, twinningId: twinning.id };
      const problems = twinningProblems(twinning, fields.contributedOn);
      for (const pr of problems) {
        errors.push({
          line: p.line,
          column: pr.field === 'contributedOn' ? 'Ngày' : 'Mã kết nghĩa',
          code: pr.code,
          message: pr.field === 'contributedOn' ? `ngày nằm ngoài thời hạn kết nghĩa / ${pr.message}` : pr.message,
        });
      }
      if (problems.length === 0) ready.push({ line: p.line, twinning, fields });
    }

    errors.sort((a, b) => a.line - b.line);
    const report = { dryRun, rowCount: rows.length, imported: 0, alreadyImported: false, batchId: null as string | null };
    if (errors.length > 0) return { ...report, ok: false, errors };

    const hash = canonicalHash(ready.map((r) => r.fields));
    const earlier = await this.batchByHash(ctx, hash);
    if (earlier) return { ...report, ok: true, alreadyImported: true, batchId: earlier, errors };
    if (dryRun) return { ...report, ok: true, errors };

    try {
      const batchId = await ctx.write('importContributions', async (em) => {
        const batch = em.create(ImportBatchEntity, {
          tenantId: tenant,
          id: newId(),
          source: src,
          contentHash: hash,
          rowCount: ready.length,
          createdBy: ctx.identity.subject,
          createdAt: new Date(),
        });
        await em.flush(); // the batch first: the contributions reference it
        for (const r of ready) {
          createContribution(em, tenant, r.twinning, r.fields, ctx.identity.subject, { importBatchId: batch.id });
        }
        return batch.id;
      });
      return { ...report, ok: true, imported: ready.length, batchId, errors };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.batchByHash(ctx, hash);
      if (!winner) throw e;
      return { ...report, ok: true, alreadyImported: true, batchId: winner, errors };
    }
  }

  private async twinnings(ctx: Ctx, refs: string[]): Promise<Map<string, TwinningRow>> {
    const map = new Map<string, TwinningRow>();
    if (refs.length === 0) return map;
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const ids = refs.filter(isUuid).map((r) => r.toLowerCase());
    const rows = await em.execute(
      `select ${TWINNING_COLUMNS} from sponsors.twinning t
        where ${w.sql} and (t.code = any(?::text[]) or t.id = any(?::uuid[]))`,
      [...w.params, pgArray(refs), pgArray(ids)],
    );
    for (const r of rows.map(toTwinning)) {
      map.set(r.code, r);
      map.set(r.id, r);
    }
    return map;
  }

  private async batchByHash(ctx: Ctx, hash: string): Promise<string | null> {
    const em = await ctx.em();
    const rows = await em.execute(`select id from sponsors.import_batch where tenant_id = ? and content_hash = ?`, [ctx.tenant, hash]);
    return (rows[0]?.id as string | undefined) ?? null;
  }
}

export const importsService = new ImportsService();
