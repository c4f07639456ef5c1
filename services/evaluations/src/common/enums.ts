import { registerEnumType } from 'type-graphql';

export enum ReportKind {
  SEMIANNUAL = 'SEMIANNUAL',
  ANNUAL = 'ANNUAL',
  YEAR_END_ASSESSMENT = 'YEAR_END_ASSESSMENT',
  NEEDS_PROPOSAL = 'NEEDS_PROPOSAL',
  PLAN = 'PLAN',
}
registerEnumType(ReportKind, {
  name: 'ReportKind',
  valuesConfig: {
    SEMIANNUAL: { description: 'Báo cáo định kỳ 6 tháng (Lạng Sơn: border districts to the Department of Planning and Investment)' },
    ANNUAL: { description: 'Báo cáo hằng năm (Lạng Sơn 88/KH-UBND: by 15/11; the department’s summary in December)' },
    YEAR_END_ASSESSMENT: { description: 'Báo cáo sơ kết cuối năm và nhận xét đánh giá (Quảng Nam 1100/QĐ-UBND §III.2)' },
    NEEDS_PROPOSAL: { description: 'Kế hoạch / báo cáo đề xuất nhu cầu (Quảng Nam: before 28/02)' },
    PLAN: { description: 'Chương trình, kế hoạch ký kết (Quảng Nam: before 31/03)' },
  },
});

export enum ReporterKind {
  SPONSOR = 'SPONSOR',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(ReporterKind, {
  name: 'ReporterKind',
  description: 'Who owes a report: a sponsor (sponsors subgraph), a district or a commune (communes subgraph).',
});

export enum ReportStatus {
  PENDING = 'PENDING',
  SUBMITTED_ON_TIME = 'SUBMITTED_ON_TIME',
  SUBMITTED_LATE = 'SUBMITTED_LATE',
  OVERDUE = 'OVERDUE',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Derived against a day (`asOf`, default today in Vietnam), never stored.',
  valuesConfig: {
    PENDING: { description: 'Not submitted by that day, and not due yet (due on or after it)' },
    SUBMITTED_ON_TIME: { description: 'Submitted by that day, on or before the due date' },
    SUBMITTED_LATE: { description: 'Submitted by that day, after the due date' },
    OVERDUE: { description: 'Not submitted by that day, and the due date has passed' },
  },
});

export enum Periodicity {
  YEAR = 'YEAR',
  HALF_YEAR = 'HALF_YEAR',
  QUARTER = 'QUARTER',
}
registerEnumType(Periodicity, { name: 'Periodicity', description: 'The periods a calendar rule asks a report for.' });

export enum ReporterSelection {
  PROGRAM_SPONSORS = 'PROGRAM_SPONSORS',
  TWINNED_COMMUNES = 'TWINNED_COMMUNES',
  CLASSIFIED_COMMUNES_DISTRICTS = 'CLASSIFIED_COMMUNES_DISTRICTS',
  ALL_DISTRICTS = 'ALL_DISTRICTS',
  NAMED = 'NAMED',
}
registerEnumType(ReporterSelection, {
  name: 'ReporterSelection',
  description: 'Who owes the reports of a calendar rule in a period.',
  valuesConfig: {
    PROGRAM_SPONSORS: { description: 'Every sponsor with a twinning of the programme active in the period' },
    TWINNED_COMMUNES: { description: 'Every commune with a twinning of the programme active in the period' },
    CLASSIFIED_COMMUNES_DISTRICTS: {
      description: 'Every district, valid when the period starts, with a commune of `classification` (e.g. the border districts)',
    },
    ALL_DISTRICTS: { description: 'Every district of the province valid on the due date (none from 1/7/2025, when the district level ended)' },
    NAMED: { description: 'The reporters listed in `reporterIds`' },
  },
});

export enum EvaluationStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  SUPERSEDED = 'SUPERSEDED',
  PREVIEW = 'PREVIEW',
}
registerEnumType(EvaluationStatus, {
  name: 'EvaluationStatus',
  valuesConfig: {
    DRAFT: { description: 'Computed, not approved: the latest computation of its programme and year' },
    APPROVED: { description: 'Approved by an admin: frozen with the rule-set version it used; never changes' },
    SUPERSEDED: { description: 'A draft replaced by a newer computation before it was approved' },
    PREVIEW: { description: 'Computed on request by `evaluationPreview`, not stored' },
  },
});

export enum Grade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  AVERAGE = 'AVERAGE',
  WEAK = 'WEAK',
}
registerEnumType(Grade, {
  name: 'Grade',
  valuesConfig: {
    EXCELLENT: { description: 'Xuất sắc' },
    GOOD: { description: 'Tốt' },
    FAIR: { description: 'Khá' },
    AVERAGE: { description: 'Trung bình' },
    WEAK: { description: 'Yếu' },
  },
});

/** What the engine made of a sponsor's year (seed 001 §IV): a grade, a choice for a person, or out of the rating. */
export enum EvaluationOutcome {
  GRADED = 'GRADED',
  CHOICE_REQUIRED = 'CHOICE_REQUIRED',
  NOT_CONSIDERED = 'NOT_CONSIDERED',
  NOT_RATED = 'NOT_RATED',
}
registerEnumType(EvaluationOutcome, {
  name: 'EvaluationOutcome',
  valuesConfig: {
    GRADED: { description: 'The engine’s grade, by the rule set’s bands' },
    CHOICE_REQUIRED: {
      description: 'Every target met: eligible for `eligibleGrades` (xuất sắc or tốt); the approver chooses, with a reason (`chooseGrade`)',
    },
    NOT_CONSIDERED: { description: '“Không xem xét thi đua”: an excluding rule failed (no signed plan, signed but not carried out, no report); no grade' },
    NOT_RATED: { description: 'No rule of the set applies' },
  },
});
