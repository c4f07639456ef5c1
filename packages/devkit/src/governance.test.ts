import { describe, expect, it } from 'vitest';
import { formatReport, governanceReport, unreleasedSection } from './governance.js';

const released = `
type Query { communes(first: Int): [Commune!]! tenant: String }
type Commune { id: ID! name: String! code: String! }
enum Level { PROVINCE DISTRICT }
`;

describe('schema governance (graphql-inspector diff against the released schema)', () => {
  it('additions are safe and pass', async () => {
    const next = `${released.replace('code: String!', 'code: String! district: String')}\ntype Extra { x: Int }`;
    const r = await governanceReport(next.replace('tenant: String', 'tenant: String extra: Extra'), { released, changelog: '' });
    expect(r.breaking).toEqual([]);
    expect(r.safe.length).toBeGreaterThanOrEqual(3);
    expect(r.unrecorded).toEqual([]);
  });

  it('a removed field, a changed type and a new required argument are breaking, and fail unless recorded under Unreleased', async () => {
    const next = released
      .replace('code: String!', '')
      .replace('name: String!', 'name: Int!')
      .replace('tenant: String', 'tenant(year: Int!): String');
    const r = await governanceReport(next, { released, changelog: '# x\n\n## Unreleased\n\n## 2026-01-01\n- BREAKING `Commune.code`\n' });
    expect(r.breaking.map((c) => c.path).sort()).toEqual(['Commune.code', 'Commune.name', 'Query.tenant.year']);
    // recorded only in an older, released section: not enough
    expect(r.unrecorded.map((c) => c.path).sort()).toEqual(['Commune.code', 'Commune.name', 'Query.tenant.year']);
    expect(formatReport(r)).toMatch(/3 breaking change\(s\) not recorded/);
    const changelog = '## Unreleased\n- BREAKING `Commune.code`: gone.\n- BREAKING `Commune.name`: now a number.\n- BREAKING `Query.tenant.year`: required.\n\n## 2026-01-01\n';
    const ok = await governanceReport(next, { released, changelog });
    expect(ok.unrecorded).toEqual([]);
    expect(unreleasedSection(changelog)).toMatch(/Query.tenant.year/);
  });

  it('a new enum value is dangerous, not breaking', async () => {
    const r = await governanceReport(released.replace('PROVINCE DISTRICT', 'PROVINCE DISTRICT COMMUNE'), { released, changelog: '' });
    expect(r.breaking).toEqual([]);
    expect(r.dangerous.map((c) => c.path)).toEqual(['Level.COMMUNE']);
  });

  it('a deprecation must be dated in the changelog', async () => {
    const next = released.replace('code: String!', 'code: String! @deprecated(reason: "use codes")');
    expect((await governanceReport(next, { released, changelog: '' })).undatedDeprecations).toEqual(['Commune.code']);
    const dated = await governanceReport(next, { released, changelog: '## Unreleased\n- DEPRECATED `Commune.code` (2026-12-06): use codes.\n' });
    expect(dated.undatedDeprecations).toEqual([]);
  });
});
