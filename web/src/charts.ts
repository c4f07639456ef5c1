import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// only what the page draws: bar charts, drawn as SVG (crisp on phones and in screenshots)
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

export interface BarChartSpec {
  /** What the chart shows, for screen readers (the data table beside it has the figures). */
  description: string;
  categories: string[];
  series: BarSeries[];
  horizontal?: boolean;
  formatValue?: (v: number) => string;
}

const charts = new Set<echarts.ECharts>();
let observing = false;

/** Draws a bar chart into `el` (replacing what was there). */
export function barChart(el: HTMLElement, spec: BarChartSpec): void {
  echarts.getInstanceByDom(el)?.dispose();
  const rows = spec.categories.length;
  if (spec.horizontal) el.style.height = `${Math.max(160, 36 * rows + 70)}px`;
  const chart = echarts.init(el, null, { renderer: 'svg' });
  charts.add(chart);
  const fmt = spec.formatValue ?? ((v: number) => String(v));
  const valueAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => fmt(v), color: '#1f2937' }, splitLine: { lineStyle: { color: '#e5e7eb' } } };
  const categoryAxis = {
    type: 'category' as const,
    data: spec.categories,
    inverse: spec.horizontal,
    axisLabel: { color: '#1f2937', width: spec.horizontal ? 130 : 90, overflow: 'truncate' as const, interval: 0 },
  };
  chart.setOption({
    animation: false,
    aria: { enabled: true, label: { description: spec.description } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(Number(v)) },
    legend: spec.series.length > 1 ? { top: 0, textStyle: { color: '#1f2937' } } : undefined,
    grid: { left: 8, right: 24, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 28,
      label: { show: true, position: spec.horizontal ? ('right' as const) : ('top' as const), formatter: (p: { value: unknown }) => fmt(Number(p.value)), color: '#111827' },
    })),
  });
  if (!observing) {
    observing = true;
    window.addEventListener('resize', () => charts.forEach((c) => (c.isDisposed() ? charts.delete(c) : c.resize())));
  }
}

export function disposeCharts(): void {
  charts.forEach((c) => c.dispose());
  charts.clear();
}
