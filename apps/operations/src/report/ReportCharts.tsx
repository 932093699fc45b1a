// The `*.css` module declaration travels with this file: other apps' type checks reach it through screens.tsx.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient declaration for this import only
/// <reference path="./css.d.ts" />
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';
import type { EffectivenessFigures } from '@octopus/contracts';
import { theme } from '@octopus/ui';

/** The charts' titles and series names, in the screen's locale. */
export interface ReportChartLabels {
  volume: string;
  serviceLevel: string;
  handleTime: string;
  offered: string;
  answered: string;
  abandoned: string;
  serviceLevelSeries: string;
  ivrVerified: string;
  ahtIvr: string;
  ahtAgent: string;
  ahtNone: string;
}

type Period = EffectivenessFigures & { period: string };

const HEIGHT = 220;

/** One uPlot chart, sized to its container and rebuilt when its data changes. x: the periods' index. */
function Chart({ title, periods, series, testId }: { title: string; periods: Period[]; series: Array<{ label: string; color: string; values: Array<number | null> }>; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Rebuilt only when what it draws changes (the arrays are new on every render).
  const drawn = JSON.stringify([periods.map((p) => p.period), series]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const labels = periods.map((p) => p.period.slice(5));
    const options: Options = {
      width: Math.max(320, el.clientWidth || 640),
      height: HEIGHT,
      scales: { x: { time: false } },
      axes: [{ values: (_u, splits) => splits.map((i) => labels[i] ?? '') }, {}],
      series: [{ label: '', value: (_u, i) => (i === null ? '' : (periods[i]?.period ?? '')) }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true, points: { show: periods.length <= 40 } }))],
    };
    const data = [periods.map((_, i) => i), ...series.map((s) => s.values)] as AlignedData;
    const plot = new uPlot(options, data, el);
    // Follow the card's width (window resize, side panel).
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      plot.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `drawn` stands for periods and series
  }, [drawn]);
  // The chart is a picture of the tables below it, which carry the same numbers for screen readers.
  return (
    <figure style={{ margin: 0, flex: '1 1 420px', minWidth: 0 }} data-testid={testId}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <div ref={ref} role="img" aria-label={title} />
    </figure>
  );
}

/** The report's three charts over the periods: call volume, service level and IVR verification (%), handle time per verification path (s). */
export function ReportCharts({ periods, labels }: { periods: Period[]; labels: ReportChartLabels }) {
  const { token } = theme.useToken();
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <style>{uplotCss}</style>
      <Chart
        title={labels.volume}
        testId="report-chart-volume"
        periods={periods}
        series={[
          { label: labels.offered, color: token.colorPrimary, values: periods.map((p) => p.offered) },
          { label: labels.answered, color: token.colorSuccess, values: periods.map((p) => p.answered) },
          { label: labels.abandoned, color: token.colorError, values: periods.map((p) => p.abandoned) },
        ]}
      />
      <Chart
        title={labels.serviceLevel}
        testId="report-chart-service-level"
        periods={periods}
        series={[
          { label: labels.serviceLevelSeries, color: token.colorPrimary, values: periods.map((p) => percent(p.serviceLevel)) },
          { label: labels.ivrVerified, color: token.colorWarning, values: periods.map((p) => percent(p.ivrVerifiedShare)) },
        ]}
      />
      <Chart
        title={labels.handleTime}
        testId="report-chart-handle-time"
        periods={periods}
        series={[
          { label: labels.ahtIvr, color: token.colorSuccess, values: periods.map((p) => p.handleTime.ivrVerified.avgSeconds) },
          { label: labels.ahtAgent, color: token.colorPrimary, values: periods.map((p) => p.handleTime.agentVerified.avgSeconds) },
          { label: labels.ahtNone, color: token.colorTextTertiary, values: periods.map((p) => p.handleTime.unverified.avgSeconds) },
        ]}
      />
    </div>
  );
}
