import {
  badInput,
  checkVersion,
  code,
  conflict,
  fold,
  foreignId,
  idOf,
  isUniqueViolation,
  keysetPage,
  likeEscape,
  newId,
  notFound,
  optionalText,
  type PageArgs,
  requiredText,
  tenantWhere,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import type { Ctx } from '../loaders.js';
import { SponsorKind } from '../common/enums.js';
import { refuseScoped, sponsorScope } from '../common/scope.js';
import { SponsorEntity } from './entities.js';
import { SPONSOR_COLUMNS, toSponsor, type SponsorRow } from './rows.js';
import { type CreateSponsorInput, type SponsorFilter, SponsorOrdering, type UpdateSponsorInput } from './types.js';
import { DISTRICT_EXISTS } from '../peers.js';

function checkStaff(staff: number | null | undefined, field: string): number | null {
  if (staff == null) return null;
  if (!Number.isInteger(staff) || staff < 0 || staff > 1_000_000) throw badInput(`\`${field}\` must be a whole number of staff`, { field });
  return staff;
}

export class SponsorsService {
  async list(ctx: Ctx, filter: SponsorFilter | null | undefined, page: PageArgs<keyof typeof SponsorOrdering.Field>) {
    ctx.authorize('sponsors.read');
    const order = SponsorOrdering.resolve(page.orderBy);
    const w = tenantWhere('s', ctx.readTenants);
    const scope = sponsorScope(ctx, 's.id');
    const where = [w.sql, scope.sql];
    const params: unknown[] = [...w.params, ...scope.params];
    if (filter?.kind != null) {
      where.push('s.kind = ?');
      params.push(filter.kind);
    }
    if (filter?.lowland != null) {
      where.push('s.lowland = ?');
      params.push(filter.lowland);
    }
    if (filter?.insideProvince != null) {
      where.push('s.inside_province = ?');
      params.push(filter.insideProvince);
    }
    if (filter?.search != null) {
      const key = fold(filter.search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'filter.search' });
      where.push(`s.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    return keysetPage(await ctx.em(), {
      list: `select ${SPONSOR_COLUMNS} from sponsors.sponsor s where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: toSponsor,
    });
  }

  async get(ctx: Ctx, id: string): Promise<SponsorRow | null> {
    ctx.authorize('sponsors.read');
    return ctx.loaders.sponsorById.load(id);
  }

  /** For a DISTRICT sponsor: the district must be one of the province's (asked of the communes subgraph). */
  private async checkDistrict(ctx: Ctx, districtId: string | null, field: string): Promise<string | null> {
    if (districtId == null) return null;
    const id = foreignId(districtId, field);
    const data = await ctx.peer('communes').query(ctx.caller, DISTRICT_EXISTS, { id });
    if (!data.district) throw notFound('District', { field });
    return id;
  }

  async create(ctx: Ctx, input: CreateSponsorInput): Promise<SponsorRow> {
    ctx.authorize('sponsors.write');
    refuseScoped(ctx, 'The register of sponsors');
    const tenant = ctx.tenant;
    const values = {
      code: code(input.code, 'input.code'),
      name: requiredText(input.name, 'input.name', 300),
      kind: input.kind,
      staffCount: checkStaff(input.staffCount, 'input.staffCount'),
      lowland: input.lowland ?? false,
      insideProvince: input.insideProvince ?? true,
      contactName: optionalText(input.contactName, 'input.contactName', 200),
      contactPhone: optionalText(input.contactPhone, 'input.contactPhone', 50),
      contactEmail: optionalText(input.contactEmail, 'input.contactEmail', 200),
    };
    if (values.lowland && values.kind !== SponsorKind.DISTRICT) {
      throw badInput('Only a sponsor of kind DISTRICT can be a lowland district', { field: 'input.lowland' });
    }
    const districtId = await this.checkDistrict(ctx, input.districtId ?? null, 'input.districtId');
    try {
      return await ctx.write('createSponsor', async (em) => {
        const taken = await em.count(SponsorEntity, { tenantId: tenant, code: values.code });
        if (taken > 0) throw conflict(`A sponsor with code ${values.code} exists already`, { field: 'input.code' });
        const now = new Date();
        const s = em.create(SponsorEntity, {
          tenantId: tenant,
          id: newId(),
          ...values,
          searchKey: fold(`${values.name} ${values.code}`),
          districtId,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        return s as SponsorRow;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`A sponsor with code ${values.code} exists already`, { field: 'input.code' });
      throw e;
    }
  }

  async update(ctx: Ctx, input: UpdateSponsorInput): Promise<SponsorRow> {
    ctx.authorize('sponsors.write');
    refuseScoped(ctx, 'The register of sponsors');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Sponsor', 'input.id');
    const districtId =
      input.districtId === undefined ? undefined : await this.checkDistrict(ctx, input.districtId, 'input.districtId');
    return ctx.write('updateSponsor', async (em) => {
      const s = await em.findOne(SponsorEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('Sponsor', { field: 'input.id' });
      checkVersion(s, input.version, 'This sponsor');
      if (input.name != null) s.name = requiredText(input.name, 'input.name', 300);
      if (input.kind != null) s.kind = input.kind;
      if (input.staffCount !== undefined) s.staffCount = checkStaff(input.staffCount, 'input.staffCount');
      if (input.lowland != null) s.lowland = input.lowland;
      if (input.insideProvince != null) s.insideProvince = input.insideProvince;
      if (districtId !== undefined) s.districtId = districtId;
      if (input.contactName !== undefined) s.contactName = optionalText(input.contactName, 'input.contactName', 200);
      if (input.contactPhone !== undefined) s.contactPhone = optionalText(input.contactPhone, 'input.contactPhone', 50);
      if (input.contactEmail !== undefined) s.contactEmail = optionalText(input.contactEmail, 'input.contactEmail', 200);
      if (s.lowland && s.kind !== SponsorKind.DISTRICT) {
        throw badInput('Only a sponsor of kind DISTRICT can be a lowland district', { field: 'input.lowland' });
      }
      s.searchKey = fold(`${s.name} ${s.code}`);
      s.version += 1;
      s.updatedAt = new Date();
      ctx.loaders.sponsorById.clear(id);
      return s as SponsorRow;
    });
  }

  twinnings(ctx: Ctx, sponsor: SponsorRow, status?: string | null) {
    return ctx.loaders.twinningsBySponsor.load(`${sponsor.id}|${status ?? ''}`);
  }

  contributions(ctx: Ctx, sponsor: SponsorRow, year?: number | null) {
    return ctx.loaders.contributionsBySponsor.load(`${sponsor.id}|${year ?? ''}`);
  }
}

export const sponsorsService = new SponsorsService();
