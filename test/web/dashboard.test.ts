import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { gql, platform, tokenFor } from '../support/client.js';

/**
 * The province dashboard in a real browser (Debian's chromium through playwright-core): sign in as
 * the demo does, pick 2019, and compare what the page shows with what the graph answers.
 */
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Kept after the run (CI keeps the folder): the screenshots of the page. */
export const ARTIFACTS = process.env.KN_TEST_ARTIFACTS ?? join(ROOT, '.artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const msg = `web dashboard tests: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`SKIPPED — ${msg}`);
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

const ANSWER = `query ($year: Int!, $asOf: Date!) {
  provinceDashboard(year: $year) {
    asOf borderCommunes borderCommunesWithTwinning borderCommunesWithoutTwinning { code name }
    totalVnd cashVnd inKindVnd poorHouseholdsHelped modelsBuilt peopleTrained contributions overdueReports
    moneyByCategory { key { category } totalVnd count }
    moneyByDistrict { key { districtCode } totalVnd count }
    gradeDistribution { grade count }
    ntm { communesMeasured certifiedCommunes bands { label communes target { value } } }
    poverty { rate previousRate reduction target { value met } average { reductionPerYear target { met } } }
  }
  communes(filter: { asOf: $asOf }, first: 500) { totalCount nodes { code location { latitude longitude } } }
}`;

describe.skipIf(!haveChromium)('the province dashboard in Chromium', () => {
  let ctx: BrowserContext;
  let page: Page;
  let userDir: string;
  const origin = () => new URL(platform().gatewayUrl).origin;
  const problems: string[] = [];

  beforeAll(async () => {
    userDir = mkdtempSync(join(tmpdir(), 'kn-chromium-'));
    // a fresh profile, headless (playwright adds --headless), no network but this machine's
    ctx = await chromium.launchPersistentContext(userDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  it('signs in with a demo token, shows 2019, and every figure equals the graph’s answer', async () => {
    await page.goto(`${origin()}/app/`);
    // Vietnamese by default
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.waitForSelector('#dev-sign-in', { timeout: 30_000 });
    await page.selectOption('#dev-tenant', 'lang-son');
    await page.selectOption('#dev-role', 'officer');
    await page.click('#dev-sign-in');
    await page.waitForSelector('#year', { timeout: 30_000 });
    await page.selectOption('#year', '2019');
    await page.click('#show-year');
    // the dashboard, or the page's own error message (role=alert), whichever comes first: a failure says what the page said
    const shown = await page
      .waitForSelector('[data-testid=dashboard][data-year="2019"], [role=alert]', { timeout: 90_000 })
      .catch(async (e: Error) => {
        await page.screenshot({ path: join(ARTIFACTS, 'web-dashboard-timeout.png') }).catch(() => undefined);
        const text = (await page.textContent('main').catch(() => null)) ?? '';
        throw new Error(`${e.message}\nthe page showed: ${text.slice(0, 500)}\nproblems: ${problems.join(' | ')}`);
      });
    if ((await shown.getAttribute('role')) === 'alert') throw new Error(`the page showed an error: ${await shown.textContent()}`);

    const token = await tokenFor('lang-son', 'officer');
    const answer = await gql(token, ANSWER, { year: 2019, asOf: '2019-12-31' });
    expect(answer.errors).toBeUndefined();
    const d = answer.data.provinceDashboard;
    const kpi = (id: string) => page.getAttribute(`[data-testid=kpi-${id}]`, 'data-value');
    expect(await kpi('borderCommunes')).toBe(String(d.borderCommunes));
    expect(await kpi('borderCommunesWithTwinning')).toBe(String(d.borderCommunesWithTwinning));
    expect(await kpi('borderCommunesWithoutTwinning')).toBe(String(d.borderCommunesWithoutTwinning.length));
    for (const f of ['totalVnd', 'cashVnd', 'inKindVnd', 'poorHouseholdsHelped', 'modelsBuilt', 'peopleTrained', 'contributions', 'overdueReports']) {
      expect(await kpi(f), f).toBe(String(d[f]));
    }
    // money is shown exactly, in đồng
    const total = (await page.textContent('[data-testid=kpi-totalVnd] dd'))!;
    expect(total.replace(/\D/g, '')).toBe(d.totalVnd);
    expect(total).toMatch(/đồng$/);
    expect(d.borderCommunes).toBeGreaterThan(0);

    // border communes without a twinning: the same communes
    const without = await page.locator('[data-testid=without-twinning] tbody tr td:first-of-type').allTextContents();
    expect(without.sort()).toEqual(d.borderCommunesWithoutTwinning.map((c: { code: string }) => c.code).sort());

    // money by category and by district: one row per group, the same totals
    const catRows = await page.locator('[data-testid=money-by-category] tbody tr').count();
    expect(catRows).toBe(d.moneyByCategory.length);
    const distTotals = await page.locator('[data-testid=money-by-district] tbody tr td:nth-of-type(1)').allTextContents();
    expect(distTotals.map((t) => t.replace(/\D/g, '')).sort()).toEqual(d.moneyByDistrict.map((g: { totalVnd: string }) => g.totalVnd).sort());

    // grades, NTM bands against the plan, poverty against its target
    const grades = await page.locator('[data-testid=grades] tbody tr td').allTextContents();
    expect(grades.map(Number)).toEqual(d.gradeDistribution.map((g: { count: number }) => g.count));
    const bands = await page.locator('[data-testid=ntm-bands] tbody tr td:nth-of-type(1)').allTextContents();
    expect(bands.map(Number)).toEqual(d.ntm.bands.map((b: { communes: number }) => b.communes));
    expect(await kpi('ntm-measured')).toBe(String(d.ntm.communesMeasured));
    expect(await kpi('poverty-rate')).toBe(d.poverty.rate ?? '');
    expect(await kpi('poverty-reduction')).toBe(d.poverty.reduction ?? '');
    expect(await kpi('poverty-met')).toBe(String(d.poverty.target?.met ?? ''));
    // 165/KH-UBND's “bình quân 3%/năm” 2016–2020: the average so far, as the graph computes it
    expect(d.poverty.average).not.toBeNull();
    expect(await kpi('poverty-average')).toBe(d.poverty.average.reductionPerYear);
    expect(await kpi('poverty-average-met')).toBe(String(d.poverty.average.target?.met ?? ''));

    // overdue reports: the list has as many rows as the dashboard counts (up to the page's 200)
    const overdueRows = await page.locator('[data-testid=overdue] tbody tr').count();
    expect(overdueRows).toBe(Math.min(d.overdueReports, 200));

    // the map: one point per commune with coordinates, none for the others
    const located = answer.data.communes.nodes.filter((c: { location: unknown }) => c.location).map((c: { code: string }) => c.code);
    expect(answer.data.communes.totalCount).toBeLessThanOrEqual(500);
    expect(located.length).toBeGreaterThan(0);
    const points = await page.locator('.commune-point').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-code')));
    expect(points.sort()).toEqual(located.sort());
    const missing = Number((await page.getAttribute('[data-testid=map-missing]', 'data-value', { timeout: 1000 }).catch(() => null)) ?? 0);
    expect(missing).toBe(answer.data.communes.totalCount - located.length);
    // coloured by coverage: the border communes without a twinning are the red points
    const red = await page.locator('.commune-point.borderNone').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-code')));
    const withoutCodes = d.borderCommunesWithoutTwinning.map((c: { code: string }) => c.code);
    expect(red.sort()).toEqual(withoutCodes.filter((c: string) => located.includes(c)).sort());

    await page.screenshot({ path: join(ARTIFACTS, 'web-dashboard-lang-son-2019.png'), fullPage: true });
    if (process.env.KN_UPDATE_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs/img/dashboard-lang-son-2019.png'), fullPage: true });
    console.log(`web dashboard: screenshot in ${join(ARTIFACTS, 'web-dashboard-lang-son-2019.png')}`);
  }, 180_000);

  it('links each figure to a GraphQL operation that the graph answers', async () => {
    const links = await page.locator('a.query-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(9);
    const token = await tokenFor('lang-son', 'officer');
    for (const href of new Set(links)) {
      const u = new URL(href);
      expect(u.pathname).toBe('/graphql');
      const r = await gql(token, u.searchParams.get('query')!, JSON.parse(u.searchParams.get('variables')!));
      expect(r.errors, href).toBeUndefined();
    }
  }, 120_000);

  it('passes axe-core (WCAG 2.1 A and AA) and works at phone width', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const audit = async () => {
      await page.evaluate(axe);
      return page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    };
    expect(await audit()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    // nothing wider than the phone: no sideways scrolling of the page
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await audit()).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'web-dashboard-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('switches to English', async () => {
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#overview-title')).toBe('The year at a glance');
    expect((await page.textContent('[data-testid=kpi-totalVnd] dd'))!).toMatch(/VND$/);
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('opens the IDE on the README’s examples as tabs, with a dev token that the graph accepts', async () => {
    const ide = await ctx.newPage();
    await ide.goto(`${origin()}/graphql`);
    await ide.waitForSelector('.graphiql-tab', { timeout: 60_000 });
    const tabs = (await ide.locator('.graphiql-tab').allTextContents()).join(' ');
    for (const name of ['BorderCommunes', 'NtmPlan2019', 'ProvinceDashboard']) expect(tabs).toContain(name);
    await ide.waitForTimeout(1000);
    await ide.click('.graphiql-execute-button');
    await ide.waitForFunction(() => /totalCount|errors/.test(document.querySelector('.graphiql-response')?.textContent ?? ''), null, { timeout: 30_000 });
    const response = (await ide.locator('.graphiql-response').textContent()) ?? '';
    expect(response).toContain('totalCount');
    expect(response).not.toContain('Token not accepted');
    await ide.close();
  }, 120_000);

  it('had no script error and no blocked resource', () => {
    expect(problems).toEqual([]);
  });
});
