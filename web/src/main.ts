import './style.css';
import {
  CommuneMapDocument,
  CoverageFragmentDoc,
  DistrictsDocument,
  GradesFragmentDoc,
  MoneyByCategoryFragmentDoc,
  MoneyByDistrictFragmentDoc,
  MoneyFragmentDoc,
  NtmFragmentDoc,
  OverdueReportsDocument,
  PovertyFragmentDoc,
  ProvinceDashboardDocument,
  ReportsOverdueFragmentDoc,
  SessionDocument,
  type CommuneMapQuery,
  type ComparisonFragment,
  type OverdueReportsQuery,
  type ProvinceDashboardQuery,
  type TypedDocumentString,
} from './gql/graphql.js';
import { GraphQLRequestError, devToken, devTokenInfo, ideLink, request } from './api.js';
import type { BarChartSpec } from './charts.js';
import { daysBetween, formatDate, formatDecimal, formatInt, formatVnd, formatVndShort } from './format.js';
import { WORDS, label, type Lang, type Words } from './i18n.js';
import { COVERAGE_COLOURS, drawMap, type Coverage, type MapCommune } from './map.js';

type Dashboard = ProvinceDashboardQuery['provinceDashboard'];
type MapNode = CommuneMapQuery['communes']['nodes'][number];
type OverdueNode = OverdueReportsQuery['reports']['nodes'][number];

interface Loaded {
  year: number;
  dashboard: Dashboard;
  districts: Map<string, string>;
  overdue: OverdueReportsQuery['reports'];
  communes: MapNode[];
}

/**
 * ECharts is most of the page's weight: it is its own chunk, fetched once a province is signed in
 * (the sign-in screen does not wait for it). Calls keep their order through the one promise.
 */
let chartsModule: Promise<typeof import('./charts.js')> | null = null;
const loadCharts = () => (chartsModule ??= import('./charts.js'));
function barChart(el: HTMLElement, spec: BarChartSpec): void {
  void loadCharts().then((m) => m.barChart(el, spec));
}
function disposeCharts(): void {
  if (chartsModule) void chartsModule.then((m) => m.disposeCharts());
}

const TOKEN_KEY = 'kn.token';
const params = new URLSearchParams(location.search);
const state = {
  lang: (params.get('lang') === 'en' ? 'en' : 'vi') as Lang,
  token: sessionStorage.getItem(TOKEN_KEY),
  year: Number(params.get('year')) || defaultYear(),
  tenantName: '' as string,
  dev: null as Awaited<ReturnType<typeof devTokenInfo>>,
  devTenants: [] as { slug: string; name: string }[],
  loaded: null as Loaded | null,
  error: null as string | null,
  loading: false,
  /** A year chosen in the form but not yet shown. */
  pickedYear: null as number | null,
};

function defaultYear(): number {
  // the last whole year, in Vietnam
  const now = new Date(Date.now() + 7 * 3600_000);
  return now.getUTCFullYear() - 1;
}

const w = (): Words => WORDS[state.lang];
const app = document.getElementById('app')!;

// ---------------------------------------------------------------- small DOM helpers

type Child = Node | string | number | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | EventListener | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'number' ? String(c) : c);
  return e;
}

function table(caption: string, head: string[], rows: Child[][], opts: { testid?: string; numeric?: number[] } = {}) {
  const numeric = new Set(opts.numeric ?? []);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-testid': opts.testid },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : undefined }, t)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: numeric.has(i) ? 'num' : undefined }, c)))))),
    ),
  );
}

/** A figure's own GraphQL: the dashboard query narrowed to the fragment that the figure shows. */
function figureDocument(doc: TypedDocumentString<unknown, unknown>): string {
  const name = (doc.__meta__ as { fragmentName?: string } | undefined)?.fragmentName ?? 'Figure';
  return `query ${name}($year: Int!) {\n  provinceDashboard(year: $year) {\n    year\n    ...${name}\n  }\n}\n${doc.toString().trim()}\n`;
}

function queryLink(title: string, document: string, variables: Record<string, unknown>) {
  return h(
    'p',
    { class: 'query' },
    h('a', { href: ideLink(document, variables), target: '_blank', rel: 'noopener', class: 'query-link' }, w().showQuery, h('span', { class: 'visually-hidden' }, ` — ${title}`)),
  );
}

function section(id: string, title: string, link: HTMLElement | null, ...content: Child[]) {
  return h('section', { id, 'aria-labelledby': `${id}-title`, class: 'card' }, h('h2', { id: `${id}-title` }, title), ...content, link);
}

function kpi(id: string, name: string, value: string, raw: string | number) {
  return h('div', { class: 'kpi', 'data-testid': `kpi-${id}`, 'data-value': String(raw) }, h('dt', {}, name), h('dd', {}, value));
}

function chartBox(description: string) {
  return h('div', { class: 'chart', role: 'img', 'aria-label': description });
}

function targetText(t: ComparisonFragment | null | undefined): string {
  if (!t) return w().noTarget;
  const l = state.lang;
  const cmp = label(w().comparison, t.comparison);
  const value = t.comparison === 'BETWEEN' && t.valueMax ? `${formatDecimal(t.value, l)}–${formatDecimal(t.valueMax, l)}` : formatDecimal(t.value, l);
  return `${cmp} ${value}${t.outOf ? `/${formatDecimal(t.outOf, l)}` : ''} (${t.programCode})`;
}

const metText = (met: boolean | null | undefined) => (met == null ? w().notJudged : met ? w().yes : w().no);

// ---------------------------------------------------------------- sign-in

function setToken(token: string | null) {
  state.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function signInWith(token: string) {
  try {
    const s = await request(token, SessionDocument, {});
    setToken(token);
    state.tenantName = s.currentTenant?.name ?? s.tenants.map((t) => t.name).join(', ');
    state.error = null;
    await load();
  } catch (e) {
    state.error = e instanceof GraphQLRequestError && (e.status === 401 || e.code === 'UNAUTHENTICATED') ? w().tokenRejected : `${w().signInFailed}: ${(e as Error).message}`;
    render();
  }
}

function signInView() {
  const words = w();
  const parts: Child[] = [];
  if (state.dev) {
    const tenant = h('select', { id: 'dev-tenant', name: 'tenant' }, ...state.devTenants.map((t) => h('option', { value: t.slug }, t.name)));
    const role = h(
      'select',
      { id: 'dev-role', name: 'role' },
      ...['officer', 'admin', 'analyst'].filter((r) => state.dev!.roles.includes(r)).map((r) => h('option', { value: r }, label(words.roles, r))),
    );
    parts.push(
      h(
        'form',
        {
          class: 'card',
          'aria-labelledby': 'dev-title',
          onsubmit: ((ev: Event) => {
            ev.preventDefault();
            devToken(tenant.value, role.value).then(signInWith, (e: Error) => {
              state.error = `${words.signInFailed}: ${e.message}`;
              render();
            });
          }) as EventListener,
        },
        h('h2', { id: 'dev-title' }, words.devSignIn),
        h('p', {}, words.devSignInHelp),
        h('div', { class: 'field' }, h('label', { for: 'dev-tenant' }, words.tenant), tenant),
        h('div', { class: 'field' }, h('label', { for: 'dev-role' }, words.role), role),
        h('button', { type: 'submit', id: 'dev-sign-in' }, words.signIn),
      ),
    );
  }
  const pasted = h('textarea', { id: 'token', name: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-help' });
  parts.push(
    h(
      'form',
      {
        class: 'card',
        'aria-labelledby': 'paste-title',
        onsubmit: ((ev: Event) => {
          ev.preventDefault();
          const t = pasted.value.trim().replace(/^Bearer\s+/i, '');
          if (t) void signInWith(t);
        }) as EventListener,
      },
      h('h2', { id: 'paste-title' }, words.pasteTitle),
      h('div', { class: 'field' }, h('label', { for: 'token' }, words.token), pasted, h('p', { id: 'token-help', class: 'help' }, words.pasteHelp)),
      h('button', { type: 'submit' }, words.useToken),
    ),
  );
  return h('div', { class: 'sign-in' }, h('h2', { class: 'visually-hidden' }, words.signInTitle), ...parts);
}

// ---------------------------------------------------------------- loading

async function loadCommunes(token: string, year: number): Promise<MapNode[]> {
  const out: MapNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 40; page++) {
    const r: CommuneMapQuery = await request(token, CommuneMapDocument, { asOf: `${year}-12-31`, year, after });
    out.push(...r.communes.nodes);
    if (!r.communes.pageInfo.hasNextPage) break;
    after = r.communes.pageInfo.endCursor;
  }
  return out;
}

let loads = 0;

async function load() {
  const token = state.token;
  if (!token) return render();
  const year = state.year;
  // only the latest request's answer is shown (a year picked while another loads)
  const mine = ++loads;
  void loadCharts(); // while the figures load
  state.loading = true;
  state.error = null;
  render();
  try {
    const communes = loadCommunes(token, year);
    const districts = request(token, DistrictsDocument, { asOf: `${year}-01-01` });
    const { provinceDashboard: dashboard } = await request(token, ProvinceDashboardDocument, { year });
    // the overdue list is judged against the same day as the dashboard's count
    const overdue = await request(token, OverdueReportsDocument, { year, asOf: dashboard.asOf });
    const loaded = {
      year,
      dashboard,
      districts: new Map((await districts).districts.map((d) => [d.code, d.name])),
      overdue: overdue.reports,
      communes: await communes,
    };
    if (mine !== loads) return;
    state.loaded = loaded;
  } catch (e) {
    if (mine !== loads) return;
    if (e instanceof GraphQLRequestError && (e.status === 401 || e.code === 'UNAUTHENTICATED')) {
      setToken(null);
      state.error = w().tokenRejected;
    } else state.error = `${w().error}: ${(e as Error).message}`;
    state.loaded = null;
  }
  state.loading = false;
  render();
}

function syncUrl() {
  const p = new URLSearchParams();
  p.set('year', String(state.year));
  if (state.lang !== 'vi') p.set('lang', state.lang);
  history.replaceState(null, '', `${location.pathname}?${p}`);
}

// ---------------------------------------------------------------- the dashboard

function yearForm() {
  const words = w();
  const now = defaultYear() + 1;
  const years: number[] = [];
  for (let y = now; y >= 2010; y--) years.push(y);
  // a year picked but not yet shown survives a re-render (a load finishing redraws the page)
  const shownOrPicked = state.pickedYear ?? state.year;
  const select = h(
    'select',
    {
      id: 'year',
      name: 'year',
      onchange: (() => {
        state.pickedYear = Number(select.value);
      }) as EventListener,
    },
    ...years.map((y) => h('option', { value: y, selected: y === shownOrPicked }, y)),
  );
  return h(
    'form',
    {
      class: 'year-form',
      onsubmit: ((ev: Event) => {
        ev.preventDefault();
        state.year = Number(select.value);
        state.pickedYear = null;
        syncUrl();
        void load();
      }) as EventListener,
    },
    h('label', { for: 'year' }, words.year),
    select,
    h('button', { type: 'submit', id: 'show-year' }, words.show),
  );
}

function toMapCommune(n: MapNode): MapCommune {
  const loc = n.location;
  return {
    id: n.id,
    code: n.code,
    name: n.name,
    district: n.district?.name ?? null,
    border: n.classifications.includes('BORDER'),
    twinnings: n.twinnings.length,
    latitude: loc?.latitude ?? null,
    longitude: loc?.longitude ?? null,
    inheritedFrom: loc?.inherited ? (loc.inheritedFromName ?? '?') : null,
  };
}

function dashboardView(data: Loaded): HTMLElement[] {
  const words = w();
  const l = state.lang;
  const d = data.dashboard;
  const vars = { year: data.year };
  const out: HTMLElement[] = [];
  const charts: (() => void)[] = [];

  out.push(
    h('p', { class: 'as-of' }, `${words.asOf} `, h('time', { datetime: d.asOf, 'data-testid': 'as-of' }, formatDate(d.asOf, l))),
  );

  // the year at a glance
  out.push(
    section(
      'overview',
      words.overview,
      queryLink(words.overview, figureDocument(MoneyFragmentDoc), vars),
      h(
        'dl',
        { class: 'kpis' },
        kpi('borderCommunes', words.borderCommunes, formatInt(d.borderCommunes, l), d.borderCommunes),
        kpi('borderCommunesWithTwinning', words.borderTwinned, formatInt(d.borderCommunesWithTwinning, l), d.borderCommunesWithTwinning),
        kpi('borderCommunesWithoutTwinning', words.borderNotTwinned, formatInt(d.borderCommunesWithoutTwinning.length, l), d.borderCommunesWithoutTwinning.length),
        kpi('totalVnd', words.totalVnd, formatVnd(d.totalVnd, l), d.totalVnd),
        kpi('cashVnd', words.cashVnd, formatVnd(d.cashVnd, l), d.cashVnd),
        kpi('inKindVnd', words.inKindVnd, formatVnd(d.inKindVnd, l), d.inKindVnd),
        kpi('poorHouseholdsHelped', words.households, formatInt(d.poorHouseholdsHelped, l), d.poorHouseholdsHelped),
        kpi('modelsBuilt', words.models, formatInt(d.modelsBuilt, l), d.modelsBuilt),
        kpi('peopleTrained', words.peopleTrained, formatInt(d.peopleTrained, l), d.peopleTrained),
        kpi('contributions', words.contributions, formatInt(d.contributions, l), d.contributions),
        kpi('overdueReports', words.overdueReports, formatInt(d.overdueReports, l), d.overdueReports),
      ),
    ),
  );

  // the map
  const communes = data.communes.map(toMapCommune);
  const missing = communes.filter((c) => c.latitude == null || c.longitude == null).length;
  const counts = new Map<Coverage, number>();
  for (const c of communes.filter((c) => c.latitude != null && c.longitude != null)) {
    const cov: Coverage = c.border ? (c.twinnings ? 'borderTwinned' : 'borderNone') : c.twinnings ? 'otherTwinned' : 'otherNone';
    counts.set(cov, (counts.get(cov) ?? 0) + 1);
  }
  const legendWords: Record<Coverage, string> = {
    borderNone: words.legendBorderNone,
    borderTwinned: words.legendBorderTwinned,
    otherTwinned: words.legendOtherTwinned,
    otherNone: words.legendOtherNone,
  };
  out.push(
    section(
      'map',
      words.map,
      queryLink(words.map, CommuneMapDocument.toString(), { asOf: `${data.year}-12-31`, year: data.year }),
      h('p', { class: 'help' }, words.mapHelp),
      communes.length - missing > 0 ? h('div', { class: 'map-wrap', 'data-testid': 'map' }, drawMap(communes, words)) : null,
      h(
        'ul',
        { class: 'legend', 'aria-label': words.map },
        ...(Object.keys(legendWords) as Coverage[]).map((k) =>
          h('li', {}, h('span', { class: `swatch ${k === 'borderNone' || k === 'borderTwinned' ? 'border' : ''}`, style: `background:${COVERAGE_COLOURS[k]}`, 'aria-hidden': 'true' }), `${legendWords[k]}: ${counts.get(k) ?? 0}`),
        ),
      ),
      missing ? h('p', { class: 'help', 'data-testid': 'map-missing', 'data-value': missing }, words.mapNoCoords(missing)) : null,
      communes.some((c) => c.inheritedFrom) ? h('p', { class: 'help' }, words.mapInherited(communes.filter((c) => c.inheritedFrom).length)) : null,
    ),
  );

  // border communes without a twinning
  out.push(
    section(
      'without-twinning',
      words.withoutTwinning,
      queryLink(words.withoutTwinning, figureDocument(CoverageFragmentDoc), vars),
      d.borderCommunesWithoutTwinning.length
        ? table(
            `${words.withoutTwinning} (${d.borderCommunesWithoutTwinning.length})`,
            [words.commune, words.code, words.district],
            d.borderCommunesWithoutTwinning.map((c) => [c.name, c.code, c.district?.name ?? '—']),
            { testid: 'without-twinning' },
          )
        : h('p', {}, words.noneWithout),
    ),
  );

  // money by category and by district
  const byCategory = [...d.moneyByCategory].sort((a, b) => Number(BigInt(b.totalVnd) - BigInt(a.totalVnd)));
  const catBox = chartBox(words.moneyByCategory);
  charts.push(() =>
    barChart(catBox, {
      description: words.moneyByCategory,
      categories: byCategory.map((g) => label(words.categories, g.key.category)),
      series: [{ name: words.totalVnd, values: byCategory.map((g) => Number(g.totalVnd)), color: '#1d4ed8' }],
      horizontal: true,
      formatValue: (v) => formatVndShort(v, l),
    }),
  );
  out.push(
    section(
      'money-by-category',
      words.moneyByCategory,
      queryLink(words.moneyByCategory, figureDocument(MoneyByCategoryFragmentDoc), vars),
      catBox,
      h(
        'details',
        {},
        h('summary', {}, words.data),
        table(
          words.moneyByCategory,
          [words.category, words.totalVnd, words.cashVnd, words.inKindVnd, words.count],
          byCategory.map((g) => [label(words.categories, g.key.category), formatVnd(g.totalVnd, l), formatVnd(g.cashVnd, l), formatVnd(g.inKindVnd, l), formatInt(g.count, l)]),
          { testid: 'money-by-category', numeric: [1, 2, 3, 4] },
        ),
      ),
    ),
  );
  const byDistrict = [...d.moneyByDistrict].sort((a, b) => Number(BigInt(b.totalVnd) - BigInt(a.totalVnd)));
  const districtName = (code: string | null | undefined) => (code ? (data.districts.get(code) ?? code) : words.unknownDistrict);
  const distBox = chartBox(words.moneyByDistrict);
  charts.push(() =>
    barChart(distBox, {
      description: words.moneyByDistrict,
      categories: byDistrict.map((g) => districtName(g.key.districtCode)),
      series: [{ name: words.totalVnd, values: byDistrict.map((g) => Number(g.totalVnd)), color: '#0f766e' }],
      horizontal: true,
      formatValue: (v) => formatVndShort(v, l),
    }),
  );
  out.push(
    section(
      'money-by-district',
      words.moneyByDistrict,
      queryLink(words.moneyByDistrict, figureDocument(MoneyByDistrictFragmentDoc), vars),
      distBox,
      h(
        'details',
        {},
        h('summary', {}, words.data),
        table(
          words.moneyByDistrict,
          [words.district, words.totalVnd, words.households, words.models, words.count],
          byDistrict.map((g) => [districtName(g.key.districtCode), formatVnd(g.totalVnd, l), formatInt(g.poorHouseholdsHelped, l), formatInt(g.modelsBuilt, l), formatInt(g.count, l)]),
          { testid: 'money-by-district', numeric: [1, 2, 3, 4] },
        ),
      ),
    ),
  );

  // households helped and models, by category (categories with neither left out of the chart)
  const helped = byCategory.filter((g) => g.poorHouseholdsHelped || g.modelsBuilt);
  const hmBox = chartBox(words.householdsModels);
  charts.push(() =>
    barChart(hmBox, {
      description: words.householdsModels,
      categories: helped.map((g) => label(words.categories, g.key.category)),
      series: [
        { name: words.households, values: helped.map((g) => g.poorHouseholdsHelped), color: '#b45309' },
        { name: words.models, values: helped.map((g) => g.modelsBuilt), color: '#6d28d9' },
      ],
      horizontal: true,
      formatValue: (v) => formatInt(v, l),
    }),
  );
  out.push(
    section(
      'households-models',
      words.householdsModels,
      queryLink(words.householdsModels, figureDocument(MoneyByCategoryFragmentDoc), vars),
      h(
        'dl',
        { class: 'kpis' },
        kpi('households-total', words.households, formatInt(d.poorHouseholdsHelped, l), d.poorHouseholdsHelped),
        kpi('models-total', words.models, formatInt(d.modelsBuilt, l), d.modelsBuilt),
      ),
      helped.length ? hmBox : null,
      h(
        'details',
        {},
        h('summary', {}, words.data),
        table(
          words.householdsModels,
          [words.category, words.households, words.models],
          byCategory.map((g) => [label(words.categories, g.key.category), formatInt(g.poorHouseholdsHelped, l), formatInt(g.modelsBuilt, l)]),
          { testid: 'households-models', numeric: [1, 2] },
        ),
      ),
    ),
  );

  // grades
  const gradeBox = chartBox(words.grades);
  if (d.gradeDistribution.length)
    charts.push(() =>
      barChart(gradeBox, {
        description: words.grades,
        categories: d.gradeDistribution.map((g) => label(words.grades_, g.grade)),
        series: [{ name: words.sponsorsGraded, values: d.gradeDistribution.map((g) => g.count), color: '#15803d' }],
        formatValue: (v) => formatInt(v, l),
      }),
    );
  out.push(
    section(
      'grades',
      words.grades,
      queryLink(words.grades, figureDocument(GradesFragmentDoc), vars),
      ...(d.gradeDistribution.length
        ? [
            gradeBox,
            table(
              words.grades,
              [words.grade, words.sponsorsGraded],
              d.gradeDistribution.map((g) => [label(words.grades_, g.grade), formatInt(g.count, l)]),
              { testid: 'grades', numeric: [1] },
            ),
          ]
        : [h('p', {}, words.noGrades)]),
    ),
  );

  // NTM criteria bands against the plan
  const ntm = d.ntm;
  const ntmBox = chartBox(words.ntm);
  if (ntm?.bands.length)
    charts.push(() =>
      barChart(ntmBox, {
        description: words.ntm,
        categories: ntm.bands.map((b) => b.label),
        series: [
          { name: words.communesActual, values: ntm.bands.map((b) => b.communes), color: '#1d4ed8' },
          { name: words.communesTarget, values: ntm.bands.map((b) => (b.target ? Number(b.target.value) : 0)), color: '#9a3412' },
        ],
        formatValue: (v) => formatInt(v, l),
      }),
    );
  out.push(
    section(
      'ntm',
      words.ntm,
      queryLink(words.ntm, figureDocument(NtmFragmentDoc), vars),
      ...(ntm
        ? [
            h(
              'dl',
              { class: 'kpis' },
              kpi('ntm-measured', words.communesMeasured, formatInt(ntm.communesMeasured, l), ntm.communesMeasured),
              kpi('ntm-certified', words.certified, `${formatInt(ntm.certifiedCommunes, l)} — ${words.target}: ${targetText(ntm.certifiedTarget)}`, ntm.certifiedCommunes),
              kpi('ntm-average', words.averageCriteria, `${formatDecimal(ntm.averageCriteriaMet, l)} — ${words.target}: ${targetText(ntm.averageTarget)}`, ntm.averageCriteriaMet ?? ''),
            ),
            ntm.bands.length ? ntmBox : h('p', {}, words.noBands),
            ntm.bands.length
              ? table(
                  words.ntm,
                  [words.band, words.communesActual, words.communesTarget, words.difference, words.met],
                  ntm.bands.map((b) => [b.label, formatInt(b.communes, l), targetText(b.target), formatDecimal(b.target?.difference, l), metText(b.target?.met)]),
                  { testid: 'ntm-bands', numeric: [1, 3] },
                )
              : null,
          ]
        : [h('p', {}, words.noNtm)]),
    ),
  );

  // poverty against its target
  const p = d.poverty;
  out.push(
    section(
      'poverty',
      words.poverty,
      queryLink(words.poverty, figureDocument(PovertyFragmentDoc), vars),
      p
        ? h(
            'dl',
            { class: 'kpis' },
            kpi('poverty-rate', words.povertyRate, `${formatDecimal(p.rate, l)} %`, p.rate ?? ''),
            kpi('poverty-previous', words.previousRate, `${formatDecimal(p.previousRate, l)} %`, p.previousRate ?? ''),
            kpi('poverty-reduction', words.reduction, formatDecimal(p.reduction, l), p.reduction ?? ''),
            kpi('poverty-target', words.target, targetText(p.target), p.target?.value ?? ''),
            kpi('poverty-met', words.met, metText(p.target?.met), String(p.target?.met ?? '')),
          )
        : h('p', {}, words.noPoverty),
      p?.target?.note ? h('p', { class: 'help' }, p.target.note) : null,
      // a period target judged as an average (165/KH-UBND “bình quân 3%/năm”): the average so far, never a yearly verdict
      p?.average
        ? h(
            'dl',
            { class: 'kpis', 'data-testid': 'poverty-average' },
            kpi('poverty-average', words.averageReduction(p.average.since, data.year), formatDecimal(p.average.reductionPerYear, l), p.average.reductionPerYear),
            kpi('poverty-average-target', words.averageTarget(p.average.periodStart, p.average.periodEnd), targetText(p.average.target), p.average.target?.value ?? ''),
            kpi(
              'poverty-average-met',
              p.average.final ? words.met : words.metSoFar,
              metText(p.average.target?.met),
              String(p.average.target?.met ?? ''),
            ),
          )
        : null,
      p?.average ? h('p', { class: 'help' }, p.average.note[l]) : null,
    ),
  );

  // overdue reports with their deadlines
  const reporter = (r: OverdueNode) => r.sponsor?.name ?? r.district?.name ?? r.commune?.name ?? r.reporterKind;
  out.push(
    section(
      'overdue',
      words.overdue,
      queryLink(words.overdue, OverdueReportsDocument.toString(), { year: data.year, asOf: d.asOf }),
      h('p', { class: 'help' }, queryLinkInline(words.overdueReports, figureDocument(ReportsOverdueFragmentDoc), vars), `: ${formatInt(d.overdueReports, l)}`),
      data.overdue.nodes.length
        ? table(
            `${words.overdue} (${data.overdue.totalCount})`,
            [words.reporter, words.kind, words.period, words.programme, words.dueOn, words.daysLate],
            data.overdue.nodes.map((r) => [
              reporter(r),
              label(words.reportKinds, r.kind),
              r.period,
              r.program.code,
              h('time', { datetime: r.dueOn }, formatDate(r.dueOn, l)),
              formatInt(daysBetween(r.dueOn, d.asOf), l),
            ]),
            { testid: 'overdue', numeric: [5] },
          )
        : h('p', {}, words.noOverdue),
    ),
  );

  requestAnimationFrame(() => charts.forEach((draw) => draw()));
  return out;
}

function queryLinkInline(text: string, document: string, variables: Record<string, unknown>) {
  return h('a', { href: ideLink(document, variables), target: '_blank', rel: 'noopener' }, text);
}

// ---------------------------------------------------------------- the page

function render() {
  const words = w();
  document.documentElement.lang = state.lang;
  document.title = words.appTitle;
  disposeCharts();
  const other = words.switchToLang as Lang;
  const header = h(
    'header',
    { class: 'top' },
    h('h1', {}, words.appTitle, state.token && state.tenantName ? h('span', { class: 'tenant' }, ` — ${state.tenantName}`) : null),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          lang: other,
          id: 'lang-toggle',
          onclick: (() => {
            state.lang = other;
            syncUrl();
            render();
          }) as EventListener,
        },
        words.switchTo,
      ),
      state.token
        ? h(
            'button',
            {
              type: 'button',
              id: 'sign-out',
              onclick: (() => {
                setToken(null);
                state.loaded = null;
                render();
              }) as EventListener,
            },
            words.signOut,
          )
        : null,
    ),
  );
  const main = h('main', { id: 'main', tabindex: -1 });
  if (state.error) main.append(h('p', { class: 'error', role: 'alert' }, state.error));
  if (!state.token) main.append(signInView());
  else {
    main.append(yearForm());
    if (state.loading) main.append(h('p', { class: 'loading', role: 'status' }, words.loading));
    else if (state.loaded) main.append(h('div', { class: 'grid', 'data-testid': 'dashboard', 'data-year': state.loaded.year }, ...dashboardView(state.loaded)));
  }
  app.replaceChildren(h('a', { href: '#main', class: 'skip' }, words.skip), header, main);
}

async function start() {
  render();
  state.dev = await devTokenInfo();
  if (state.dev) {
    try {
      // the demo provinces, as the graph names them (a national demo token reads the list of tenants)
      const national = await devToken(null, 'national');
      state.devTenants = (await request(national, SessionDocument, {})).tenants;
    } catch {
      state.devTenants = [];
    }
  }
  if (state.token) await signInWith(state.token);
  else render();
}

void start();
