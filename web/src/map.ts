import type { Words } from './i18n.js';

/** A commune as the map draws it. */
export interface MapCommune {
  id: string;
  code: string;
  name: string;
  district: string | null;
  border: boolean;
  twinnings: number;
  latitude: number | null;
  longitude: number | null;
  /** The successor whose position this is (a unit without one of its own), else null. */
  inheritedFrom: string | null;
}

export type Coverage = 'borderNone' | 'borderTwinned' | 'otherTwinned' | 'otherNone';

export const COVERAGE_COLOURS: Record<Coverage, string> = {
  borderNone: '#b91c1c',
  borderTwinned: '#15803d',
  otherTwinned: '#1d4ed8',
  otherNone: '#6b7280',
};

export const coverageOf = (c: MapCommune): Coverage =>
  c.border ? (c.twinnings > 0 ? 'borderTwinned' : 'borderNone') : c.twinnings > 0 ? 'otherTwinned' : 'otherNone';

const SVG = 'http://www.w3.org/2000/svg';
const el = (name: string, attrs: Record<string, string | number>) => {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

/**
 * The communes as points on a plain projection of their coordinates (longitude scaled by the cosine of
 * the middle latitude, so distances look right at a province's size): drawn offline, no tile server.
 * Border communes are drawn larger; each point has a title (name, district, twinnings) for a pointer
 * or a screen reader's exploration.
 */
export function drawMap(communes: MapCommune[], w: Words): SVGSVGElement {
  const placed = communes.filter((c) => c.latitude != null && c.longitude != null) as (MapCommune & { latitude: number; longitude: number })[];
  const width = 640;
  const pad = 16;
  const lats = placed.map((c) => c.latitude);
  const lons = placed.map((c) => c.longitude);
  const minLat = Math.min(...lats), maxLat = Math.max(...lats);
  const minLon = Math.min(...lons), maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((width - 2 * pad) / spanX, (760 - 2 * pad) / spanY);
  const height = Math.round(spanY * scale + 2 * pad);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': w.mapAria(placed.length, communes.length - placed.length), class: 'map' }) as SVGSVGElement;
  const title = el('title', {});
  title.textContent = w.mapAria(placed.length, communes.length - placed.length);
  svg.append(title, el('rect', { x: 0, y: 0, width, height, fill: '#f8fafc', stroke: '#cbd5e1' }));
  const offsetX = (width - spanX * scale) / 2;
  // the alarming ones (border, no twinning) drawn last, on top
  const order: Coverage[] = ['otherNone', 'otherTwinned', 'borderTwinned', 'borderNone'];
  // communes sharing one position (old communes merged into one, each shown at the new one's
  // position) are spread on a small ring around it, so that each stays visible
  const atSpot = new Map<string, number>();
  const spotIndex = new Map<string, number>();
  for (const c of placed) atSpot.set(`${c.latitude},${c.longitude}`, (atSpot.get(`${c.latitude},${c.longitude}`) ?? 0) + 1);
  for (const c of [...placed].sort((a, b) => order.indexOf(coverageOf(a)) - order.indexOf(coverageOf(b)) || a.code.localeCompare(b.code))) {
    const cov = coverageOf(c);
    const spot = `${c.latitude},${c.longitude}`;
    const n = atSpot.get(spot)!;
    const i = spotIndex.get(spot) ?? 0;
    spotIndex.set(spot, i + 1);
    const ring = n > 1 ? 5 + n : 0;
    const x = offsetX + (c.longitude - minLon) * k * scale + ring * Math.cos((2 * Math.PI * i) / n);
    const y = pad + (maxLat - c.latitude) * scale + ring * Math.sin((2 * Math.PI * i) / n);
    const point = el('circle', {
      cx: x.toFixed(1),
      cy: y.toFixed(1),
      r: c.border ? 6 : 4,
      fill: COVERAGE_COLOURS[cov],
      stroke: c.border ? '#111827' : '#ffffff',
      'stroke-width': c.border ? 1.5 : 1,
      class: `commune-point ${cov}`,
      'data-code': c.code,
      'data-coverage': cov,
    });
    const t = el('title', {});
    t.textContent = `${c.name}${c.district ? ` (${c.district})` : ''} — ${w.twinningsCount(c.twinnings)}${c.inheritedFrom ? ` — ${w.positionOf(c.inheritedFrom)}` : ''}`;
    point.append(t);
    svg.append(point);
  }
  return svg;
}
