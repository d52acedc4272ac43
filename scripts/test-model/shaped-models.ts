// GGUF models with the architecture and sizes of real embedding models, and random weights.
//
// Embedding speed depends on a model's shape, not its weights, so benchmarks can measure real
// speed offline with these. Matrices are Q8_0 (as the usual published GGUFs), norms, biases and
// the small embedding tables F32 (as llama.cpp's converter keeps them); weights are N(0, 0.02²)
// and norms identity, so activations stay finite. Matrices copy their blocks from one random pool,
// which makes writing 300M parameters about a second's work.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  TensorType,
  q8_0Sampler,
  writeGguf,
  type ByteSource,
  type TensorSpec,
} from "./gguf-writer.js";
import { gaussian, seededRandom } from "./seeded-random.js";
import { shapedMetadata } from "./shaped-metadata.js";
import { sentencePieceVocabulary, wordPieceVocabulary } from "./shaped-vocab.js";

/** Bump when the generated files change: cached files carry it in their name. */
export const GENERATOR_VERSION = 1;

export type ShapeName = "bge-small" | "nomic-embed" | "embeddinggemma";

export interface ModelShape {
  /** The published model whose shape this is. */
  model: string;
  /** llama.cpp's architecture name (general.architecture). */
  architecture: "bert" | "nomic-bert" | "gemma-embedding";
  layers: number;
  hidden: number;
  feedForward: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  tokenizer: "wordpiece" | "sentencepiece";
  contextLength: number;
  pooling: "mean" | "cls";
  ropeFreqBase?: number;
  /** Gemma: local (sliding-window) attention but in every `period`-th layer, with its own RoPE base. */
  slidingWindow?: { size: number; period: number; ropeFreqBase: number };
  /** Sentence Transformers' dense projections after pooling: hidden → features → hidden. */
  denseFeatures?: number;
}

export const SHAPES: Readonly<Record<ShapeName, ModelShape>> = {
  "bge-small": {
    model: "bge-small-en-v1.5",
    architecture: "bert",
    layers: 12,
    hidden: 384,
    feedForward: 1536,
    heads: 12,
    kvHeads: 12,
    headDim: 32,
    vocabSize: 30522,
    tokenizer: "wordpiece",
    contextLength: 512,
    pooling: "cls",
  },
  "nomic-embed": {
    model: "nomic-embed-text-v1.5",
    architecture: "nomic-bert",
    layers: 12,
    hidden: 768,
    feedForward: 3072,
    heads: 12,
    kvHeads: 12,
    headDim: 64,
    vocabSize: 30528,
    tokenizer: "wordpiece",
    contextLength: 2048,
    pooling: "mean",
    ropeFreqBase: 1000,
  },
  embeddinggemma: {
    model: "embeddinggemma-300m",
    architecture: "gemma-embedding",
    layers: 24,
    hidden: 768,
    feedForward: 1152,
    heads: 3,
    kvHeads: 1,
    headDim: 256,
    vocabSize: 262144,
    tokenizer: "sentencepiece",
    contextLength: 2048,
    pooling: "mean",
    ropeFreqBase: 1_000_000,
    slidingWindow: { size: 512, period: 6, ropeFreqBase: 10_000 },
    denseFeatures: 3072,
  },
};

export interface ShapedModelOptions {
  /** Fewer layers than the real model, for fast tests; the default is the real count. */
  layers?: number;
  seed?: number;
}

const WEIGHT_STD = 0.02;
const POOL_VALUES = 1 << 18;

/** Makes a model's tensors, each weight matrix with its own random stream. */
class TensorFactory {
  readonly tensors: TensorSpec[] = [];
  private next: number;
  /** Every matrix samples its Q8_0 blocks from one pool of gaussian weights. */
  private readonly sampler: (random: () => number) => ByteSource;
  constructor(seed: number) {
    const random = seededRandom(seed);
    this.sampler = q8_0Sampler(
      new Float32Array(POOL_VALUES).map(() => gaussian(random) * WEIGHT_STD),
    );
    this.next = seed + 1;
  }
  /** A Q8_0 weight matrix; dims in ggml order ([inputs, outputs]). */
  matrix(name: string, dims: readonly number[]): void {
    const data = this.sampler(seededRandom(this.next++));
    this.tensors.push({ name, dims, type: TensorType.Q8_0, data });
  }
  /** A small F32 table of random values (token types, positions). */
  table(name: string, dims: readonly number[]): void {
    const random = seededRandom(this.next++);
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(
      () => gaussian(random) * WEIGHT_STD,
    );
    this.tensors.push({ name, dims, type: TensorType.F32, data });
  }
  vector(name: string, length: number, value: number): void {
    const data = new Float32Array(length).fill(value);
    this.tensors.push({ name, dims: [length], type: TensorType.F32, data });
  }
  /** A layer norm: weight 1, and a zero bias when it has one. */
  norm(name: string, length: number, bias: boolean): void {
    this.vector(`${name}.weight`, length, 1);
    if (bias) this.vector(`${name}.bias`, length, 0);
  }
}

function bertTensors(shape: ModelShape, layers: number, f: TensorFactory): void {
  const { hidden: h, feedForward: ff } = shape;
  const nomic = shape.architecture === "nomic-bert";
  f.matrix("token_embd.weight", [h, shape.vocabSize]);
  f.table("token_types.weight", [h, 2]);
  if (!nomic) f.table("position_embd.weight", [h, shape.contextLength]); // nomic uses RoPE
  f.norm("token_embd_norm", h, true);
  for (let i = 0; i < layers; i++) {
    const blk = `blk.${i}`;
    if (nomic) {
      f.matrix(`${blk}.attn_qkv.weight`, [h, 3 * h]); // fused, no biases
      f.matrix(`${blk}.attn_output.weight`, [h, h]);
    } else {
      for (const name of ["attn_q", "attn_k", "attn_v", "attn_output"]) {
        f.matrix(`${blk}.${name}.weight`, [h, h]);
        f.vector(`${blk}.${name}.bias`, h, 0);
      }
    }
    f.norm(`${blk}.attn_output_norm`, h, true);
    f.matrix(`${blk}.ffn_up.weight`, [h, ff]);
    if (nomic) f.matrix(`${blk}.ffn_gate.weight`, [h, ff]); // SwiGLU: gate, up, down
    if (!nomic) f.vector(`${blk}.ffn_up.bias`, ff, 0);
    f.matrix(`${blk}.ffn_down.weight`, [ff, h]);
    if (!nomic) f.vector(`${blk}.ffn_down.bias`, h, 0);
    f.norm(`${blk}.layer_output_norm`, h, true);
  }
}

/** Gemma's RMS norm weights are stored with the +1 already added, so 1 is the identity. */
function gemmaTensors(shape: ModelShape, layers: number, f: TensorFactory): void {
  const { hidden: h, feedForward: ff, headDim } = shape;
  f.matrix("token_embd.weight", [h, shape.vocabSize]); // also the (unused) output head
  f.norm("output_norm", h, false);
  if (shape.denseFeatures) {
    f.matrix("dense_2.weight", [h, shape.denseFeatures]);
    f.matrix("dense_3.weight", [shape.denseFeatures, h]);
  }
  for (let i = 0; i < layers; i++) {
    const blk = `blk.${i}`;
    f.norm(`${blk}.attn_norm`, h, false);
    f.matrix(`${blk}.attn_q.weight`, [h, shape.heads * headDim]);
    f.matrix(`${blk}.attn_k.weight`, [h, shape.kvHeads * headDim]);
    f.matrix(`${blk}.attn_v.weight`, [h, shape.kvHeads * headDim]);
    f.matrix(`${blk}.attn_output.weight`, [shape.heads * headDim, h]);
    f.norm(`${blk}.attn_q_norm`, headDim, false);
    f.norm(`${blk}.attn_k_norm`, headDim, false);
    f.norm(`${blk}.post_attention_norm`, h, false);
    f.norm(`${blk}.ffn_norm`, h, false);
    f.matrix(`${blk}.ffn_gate.weight`, [h, ff]);
    f.matrix(`${blk}.ffn_up.weight`, [h, ff]);
    f.matrix(`${blk}.ffn_down.weight`, [ff, h]);
    f.norm(`${blk}.post_ffw_norm`, h, false);
  }
}

/** Writes `shape` as a Q8_0 GGUF at `path` (directly: callers wanting atomicity write a temp name). */
export function writeShapedModel(
  path: string,
  name: ShapeName,
  options: ShapedModelOptions = {},
): void {
  const shape = SHAPES[name];
  const layers = options.layers ?? shape.layers;
  // A local and a global layer at least: llama.cpp (v0.4.0) makes both attention masks and
  // aborts on an unused one (GGML_ASSERT(buffer) in ggml-backend.cpp).
  if (shape.slidingWindow && layers < 2) {
    throw new Error(`${shape.model} needs at least 2 layers, not ${layers}`);
  }
  const factory = new TensorFactory(options.seed ?? 1);
  if (shape.architecture === "gemma-embedding") gemmaTensors(shape, layers, factory);
  else bertTensors(shape, layers, factory);
  const vocab =
    shape.tokenizer === "wordpiece"
      ? wordPieceVocabulary(shape.vocabSize)
      : sentencePieceVocabulary(shape.vocabSize);
  writeGguf(path, shapedMetadata(shape, layers, vocab), factory.tensors);
}

/**
 * The full-size model for `name`, generated once into the temp folder and reused. It is written
 * under a temporary name and renamed, so a run killed mid-write leaves no half file behind.
 */
export function shapedModelPath(name: ShapeName): string {
  const dir = join(tmpdir(), "hearth-shaped-models");
  const path = join(dir, `${name}-v${GENERATOR_VERSION}.gguf`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeShapedModel(partial, name);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  return path;
}
