import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  checkVersion,
  code,
  conflict,
  documentYear,
  fold,
  idOf,
  keysetPage,
  likeEscape,
  newId,
  notFound,
  optionalText,
  pgArray,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  tenantWhere,
  textList,
  emptyConnection,
  type PageArgs,
  uniqueOr,
} from '@kn/platform';
import { ProgramStatus } from '../common/enums.js';
import { inScope } from '../common/scope.js';
import { type Period } from '../common/validation.js';
import type { Loaders } from '../loaders.js';
import { ProgramEntity, type Program, type ProvisionData } from './entities.js';
import { PROGRAM_COLUMNS, toProgram, type ProgramRow } from './rows.js';
import { type ProgramFilter, type ProgramInput, ProgramOrdering } from './types.js';

type Ctx = RequestContext<Loaders>;

export const PROGRAM_CODE_RE = /^[A-Z0-9][A-Z0-9./-]{1,39}$/;

/** The folded text `search` matches: code, titles and document number, without case or diacritics. */
export const programSearchKey = (p: { code: string; title: string; titleEn?: string | null; documentNumber?: string | null }) =>
  fold([p.code, p.title, p.titleEn ?? '', p.documentNumber ?? ''].join(' '));

type ProgramData = Omit<Program, 'tenantId' | 'id' | 'code' | 'searchKey' | 'version'>;

function validateFields(input: ProgramInput, current?: { status: string }): ProgramData {
  const startYear = documentYear(input.startYear, 'input.startYear');
  const endYear = input.endYear == null ? null : documentYear(input.endYear, 'input.endYear');
  if (endYear != null && endYear < startYear) {
    throw refuse(`The period ends (${endYear}) before it starts (${startYear})`, 'input.endYear', Reason.PERIOD_END_BEFORE_START);
  }
  const provisions: ProvisionData[] = (input.provisions ?? []).map((p, i) => ({
    kind: p.kind,
    heading: optionalText(p.heading, `input.provisions[${i}].heading`, 500),
    text: requiredText(p.text, `input.provisions[${i}].text`, 10_000),
    reference: optionalText(p.reference, `input.provisions[${i}].reference`, 50),
  }));
  if (provisions.length > 300) throw refuse('`input.provisions` may have at most 300 items', 'input.provisions', Reason.TOO_MANY);
  return {
    title: requiredText(input.title, 'input.title', 1000),
    titleEn: optionalText(input.titleEn, 'input.titleEn', 1000),
    kind: input.kind,
    // omitted: ISSUED for a new programme, unchanged on update
    status: input.status ?? current?.status ?? ProgramStatus.ISSUED,
    documentNumber: optionalText(input.documentNumber, 'input.documentNumber', 100),
    issuedOn: input.issuedOn ?? null,
    issuer: optionalText(input.issuer, 'input.issuer', 300),
    signer: optionalText(input.signer, 'input.signer', 200),
    signerTitle: optionalText(input.signerTitle, 'input.signerTitle', 200),
    startYear,
    endYear,
    objectives: textList(input.objectives, 'input.objectives', 100, 10_000),
    provisions,
    sourceNote: optionalText(input.sourceNote, 'input.sourceNote', 2000),
  };
}

/** Loads an own programme for writing, locked (FOR UPDATE) so concurrent writers queue up. */
export async function lockProgram(em: EntityManager, tenant: string, id: string, mode = LockMode.PESSIMISTIC_WRITE): Promise<Program> {
  idOf(id, 'Program');
  const program = await em.findOne(ProgramEntity, { tenantId: tenant, id }, { lockMode: mode, refresh: true });
  if (!program) throw notFound('Program', { field: 'id' });
  return program;
}

export const periodOf = (p: { startYear: number; endYear?: number | null }): Period => ({ start: p.startYear, end: p.endYear ?? null });

export class ProgramsService {
  /** One page of programmes with the total count, in ONE statement whatever the page size. */
  async list(ctx: Ctx, filter: ProgramFilter | null | undefined, args: PageArgs<keyof typeof ProgramOrdering.Field>) {
    ctx.authorize('programs.read');
    const order = ProgramOrdering.resolve(args.orderBy);
    const scope = await ctx.loaders.scope();
    if (!scope.all && scope.programIds.size === 0) return emptyConnection<ProgramRow>();
    const w = tenantWhere('p', ctx.readTenants);
    const where: string[] = [w.sql];
    const params: unknown[] = [...w.params];
    if (!scope.all) {
      where.push('p.id = any(?::uuid[])');
      params.push(pgArray([...scope.programIds]));
    }
    if (filter?.kind != null) {
      where.push('p.kind = ?');
      params.push(filter.kind);
    }
    if (filter?.status != null) {
      where.push('p.status = ?');
      params.push(filter.status);
    }
    if (filter?.activeIn != null) {
      documentYear(filter.activeIn, 'filter.activeIn');
      where.push('p.start_year <= ? and (p.end_year is null or p.end_year >= ?)');
      params.push(filter.activeIn, filter.activeIn);
    }
    if (filter?.search != null) {
      const key = fold(filter.search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'filter.search' });
      where.push(`p.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    const page = await keysetPage(await ctx.em(), {
      list: `select ${PROGRAM_COLUMNS} from programs.program p where ${where.join(' and ')}`,
      params,
      order,
      page: args,
      toNode: toProgram,
    });
    for (const p of page.nodes) ctx.loaders.programById.prime(p.id, p);
    return page;
  }

  /** A programme the caller may read, or null (unknown, another tenant's, or outside a sponsor's scope). */
  async byId(ctx: Ctx, id: string): Promise<ProgramRow | null> {
    ctx.authorize('programs.read');
    const program = await ctx.loaders.programById.load(id);
    if (!program) return null;
    return inScope(await ctx.loaders.scope(), program.id) ? program : null;
  }

  /** Programmes covering a commune (for `Commune.programs`), within the caller's scope. */
  async forCommune(ctx: Ctx, communeId: string): Promise<ProgramRow[]> {
    ctx.authorize('programs.read');
    const scope = await ctx.loaders.scope();
    if (!scope.all && scope.programIds.size === 0) return [];
    const rows = await ctx.loaders.programsByCommune.load(communeId);
    return rows.map((r) => r.program).filter((p) => inScope(scope, p.id));
  }

  async coveredCommunes(ctx: Ctx, program: ProgramRow): Promise<{ id: string }[]> {
    const rows = await ctx.loaders.communeIdsByProgram.load(program.id);
    return rows.map((r) => ({ id: r.communeId }));
  }

  async create(ctx: Ctx, programCode_: string, input: ProgramInput): Promise<ProgramRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const programCode = code(programCode_, 'code', PROGRAM_CODE_RE, 'LS-NTM-2019');
    const data = validateFields(input);
    const id = newId();
    await ctx.write('createProgram', async (em) => {
      if ((await em.count(ProgramEntity, { tenantId: tenant, code: programCode })) > 0) {
        throw conflict(`A programme with code ${programCode} already exists`, { field: 'code' });
      }
      em.create(ProgramEntity, {
        ...data,
        tenantId: tenant,
        id,
        code: programCode,
        searchKey: programSearchKey({ code: programCode, ...data }),
        version: 1,
      });
      await uniqueOr(() => em.flush(), `A programme with code ${programCode} already exists`, 'code');
    });
    return this.reload(ctx, id);
  }

  async update(ctx: Ctx, id: string, version: number, input: ProgramInput): Promise<ProgramRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    validateFields(input); // refuse bad input before touching anything
    await ctx.write('updateProgram', async (em) => {
      const program = await lockProgram(em, tenant, id);
      checkVersion(program, version, 'The programme');
      const data = validateFields(input, program);
      await this.checkPeriodKeepsContent(em, tenant, id, periodOf(data));
      em.assign(program, { ...data, searchKey: programSearchKey({ code: program.code, ...data }), version: program.version + 1 });
    });
    return this.reload(ctx, id);
  }

  /** Shrinking a period may not leave targets, task deadlines or funding lines outside it. */
  private async checkPeriodKeepsContent(em: EntityManager, tenant: string, programId: string, p: Period) {
    const end = p.end ?? 9999;
    const [row] = await em.execute(
      `select
         (select count(*) from programs.target t
           where t.tenant_id = ? and t.program_id = ? and (t.start_year < ? or t.end_year > ?)) as targets,
         (select count(*) from programs.task k
           where k.tenant_id = ? and k.program_id = ?
             and (k.due_year < ? or k.due_year > ? or extract(year from k.due_date) < ? or extract(year from k.due_date) > ?)) as tasks,
         (select count(*) from programs.funding_line f
           where f.tenant_id = ? and f.program_id = ? and (f.year < ? or f.year > ?)) as funding_lines`,
      [tenant, programId, p.start, end, tenant, programId, p.start, end, p.start, end, tenant, programId, p.start, end],
    );
    const outside = { targets: Number(row?.targets ?? 0), tasks: Number(row?.tasks ?? 0), fundingLines: Number(row?.funding_lines ?? 0) };
    if (outside.targets + outside.tasks + outside.fundingLines > 0) {
      throw refuse(
        `The new period leaves ${outside.targets} target(s), ${outside.tasks} task(s) and ${outside.fundingLines} funding line(s) outside it; change them first`,
        'input.startYear',
        Reason.PERIOD_EXCLUDES_CONTENT,
        { outside },
      );
    }
  }

  /** Re-reads a programme after a write (fresh, not from the request's cache). */
  async reload(ctx: Ctx, id: string): Promise<ProgramRow> {
    ctx.loaders.programById.clear(id);
    const program = await ctx.loaders.programById.load(id);
    if (!program) throw notFound('Program', { field: 'id' });
    return program;
  }
}

export const programsService = new ProgramsService();
