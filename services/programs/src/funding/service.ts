import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkVersion, idOf, newId, notFound, optionalText, Reason, refuse, type RequestContext } from '@kn/platform';
import { yearInPeriod, type Period } from '../common/validation.js';
import type { Loaders } from '../loaders.js';
import type { ProgramRow } from '../programs/rows.js';
import { lockProgram, periodOf } from '../programs/service.js';
import { FundingLineEntity, type FundingLine } from './entities.js';
import type { FundingLineRow } from './rows.js';
import type { FundingLineInput } from './types.js';

type Ctx = RequestContext<Loaders>;

const MAX_LINES_PER_PROGRAM = 500;

function validateLine(input: FundingLineInput, period: Period): Pick<FundingLine, 'source' | 'amount' | 'year' | 'note'> {
  if (input.amount < 0n) throw refuse('An amount may not be negative', 'input.amount', Reason.NEGATIVE_AMOUNT);
  return {
    source: input.source,
    amount: input.amount,
    year: input.year == null ? null : yearInPeriod(input.year, period, 'input.year'),
    note: optionalText(input.note, 'input.note', 2000),
  };
}

async function lockLine(em: EntityManager, tenant: string, id: string): Promise<FundingLine> {
  idOf(id, 'Funding line');
  const line = await em.findOne(FundingLineEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!line) throw notFound('Funding line', { field: 'id' });
  return line;
}

export class FundingService {
  forProgram(ctx: Ctx, program: ProgramRow): Promise<FundingLineRow[]> {
    return ctx.loaders.fundingLinesByProgram.load(program.id);
  }

  /** The plan's total, summed exactly (bigint) from the same lines: no extra statement. */
  async total(ctx: Ctx, program: ProgramRow): Promise<bigint> {
    const lines = await ctx.loaders.fundingLinesByProgram.load(program.id);
    return lines.reduce((sum, l) => sum + l.amount, 0n);
  }

  async create(ctx: Ctx, programId: string, input: FundingLineInput): Promise<FundingLineRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const id = newId();
    await ctx.write('createFundingLine', async (em) => {
      const program = await lockProgram(em, tenant, programId, LockMode.PESSIMISTIC_READ);
      const data = validateLine(input, periodOf(program));
      const [row] = await em.execute(
        `select count(*) as n, coalesce(max(position), 0) + 1 as next from programs.funding_line where tenant_id = ? and program_id = ?`,
        [tenant, programId],
      );
      if (Number(row?.n ?? 0) >= MAX_LINES_PER_PROGRAM) {
        throw refuse(`A programme may have at most ${MAX_LINES_PER_PROGRAM} funding lines`, 'programId', Reason.TOO_MANY);
      }
      em.create(FundingLineEntity, { ...data, tenantId: tenant, id, programId, position: Number(row?.next ?? 1), version: 1 });
    });
    return this.reload(ctx, programId, id);
  }

  async update(ctx: Ctx, id: string, version: number, input: FundingLineInput): Promise<FundingLineRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    let programId = '';
    await ctx.write('updateFundingLine', async (em) => {
      const line = await lockLine(em, tenant, id);
      checkVersion(line, version, 'The funding line');
      programId = line.programId;
      const program = await lockProgram(em, tenant, line.programId, LockMode.PESSIMISTIC_READ);
      em.assign(line, { ...validateLine(input, periodOf(program)), version: line.version + 1 });
    });
    return this.reload(ctx, programId, id);
  }

  async delete(ctx: Ctx, id: string, version: number): Promise<string> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    await ctx.write('deleteFundingLine', async (em) => {
      const line = await lockLine(em, tenant, id);
      checkVersion(line, version, 'The funding line');
      ctx.loaders.fundingLinesByProgram.clear(line.programId);
      em.remove(line);
    });
    return id;
  }

  private async reload(ctx: Ctx, programId: string, id: string): Promise<FundingLineRow> {
    ctx.loaders.fundingLinesByProgram.clear(programId);
    const row = (await ctx.loaders.fundingLinesByProgram.load(programId)).find((l) => l.id === id);
    if (!row) throw notFound('Funding line', { field: 'id' });
    return row;
  }
}

export const fundingService = new FundingService();
