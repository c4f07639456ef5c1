import { SOURCE_DOCUMENTS, provenance, seedIds, type ProvenanceData } from '@kn/platform';
import { streamFor, type Rng } from './prng.js';

/**
 * The demo data: deterministic (see DEMO_SEED in prng.ts), clearly synthetic — every sponsor's name
 * ends with "(dữ liệu mẫu)" — for 2018–2026, shaped by the source documents:
 *
 * - Lạng Sơn, programme LS-KN-XBG (seed 000): its 20 border communes each get at least one sponsor
 *   (districts of the province and of Hà Nội, enterprises, economic groups, the Border Guard, a mass
 *   organisation, a department) by 2020 — except Tân Mỹ (twinned only in 2023) and Tú Mịch (only a
 *   proposal in 2026), so `communesWithoutActiveTwinning(2020, BORDER)` has an answer. The Bính Xá
 *   twinning continues in Kiên Mộc after the split of 1/7/2025 (NQ 1672/NQ-UBTVQH15 art. 43). No
 *   deadlines: plans are recorded without one.
 * - Quảng Nam, programme QN-1100-2020 (seed 001): fourteen departments with staff counts twin with
 *   communes of Bắc Trà My, Nam Trà My, Phước Sơn and Đông Giang; the nine lowland districts twin
 *   with communes of Nam Giang and Tây Giang; the Border Guard with four border communes. Deadlines
 *   28/02 (needs) and 31/03 (plans), as data; some proposals and plans are late, some missing.
 *   Thăng Bình gives exactly 199,999,999 đồng in 2022 (one đồng short of the 200-million rule).
 */

export const SEED_TODAY = '2026-11-15';
const SYNTHETIC = ' (dữ liệu mẫu)';

export interface DemoSponsor {
  id: string; code: string; name: string; kind: string; staffCount: number | null; lowland: boolean;
  insideProvince: boolean; districtId: string | null; contactName: string | null; contactPhone: string | null;
}
export interface DemoTwinning {
  id: string; code: string; sponsorId: string; communeId: string; programId: string; signedOn: string | null;
  startsOn: string; endsOn: string | null; status: string; successorCommuneId: string | null; note: string | null;
}
export interface DemoDoc { id: string; twinningId: string; year: number; on: string; deadline: string | null; onTime: boolean | null; note: string | null }
export interface DemoNeedsItem { id: string; proposalId: string; position: number; category: string; description: string; estimatedCostVnd: bigint }
export interface DemoPlanItem {
  id: string; planId: string; position: number; content: string; place: string | null; beneficiaries: string | null;
  fundingVnd: bigint; schedule: string | null;
}
export interface DemoContribution {
  id: string; twinningId: string; sponsorId: string; communeId: string; programId: string; contributedOn: string;
  category: string; description: string; cashVnd: bigint; inKindVnd: bigint; poorHouseholdsHelped: number;
  modelsBuilt: number; modelKind: string | null; peopleTrained: number; beneficiaries: number; status: string;
  reversesId: string | null; reversalReason: string | null;
}
export interface DemoDeadline {
  step: 'NEEDS_PROPOSAL' | 'YEARLY_PLAN'; month: number; day: number; source: string;
  /** The day of the document that creates it: a year's deadline before it is none. */
  effectiveFrom: string | null;
  provenance: ProvenanceData;
}
export interface DemoTenant {
  slug: string;
  deadlines: DemoDeadline[];
  sponsors: DemoSponsor[];
  twinnings: DemoTwinning[];
  proposals: DemoDoc[];
  needsItems: DemoNeedsItem[];
  plans: DemoDoc[];
  planItems: DemoPlanItem[];
  contributions: DemoContribution[];
}

const CATEGORY_TEXT: Record<string, string[]> = {
  ECONOMIC_DEVELOPMENT: ['Hỗ trợ giống cây, con giống cho hộ nghèo', 'Hỗ trợ phân bón, vật tư sản xuất', 'Xây dựng mô hình trồng quế'],
  INFRASTRUCTURE: ['Hỗ trợ bê tông hóa đường thôn', 'Sửa chữa kênh mương nội đồng', 'Hỗ trợ điện chiếu sáng đường quê'],
  EDUCATION: ['Tặng thiết bị dạy học cho điểm trường', 'Tặng sách vở, học bổng cho học sinh nghèo'],
  HEALTH: ['Khám bệnh, cấp phát thuốc miễn phí', 'Tặng trang thiết bị cho trạm y tế xã'],
  CULTURE: ['Hỗ trợ xây dựng nhà văn hóa thôn', 'Tặng nhạc cụ dân tộc cho đội văn nghệ'],
  SOCIAL_SECURITY: ['Xây nhà tình nghĩa, xóa nhà tạm', 'Xây nhà vệ sinh cho hộ nghèo'],
  POLITICAL_SYSTEM_TRAINING: ['Tập huấn kỹ năng cho cán bộ xã, thôn', 'Hỗ trợ trang thiết bị cho UBND xã'],
  PROPAGANDA: ['Tuyên truyền, phổ biến pháp luật tại thôn', 'Hỗ trợ tủ sách pháp luật'],
  GIFTS: ['Tặng quà Tết cho hộ nghèo', 'Thăm hỏi, tặng quà gia đình chính sách'],
  OTHER: ['Hỗ trợ khắc phục hậu quả thiên tai'],
};
// fewer gifts over the years: "giảm dần việc tặng quà" (seed 001 §II.1)
const CATEGORY_WEIGHTS: [string, number][] = [
  ['ECONOMIC_DEVELOPMENT', 26], ['INFRASTRUCTURE', 16], ['EDUCATION', 12], ['HEALTH', 8], ['CULTURE', 6],
  ['SOCIAL_SECURITY', 12], ['POLITICAL_SYSTEM_TRAINING', 8], ['PROPAGANDA', 4], ['GIFTS', 6], ['OTHER', 2],
];
const MODEL_KINDS = ['HOUSEHOLD_GROUP', 'CLUB', 'COOPERATIVE_GROUP', 'COOPERATIVE'];

function category(rng: Rng): string {
  const total = CATEGORY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng.int(1, total);
  for (const [c, w] of CATEGORY_WEIGHTS) {
    r -= w;
    if (r <= 0) return c;
  }
  return 'OTHER';
}

function statusFor(rng: Rng, date: string): string {
  if (date > SEED_TODAY) return 'PLANNED';
  if (date < '2025-01-01') return rng.chance(0.9) ? 'VERIFIED' : 'DONE';
  if (date < '2026-01-01') return rng.chance(0.5) ? 'VERIFIED' : 'DONE';
  return 'DONE';
}

function deadlineOf(deadlines: DemoDeadline[], step: DemoDeadline['step'], year: number): string | null {
  const d = deadlines.find((x) => x.step === step);
  if (!d) return null;
  const day = `${year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  // no duty before the document that creates it (decision 1100 is of 16/4/2020: no 31/3/2020 deadline)
  return d.effectiveFrom && day < d.effectiveFrom ? null : day;
}

interface SponsorSpec { code: string; name: string; kind: string; inside?: boolean; staff?: number; lowland?: boolean; district?: string }
interface TwinningSpec {
  code: string; sponsor: string; commune: string; period?: 'old' | 'new'; startsOn: string; endsOn?: string;
  status?: string; successor?: string; note?: string;
}
/** How generous a sponsor is, by kind: per twinning and year. */
interface Profile { perYear: [number, number]; cash: [number, number]; inKind: [number, number]; households: [number, number]; models: [number, number] }

const PROFILES: Record<string, Profile> = {
  PROVINCIAL_AGENCY: { perYear: [2, 4], cash: [5_000_000, 40_000_000], inKind: [0, 25_000_000], households: [1, 4], models: [0, 1] },
  DISTRICT: { perYear: [2, 4], cash: [30_000_000, 90_000_000], inKind: [5_000_000, 40_000_000], households: [2, 5], models: [0, 1] },
  ENTERPRISE: { perYear: [1, 3], cash: [20_000_000, 150_000_000], inKind: [0, 80_000_000], households: [0, 4], models: [0, 1] },
  ECONOMIC_GROUP: { perYear: [1, 3], cash: [100_000_000, 600_000_000], inKind: [0, 200_000_000], households: [1, 6], models: [0, 1] },
  ARMED_FORCES: { perYear: [2, 4], cash: [2_000_000, 20_000_000], inKind: [5_000_000, 30_000_000], households: [1, 3], models: [0, 1] },
  MASS_ORGANISATION: { perYear: [1, 3], cash: [3_000_000, 25_000_000], inKind: [0, 15_000_000], households: [1, 3], models: [0, 1] },
  OTHER: { perYear: [1, 2], cash: [1_000_000, 10_000_000], inKind: [0, 5_000_000], households: [0, 2], models: [0, 1] },
};

function build(
  slug: string,
  programCode: string,
  sponsorSpecs: SponsorSpec[],
  twinningSpecs: TwinningSpec[],
  deadlines: DemoDeadline[],
  opts: {
    proposals: (year: number, rng: Rng) => 'on' | 'late' | 'none';
    plans: (year: number, rng: Rng) => 'on' | 'late' | 'none';
    /** First years of the cycle: needs proposals and plans are asked for from these years on. */
    needsFrom: number;
    plansFrom: number;
  },
): DemoTenant {
  const programId = seedIds.program(slug, programCode);
  const sponsors: DemoSponsor[] = sponsorSpecs.map((s) => ({
    id: seedIds.sponsor(slug, s.code),
    code: s.code,
    name: `${s.name}${SYNTHETIC}`,
    kind: s.kind,
    staffCount: s.staff ?? null,
    lowland: s.lowland ?? false,
    insideProvince: s.inside ?? true,
    districtId: s.district ? seedIds.unit(slug, 'DISTRICT', s.district, 'old') : null,
    contactName: 'Tổ công tác kết nghĩa',
    contactPhone: null,
  }));
  const sponsorByCode = new Map(sponsors.map((s) => [s.code, s]));
  const twinnings: DemoTwinning[] = twinningSpecs.map((t) => ({
    id: seedIds.of('twinning', slug, t.code),
    code: t.code,
    sponsorId: sponsorByCode.get(t.sponsor)!.id,
    communeId: seedIds.unit(slug, 'COMMUNE', t.commune, t.period ?? 'old'),
    programId,
    signedOn: t.status === 'PROPOSED' ? null : t.startsOn,
    startsOn: t.startsOn,
    endsOn: t.endsOn ?? null,
    status: t.status ?? (t.endsOn ? 'ENDED' : 'ACTIVE'),
    successorCommuneId: t.successor ? seedIds.unit(slug, 'COMMUNE', t.successor, 'new') : null,
    note: t.note ?? null,
  }));

  const proposals: DemoDoc[] = [];
  const needsItems: DemoNeedsItem[] = [];
  const plans: DemoDoc[] = [];
  const planItems: DemoPlanItem[] = [];
  const contributions: DemoContribution[] = [];

  for (const t of twinnings) {
    if (t.status === 'PROPOSED') continue;
    const sponsor = sponsors.find((s) => s.id === t.sponsorId)!;
    const profile = PROFILES[sponsor.kind]!;
    const rng = streamFor(`${slug}:${t.code}`);
    const first = Number(t.startsOn.slice(0, 4));
    const last = Math.min(2026, t.endsOn ? Number(t.endsOn.slice(0, 4)) : 2026);
    for (let year = first; year <= last; year++) {
      // --- the yearly cycle
      const needs = year >= opts.needsFrom ? opts.proposals(year, rng) : 'none';
      if (needs !== 'none') {
        const deadline = deadlineOf(deadlines, 'NEEDS_PROPOSAL', year);
        const on = needs === 'on' ? rng.date(year, '01-05', '02-28') : rng.date(year, '03-01', '04-30');
        const id = seedIds.of('needs-proposal', slug, t.code, String(year));
        proposals.push({ id, twinningId: t.id, year, on, deadline, onTime: deadline ? on <= deadline : null, note: null });
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++) {
          const cat = category(rng);
          needsItems.push({
            id: seedIds.of('needs-item', slug, t.code, String(year), String(i)), proposalId: id, position: i,
            category: cat, description: rng.pick(CATEGORY_TEXT[cat]!), estimatedCostVnd: rng.vnd(10_000_000, 150_000_000, 1_000_000),
          });
        }
      }
      const plan = year >= opts.plansFrom ? opts.plans(year, rng) : 'none';
      if (plan !== 'none') {
        const deadline = deadlineOf(deadlines, 'YEARLY_PLAN', year);
        // 2020 in Quảng Nam: the plan came in April, so that year's agreements were signed late
        const from = year === 2020 && deadlines.length > 0 ? '05-20' : plan === 'on' ? '02-15' : '04-01';
        const to = year === 2020 && deadlines.length > 0 ? '07-31' : plan === 'on' ? '03-31' : '06-30';
        let on = rng.date(year, from, to);
        if (on < t.startsOn) on = t.startsOn;
        const id = seedIds.of('yearly-plan', slug, t.code, String(year));
        plans.push({ id, twinningId: t.id, year, on, deadline, onTime: deadline ? on <= deadline : null, note: null });
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++) {
          const cat = category(rng);
          planItems.push({
            id: seedIds.of('plan-item', slug, t.code, String(year), String(i)), planId: id, position: i,
            content: rng.pick(CATEGORY_TEXT[cat]!), place: 'Thôn trung tâm xã', beneficiaries: `${rng.int(5, 60)} hộ`,
            fundingVnd: rng.vnd(10_000_000, 200_000_000, 1_000_000), schedule: `Quý ${rng.int(2, 4)}/${year}`,
          });
        }
      }
      // --- what was given
      const count = rng.int(profile.perYear[0], profile.perYear[1]);
      for (let i = 0; i < count; i++) {
        let on = rng.date(year, '01-10', '12-20');
        if (on < t.startsOn) on = t.startsOn;
        if (t.endsOn && on > t.endsOn) on = t.endsOn;
        const cat = category(rng);
        const models = cat === 'ECONOMIC_DEVELOPMENT' ? rng.int(profile.models[0], profile.models[1] + 1) : 0;
        contributions.push({
          id: seedIds.of('contribution', slug, t.code, String(year), String(i)),
          twinningId: t.id, sponsorId: t.sponsorId, communeId: t.communeId, programId,
          contributedOn: on,
          category: cat,
          description: rng.pick(CATEGORY_TEXT[cat]!),
          cashVnd: rng.vnd(profile.cash[0], profile.cash[1]),
          inKindVnd: rng.chance(0.6) ? rng.vnd(profile.inKind[0], profile.inKind[1]) : 0n,
          poorHouseholdsHelped: ['ECONOMIC_DEVELOPMENT', 'SOCIAL_SECURITY', 'GIFTS'].includes(cat) ? rng.int(profile.households[0], profile.households[1]) : 0,
          modelsBuilt: models,
          modelKind: models > 0 ? rng.pick(MODEL_KINDS) : null,
          peopleTrained: cat === 'POLITICAL_SYSTEM_TRAINING' || cat === 'ECONOMIC_DEVELOPMENT' ? rng.int(0, 40) : 0,
          beneficiaries: rng.int(5, 120),
          status: statusFor(rng, on),
          reversesId: null,
          reversalReason: null,
        });
      }
    }
  }
  return { slug, deadlines, sponsors, twinnings, proposals, needsItems, plans, planItems, contributions };
}

/** A verified contribution entered wrong, corrected by a reversal and a replacement. */
function correct(tenant: DemoTenant, twinningCode: string, year: number, reason: string, newCash: bigint): void {
  const t = tenant.twinnings.find((x) => x.code === twinningCode)!;
  const original = tenant.contributions.find((c) => c.twinningId === t.id && c.contributedOn.startsWith(String(year)) && c.status === 'VERIFIED');
  if (!original) throw new Error(`no verified contribution of ${twinningCode} in ${year} to correct`);
  tenant.contributions.push({
    ...original,
    id: seedIds.of('contribution-reversal', tenant.slug, original.id),
    description: `Đảo bút toán / reversal: ${original.description}`,
    cashVnd: -original.cashVnd, inKindVnd: -original.inKindVnd, poorHouseholdsHelped: -original.poorHouseholdsHelped,
    modelsBuilt: -original.modelsBuilt, peopleTrained: -original.peopleTrained, beneficiaries: -original.beneficiaries,
    status: 'VERIFIED', reversesId: original.id, reversalReason: reason,
  });
  tenant.contributions.push({ ...original, id: seedIds.of('contribution-replacement', tenant.slug, original.id), cashVnd: newCash, status: 'VERIFIED' });
}

// ---------------------------------------------------------------- Lạng Sơn

const LS_SPONSORS: SponsorSpec[] = [
  { code: 'LS-TP', name: 'UBND thành phố Lạng Sơn', kind: 'DISTRICT', district: '178' },
  { code: 'LS-HL', name: 'UBND huyện Hữu Lũng', kind: 'DISTRICT', district: '186' },
  { code: 'LS-CL', name: 'UBND huyện Chi Lăng', kind: 'DISTRICT', district: '187' },
  { code: 'LS-BS', name: 'UBND huyện Bắc Sơn', kind: 'DISTRICT', district: '185' },
  { code: 'LS-BG', name: 'UBND huyện Bình Gia', kind: 'DISTRICT', district: '181' },
  { code: 'LS-VQ', name: 'UBND huyện Văn Quan', kind: 'DISTRICT', district: '184' },
  { code: 'HN-HK', name: 'UBND quận Hoàn Kiếm, Hà Nội', kind: 'DISTRICT', inside: false },
  { code: 'HN-CG', name: 'UBND quận Cầu Giấy, Hà Nội', kind: 'DISTRICT', inside: false },
  { code: 'DN-XNK', name: 'Công ty CP Xuất nhập khẩu Biên Cương', kind: 'ENTERPRISE' },
  { code: 'DN-XD', name: 'Công ty TNHH Xây dựng Đồng Đăng', kind: 'ENTERPRISE' },
  { code: 'DN-NH', name: 'Ngân hàng TMCP Kết Nối, chi nhánh Lạng Sơn', kind: 'ENTERPRISE' },
  { code: 'DN-DL', name: 'Công ty CP Du lịch Mẫu Sơn', kind: 'ENTERPRISE' },
  { code: 'TD-NL', name: 'Tập đoàn Năng lượng Đông Bắc', kind: 'ECONOMIC_GROUP', inside: false },
  { code: 'TD-VT', name: 'Tập đoàn Viễn thông Miền Bắc', kind: 'ECONOMIC_GROUP', inside: false },
  { code: 'BDBP', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', kind: 'ARMED_FORCES' },
  { code: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', kind: 'MASS_ORGANISATION' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', kind: 'PROVINCIAL_AGENCY', staff: 48 },
];

const LS_TWINNINGS: TwinningSpec[] = [
  // Tràng Định
  { code: 'LS-06004-1', sponsor: 'LS-TP', commune: '06004', startsOn: '2019-03-15' },
  { code: 'LS-06025-1', sponsor: 'DN-XNK', commune: '06025', startsOn: '2019-05-10' },
  { code: 'LS-06028-1', sponsor: 'HN-HK', commune: '06028', startsOn: '2019-06-20' },
  { code: 'LS-06043-1', sponsor: 'LS-HL', commune: '06043', startsOn: '2019-04-02' },
  // Văn Lãng (Trùng Khánh, Thụy Hùng and Thanh Long became the new Thụy Hùng on 1/7/2025)
  { code: 'LS-06127-1', sponsor: 'TD-NL', commune: '06127', startsOn: '2019-07-01' },
  { code: 'LS-06136-1', sponsor: 'LS-CL', commune: '06136', startsOn: '2019-04-12' },
  { code: 'LS-06148-1', sponsor: 'BDBP', commune: '06148', startsOn: '2018-12-10', note: 'Ký trước khi ban hành Chương trình' },
  { code: 'LS-06148-2', sponsor: 'DN-NH', commune: '06148', startsOn: '2020-02-14' },
  { code: 'LS-06166-1', sponsor: 'LS-BS', commune: '06166', startsOn: '2019-09-05' },
  { code: 'LS-06172-1', sponsor: 'HN-CG', commune: '06172', startsOn: '2023-03-10', note: 'Kết nghĩa muộn: xã chưa có đơn vị đến năm 2023' },
  // Cao Lộc
  { code: 'LS-06190-1', sponsor: 'TD-VT', commune: '06190', startsOn: '2019-08-15' },
  { code: 'LS-06193-1', sponsor: 'LS-VQ', commune: '06193', startsOn: '2019-05-22' },
  { code: 'LS-06196-1', sponsor: 'DN-XD', commune: '06196', startsOn: '2020-03-05' },
  { code: 'LS-06202-1', sponsor: 'DN-XNK', commune: '06202', startsOn: '2019-02-01', endsOn: '2021-12-31' },
  { code: 'LS-06202-2', sponsor: 'LS-BG', commune: '06202', startsOn: '2019-10-10' },
  { code: 'LS-06238-1', sponsor: 'HLHPN', commune: '06238', startsOn: '2020-06-01' },
  // Lộc Bình (Tú Mịch: no sponsor; a proposal only, in 2026)
  { code: 'LS-06532-1', sponsor: 'SKHDT', commune: '06532', startsOn: '2019-11-20' },
  { code: 'LS-06541-1', sponsor: 'LS-TP', commune: '06541', startsOn: '2020-01-15' },
  { code: 'LS-06547-1', sponsor: 'HN-CG', commune: '06547', startsOn: '2026-09-01', status: 'PROPOSED' },
  { code: 'LS-06559-1', sponsor: 'HN-HK', commune: '06559', startsOn: '2020-04-08' },
  // Đình Lập (Bính Xá was split on 1/7/2025; its border part went with Bắc Xa into Kiên Mộc)
  {
    code: 'LS-06622-1', sponsor: 'BDBP', commune: '06622', startsOn: '2019-06-01', successor: '06625',
    note: 'Từ 1/7/2025 tiếp tục với xã Kiên Mộc (NQ 1672/NQ-UBTVQH15, Điều 1 khoản 43)',
  },
  { code: 'LS-06619-1', sponsor: 'TD-NL', commune: '06619', startsOn: '2020-05-18' },
  // after the reform: a new twinning with a new commune
  { code: 'LS-06196N-1', sponsor: 'DN-DL', commune: '06196', period: 'new', startsOn: '2026-02-20' },
];

export function langSonDemo(): DemoTenant {
  const noDeadline = (_y: number, rng: Rng) => (rng.chance(0.55) ? 'on' : 'none') as 'on' | 'none';
  const t = build('lang-son', 'LS-KN-XBG', LS_SPONSORS, LS_TWINNINGS, [], {
    proposals: noDeadline,
    plans: noDeadline,
    needsFrom: 2019,
    plansFrom: 2019,
  });
  correct(t, 'LS-06148-1', 2021, 'Nhập trùng số tiền, điều chỉnh theo biên bản bàn giao (dữ liệu mẫu)', 12_000_000n);
  return t;
}

// ---------------------------------------------------------------- Quảng Nam

const QN_DEPARTMENTS: [string, string, number][] = [
  ['QN-SKHDT', 'Sở Kế hoạch và Đầu tư', 52], ['QN-STC', 'Sở Tài chính', 61],
  ['QN-SNN', 'Sở Nông nghiệp và Phát triển nông thôn', 88], ['QN-SGD', 'Sở Giáo dục và Đào tạo', 74],
  ['QN-SYT', 'Sở Y tế', 67], ['QN-SXD', 'Sở Xây dựng', 46], ['QN-SGTVT', 'Sở Giao thông vận tải', 55],
  ['QN-SCT', 'Sở Công Thương', 49], ['QN-SNV', 'Sở Nội vụ', 43], ['QN-STP', 'Sở Tư pháp', 31],
  ['QN-SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 58], ['QN-SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 47],
  ['QN-SKHCN', 'Sở Khoa học và Công nghệ', 36], ['QN-BDT', 'Ban Dân tộc tỉnh', 25],
];
const QN_LOWLAND: [string, string][] = [
  ['502', 'UBND thành phố Tam Kỳ'], ['503', 'UBND thành phố Hội An'], ['507', 'UBND thị xã Điện Bàn'],
  ['506', 'UBND huyện Đại Lộc'], ['508', 'UBND huyện Duy Xuyên'], ['509', 'UBND huyện Quế Sơn'],
  ['513', 'UBND huyện Thăng Bình'], ['517', 'UBND huyện Núi Thành'], ['518', 'UBND huyện Phú Ninh'],
];
// communes (not townships) of the mountainous districts, by pre-reform code
const QN_DEPT_COMMUNES = [
  // Bắc Trà My
  '20900', '20902', '20905', '20908', '20911', '20914', '20917', '20920',
  // Nam Trà My
  '20935', '20938', '20941', '20944', '20947', '20950',
  // Phước Sơn
  '20725', '20728', '20731', '20734',
  // Đông Giang
  '20470', '20473', '20476', '20479', '20482', '20485', '20488', '20491', '20494', '20497',
];
// Nam Giang and Tây Giang: the lowland districts' communes (QĐ 1100 §VI.2)
const QN_WEST_COMMUNES = [
  '20698', '20699', '20701', '20702', '20704', '20705', '20707', '20710', '20713',
  '20437', '20440', '20443', '20446', '20449', '20452', '20455', '20458', '20461',
];

export function quangNamDemo(): DemoTenant {
  const sponsors: SponsorSpec[] = [
    ...QN_DEPARTMENTS.map(([code, name, staff]) => ({ code, name, kind: 'PROVINCIAL_AGENCY', staff })),
    ...QN_LOWLAND.map(([d, name]) => ({ code: `QN-H${d}`, name, kind: 'DISTRICT', lowland: true, district: d })),
    { code: 'QN-BDBP', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', kind: 'ARMED_FORCES' },
    { code: 'QN-DN-TD', name: 'Công ty CP Thủy điện Sông Bung', kind: 'ENTERPRISE' },
    { code: 'QN-DN-XM', name: 'Công ty CP Xi măng Núi Thành', kind: 'ENTERPRISE' },
    { code: 'QN-TDTN', name: 'Tỉnh đoàn Quảng Nam', kind: 'MASS_ORGANISATION' },
  ];
  const twinnings: TwinningSpec[] = [];
  QN_DEPARTMENTS.forEach(([code], i) => {
    for (const k of [0, 1]) {
      const commune = QN_DEPT_COMMUNES[i * 2 + k]!;
      const ended = code === 'QN-STP' && k === 1;
      twinnings.push({ code: `QN-${commune}-1`, sponsor: code, commune, startsOn: '2020-05-15', ...(ended ? { endsOn: '2023-06-30' } : {}) });
    }
  });
  twinnings.push({ code: 'QN-20473-2', sponsor: 'QN-SKHCN', commune: '20473', startsOn: '2023-07-15', note: 'Nhận thay Sở Tư pháp' });
  QN_LOWLAND.forEach(([d], i) => {
    for (const k of [0, 1]) {
      const commune = QN_WEST_COMMUNES[i * 2 + k]!;
      twinnings.push({ code: `QN-${commune}-1`, sponsor: `QN-H${d}`, commune, startsOn: '2020-05-20' });
    }
  });
  for (const commune of ['20443', '20437', '20716', '20719']) {
    twinnings.push({
      code: `QN-${commune}-BP`, sponsor: 'QN-BDBP', commune, startsOn: '2018-09-01',
      note: 'Ký từ 2018 theo Chỉ thị 23-CT/TU; thực hiện theo Kế hoạch 1100 từ 2020',
    });
  }
  twinnings.push({ code: 'QN-20695-1', sponsor: 'QN-DN-TD', commune: '20695', startsOn: '2021-03-01' });
  twinnings.push({ code: 'QN-20704-DN', sponsor: 'QN-DN-XM', commune: '20704', startsOn: '2022-01-10' });
  twinnings.push({ code: 'QN-20464-1', sponsor: 'QN-TDTN', commune: '20464', startsOn: '2021-03-26' });

  const deadlines: DemoDeadline[] = [
    {
      step: 'NEEDS_PROPOSAL', month: 2, day: 28, source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III.2.2.c: trước 28/02 hằng năm',
      effectiveFrom: '2020-04-16',
      provenance: provenance.document(SOURCE_DOCUMENTS['001'], 'III.2.2.c', 'Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa', '“Trước 28/02” is read as by 28/02 (on the day is on time); the duty exists from the decision’s day, 16/4/2020, so the first is 28/02/2021.'),
    },
    {
      step: 'YEARLY_PLAN', month: 3, day: 31, source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III.2.1.c: trước ngày 31/3 hằng năm',
      effectiveFrom: '2020-04-16',
      provenance: provenance.document(SOURCE_DOCUMENTS['001'], 'III.2.1.c', 'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa', '“Trước ngày 31/3” is read as by 31/3; the decision is of 16/4/2020, so no plan of 2020 was owed by 31/3/2020: 2020’s plans have no deadline.'),
    },
  ];
  const pick = (on: number, late: number) => (_y: number, rng: Rng) => {
    const r = rng.float();
    return (r < on ? 'on' : r < on + late ? 'late' : 'none') as 'on' | 'late' | 'none';
  };
  const t = build('quang-nam', 'QN-1100-2020', sponsors, twinnings, deadlines, {
    proposals: pick(0.7, 0.18),
    plans: pick(0.72, 0.18),
    // the plan was decided on 16/4/2020: plans from 2020 (signed May–July that year, with no deadline: the 31/3 one
    // did not exist yet), needs from 2021
    needsFrom: 2021,
    plansFrom: 2020,
  });

  // Thăng Bình, 2022: 199,999,999 đồng in all — one short of the 200-million rule (QĐ 1100 §III.2.1.b)
  const tb = t.sponsors.find((s) => s.code === 'QN-H513')!;
  const tbTwinnings = t.twinnings.filter((x) => x.sponsorId === tb.id);
  t.contributions = t.contributions.filter((c) => !(c.sponsorId === tb.id && c.contributedOn.startsWith('2022')));
  const amounts: [bigint, bigint][] = [[120_000_000n, 0n], [50_000_000n, 29_999_999n]];
  tbTwinnings.forEach((tw, i) => {
    t.contributions.push({
      id: seedIds.of('contribution', 'quang-nam', tw.code, '2022', 'fixed'), twinningId: tw.id, sponsorId: tb.id,
      communeId: tw.communeId, programId: tw.programId, contributedOn: `2022-0${6 + i}-15`, category: 'ECONOMIC_DEVELOPMENT',
      description: 'Hỗ trợ bò giống và xây dựng mô hình chăn nuôi', cashVnd: amounts[i]![0], inKindVnd: amounts[i]![1],
      poorHouseholdsHelped: 6, modelsBuilt: 2, modelKind: 'HOUSEHOLD_GROUP', peopleTrained: 20, beneficiaries: 30,
      status: 'VERIFIED', reversesId: null, reversalReason: null,
    });
  });
  correct(t, 'QN-20698-1', 2021, 'Giá trị hiện vật ghi nhầm, điều chỉnh theo hóa đơn (dữ liệu mẫu)', 45_000_000n);
  return t;
}

export function demoTenants(): DemoTenant[] {
  return [langSonDemo(), quangNamDemo()];
}
