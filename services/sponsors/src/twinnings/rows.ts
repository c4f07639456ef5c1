import { asDateString } from '@kn/platform';

export interface TwinningRow {
  tenantId: string;
  id: string;
  code: string;
  sponsorId: string;
  communeId: string;
  programId: string;
  signedOn: string | null;
  startsOn: string;
  endsOn: string | null;
  status: string;
  successorCommuneId: string | null;
  note: string | null;
  version: number;
}

export const TWINNING_COLUMNS =
  't.tenant_id, t.id, t.code, t.sponsor_id, t.commune_id, t.program_id, t.signed_on, t.starts_on, t.ends_on, ' +
  't.status, t.successor_commune_id, t.note, t.version';

export function toTwinning(r: Record<string, unknown>): TwinningRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    code: r.code as string,
    sponsorId: r.sponsor_id as string,
    communeId: r.commune_id as string,
    programId: r.program_id as string,
    signedOn: asDateString(r.signed_on),
    startsOn: asDateString(r.starts_on)!,
    endsOn: asDateString(r.ends_on),
    status: r.status as string,
    successorCommuneId: (r.successor_commune_id as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    version: Number(r.version),
  };
}

/** True when the twinning counts as active in `year` (see docs/SPONSORS.md). */
export function activeIn(t: Pick<TwinningRow, 'status' | 'startsOn' | 'endsOn'>, year: number): boolean {
  return (
    (t.status === 'ACTIVE' || t.status === 'ENDED') &&
    t.startsOn <= `${year}-12-31` &&
    (t.endsOn === null || t.endsOn >= `${year}-01-01`)
  );
}
