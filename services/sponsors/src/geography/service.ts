import { badInput, forbidden, ownSponsor, tenantWhere, year as checkYear } from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { sponsorScope } from '../common/scope.js';
import { ACTIVE_IN_YEAR } from '../common/sql.js';
import { geographyFor } from './client.js';
import type { SponsorshipRow } from './loaders.js';

const CLASSIFICATIONS = ['BORDER', 'ETHNIC_MINORITY_MOUNTAINOUS', 'EXTREMELY_DIFFICULT', 'LOWLAND'];

/** The sponsors' side of the `Commune` entity, and the questions asked about communes. */
export class CommunesService {
  twinnings(ctx: Ctx, communeId: string, year?: number | null) {
    ctx.authorize('sponsors.read');
    if (year != null) checkYear(year, 'year');
    return ctx.loaders.twinningsOfCommune.load(`${communeId.toLowerCase()}|${year ?? ''}`);
  }

  async sponsorship(ctx: Ctx, communeId: string, year: number): Promise<SponsorshipRow> {
    ctx.authorize('sponsors.aggregate');
    checkYear(year, 'year');
    const rows = await ctx.loaders.sponsorshipOfCommune.load(`${communeId.toLowerCase()}|${year}`);
    return (
      rows[0] ?? {
        communeId, activeTwinnings: 0, cashVnd: 0n, inKindVnd: 0n, totalVnd: 0n,
        poorHouseholdsHelped: 0, modelsBuilt: 0, peopleTrained: 0, contributions: 0,
      }
    );
  }

  /**
   * Communes of the province, as they stood on 31/12 of `year` (optionally of one classification),
   * with no twinning active in that year. A twinning signed with a commune the 2025 reform replaced
   * covers the successor it continues in. One statement here, the geography from the communes
   * subgraph (cached), whatever the number of communes.
   */
  async withoutActiveTwinning(ctx: Ctx, year: number, classification?: string | null): Promise<{ id: string }[]> {
    // a question about coverage, not about any sponsor: staff, analysts and the national role (which
    // gets every province's communes and can count them per province) may ask; a partner may not
    ctx.authorize('sponsors.aggregate');
    if (ownSponsor(ctx) !== undefined) throw forbidden("A sponsor sees its own twinnings, not the province's coverage");
    const y = checkYear(year, 'year');
    if (classification != null && !CLASSIFICATIONS.includes(classification)) {
      throw badInput('Unknown classification', { field: 'classification' });
    }
    const day = `${y}-12-31`;
    const geo = await geographyFor(ctx);
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const rows = await em.execute(
      `select distinct t.commune_id, t.successor_commune_id from sponsors.twinning t
        where ${w.sql} and ${scope.sql} and ${ACTIVE_IN_YEAR('t')}`,
      [...w.params, ...scope.params, y, y],
    );
    const covered = new Set<string>();
    for (const r of rows) {
      const current = geo.currentOf(r.commune_id as string, (r.successor_commune_id as string | null) ?? null, day);
      if (current) covered.add(current);
    }
    return geo
      .communesValidOn(day, classification)
      .filter((c) => !covered.has(c.id))
      // a unit-scoped caller asks about the communes of its scope only
      .filter((c) => !ctx.identity.scope || ctx.identity.scope.reach.includes(c.id))
      .map((c) => ({ id: c.id }));
  }
}

export const communesService = new CommunesService();
