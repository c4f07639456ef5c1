import { registerEnumType } from 'type-graphql';

export enum SponsorKind {
  PROVINCIAL_AGENCY = 'PROVINCIAL_AGENCY',
  DISTRICT = 'DISTRICT',
  ENTERPRISE = 'ENTERPRISE',
  ECONOMIC_GROUP = 'ECONOMIC_GROUP',
  ARMED_FORCES = 'ARMED_FORCES',
  MASS_ORGANISATION = 'MASS_ORGANISATION',
  OTHER = 'OTHER',
}
registerEnumType(SponsorKind, {
  name: 'SponsorKind',
  description: 'What kind of unit twins with a commune.',
  valuesConfig: {
    PROVINCIAL_AGENCY: { description: 'Provincial department, board or agency (sở, ban, ngành)' },
    DISTRICT: { description: 'District, town or city (huyện, thị xã, thành phố; quận)' },
    ENTERPRISE: { description: 'Enterprise (doanh nghiệp)' },
    ECONOMIC_GROUP: { description: 'Economic group (tập đoàn kinh tế)' },
    ARMED_FORCES: { description: 'Armed-forces unit (lực lượng vũ trang, e.g. Bộ đội Biên phòng)' },
    MASS_ORGANISATION: { description: 'Mass organisation (đoàn thể: Mặt trận, Hội, Đoàn…)' },
    OTHER: { description: 'Any other unit' },
  },
});

export enum TwinningStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
registerEnumType(TwinningStatus, {
  name: 'TwinningStatus',
  valuesConfig: {
    PROPOSED: { description: 'Proposed, not signed yet: never active' },
    ACTIVE: { description: 'Signed and running (active in the years its period covers)' },
    SUSPENDED: { description: 'Suspended: not active while suspended' },
    ENDED: { description: 'Ended on `endsOn`: was active in the years its period covered' },
  },
});

export enum ContributionCategory {
  ECONOMIC_DEVELOPMENT = 'ECONOMIC_DEVELOPMENT',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  CULTURE = 'CULTURE',
  SOCIAL_SECURITY = 'SOCIAL_SECURITY',
  POLITICAL_SYSTEM_TRAINING = 'POLITICAL_SYSTEM_TRAINING',
  PROPAGANDA = 'PROPAGANDA',
  GIFTS = 'GIFTS',
  OTHER = 'OTHER',
}
registerEnumType(ContributionCategory, {
  name: 'ContributionCategory',
  valuesConfig: {
    ECONOMIC_DEVELOPMENT: { description: 'Phát triển kinh tế (sinh kế, mô hình sản xuất…)' },
    INFRASTRUCTURE: { description: 'Hạ tầng (giao thông, thủy lợi, điện, nước sạch…)' },
    EDUCATION: { description: 'Giáo dục' },
    HEALTH: { description: 'Y tế' },
    CULTURE: { description: 'Văn hóa' },
    SOCIAL_SECURITY: { description: 'An sinh xã hội (nhà tình nghĩa, xóa nhà tạm…)' },
    POLITICAL_SYSTEM_TRAINING: { description: 'Xây dựng hệ thống chính trị, đào tạo, tập huấn' },
    PROPAGANDA: { description: 'Tuyên truyền' },
    GIFTS: { description: 'Tặng quà' },
    OTHER: { description: 'Khác' },
  },
});

export enum ContributionStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  VERIFIED = 'VERIFIED',
}
registerEnumType(ContributionStatus, {
  name: 'ContributionStatus',
  valuesConfig: {
    PLANNED: { description: 'Planned, not done yet: not counted in totals by default' },
    DONE: { description: 'Done, as the sponsor reports it' },
    VERIFIED: { description: 'Verified by the province: final; corrected only by a reversal' },
  },
});

export enum ModelKind {
  HOUSEHOLD_GROUP = 'HOUSEHOLD_GROUP',
  CLUB = 'CLUB',
  COOPERATIVE_GROUP = 'COOPERATIVE_GROUP',
  COOPERATIVE = 'COOPERATIVE',
}
registerEnumType(ModelKind, {
  name: 'ModelKind',
  description: 'Kind of production model built or replicated.',
  valuesConfig: {
    HOUSEHOLD_GROUP: { description: 'Nhóm hộ' },
    CLUB: { description: 'Câu lạc bộ' },
    COOPERATIVE_GROUP: { description: 'Tổ hợp tác' },
    COOPERATIVE: { description: 'Hợp tác xã' },
  },
});

export enum CycleStep {
  NEEDS_PROPOSAL = 'NEEDS_PROPOSAL',
  YEARLY_PLAN = 'YEARLY_PLAN',
}
registerEnumType(CycleStep, {
  name: 'CycleStep',
  description: 'A step of the yearly twinning cycle that may have a deadline.',
  valuesConfig: {
    NEEDS_PROPOSAL: { description: 'The commune sends its needs proposal (Quảng Nam: before 28/02)' },
    YEARLY_PLAN: { description: 'Both sides sign the yearly plan (Quảng Nam: before 31/03)' },
  },
});

export enum Timeliness {
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
  NO_DEADLINE = 'NO_DEADLINE',
}
registerEnumType(Timeliness, {
  name: 'Timeliness',
  description: "Against the tenant's deadline when it was recorded. Lateness is recorded, never refused.",
  valuesConfig: {
    ON_TIME: { description: 'On or before the deadline' },
    LATE: { description: 'After the deadline' },
    NO_DEADLINE: { description: 'The tenant sets no deadline for this step' },
  },
});

export const CATEGORY_VALUES = Object.values(ContributionCategory) as string[];
export const MODEL_KIND_VALUES = Object.values(ModelKind) as string[];
