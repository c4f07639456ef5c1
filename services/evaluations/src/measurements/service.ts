import {
  checkVersion,
  conflict,
  forbidden,
  foreignId,
  isUniqueViolation,
  isUuid,
  keysetPage,
  newId,
  nonNegativeInt,
  ownSponsor,
  type PageArgs,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  year as checkYear,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { communesVisible } from '../common/peers.js';
import { unitScope } from '../common/scope.js';
import type { Loaders } from '../loaders.js';
import { CriteriaSetEntity, CriterionEntity, MeasurementEntity } from './entities.js';
import { CRITERIA_SET_COLUMNS, MEASUREMENT_COLUMNS, toCriteriaSet, toMeasurement, type CriteriaSetRow, type MeasurementRow } from './rows.js';
import { type CommuneMeasurementInput, CommuneMeasurementOrdering, type CriteriaSetInput } from './types.js';

type Ctx = RequestContext<Loaders>;

const SET_CODE_RE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;


export class MeasurementsService {
  async criteriaSets(ctx: Ctx): Promise<CriteriaSetRow[]> {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    const em = await ctx.em();
    const rows = await em.execute(`select ${CRITERIA_SET_COLUMNS} from evaluations.criteria_set s where s.tenant_id = ? order by s.first_year, s.code`, [tenant]);
    return rows.map(toCriteriaSet);
  }

  /** Creates a criteria set or replaces the one with its code (its criteria listed 1 to N). */
  async saveCriteriaSet(ctx: Ctx, input: CriteriaSetInput): Promise<CriteriaSetRow> {
    ctx.authorize('evaluations.configure');
    const tenant = ctx.tenant;
    const code = input.code.trim();
    if (!SET_CODE_RE.test(code)) throw refuse('`code` is capitals, digits and "-", e.g. "NTM-2026-2030"', 'input.code', Reason.UNKNOWN_CRITERIA_SET);
    const firstYear = checkYear(input.firstYear, 'input.firstYear');
    const lastYear = input.lastYear == null ? null : checkYear(input.lastYear, 'input.lastYear');
    if (lastYear !== null && lastYear < firstYear) throw refuse('`lastYear` is before `firstYear`', 'input.lastYear', Reason.CRITERIA_SET_NOT_IN_FORCE);
    const criteria = [...input.criteria].sort((a, b) => a.number - b.number);
    if (criteria.length === 0 || criteria.length > 50 || criteria.some((c, i) => c.number !== i + 1)) {
      throw refuse('Criteria are numbered 1 to N (at most 50), each once', 'input.criteria', Reason.UNKNOWN_CRITERION);
    }
    const names = criteria.map((c, i) => ({
      number: c.number,
      nameVi: requiredText(c.nameVi, `input.criteria[${i}].nameVi`, 300),
      nameEn: requiredText(c.nameEn, `input.criteria[${i}].nameEn`, 300),
    }));
    const fields = {
      titleVi: requiredText(input.titleVi, 'input.titleVi', 300),
      titleEn: requiredText(input.titleEn, 'input.titleEn', 300),
      decision: requiredText(input.decision, 'input.decision', 500),
      firstYear,
      lastYear,
      criteriaCount: names.length,
      // a set is a national decision's: its provenance names the decision the province entered
      provenance: {
        kind: 'EXTERNAL',
        document: requiredText(input.decision, 'input.decision', 500),
        note: 'Saved by the province through saveCriteriaSet',
      } as Record<string, unknown>,
    };
    await ctx.write('saveCriteriaSet', async (em) => {
      const existing = await em.findOne(CriteriaSetEntity, { tenantId: tenant, code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        if (input.version == null) throw refuse('A set with this code exists: give the version you read to replace it', 'input.version', Reason.VERSION_REQUIRED);
        checkVersion(existing, input.version, 'This criteria set');
        const [used] = await em.execute(
          `select count(*)::int as n from evaluations.commune_measurement m
            where m.tenant_id = ? and m.criteria_set_code = ? and exists (select 1 from jsonb_array_elements_text(m.criteria_met) x where x::int > ?)`,
          [tenant, code, names.length],
        );
        if (Number(used?.n ?? 0) > 0) {
          throw conflict('Measurements record criteria this set would no longer have', { field: 'input.criteria', reason: 'IN_USE' });
        }
        Object.assign(existing, fields, { version: existing.version + 1 });
        for (const old of await em.find(CriterionEntity, { tenantId: tenant, setCode: code })) em.remove(old);
        await em.flush();
      } else {
        em.create(CriteriaSetEntity, { tenantId: tenant, code, ...fields, version: 1 });
        await em.flush();
      }
      for (const n of names) em.create(CriterionEntity, { tenantId: tenant, setCode: code, ...n });
    });
    return (await this.criteriaSets(ctx)).find((s) => s.code === code)!;
  }

  /**
   * Records a commune's figures of a year, or replaces them (with the version read). The commune
   * must be one of the caller's province, valid on 31/12 of the year (asked of the communes
   * subgraph); the criteria set must be in force that year and the criteria among its numbers.
   */
  async record(ctx: Ctx, input: CommuneMeasurementInput): Promise<MeasurementRow> {
    ctx.authorize('evaluations.measure');
    const tenant = ctx.tenant;
    const communeId = foreignId(input.communeId, 'input.communeId');
    const y = checkYear(input.year, 'input.year');
    const households = nonNegativeInt(input.households, 'input.households');
    const poor = nonNegativeInt(input.poorHouseholds, 'input.poorHouseholds');
    const nearPoor = nonNegativeInt(input.nearPoorHouseholds, 'input.nearPoorHouseholds');
    if (poor + nearPoor > households) {
      throw refuse('Poor and near-poor households together cannot exceed the households', 'input.poorHouseholds', Reason.HOUSEHOLDS_INCONSISTENT);
    }
    const source = requiredText(input.source, 'input.source', 500);
    let setCode: string | null = null;
    let met: number[] | null = null;
    const em = await ctx.em();
    if (input.criteriaSetCode != null) {
      setCode = input.criteriaSetCode.trim();
      const [set] = await em.execute(`select ${CRITERIA_SET_COLUMNS} from evaluations.criteria_set s where s.tenant_id = ? and s.code = ?`, [tenant, setCode]);
      if (!set) throw refuse('No criteria set of your province has this code', 'input.criteriaSetCode', Reason.UNKNOWN_CRITERIA_SET);
      const s = toCriteriaSet(set);
      if (y < s.firstYear || (s.lastYear !== null && y > s.lastYear)) {
        throw refuse(`The set ${s.code} is in force ${s.firstYear}–${s.lastYear ?? '…'}, not in ${y}`, 'input.criteriaSetCode', Reason.CRITERIA_SET_NOT_IN_FORCE);
      }
      met = [...new Set(input.criteriaMet ?? [])].sort((a, b) => a - b);
      const bad = met.find((n) => !Number.isInteger(n) || n < 1 || n > s.criteriaCount);
      if (bad !== undefined) throw refuse(`The set ${s.code} has criteria 1 to ${s.criteriaCount}; ${bad} is not one`, 'input.criteriaMet', Reason.UNKNOWN_CRITERION);
      if (met.length !== (input.criteriaMet ?? []).length) throw refuse('A criterion is listed twice', 'input.criteriaMet', Reason.UNKNOWN_CRITERION);
    } else if (input.criteriaMet != null) {
      throw refuse('Criteria met need the criteria set they belong to', 'input.criteriaSetCode', Reason.UNKNOWN_CRITERIA_SET);
    }
    const commune = (await communesVisible(ctx, [communeId])).get(communeId);
    const day = `${y}-12-31`;
    if (!commune) throw refuse('Not a commune of your province', 'input.communeId', Reason.UNKNOWN_COMMUNE);
    if ((commune.validFrom !== null && commune.validFrom > day) || (commune.validTo !== null && commune.validTo < day)) {
      throw refuse(`Figures of ${y} are recorded for the communes as they stood on 31/12/${y}; this one did not exist that day`, 'input.communeId', Reason.UNKNOWN_COMMUNE);
    }
    const fields = {
      criteriaSetCode: setCode,
      criteriaMet: met,
      ntmCertified: input.ntmCertified ?? false,
      households,
      poorHouseholds: poor,
      nearPoorHouseholds: nearPoor,
      source,
      synthetic: false,
    };
    const id = await this.write(ctx, async () => ctx.write('recordCommuneMeasurement', async (wem) => {
      const existing = await wem.findOne(MeasurementEntity, { tenantId: tenant, communeId, year: y }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const now = new Date();
      if (existing) {
        if (input.version == null) {
          throw conflict('Figures of this commune and year are recorded: give the version you read to replace them', {
            field: 'input.version',
            currentVersion: existing.version,
          });
        }
        checkVersion(existing, input.version, 'These figures');
        Object.assign(existing, fields, { version: existing.version + 1, updatedAt: now });
        return existing.id;
      }
      return wem.create(MeasurementEntity, { tenantId: tenant, id: newId(), communeId, year: y, ...fields, version: 1, createdAt: now, updatedAt: now }).id;
    }));
    const rows = await em.execute(`select ${MEASUREMENT_COLUMNS} from evaluations.commune_measurement m where m.tenant_id = ? and m.id = ?`, [tenant, id]);
    return toMeasurement(rows[0]!);
  }

  /** Two recordings of the same commune and year at once: the second is CONFLICT (it names the version to replace). */
  private async write<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw conflict('Figures of this commune and year were recorded at the same time; reload them and replace them with their version', {
        field: 'input.version',
        reason: 'CONCURRENT',
      });
    }
  }

  /** The communes' figures are the province's: staff read them, a partner does not. */
  private readable(ctx: Ctx): void {
    ctx.authorize('evaluations.read');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own reports and evaluations, not the communes’ figures');
  }

  /** `Commune.measurements(year)`: batched for every commune of the request. */
  forCommune(ctx: Ctx, communeId: string, y: number): Promise<MeasurementRow | null> {
    this.readable(ctx);
    checkYear(y, 'year');
    if (!isUuid(communeId)) return Promise.resolve(null);
    return ctx.loaders.measurementOf.load({ communeId, year: y });
  }

  /** The communes' own figures of a year, by commune id, a page at a time. */
  async list(ctx: Ctx, y: number, page: PageArgs<keyof typeof CommuneMeasurementOrdering.Field>) {
    this.readable(ctx);
    const tenant = ctx.tenant;
    checkYear(y, 'year');
    const order = CommuneMeasurementOrdering.resolve(page.orderBy);
    const scope = unitScope(ctx, { unit: 'm.commune_id' });
    return keysetPage(await ctx.em(), {
      list: `select ${MEASUREMENT_COLUMNS}, m.poor_households::numeric / nullif(m.households, 0) as poverty_rate from evaluations.commune_measurement m where m.tenant_id = ? and m.year = ? and ${scope.sql}`,
      params: [tenant, y, ...scope.params],
      order,
      page,
      toNode: toMeasurement,
    });
  }
}

export const measurementsService = new MeasurementsService();
