import { fold, seedIds } from '@kn/platform';
import type { AdminDataset } from '@kn/communes/seed/admin-units';
import { Rng } from '../../rng.js';
import type { CopyValue } from '../copy.js';

/**
 * SYNTHETIC programmes of every tenant for the national dataset: the twinning programme (kết nghĩa,
 * 2016–2030, the one most twinnings belong to) and 3–6 others drawn from the seed (new rural
 * development 2016–2020 and 2021–2025, poverty reduction 2021–2025, border economy when the tenant
 * has border communes, one or two local programmes), each with targets, funding lines, two tasks
 * and the communes it covers (by classification). Ids: `seedIds.program(tenant, code)`, so the
 * sponsors part names the same programmes without reading these tables.
 */

export interface BenchProgram {
  tenant: string;
  id: string;
  code: string;
  kind: 'TWINNING' | 'NEW_RURAL_DEVELOPMENT' | 'POVERTY_REDUCTION' | 'BORDER_ECONOMY' | 'OTHER';
  title: string;
  titleEn: string;
  startYear: number;
  endYear: number;
  /** Which communes it covers: classifications (any of), or a share of the old communes. */
  covers: { classes?: string[]; share?: number };
}

/** Per commune-level unit of a tenant, the synthetic classifications (from the classifications part). */
export type ClassesByUnit = ReadonlyMap<string, ReadonlySet<string>>;

/** Tenant slug `p20-lang-son` → code prefix `P20`. */
export const tenantPrefix = (tenant: string) => (/^p(\d+)/.exec(tenant)?.[1] ? `P${/^p(\d+)/.exec(tenant)![1]}` : tenant.slice(0, 6).toUpperCase().replace(/[^A-Z0-9]/g, 'X'));

/** The programmes of one tenant: deterministic from the seed and the tenant. */
export function benchPrograms(seed: string, tenant: string, provinceName: string, hasBorder: boolean): BenchProgram[] {
  const rng = new Rng(seed, `programs:${tenant}`);
  const p = tenantPrefix(tenant);
  const mk = (code: string, rest: Omit<BenchProgram, 'tenant' | 'id' | 'code'>): BenchProgram => ({
    tenant,
    id: seedIds.program(tenant, `${p}-${code}`),
    code: `${p}-${code}`,
    ...rest,
  });
  const list: BenchProgram[] = [
    mk('KN-2016', {
      kind: 'TWINNING',
      title: `Chương trình kết nghĩa, hỗ trợ các xã khó khăn, xã biên giới tỉnh ${provinceName} giai đoạn 2016–2030`,
      titleEn: `${provinceName}: twinning with and support of disadvantaged and border communes, 2016–2030`,
      startYear: 2016,
      endYear: 2030,
      covers: { classes: ['BORDER', 'ETHNIC_MINORITY_MOUNTAINOUS', 'EXTREMELY_DIFFICULT'] },
    }),
    mk('NTM-2016', {
      kind: 'NEW_RURAL_DEVELOPMENT',
      title: `Chương trình xây dựng nông thôn mới tỉnh ${provinceName} giai đoạn 2016–2020`,
      titleEn: `${provinceName}: new rural development, 2016–2020`,
      startYear: 2016,
      endYear: 2020,
      covers: { share: 0.6 },
    }),
    mk('NTM-2021', {
      kind: 'NEW_RURAL_DEVELOPMENT',
      title: `Chương trình xây dựng nông thôn mới tỉnh ${provinceName} giai đoạn 2021–2025`,
      titleEn: `${provinceName}: new rural development, 2021–2025`,
      startYear: 2021,
      endYear: 2025,
      covers: { share: 0.5 },
    }),
  ];
  if (rng.chance(0.8)) {
    list.push(
      mk('GN-2021', {
        kind: 'POVERTY_REDUCTION',
        title: `Chương trình giảm nghèo bền vững tỉnh ${provinceName} giai đoạn 2021–2025`,
        titleEn: `${provinceName}: sustainable poverty reduction, 2021–2025`,
        startYear: 2021,
        endYear: 2025,
        covers: { classes: ['EXTREMELY_DIFFICULT'], share: 0.1 },
      }),
    );
  }
  if (hasBorder) {
    list.push(
      mk('KTCK-2018', {
        kind: 'BORDER_ECONOMY',
        title: `Đề án phát triển kinh tế cửa khẩu, biên giới tỉnh ${provinceName} giai đoạn 2018–2025`,
        titleEn: `${provinceName}: border-gate economy, 2018–2025`,
        startYear: 2018,
        endYear: 2025,
        covers: { classes: ['BORDER'] },
      }),
    );
  }
  const locals = rng.int(0, 2);
  for (let k = 0; k < locals; k++) {
    const start = rng.int(2016, 2023);
    list.push(
      mk(`DA-${start}-${k + 1}`, {
        kind: 'OTHER',
        title: rng.pick([
          `Đề án hỗ trợ nhà ở cho hộ nghèo tỉnh ${provinceName}`,
          `Đề án phát triển sản phẩm OCOP tỉnh ${provinceName}`,
          `Kế hoạch nước sạch nông thôn tỉnh ${provinceName}`,
          `Đề án chuyển đổi số cấp xã tỉnh ${provinceName}`,
        ]),
        titleEn: `${provinceName}: local programme ${k + 1}`,
        startYear: start,
        endYear: start + rng.int(2, 5),
        covers: { share: 0.15 },
      }),
    );
  }
  return list;
}

const INDICATORS: [code: string, name: string, nameEn: string, unit: string, higherIsBetter: boolean | null][] = [
  ['BORDER_COMMUNE_SPONSORS', 'Số đơn vị kết nghĩa mỗi xã biên giới', 'Twinning units per border commune', 'ORGANISATIONS', true],
  ['POVERTY_RATE', 'Tỷ lệ hộ nghèo', 'Poverty rate', 'PERCENT', false],
  ['NTM_STANDARD_COMMUNES', 'Số xã đạt chuẩn nông thôn mới', 'Communes meeting the NTM standard', 'COMMUNES', true],
  ['SUPPORT_FUNDING', 'Kinh phí hỗ trợ huy động', 'Support funding raised', 'VND', true],
  ['MODELS_BUILT', 'Số mô hình sản xuất được xây dựng', 'Production models built', 'MODELS', true],
  ['HOUSEHOLDS_HELPED', 'Số hộ nghèo được hỗ trợ', 'Poor households helped', 'HOUSEHOLDS', true],
  ['PEOPLE_TRAINED', 'Số người được tập huấn', 'People trained', 'PEOPLE', true],
  ['FACILITIES_BUILT', 'Số công trình được xây dựng', 'Facilities built', 'FACILITIES', true],
];

/** Row sets of the programs part, one array per table, columns as named in `PROGRAM_TABLES`. */
export interface ProgramRows {
  indicator: CopyValue[][];
  program: CopyValue[][];
  covered_commune: CopyValue[][];
  target: CopyValue[][];
  task: CopyValue[][];
  funding_line: CopyValue[][];
}

export const PROGRAM_TABLES: Record<keyof ProgramRows, string[]> = {
  indicator: ['tenant_id', 'id', 'code', 'name', 'name_en', 'unit', 'higher_is_better', 'search_key'],
  program: ['tenant_id', 'id', 'code', 'title', 'title_en', 'kind', 'status', 'document_number', 'issued_on', 'issuer', 'signer', 'signer_title',
    'start_year', 'end_year', 'objectives', 'source_note', 'search_key'],
  covered_commune: ['tenant_id', 'program_id', 'commune_id'],
  target: ['tenant_id', 'id', 'program_id', 'indicator_id', 'start_year', 'end_year', 'yearly', 'comparison', 'target_value', 'target_amount',
    'baseline', 'baseline_year', 'scope_kind', 'scope_group', 'scope_label', 'note', 'position'],
  task: ['tenant_id', 'id', 'program_id', 'title', 'lead_agency', 'due_kind', 'status', 'position'],
  funding_line: ['tenant_id', 'id', 'program_id', 'source', 'amount', 'year', 'note', 'position'],
};

/** Every row of the programs part, for all tenants. */
export function programRows(seed: string, geo: AdminDataset, classes: ClassesByUnit): ProgramRows {
  const out: ProgramRows = { indicator: [], program: [], covered_commune: [], target: [], task: [], funding_line: [] };
  const provinceName = new Map(geo.tenants.map((t) => [t.slug, t.name]));
  const communesOf = new Map<string, { id: string; old: boolean }[]>();
  for (const u of geo.units) {
    if (u.level !== 'COMMUNE') continue;
    const list = communesOf.get(u.tenantId) ?? [];
    list.push({ id: u.id, old: u.validFrom === null });
    communesOf.set(u.tenantId, list);
  }
  for (const t of geo.tenants) {
    const tenant = t.slug;
    const communes = communesOf.get(tenant) ?? [];
    const hasBorder = communes.some((c) => classes.get(c.id)?.has('BORDER'));
    const rng = new Rng(seed, `program-rows:${tenant}`);
    const indicatorId = (code: string) => seedIds.of('indicator', tenant, code);
    for (const [code, name, nameEn, unit, hib] of INDICATORS) {
      out.indicator.push([tenant, indicatorId(code), code, name, nameEn, unit, hib, fold([code, name, nameEn].join(' '))]);
    }
    for (const p of benchPrograms(seed, tenant, provinceName.get(tenant) ?? tenant, hasBorder)) {
      const docNo = `${rng.int(100, 2999)}/QĐ-UBND`;
      const status = p.endYear < 2026 ? (rng.chance(0.6) ? 'CLOSED' : 'ISSUED') : 'ISSUED';
      out.program.push([
        tenant, p.id, p.code, p.title, p.titleEn, p.kind, status, docNo, `${p.startYear - 1}-12-${String(rng.int(10, 28)).padStart(2, '0')}`,
        `UBND tỉnh ${provinceName.get(tenant)}`, 'Chủ tịch UBND tỉnh (dữ liệu tổng hợp)', 'Chủ tịch', p.startYear, p.endYear,
        ['Hỗ trợ phát triển kinh tế - xã hội các xã khó khăn', 'Giảm nghèo bền vững', 'Củng cố hệ thống chính trị cơ sở'],
        'Synthetic benchmark data (bench/src/data/parts/programs.ts)', fold([p.code, p.title, p.titleEn, docNo].join(' ')),
      ]);
      // covered communes: by classification (old units, and the new units that inherited it when the
      // programme runs past the reform), or a seeded share of the old communes
      const runsPastReform = p.endYear >= 2026;
      for (const c of communes) {
        if (!c.old && !runsPastReform) continue;
        const cls = classes.get(c.id);
        const byClass = p.covers.classes?.some((k) => cls?.has(k)) ?? false;
        const byShare = c.old && p.covers.share != null && rng.chance(p.covers.share);
        if (byClass || byShare) out.covered_commune.push([tenant, p.id, c.id]);
      }
      // targets: the programme's own indicators over its period, and yearly funding targets
      let position = 0;
      const target = (indicator: string, start: number, end: number, yearly: boolean, value: string | null, amount: bigint | null, scope?: string) => {
        position++;
        out.target.push([
          tenant, seedIds.of('target', tenant, p.code, indicator, scope ?? 'PROVINCE', String(start), String(end)), p.id, indicatorId(indicator),
          start, end, yearly, 'AT_LEAST', value, amount, null, null, scope ? 'COMMUNE_GROUP' : 'PROVINCE', scope ?? null,
          scope ? (scope === 'BORDER' ? 'các xã biên giới' : 'các xã đặc biệt khó khăn') : 'toàn tỉnh', 'dữ liệu tổng hợp', position,
        ]);
      };
      if (p.kind === 'TWINNING') {
        if (hasBorder) target('BORDER_COMMUNE_SPONSORS', p.startYear, p.endYear, false, String(rng.int(1, 3)), null, 'BORDER');
        for (let y = p.startYear; y <= Math.min(p.endYear, 2026); y++) {
          target('SUPPORT_FUNDING', y, y, true, null, BigInt(rng.int(20, 200)) * 1_000_000_000n);
        }
        target('HOUSEHOLDS_HELPED', p.startYear, p.endYear, false, String(rng.int(500, 5000)), null);
        target('MODELS_BUILT', p.startYear, p.endYear, false, String(rng.int(20, 300)), null);
      } else if (p.kind === 'NEW_RURAL_DEVELOPMENT') {
        target('NTM_STANDARD_COMMUNES', p.startYear, p.endYear, false, String(rng.int(30, 120)), null);
        target('FACILITIES_BUILT', p.startYear, p.endYear, false, String(rng.int(50, 400)), null);
      } else if (p.kind === 'POVERTY_REDUCTION') {
        target('POVERTY_RATE', p.endYear, p.endYear, false, `${rng.int(1, 9)}.${rng.int(0, 9)}`, null);
        target('HOUSEHOLDS_HELPED', p.startYear, p.endYear, false, String(rng.int(1000, 8000)), null, 'EXTREMELY_DIFFICULT');
      } else {
        target('PEOPLE_TRAINED', p.startYear, p.endYear, false, String(rng.int(200, 3000)), null);
        target('SUPPORT_FUNDING', p.startYear, p.endYear, false, null, BigInt(rng.int(5, 80)) * 1_000_000_000n);
      }
      out.task.push(
        [tenant, seedIds.of('task', tenant, p.code, '1'), p.id, 'Hướng dẫn, đôn đốc các đơn vị triển khai', 'Sở Kế hoạch và Đầu tư', 'ONGOING', 'IN_PROGRESS', 1],
        [tenant, seedIds.of('task', tenant, p.code, '2'), p.id, 'Tổng hợp, báo cáo kết quả thực hiện', 'Ban Dân tộc tỉnh', 'AS_NEEDED', 'PLANNED', 2],
      );
      const sources = rng.sample(['CENTRAL_BUDGET', 'LOCAL_BUDGET', 'INTEGRATED_PROGRAMMES', 'ENTERPRISES', 'COMMUNITY'], rng.int(2, 4));
      sources.forEach((source, i) => {
        out.funding_line.push([
          tenant, seedIds.of('funding', tenant, p.code, source, ''), p.id, source, BigInt(rng.int(2, 400)) * 1_000_000_000n, null, 'dữ liệu tổng hợp', i + 1,
        ]);
      });
    }
  }
  return out;
}
