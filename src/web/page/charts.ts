// Chart.js, with only the parts the finance page draws: stacked bars and a line.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const PALETTE = [
  "#3b6ea8",
  "#c8553d",
  "#4f9d69",
  "#e0a100",
  "#7c5295",
  "#2a9d8f",
  "#b5838d",
  "#6c757d",
  "#8d6a3f",
  "#d1495b",
];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export { Chart };
