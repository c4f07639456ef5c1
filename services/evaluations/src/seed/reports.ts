import { seedIds } from '@kn/platform';
import type { DemoTenant } from '@kn/sponsors/seed/demo';
import { streamFor, type Rng } from '@kn/sponsors/seed/prng';
import { addDays, dueDateOf, periodsOf, type PeriodicityName } from '../reports/calendar.js';
import { demoGeography, validOn } from './geography.js';

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
  reporters: 'PROGRAM_SPONSORS' | 'TWINNED_COMMUNES' | 'CLASSIFIED_COMMUNES_DISTRICTS' | 'NAMED';
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

const rule = (slug: string, r: Omit<CalendarRuleSeed, 'id' | 'reporterIds' | 'dueYearOffset' | 'classification'> & Partial<CalendarRuleSeed>): CalendarRuleSeed => ({
  id: seedIds.of('calendar-rule', slug, r.code),
  reporterIds: [],
  dueYearOffset: 0,
  classification: null,
  ...r,
});

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
      }),
      rule(slug, {
        programCode: 'LS-88-2022',
        code: 'LS-88-HANG-NAM',
        kind: 'ANNUAL',
        reporterKind: 'DISTRICT',
        reporters: 'CLASSIFIED_COMMUNES_DISTRICTS',
        classification: 'BORDER',
        periodicity: 'YEAR',
        dueMonth: 11,
        dueDay: 15,
        dueDaysAfterPeriod: null,
        firstYear: 2022,
        lastYear: null,
        titleVi: 'Tổng kết, đánh giá tình hình thực hiện Kế hoạch 88/KH-UBND hằng năm',
        titleEn: 'Yearly review of plan 88/KH-UBND',
        source: 'KH 88/KH-UBND ngày 22/4/2022, mục IV.1: "Hằng năm tổng kết, đánh giá tình hình thực hiện … gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11"',
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
      }),
    ];
  }
  if (slug === 'quang-nam') {
    const base = { programCode: 'QN-1100-2020', periodicity: 'YEAR' as const, dueDaysAfterPeriod: null, lastYear: 2025 };
    return [
      rule(slug, {
        ...base,
        code: 'QN-1100-DE-XUAT-NHU-CAU',
        kind: 'NEEDS_PROPOSAL',
        reporterKind: 'COMMUNE',
        reporters: 'TWINNED_COMMUNES',
        dueMonth: 2,
        dueDay: 28,
        firstYear: 2021,
        titleVi: 'Kế hoạch hoặc báo cáo đề xuất nhu cầu của xã được nhận kết nghĩa',
        titleEn: 'The twinned commune’s needs proposal',
        source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III.2.2.c: "Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa … và gửi Ban Dân tộc tỉnh"',
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
      }),
      rule(slug, {
        ...base,
        code: 'QN-1100-SO-KET-CUOI-NAM',
        kind: 'YEAR_END_ASSESSMENT',
        reporterKind: 'SPONSOR',
        reporters: 'PROGRAM_SPONSORS',
        // "cuối năm": read as by 31/12 of the year
        dueMonth: 12,
        dueDay: 31,
        firstYear: 2020,
        titleVi: 'Báo cáo sơ kết cuối năm và nhận xét đánh giá đối với địa phương được nhận kết nghĩa',
        titleEn: 'Year-end report and assessment of the twinned locality',
        source: 'QĐ 1100/QĐ-UBND, mục III.2.1.c: "cuối năm có báo cáo sơ kết và nhận xét đánh giá đối với địa phương miền núi được nhận kết nghĩa"',
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
        const owing: { id: string; submittedOn: string | null }[] = [];
        const rng = streamFor(`evaluations:reports:${slug}:${r.code}:${period.label}`);
        if (r.reporters === 'CLASSIFIED_COMMUNES_DISTRICTS') {
          const districts = new Set(
            g.units
              .filter((u) => u.level === 'COMMUNE' && g.borderCodes.has(u.code) && u.validTo !== null && validOn(u, dueOn) && u.parentId)
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
