// Stacked bars per year in plain SVG (scales with its container), with the numbers as a table too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';

export interface Series {
  key: string;
  label: string;
}

export interface YearCounts {
  year: number;
  values: Record<string, number>;
}

const H = 280;
const M = { top: 10, right: 10, bottom: 28, left: 40 };
/** The least room a year label needs, in pixels. */
const LABEL_PX = 44;

/**
 * The chart is drawn at the width it is shown at (one SVG unit is one pixel), so its labels keep their size:
 * a fixed viewBox scaled down to a phone made them about 4 px high.
 */
function useWidth() {
  const ref = useRef<HTMLElement>(null);
  const [w, setW] = useState(960);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setW(Math.max(280, Math.round(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w] as const;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function StackedBars({ rows, series, label, id }: { rows: YearCounts[]; series: Series[]; label: string; id: string }) {
  const { t } = useI18n();
  const [ref, W] = useWidth();
  if (!rows.length) return <p class="muted">{t('none')}</p>;
  const min = Math.min(...rows.map((r) => r.year));
  const max = Math.max(...rows.map((r) => r.year));
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const years: number[] = [];
  for (let y = min; y <= max; y++) years.push(y);
  const total = (r: YearCounts | undefined) => (r ? series.reduce((s, k) => s + (r.values[k.key] ?? 0), 0) : 0);
  const top = Math.max(1, ...rows.map(total));
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const bw = pw / years.length;
  const y = (v: number) => M.top + ph - (ph * v) / yMax;
  const ticks: number[] = [];
  for (let v = 0; v <= yMax; v += step) ticks.push(v);
  const fits = Math.max(1, Math.floor(pw / LABEL_PX));
  const labelEvery = [1, 2, 5, 10, 20, 50].find((n) => Math.ceil(years.length / n) <= fits) ?? 100;

  return (
    <figure class="chart" ref={ref}>
      <div class="legend">
        {series.map((s, i) => (
          <span key={s.key} class={`legend-item series-${i} legend-${s.key}`}>
            {s.label}
          </span>
        ))}
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} class="bars" data-testid={`chart-${id}`}>
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v} class="tick">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 6} y={y(v)} dy="0.32em" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {years.map((yr, i) => {
          const r = byYear.get(yr);
          let acc = 0;
          const x = M.left + i * bw;
          return (
            <g
              key={yr}
              class="year"
              data-year={yr}
              onClick={() => r && navigate(`/map?from=${yr}&to=${yr}`)}
              style={r ? { cursor: 'pointer' } : undefined}
            >
              {r
                ? series.map((s, si) => {
                    const v = r.values[s.key] ?? 0;
                    if (!v) return null;
                    const y0 = y(acc);
                    acc += v;
                    const y1 = y(acc);
                    return (
                      <rect key={s.key} class={`series-${si} bar-${s.key}`} x={x + bw * 0.1} width={Math.max(1, bw * 0.8)} y={y1} height={Math.max(0, y0 - y1)}>
                        <title>{`${yr} · ${s.label}: ${v}`}</title>
                      </rect>
                    );
                  })
                : null}
              {(yr - min) % labelEvery === 0 ? (
                <text class="xlabel" x={x + bw / 2} y={H - M.bottom + 16} text-anchor="middle">
                  {yr}
                </text>
              ) : null}
            </g>
          );
        })}
        <line class="axis" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      </svg>
      <details class="chart-data">
        <summary>{t('count')}</summary>
        <div class="tablewrap">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year}</th>
                  {series.map((s) => (
                    <td key={s.key}>{r.values[s.key] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
