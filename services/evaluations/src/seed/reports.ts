import { provenance, seedIds, SOURCE_DOCUMENTS, type ProvenanceData } from '@kn/platform';
import type { DemoTenant } from '@kn/sponsors/seed/demo';
import { streamFor, type Rng } from '@kn/sponsors/seed/prng';
import { addDays, dueDateOf, periodsOf, type PeriodicityName } from '../reports/calendar.js';
import { classifiedCommunes, demoGeography, validOn } from './geography.js';

/**
 * The demo tenants' reporting calendars (data, from the documents) and their reports: every report
 * the calendar asks for, as `scheduleReports` would create it (reporters as of the due date), with
 * a deterministic share submitted on time, late, or not at all.
 */

export interface CalendarRuleSeed {
  id: string;
  programCode: string;
  code: string;
  kind: string;
  reporterKind: 'SPONSOR' | 'DISTRICT' | 'COMMUNE';
  reporters: 'PROGRAM_SPONSORS' | 'TWINNED_COMMUNES' | 'CLASSIFIED_COMMUNES_DISTRICTS' | 'ALL_DISTRICTS' | 'NAMED';
  classification: string | null;
  reporterIds: string[];
  periodicity: PeriodicityName;
  dueMonth: number | null;
  dueDay: number | null;
  dueYearOffset: number;
  dueDaysAfterPeriod: number | null;
  firstYear: number;
  lastYear: number | null;
  titleVi: string;
  titleEn: string;
  source: string;
  /** The day of the document that creates the duty: nothing falls due before it. */
  effectiveFrom: string | null;
  provenance: ProvenanceData;
}

export interface ReportSeed {
  id: string;
  programCode: string;
  kind: string;
  reporterKind: string;
  reporterId: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  calendarRuleId: string;
  submittedOn: string | null;
}

/** The day the demo data stands on (the sponsors' demo: contributions after it are PLANNED). */
export const SEED_TODAY = '2026-11-15';

const rule = (
  slug: string,
  r: Omit<CalendarRuleSeed, 'id' | 'reporterIds' | 'dueYearOffset' | 'classification' | 'effectiveFrom'> & Partial<CalendarRuleSeed>,
): CalendarRuleSeed => ({
  id: seedIds.of('calendar-rule', slug, r.code),
  reporterIds: [],
  dueYearOffset: 0,
  classification: null,
  effectiveFrom: null,
  ...r,
});

const D000 = SOURCE_DOCUMENTS['000'];
const D001 = SOURCE_DOCUMENTS['001'];
const D002 = SOURCE_DOCUMENTS['002'];
/** From 1/7/2025 Vietnam has no district level (the two-level local government of the 2025 reform). */
const AFTER_DISTRICTS =
  'From 1/7/2025 the district level no longer exists (the 2025 reform of local government): no district owes a report due later, and the plan names no successor for the duty; the platform schedules none and says so here.';

export function calendarRules(slug: string): CalendarRuleSeed[] {
  if (slug === 'lang-son') {
    return [
      rule(slug, {
        programCode: 'LS-KN-XBG',
        code: 'LS-KN-XBG-6-THANG',
        kind: 'SEMIANNUAL',
        reporterKind: 'DISTRICT',
        reporters: 'CLASSIFIED_COMMUNES_DISTRICTS',
        classification: 'BORDER',
        periodicity: 'HALF_YEAR',
        dueMonth: null,
        dueDay: null,
        // the document sets no day: 15 days after each six months is this platform's reading (data: editable)
        dueDaysAfterPeriod: 15,
        firstYear: 2019,
        lastYear: null,
        titleVi: 'Báo cáo định kỳ 6 tháng kết quả thực hiện Chương trình của UBND các huyện biên giới',
        titleEn: 'Six-monthly report of the border districts on the programme',
        source: 'Chương trình kết nối … các xã biên giới (KH 433/KH-UBND), mục IV.3: "UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư"',
        provenance: provenance.interpretation(
          D000,
          'IV.3',
          'UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư',
          'The document sets no day: due 15 days after each half-year is this platform’s reading (the province may change it). ' + AFTER_DISTRICTS,
        ),
      }),
      rule(slug, {
        programCode: 'LS-88-2022',
        code: 'LS-88-HANG-NAM',
        kind: 'ANNUAL',
        reporterKind: 'DISTRICT',
        // "các sở, ban, ngành, UBND các huyện, thành phố": every district and city, not only the border ones
        reporters: 'ALL_DISTRICTS',
        effectiveFrom: '2022-04-22',
        periodicity: 'YEAR',
        dueMonth: 11,
        dueDay: 15,
        dueDaysAfterPeriod: null,
        firstYear: 2022,
        lastYear: null,
        titleVi: 'Tổng kết, đánh giá tình hình thực hiện Kế hoạch 88/KH-UBND hằng năm (UBND các huyện, thành phố)',
        titleEn: 'Yearly review of plan 88/KH-UBND (district and city committees)',
        source: 'KH 88/KH-UBND ngày 22/4/2022, mục IV.1: "Hằng năm tổng kết, đánh giá tình hình thực hiện … gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11"',
        provenance: provenance.document(
          D002,
          'IV.1',
          'Căn cứ Kế hoạch này, các sở, ban, ngành, UBND các huyện, thành phố theo chức năng, nhiệm vụ tổ chức triển khai thực hiện cụ thể, phù hợp; khi có vấn đề phát sinh vượt thẩm quyền, kịp thời báo cáo đề xuất UBND tỉnh xem xét, giải quyết. Hằng năm tổng kết, đánh giá tình hình thực hiện Kế hoạch và Nghị quyết trong phạm vi chức năng, nhiệm vụ được giao, gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11.',
          '“trước ngày 15 tháng 11” read as by 15/11. ' + AFTER_DISTRICTS,
        ),
      }),
      rule(slug, {
        programCode: 'LS-88-2022',
        code: 'LS-88-HANG-NAM-SO-NGANH',
        kind: 'ANNUAL',
        reporterKind: 'SPONSOR',
        reporters: 'NAMED',
        // the departments of §III the platform knows (as sponsors): Sở KH&ĐT (III.1) and BĐBP tỉnh (III.16)
        reporterIds: [seedIds.sponsor(slug, 'SKHDT'), seedIds.sponsor(slug, 'BDBP')],
        periodicity: 'YEAR',
        dueMonth: 11,
        dueDay: 15,
        dueDaysAfterPeriod: null,
        firstYear: 2022,
        lastYear: null,
        effectiveFrom: '2022-04-22',
        titleVi: 'Tổng kết, đánh giá tình hình thực hiện Kế hoạch 88/KH-UBND hằng năm (các sở, ban, ngành)',
        titleEn: 'Yearly review of plan 88/KH-UBND (departments)',
        source: 'KH 88/KH-UBND ngày 22/4/2022, mục IV.1: "các sở, ban, ngành … Hằng năm tổng kết, đánh giá … gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11"',
        provenance: provenance.document(
          D002,
          'IV.1',
          'Hằng năm tổng kết, đánh giá tình hình thực hiện Kế hoạch và Nghị quyết trong phạm vi chức năng, nhiệm vụ được giao, gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11.',
          'Owed by every department (sở, ban, ngành); §III names 18 agencies besides the districts. The platform knows two of them (as sponsors): Sở Kế hoạch và Đầu tư and Bộ Chỉ huy Bộ đội Biên phòng tỉnh; the others are not registered, so it cannot schedule their reports.',
        ),
      }),
      rule(slug, {
        programCode: 'LS-88-2022',
        code: 'LS-88-SKHDT-THANG-12',
        kind: 'ANNUAL',
        reporterKind: 'SPONSOR',
        reporters: 'NAMED',
        reporterIds: [seedIds.sponsor(slug, 'SKHDT')],
        periodicity: 'YEAR',
        dueMonth: 12,
        dueDay: 31,
        dueDaysAfterPeriod: null,
        firstYear: 2022,
        lastYear: null,
        titleVi: 'Sở Kế hoạch và Đầu tư tổng hợp, báo cáo UBND tỉnh trong tháng 12',
        titleEn: 'The Department of Planning and Investment reports to the province in December',
        source: 'KH 88/KH-UBND ngày 22/4/2022, mục IV.2: "tổng hợp, báo cáo UBND tỉnh trong tháng 12 hằng năm"',
        effectiveFrom: '2022-04-22',
        provenance: provenance.interpretation(
          D002,
          'IV.2',
          'tổng hợp, báo cáo UBND tỉnh trong tháng 12 hằng năm',
          '“trong tháng 12” read as by 31/12 (the province may change it).',
        ),
      }),
    ];
  }
  if (slug === 'quang-nam') {
    // the decision is of 16/4/2020 and in force from signature: no duty it creates falls due before that day
    const base = { programCode: 'QN-1100-2020', periodicity: 'YEAR' as const, dueDaysAfterPeriod: null, lastYear: 2025, effectiveFrom: '2020-04-16' };
    const needsQuote = 'Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa để nghiên cứu thực hiện và gửi Ban Dân tộc tỉnh theo dõi tổng hợp';
    const yearEndQuote = 'cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa, gửi UBND tỉnh (qua Ban Dân tộc tỉnh)';
    const cuoiNam = '“cuối năm” read as by 31/12 of the year (the province may change it).';
    // "các huyện, xã miền núi được nhận kết nghĩa": the six districts VI.4 names (classified mountainous) and their communes
    const districts = { reporterKind: 'DISTRICT' as const, reporters: 'CLASSIFIED_COMMUNES_DISTRICTS' as const, classification: 'ETHNIC_MINORITY_MOUNTAINOUS' };
    const districtNote =
      ' The districts are the six VI.4 names (Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang), classified mountainous with their communes. ' +
      AFTER_DISTRICTS;
    return [
      rule(slug, {
        ...base,
        code: 'QN-1100-DE-XUAT-NHU-CAU',
        kind: 'NEEDS_PROPOSAL',
        reporterKind: 'COMMUNE',
        reporters: 'TWINNED_COMMUNES',
        dueMonth: 2,
        dueDay: 28,
        firstYear: 2020,
        titleVi: 'Kế hoạch hoặc báo cáo đề xuất nhu cầu của xã được nhận kết nghĩa',
        titleEn: 'The twinned commune’s needs proposal',
        source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III.2.2.c: "Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa … và gửi Ban Dân tộc tỉnh"',
        provenance: provenance.document(D001, 'III.2.2.c', needsQuote, '“Trước 28/02” read as by 28/02; the first is 28/02/2021 (the decision is of 16/4/2020).'),
      }),
      rule(slug, {
        ...base,
        ...districts,
        code: 'QN-1100-HUYEN-DE-XUAT-NHU-CAU',
        kind: 'NEEDS_PROPOSAL',
        dueMonth: 2,
        dueDay: 28,
        firstYear: 2020,
        titleVi: 'Kế hoạch hoặc báo cáo đề xuất nhu cầu của huyện được nhận kết nghĩa',
        titleEn: 'The twinned district’s needs proposal',
        source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III.2.2.c: "Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu …"',
        provenance: provenance.document(D001, 'III.2.2.c', needsQuote, '“Trước 28/02” read as by 28/02; owed by the districts as well as the communes.' + districtNote),
      }),
      rule(slug, {
        ...base,
        code: 'QN-1100-KY-KET-KE-HOACH',
        kind: 'PLAN',
        reporterKind: 'SPONSOR',
        reporters: 'PROGRAM_SPONSORS',
        dueMonth: 3,
        dueDay: 31,
        firstYear: 2020,
        titleVi: 'Chương trình hoặc kế hoạch thực hiện công tác kết nghĩa đã ký kết',
        titleEn: 'The signed twinning programme or plan',
        source: 'QĐ 1100/QĐ-UBND, mục III.2.1.c: "Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì … tổ chức ký kết chương trình hoặc kế hoạch … (các văn bản trên có gửi Ban Dân tộc)"',
        provenance: provenance.document(
          D001,
          'III.2.1.c',
          'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa',
          '“Trước ngày 31/3” read as by 31/3. The decision is of 16/4/2020: no plan was owed by 31/3/2020; the first is due 31/3/2021.',
        ),
      }),
      rule(slug, {
        ...base,
        code: 'QN-1100-SO-KET-CUOI-NAM',
        kind: 'YEAR_END_ASSESSMENT',
        reporterKind: 'SPONSOR',
        reporters: 'PROGRAM_SPONSORS',
        dueMonth: 12,
        dueDay: 31,
        firstYear: 2020,
        titleVi: 'Báo cáo sơ kết cuối năm và nhận xét đánh giá đối với địa phương được nhận kết nghĩa',
        titleEn: 'Year-end report and assessment of the twinned locality',
        source: 'QĐ 1100/QĐ-UBND, mục III.2.1.c: "cuối năm có báo cáo sơ kết và nhận xét đánh giá đối với địa phương miền núi được nhận kết nghĩa"',
        provenance: provenance.interpretation(D001, 'III.2.1.c', 'cuối năm có báo cáo sơ kết và nhận xét đánh giá đối với địa phương miền núi được nhận kết nghĩa', cuoiNam),
      }),
      rule(slug, {
        ...base,
        code: 'QN-1100-XA-BAO-CAO-CUOI-NAM',
        kind: 'ANNUAL',
        reporterKind: 'COMMUNE',
        reporters: 'TWINNED_COMMUNES',
        dueMonth: 12,
        dueDay: 31,
        firstYear: 2020,
        titleVi: 'Báo cáo kết quả và nhận xét đánh giá của xã đối với đơn vị nhận kết nghĩa',
        titleEn: 'The commune’s year-end report on its sponsor',
        source: 'QĐ 1100/QĐ-UBND, mục III.2.2.c: "cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa, gửi UBND tỉnh"',
        provenance: provenance.interpretation(D001, 'III.2.2.c', yearEndQuote, cuoiNam),
      }),
      rule(slug, {
        ...base,
        ...districts,
        code: 'QN-1100-HUYEN-BAO-CAO-CUOI-NAM',
        kind: 'ANNUAL',
        dueMonth: 12,
        dueDay: 31,
        firstYear: 2020,
        titleVi: 'Báo cáo kết quả và nhận xét đánh giá của huyện đối với đơn vị nhận kết nghĩa',
        titleEn: 'The district’s year-end report on its sponsors',
        source: 'QĐ 1100/QĐ-UBND, mục III.2.2.c: "100% huyện, xã … cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa"',
        provenance: provenance.interpretation(D001, 'III.2.2.c', yearEndQuote, cuoiNam + ' Owed by the districts as well as the communes.' + districtNote),
      }),
    ];
  }
  return [];
}

/** On time most of the time; late some; missing a few. */
function submission(rng: Rng, due: string, start: string, onTime = 0.72, late = 0.18): string | null {
  const r = rng.float();
  let day: string;
  if (r < onTime) day = addDays(due, -rng.int(0, 20));
  else if (r < onTime + late) day = addDays(due, rng.int(1, 45));
  else return null;
  if (day < start) day = start;
  return day <= SEED_TODAY ? day : null;
}

const isActive = (t: DemoTenant['twinnings'][number], start: string, end: string) =>
  (t.status === 'ACTIVE' || t.status === 'ENDED') && t.startsOn <= end && (t.endsOn === null || t.endsOn >= start);

export function demoReports(tenant: DemoTenant): ReportSeed[] {
  const slug = tenant.slug;
  const g = demoGeography(slug);
  const out: ReportSeed[] = [];
  const lastYear = Number(SEED_TODAY.slice(0, 4));
  for (const r of calendarRules(slug)) {
    const programId = seedIds.program(slug, r.programCode);
    const twinnings = tenant.twinnings.filter((t) => t.programId === programId);
    for (let year = r.firstYear; year <= Math.min(r.lastYear ?? lastYear, lastYear); year++) {
      for (const period of periodsOf(r.periodicity, year)) {
        const dueOn = dueDateOf(r, period);
        if (period.start > SEED_TODAY) continue;
        // no duty before the document that creates it
        if (r.effectiveFrom !== null && dueOn < r.effectiveFrom) continue;
        const owing: { id: string; submittedOn: string | null }[] = [];
        const rng = streamFor(`evaluations:reports:${slug}:${r.code}:${period.label}`);
        if (r.reporters === 'CLASSIFIED_COMMUNES_DISTRICTS' || r.reporters === 'ALL_DISTRICTS') {
          const classified = r.reporters === 'ALL_DISTRICTS' ? null : classifiedCommunes(slug, r.classification!);
          const districts = new Set(
            r.reporters === 'ALL_DISTRICTS'
              ? g.units.filter((u) => u.level === 'DISTRICT' && validOn(u, dueOn)).map((u) => u.id)
              : g.units
                  .filter((u) => u.level === 'COMMUNE' && classified!.has(u.id) && validOn(u, dueOn) && u.parentId)
                  .map((u) => u.parentId!)
                  .filter((d) => validOn(g.byId.get(d)!, dueOn)),
          );
          for (const d of [...districts].sort()) owing.push({ id: d, submittedOn: submission(rng, dueOn, period.start) });
        } else if (r.reporters === 'NAMED') {
          for (const id of r.reporterIds) owing.push({ id, submittedOn: submission(rng, dueOn, period.start, 0.8, 0.2) });
        } else {
          const active = twinnings.filter((t) => isActive(t, period.start, period.end));
          if (r.reporters === 'PROGRAM_SPONSORS') {
            for (const sponsorId of [...new Set(active.map((t) => t.sponsorId))].sort()) {
              let submittedOn: string | null;
              if (r.kind === 'PLAN') {
                // the signed plan sent to the province: when its last plan of the year was signed, if all were
                const mine = active.filter((t) => t.sponsorId === sponsorId);
                const plans = mine.map((t) => tenant.plans.find((p) => p.twinningId === t.id && p.year === year));
                submittedOn = plans.every((p) => p) ? plans.map((p) => p!.on).sort().at(-1)! : null;
              } else submittedOn = submission(rng, dueOn, period.start, 0.75, 0.15);
              owing.push({ id: sponsorId, submittedOn });
            }
          } else {
            const byCommune = new Map<string, string | null>();
            for (const t of active) {
              const commune = g.geo.currentOf(t.communeId, t.successorCommuneId, dueOn);
              if (!commune || byCommune.has(commune)) continue;
              let submittedOn: string | null;
              if (r.kind === 'NEEDS_PROPOSAL') {
                const p = tenant.proposals.find((x) => x.twinningId === t.id && x.year === year);
                submittedOn = p ? p.on : null;
              } else submittedOn = submission(rng, dueOn, period.start);
              byCommune.set(commune, submittedOn);
            }
            for (const [id, submittedOn] of [...byCommune].sort(([a], [b]) => a.localeCompare(b))) owing.push({ id, submittedOn });
          }
        }
        for (const o of owing) {
          out.push({
            id: seedIds.of('report', slug, r.code, o.id, period.start),
            programCode: r.programCode,
            kind: r.kind,
            reporterKind: r.reporterKind,
            reporterId: o.id,
            periodStart: period.start,
            periodEnd: period.end,
            dueOn,
            calendarRuleId: r.id,
            submittedOn: o.submittedOn !== null && o.submittedOn <= SEED_TODAY ? o.submittedOn : null,
          });
        }
      }
    }
  }
  return out;
}
