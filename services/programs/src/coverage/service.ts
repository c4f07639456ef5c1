import { checkVersion, idsVisible, isUuid, Reason, refuse, type RequestContext } from '@kn/platform';
import { COMMUNES_EXIST } from '../peers.js';
import type { Loaders } from '../loaders.js';
import { CoveredCommuneEntity } from '../programs/entities.js';
import { lockProgram, programsService } from '../programs/service.js';
import type { ProgramRow } from '../programs/rows.js';

type Ctx = RequestContext<Loaders>;

export const MAX_COVERED_COMMUNES = 1000;

export class CoverageService {
  /**
   * Replaces the communes a programme covers. Each id must be a commune the communes subgraph shows
   * the caller (so: of the caller's province); it is asked as the caller, in one request.
   */
  async setCommunes(ctx: Ctx, programId: string, version: number, communeIds: readonly string[]): Promise<ProgramRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const wanted = [...new Set(communeIds)];
    if (wanted.length > MAX_COVERED_COMMUNES) {
      throw refuse(`A programme may cover at most ${MAX_COVERED_COMMUNES} communes`, 'communeIds', Reason.TOO_MANY);
    }
    await this.requireKnownCommunes(ctx, wanted);
    await ctx.write('setProgramCommunes', async (em) => {
      const program = await lockProgram(em, tenant, programId);
      checkVersion(program, version, 'The programme');
      const existing = await em.find(CoveredCommuneEntity, { tenantId: tenant, programId });
      const keep = new Set(wanted);
      for (const row of existing) if (!keep.has(row.communeId)) em.remove(row);
      const had = new Set(existing.map((r) => r.communeId));
      for (const communeId of wanted) {
        if (!had.has(communeId)) em.create(CoveredCommuneEntity, { tenantId: tenant, programId, communeId });
      }
      program.version += 1;
    });
    ctx.loaders.communeIdsByProgram.clear(programId);
    ctx.loaders.programsByCommune.clearAll();
    return programsService.reload(ctx, programId);
  }

  private async requireKnownCommunes(ctx: Ctx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const malformed = ids.filter((id) => !isUuid(id));
    let unknown: string[] = malformed;
    const candidates = ids.filter(isUuid);
    if (candidates.length > 0) {
      const visible = await idsVisible(ctx, COMMUNES_EXIST, 'Commune', candidates);
      unknown = [...unknown, ...candidates.filter((id) => !visible.has(id.toLowerCase()))];
    }
    if (unknown.length > 0) {
      throw refuse(`Not communes of your province: ${unknown.slice(0, 10).join(', ')}`, 'communeIds', Reason.UNKNOWN_COMMUNE, {
        unknown: unknown.slice(0, 50),
      });
    }
  }
}

export const coverageService = new CoverageService();
