// Deterministic synthetic corpora for benchmarks: Zipf-distributed words and clustered unit vectors.

export { gaussian, seededRandom } from "../scripts/test-model/seeded-random.js";
import { gaussian } from "../scripts/test-model/seeded-random.js";

const SYLLABLES = "ka lo mi ra te su no vi da pe ro ga li to ne ma si ku re ba".split(" ");

/** A vocabulary of pronounceable pseudo-words, the same for a given size. */
export function vocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/**
 * Samples word ranks with a Zipf–Mandelbrot law, p(r) ∝ 1 / (r + offset): with offset 0 a few words
 * are in most texts; an offset models content words, whose head (the stop words) is elsewhere.
 */
export function zipfSampler(n: number, random: () => number, offset = 0): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1 + offset);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}

/**
 * Unit vectors clustered at two scales, as text embeddings are: topics, subtopics within a topic,
 * and texts near their subtopic. `draw(i)` gives text i a vector; neighbours share a subtopic.
 */
export function clusteredVectors(
  dims: number,
  topics: number,
  subtopicsPerTopic: number,
  random: () => number,
) {
  const noise = (center: Float32Array, spread: number) =>
    unit(Float32Array.from(center, (x) => x + (gaussian(random) * spread) / Math.sqrt(dims)));
  const topicCenters = Array.from({ length: topics }, () =>
    unit(Float32Array.from({ length: dims }, () => gaussian(random))),
  );
  const subtopics = topicCenters.flatMap((t) =>
    Array.from({ length: subtopicsPerTopic }, () => noise(t, 0.8)),
  );
  return (i: number) => noise(subtopics[i % subtopics.length]!, 0.5);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

/** Runs `run` n times one after another, timing each call: p50, p95 and mean in ms. */
export async function timed(
  n: number,
  run: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; mean: number }> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}
