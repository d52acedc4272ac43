// A small SVG line chart of p95 query latency against store size, one line per mode.
import type { SearchBenchResult } from "./search-bench.js";

const W = 640;
const H = 360;
const PAD = { left: 60, right: 150, top: 30, bottom: 50 };
const SERIES: { label: string; color: string; pick: (r: SearchBenchResult) => number }[] = [
  { label: "keyword", color: "#1f77b4", pick: (r) => r.modes.keyword.p95 },
  { label: "semantic", color: "#2ca02c", pick: (r) => r.modes.semantic.p95 },
  { label: "hybrid", color: "#d62728", pick: (r) => r.modes.hybrid.p95 },
  { label: "float vec0 scan", color: "#7f7f7f", pick: (r) => r.floatScan.p95 },
];

export function latencyChart(results: readonly SearchBenchResult[], caption: string): string {
  const xs = results.map((r) => Math.log10(r.chunks));
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs, minX + 1);
  const maxY = Math.max(...results.flatMap((r) => SERIES.map((s) => s.pick(r)))) * 1.1;
  const px = (x: number) => PAD.left + ((x - minX) / (maxX - minX)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / maxY) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="18" font-size="14">p95 query latency (ms) by store size — ${caption}</text>`,
    `<line x1="${PAD.left}" y1="${py(0)}" x2="${W - PAD.right}" y2="${py(0)}" stroke="black"/>`,
    `<line x1="${PAD.left}" y1="${py(0)}" x2="${PAD.left}" y2="${PAD.top}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = (maxY / 4) * i;
    parts.push(
      `<text x="${PAD.left - 8}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(0)}</text>`,
      `<line x1="${PAD.left}" y1="${py(y)}" x2="${W - PAD.right}" y2="${py(y)}" stroke="#eee"/>`,
    );
  }
  results.forEach((r, i) => {
    parts.push(
      `<text x="${px(xs[i]!)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${r.chunks.toLocaleString("en")}</text>`,
    );
  });
  parts.push(
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 12}" text-anchor="middle">chunks (log scale)</text>`,
  );
  SERIES.forEach((s, k) => {
    const points = results.map((r, i) => `${px(xs[i]!)},${py(s.pick(r))}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    results.forEach((r, i) =>
      parts.push(`<circle cx="${px(xs[i]!)}" cy="${py(s.pick(r))}" r="3" fill="${s.color}"/>`),
    );
    parts.push(
      `<rect x="${W - PAD.right + 15}" y="${PAD.top + k * 20}" width="12" height="3" fill="${s.color}"/>`,
      `<text x="${W - PAD.right + 32}" y="${PAD.top + k * 20 + 5}">${s.label}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
