import { registerEnumType } from 'type-graphql';

/** The kinds of programme the platform tracks (issue 3). */
export enum ProgramKind {
  TWINNING = 'TWINNING',
  NEW_RURAL_DEVELOPMENT = 'NEW_RURAL_DEVELOPMENT',
  POVERTY_REDUCTION = 'POVERTY_REDUCTION',
  BORDER_ECONOMY = 'BORDER_ECONOMY',
  OTHER = 'OTHER',
}
registerEnumType(ProgramKind, {
  name: 'ProgramKind',
  valuesConfig: {
    TWINNING: { description: 'Kết nghĩa: units and enterprises twin with and support communes' },
    NEW_RURAL_DEVELOPMENT: { description: 'Xây dựng nông thôn mới (the national NTM programme)' },
    POVERTY_REDUCTION: { description: 'Giảm nghèo' },
    BORDER_ECONOMY: { description: 'Phát triển kinh tế khu vực biên giới' },
    OTHER: {},
  },
});

/** Where a programme stands administratively (not a function of today's date: see `activeIn`). */
export enum ProgramStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ProgramStatus, {
  name: 'ProgramStatus',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; not yet issued' },
    ISSUED: { description: 'Issued (ban hành) and not formally closed or cancelled' },
    CLOSED: { description: 'Formally closed (tổng kết) by the province' },
    CANCELLED: { description: 'Withdrawn or replaced' },
  },
});

export enum IndicatorUnit {
  HOUSEHOLDS = 'HOUSEHOLDS',
  COMMUNES = 'COMMUNES',
  CRITERIA = 'CRITERIA',
  PERCENT = 'PERCENT',
  VND = 'VND',
  MODELS = 'MODELS',
  PEOPLE = 'PEOPLE',
  ORGANISATIONS = 'ORGANISATIONS',
  FACILITIES = 'FACILITIES',
  KILOMETRES = 'KILOMETRES',
  HECTARES = 'HECTARES',
}
registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'What an indicator counts. VND values are exact integer amounts of đồng.',
  valuesConfig: {
    HOUSEHOLDS: { description: 'hộ' },
    COMMUNES: { description: 'xã' },
    CRITERIA: { description: 'tiêu chí (of the 19 NTM criteria)' },
    PERCENT: { description: '% (0–100)' },
    VND: { description: 'đồng (integer)' },
    MODELS: { description: 'mô hình (household groups, clubs, cooperative groups, model residential areas…)' },
    PEOPLE: { description: 'người / lượt người' },
    ORGANISATIONS: { description: 'đơn vị, doanh nghiệp' },
    FACILITIES: { description: 'công trình, trường, trạm…' },
    KILOMETRES: { description: 'km' },
    HECTARES: { description: 'ha' },
  },
});

/** How a target value is to be read: the document's "at least", "about", "from … to …". */
export enum TargetComparison {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  EXACTLY = 'EXACTLY',
  ABOUT = 'ABOUT',
  BETWEEN = 'BETWEEN',
}
registerEnumType(TargetComparison, {
  name: 'TargetComparison',
  valuesConfig: {
    AT_LEAST: { description: '“ít nhất”, “từ … trở lên”, “phấn đấu … lên”' },
    AT_MOST: { description: '“không quá”, “dưới”' },
    EXACTLY: { description: 'a planned figure (e.g. a distribution of communes)' },
    ABOUT: { description: '“khoảng”' },
    BETWEEN: { description: '“từ … đến …”, “9,5-10”: targetValue to targetValueMax' },
  },
});

export enum TargetScopeKind {
  PROVINCE = 'PROVINCE',
  DISTRICT_GROUP = 'DISTRICT_GROUP',
  COMMUNE_GROUP = 'COMMUNE_GROUP',
  DISTRICT_AND_COMMUNE_GROUP = 'DISTRICT_AND_COMMUNE_GROUP',
  SPONSOR_KIND = 'SPONSOR_KIND',
}
registerEnumType(TargetScopeKind, {
  name: 'TargetScopeKind',
  valuesConfig: {
    PROVINCE: { description: 'The whole province (toàn tỉnh)' },
    DISTRICT_GROUP: { description: 'A group of districts, e.g. lowland or mountainous districts' },
    COMMUNE_GROUP: { description: 'A group of communes, e.g. the 20 border communes or extremely difficult communes' },
    DISTRICT_AND_COMMUNE_GROUP: { description: 'Districts and communes together, e.g. “huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên”' },
    SPONSOR_KIND: { description: 'Each sponsor of a kind, e.g. each provincial department or each lowland district' },
  },
});

export enum TaskStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

export enum DueKind {
  DATE = 'DATE',
  RULE = 'RULE',
  ONGOING = 'ONGOING',
  AS_NEEDED = 'AS_NEEDED',
}
registerEnumType(DueKind, {
  name: 'DueKind',
  valuesConfig: {
    DATE: { description: 'One calendar day: `date`' },
    RULE: { description: 'A calendar rule: `rule` (“before 31/03 every year”, “June and December”, “Q1”, “every 6 months”)' },
    ONGOING: { description: '“Thường xuyên”: continuously' },
    AS_NEEDED: { description: '“Căn cứ vào điều kiện thực tế”, “đột xuất”: when circumstances require' },
  },
});

export enum FundingSource {
  CENTRAL_BUDGET = 'CENTRAL_BUDGET',
  LOCAL_BUDGET = 'LOCAL_BUDGET',
  INTEGRATED_PROGRAMMES = 'INTEGRATED_PROGRAMMES',
  ENTERPRISES = 'ENTERPRISES',
  CREDIT = 'CREDIT',
  COMMUNITY = 'COMMUNITY',
  OTHER = 'OTHER',
}
registerEnumType(FundingSource, {
  name: 'FundingSource',
  valuesConfig: {
    CENTRAL_BUDGET: { description: 'Ngân sách Trung ương' },
    LOCAL_BUDGET: { description: 'Ngân sách địa phương' },
    INTEGRATED_PROGRAMMES: { description: 'Lồng ghép từ các chương trình, dự án khác' },
    ENTERPRISES: { description: 'Doanh nghiệp, HTX và các tổ chức kinh tế' },
    CREDIT: { description: 'Vốn tín dụng' },
    COMMUNITY: { description: 'Đóng góp của cộng đồng dân cư (tiền mặt, hiến đất, ngày công quy ra tiền…)' },
    OTHER: { description: 'Huy động khác' },
  },
});

/** What a provision of a programme's text is: the parts that are neither targets nor tasks. */
export enum ProvisionKind {
  REQUIREMENT = 'REQUIREMENT',
  SUPPORT_CONTENT = 'SUPPORT_CONTENT',
  EMULATION_STANDARD = 'EMULATION_STANDARD',
  RATING = 'RATING',
  AWARD = 'AWARD',
  FUNDING = 'FUNDING',
  PRIORITY = 'PRIORITY',
}
registerEnumType(ProvisionKind, {
  name: 'ProvisionKind',
  valuesConfig: {
    REQUIREMENT: { description: 'Yêu cầu: how the programme must be carried out, who takes part' },
    PRIORITY: { description: 'Ưu tiên: where the programme puts its effort and money first (communes, groups, works)' },
    SUPPORT_CONTENT: { description: 'Nội dung hỗ trợ: the kinds of support the programme names' },
    EMULATION_STANDARD: { description: 'Tiêu chuẩn thi đua: what each level must achieve' },
    RATING: { description: 'Đánh giá xếp loại: how participants are rated' },
    AWARD: { description: 'Khen thưởng: awards and when they are given' },
    FUNDING: { description: 'Kinh phí: funding stated in words, without amounts' },
  },
});

export const enumValues = <E extends Record<string, string>>(e: E) => Object.values(e) as E[keyof E][];
