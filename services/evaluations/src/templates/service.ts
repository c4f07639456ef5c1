import {
  conflict,
  foreignId,
  isUuid,
  newId,
  optionalText,
  Reason,
  refuse,
  type RequestContext,
  todayInVietnam,
} from '@kn/platform';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { programVisible } from '../common/peers.js';
import { ReportTemplateEntity } from './entities.js';
import { reportTemplateSchema, type ReportTemplateDefinition } from './language.js';

export interface ReportTemplateRow {
  id: string;
  programId: string;
  code: string;
  version: number;
  title: string;
  definition: ReportTemplateDefinition;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const COLUMNS = `t.id, t.program_id, t.code, t.version, t.title, t.definition, t.note, t.created_by, t.created_at`;

function toRow(r: Record<string, unknown>): ReportTemplateRow {
  const raw = typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
  return {
    id: r.id as string,
    programId: r.program_id as string,
    code: r.code as string,
    version: Number(r.version),
    title: r.title as string,
    definition: reportTemplateSchema.parse(raw),
    note: (r.note as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  };
}

export class ReportTemplatesService {
  /** The province's templates (of one programme): the current version of each, or every version. */
  async list(ctx: RequestContext<unknown>, programId?: string | null, allVersions = false): Promise<ReportTemplateRow[]> {
    ctx.authorize('evaluations.templates');
    const tenant = ctx.tenant;
    if (programId != null && !isUuid(programId)) return [];
    const em = await ctx.em();
    const filter = programId ? 'and t.program_id = ?::uuid' : '';
    const params = [tenant, ...(programId ? [programId.toLowerCase()] : [])];
    const rows = await em.execute(
      allVersions
        ? `select ${COLUMNS} from evaluations.report_template t where t.tenant_id = ? ${filter} order by t.code, t.version desc`
        : `select distinct on (t.code) ${COLUMNS} from evaluations.report_template t where t.tenant_id = ? ${filter} order by t.code, t.version desc`,
      params,
    );
    return rows.map(toRow);
  }

  async get(ctx: RequestContext<unknown>, id: string): Promise<ReportTemplateRow | null> {
    ctx.authorize('evaluations.templates');
    const tenant = ctx.tenant;
    if (!isUuid(id)) return null;
    const em = await ctx.em();
    const rows = await em.execute(`select ${COLUMNS} from evaluations.report_template t where t.tenant_id = ? and t.id = ?::uuid`, [tenant, id.toLowerCase()]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A new version of a template (by its code) of a programme; earlier versions never change. Audited. */
  async publish(ctx: RequestContext<unknown>, programIdArg: string, definitionText: string, noteArg?: string | null): Promise<ReportTemplateRow> {
    ctx.authorize('evaluations.configure');
    const tenant = ctx.tenant;
    const programId = foreignId(programIdArg, 'programId');
    const note = optionalText(noteArg, 'note', 2000);
    let raw: unknown;
    try {
      raw = JSON.parse(definitionText);
    } catch {
      throw refuse('`definition` is not JSON', 'definition', Reason.INVALID_JSON);
    }
    const parsed = reportTemplateSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: ['definition', ...i.path].join('.'), message: i.message }));
      throw refuse(`The template is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues[0]?.path ?? 'definition', Reason.INVALID_TEMPLATE, { issues });
    }
    if (!(await programVisible(ctx, programId))) throw refuse('No programme of your province has this id', 'programId', Reason.UNKNOWN_PROGRAM);
    const def = parsed.data;
    try {
      const id = await ctx.write('publishReportTemplate', async (em) => {
        const [last] = await em.execute(`select coalesce(max(version), 0) as v from evaluations.report_template where tenant_id = ? and code = ?`, [tenant, def.code]);
        const record = em.create(ReportTemplateEntity, {
          tenantId: tenant,
          id: newId(),
          programId,
          code: def.code,
          version: Number(last?.v ?? 0) + 1,
          title: def.title,
          definition: def as unknown as Record<string, unknown>,
          note,
          createdBy: ctx.identity.subject,
          createdAt: new Date(),
        });
        return record.id;
      });
      return (await this.get(ctx, id))!;
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict('Another version of this template was published at the same time; publish again', { field: 'definition' });
      throw e;
    }
  }
}

export const publishedOn = (r: ReportTemplateRow) => todayInVietnam(new Date(r.createdAt));
export const reportTemplatesService = new ReportTemplatesService();
