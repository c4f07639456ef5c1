import { fold, seedIds } from '@kn/platform';
import type { AdminDataset, SeedUnit } from '@kn/communes/seed/admin-units';
import { Rng } from '../../rng.js';
import type { CopyValue } from '../copy.js';
import type { DatasetPlan } from '../plan.js';
import { benchPrograms, tenantPrefix, type ClassesByUnit } from './programs.js';

/**
 * SYNTHETIC sponsors, twinnings, the yearly cycle and contributions for the national dataset,
 * shaped like the demo data (services/sponsors/src/seed/demo.ts) at national scale:
 *
 * - sponsors per tenant from the plan (≈ 20,000 in all), kinds mixed: provincial agencies with staff
 *   counts, the tenant's own districts (lowland ones flagged, from the classifications part) and a
 *   few from other provinces, enterprises, economic groups, armed forces, mass organisations;
 * - 1–4 twinnings each with real communes of the tenant: signed before 1/7/2025 with an old
 *   commune (weighted towards border, mountainous and extremely difficult communes), continuing in
 *   its successor after the reform (a split commune's twinning names its successor half the time),
 *   or ended on 30/6/2025 and renewed with the successor; signed after the reform with a new
 *   commune (some only PROPOSED); some ended early or suspended;
 * - per twinning and year, a needs proposal and a yearly plan (each with 1–2 items), some late
 *   against the tenant's deadlines (28/02 and 31/03 for 40 % of tenants), some missing;
 * - contributions: exactly the plan's count per tenant and year (1,000,000 over 2016–2026),
 *   spread over the twinnings active that year in proportion to their sponsor kind's activity,
 *   dated inside the twinning's period, categories weighted (gifts fading over the years), đồng as
 *   bigint, households, models with their kind, people trained; PLANNED after the reference day,
 *   mostly VERIFIED before 2025; a few verified ones reversed and replaced.
 */

export const REFERENCE_DAY = '2026-11-15';
const REFORM_DAY = '2025-07-01';
const LAST_OLD_DAY = '2025-06-30';

type Kind = 'PROVINCIAL_AGENCY' | 'DISTRICT' | 'ENTERPRISE' | 'ECONOMIC_GROUP' | 'ARMED_FORCES' | 'MASS_ORGANISATION' | 'OTHER';

export interface BenchSponsor {
  tenant: string;
  id: string;
  code: string;
  name: string;
  kind: Kind;
  staffCount: number | null;
  lowland: boolean;
  insideProvince: boolean;
  districtId: string | null;
}

export interface BenchTwinning {
  tenant: string;
  id: string;
  code: string;
  sponsor: BenchSponsor;
  communeId: string;
  programId: string;
  startsOn: string;
  endsOn: string | null;
  status: 'PROPOSED' | 'ACTIVE' | 'SUSPENDED' | 'ENDED';
  successorCommuneId: string | null;
}

export interface TenantSponsors {
  tenant: string;
  deadlines: boolean;
  sponsors: BenchSponsor[];
  twinnings: BenchTwinning[];
}

const KIND_WEIGHTS: [Kind, number][] = [
  ['PROVINCIAL_AGENCY', 14], ['DISTRICT', 12], ['ENTERPRISE', 36], ['ECONOMIC_GROUP', 5],
  ['ARMED_FORCES', 9], ['MASS_ORGANISATION', 14], ['OTHER', 10],
];
const TWINNINGS_PER_SPONSOR: Record<Kind, [number, number]> = {
  PROVINCIAL_AGENCY: [1, 3], DISTRICT: [1, 4], ENTERPRISE: [1, 2], ECONOMIC_GROUP: [1, 3], ARMED_FORCES: [2, 4], MASS_ORGANISATION: [1, 2], OTHER: [1, 1],
};

/** How generous a sponsor is, by kind, per twinning and year (the demo's profiles). */
interface Profile { perYear: number; cash: [number, number]; inKind: [number, number]; households: [number, number]; models: [number, number] }
const PROFILES: Record<Kind, Profile> = {
  PROVINCIAL_AGENCY: { perYear: 3, cash: [5_000_000, 40_000_000], inKind: [0, 25_000_000], households: [1, 4], models: [0, 1] },
  DISTRICT: { perYear: 3, cash: [30_000_000, 90_000_000], inKind: [5_000_000, 40_000_000], households: [2, 5], models: [0, 1] },
  ENTERPRISE: { perYear: 2, cash: [20_000_000, 150_000_000], inKind: [0, 80_000_000], households: [0, 4], models: [0, 1] },
  ECONOMIC_GROUP: { perYear: 2, cash: [100_000_000, 600_000_000], inKind: [0, 200_000_000], households: [1, 6], models: [0, 1] },
  ARMED_FORCES: { perYear: 3, cash: [2_000_000, 20_000_000], inKind: [5_000_000, 30_000_000], households: [1, 3], models: [0, 1] },
  MASS_ORGANISATION: { perYear: 2, cash: [3_000_000, 25_000_000], inKind: [0, 15_000_000], households: [1, 3], models: [0, 1] },
  OTHER: { perYear: 1.5, cash: [1_000_000, 10_000_000], inKind: [0, 5_000_000], households: [0, 2], models: [0, 1] },
};

const CATEGORY_TEXT: Record<string, string[]> = {
  ECONOMIC_DEVELOPMENT: ['Hỗ trợ giống cây, con giống cho hộ nghèo', 'Hỗ trợ phân bón, vật tư sản xuất', 'Xây dựng mô hình trồng quế', 'Hỗ trợ bò giống sinh sản'],
  INFRASTRUCTURE: ['Hỗ trợ bê tông hóa đường thôn', 'Sửa chữa kênh mương nội đồng', 'Hỗ trợ điện chiếu sáng đường quê', 'Xây cầu dân sinh'],
  EDUCATION: ['Tặng thiết bị dạy học cho điểm trường', 'Tặng sách vở, học bổng cho học sinh nghèo'],
  HEALTH: ['Khám bệnh, cấp phát thuốc miễn phí', 'Tặng trang thiết bị cho trạm y tế xã'],
  CULTURE: ['Hỗ trợ xây dựng nhà văn hóa thôn', 'Tặng nhạc cụ dân tộc cho đội văn nghệ'],
  SOCIAL_SECURITY: ['Xây nhà tình nghĩa, xóa nhà tạm', 'Xây nhà vệ sinh cho hộ nghèo'],
  POLITICAL_SYSTEM_TRAINING: ['Tập huấn kỹ năng cho cán bộ xã, thôn', 'Hỗ trợ trang thiết bị cho UBND xã'],
  PROPAGANDA: ['Tuyên truyền, phổ biến pháp luật tại thôn', 'Hỗ trợ tủ sách pháp luật'],
  GIFTS: ['Tặng quà Tết cho hộ nghèo', 'Thăm hỏi, tặng quà gia đình chính sách'],
  OTHER: ['Hỗ trợ khắc phục hậu quả thiên tai'],
};
const CATEGORY_WEIGHTS: [string, number][] = [
  ['ECONOMIC_DEVELOPMENT', 26], ['INFRASTRUCTURE', 16], ['EDUCATION', 12], ['HEALTH', 8], ['CULTURE', 6],
  ['SOCIAL_SECURITY', 12], ['POLITICAL_SYSTEM_TRAINING', 8], ['PROPAGANDA', 4], ['GIFTS', 6], ['OTHER', 2],
];
/** Gifts fade over the years ("giảm dần việc tặng quà"): 2016 weighs gifts 3×, 2026 0.5×. */
const categoryWeights = (year: number): [string, number][] =>
  CATEGORY_WEIGHTS.map(([c, w]) => [c, c === 'GIFTS' ? w * Math.max(0.5, 3 - 0.25 * (year - 2016)) : w]);
const MODEL_KINDS = ['HOUSEHOLD_GROUP', 'CLUB', 'COOPERATIVE_GROUP', 'COOPERATIVE'];

const AGENCIES = [
  'Sở Kế hoạch và Đầu tư', 'Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Xây dựng',
  'Sở Công Thương', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Ban Dân tộc tỉnh',
  'Văn phòng UBND tỉnh', 'Thanh tra tỉnh', 'Kho bạc Nhà nước tỉnh', 'Cục Thuế tỉnh', 'Bảo hiểm xã hội tỉnh', 'Đài Phát thanh và Truyền hình tỉnh',
  'Ban Quản lý các khu công nghiệp', 'Trường Cao đẳng tỉnh', 'Bệnh viện Đa khoa tỉnh', 'Trung tâm Kiểm soát bệnh tật tỉnh',
];
const FIELDS = ['Xây dựng', 'Thương mại', 'Vận tải', 'Nông sản', 'Thủy điện', 'Khoáng sản', 'Du lịch', 'Dược phẩm', 'Viễn thông', 'Cao su', 'Xi măng', 'Lâm nghiệp'];
const FIRM_NAMES = ['Hòa Bình', 'Thành Công', 'Phú Thịnh', 'Đông Bắc', 'Trường Sơn', 'Hồng Hà', 'Bình Minh', 'An Phát', 'Tân Việt', 'Sông Đà', 'Đại Dương', 'Hưng Thịnh'];
const GROUPS = ['Tập đoàn Điện lực', 'Tập đoàn Dầu khí', 'Tập đoàn Viễn thông', 'Tổng công ty Lương thực', 'Ngân hàng TMCP Ngoại thương', 'Ngân hàng Nông nghiệp và PTNT', 'Tập đoàn Than - Khoáng sản', 'Tổng công ty Cao su'];
const FORCES = ['Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Công an tỉnh', 'Đồn Biên phòng', 'Ban Chỉ huy Quân sự', 'Trung đoàn bộ binh', 'Công an'];
const MASS_ORGS = ['Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'Hội Nông dân', 'Hội Cựu chiến binh', 'Liên đoàn Lao động', 'Ủy ban MTTQ Việt Nam', 'Hội Chữ thập đỏ'];
const OTHERS = ['Câu lạc bộ Doanh nhân', 'Hội Doanh nghiệp trẻ', 'Quỹ Bảo trợ trẻ em', 'Hiệp hội Du lịch', 'Trường THPT', 'Hợp tác xã'];
const OUTSIDE = ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
/** A day in [from, to] (both YYYY-MM-DD). */
const dayBetween = (rng: Rng, from: string, to: string) => iso(dayMs(from) + rng.int(0, Math.max(0, Math.round((dayMs(to) - dayMs(from)) / 86_400_000))) * 86_400_000);
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

/** Cumulative weights for picking with a binary search (thousands of picks per list). */
class WeightedPicker<T> {
  private readonly cum: number[] = [];
  private total = 0;
  constructor(private readonly items: readonly T[], weight: (t: T) => number) {
    for (const it of items) {
      this.total += weight(it);
      this.cum.push(this.total);
    }
  }
  get size() {
    return this.items.length;
  }
  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Sponsors and twinnings of every tenant: deterministic from the seed; pure (no database). */
export function buildSponsorsModel(seed: string, geo: AdminDataset, plan: DatasetPlan, classes: ClassesByUnit): TenantSponsors[] {
  const unitsByTenant = new Map<string, SeedUnit[]>();
  for (const u of geo.units) {
    const list = unitsByTenant.get(u.tenantId) ?? [];
    list.push(u);
    unitsByTenant.set(u.tenantId, list);
  }
  const successorsOf = new Map<string, string[]>();
  for (const s of geo.successions) successorsOf.set(s.predecessorId, [...(successorsOf.get(s.predecessorId) ?? []), s.successorId]);
  const unitById = new Map(geo.units.map((u) => [u.id, u]));
  for (const [k, list] of successorsOf) successorsOf.set(k, list.sort((a, b) => unitById.get(a)!.code.localeCompare(unitById.get(b)!.code) || a.localeCompare(b)));

  const out: TenantSponsors[] = [];
  for (const tp of plan.tenants) {
    const tenant = tp.tenant;
    const rng = new Rng(seed, `sponsors:${tenant}`);
    const units = unitsByTenant.get(tenant) ?? [];
    const districts = rng.sample(units.filter((u) => u.level === 'DISTRICT'), 10_000);
    const oldCommunes = units.filter((u) => u.level === 'COMMUNE' && u.validFrom === null);
    const newCommunes = units.filter((u) => u.level === 'COMMUNE' && u.validFrom !== null);
    const hasBorder = oldCommunes.some((c) => classes.get(c.id)?.has('BORDER'));
    const provinceName = geo.tenants.find((t) => t.slug === tenant)?.name ?? tenant;
    const programs = benchPrograms(seed, tenant, provinceName, hasBorder);
    const twinningProgram = programs.find((p) => p.kind === 'TWINNING')!;
    const otherPrograms = programs.filter((p) => p.kind !== 'TWINNING');
    const weightOf = (armed: boolean) => (c: SeedUnit) => {
      const cls = classes.get(c.id);
      let w = 1;
      if (cls?.has('BORDER')) w += armed ? 20 : 4;
      if (cls?.has('ETHNIC_MINORITY_MOUNTAINOUS')) w += 2;
      if (cls?.has('EXTREMELY_DIFFICULT')) w += 2;
      return w;
    };
    const oldPicker = new WeightedPicker(oldCommunes, weightOf(false));
    const oldPickerArmed = new WeightedPicker(oldCommunes, weightOf(true));
    const newPicker = new WeightedPicker(newCommunes.length ? newCommunes : oldCommunes, weightOf(false));
    const prefix = tenantPrefix(tenant);

    const sponsors: BenchSponsor[] = [];
    let nextDistrict = 0;
    const seen = new Map<string, number>();
    const unique = (name: string) => {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return n === 1 ? name : `${name} (${n})`;
    };
    for (let i = 0; i < tp.sponsors; i++) {
      let kind = rng.weighted(KIND_WEIGHTS);
      let district: SeedUnit | null = null;
      let inside = true;
      if (kind === 'DISTRICT') {
        if (nextDistrict < districts.length && rng.chance(0.85)) district = districts[nextDistrict++]!;
        else if (rng.chance(0.5)) inside = false;
        else kind = 'ENTERPRISE';
      }
      const place = rng.pick(oldCommunes).name;
      let name: string;
      let staff: number | null = null;
      switch (kind) {
        case 'PROVINCIAL_AGENCY':
          name = rng.pick(AGENCIES);
          staff = rng.int(15, 150);
          break;
        case 'DISTRICT':
          name = district ? `UBND ${district.fullName}` : `UBND quận ${rng.pick(FIRM_NAMES)}, ${rng.pick(OUTSIDE)}`;
          break;
        case 'ENTERPRISE':
          name = `Công ty ${rng.pick(['CP', 'TNHH', 'TNHH MTV'])} ${rng.pick(FIELDS)} ${rng.pick(FIRM_NAMES)}`;
          inside = rng.chance(0.75);
          break;
        case 'ECONOMIC_GROUP':
          name = `${rng.pick(GROUPS)}${rng.chance(0.5) ? `, chi nhánh ${provinceName}` : ''}`;
          inside = rng.chance(0.3);
          break;
        case 'ARMED_FORCES':
          name = `${rng.pick(FORCES)} ${place}`;
          break;
        case 'MASS_ORGANISATION':
          name = `${rng.pick(MASS_ORGS)} ${rng.chance(0.4) ? 'tỉnh' : place}`;
          break;
        default:
          name = `${rng.pick(OTHERS)} ${place}`;
      }
      const code = `${prefix}-S${pad(i + 1, 5)}`;
      sponsors.push({
        tenant,
        id: seedIds.sponsor(tenant, code),
        code,
        name: unique(name),
        kind,
        staffCount: staff,
        lowland: kind === 'DISTRICT' && district !== null && (classes.get(district.id)?.has('LOWLAND') ?? false),
        insideProvince: inside,
        districtId: district?.id ?? null,
      });
    }

    const twinnings: BenchTwinning[] = [];
    for (const s of sponsors) {
      const [lo, hi] = TWINNINGS_PER_SPONSOR[s.kind];
      const n = rng.int(lo, hi);
      let k = 0;
      const add = (t: Omit<BenchTwinning, 'tenant' | 'id' | 'code' | 'sponsor'>) => {
        const code = `${s.code}-T${++k}`;
        twinnings.push({ tenant, id: seedIds.of('twinning', tenant, code), code, sponsor: s, ...t });
      };
      for (let j = 0; j < n; j++) {
        const afterReform = newCommunes.length > 0 && rng.chance(0.06);
        const program = rng.chance(0.85) || otherPrograms.length === 0 ? twinningProgram : rng.pick(otherPrograms);
        if (afterReform) {
          const commune = newPicker.pick(rng);
          const startsOn = dayBetween(rng, REFORM_DAY, '2026-10-31');
          const proposed = rng.chance(0.25);
          add({ communeId: commune.id, programId: twinningProgram.id, startsOn, endsOn: null, status: proposed ? 'PROPOSED' : 'ACTIVE', successorCommuneId: null });
          continue;
        }
        const commune = (s.kind === 'ARMED_FORCES' ? oldPickerArmed : oldPicker).pick(rng);
        const startYear = rng.weighted([[2014, 1], [2015, 2], [2016, 4], [2017, 3], [2018, 3], [2019, 3], [2020, 3], [2021, 2], [2022, 2], [2023, 1], [2024, 1]] as const);
        const startsOn = dayBetween(rng, `${startYear}-01-01`, `${startYear}-12-31`);
        const r = rng.next();
        const successors = successorsOf.get(commune.id) ?? [];
        if (r < 0.1) {
          // ended early
          const endsOn = minDay(dayBetween(rng, `${startYear + 2}-01-01`, `${startYear + 5}-12-31`), LAST_OLD_DAY);
          add({ communeId: commune.id, programId: program.id, startsOn, endsOn, status: 'ENDED', successorCommuneId: null });
        } else if (r < 0.12) {
          add({ communeId: commune.id, programId: program.id, startsOn, endsOn: null, status: 'SUSPENDED', successorCommuneId: null });
        } else if (r < 0.4 && successors.length > 0) {
          // ended with the old commune on 30/6/2025, renewed with its successor from 1/7/2025
          add({ communeId: commune.id, programId: program.id, startsOn, endsOn: LAST_OLD_DAY, status: 'ENDED', successorCommuneId: null });
          add({ communeId: rng.pick(successors), programId: twinningProgram.id, startsOn: REFORM_DAY, endsOn: null, status: 'ACTIVE', successorCommuneId: null });
        } else {
          // continues across the reform; a split commune's twinning names its successor half the time
          const chosen = successors.length > 1 && rng.chance(0.5) ? rng.pick(successors) : null;
          add({ communeId: commune.id, programId: program.id, startsOn, endsOn: null, status: 'ACTIVE', successorCommuneId: chosen });
        }
      }
    }
    out.push({ tenant, deadlines: rng.chance(0.4), sponsors, twinnings });
  }
  return out;
}

/** First and last year a twinning can have a cycle or contributions in (inside 2016–2026). */
function activeYears(t: BenchTwinning, from: number, to: number): [number, number] | null {
  if (t.status === 'PROPOSED') return null;
  const first = Math.max(from, Number(t.startsOn.slice(0, 4)));
  const lastDay = t.status === 'SUSPENDED' ? '2023-12-31' : (t.endsOn ?? `${to}-12-31`);
  const last = Math.min(to, Number(lastDay.slice(0, 4)));
  return first <= last ? [first, last] : null;
}

export const SPONSOR_COLUMNS = ['tenant_id', 'id', 'code', 'name', 'search_key', 'kind', 'staff_count', 'lowland', 'inside_province', 'district_id'];
export function* sponsorRows(model: TenantSponsors[]): Generator<CopyValue[]> {
  for (const t of model) {
    for (const s of t.sponsors) {
      yield [s.tenant, s.id, s.code, s.name, fold(`${s.name} ${s.code}`), s.kind, s.staffCount, s.lowland, s.insideProvince, s.districtId];
    }
  }
}

export const TWINNING_COLUMNS = ['tenant_id', 'id', 'code', 'sponsor_id', 'commune_id', 'program_id', 'signed_on', 'starts_on', 'ends_on', 'status', 'successor_commune_id', 'note'];
export function* twinningRows(model: TenantSponsors[]): Generator<CopyValue[]> {
  for (const t of model) {
    for (const w of t.twinnings) {
      yield [w.tenant, w.id, w.code, w.sponsor.id, w.communeId, w.programId, w.status === 'PROPOSED' ? null : w.startsOn, w.startsOn, w.endsOn, w.status, w.successorCommuneId, null];
    }
  }
}

export const DEADLINE_COLUMNS = ['tenant_id', 'step', 'month', 'day', 'source'];
export function* deadlineRows(model: TenantSponsors[]): Generator<CopyValue[]> {
  for (const t of model) {
    if (!t.deadlines) continue;
    yield [t.tenant, 'NEEDS_PROPOSAL', 2, 28, 'dữ liệu tổng hợp (benchmark)'];
    yield [t.tenant, 'YEARLY_PLAN', 3, 31, 'dữ liệu tổng hợp (benchmark)'];
  }
}

export const DOC_COLUMNS = (dateColumn: string) => ['tenant_id', 'id', 'twinning_id', 'year', dateColumn, 'deadline', 'on_time'];
export const NEEDS_ITEM_COLUMNS = ['tenant_id', 'id', 'proposal_id', 'position', 'category', 'description', 'estimated_cost_vnd'];
export const PLAN_ITEM_COLUMNS = ['tenant_id', 'id', 'plan_id', 'position', 'content', 'place', 'beneficiaries', 'funding_vnd', 'schedule'];

/**
 * The yearly cycle: per twinning and year, a needs proposal (p = 0.55) and a plan (p = 0.7), each on
 * time three times in four; items with them. Four row streams, filled in one pass.
 */
export function cycleRows(seed: string, model: TenantSponsors[], years: [number, number]) {
  const proposals: CopyValue[][] = [];
  const needsItems: CopyValue[][] = [];
  const plans: CopyValue[][] = [];
  const planItems: CopyValue[][] = [];
  for (const t of model) {
    const rng = new Rng(seed, `cycle:${t.tenant}`);
    for (const w of t.twinnings) {
      const span = activeYears(w, years[0], years[1]);
      if (!span) continue;
      for (let year = span[0]; year <= span[1]; year++) {
        if (rng.chance(0.55)) {
          const onTime = rng.chance(0.75);
          const on = maxDay(onTime ? dayBetween(rng, `${year}-01-05`, `${year}-02-28`) : dayBetween(rng, `${year}-03-01`, `${year}-04-30`), w.startsOn);
          if (w.endsOn && on > w.endsOn) continue;
          const deadline = t.deadlines ? `${year}-02-28` : null;
          const id = seedIds.of('needs-proposal', t.tenant, w.code, String(year));
          proposals.push([t.tenant, id, w.id, year, on, deadline, deadline ? on <= deadline : null]);
          const n = rng.int(1, 2);
          for (let i = 0; i < n; i++) {
            const cat = rng.weighted(CATEGORY_WEIGHTS);
            needsItems.push([t.tenant, seedIds.of('needs-item', t.tenant, w.code, String(year), String(i)), id, i, cat, rng.pick(CATEGORY_TEXT[cat]!),
              BigInt(rng.int(10, 150)) * 1_000_000n]);
          }
        }
        if (rng.chance(0.7)) {
          const onTime = rng.chance(0.75);
          const on = maxDay(onTime ? dayBetween(rng, `${year}-02-15`, `${year}-03-31`) : dayBetween(rng, `${year}-04-01`, `${year}-06-30`), w.startsOn);
          if (w.endsOn && on > w.endsOn) continue;
          const deadline = t.deadlines ? `${year}-03-31` : null;
          const id = seedIds.of('yearly-plan', t.tenant, w.code, String(year));
          plans.push([t.tenant, id, w.id, year, on, deadline, deadline ? on <= deadline : null]);
          const n = rng.int(1, 2);
          for (let i = 0; i < n; i++) {
            const cat = rng.weighted(CATEGORY_WEIGHTS);
            planItems.push([t.tenant, seedIds.of('plan-item', t.tenant, w.code, String(year), String(i)), id, i, rng.pick(CATEGORY_TEXT[cat]!),
              'Thôn trung tâm xã', `${rng.int(5, 60)} hộ`, BigInt(rng.int(10, 200)) * 1_000_000n, `Quý ${rng.int(2, 4)}/${year}`]);
          }
        }
      }
    }
  }
  return { proposals, needsItems, plans, planItems };
}

export const CONTRIBUTION_COLUMNS = [
  'tenant_id', 'id', 'twinning_id', 'sponsor_id', 'commune_id', 'program_id', 'contributed_on', 'category', 'description', 'cash_vnd', 'in_kind_vnd',
  'poor_households_helped', 'models_built', 'model_kind', 'people_trained', 'beneficiaries', 'status', 'reverses_id', 'reversal_reason', 'created_by',
];

function statusFor(rng: Rng, date: string): string {
  if (date > REFERENCE_DAY) return 'PLANNED';
  if (date < '2025-01-01') return rng.chance(0.9) ? 'VERIFIED' : 'DONE';
  if (date < '2026-01-01') return rng.chance(0.5) ? 'VERIFIED' : 'DONE';
  return 'DONE';
}

/**
 * One tenant's contributions, streamed: exactly `byYear[k]` rows in year `years[0] + k`, over the
 * twinnings active that year, weighted by their sponsor kind's activity. A verified contribution
 * is reversed and replaced with p = 0.0005 (the three rows count in the year's total).
 */
export function* contributionRows(seed: string, t: TenantSponsors, firstYear: number, byYear: readonly number[]): Generator<CopyValue[]> {
  const rng = new Rng(seed, `contributions:${t.tenant}`);
  const vnd = (lo: number, hi: number) => BigInt(Math.round(rng.int(lo, hi) / 100_000)) * 100_000n;
  for (let k = 0; k < byYear.length; k++) {
    const year = firstYear + k;
    const active = t.twinnings.filter((w) => {
      const span = activeYears(w, year, year);
      return span !== null;
    });
    if (active.length === 0) {
      if (byYear[k]! > 0) throw new Error(`${t.tenant}: no twinning active in ${year} for ${byYear[k]} contributions`);
      continue;
    }
    const picker = new WeightedPicker(active, (w) => PROFILES[w.sponsor.kind].perYear);
    const weights = categoryWeights(year);
    let left = byYear[k]!;
    let seq = 0;
    while (left > 0) {
      const w = picker.pick(rng);
      const from = maxDay(`${year}-01-10`, w.startsOn);
      const lastDay = w.status === 'SUSPENDED' ? '2023-12-31' : (w.endsOn ?? `${year}-12-20`);
      const to = minDay(`${year}-12-20`, lastDay);
      const on = from <= to ? dayBetween(rng, from, to) : maxDay(w.startsOn, `${year}-01-01`);
      const cat = rng.weighted(weights);
      const p = PROFILES[w.sponsor.kind];
      const models = cat === 'ECONOMIC_DEVELOPMENT' ? rng.int(p.models[0], p.models[1] + 1) : 0;
      const status = statusFor(rng, on);
      const id = seedIds.of('bench-contribution', t.tenant, String(year), String(seq++));
      const row: CopyValue[] = [
        t.tenant, id, w.id, w.sponsor.id, w.communeId, w.programId, on, cat, rng.pick(CATEGORY_TEXT[cat]!),
        vnd(p.cash[0], p.cash[1]), rng.chance(0.6) ? vnd(p.inKind[0], p.inKind[1]) : 0n,
        ['ECONOMIC_DEVELOPMENT', 'SOCIAL_SECURITY', 'GIFTS'].includes(cat) ? rng.int(p.households[0], p.households[1]) : 0,
        models, models > 0 ? rng.pick(MODEL_KINDS) : null,
        cat === 'POLITICAL_SYSTEM_TRAINING' || cat === 'ECONOMIC_DEVELOPMENT' ? rng.int(0, 40) : 0,
        rng.int(5, 120), status, null, null, 'system:bench',
      ];
      yield row;
      left--;
      if (status === 'VERIFIED' && left >= 2 && rng.chance(0.0005)) {
        const neg = (v: CopyValue) => (typeof v === 'bigint' ? -v : typeof v === 'number' ? -v : v);
        yield [
          ...row.slice(0, 8), `Đảo bút toán / reversal: ${row[8]}`, neg(row[9]), neg(row[10]), neg(row[11]), neg(row[12]), row[13], neg(row[14]), neg(row[15]),
          'VERIFIED', id, 'Nhập sai số liệu, điều chỉnh theo biên bản (dữ liệu tổng hợp)', 'system:bench',
        ].map((v, i) => (i === 1 ? seedIds.of('bench-contribution-reversal', t.tenant, id) : v));
        yield [...row.slice(0, 1), seedIds.of('bench-contribution-replacement', t.tenant, id), ...row.slice(2, 9), vnd(p.cash[0], p.cash[1]), ...row.slice(10)];
        left -= 2;
      }
    }
  }
}
