/**
 * Dependency-free SVG charts for the simulation report. Output is deterministic: the same input
 * gives the same string (fixed number formatting, no ids or dates).
 */

export interface Series {
  name: string;
  x: number[];
  y: number[];
  /** Draw markers only (scatter) instead of a line. */
  points?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Labels of the x ticks (default: the value with thousands separators). */
  xTickLabel?: (v: number) => string;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
const f = (x: number) => (Math.abs(x) < 1e-9 ? "0" : x.toFixed(2));

/** Escapes text for SVG. */
function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 times a power of ten). */
function niceTicks(min: number, max: number, count = 5): number[] {
  // No finite value at all (e.g. a series with nothing to draw yet): an empty 0..1 axis.
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (!(max > min)) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** Tick label: thousands separators, up to 4 significant decimals. */
function tickLabel(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return Number(v.toPrecision(4)).toString();
}

/** A line (or scatter) chart with axes, ticks, labels and a legend. */
export function lineChart(series: Series[], o: ChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 400;
  // One legend row per three series; rows after the first push the plot up.
  const rows = Math.max(1, Math.ceil(series.length / 3));
  const m = { left: 80, right: 20, top: 40, bottom: 70 + (rows - 1) * 16 };
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).filter((y) => Number.isFinite(y));
  const xt = niceTicks(Math.min(...xs), Math.max(...xs));
  const yt = niceTicks(Math.min(...ys), Math.max(...ys));
  const [x0, x1, y0, y1] = [xt[0], xt[xt.length - 1], yt[0], yt[yt.length - 1]];
  const px = (x: number) => m.left + ((x - x0) / (x1 - x0)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - y0) / (y1 - y0)) * (height - m.top - m.bottom);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(o.title)}</text>`);
  for (const t of yt) {
    out.push(
      `<line x1="${m.left}" y1="${f(py(t))}" x2="${width - m.right}" y2="${f(py(t))}" stroke="#e5e5e5"/>`,
      `<text x="${m.left - 6}" y="${f(py(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  for (const t of xt) {
    out.push(
      `<line x1="${f(px(t))}" y1="${height - m.bottom}" x2="${f(px(t))}" y2="${height - m.bottom + 5}" stroke="#333"/>`,
      `<text x="${f(px(t))}" y="${height - m.bottom + 18}" text-anchor="middle">${escapeXml((o.xTickLabel ?? tickLabel)(t))}</text>`,
    );
  }
  out.push(
    `<line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - m.bottom + 36}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`,
    `<text transform="translate(18 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.x.map((x, j) => [x, s.y[j]] as const).filter(([, y]) => Number.isFinite(y));
    if (s.points) {
      for (const [x, y] of pts)
        out.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3.5" fill="${color}"/>`);
    } else if (pts.length > 0) {
      const d = pts.map(([x, y], j) => `${j === 0 ? "M" : "L"}${f(px(x))},${f(py(y))}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    }
    const lx = m.left + 10 + (i % 3) * 210;
    const ly = height - 18 - (rows - 1 - Math.floor(i / 3)) * 16;
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="12" height="12" fill="${color}"/>`,
      `<text x="${lx + 18}" y="${ly + 1}">${escapeXml(s.name)}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** Impermanent loss of a constant-product position vs holding, at price ratio r: 2√r/(1+r) − 1. */
export function impermanentLoss(r: number): number {
  return (2 * Math.sqrt(r)) / (1 + r) - 1;
}
