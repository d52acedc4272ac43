// Builds a tiny BERT-architecture GGUF that behaves as a random-projection bag of word pieces.
//
// Attention and feed-forward weights are zero and layer norms are identity, so each token's output is
// the layer-normed token embedding; mean pooling then averages them. Cosine similarity between two
// texts therefore tracks how many word pieces they share, which lets tests assert real semantics.
import { TensorType, writeGguf, type MetaValue, type TensorSpec } from "./gguf-writer.js";
import { gaussian, seededRandom } from "./seeded-random.js";

export const TEST_MODEL_NAME = "hearth-test-bow";
const WORD_START = "\u2581"; // llama.cpp's WordPiece marks word starts with "▁" instead of "##" on the rest
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

export interface TestModelOptions {
  dimensions?: number;
  contextLength?: number;
  seed?: number;
  /**
   * A reranker instead (rank pooling and a classifier head): attention averages every token into
   * [CLS], whose position vector then weighs less the more the tokens repeat each other — so texts
   * sharing the query's words score higher (and, crudely, shorter texts too).
   */
  reranker?: boolean;
}

export const TEST_RERANKER_NAME = "hearth-test-reranker";

function* letterStrings(maxLength: number): Generator<string> {
  let level = [""];
  for (let len = 1; len <= maxLength; len++) {
    const next: string[] = [];
    for (const prefix of level) for (const c of LETTERS) next.push(prefix + c);
    yield* next;
    level = next;
  }
}

/** Word starts up to three letters, continuations up to two: every a-z word tokenizes, and similar words share pieces. */
export function buildVocabulary(): string[] {
  const vocab: string[] = [...SPECIAL];
  for (const s of letterStrings(3)) vocab.push(WORD_START + s);
  for (const s of letterStrings(2)) vocab.push(s);
  for (const d of DIGITS) vocab.push(WORD_START + d, d);
  for (const p of PUNCTUATION) vocab.push(WORD_START + p);
  return vocab;
}

export function writeTestModel(path: string, options: TestModelOptions = {}): void {
  const dim = options.dimensions ?? 64;
  const ctx = options.contextLength ?? 512;
  const ff = dim * 2;
  const random = seededRandom(options.seed ?? 42);
  const vocab = buildVocabulary();

  const tokenEmbeddings = new Float32Array(vocab.length * dim);
  // Special tokens stay zero so that [CLS]/[SEP] add nothing to the pooled vector.
  for (let i = SPECIAL.length * dim; i < tokenEmbeddings.length; i++) {
    tokenEmbeddings[i] = gaussian(random);
  }
  const zeros = (n: number) => new Float32Array(n);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const f32 = (name: string, dims: number[], data: Float32Array): TensorSpec => ({
    name,
    dims,
    type: TensorType.F32,
    data,
  });

  const tensors: TensorSpec[] = [
    {
      name: "token_embd.weight",
      dims: [dim, vocab.length],
      type: TensorType.F16,
      data: tokenEmbeddings,
    },
    // token_types must be F32: an F16 table aborts inside ggml.
    f32("token_types.weight", [dim, 2], zeros(dim * 2)),
    f32("position_embd.weight", [dim, ctx], positions(dim, ctx, options.reranker === true)),
    f32("token_embd_norm.weight", [dim], ones(dim)),
    f32("token_embd_norm.bias", [dim], zeros(dim)),
  ];
  const layer = "blk.0";
  for (const name of ["attn_q", "attn_k", "attn_v", "attn_output"]) {
    // Q = K = 0 makes attention uniform; for a reranker V = O = I, so [CLS] receives the tokens' mean.
    const passThrough = options.reranker === true && (name === "attn_v" || name === "attn_output");
    tensors.push(
      f32(`${layer}.${name}.weight`, [dim, dim], passThrough ? identity(dim) : zeros(dim * dim)),
    );
    tensors.push(f32(`${layer}.${name}.bias`, [dim], zeros(dim)));
  }
  tensors.push(
    f32(`${layer}.attn_output_norm.weight`, [dim], ones(dim)),
    f32(`${layer}.attn_output_norm.bias`, [dim], zeros(dim)),
    f32(`${layer}.ffn_up.weight`, [dim, ff], zeros(dim * ff)),
    f32(`${layer}.ffn_up.bias`, [ff], zeros(ff)),
    f32(`${layer}.ffn_down.weight`, [ff, dim], zeros(ff * dim)),
    f32(`${layer}.ffn_down.bias`, [dim], zeros(dim)),
    f32(`${layer}.layer_output_norm.weight`, [dim], ones(dim)),
    f32(`${layer}.layer_output_norm.bias`, [dim], zeros(dim)),
  );

  if (options.reranker) tensors.push(...classifierHead(dim));
  const tokenTypes = vocab.map((t) => ((SPECIAL as readonly string[]).includes(t) ? 3 : 1));
  const meta = new Map<string, MetaValue>([
    ["general.architecture", { type: "string", value: "bert" }],
    [
      "general.name",
      { type: "string", value: options.reranker ? TEST_RERANKER_NAME : TEST_MODEL_NAME },
    ],
    ["bert.context_length", { type: "u32", value: ctx }],
    ["bert.embedding_length", { type: "u32", value: dim }],
    ["bert.feed_forward_length", { type: "u32", value: ff }],
    ["bert.block_count", { type: "u32", value: 1 }],
    ["bert.attention.head_count", { type: "u32", value: 1 }],
    ["bert.attention.layer_norm_epsilon", { type: "f32", value: 1e-12 }],
    ["bert.attention.causal", { type: "bool", value: false }],
    ["bert.pooling_type", { type: "u32", value: options.reranker ? 4 : 1 }], // rank : mean
    ["tokenizer.ggml.model", { type: "string", value: "bert" }],
    ["tokenizer.ggml.tokens", { type: "string[]", value: vocab }],
    ["tokenizer.ggml.token_type", { type: "i32[]", value: tokenTypes }],
    ["tokenizer.ggml.token_type_count", { type: "u32", value: 2 }],
    ["tokenizer.ggml.padding_token_id", { type: "u32", value: 0 }],
    ["tokenizer.ggml.unknown_token_id", { type: "u32", value: 1 }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: 2 }],
    ["tokenizer.ggml.seperator_token_id", { type: "u32", value: 3 }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: 3 }],
    ["tokenizer.ggml.mask_token_id", { type: "u32", value: 4 }],
  ]);
  writeGguf(path, meta, tensors);
}

function identity(dim: number): Float32Array {
  const m = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) m[i * dim + i] = 1;
  return m;
}

/** Position 0 ([CLS]) of a reranker gets a fixed ±1 vector (zero mean, unit variance); the rest stay zero. */
function positions(dim: number, ctx: number, reranker: boolean): Float32Array {
  const table = new Float32Array(dim * ctx);
  if (reranker) for (let i = 0; i < dim; i++) table[i] = i % 2 === 0 ? 1 : -1;
  return table;
}

/**
 * cls: row 0 projects [CLS]'s state onto the position-0 vector (its cosine with it, about 1 when the
 * tokens average out); cls.output turns a smaller cosine — tokens that repeat, as a query's words in
 * a matching text do — into a larger logit.
 */
function classifierHead(dim: number): TensorSpec[] {
  const cls = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) cls[i] = (i % 2 === 0 ? 1 : -1) / dim;
  const out = new Float32Array(dim);
  out[0] = -1000;
  const f32 = (name: string, dims: number[], data: Float32Array): TensorSpec => ({
    name,
    dims,
    type: TensorType.F32,
    data,
  });
  return [
    f32("cls.weight", [dim, dim], cls),
    f32("cls.bias", [dim], new Float32Array(dim)),
    f32("cls.output.weight", [dim, 1], out),
    f32("cls.output.bias", [1], new Float32Array([755])),
  ];
}
