import {
  idsVisible,
  badInput,
  checkVersion,
  code,
  conflict,
  foreignId,
  idOf,
  isUniqueViolation,
  isUuid,
  keysetPage,
  newId,
  notFound,
  optionalText,
  type PageArgs,
  tenantWhere,
  todayInVietnam,
  year as checkYear,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { geographyFor } from '../geography/client.js';
import { PAIR_MATCHES, PAIRS_TABLE, pairsParam } from '../geography/loaders.js';
import type { Ctx } from '../loaders.js';
import { TwinningStatus } from '../common/enums.js';
import { inScope, sponsorScope } from '../common/scope.js';
import { ACTIVE_IN_YEAR, sponsorNameColumn } from '../common/sql.js';
import { SponsorEntity } from '../sponsors/entities.js';
import { TwinningEntity } from './entities.js';
import { TWINNING_COLUMNS, toTwinning, type TwinningRow } from './rows.js';
import { type CreateTwinningInput, type TwinningFilter, TwinningOrdering, type UpdateTwinningInput } from './types.js';
import { PROGRAMS_EXIST } from '../peers.js';

function checkPeriod(startsOn: string, endsOn: string | null, status: string, prefix: string) {
  if (endsOn !== null && endsOn < startsOn) {
    throw badInput('A twinning cannot end before it starts', { field: `${prefix}.endsOn` });
  }
  if (status === TwinningStatus.ENDED && endsOn === null) {
    throw badInput('An ENDED twinning needs `endsOn`', { field: `${prefix}.endsOn` });
  }
}

/**
 * A twinning implements a programme of the caller's own province: asked of the programs subgraph
 * as the caller (its row-level security decides), so another province's programme, or none, is
 * NOT_FOUND — never a dangling reference.
 */
async function requireProgram(ctx: Ctx, programId: string): Promise<void> {
  if (!(await idsVisible(ctx, PROGRAMS_EXIST, 'Program', [programId])).has(programId.toLowerCase())) throw notFound('Program', { field: 'input.programId' });
}

export class TwinningsService {
  async list(ctx: Ctx, filter: TwinningFilter | null | undefined, page: PageArgs<keyof typeof TwinningOrdering.Field>) {
    ctx.authorize('sponsors.read');
    const order = TwinningOrdering.resolve(page.orderBy);
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const where = [w.sql, scope.sql];
    const params: unknown[] = [...w.params, ...scope.params];
    const idFilter = (value: string | null | undefined, column: string) => {
      if (value == null) return;
      if (!isUuid(value)) where.push('false');
      else {
        where.push(`${column} = ?::uuid`);
        params.push(value.toLowerCase());
      }
    };
    idFilter(filter?.sponsorId, 't.sponsor_id');
    idFilter(filter?.programId, 't.program_id');
    if (filter?.communeId != null) {
      if (!isUuid(filter.communeId)) where.push('false');
      else {
        // the commune's own twinnings and, rolled up, its predecessors' that continue in it
        const geo = await geographyFor(ctx);
        where.push(`exists (select 1 from ${PAIRS_TABLE} where p.source = t.commune_id and ${PAIR_MATCHES})`);
        params.push(pairsParam(geo.rollUpPairs([filter.communeId.toLowerCase()])));
      }
    }
    if (filter?.status != null) {
      where.push('t.status = ?');
      params.push(filter.status);
    }
    if (filter?.activeIn != null) {
      where.push(ACTIVE_IN_YEAR('t'));
      const y = checkYear(filter.activeIn, 'filter.activeIn');
      params.push(y, y);
    }
    return keysetPage(await ctx.em(), {
      list: `select ${TWINNING_COLUMNS}${sponsorNameColumn(order, 't')} from sponsors.twinning t where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: toTwinning,
    });
  }

  async get(ctx: Ctx, id: string): Promise<TwinningRow | null> {
    ctx.authorize('sponsors.read');
    return ctx.loaders.twinningById.load(id);
  }

  async create(ctx: Ctx, input: CreateTwinningInput): Promise<TwinningRow> {
    ctx.authorize('sponsors.write');
    const tenant = ctx.tenant;
    const sponsorId = idOf(input.sponsorId, 'Sponsor', 'input.sponsorId');
    const communeId = foreignId(input.communeId, 'input.communeId');
    const programId = foreignId(input.programId, 'input.programId');
    const status = input.status ?? TwinningStatus.ACTIVE;
    const endsOn = input.endsOn ?? null;
    checkPeriod(input.startsOn, endsOn, status, 'input');
    const [geo] = await Promise.all([geographyFor(ctx), requireProgram(ctx, programId)]);
    const commune = geo.get(communeId);
    if (!commune) throw notFound('Commune', { field: 'input.communeId' });
    if (!inScope(ctx, sponsorId, communeId)) throw notFound('Commune', { field: 'input.communeId' });
    if (commune.validTo !== null && commune.validTo < input.startsOn) {
      throw badInput(`This commune ceased on ${commune.validTo}: twin with the commune that succeeded it`, { field: 'input.communeId' });
    }
    if (commune.validFrom !== null && endsOn !== null && commune.validFrom > endsOn) {
      throw badInput(`This commune exists from ${commune.validFrom}, after the twinning ends`, { field: 'input.communeId' });
    }
    const successorCommuneId = this.checkSuccessor(geo.get(communeId)?.successors ?? [], input.successorCommuneId, 'input');
    const note = optionalText(input.note, 'input.note');
    return ctx.write('createTwinning', async (em) => {
      const sponsor = await em.findOne(SponsorEntity, { tenantId: tenant, id: sponsorId });
      if (!sponsor) throw notFound('Sponsor', { field: 'input.sponsorId' });
      const twinningCode =
        input.code != null ? code(input.code, 'input.code') : `${sponsor.code}-${commune.code}-${input.startsOn.slice(0, 4)}`;
      if ((await em.count(TwinningEntity, { tenantId: tenant, code: twinningCode })) > 0) {
        throw conflict(`A twinning with code ${twinningCode} exists already; give another \`code\``, { field: 'input.code' });
      }
      const now = new Date();
      const t = em.create(TwinningEntity, {
        tenantId: tenant,
        id: newId(),
        code: twinningCode,
        sponsorId,
        communeId,
        programId,
        signedOn: input.signedOn ?? null,
        startsOn: input.startsOn,
        endsOn,
        status,
        successorCommuneId,
        note,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      return t as TwinningRow;
    }).catch((e: unknown) => {
      if (isUniqueViolation(e)) throw conflict('A twinning with that code exists already', { field: 'input.code' });
      throw e;
    });
  }

  /** A chosen successor must be one of the commune's successors (only meaningful for a split). */
  private checkSuccessor(successors: string[], value: string | null | undefined, prefix: string): string | null {
    if (value == null) return null;
    const id = foreignId(value, `${prefix}.successorCommuneId`);
    if (!successors.includes(id)) {
      throw badInput("`successorCommuneId` must be one of the commune's successors after 1/7/2025", {
        field: `${prefix}.successorCommuneId`,
      });
    }
    return id;
  }

  async update(ctx: Ctx, input: UpdateTwinningInput): Promise<TwinningRow> {
    ctx.authorize('sponsors.write');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Twinning', 'input.id');
    const geo = input.successorCommuneId != null ? await geographyFor(ctx) : null;
    return ctx.write('updateTwinning', async (em) => {
      const t = await em.findOne(TwinningEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!t || !inScope(ctx, t.sponsorId, t.communeId)) throw notFound('Twinning', { field: 'input.id' });
      checkVersion(t, input.version, 'This twinning');
      if (input.status != null) t.status = input.status;
      if (input.signedOn !== undefined) t.signedOn = input.signedOn;
      if (input.startsOn != null) t.startsOn = input.startsOn;
      if (input.endsOn !== undefined) t.endsOn = input.endsOn;
      if (input.note !== undefined) t.note = optionalText(input.note, 'input.note');
      if (input.successorCommuneId !== undefined) {
        t.successorCommuneId = this.checkSuccessor(geo?.get(t.communeId)?.successors ?? [], input.successorCommuneId, 'input');
      }
      checkPeriod(t.startsOn, t.endsOn ?? null, t.status, 'input');
      // the period must still cover every contribution recorded under the twinning
      const outside = await em.execute(
        `select count(*) as n from sponsors.contribution c
          where c.tenant_id = ? and c.twinning_id = ? and (c.contributed_on < ?::date or c.contributed_on > coalesce(?::date, 'infinity'::date))`,
        [tenant, id, t.startsOn, t.endsOn ?? null],
      );
      if (Number(outside[0]?.n ?? 0) > 0) {
        throw badInput(`${outside[0]!.n} contribution(s) would fall outside the new period`, { field: 'input.startsOn' });
      }
      t.version += 1;
      t.updatedAt = new Date();
      ctx.loaders.twinningById.clear(id);
      return t as TwinningRow;
    });
  }

  /** The commune, valid on `asOf` (default today), that the twinning continues in. */
  async currentCommune(ctx: Ctx, t: TwinningRow, asOf?: string | null): Promise<{ id: string } | null> {
    const geo = await geographyFor(ctx);
    const id = geo.currentOf(t.communeId, t.successorCommuneId, asOf ?? todayInVietnam());
    return id ? { id } : null;
  }

  /** A sponsor identity may only name its own sponsor's twinnings: others do not exist for it. */
  async visible(ctx: Ctx, id: string, field: string): Promise<TwinningRow> {
    const t = isUuid(id) ? await ctx.loaders.twinningById.load(id.toLowerCase()) : null;
    if (!t) throw notFound('Twinning', { field });
    if (!inScope(ctx, t.sponsorId, t.communeId)) throw notFound('Twinning', { field });
    return t;
  }
}

export const twinningsService = new TwinningsService();
