import type { ClientBase } from 'pg';
import { provenance, READ_ALL_SETTING, TENANT_SETTING, type ProvenanceData } from '@kn/platform';

const S = 'communes';

/** One tenant succeeding another from a day (issue #18 §2, docs/SECURITY.md "Tenant succession"). */
export interface TenantSuccessionSpec {
  successor: string;
  predecessor: string;
  effectiveOn: string;
  legalBasis: string;
  provenance: ProvenanceData;
}

const RESOLUTION_202 = '202/2025/QH15 (12/6/2025) của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025';

/**
 * The demo's succession: the city of Đà Nẵng (48) formed on 1/7/2025 from Quảng Nam (49) and the
 * old Đà Nẵng. The old Đà Nẵng was never a tenant of the platform: its units are Đà Nẵng's own.
 */
export const DEMO_SUCCESSIONS: TenantSuccessionSpec[] = [
  {
    successor: 'da-nang',
    predecessor: 'quang-nam',
    effectiveOn: '2025-07-01',
    legalBasis: RESOLUTION_202,
    provenance: provenance.external(
      RESOLUTION_202,
      'Quảng Nam and the city of Đà Nẵng were arranged into the city of Đà Nẵng from 1/7/2025. The resolution’s text is not bundled; the day is that of the 2025 reform (shared/data/admin-units/).',
    ),
  },
];

/**
 * Records successions as the tooling (the owner role; the services' role cannot write them), each
 * in one transaction with an audit record in both tenants. Idempotent: an unchanged record is left
 * as it is (and not audited again).
 */
export async function loadTenantSuccessions(client: ClientBase, specs: TenantSuccessionSpec[], recordedBy = 'system:seed'): Promise<number> {
  let n = 0;
  const as = (tenant: string) => client.query(`select set_config('${TENANT_SETTING}', $1, true), set_config('${READ_ALL_SETTING}', 'off', true)`, [tenant]);
  const nameOf = async (tenant: string) => {
    // each tenant's row is visible to that tenant only (row-level security)
    await as(tenant);
    const r = await client.query<{ name: string }>(`select name from ${S}.tenant where tenant_id = $1`, [tenant]);
    if (!r.rows[0]) throw new Error(`tenant succession: ${tenant} is not a tenant`);
    return r.rows[0].name;
  };
  for (const s of specs) {
    await client.query('begin');
    try {
      const predecessorName = await nameOf(s.predecessor);
      const successorName = await nameOf(s.successor);
      const r = await client.query(
        `insert into ${S}.tenant_succession
           (successor_id, predecessor_id, successor_name, predecessor_name, effective_on, legal_basis, provenance, recorded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (predecessor_id) do update set
           successor_id = excluded.successor_id, successor_name = excluded.successor_name, predecessor_name = excluded.predecessor_name,
           effective_on = excluded.effective_on, legal_basis = excluded.legal_basis, provenance = excluded.provenance
         where (${S}.tenant_succession.successor_id, ${S}.tenant_succession.effective_on, ${S}.tenant_succession.legal_basis,
                ${S}.tenant_succession.provenance, ${S}.tenant_succession.successor_name, ${S}.tenant_succession.predecessor_name)
           is distinct from (excluded.successor_id, excluded.effective_on, excluded.legal_basis, excluded.provenance,
                             excluded.successor_name, excluded.predecessor_name)
         returning successor_id`,
        [s.successor, s.predecessor, successorName, predecessorName, s.effectiveOn, s.legalBasis, JSON.stringify(s.provenance), recordedBy],
      );
      if (r.rowCount) {
        n += 1;
        const after = { successor: s.successor, predecessor: s.predecessor, effectiveOn: s.effectiveOn, legalBasis: s.legalBasis };
        for (const tenant of [s.successor, s.predecessor]) {
          await as(tenant);
          await client.query(
            `insert into ${S}.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
             values ($1, $2, '{}', 'service', 'recordTenantSuccession', '[]', '{}', $3)`,
            [tenant, recordedBy, JSON.stringify(after)],
          );
        }
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
  }
  return n;
}
