/**
 * The hand-written part of the security suite: valid inputs for mutations the generator cannot
 * guess, and fault scenarios for batch writes. Everything else is generated from the schema.
 *
 * - MUTATION_FIXTURES: the audit check runs every mutation of the schema once. A mutation without
 *   a fixture gets generated input (the tenant's own ids, first enum values, today, 1 000 000 đồng);
 *   when that fails, the suite fails naming the mutation — add its fixture here.
 * - BATCH_WRITE_SCENARIOS: "a process killed in the middle of a batch write leaves nothing
 *   half-written". Any mutation named import… without a scenario here fails the suite.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@kn/platform/identity';
import { todayInVietnam } from '@kn/platform/dates';
import { seedIds } from '@kn/platform';
import { TEMPLATE_SEEDS } from '@kn/evaluations/templates/seed';
import type { ValueStore } from './support/schema.js';
import { tinyPdf } from '../files/real-files.js';

export interface FixtureContext {
  tenant: string;
  store: ValueStore;
  /**
   * A GraphQL request (query, or a mutation that prepares what the fixture's mutation needs) as
   * the tenant's admin; returns `data` (throws on errors).
   */
  read<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** `POST /files` as the tenant's admin: the stored file's id. */
  upload(bytes: Buffer, name: string): Promise<string>;
}

export interface MutationFixture {
  /** The role that may run it (default: admin). */
  role?: Role;
  /** The province it runs in (default: the suite's first, Lạng Sơn): one that has what the mutation needs. */
  tenant?: 'lang-son' | 'quang-nam' | 'da-nang';
  /** Variables that make the mutation CHANGE something (an unchanged row leaves no audit record). */
  variables(ctx: FixtureContext): Promise<Record<string, unknown>>;
}

/** Flips one classification of a unit, so that the call always changes something. */
const toggled = (current: string[], c: string) => (current.includes(c) ? current.filter((x) => x !== c) : [...current, c]);

/** A code that exists nowhere yet, e.g. `SEC-7F3A2C`: a create must never meet an earlier run's row. */
const freshCode = (prefix = 'SEC', sep = '-') => `${prefix}${sep}${randomUUID().slice(0, 8).toUpperCase()}`;
/** Toggles a marker at the end of a text, so that an update always changes it. */
const toggledText = (t: string | null | undefined, mark = ' (sec)') => (t ?? '').endsWith(mark) ? (t ?? '').slice(0, -mark.length) || 'security suite' : `${t ?? ''}${mark}`;
const today = () => todayInVietnam();
const year = () => Number(today().slice(0, 4));

/**
 * Ratings run in Quảng Nam: of the five documents only its QĐ 1100 rates sponsors (Lạng Sơn's rate
 * nobody, issue 12, so Lạng Sơn has no rule set to evaluate with).
 */
// Quảng Nam's plan 1100/QĐ-UBND, rated by its successor Đà Nẵng (#18 §2: Quảng Nam writes nothing since 1/7/2025)
const RATING_TENANT = 'da-nang' as const;
const ratedProgram = () => seedIds.program('quang-nam', 'QN-1100-2020');

interface DraftEvaluation {
  id: string;
  outcome: string;
  eligibleGrades: string[];
}

/** A new DRAFT of the rated programme's year (evaluateSponsors as the fixture's admin), with its evaluations. */
async function aFreshDraft(read: FixtureContext['read'], y: number) {
  const d = await read<{ evaluateSponsors: { id: string; evaluations: DraftEvaluation[] } }>(
    `mutation($p: ID!, $y: Int!) { evaluateSponsors(programId: $p, year: $y) { id evaluations { id outcome eligibleGrades } } }`,
    { p: ratedProgram(), y },
  );
  return d.evaluateSponsors;
}

const CHOOSE = `mutation($e: ID!, $g: Grade!, $r: String!) { chooseGrade(evaluationId: $e, grade: $g, reason: $r) { id } }`;
const CHOICE_REASON = 'Bộ kiểm thử an ninh: lựa chọn của người duyệt (thử nghiệm)';

/** A programme of the tenant (the first), with its period. */
async function aProgram(read: FixtureContext['read']) {
  const d = await read<{ programs: { nodes: { id: string; version: number; startYear: number; endYear: number | null }[] } }>(
    `{ programs(first: 1) { nodes { id version startYear endYear } } }`,
  );
  const p = d.programs.nodes[0];
  if (!p) throw new Error('the tenant has no programme');
  return p;
}

/** An ACTIVE twinning of the tenant whose period covers today (contributions and plans need one). */
async function anActiveTwinning(read: FixtureContext['read']) {
  const d = await read<{ twinnings: { nodes: { id: string; code: string; startsOn: string; endsOn: string | null; version: number; note: string | null }[] } }>(
    `{ twinnings(filter: { status: ACTIVE }, first: 200) { nodes { id code startsOn endsOn version note } } }`,
  );
  const t = d.twinnings.nodes.find((n) => n.startsOn <= today() && (n.endsOn == null || n.endsOn >= today()));
  if (!t) throw new Error('the tenant has no ACTIVE twinning covering today');
  return t;
}

/** A contribution of the tenant in `status` (a VERIFIED one: neither reversed nor a reversal). */
async function aContribution(read: FixtureContext['read'], status: 'DONE' | 'VERIFIED') {
  const d = await read<{ contributions: { nodes: { id: string; version: number; description: string; reverses: { id: string } | null; reversedBy: { id: string } | null }[] } }>(
    `query($s: [ContributionStatus!]) { contributions(filter: { statuses: $s }, first: 200) { nodes { id version description reverses { id } reversedBy { id } } } }`,
    { s: [status] },
  );
  const c = d.contributions.nodes.find((n) => !n.reverses && !n.reversedBy);
  if (!c) throw new Error(`the tenant has no ${status} contribution`);
  return c;
}

/** A (twinning, year) with no needs proposal (`needsProposal`) or no plan (`plan`) yet, within the twinning's period. */
async function aFreeYear(read: FixtureContext['read'], what: 'needsProposal' | 'plan') {
  const t = await anActiveTwinning(read);
  for (let y = year(); y >= Number(t.startsOn.slice(0, 4)); y--) {
    const d = await read<{ twinning: Record<string, unknown> | null }>(`query($id: ID!, $y: Int!) { twinning(id: $id) { ${what}(year: $y) { id } } }`, { id: t.id, y });
    if (d.twinning && d.twinning[what] == null) return { twinningId: t.id, year: y };
  }
  // every year of its period has one: a year after today, still in the twinning's period when open-ended
  if (t.endsOn == null) return { twinningId: t.id, year: year() + 1 + Math.floor(Math.random() * 50) };
  throw new Error(`no year without a ${what} for twinning ${t.code}`);
}

/** A needs proposal or plan in `status` (for the reporting chain's fixtures); a SUBMITTED one is returned first when RETURNED is wanted and none is. */
async function aCycleDoc(read: FixtureContext['read'], list: 'needsProposals' | 'yearlyPlans', status: 'SUBMITTED' | 'RETURNED') {
  const find = async (st: string) => {
    const d = await read<Record<string, { nodes: { id: string; version: number; status: string }[] }>>(`{ ${list}(first: 500) { nodes { id version status } } }`);
    return d[list]!.nodes.find((n) => n.status === st);
  };
  const found = await find(status);
  if (found) return found;
  if (status === 'SUBMITTED') throw new Error(`the tenant has no SUBMITTED ${list}`);
  const s = await find('SUBMITTED');
  if (!s) throw new Error(`the tenant has no SUBMITTED ${list} to return`);
  const m = list === 'needsProposals' ? 'returnNeedsProposal' : 'returnYearlyPlan';
  const r = await read<Record<string, { id: string; version: number }>>(`mutation($id: ID!, $v: Int!) { ${m}(id: $id, version: $v, reason: "${RETURN_REASON}") { id version } }`, { id: s.id, v: s.version });
  return { ...r[m]!, status: 'RETURNED' };
}
const RETURN_REASON = 'Bộ kiểm thử an ninh: trả lại để bổ sung (thử nghiệm)';

/** A report in review state SUBMITTED (seeded reports that came in are). */
async function aSubmittedReport(read: FixtureContext['read']) {
  const d = await read<{ reports: { nodes: { id: string; version: number; reviewStatus: string }[] } }>(`{ reports(first: 500) { nodes { id version reviewStatus } } }`);
  const r = d.reports.nodes.find((n) => n.reviewStatus === 'SUBMITTED');
  if (!r) throw new Error('the tenant has no SUBMITTED report');
  return r;
}

/** A RENAME of today's first or last commune by code (one not renamed yet), in force on 1/1/2099. */
async function aFarRename(read: FixtureContext['read'], end: 'first' | 'last') {
  const d = await read<{ communes: { nodes: { id: string; fullName: string; validTo: string | null }[] } }>(
    `{ communes(filter: { kind: COMMUNE }, ${end}: 20) { nodes { id fullName validTo } } }`,
  );
  const c = d.communes.nodes.find((n) => n.validTo === null);
  if (!c) throw new Error('no open-ended commune to rename');
  return {
    kind: 'RENAME', level: 'COMMUNE', effectiveOn: '2099-01-01', legalBasis: `Nghị quyết thử ${freshCode()}`,
    predecessors: [{ id: c.id }], newUnits: [{ fullName: `${c.fullName} ${freshCode('Mới', ' ')}` }],
  };
}

export const MUTATION_FIXTURES: Record<string, MutationFixture> = {
  setCommuneClassifications: {
    async variables({ read }) {
      const data = await read<{ communes: { nodes: { id: string; classifications: string[] }[] } }>(
        `{ communes(first: 1) { nodes { id classifications } } }`,
      );
      const c = data.communes.nodes[0]!;
      return { communeId: c.id, classifications: toggled(c.classifications, 'EXTREMELY_DIFFICULT') };
    },
  },
  setDistrictClassifications: {
    async variables({ read }) {
      const data = await read<{ districts: { id: string; classifications: string[] }[] }>(`{ districts(asOf: "2025-06-30") { id classifications } }`);
      const d = data.districts[0]!;
      return { districtId: d.id, classifications: toggled(d.classifications, 'LOWLAND') };
    },
  },
  // a commune of today renamed from a day far ahead (the suite's other phases read today's geography)
  recordUnitChange: {
    async variables({ read }) {
      return { input: await aFarRename(read, 'last') };
    },
  },
  recordUnitChanges: {
    async variables({ read }) {
      return { changes: [await aFarRename(read, 'first')] };
    },
  },

  // ---- programs ------------------------------------------------------------------------------------
  updateFundingLine: {
    async variables({ read }) {
      const d = await read<{ programs: { nodes: { fundingLines: { id: string; version: number; source: string; amount: string; year: number | null; note: string | null }[] }[] } }>(
        `{ programs(first: 50) { nodes { fundingLines { id version source amount year note } } } }`,
      );
      const f = d.programs.nodes.flatMap((p) => p.fundingLines)[0];
      if (!f) throw new Error('no funding line');
      return { id: f.id, version: f.version, input: { source: f.source, amount: String(BigInt(f.amount) + 1n), year: f.year, note: f.note } };
    },
  },
  deleteFundingLine: {
    async variables({ read }) {
      const p = await aProgram(read);
      const d = await read<{ createFundingLine: { id: string; version: number } }>(
        `mutation($p: ID!) { createFundingLine(programId: $p, input: { source: LOCAL_BUDGET, amount: "1000", note: "security suite: to be deleted" }) { id version } }`,
        { p: p.id },
      );
      return { id: d.createFundingLine.id, version: d.createFundingLine.version };
    },
  },
  createIndicator: {
    async variables() {
      return { code: freshCode('SEC', '_'), input: { name: 'Chỉ tiêu của bộ kiểm thử', nameEn: 'security suite indicator', unit: 'HOUSEHOLDS', higherIsBetter: true } };
    },
  },
  updateIndicator: {
    async variables({ read }) {
      const d = await read<{ indicators: { nodes: { id: string; version: number; name: string; nameEn: string | null; unit: string; higherIsBetter: boolean | null }[] } }>(
        `{ indicators(first: 1) { nodes { id version name nameEn unit higherIsBetter } } }`,
      );
      const i = d.indicators.nodes[0]!;
      return { id: i.id, version: i.version, input: { name: toggledText(i.name), nameEn: i.nameEn, unit: i.unit, higherIsBetter: i.higherIsBetter } };
    },
  },
  createProgram: {
    async variables() {
      return { code: freshCode(), input: { title: 'Kế hoạch của bộ kiểm thử', titleEn: 'security suite programme', kind: 'TWINNING', startYear: year(), endYear: year() } };
    },
  },
  updateProgram: {
    async variables({ read }) {
      const d = await read<{ programs: { nodes: Record<string, any>[] } }>(
        `{ programs(first: 1) { nodes { id version title titleEn kind status documentNumber issuedOn issuer signer signerTitle startYear endYear objectives provisions { kind heading text reference } sourceNote } } }`,
      );
      const { id, version, ...fields } = d.programs.nodes[0]!;
      return { id, version, input: { ...fields, title: toggledText(fields.title) } };
    },
  },
  setProgramCommunes: {
    async variables({ read }) {
      const d = await read<{ programs: { nodes: { id: string; version: number; coveredCommunes: { id: string }[] }[] }; communes: { nodes: { id: string }[] } }>(
        `{ programs(first: 1) { nodes { id version coveredCommunes { id } } } communes(first: 1) { nodes { id } } }`,
      );
      const p = d.programs.nodes[0]!;
      const c = d.communes.nodes[0]!.id;
      const covered = p.coveredCommunes.map((x) => x.id);
      return { id: p.id, version: p.version, communeIds: covered.includes(c) ? covered.filter((x) => x !== c) : [...covered, c] };
    },
  },
  createTarget: {
    async variables({ read }) {
      const p = await aProgram(read);
      const d = await read<{ indicators: { nodes: { code: string }[] } }>(`{ indicators(first: 1) { nodes { code } } }`);
      return { programId: p.id, input: { indicatorCode: d.indicators.nodes[0]!.code, year: p.startYear, comparison: 'AT_LEAST', targetValue: '1', note: 'security suite' } };
    },
  },
  updateTarget: {
    async variables({ read }) {
      const d = await read<{ programs: { nodes: { targets: Record<string, any>[] }[] } }>(
        `{ programs(first: 50) { nodes { targets { id version indicator { code } year startYear endYear yearly comparison targetValue targetValueMax outOf baseline baselineYear scope { kind group label size } note } } } }`,
      );
      const t = d.programs.nodes.flatMap((p) => p.targets)[0];
      if (!t) throw new Error('no target');
      const { id, version, indicator, ...fields } = t;
      // a target is for a year, or for a period: the answer shows both, the input takes one
      const period = fields.year != null ? { startYear: undefined, endYear: undefined } : { year: undefined };
      return { id, version, input: { ...fields, ...period, indicatorCode: indicator.code, note: toggledText(fields.note) } };
    },
  },
  deleteTarget: {
    async variables(ctx) {
      const v = await MUTATION_FIXTURES.createTarget!.variables(ctx);
      const d = await ctx.read<{ createTarget: { id: string; version: number } }>(
        `mutation($p: ID!, $i: TargetInput!) { createTarget(programId: $p, input: $i) { id version } }`,
        { p: v.programId, i: v.input },
      );
      return { id: d.createTarget.id, version: d.createTarget.version };
    },
  },
  deleteTask: {
    async variables({ read }) {
      const p = await aProgram(read);
      const d = await read<{ createTask: { id: string; version: number } }>(
        `mutation($p: ID!) { createTask(programId: $p, input: { title: "security suite: to be deleted", leadAgency: "Sở Nội vụ" }) { id version } }`,
        { p: p.id },
      );
      return { id: d.createTask.id, version: d.createTask.version };
    },
  },

  // ---- sponsors ------------------------------------------------------------------------------------
  revokeApiKey: {
    async variables({ read, store }) {
      const sponsorId = store.get('Sponsor', 'id')[0];
      const d = await read<{ createApiKey: { key: { id: string } } }>(
        `mutation($s: ID!) { createApiKey(sponsorId: $s, name: "security suite: to be revoked") { key { id } } }`,
        { s: sponsorId },
      );
      return { id: d.createApiKey.key.id };
    },
  },
  recordContribution: {
    async variables({ read }) {
      const t = await anActiveTwinning(read);
      return {
        idempotencyKey: randomUUID(),
        input: { twinningId: t.id, contributedOn: today(), category: 'EDUCATION', description: `security suite ${randomUUID()}`, cashVnd: '1000000' },
      };
    },
  },
  updateContribution: {
    async variables({ read }) {
      const c = await aContribution(read, 'DONE');
      return { input: { id: c.id, version: c.version, description: toggledText(c.description) } };
    },
  },
  verifyContribution: {
    async variables({ read }) {
      const c = await aContribution(read, 'DONE');
      return { id: c.id, version: c.version };
    },
  },
  reverseContribution: {
    async variables({ read }) {
      const c = await aContribution(read, 'VERIFIED');
      return { input: { id: c.id, version: c.version, reason: 'security suite: a verified figure corrected' } };
    },
  },
  submitNeedsProposal: {
    async variables({ read }) {
      const f = await aFreeYear(read, 'needsProposal');
      return { input: { ...f, submittedOn: today(), note: 'security suite', items: [{ category: 'EDUCATION', description: 'Sách vở cho học sinh', estimatedCostVnd: '5000000' }] } };
    },
  },
  updateNeedsProposal: {
    async variables({ read }) {
      const d = await read<{ needsProposals: { nodes: { id: string; version: number; note: string | null }[] } }>(`{ needsProposals(first: 1) { nodes { id version note } } }`);
      const n = d.needsProposals.nodes[0]!;
      return { input: { id: n.id, version: n.version, note: toggledText(n.note) } };
    },
  },
  attachFile: {
    async variables({ read, upload }) {
      const fileId = await upload(tinyPdf('Bien ban - bo kiem thu an ninh'), 'biên bản (kiểm thử).pdf');
      const c = await aContribution(read, 'DONE');
      return { fileId, to: { kind: 'CONTRIBUTION', id: c.id } };
    },
  },
  detachFile: {
    async variables({ read, upload }) {
      const fileId = await upload(tinyPdf('Bien ban - bo kiem thu an ninh'), 'biên bản (kiểm thử).pdf');
      const c = await aContribution(read, 'DONE');
      const to = { kind: 'CONTRIBUTION', id: c.id };
      await read(`mutation($f: ID!, $to: AttachmentTargetInput!) { attachFile(fileId: $f, to: $to) { id } }`, { f: fileId, to });
      return { fileId, from: to };
    },
  },
  deleteFile: {
    async variables({ upload }) {
      return { id: await upload(tinyPdf('Tep se bi xoa'), 'xoá (kiểm thử).pdf') };
    },
  },
  signYearlyPlan: {
    async variables({ read }) {
      const f = await aFreeYear(read, 'plan');
      return { input: { ...f, signedOn: today(), note: 'security suite', items: [{ content: 'Tập huấn kỹ thuật trồng trọt', fundingVnd: '2000000' }] } };
    },
  },
  updateYearlyPlan: {
    async variables({ read }) {
      const d = await read<{ yearlyPlans: { nodes: { id: string; version: number; note: string | null }[] } }>(`{ yearlyPlans(first: 1) { nodes { id version note } } }`);
      const n = d.yearlyPlans.nodes[0]!;
      return { input: { id: n.id, version: n.version, note: toggledText(n.note) } };
    },
  },
  importContributions: {
    role: 'admin',
    async variables({ read }) {
      const t = await anActiveTwinning(read);
      // a new description each time: the same rows imported twice are written once (and audited once)
      return {
        source: 'security-suite.csv',
        rows: [
          { twinning: t.code, date: today(), category: 'Giáo dục', description: `security suite import ${randomUUID()}`, cashVnd: '1.000.000' },
          { twinning: t.code, date: today(), category: 'Y tế', description: `security suite import ${randomUUID()}`, inKindVnd: '250.000' },
        ],
      };
    },
  },
  createSponsor: {
    async variables() {
      return { input: { code: freshCode(), name: 'Đơn vị của bộ kiểm thử', kind: 'ENTERPRISE' } };
    },
  },
  updateSponsor: {
    async variables({ read }) {
      const d = await read<{ sponsors: { nodes: { id: string; version: number; name: string }[] } }>(`{ sponsors(first: 1) { nodes { id version name } } }`);
      const sp = d.sponsors.nodes[0]!;
      return { input: { id: sp.id, version: sp.version, name: toggledText(sp.name) } };
    },
  },
  createTwinning: {
    async variables({ read, store }) {
      const p = await aProgram(read);
      const c = await read<{ communes: { nodes: { id: string }[] } }>(`{ communes(first: 1) { nodes { id } } }`);
      return { input: { code: freshCode(), sponsorId: store.get('Sponsor', 'id')[0], communeId: c.communes.nodes[0]!.id, programId: p.id, startsOn: today() } };
    },
  },
  updateTwinning: {
    async variables({ read }) {
      const t = await anActiveTwinning(read);
      return { input: { id: t.id, version: t.version, note: toggledText(t.note) } };
    },
  },

  // ---- evaluations ---------------------------------------------------------------------------------
  recordCommuneMeasurement: {
    async variables({ read }) {
      type M = {
        id: string | null;
        commune: { id: string };
        criteriaSet: { code: string } | null;
        criteriaMet: number[] | null;
        ntmCertified: boolean | null;
        households: number;
        poorHouseholds: number;
        nearPoorHouseholds: number;
        source: string;
        version: number | null;
      };
      for (let y = year() - 1; y >= 2019; y--) {
        const d = await read<{ communeMeasurements: { nodes: M[] } }>(
          `query($y: Int!) { communeMeasurements(year: $y, first: 50) { nodes { id commune { id } criteriaSet { code } criteriaMet ntmCertified households poorHouseholds nearPoorHouseholds source version } } }`,
          { y },
        );
        const m = d.communeMeasurements.nodes.find((n) => n.id != null && n.version != null);
        if (!m) continue;
        return {
          input: {
            communeId: m.commune.id,
            year: y,
            criteriaSetCode: m.criteriaSet?.code ?? null,
            criteriaMet: m.criteriaSet ? m.criteriaMet : null,
            ntmCertified: m.ntmCertified ?? false,
            households: m.households,
            poorHouseholds: m.poorHouseholds,
            nearPoorHouseholds: m.nearPoorHouseholds,
            source: toggledText(m.source),
            version: m.version,
          },
        };
      }
      throw new Error('the tenant has no recorded commune measurement');
    },
  },
  setCycleReviewChain: {
    async variables({ read }) {
      const p = await aProgram(read);
      return { input: { programId: p.id, kind: 'NEEDS_PROPOSAL', validFrom: '2099-01-01', steps: [{ level: 'COMMUNE', maySubmit: true }, { level: 'PROVINCE', mayReturn: true, mayAccept: true }], source: 'security suite' } };
    },
  },
  setReportReviewChain: {
    async variables({ read }) {
      const p = await aProgram(read);
      return { input: { programId: p.id, validFrom: '2099-01-01', steps: [{ level: 'PROVINCE', maySubmit: true, mayReturn: true, mayAccept: true }], source: 'security suite' } };
    },
  },
  returnNeedsProposal: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'needsProposals', 'SUBMITTED');
      return { id: d.id, version: d.version, reason: RETURN_REASON };
    },
  },
  acceptNeedsProposal: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'needsProposals', 'SUBMITTED');
      return { id: d.id, version: d.version };
    },
  },
  resubmitNeedsProposal: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'needsProposals', 'RETURNED');
      return { id: d.id, version: d.version };
    },
  },
  addNeedsProposalComment: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'needsProposals', 'SUBMITTED');
      return { id: d.id, text: `security suite ${randomUUID()}` };
    },
  },
  returnYearlyPlan: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'yearlyPlans', 'SUBMITTED');
      return { id: d.id, version: d.version, reason: RETURN_REASON };
    },
  },
  acceptYearlyPlan: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'yearlyPlans', 'SUBMITTED');
      return { id: d.id, version: d.version };
    },
  },
  resubmitYearlyPlan: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'yearlyPlans', 'RETURNED');
      return { id: d.id, version: d.version };
    },
  },
  addYearlyPlanComment: {
    async variables({ read }) {
      const d = await aCycleDoc(read, 'yearlyPlans', 'SUBMITTED');
      return { id: d.id, text: `security suite ${randomUUID()}` };
    },
  },
  returnReport: {
    async variables({ read }) {
      const r = await aSubmittedReport(read);
      return { id: r.id, version: r.version, reason: RETURN_REASON };
    },
  },
  acceptReport: {
    async variables({ read }) {
      const r = await aSubmittedReport(read);
      return { id: r.id, version: r.version };
    },
  },
  addReportComment: {
    async variables({ read }) {
      const r = await aSubmittedReport(read);
      return { id: r.id, text: `security suite ${randomUUID()}` };
    },
  },
  recordReportSubmission: {
    async variables({ read }) {
      const d = await read<{ reports: { nodes: { id: string; version: number }[] } }>(`{ reports(filter: { status: OVERDUE }, first: 1) { nodes { id version } } }`);
      const r = d.reports.nodes[0];
      if (!r) throw new Error('the tenant has no overdue report');
      return { input: { id: r.id, version: r.version, submittedOn: today(), note: 'security suite' } };
    },
  },
  setReportCalendarRule: {
    async variables({ read }) {
      const p = await aProgram(read);
      return {
        input: {
          code: freshCode(),
          programId: p.id,
          kind: 'PLAN',
          reporterKind: 'SPONSOR',
          reporters: 'PROGRAM_SPONSORS',
          periodicity: 'YEAR',
          dueMonth: 3,
          dueDay: 31,
          firstYear: 2019,
          titleVi: 'Kế hoạch năm (bộ kiểm thử an ninh)',
          titleEn: 'Yearly plan (security suite)',
          source: 'security suite',
        },
      };
    },
  },
  scheduleReports: {
    async variables({ read }) {
      // a programme of its own with one NAMED rule: scheduling it always creates one report
      const p = await read<{ createProgram: { id: string } }>(`mutation($c: String!) { createProgram(code: $c, input: { title: "Chương trình bộ kiểm thử", kind: TWINNING, startYear: 2019 }) { id } }`, {
        c: freshCode(),
      });
      const s = await read<{ sponsors: { nodes: { id: string }[] } }>(`{ sponsors(first: 1) { nodes { id } } }`);
      await read(`mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
        i: {
          code: freshCode(),
          programId: p.createProgram.id,
          kind: 'PLAN',
          reporterKind: 'SPONSOR',
          reporters: 'NAMED',
          reporterIds: [s.sponsors.nodes[0]!.id],
          periodicity: 'YEAR',
          dueMonth: 3,
          dueDay: 31,
          firstYear: 2019,
          titleVi: 'Kế hoạch năm',
          titleEn: 'Yearly plan',
          source: 'security suite',
        },
      });
      return { programId: p.createProgram.id, year: year() - 1 };
    },
  },
  evaluateSponsors: {
    tenant: RATING_TENANT,
    async variables() {
      // a new draft every time (the previous draft is superseded)
      return { programId: ratedProgram(), year: 2025 };
    },
  },
  chooseGrade: {
    tenant: RATING_TENANT,
    async variables({ read }) {
      // the engine leaves a choice (xuất sắc or tốt, QĐ 1100 §IV.1) for some sponsor in some year of the plan
      for (const y of [2025, 2023, 2022, 2021, 2020]) {
        const e = (await aFreshDraft(read, y)).evaluations.find((x) => x.outcome === 'CHOICE_REQUIRED');
        if (e) return { evaluationId: e.id, grade: e.eligibleGrades[0], reason: CHOICE_REASON };
      }
      throw new Error('no evaluation of Quảng Nam is left to a choice in any year');
    },
  },
  approveEvaluations: {
    tenant: RATING_TENANT,
    async variables({ read }) {
      // a fresh draft of 2023 with every choice made, so that it can be approved
      const draft = await aFreshDraft(read, 2023);
      for (const e of draft.evaluations.filter((x) => x.outcome === 'CHOICE_REQUIRED')) await read(CHOOSE, { e: e.id, g: e.eligibleGrades[0], r: CHOICE_REASON });
      return { programId: ratedProgram(), year: 2023 };
    },
  },
  // notifications (#14 §3)
  markNotificationsRead: {
    tenant: RATING_TENANT,
    async variables({ read }) {
      // a new draft tells the admins (outbox → worker): mark that notification read
      const draft = await aFreshDraft(read, 2024);
      for (let i = 0; i < 150; i++) {
        const d = await read<{ notifications: { nodes: { id: string; subjectId: string }[] } }>(
          `{ notifications(unreadOnly: true, first: 100) { nodes { id subjectId } } }`,
        );
        const n = d.notifications.nodes.find((x) => x.subjectId === draft.id);
        if (n) return { ids: [n.id] };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the worker relayed no notification of the new draft within 30 s');
    },
  },
  setReminderDays: {
    async variables({ read }) {
      const d = await read<{ notificationSettings: { reminderDaysBefore: number[]; version: number } }>(`{ notificationSettings { reminderDaysBefore version } }`);
      return { days: toggled(d.notificationSettings.reminderDaysBefore.map(String), '30').map(Number), version: d.notificationSettings.version };
    },
  },
  registerWebhook: {
    async variables() {
      // a port nobody listens on: the worker's attempts are refused and end FAILED, harming nothing
      return { input: { url: 'http://127.0.0.1:9/security-suite', events: ['SUBMITTED'], secret: `bí-mật-${randomUUID()}` } };
    },
  },
  setWebhookActive: {
    async variables({ read }) {
      const d = await read<{ registerWebhook: { id: string } }>(
        `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { id } }`,
        { i: { url: 'http://127.0.0.1:9/security-suite', events: ['ACCEPTED'], secret: `bí-mật-${randomUUID()}` } },
      );
      return { id: d.registerWebhook.id, active: false };
    },
  },
  publishReportTemplate: {
    async variables({ tenant }) {
      // a seeded template of the province again, as its next version
      const t = TEMPLATE_SEEDS.find((x) => x.tenant === tenant);
      if (!t) throw new Error('the tenant has no seeded report template');
      return { programId: seedIds.program(tenant, t.programCode), definition: JSON.stringify(t.definition), note: 'security suite: the same template again' };
    },
  },
  publishRuleSet: {
    tenant: RATING_TENANT,
    async variables({ read }) {
      const d = await read<{ ruleSets: { program: { id: string }; definition: string }[] }>(`{ ruleSets { program { id } definition } }`);
      const r = d.ruleSets[0];
      if (!r) throw new Error('the tenant has no rule set');
      return { programId: r.program.id, definition: r.definition, note: 'security suite: the same rules again' };
    },
  },
};

export interface BatchWriteScenario {
  /** The mutation it exercises; the scenario is skipped (with this reason) while it is not in the schema. */
  mutation: string;
  name: string;
}

/**
 * Batch writes killed mid-flight, each with its runner in phases/faults.ts (BATCH_RUNNERS): a
 * stream of classification writes (communes) and spreadsheet imports (sponsors).
 */
export const BATCH_WRITE_SCENARIOS: BatchWriteScenario[] = [
  { mutation: 'setCommuneClassifications', name: 'communes subgraph killed mid-flight during audited classification writes' },
  { mutation: 'importContributions', name: 'sponsors subgraph killed mid-flight during spreadsheet imports (all or nothing)' },
];

/** The idempotent write retried after a timeout (sponsors subgraph). */
export const IDEMPOTENT_WRITE = { mutation: 'recordContribution', keyArg: 'idempotencyKey' };
