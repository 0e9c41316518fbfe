/** @jsxImportSource hono/jsx */
// Charts drawn on the server as inline SVG: a line chart and a pair-of-bars
// chart. Integer coordinates and presentation attributes only (no style=""),
// a <title> and aria-label for screen readers; the same numbers are always in
// a table beside the chart.
import { ScrollRegion } from "../components/bits.tsx";
import { niceMax, polylinePoints, barLength, type Frame } from "../../src/features/monitoring/monitoring.domain.ts";

export interface Line {
  name: string;
  values: number[];
  color: string;
  dash?: string;
}

// 320 user units drawn 40em wide (720px, 880px in 大字): the smallest label
// (9 units) is then about 20px (25px in 大字), never shrunk to fit a small
// screen; on a 240px phone the chart scrolls sideways in its own region.
const CHART_WIDTH = "40em";

const frame: Frame = { width: 320, height: 170, left: 30, bottom: 16, top: 24 };

export function LineChart({ title, first, last, lines, label }: { title: string; first: string; last: string; lines: Line[]; label: (max: number) => string }) {
  const max = niceMax(Math.max(0, ...lines.flatMap((l) => l.values)));
  const f = frame;
  const bottom = f.height - f.bottom;
  return (
    <ScrollRegion label={title}>
    <svg viewBox={`0 0 ${f.width} ${f.height}`} width={CHART_WIDTH} role="img" aria-label={`${title}。${label(max)}`}>
      <title>{title}</title>
      {lines.map((l, i) => (
        <>
          <path d={`M${4 + i * 104} 8h16`} stroke={l.color} stroke-width="3" stroke-dasharray={l.dash} />
          <text x={24 + i * 104} y="12" font-size="11">{l.name}</text>
        </>
      ))}
      <path d={`M${f.left} ${f.top}V${bottom}H${f.width - 4}`} fill="none" stroke="#555" />
      <text x={f.left - 3} y={f.top + 4} font-size="10" text-anchor="end">{max}</text>
      <text x={f.left - 3} y={bottom} font-size="10" text-anchor="end">0</text>
      <text x={f.left} y={f.height - 3} font-size="10">{first}</text>
      <text x={f.width - 4} y={f.height - 3} font-size="10" text-anchor="end">{last}</text>
      {lines.map((l) => (
        <polyline points={polylinePoints(l.values, max, f)} fill="none" stroke={l.color} stroke-width="2" stroke-dasharray={l.dash} />
      ))}
    </svg>
    </ScrollRegion>
  );
}

export interface PairRow {
  label: string;
  a: number;
  b: number;
}

/** Two horizontal bars per row (e.g. headcount asked against seekers), with their numbers. */
export function PairBars({ title, rows, names, colors }: { title: string; rows: PairRow[]; names: [string, string]; colors: [string, string] }) {
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => [r.a, r.b])));
  const left = 84;
  const span = 200;
  const height = 20 + rows.length * 26;
  return (
    <ScrollRegion label={title}>
    <svg viewBox={`0 0 320 ${height}`} width={CHART_WIDTH} role="img" aria-label={title}>
      <title>{title}</title>
      {names.map((n, i) => (
        <>
          <rect x={4 + i * 110} y="2" width="12" height="10" fill={colors[i]} />
          <text x={20 + i * 110} y="11" font-size="11">{n}</text>
        </>
      ))}
      {rows.map((r, i) => {
        const y = 20 + i * 26;
        const wa = barLength(r.a, max, span);
        const wb = barLength(r.b, max, span);
        return (
          <>
            <text x={left - 4} y={y + 14} font-size="11" text-anchor="end">{r.label}</text>
            <rect x={left} y={y} width={wa} height="10" fill={colors[0]} />
            <text x={left + wa + 3} y={y + 9} font-size="9">{r.a}</text>
            <rect x={left} y={y + 11} width={wb} height="10" fill={colors[1]} />
            <text x={left + wb + 3} y={y + 20} font-size="9">{r.b}</text>
          </>
        );
      })}
    </svg>
    </ScrollRegion>
  );
}
